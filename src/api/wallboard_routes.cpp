// GET /api/wallboard/directory, /api/wallboard/intervals and
// /api/wallboard/operators: see wallboard_routes.h and api/openapi.yaml.
#include "api/wallboard_routes.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/scope.h"
#include "api/util.h"
#include "core/time_zone.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using nlohmann::json;

bool TenantInScope(const centre::SnapshotScope& scope, core::TenantId tenant) {
  if (!scope.tenants) return true;
  return std::find(scope.tenants->begin(), scope.tenants->end(), tenant) != scope.tenants->end();
}

// The centre's "today": local midnight in the centre's time zone.
core::Timestamp DayStart(ApiServices& s, core::Timestamp now) {
  const core::TimeZone zone = s.crm ? s.crm->zone : core::TimeZone::Utc();
  return zone.StartOfDay(now);
}

struct AgentInScope {
  core::AgentId id;
  std::optional<core::TeamId> team;
  std::vector<core::QueueId> queues;
  acd::AgentState state = acd::AgentState::kLoggedOut;
  core::Timestamp since{};
};

std::vector<AgentInScope> AgentsInScope(ApiServices& s, const centre::SnapshotScope& scope) {
  return s.centre.Ask([&s, scope] {
    std::vector<AgentInScope> out;
    for (const centre::AgentSetup& a : s.centre.setup().agents) {
      if (!TenantInScope(scope, a.config.tenant)) continue;
      if (scope.team && a.team != scope.team) continue;
      AgentInScope row{a.config.id, a.team, {}};
      for (const acd::QueueMembership& m : a.config.queues) row.queues.push_back(m.queue);
      if (const acd::AgentStats* st = s.centre.stats().Agent(a.config.id)) {
        row.state = st->state;
        row.since = st->since;
      }
      out.push_back(std::move(row));
    }
    return out;
  }).get();
}

struct QueueInScope {
  core::QueueId id;
  std::string name;
  int sl_target_percent = 80;
  std::int64_t sl_threshold_ms = 0;
  std::int64_t short_abandon_ms = 0;
};

// The first log sequence number written at or after `at_ms` (binary search on
// the primary key: the log's times follow its sequence), or nullopt when none.
core::Result<std::optional<std::int64_t>> FirstSeqSince(storage::Database& db, std::int64_t at_ms) {
  auto max = db.Query({"SELECT MAX(seq) FROM interaction_log", {}});
  if (!max) return tl::unexpected(max.error());
  if (max->empty() || max->front().IsNull(0)) return std::optional<std::int64_t>();
  auto last = max->front().Int(0);
  if (!last) return tl::unexpected(last.error());
  std::int64_t lo = 1;
  std::int64_t hi = *last + 1;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    auto rows = db.Query({"SELECT MIN(at_ms) FROM interaction_log WHERE seq >= ? AND seq <= ?",
                          {mid, std::min(mid + 8, *last)}});
    if (!rows) return tl::unexpected(rows.error());
    std::int64_t at = 0;
    if (!rows->empty() && !rows->front().IsNull(0)) {
      auto v = rows->front().Int(0);
      if (!v) return tl::unexpected(v.error());
      at = *v;
    }
    if (at < at_ms) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo > *last) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(lo);
}

// Milliseconds each agent spent not ready between `start` and `now`, from the
// state changes in the interaction log; agents without a change today count
// their live state.
core::Result<std::map<std::uint32_t, std::int64_t>> NotReadyToday(
    storage::Database& db, const std::vector<AgentInScope>& agents, std::int64_t start,
    std::int64_t now) {
  struct Track {
    bool not_ready = false;
    std::int64_t since = 0;
    std::int64_t total = 0;
  };
  std::map<std::uint32_t, Track> tracks;
  std::set<std::uint32_t> wanted;
  for (const auto& a : agents) wanted.insert(a.id.value());
  auto first = FirstSeqSince(db, start);
  if (!first) return tl::unexpected(first.error());
  if (*first) {
    auto rows = db.Query({"SELECT agent_id, at_ms, payload FROM interaction_log "
                          "WHERE seq >= ? AND type = 'agent.state_changed' ORDER BY seq",
                          {**first}});
    if (!rows) return tl::unexpected(rows.error());
    for (const storage::Row& row : *rows) {
      if (row.IsNull(0)) continue;
      auto agent = row.Int(0);
      auto at = row.Int(1);
      auto payload = row.Text(2);
      if (!agent || !at || !payload) continue;
      const auto id = static_cast<std::uint32_t>(*agent);
      if (!wanted.count(id)) continue;
      const json e = json::parse(*payload, nullptr, false);
      if (e.is_discarded()) continue;
      const std::int64_t when = std::max(*at, start);
      auto [it, fresh] = tracks.try_emplace(id);
      Track& t = it->second;
      if (fresh) {
        t.not_ready = e.value("from", "") == "not-ready";
        t.since = start;
      }
      if (t.not_ready) t.total += when - t.since;
      t.not_ready = e.value("to", "") == "not-ready";
      t.since = when;
    }
  }
  std::map<std::uint32_t, std::int64_t> out;
  for (const auto& a : agents) {
    const std::uint32_t id = a.id.value();
    auto it = tracks.find(id);
    if (it != tracks.end()) {
      const Track& t = it->second;
      out[id] = t.total + (t.not_ready ? std::max<std::int64_t>(0, now - t.since) : 0);
    } else if (a.state == acd::AgentState::kNotReady) {
      out[id] = std::max<std::int64_t>(0, now - std::max(core::ToMillis(a.since), start));
    } else {
      out[id] = 0;
    }
  }
  return out;
}

// user id -> count, from "SELECT user, COUNT(*) ... GROUP BY user".
core::Result<std::map<std::uint32_t, int>> CountsByUser(storage::Database& db, const storage::Statement& st) {
  auto rows = db.Query(st);
  if (!rows) return tl::unexpected(rows.error());
  std::map<std::uint32_t, int> out;
  for (const storage::Row& row : *rows) {
    auto user = row.Int(0);
    auto n = row.Int(1);
    if (user && n) out[static_cast<std::uint32_t>(*user)] = static_cast<int>(*n);
  }
  return out;
}

}  // namespace

void AddWallboardRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  // Teams and queue memberships of the agents in the caller's live scope.
  router.Add("GET", "/api/wallboard/directory", [&s, guard](http::Request& r) {
    auto caller = guard.Authenticate(r);
    if (!caller) return Error(caller.error());
    auto scope = LiveScope(caller->who);
    if (!scope) return Error(guard.Deny(*caller, r, "the wallboard directory"));
    const auto agents = AgentsInScope(s, *scope);
    auto teams = s.directory.ListTeams();
    if (!teams) return Error(teams.error());
    json team_rows = json::array();
    for (const auto& t : *teams) {
      if (!TenantInScope(*scope, t.tenant)) continue;
      if (scope->team && t.id != *scope->team) continue;
      team_rows.push_back({{"id", t.id.value()},
                           {"name", t.name},
                           {"lead", t.lead ? json(t.lead->value()) : json(nullptr)}});
    }
    json agent_rows = json::array();
    for (const auto& a : agents) {
      json queues = json::array();
      for (core::QueueId q : a.queues) queues.push_back(q.value());
      agent_rows.push_back({{"agent", a.id.value()},
                            {"team", a.team ? json(a.team->value()) : json(nullptr)},
                            {"queues", queues}});
    }
    return Ok({{"teams", team_rows}, {"agents", agent_rows}});
  });

  // Today's calls per queue and interval, from the finished calls' records.
  router.Add("GET", "/api/wallboard/intervals", [&s, guard](http::Request& r) {
    auto caller = guard.Authenticate(r);
    if (!caller) return Error(caller.error());
    auto scope = LiveScope(caller->who);
    if (!scope) return Error(guard.Deny(*caller, r, "the wallboard intervals"));
    auto minutes = QueryInt(r, "minutes", 30, 5, 60);
    if (!minutes) return Error(minutes.error());
    if (60 % *minutes != 0) {
      return Error({ErrorCode::kInvalidArgument, "'minutes' must divide an hour (5, 10, 15, 20, 30 or 60)"});
    }
    const std::int64_t step = *minutes * 60'000;
    const core::Timestamp now_ts = s.clock.Now();
    const std::int64_t now = core::ToMillis(now_ts);
    const std::int64_t start = core::ToMillis(DayStart(s, now_ts));
    const std::size_t slots = static_cast<std::size_t>(std::max<std::int64_t>(1, (now - start) / step + 1));

    auto queues = s.centre.Ask([&s, sc = *scope] {
      std::vector<QueueInScope> out;
      for (const centre::QueueSetup& q : s.centre.setup().queues) {
        if (!TenantInScope(sc, q.config.tenant)) continue;
        out.push_back({q.config.id, q.config.name, q.config.sl_target_percent,
                       q.config.sl_threshold.count(), q.config.short_abandon.count()});
      }
      return out;
    }).get();

    struct Series {
      std::vector<int> offered, answered, abandoned, within, short_abandoned;
    };
    std::map<std::uint32_t, Series> series;
    for (const auto& q : queues) {
      Series& sr = series[q.id.value()];
      for (auto* v : {&sr.offered, &sr.answered, &sr.abandoned, &sr.within, &sr.short_abandoned}) {
        v->assign(slots, 0);
      }
    }
    std::map<std::uint32_t, const QueueInScope*> by_id;
    for (const auto& q : queues) by_id[q.id.value()] = &q;

    auto rows = s.crm ? s.crm->db.Query({"SELECT queue_id, arrived_ms, answered_ms, wait_ms, outcome FROM cdr "
                                         "WHERE arrived_ms >= ? AND arrived_ms < ?",
                                         {start, now + 1}})
                      : core::Result<std::vector<storage::Row>>(std::vector<storage::Row>{});
    if (!rows) return Error(rows.error());
    for (const storage::Row& row : *rows) {
      if (row.IsNull(0)) continue;
      auto queue = row.Int(0);
      auto arrived = row.Int(1);
      auto wait = row.Int(3);
      auto outcome = row.Text(4);
      if (!queue || !arrived || !wait || !outcome) continue;
      auto q = by_id.find(static_cast<std::uint32_t>(*queue));
      if (q == by_id.end()) continue;
      const auto slot = std::min<std::size_t>(slots - 1, static_cast<std::size_t>((*arrived - start) / step));
      Series& sr = series[q->first];
      sr.offered[slot]++;
      if (!row.IsNull(2)) {
        sr.answered[slot]++;
        if (*wait <= q->second->sl_threshold_ms) sr.within[slot]++;
      } else if (*outcome == "abandoned") {
        if (*wait < q->second->short_abandon_ms) {
          sr.short_abandoned[slot]++;
        } else {
          sr.abandoned[slot]++;
        }
      }
    }

    json starts = json::array();
    for (std::size_t i = 0; i < slots; ++i) starts.push_back(start + static_cast<std::int64_t>(i) * step);
    json out_queues = json::array();
    for (const auto& q : queues) {
      const Series& sr = series[q.id.value()];
      json sl = json::array();
      for (std::size_t i = 0; i < slots; ++i) {
        const int denominator = sr.offered[i] - sr.short_abandoned[i];
        sl.push_back(denominator > 0 ? json(100.0 * sr.within[i] / denominator) : json(nullptr));
      }
      out_queues.push_back({{"queue", q.id.value()},
                            {"name", q.name},
                            {"sl_target_percent", q.sl_target_percent},
                            {"offered", sr.offered},
                            {"answered", sr.answered},
                            {"abandoned", sr.abandoned},
                            {"answered_within_sl", sr.within},
                            {"short_abandoned", sr.short_abandoned},
                            {"service_level", sl}});
    }
    return Ok({{"day_start", core::FormatUtc(core::FromMillis(start))},
               {"interval_minutes", *minutes},
               {"starts_ms", starts},
               {"queues", out_queues}});
  });

  // Orders taken, cases opened and time not ready today, per operator in scope.
  router.Add("GET", "/api/wallboard/operators", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kReadOperatorFigures);
    if (!caller) return Error(caller.error());
    auto scope = LiveScope(caller->who);
    if (!scope) return Error(guard.Deny(*caller, r, "the operators' figures"));
    const auto agents = AgentsInScope(s, *scope);
    const core::Timestamp now_ts = s.clock.Now();
    const std::int64_t now = core::ToMillis(now_ts);
    const std::int64_t start = core::ToMillis(DayStart(s, now_ts));

    std::optional<std::map<std::uint32_t, int>> orders;
    std::optional<std::map<std::uint32_t, int>> cases;
    if (s.crm) {
      auto o = CountsByUser(s.crm->db,
                            {"SELECT o.created_by, COUNT(*) FROM crm_orders o WHERE o.created_at_ms >= ? "
                             "AND EXISTS (SELECT 1 FROM crm_order_history h WHERE h.order_id = o.id "
                             "AND h.status = 'confirmed') GROUP BY o.created_by",
                             {start}});
      if (!o) return Error(o.error());
      orders = std::move(*o);
      auto c = CountsByUser(s.crm->db, {"SELECT created_by, COUNT(*) FROM crm_cases WHERE created_at_ms >= ? "
                                        "GROUP BY created_by",
                                        {start}});
      if (!c) return Error(c.error());
      cases = std::move(*c);
    }
    std::map<std::uint32_t, std::int64_t> not_ready;
    if (s.crm) {
      auto nr = NotReadyToday(s.crm->db, agents, start, now);
      if (!nr) return Error(nr.error());
      not_ready = std::move(*nr);
    }
    json rows = json::array();
    for (const auto& a : agents) {
      const std::uint32_t id = a.id.value();
      auto count = [id](const std::optional<std::map<std::uint32_t, int>>& m) -> json {
        if (!m) return nullptr;
        auto it = m->find(id);
        return it == m->end() ? 0 : it->second;
      };
      rows.push_back({{"agent", id},
                      {"orders", count(orders)},
                      {"cases", count(cases)},
                      {"not_ready_ms", s.crm ? json(not_ready[id]) : json(nullptr)}});
    }
    return Ok({{"day_start", core::FormatUtc(core::FromMillis(start))}, {"agents", rows}});
  });
}

}  // namespace cc::api
