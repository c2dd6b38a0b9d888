#include "call_scripts/script_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <utility>

namespace cc::call_scripts {

using nlohmann::json;

namespace {

core::Error Invalid(std::string message) {
  return core::Error{core::ErrorCode::kInvalidArgument, std::move(message)};
}

// Reads the fields of one JSON object; `where` prefixes every message
// ("step 'greet': ", or "" for the script itself).
class Fields {
 public:
  Fields(const json& object, std::string where, std::string what)
      : object_(object), where_(std::move(where)), what_(std::move(what)) {}

  core::Error Error(const std::string& message) const { return Invalid(where_ + message); }

  core::Status OnlyKeys(std::initializer_list<std::string_view> allowed) const {
    for (const auto& item : object_.items()) {
      if (std::find(allowed.begin(), allowed.end(), item.key()) == allowed.end()) {
        return tl::unexpected(Error(fmt::format("'{}' is not a field of {}", item.key(), what_)));
      }
    }
    return {};
  }

  bool Has(const std::string& key) const { return object_.contains(key); }

  core::Result<std::string> String(const std::string& key) const {
    if (!Has(key)) return tl::unexpected(Error(fmt::format("'{}' is required", key)));
    return OptionalString(key);
  }

  // "" when absent.
  core::Result<std::string> OptionalString(const std::string& key) const {
    if (!Has(key)) return std::string();
    if (!object_[key].is_string()) {
      return tl::unexpected(Error(fmt::format("'{}' must be a string", key)));
    }
    return object_[key].get<std::string>();
  }

  // false when absent.
  core::Result<bool> OptionalBool(const std::string& key) const {
    if (!Has(key)) return false;
    if (!object_[key].is_boolean()) return tl::unexpected(Error(fmt::format("'{}' must be true or false", key)));
    return object_[key].get<bool>();
  }

  core::Result<std::int64_t> Int(const std::string& key, std::int64_t min, std::int64_t max) const {
    if (!Has(key)) return tl::unexpected(Error(fmt::format("'{}' is required", key)));
    const json& v = object_[key];
    // nlohmann reads every non-negative literal as unsigned: both bounds apply to it too.
    const bool in_range =
        v.is_number_integer() &&
        (v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(max) &&
                                      static_cast<std::int64_t>(v.get<std::uint64_t>()) >= min
                                : v.get<std::int64_t>() >= min && v.get<std::int64_t>() <= max);
    if (!in_range) {
      return tl::unexpected(
          Error(fmt::format("'{}' must be an integer from {} to {}", key, min, max)));
    }
    return v.get<std::int64_t>();
  }

  template <typename T>
  core::Result<T> Enum(const std::string& key, core::Result<T> (*parse)(std::string_view)) const {
    auto text = String(key);
    if (!text) return tl::unexpected(text.error());
    auto value = parse(*text);
    if (!value) return tl::unexpected(Error(fmt::format("'{}': {}", key, value.error().message)));
    return value;
  }

  const json& operator[](const std::string& key) const { return object_[key]; }

 private:
  const json& object_;
  std::string where_;
  std::string what_;
};

#define CC_TRY(var, expr)                                         \
  auto var##_result = (expr);                                     \
  if (!var##_result) return tl::unexpected(var##_result.error()); \
  auto var = std::move(*var##_result)

core::Result<Say> SayFromJson(const Fields& f) {
  if (auto ok = f.OnlyKeys({"kind", "text", "next"}); !ok) return tl::unexpected(ok.error());
  CC_TRY(text, f.String("text"));
  CC_TRY(next, f.OptionalString("next"));
  return Say{std::move(text), std::move(next)};
}

core::Result<Ask> AskFromJson(const Fields& f, const std::string& where) {
  if (auto ok = f.OnlyKeys({"kind", "text", "options"}); !ok) return tl::unexpected(ok.error());
  Ask ask;
  CC_TRY(text, f.String("text"));
  ask.text = std::move(text);
  if (!f.Has("options") || !f["options"].is_array()) {
    return tl::unexpected(f.Error("'options' must be an array"));
  }
  std::size_t index = 0;
  for (const json& item : f["options"]) {
    ++index;
    if (!item.is_object()) {
      return tl::unexpected(f.Error(fmt::format("option {} must be an object", index)));
    }
    const Fields option(item, fmt::format("{}option {}: ", where, index), "an option");
    if (auto ok = option.OnlyKeys({"label", "next"}); !ok) return tl::unexpected(ok.error());
    CC_TRY(label, option.String("label"));
    CC_TRY(next, option.OptionalString("next"));
    AskOption parsed{std::move(label), std::move(next)};
    ask.options.push_back(std::move(parsed));
  }
  return ask;
}

core::Result<Collect> CollectFromJson(const Fields& f) {
  if (auto ok = f.OnlyKeys({"kind", "label", "target", "field", "input", "next"}); !ok) {
    return tl::unexpected(ok.error());
  }
  CC_TRY(label, f.String("label"));
  CC_TRY(target, f.Enum<CollectTarget>("target", &CollectTargetFromString));
  CC_TRY(field, f.String("field"));
  CC_TRY(next, f.OptionalString("next"));
  CollectInput input = CollectInput::kText;
  if (f.Has("input")) {
    CC_TRY(parsed, f.Enum<CollectInput>("input", &CollectInputFromString));
    input = parsed;
  }
  return Collect{std::move(label), target, std::move(field), std::move(next), input};
}

core::Result<Action> ActionFromJson(const Fields& f) {
  Action action;
  CC_TRY(kind, f.Enum<ActionKind>("action", &ActionKindFromString));
  action.kind = kind;
  core::Status keys;
  switch (kind) {
    case ActionKind::kOpenCase:
      keys = f.OnlyKeys({"kind", "action", "category", "next"});
      break;
    case ActionKind::kTransfer:
      keys = f.OnlyKeys({"kind", "action", "to", "id", "stay", "next"});
      break;
    case ActionKind::kConsultSupervisorThenTransfer:
      keys = f.OnlyKeys({"kind", "action", "number", "next"});
      break;
    case ActionKind::kEndCall:
      keys = f.OnlyKeys({"kind", "action", "outcome", "next"});
      break;
    case ActionKind::kCreateOrder:
    case ActionKind::kScheduleCallback:
    case ActionKind::kRequeueAtHeadAndAlert:
    case ActionKind::kHold:
      keys = f.OnlyKeys({"kind", "action", "next"});
      break;
    case ActionKind::kReturn:
      keys = f.OnlyKeys({"kind", "action"});
      break;
  }
  if (!keys) return tl::unexpected(keys.error());
  if (kind == ActionKind::kOpenCase) {
    CC_TRY(category, f.String("category"));
    action.case_category = std::move(category);
  }
  if (kind == ActionKind::kTransfer) {
    CC_TRY(to, f.Enum<TransferTarget>("to", &TransferTargetFromString));
    CC_TRY(id, f.OptionalString("id"));
    CC_TRY(stay, f.OptionalBool("stay"));
    action.transfer = Transfer{to, std::move(id), stay};
  }
  if (kind == ActionKind::kConsultSupervisorThenTransfer) {
    CC_TRY(number, f.String("number"));
    action.external_number = std::move(number);
  }
  if (kind == ActionKind::kEndCall) {
    CC_TRY(outcome, f.String("outcome"));
    action.outcome = std::move(outcome);
  }
  CC_TRY(next, f.OptionalString("next"));
  action.next = std::move(next);
  return action;
}

core::Result<Jump> JumpFromJson(const Fields& f) {
  if (auto ok = f.OnlyKeys({"kind", "to"}); !ok) return tl::unexpected(ok.error());
  CC_TRY(to, f.OptionalString("to"));
  return Jump{std::move(to)};
}

bool IsStepIdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

core::Result<Step> StepFromJson(const std::string& id, const json& body) {
  const std::string where = fmt::format("step '{}': ", id);
  if (id.empty() || !std::all_of(id.begin(), id.end(), IsStepIdChar)) {
    return tl::unexpected(Invalid(where + "a step id may hold only letters, digits, '_' and '-'"));
  }
  if (!body.is_object()) return tl::unexpected(Invalid(where + "a step must be an object"));
  CC_TRY(kind, (Fields(body, where, "a step").Enum<StepKind>("kind", &StepKindFromString)));
  const bool vowel = kind == StepKind::kAsk || kind == StepKind::kAction;
  const Fields f(body, where, fmt::format("{} {} step", vowel ? "an" : "a", ToString(kind)));
  auto wrap = [](auto parsed) -> core::Result<Step> {
    if (!parsed) return tl::unexpected(parsed.error());
    Step step;
    step.body = std::move(*parsed);
    return step;
  };
  switch (kind) {
    case StepKind::kSay:
      return wrap(SayFromJson(f));
    case StepKind::kAsk:
      return wrap(AskFromJson(f, where));
    case StepKind::kCollect:
      return wrap(CollectFromJson(f));
    case StepKind::kAction:
      return wrap(ActionFromJson(f));
    case StepKind::kJump:
      return wrap(JumpFromJson(f));
  }
  return tl::unexpected(Invalid(where + "unknown step kind"));
}

void AddNext(json& out, const std::string& key, const std::string& target) {
  if (!target.empty()) out[key] = target;
}

json StepToJson(const Step& step) {
  json out = {{"kind", ToString(step.kind())}};
  if (const auto* say = std::get_if<Say>(&step.body)) {
    out["text"] = say->text;
    AddNext(out, "next", say->next);
  } else if (const auto* ask = std::get_if<Ask>(&step.body)) {
    out["text"] = ask->text;
    json options = json::array();
    for (const AskOption& option : ask->options) {
      json item = {{"label", option.label}};
      AddNext(item, "next", option.next);
      options.push_back(std::move(item));
    }
    out["options"] = std::move(options);
  } else if (const auto* collect = std::get_if<Collect>(&step.body)) {
    out["label"] = collect->label;
    out["target"] = ToString(collect->target);
    out["field"] = collect->field;
    if (collect->input != CollectInput::kText) out["input"] = ToString(collect->input);
    AddNext(out, "next", collect->next);
  } else if (const auto* action = std::get_if<Action>(&step.body)) {
    out["action"] = ToString(action->kind);
    switch (action->kind) {
      case ActionKind::kOpenCase:
        out["category"] = action->case_category;
        break;
      case ActionKind::kTransfer:
        out["to"] = ToString(action->transfer.to);
        AddNext(out, "id", action->transfer.id);
        if (action->transfer.stay) out["stay"] = true;
        break;
      case ActionKind::kConsultSupervisorThenTransfer:
        out["number"] = action->external_number;
        break;
      case ActionKind::kEndCall:
        out["outcome"] = action->outcome;
        break;
      case ActionKind::kCreateOrder:
      case ActionKind::kScheduleCallback:
      case ActionKind::kRequeueAtHeadAndAlert:
      case ActionKind::kHold:
      case ActionKind::kReturn:
        break;
    }
    AddNext(out, "next", action->next);
  } else if (const auto* jump = std::get_if<Jump>(&step.body)) {
    AddNext(out, "to", jump->to);
  }
  return out;
}

}  // namespace

core::Result<Script> ScriptFromJson(const json& body) {
  if (!body.is_object()) return tl::unexpected(Invalid("a script must be a JSON object"));
  const Fields f(body, "", "a script");
  if (auto ok = f.OnlyKeys({"id", "tenant_id", "name", "version", "language", "start", "steps"});
      !ok) {
    return tl::unexpected(ok.error());
  }
  Script script;
  if (f.Has("id")) {
    CC_TRY(id, f.Int("id", 1, INT64_MAX));
    script.id = ScriptId(static_cast<std::uint64_t>(id));
  }
  CC_TRY(tenant, f.Int("tenant_id", 1, 0xFFFFFFFF));
  script.tenant = core::TenantId(static_cast<std::uint32_t>(tenant));
  CC_TRY(name, f.String("name"));
  script.name = std::move(name);
  CC_TRY(version, f.Int("version", 1, 1'000'000));
  script.version = static_cast<int>(version);
  CC_TRY(language, f.Enum<Language>("language", &LanguageFromString));
  script.language = language;
  CC_TRY(start, f.String("start"));
  script.start = std::move(start);
  if (!f.Has("steps") || !f["steps"].is_object()) {
    return tl::unexpected(Invalid("'steps' must be an object of steps by id"));
  }
  for (const auto& item : f["steps"].items()) {
    CC_TRY(step, StepFromJson(item.key(), item.value()));
    script.steps.emplace(item.key(), std::move(step));
  }
  return script;
}

core::Result<Script> ScriptFromJsonText(std::string_view text) {
  json body;
  try {
    body = json::parse(text);
  } catch (const json::exception& e) {  // parse_error, or out_of_range for a number like 1e999
    return tl::unexpected(Invalid(fmt::format("the script is not valid JSON: {}", e.what())));
  }
  return ScriptFromJson(body);
}

json ToJson(const Script& script) {
  json steps = json::object();
  for (const auto& [id, step] : script.steps) steps[id] = StepToJson(step);
  json out = {{"tenant_id", script.tenant.value()},
              {"name", script.name},
              {"version", script.version},
              {"language", ToString(script.language)},
              {"start", script.start},
              {"steps", std::move(steps)}};
  if (script.id.valid()) out["id"] = script.id.value();
  return out;
}

#undef CC_TRY

}  // namespace cc::call_scripts
