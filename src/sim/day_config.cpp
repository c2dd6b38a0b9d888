#include "sim/day_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <map>

#include "core/units.h"

namespace cc::sim {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

// Builds messages like "day.toml:12: queue 'sales' arrivals: ...".
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  tl::unexpected<core::Error> Error(const toml::node* node, std::string_view key,
                                    std::string_view what) const {
    const auto line = node ? node->source().begin.line : 0;
    return Fail(ErrorCode::kInvalidArgument,
                line ? fmt::format("{}:{}: {}: {}", source_, line, key, what)
                     : fmt::format("{}: {}: {}", source_, key, what));
  }

  Result<std::string> String(const toml::table& t, std::string_view key,
                             std::optional<std::string> fallback,
                             std::string_view label = {}) const {
    const std::string_view shown = label.empty() ? key : label;
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      return Error(&t, shown, "is missing");
    }
    if (auto v = n->value<std::string>()) return *v;
    return Error(n, shown, "must be a string");
  }

  Result<Duration> Dur(const toml::table& t, std::string_view key, std::optional<Duration> fallback,
                       bool positive = false, std::string_view label = {}) const {
    const std::string_view shown = label.empty() ? key : label;
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      return Error(&t, shown, "is missing");
    }
    auto s = n->value<std::string>();
    if (!s) return Error(n, shown, "must be a duration in quotes, like \"180s\" or \"15m\"");
    auto d = positive ? core::ParsePositiveDuration(*s) : core::ParseDuration(*s);
    if (!d) return Error(n, shown, d.error().message);
    return *d;
  }

  // "HH:MM" → offset from the day's start time.
  Result<Duration> ClockTime(const toml::table& t, std::string_view key, Duration day_start,
                             std::string_view label = {}) const {
    const std::string_view shown = label.empty() ? key : label;
    const toml::node* n = t.get(key);
    if (!n) return Error(&t, shown, "is missing");
    auto s = n->value<std::string>();
    int h = -1, m = -1;
    char colon = 0;
    if (!s || std::sscanf(s->c_str(), "%d%c%d", &h, &colon, &m) != 3 || colon != ':' || h < 0 ||
        h > 24 || m < 0 || m > 59)
      return Error(n, shown, "must be a time of day like \"08:30\"");
    const Duration at = std::chrono::hours(h) + std::chrono::minutes(m);
    if (at < day_start) return Error(n, shown, "is before the start of the day");
    return at - day_start;
  }

  Result<std::int64_t> Int(const toml::table& t, std::string_view key,
                           std::optional<std::int64_t> fallback, std::int64_t min, std::int64_t max,
                           std::string_view label = {}) const {
    const std::string_view shown = label.empty() ? key : label;
    const toml::node* n = t.get(key);
    if (!n) {
      if (fallback) return *fallback;
      return Error(&t, shown, "is missing");
    }
    auto v = n->value<std::int64_t>();
    if (!v || n->is_floating_point()) return Error(n, shown, "must be a whole number");
    if (*v < min || *v > max)
      return Error(n, shown, fmt::format("must be between {} and {}", min, max));
    return *v;
  }

  std::string source_;
};

}  // namespace

Result<DayModel> ParseDayModel(std::string_view text, std::string_view source_name) {
  Reader r(source_name);
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}:{}: {}", source_name, e.source().begin.line, e.description()));
  }
  DayModel m;
  auto name = r.String(root, "name", std::string("day"));
  if (!name) return tl::unexpected(name.error());
  m.name = *name;

  auto start_text = r.String(root, "start", std::string("08:00"));
  if (!start_text) return tl::unexpected(start_text.error());
  int sh = 0, sm = 0;
  char colon = 0;
  if (std::sscanf(start_text->c_str(), "%d%c%d", &sh, &colon, &sm) != 3 || colon != ':' || sh < 0 ||
      sh > 23 || sm < 0 || sm > 59)
    return r.Error(root.get("start"), "start", "must be a time of day like \"08:00\"");
  const Duration day_start = std::chrono::hours(sh) + std::chrono::minutes(sm);
  // The calendar date does not change the simulation; reports show times of day.
  m.start = core::FromMillis(1'795'737'600'000) + day_start;  // 2026-11-27 00:00 UTC

  auto interval = r.Dur(root, "interval", std::chrono::minutes(15), true);
  if (!interval) return tl::unexpected(interval.error());
  m.interval = *interval;
  auto seed = r.Int(root, "seed", 1, 0, std::numeric_limits<std::int64_t>::max());
  if (!seed) return tl::unexpected(seed.error());
  m.seed = static_cast<std::uint64_t>(*seed);
  auto answer = r.Dur(root, "answer_delay", Duration{});
  if (!answer) return tl::unexpected(answer.error());
  m.answer_delay = *answer;

  std::map<std::string, acd::SkillId> skills;
  auto skill_id = [&](const std::string& skill_name) {
    auto [it, inserted] =
        skills.try_emplace(skill_name, acd::SkillId(static_cast<std::uint32_t>(skills.size() + 1)));
    if (inserted) m.skill_names.push_back(skill_name);
    return it->second;
  };
  // "sales:7" or "sales" (level 1).
  auto skill_list = [&](const toml::table& t,
                        std::string_view key) -> Result<std::vector<acd::SkillLevel>> {
    std::vector<acd::SkillLevel> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr) return r.Error(n, key, "must be a list like [\"sales:5\"]");
    for (const auto& item : *arr) {
      auto s = item.value<std::string>();
      if (!s) return r.Error(&item, key, "entries are strings like \"sales:5\"");
      const auto pos = s->find(':');
      int level = 1;
      if (pos != std::string::npos) {
        auto lv = core::ParseWholeNumber(s->substr(pos + 1));
        if (!lv || *lv < 1 || *lv > 10)
          return r.Error(&item, key, "'" + *s + "': the level must be 1..10");
        level = static_cast<int>(*lv);
      }
      out.push_back({skill_id(s->substr(0, pos)), level});
    }
    return out;
  };

  const toml::array* queues = root["queue"].as_array();
  if (!queues || queues->empty())
    return r.Error(&root, "queue", "at least one [[queue]] is needed");
  std::map<std::string, acd::QueueId> queue_ids;
  for (const auto& qn : *queues) {
    const toml::table* qt = qn.as_table();
    if (!qt) return r.Error(&qn, "queue", "must be a table");
    auto qname = r.String(*qt, "name", std::nullopt);
    if (!qname) return tl::unexpected(qname.error());
    if (queue_ids.contains(*qname))
      return r.Error(qt, "name", "queue '" + *qname + "' is defined twice");
    queue_ids[*qname] = acd::QueueId(static_cast<std::uint32_t>(queue_ids.size() + 1));
  }
  auto queue_key = [&](const std::string& qname, std::string_view key) {
    return fmt::format("queue '{}' {}", qname, key);
  };
  for (const auto& qn : *queues) {
    const toml::table& qt = *qn.as_table();
    QueueModel q;
    q.config.name = *r.String(qt, "name", std::nullopt);
    q.config.id = queue_ids.at(q.config.name);
    q.config.tenant = acd::TenantId(1);
    const std::string& qname = q.config.name;
    auto prio = r.Int(qt, "priority", 0, -100, 100, queue_key(qname, "priority"));
    if (!prio) return tl::unexpected(prio.error());
    q.config.priority = static_cast<int>(*prio);
    if (const toml::node* n = qt.get("target")) {
      auto s = n->value<std::string>();
      auto target = s ? core::ParseServiceTarget(*s)
                      : core::Result<core::ServiceTarget>(
                            Fail(ErrorCode::kInvalidArgument, "must be like \"80/20s\""));
      if (!target) return r.Error(n, queue_key(qname, "target"), target.error().message);
      q.config.sl_threshold = target->threshold;
      q.config.sl_target_percent = static_cast<int>(std::lround(target->fraction * 100));
    }
    struct DurField {
      const char* key;
      Duration* into;
      bool positive;
    };
    Duration aht{}, patience{};
    for (const DurField& f : {DurField{"wrap_up", &q.config.wrap_up, false},
                              DurField{"max_wait", &q.config.max_wait, false},
                              DurField{"ring_timeout", &q.config.ring_timeout, true},
                              DurField{"short_abandon", &q.config.short_abandon, false},
                              DurField{"announce_every", &q.config.announce_every, false}}) {
      auto d = r.Dur(qt, f.key, *f.into, f.positive, queue_key(qname, f.key));
      if (!d) return tl::unexpected(d.error());
      *f.into = *d;
    }
    auto aht_r = r.Dur(qt, "aht", std::nullopt, true, queue_key(qname, "aht"));
    if (!aht_r) return tl::unexpected(aht_r.error());
    aht = *aht_r;
    q.handle.mean = aht;
    auto dist = r.String(qt, "handle", std::string("exponential"), queue_key(qname, "handle"));
    if (!dist) return tl::unexpected(dist.error());
    if (*dist == "exponential")
      q.handle.kind = HandleDistribution::kExponential;
    else if (*dist == "lognormal")
      q.handle.kind = HandleDistribution::kLognormal;
    else
      return r.Error(qt.get("handle"), queue_key(qname, "handle"),
                     "must be \"exponential\" or \"lognormal\"");
    if (const toml::node* n = qt.get("handle_cv")) {
      auto cv = n->value<double>();
      if (!cv || *cv <= 0 || *cv > 5)
        return r.Error(n, queue_key(qname, "handle_cv"), "must be a number above 0 and at most 5");
      q.handle.cv = *cv;
    }
    if (qt.get("patience")) {
      auto p = r.Dur(qt, "patience", std::nullopt, true, queue_key(qname, "patience"));
      if (!p) return tl::unexpected(p.error());
      patience = *p;
      q.patience = patience;
    }
    auto req = skill_list(qt, "skills");
    if (!req) return tl::unexpected(req.error());
    for (const auto& s : *req) q.config.required_skills.push_back({s.skill, s.level});
    if (const toml::node* n = qt.get("overflow")) {
      auto target = n->value<std::string>();
      if (!target)
        return r.Error(n, queue_key(qname, "overflow"), "must be a queue name or \"callback\"");
      if (*target == "callback") {
        q.config.overflow = {acd::OverflowKind::kCallbackOffer, {}};
      } else if (queue_ids.contains(*target)) {
        q.config.overflow = {acd::OverflowKind::kQueue, queue_ids.at(*target)};
      } else {
        return r.Error(n, queue_key(qname, "overflow"), "no queue is called '" + *target + "'");
      }
    }
    if (const toml::node* n = qt.get("policy")) {
      auto p = n->value<std::string>();
      auto policy = p ? acd::ParseRoutingPolicy(*p) : std::nullopt;
      if (!policy)
        return r.Error(n, queue_key(qname, "policy"),
                       "must be longest-idle, fewest-calls, round-robin or skills-best-match");
      q.config.policy = *policy;
    }
    const toml::node* arr_node = qt.get("arrivals");
    const toml::array* arr = arr_node ? arr_node->as_array() : nullptr;
    if (!arr || arr->empty())
      return r.Error(arr_node ? arr_node : &qt, queue_key(qname, "arrivals"),
                     "needs a list of calls per interval");
    for (const auto& v : *arr) {
      auto calls = v.value<double>();
      if (!calls || *calls < 0)
        return r.Error(&v, queue_key(qname, "arrivals"),
                       "entries are numbers of calls, zero or more");
      q.arrivals.push_back(*calls);
    }
    m.queues.push_back(std::move(q));
  }
  m.intervals = static_cast<int>(m.queues.front().arrivals.size());
  for (const auto& q : m.queues)
    if (q.arrivals.size() != m.queues.front().arrivals.size())
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: queue '{}' arrivals: {} figures, but queue '{}' has {}; every "
                              "queue needs one per interval",
                              source_name, q.config.name, q.arrivals.size(),
                              m.queues.front().config.name, m.queues.front().arrivals.size()));

  const toml::array* shifts = root["shift"].as_array();
  if (!shifts || shifts->empty())
    return r.Error(&root, "shift", "at least one [[shift]] is needed");
  for (const auto& sn : *shifts) {
    const toml::table* st = sn.as_table();
    if (!st) return r.Error(&sn, "shift", "must be a table");
    Shift s;
    auto sname = r.String(*st, "name", std::nullopt);
    if (!sname) return tl::unexpected(sname.error());
    s.name = *sname;
    const std::string key = "shift '" + s.name + "'";
    auto agents = r.Int(*st, "agents", std::nullopt, 0, 100000, key + " agents");
    if (!agents) return tl::unexpected(agents.error());
    s.agents = static_cast<int>(*agents);
    auto from = r.ClockTime(*st, "start", day_start, key + " start");
    if (!from) return tl::unexpected(from.error());
    auto to = r.ClockTime(*st, "end", day_start, key + " end");
    if (!to) return tl::unexpected(to.error());
    if (*to <= *from) return r.Error(st->get("end"), key + " end", "must be after its start");
    s.start_offset = *from;
    s.end_offset = *to;
    auto stagger = r.Dur(*st, "stagger", Duration{}, false, key + " stagger");
    if (!stagger) return tl::unexpected(stagger.error());
    s.stagger = *stagger;
    auto sk = skill_list(*st, "skills");
    if (!sk) return tl::unexpected(sk.error());
    s.skills = *sk;
    const toml::node* qn = st->get("queues");
    const toml::array* qa = qn ? qn->as_array() : nullptr;
    if (!qa || qa->empty())
      return r.Error(qn ? qn : st, key + " queues",
                     "needs a list of queue names like [\"sales\", \"support:2\"]");
    for (const auto& item : *qa) {
      auto entry = item.value<std::string>();
      if (!entry) return r.Error(&item, key + " queues", "entries are queue names");
      const auto pos = entry->find(':');
      const std::string qname = entry->substr(0, pos);
      int tier = 1;
      if (pos != std::string::npos) {
        auto t = core::ParseWholeNumber(entry->substr(pos + 1));
        if (!t || *t < 1)
          return r.Error(&item, key + " queues", "'" + *entry + "': the tier must be 1 or more");
        tier = static_cast<int>(*t);
      }
      if (!queue_ids.contains(qname))
        return r.Error(&item, key + " queues", "no queue is called '" + qname + "'");
      s.queues.push_back({queue_ids.at(qname), tier});
    }
    if (const toml::node* bn = st->get("breaks")) {
      const toml::array* ba = bn->as_array();
      if (!ba)
        return r.Error(bn, key + " breaks",
                       "must be a list of { start = \"10:00\", length = \"15m\" }");
      for (const auto& b : *ba) {
        const toml::table* bt = b.as_table();
        if (!bt)
          return r.Error(&b, key + " breaks",
                         "entries are { start = \"10:00\", length = \"15m\" }");
        Break br;
        auto bs = r.ClockTime(*bt, "start", day_start, key + " breaks start");
        if (!bs) return tl::unexpected(bs.error());
        auto bl = r.Dur(*bt, "length", std::nullopt, true, key + " breaks length");
        if (!bl) return tl::unexpected(bl.error());
        br.start_offset = *bs;
        br.length = *bl;
        auto reason = r.String(*bt, "reason", std::string("break"));
        if (!reason) return tl::unexpected(reason.error());
        auto parsed = acd::ParseNotReadyReason(*reason);
        if (!parsed || *parsed == acd::NotReadyReason::kNone)
          return r.Error(
              bt->get("reason"), key + " breaks reason",
              "'" + *reason + "' is not a not-ready reason (break, lunch, training, meeting, ...)");
        br.reason = *parsed;
        s.breaks.push_back(br);
      }
    }
    m.shifts.push_back(std::move(s));
  }
  return m;
}

Result<DayModel> LoadDayModel(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return Fail(ErrorCode::kNotFound, "cannot read '" + path + "'");
  std::string text;
  char buf[65536];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  std::fclose(f);
  const auto slash = path.find_last_of('/');
  return ParseDayModel(text, slash == std::string::npos ? path : path.substr(slash + 1));
}

}  // namespace cc::sim
