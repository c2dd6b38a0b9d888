#include "script_desk/analytics.h"

// GCC 12 at -O2 warns that the std::string inside a storage::Value "may be
// used uninitialized" when a vector of them grows (a known false positive).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace cc::script_desk {

using storage::Value;

namespace {

struct Where {
  std::string sql;
  std::vector<Value> params;
};

Where WhereOf(const AnalyticsFilter& f) {
  Where w;
  w.sql = " WHERE tenant_id = ? AND at_ms >= ? AND at_ms < ? AND training = ?";
  w.params.push_back(static_cast<std::int64_t>(f.tenant.value()));
  w.params.push_back(core::ToMillis(f.from));
  w.params.push_back(core::ToMillis(f.to));
  w.params.push_back(static_cast<std::int64_t>(f.training ? 1 : 0));
  if (f.queue) {
    w.sql += " AND queue_id = ?";
    w.params.push_back(static_cast<std::int64_t>(f.queue->value()));
  }
  if (f.agent) {
    w.sql += " AND agent_id = ?";
    w.params.push_back(static_cast<std::int64_t>(f.agent->value()));
  }
  return w;
}

core::Result<std::vector<storage::Row>> Run(storage::Database& db, const std::string& head, const AnalyticsFilter& f,
                                            const std::string& tail) {
  Where w = WhereOf(f);  // built afresh: the statement takes its parameters
  storage::Statement statement;
  statement.sql = head + " FROM script_uses" + w.sql + tail;
  statement.params = std::move(w.params);
  return db.Query(statement);
}

}  // namespace

core::Result<ScriptAnalytics> Analyse(storage::Database& db, const AnalyticsFilter& filter) {
  const AnalyticsFilter& w = filter;
  ScriptAnalytics out;
  auto steps = Run(db, "SELECT code, step, step_kind, COUNT(*)", w,
                   " AND event = 'shown' GROUP BY code, step, step_kind ORDER BY code, COUNT(*) DESC, step");
  if (!steps) return tl::unexpected(steps.error());
  for (const auto& r : *steps) {
    out.steps.push_back({r.Text(0).value_or(""), r.Text(1).value_or(""), r.Text(2).value_or(""), r.Int(3).value_or(0)});
  }
  auto situations = Run(db, "SELECT code, COUNT(DISTINCT call_id)", w,
                        " AND kind = 'situation' GROUP BY code ORDER BY COUNT(DISTINCT call_id) DESC, code");
  if (!situations) return tl::unexpected(situations.error());
  for (const auto& r : *situations) out.situations.push_back({r.Text(0).value_or(""), r.Int(1).value_or(0)});
  for (auto [column, target] : {std::pair{"queue_id", &out.by_queue}, std::pair{"agent_id", &out.by_agent}}) {
    auto rows = Run(db, std::string("SELECT code, ") + column + ", COUNT(DISTINCT call_id)", w,
                    std::string(" GROUP BY code, ") + column + " ORDER BY code, " + column);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& r : *rows) {
      target->push_back({r.Text(0).value_or(""), static_cast<std::uint32_t>(r.Int(1).value_or(0)), r.Int(2).value_or(0)});
    }
  }
  auto outcomes = Run(db, "SELECT code, outcome, COUNT(*)", w,
                      " AND event = 'outcome' GROUP BY code, outcome ORDER BY code, COUNT(*) DESC, outcome");
  if (!outcomes) return tl::unexpected(outcomes.error());
  for (const auto& r : *outcomes) {
    out.outcomes.push_back({r.Text(0).value_or(""), r.Text(1).value_or(""), r.Int(2).value_or(0)});
  }
  return out;
}

core::Result<std::vector<PracticeSummary>> PracticeCalls(storage::Database& db, core::TenantId tenant, int limit) {
  storage::Statement ids;
  ids.sql =
      "SELECT call_id, MIN(at_ms) FROM script_uses WHERE tenant_id = ? AND training = 1 AND event = 'practice' "
      "GROUP BY call_id ORDER BY MIN(at_ms) DESC, call_id DESC LIMIT ?";
  ids.params.push_back(static_cast<std::int64_t>(tenant.value()));
  ids.params.push_back(static_cast<std::int64_t>(limit));
  auto calls = db.Query(ids);
  if (!calls) return tl::unexpected(calls.error());
  std::vector<PracticeSummary> out;
  for (const auto& row : *calls) {
    PracticeSummary p;
    p.call = row.Int(0).value_or(0);
    storage::Statement uses;
    uses.sql = "SELECT agent_id, code, step, event, action, outcome, at_ms FROM script_uses WHERE call_id = ? "
               "AND training = 1 ORDER BY at_ms";
    uses.params.push_back(p.call);
    auto rows = db.Query(uses);
    if (!rows) return tl::unexpected(rows.error());
    for (const auto& u : *rows) {
      const std::string code = u.Text(1).value_or("");
      const std::string event = u.Text(3).value_or("");
      p.agent = static_cast<std::uint32_t>(u.Int(0).value_or(0));
      if (event == "practice") {
        p.situation = code;
        p.started = core::FromMillis(u.Int(6).value_or(0));
      } else if (event == "shown") {
        p.path.push_back(code + ":" + u.Text(2).value_or(""));
      } else if (event == "action") {
        p.actions.push_back(u.Text(4).value_or(""));
      } else if (event == "outcome") {
        p.outcome = u.Text(5).value_or("");
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace cc::script_desk
