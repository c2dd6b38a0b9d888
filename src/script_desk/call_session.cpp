#include "script_desk/call_session.h"

#include <fmt/format.h>

#include <algorithm>

namespace cc::script_desk {

using call_scripts::Action;
using call_scripts::ActionKind;
using call_scripts::Collect;
using call_scripts::CollectInput;
using call_scripts::PlaceholderValues;
using call_scripts::StepKind;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxValue = 2000;

core::Status Precondition(std::string message) {
  return core::Fail(core::ErrorCode::kFailedPrecondition, std::move(message));
}

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool Digit(char c) { return c >= '0' && c <= '9'; }

// "2026-11-28T15:00" (seconds allowed).
bool LocalDateTime(const std::string& v) {
  if (v.size() != 16 && v.size() != 19) return false;
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (kShape[i] == 'd' ? !Digit(v[i]) : v[i] != kShape[i]) return false;
  }
  return true;
}

core::Result<std::string> CheckValue(const Collect& collect, const std::optional<std::string>& raw,
                                     const std::string& step) {
  const std::string value = raw ? Trim(*raw) : "";
  if (value.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("step '{}' needs a value: {}", step, collect.label));
  }
  if (value.size() > kMaxValue) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("the value is longer than {} characters", kMaxValue));
  }
  if (collect.input == CollectInput::kDateTime && !LocalDateTime(value)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("'{}' is not a date and time such as 2026-11-28T15:00", value));
  }
  if (collect.input == CollectInput::kPhone) {
    const auto digits = std::count_if(value.begin(), value.end(), Digit);
    const bool shape = std::all_of(value.begin(), value.end(), [](char c) {
      return Digit(c) || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')';
    });
    if (!shape || digits < 5 || digits > 15) {
      return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("'{}' is not a phone number", value));
    }
  }
  return value;
}

json ActionJson(const Action& a) {
  return {{"kind", call_scripts::ToString(a.kind)},
          {"outcome", a.outcome},
          {"category", a.case_category},
          {"number", a.external_number},
          {"transfer", {{"to", call_scripts::ToString(a.transfer.to)}, {"id", a.transfer.id}, {"stay", a.transfer.stay}}}};
}

}  // namespace

CallSession::ActiveRun* CallSession::Active() {
  if (situation_) return &*situation_;
  return main_ ? &*main_ : nullptr;
}

const CallSession::ActiveRun* CallSession::Active() const {
  if (situation_) return &*situation_;
  return main_ ? &*main_ : nullptr;
}

void CallSession::Record(const ActiveRun& r, std::string event, core::Timestamp now, json detail, std::string action,
                         std::string outcome) {
  UseRecord u;
  u.at = now;
  u.code = r.code;
  u.kind = r.kind;
  u.version = r.run.version();
  u.language = r.run.script().language;
  u.step = r.run.current();
  u.step_kind = r.run.step().kind();
  u.event = std::move(event);
  u.action = std::move(action);
  u.outcome = std::move(outcome);
  u.detail = std::move(detail);
  records_.push_back(std::move(u));
}

void CallSession::Shown(const ActiveRun& r, core::Timestamp now) {
  Record(r, "shown", now);
}

core::Status CallSession::StartMain(const StoredScript& script, core::Timestamp now) {
  auto run = call_scripts::Run::Start(script.script);
  if (!run) return tl::unexpected(run.error());
  main_.emplace(ActiveRun{script.code, script.kind, ++instances_, std::move(*run)});
  Shown(*main_, now);
  return {};
}

core::Status CallSession::OpenSituation(const StoredScript& situation, core::Timestamp now) {
  auto run = call_scripts::Run::Start(situation.script);
  if (!run) return tl::unexpected(run.error());
  situation_.emplace(ActiveRun{situation.code, situation.kind, ++instances_, std::move(*run)});
  Shown(*situation_, now);
  return {};
}

void CallSession::CloseSituation() {
  situation_.reset();
}

std::string CallSession::StageOf(const ActiveRun& r) const {
  const auto* action = std::get_if<Action>(&r.run.step().body);
  const bool two_stages = action != nullptr && (action->kind == ActionKind::kConsultSupervisorThenTransfer ||
                                                 (action->kind == ActionKind::kTransfer && action->transfer.stay));
  if (!two_stages) return "";
  return consulted_.count({r.instance, r.run.current()}) ? "transfer" : "consult";
}

core::Status CallSession::PerformHere(ActiveRun& r, const Action& action, bool skip_consult, CallWorld& world,
                                      core::Timestamp now, bool& stay) {
  stay = false;
  if (action.kind == ActionKind::kReturn) {
    Record(r, "action", now, json::object(), "return");
    return {};
  }
  std::string stage = StageOf(r);
  if (stage == "consult" && skip_consult) stage = "transfer";
  auto result = world.Perform(ActionRequest{action, stage, values_, r.code, &r.run.script()});
  if (!result) return tl::unexpected(result.error());
  json detail = result->is_object() ? *result : json::object();
  const std::string name = stage == "consult" ? "consult" : std::string(call_scripts::ToString(action.kind));
  json done = detail;
  done["action"] = name;
  done["step"] = r.run.current();
  done["code"] = r.code;
  done_.push_back(std::move(done));
  Record(r, "action", now, detail, name);
  if (stage == "consult") {
    consulted_.insert({r.instance, r.run.current()});
    stay = true;
    return {};
  }
  if (action.kind == ActionKind::kEndCall) Record(r, "outcome", now, json::object(), name, action.outcome);
  return {};
}

core::Status CallSession::Next(const std::optional<std::string>& value, bool skip_consult, CallWorld& world,
                               core::Timestamp now) {
  ActiveRun* r = Active();
  if (r == nullptr) return Precondition("no script runs on this call: open a playbook situation");
  const call_scripts::Step& step = r->run.step();
  const std::pair<int, std::string> key{r->instance, r->run.current()};
  if (const auto* collect = std::get_if<Collect>(&step.body)) {
    auto checked = CheckValue(*collect, value, r->run.current());
    if (!checked) return tl::unexpected(checked.error());
    values_[collect->field] = *checked;
    Record(*r, "collected", now, {{"field", collect->field}, {"value", *checked}});
  } else if (const auto* action = std::get_if<Action>(&step.body)) {
    if (performed_.count(key) != 0 && call_scripts::IsTerminal(step)) {
      return Precondition(fmt::format("the script ended at step '{}'", r->run.current()));
    }
    if (performed_.count(key) == 0) {
      bool stay = false;
      if (auto done = PerformHere(*r, *action, skip_consult, world, now, stay); !done) return done;
      if (stay) return {};
      performed_.insert(key);
    }
    if (action->kind == ActionKind::kReturn) {
      if (situation_ && r == &*situation_) CloseSituation();
      return {};
    }
    if (call_scripts::IsTerminal(step)) return {};
  }
  if (auto moved = r->run.Next(); !moved) return moved;
  Shown(*r, now);
  return {};
}

core::Status CallSession::Choose(std::size_t option, core::Timestamp now) {
  ActiveRun* r = Active();
  if (r == nullptr) return Precondition("no script runs on this call");
  const auto* ask = std::get_if<call_scripts::Ask>(&r->run.step().body);
  const std::string label = ask != nullptr && option < ask->options.size() ? ask->options[option].label : "";
  const std::string at = r->run.current();
  if (auto moved = r->run.Choose(option); !moved) return moved;
  // The answer belongs to the ask step, recorded before the step it leads to.
  UseRecord u;
  u.at = now;
  u.code = r->code;
  u.kind = r->kind;
  u.version = r->run.version();
  u.language = r->run.script().language;
  u.step = at;
  u.step_kind = StepKind::kAsk;
  u.event = "answered";
  u.detail = {{"option", option}, {"label", label}};
  records_.push_back(std::move(u));
  Shown(*r, now);
  return {};
}

core::Status CallSession::Back(core::Timestamp now) {
  ActiveRun* r = Active();
  if (r == nullptr) return Precondition("no script runs on this call");
  if (auto moved = r->run.Back(); !moved) return moved;
  Record(*r, "shown", now, {{"via", "back"}});
  return {};
}

core::Status CallSession::Forward(core::Timestamp now) {
  ActiveRun* r = Active();
  if (r == nullptr) return Precondition("no script runs on this call");
  if (auto moved = r->run.Forward(); !moved) return moved;
  Record(*r, "shown", now, {{"via", "forward"}});
  return {};
}

PlaceholderValues CallSession::Values(PlaceholderValues facts) const {
  for (const auto& [field, value] : values_) {
    if (call_scripts::IsKnownPlaceholder(field) && !value.empty()) facts[field] = value;
  }
  return facts;
}

json CallSession::RunJson(const ActiveRun& r, const PlaceholderValues& values) const {
  const call_scripts::Run& run = r.run;
  const call_scripts::StepView view = run.View(values);
  const bool performed = performed_.count({r.instance, run.current()}) != 0;
  json step = {{"id", view.step},
               {"kind", call_scripts::ToString(view.kind)},
               {"text", view.text},
               {"options", view.options},
               {"ends", view.ends}};
  if (const auto* collect = std::get_if<Collect>(&run.step().body)) {
    const auto it = values_.find(collect->field);
    step["collect"] = {{"field", collect->field},
                       {"target", call_scripts::ToString(collect->target)},
                       {"input", call_scripts::ToString(collect->input)},
                       {"value", it == values_.end() ? "" : it->second}};
  }
  if (const auto* action = std::get_if<Action>(&run.step().body)) {
    json a = ActionJson(*action);
    const std::string stage = StageOf(r);
    a["stage"] = stage.empty() ? json(nullptr) : json(stage);
    a["done"] = performed;
    step["action"] = std::move(a);
  }
  json path = json::array();
  for (const std::string& id : run.path()) {
    const call_scripts::StepView v = run.ViewOf(id, values);
    path.push_back({{"id", id}, {"kind", call_scripts::ToString(v.kind)}, {"text", v.text}});
  }
  const call_scripts::Script& s = run.script();
  return {{"code", r.code},
          {"kind", ToString(r.kind)},
          {"name", s.name},
          {"version", s.version},
          {"language", call_scripts::ToString(s.language)},
          {"step", std::move(step)},
          {"path", std::move(path)},
          {"can_back", run.path().size() > 1},
          {"can_forward", run.can_forward()},
          {"ended", view.ends && performed}};
}

json CallSession::ToJson(const PlaceholderValues& facts) const {
  const PlaceholderValues values = Values(facts);
  json values_json = json::object();
  for (const auto& [k, v] : values_) values_json[k] = v;
  return {{"call", context_.call.value()},
          {"main", main_ ? RunJson(*main_, values) : json(nullptr)},
          {"situation", situation_ ? RunJson(*situation_, values) : json(nullptr)},
          {"values", std::move(values_json)},
          {"done", done_}};
}

std::vector<UseRecord> CallSession::TakeRecords() {
  std::vector<UseRecord> out;
  out.swap(records_);
  return out;
}

}  // namespace cc::script_desk
