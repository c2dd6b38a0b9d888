#include "ivr/menu_json.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <limits>

namespace cc::ivr {

namespace {

using nlohmann::json;
using core::ErrorCode;
using core::Fail;

constexpr std::size_t kMaxText = 1000;
constexpr std::size_t kMaxName = 200;
constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

tl::unexpected<core::Error> Invalid(const std::string& where, const std::string& what) {
  return Fail(ErrorCode::kInvalidArgument, where.empty() ? what : where + ": " + what);
}

std::string Join(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

core::Result<std::string> Text(const json& o, const char* key, const std::string& where, bool required,
                               std::size_t max = kMaxText) {
  if (!o.contains(key) || o[key].is_null()) {
    if (required) return Invalid(where, fmt::format("'{}' is required", key));
    return std::string();
  }
  if (!o[key].is_string()) return Invalid(where, fmt::format("'{}' must be a string", key));
  std::string s = o[key].get<std::string>();
  if (s.size() > max) return Invalid(where, fmt::format("'{}' is longer than {} bytes", key, max));
  return s;
}

core::Result<std::int64_t> Int(const json& o, const char* key, const std::string& where,
                               std::int64_t min, std::int64_t max, std::optional<std::int64_t> fallback) {
  if (!o.contains(key) || o[key].is_null()) {
    if (fallback) return *fallback;
    return Invalid(where, fmt::format("'{}' is required", key));
  }
  const json& v = o[key];
  bool ok = v.is_number_integer();
  std::int64_t n = 0;
  if (ok && v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    ok = u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    n = static_cast<std::int64_t>(u);
  } else if (ok) {
    n = v.get<std::int64_t>();
  }
  if (!ok || n < min || n > max) {
    return Invalid(where, fmt::format("'{}' must be an integer from {} to {}", key, min, max));
  }
  return n;
}

// "09:00" -> 540; "24:00" allowed as an end.
std::optional<int> Minutes(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  int h = 0, m = 0;
  if (std::from_chars(s.data(), s.data() + 2, h).ptr != s.data() + 2) return std::nullopt;
  if (std::from_chars(s.data() + 3, s.data() + 5, m).ptr != s.data() + 5) return std::nullopt;
  if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string Clock(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

core::Result<std::vector<OpenRange>> Ranges(const json& v, const std::string& where) {
  if (!v.is_array()) return Invalid(where, "must be a list of \"HH:MM-HH:MM\" ranges");
  std::vector<OpenRange> out;
  for (const json& r : v) {
    const std::string s = r.is_string() ? r.get<std::string>() : std::string();
    const auto dash = s.find('-');
    std::optional<int> from, to;
    if (dash != std::string::npos) {
      from = Minutes(std::string_view(s).substr(0, dash));
      to = Minutes(std::string_view(s).substr(dash + 1));
    }
    if (!from || !to) {
      return Invalid(where, fmt::format("'{}' is not a range like \"09:00-18:00\"", r.is_string() ? s : r.dump()));
    }
    if (*from >= *to) return Invalid(where, fmt::format("'{}' ends before it starts", s));
    out.push_back({*from, *to});
  }
  return out;
}

std::optional<std::chrono::year_month_day> Date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ptr != s.data() + 4) return std::nullopt;
  if (std::from_chars(s.data() + 5, s.data() + 7, m).ptr != s.data() + 7) return std::nullopt;
  if (std::from_chars(s.data() + 8, s.data() + 10, d).ptr != s.data() + 10) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok()) return std::nullopt;
  return date;
}

core::Result<Hours> HoursFromJson(const json& v, const std::string& where) {
  if (!v.is_object()) return Invalid(where, "must be an object");
  Hours hours;
  auto zone = Text(v, "time_zone", where, false, 64);
  if (!zone) return tl::unexpected(zone.error());
  hours.time_zone = *zone;
  if (v.contains("week")) {
    const json& week = v["week"];
    const std::string w = Join(where, "week");
    if (!week.is_object()) return Invalid(w, "must be an object of days (\"mon\" ... \"sun\")");
    for (const auto& [day, ranges] : week.items()) {
      std::size_t i = 0;
      while (i < kDays.size() && day != kDays[i]) ++i;
      if (i == kDays.size()) return Invalid(w, fmt::format("'{}' is not a day (mon, tue, wed, thu, fri, sat, sun)", day));
      auto r = Ranges(ranges, Join(w, day));
      if (!r) return tl::unexpected(r.error());
      hours.week[i] = std::move(*r);
    }
  }
  if (v.contains("holidays")) {
    const json& list = v["holidays"];
    const std::string h = Join(where, "holidays");
    if (!list.is_array()) return Invalid(h, "must be a list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string at = fmt::format("{}[{}]", h, i);
      if (!list[i].is_object()) return Invalid(at, "must be an object with a 'date'");
      auto text = Text(list[i], "date", at, true, 10);
      if (!text) return tl::unexpected(text.error());
      auto date = Date(*text);
      if (!date) return Invalid(at, fmt::format("'{}' is not a date like 2027-01-01", *text));
      Holiday holiday{*date, {}};
      if (list[i].contains("open")) {
        auto r = Ranges(list[i]["open"], Join(at, "open"));
        if (!r) return tl::unexpected(r.error());
        holiday.open = std::move(*r);
      }
      hours.holidays.push_back(std::move(holiday));
    }
  }
  return hours;
}

core::Result<Action> ActionFromJson(const json& v, const std::string& where) {
  if (!v.is_object()) return Invalid(where, "must be an object with an 'action'");
  auto kind_text = Text(v, "action", where, true, 20);
  if (!kind_text) return tl::unexpected(kind_text.error());
  auto kind = ActionKindFromString(*kind_text);
  if (!kind) {
    return Invalid(where, fmt::format("'{}' is not an action (queue, menu, callback, message, operator)", *kind_text));
  }
  Action a;
  a.kind = *kind;
  auto say = Text(v, "say", where, a.kind == Action::Kind::kMessage);
  if (!say) return tl::unexpected(say.error());
  a.say = *say;
  auto topic = Text(v, "topic", where, false, kMaxName);
  if (!topic) return tl::unexpected(topic.error());
  a.topic = *topic;
  if (a.kind == Action::Kind::kQueue || a.kind == Action::Kind::kCallback) {
    auto q = Int(v, "queue", where, 1, std::numeric_limits<std::uint32_t>::max(), std::nullopt);
    if (!q) return tl::unexpected(q.error());
    a.queue = core::QueueId(static_cast<std::uint32_t>(*q));
  }
  if (a.kind == Action::Kind::kMenu) {
    auto node = Text(v, "node", where, true, kMaxName);
    if (!node) return tl::unexpected(node.error());
    a.node = *node;
  }
  return a;
}

json ActionJson(const Action& a) {
  json j = {{"action", ToString(a.kind)}};
  if (a.kind == Action::Kind::kQueue || a.kind == Action::Kind::kCallback) j["queue"] = a.queue.value();
  if (a.kind == Action::Kind::kMenu) j["node"] = a.node;
  if (!a.topic.empty()) j["topic"] = a.topic;
  if (!a.say.empty()) j["say"] = a.say;
  return j;
}

json RangesJson(const std::vector<OpenRange>& ranges) {
  json out = json::array();
  for (const OpenRange& r : ranges) out.push_back(Clock(r.from) + "-" + Clock(r.to));
  return out;
}

core::Result<Node> NodeFromJson(const json& v, const std::string& where) {
  if (!v.is_object()) return Invalid(where, "must be an object");
  Node node;
  auto say = Text(v, "say", where, true);
  if (!say) return tl::unexpected(say.error());
  node.say = *say;
  auto timeout = Int(v, "timeout_s", where, 1, 60, 6);
  if (!timeout) return tl::unexpected(timeout.error());
  node.timeout_s = static_cast<int>(*timeout);
  auto retries = Int(v, "retries", where, 0, 5, 2);
  if (!retries) return tl::unexpected(retries.error());
  node.retries = static_cast<int>(*retries);
  if (!v.contains("keys") || !v["keys"].is_object()) {
    return Invalid(where, "'keys' is required: an object of key -> action");
  }
  for (const auto& [key, action] : v["keys"].items()) {
    if (key.size() != 1 || std::string_view("0123456789*#").find(key[0]) == std::string_view::npos) {
      return Invalid(Join(where, "keys"), fmt::format("'{}' is not a phone key (0-9, * or #)", key));
    }
    auto a = ActionFromJson(action, Join(Join(where, "keys"), key));
    if (!a) return tl::unexpected(a.error());
    node.keys.emplace(key[0], std::move(*a));
  }
  if (v.contains("fallback") && !v["fallback"].is_null()) {
    auto a = ActionFromJson(v["fallback"], Join(where, "fallback"));
    if (!a) return tl::unexpected(a.error());
    node.fallback = std::move(*a);
  }
  return node;
}

}  // namespace

core::Result<Menu> MenuFromJson(const json& body) {
  if (!body.is_object()) return Invalid("", "the menu must be a JSON object");
  Menu menu;
  auto tenant = Int(body, "tenant", "", 1, std::numeric_limits<std::uint32_t>::max(), std::nullopt);
  if (!tenant) return tl::unexpected(tenant.error());
  menu.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  auto name = Text(body, "name", "", true, kMaxName);
  if (!name) return tl::unexpected(name.error());
  menu.name = *name;
  auto language = Text(body, "language", "", false, 8);
  if (!language) return tl::unexpected(language.error());
  menu.language = language->empty() ? "ru" : *language;
  if (menu.language != "ru" && menu.language != "en") {
    return Invalid("", fmt::format("'language' must be \"ru\" or \"en\", not '{}'", menu.language));
  }
  if (!body.contains("numbers") || !body["numbers"].is_array()) {
    return Invalid("", "'numbers' is required: a list of the numbers that reach the menu");
  }
  for (const json& n : body["numbers"]) {
    if (!n.is_string()) return Invalid("numbers", "every number must be a string");
    menu.numbers.push_back(n.get<std::string>());
  }
  auto start = Text(body, "start", "", true, kMaxName);
  if (!start) return tl::unexpected(start.error());
  menu.start = *start;
  auto op = Int(body, "operator_queue", "", 1, std::numeric_limits<std::uint32_t>::max(), std::nullopt);
  if (!op) return tl::unexpected(op.error());
  menu.operator_queue = core::QueueId(static_cast<std::uint32_t>(*op));
  auto invalid = Text(body, "invalid_say", "", false);
  if (!invalid) return tl::unexpected(invalid.error());
  menu.invalid_say = *invalid;
  if (!body.contains("nodes") || !body["nodes"].is_object()) {
    return Invalid("", "'nodes' is required: an object of node id -> node");
  }
  for (const auto& [id, node] : body["nodes"].items()) {
    if (id.empty() || id.size() > kMaxName) return Invalid("nodes", "a node id must be 1 to 200 bytes");
    auto n = NodeFromJson(node, Join("nodes", id));
    if (!n) return tl::unexpected(n.error());
    menu.nodes.emplace(id, std::move(*n));
  }
  if (body.contains("hours") && !body["hours"].is_null()) {
    auto h = HoursFromJson(body["hours"], "hours");
    if (!h) return tl::unexpected(h.error());
    menu.hours = std::move(*h);
  }
  if (body.contains("out_of_hours") && !body["out_of_hours"].is_null()) {
    auto a = ActionFromJson(body["out_of_hours"], "out_of_hours");
    if (!a) return tl::unexpected(a.error());
    menu.out_of_hours = std::move(*a);
  }
  return menu;
}

core::Result<Menu> MenuFromJsonText(std::string_view text) {
  json body;
  try {
    body = json::parse(text);
  } catch (const json::exception& e) {
    return Invalid("", fmt::format("the menu is not valid JSON: {}", e.what()));
  }
  return MenuFromJson(body);
}

json ToJson(const Menu& menu) {
  json nodes = json::object();
  for (const auto& [id, node] : menu.nodes) {
    json keys = json::object();
    for (const auto& [key, action] : node.keys) keys[std::string(1, key)] = ActionJson(action);
    json n = {{"say", node.say}, {"timeout_s", node.timeout_s}, {"retries", node.retries}, {"keys", keys}};
    if (node.fallback) n["fallback"] = ActionJson(*node.fallback);
    nodes[id] = n;
  }
  json j = {{"tenant", menu.tenant.value()}, {"name", menu.name},         {"language", menu.language},
            {"numbers", menu.numbers},       {"start", menu.start},       {"nodes", nodes},
            {"operator_queue", menu.operator_queue.value()}};
  if (menu.id != 0) j["id"] = menu.id;
  if (!menu.invalid_say.empty()) j["invalid_say"] = menu.invalid_say;
  if (menu.hours) {
    json week = json::object();
    for (std::size_t i = 0; i < kDays.size(); ++i) {
      if (!menu.hours->week[i].empty()) week[kDays[i]] = RangesJson(menu.hours->week[i]);
    }
    json holidays = json::array();
    for (const Holiday& h : menu.hours->holidays) {
      holidays.push_back({{"date", fmt::format("{:04}-{:02}-{:02}", static_cast<int>(h.date.year()),
                                               static_cast<unsigned>(h.date.month()),
                                               static_cast<unsigned>(h.date.day()))},
                          {"open", RangesJson(h.open)}});
    }
    j["hours"] = {{"week", week}, {"holidays", holidays}};
    if (!menu.hours->time_zone.empty()) j["hours"]["time_zone"] = menu.hours->time_zone;
  }
  if (menu.out_of_hours) j["out_of_hours"] = ActionJson(*menu.out_of_hours);
  return j;
}

}  // namespace cc::ivr
