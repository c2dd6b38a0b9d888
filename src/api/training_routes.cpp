// Practice calls (S-17): placing one for an operator, and the list of how
// each went. docs/call_scripts.md "Training".
#include <fmt/format.h>

#include "api/crm_support.h"
#include "api/routes.h"
#include "api/training.h"
#include "api/util.h"
#include "script_desk/analytics.h"
#include "script_desk/content.h"
#include "script_desk/script_log.h"

namespace cc::api {

using call_scripts::Language;
using core::ErrorCode;
using core::Fail;
using nlohmann::json;

namespace {

// The number a practice call shows: not a real subscriber.
constexpr const char* kPracticeNumber = "+70000000017";

struct Seat {
  core::TenantId tenant;
  std::optional<core::TeamId> team;
  std::optional<core::QueueId> queue;  // the first queue the agent takes calls from
  std::string name;
};

}  // namespace

void AddTrainingRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("POST", "/api/training/calls", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kRunTraining);
    if (!c) return Error(c.error());
    if (auto sc = Scripts(s); !sc) return Error(sc.error());
    if (s.sim == nullptr) {
      return Error({ErrorCode::kUnavailable, "practice calls need the simulated telephony (the demo or simulation)"});
    }
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto situation = TextField(*body, "situation");
    if (!situation) return Error(situation.error());
    std::uint64_t agent_id = c->who.user.value();
    if (body->contains("agent_id")) {
      auto id = IdField(*body, "agent_id");
      if (!id) return Error(id.error());
      agent_id = *id;
    }
    const core::AgentId agent(static_cast<std::uint32_t>(agent_id));
    const Language language =
        call_scripts::LanguageFromString(body->value("language", std::string("ru"))).value_or(Language::kRu);
    auto seat = s.centre
                    .Ask([&s, agent]() -> std::optional<Seat> {
                      const centre::AgentSetup* a = s.centre.setup().FindAgent(agent);
                      if (!a) return std::nullopt;
                      Seat found{a->config.tenant, a->team, std::nullopt, a->config.name};
                      if (!a->config.queues.empty()) found.queue = a->config.queues.front().queue;
                      return found;
                    })
                    .get();
    if (!seat || !access::AllowsOnAgent(c->who, Action::kRunTraining, core::UserId(agent.value()), seat->team) ||
        !access::CanSeeTenant(c->who, seat->tenant)) {
      return Error({ErrorCode::kNotFound, fmt::format("no operator with id {} you may train", agent_id)});
    }
    if (!seat->queue) return Error({ErrorCode::kFailedPrecondition, seat->name + " takes calls from no queue"});
    auto stored = s.scripts->store.Get(seat->tenant, *situation, language);
    if (!stored) return Error(stored.error());
    if (!*stored || (*stored)->kind != script_desk::ScriptKind::kSituation) {
      return Error({ErrorCode::kNotFound, fmt::format("the playbook has no situation '{}'", *situation)});
    }
    auto lines = script_desk::CallerLines(*situation, language);
    if (lines.empty()) {
      return Error({ErrorCode::kFailedPrecondition, fmt::format("nobody has written the caller's part for '{}'", *situation)});
    }
    auto call = s.sim->PlacePracticeCall(agent, *seat->queue, seat->tenant, kPracticeNumber);
    if (!call) return Error(call.error());
    const core::Timestamp now = s.clock.Now();
    // The practice is on record before any step: which situation was played, for whom.
    script_desk::CallContext context{*call, seat->tenant, *seat->queue, agent, true};
    script_desk::UseRecord started;
    started.at = now;
    started.code = *situation;
    started.kind = script_desk::ScriptKind::kSituation;
    started.version = (*stored)->script->version;
    started.language = language;
    started.event = "practice";
    started.detail = {{"by", c->who.user.value()}};
    if (auto written = s.scripts->db.Write(script_desk::UseStatements(context, {started})).get(); !written) {
      return Error(written.error());
    }
    s.scripts->training.Begin(Practice{*call, agent, seat->tenant, *situation, language, std::move(lines), now, {}});
    return Created(json{{"call", call->value()}, {"agent_id", agent.value()}, {"situation", *situation}});
  });

  router.Add("GET", "/api/training/calls", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadScriptAnalytics);
    if (!c) return Error(c.error());
    if (auto sc = Scripts(s); !sc) return Error(sc.error());
    auto tenant = QueryTenant(*c, r);
    if (!tenant) return Error(tenant.error());
    auto limit = QueryInt(r, "limit", 50, 1, 500);
    if (!limit) return Error(limit.error());
    auto calls = script_desk::PracticeCalls(s.scripts->db, *tenant, static_cast<int>(*limit));
    if (!calls) return Error(calls.error());
    std::map<std::uint32_t, std::pair<std::string, std::optional<core::TeamId>>> agents;
    std::set<std::int64_t> live;
    s.centre.Ask([&] {
      for (const auto& a : s.centre.setup().agents) agents[a.config.id.value()] = {a.config.name, a.team};
      for (const auto& p : *calls) {
        const core::CallId id(static_cast<std::uint64_t>(p.call));
        auto desk = s.centre.DeskOf(core::AgentId(p.agent));
        if (desk && ((desk->call && desk->call->call == id) || (desk->offer && desk->offer->call == id))) {
          live.insert(p.call);
        }
      }
    }).get();
    json out = json::array();
    for (const auto& p : *calls) {
      const auto& [name, team] = agents[p.agent];
      // A team lead sees their team's practice; supervisors, QA and admins every operator's.
      if (c->who.role == access::Role::kTeamLead && !access::CanSeeAgent(c->who, core::UserId(p.agent), team)) continue;
      out.push_back({{"call", p.call},
                     {"agent_id", p.agent},
                     {"agent_name", name},
                     {"situation", p.situation},
                     {"started_at", core::FormatUtc(p.started)},
                     {"ended", live.count(p.call) == 0},
                     {"outcome", p.outcome.empty() ? json(nullptr) : json(p.outcome)},
                     {"actions", p.actions},
                     {"steps", p.path.size()},
                     {"path", p.path}});
    }
    return Ok(out);
  });
}

}  // namespace cc::api
