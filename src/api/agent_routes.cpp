// The agent's own session: seat login, ready / not-ready, offers, the call in
// progress (hold, transfer, consult, hang up) and wrap-up with a disposition.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "api/guard.h"
#include "api/routes.h"
#include "api/util.h"
#include "centre/snapshot.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

core::AgentId AgentOf(const Caller& c) { return core::AgentId(c.who.user.value()); }

// The caller's desk; kNotFound when the user has no agent seat.
core::Result<centre::Desk> DeskOf(ApiServices& s, core::AgentId agent) {
  auto desk = s.centre.Ask([&s, agent] { return s.centre.DeskOf(agent); }).get();
  if (!desk) return Fail(ErrorCode::kNotFound, "you have no agent seat in the centre");
  return *desk;
}

// The call the agent is on (talking, holding or consulting).
core::Result<core::CallId> CurrentCall(ApiServices& s, core::AgentId agent) {
  auto desk = DeskOf(s, agent);
  if (!desk) return tl::unexpected(desk.error());
  if (!desk->call) return Fail(ErrorCode::kFailedPrecondition, "you are not on a call");
  return desk->call->call;
}

http::Response Apply(ApiServices& s, acd::Input input, core::AgentId agent) {
  if (auto st = Await(s.centre.Submit(std::move(input))); !st) return Error(st.error());
  auto desk = DeskOf(s, agent);
  if (!desk) return Error(desk.error());
  return Ok(centre::ToJson(*desk));
}

core::Result<acd::NotReadyReason> ReasonFrom(ApiServices& s, const json& body) {
  if (body.contains("code")) {
    auto code = TextField(body, "code");
    if (!code) return tl::unexpected(code.error());
    auto codes = s.repository.Codes("not_ready");
    if (!codes) return tl::unexpected(codes.error());
    for (const auto& c : *codes) {
      if (c.code == *code && c.reason) return *c.reason;
    }
    return Fail(ErrorCode::kInvalidArgument, "unknown not-ready code '" + *code + "'");
  }
  auto text = OptionalText(body, "reason");
  if (!text) return tl::unexpected(text.error());
  if (text->empty()) return acd::NotReadyReason::kBreak;
  auto reason = acd::ParseNotReadyReason(*text);
  if (!reason || *reason == acd::NotReadyReason::kNone || *reason == acd::NotReadyReason::kLogin ||
      *reason == acd::NotReadyReason::kMissedOffers) {
    return Fail(ErrorCode::kInvalidArgument,
                "'reason' must be break, lunch, training, meeting, coaching, technical, health or "
                "other");
  }
  return *reason;
}

core::Result<acd::Input> TransferFrom(const json& body, core::CallId call) {
  auto to = TextField(body, "to");
  if (!to) return tl::unexpected(to.error());
  if (*to == "queue") {
    auto q = IdField(body, "queue");
    if (!q) return tl::unexpected(q.error());
    return acd::Input(acd::TransferToQueue{call, core::QueueId(static_cast<std::uint32_t>(*q))});
  }
  if (*to == "agent") {
    auto a = IdField(body, "agent");
    if (!a) return tl::unexpected(a.error());
    return acd::Input(acd::TransferToAgent{call, core::AgentId(static_cast<std::uint32_t>(*a))});
  }
  if (*to == "team_lead") return acd::Input(acd::TransferToTeamLead{call});
  if (*to == "external") {
    auto n = TextField(body, "number");
    if (!n) return tl::unexpected(n.error());
    return acd::Input(acd::TransferExternal{call, *n});
  }
  return Fail(ErrorCode::kInvalidArgument, "'to' must be queue, agent, team_lead or external");
}

core::Result<acd::ConsultTarget> ConsultFrom(const json& body) {
  auto to = TextField(body, "to");
  if (!to) return tl::unexpected(to.error());
  acd::ConsultTarget target;
  if (*to == "agent") {
    auto a = IdField(body, "agent");
    if (!a) return tl::unexpected(a.error());
    target.kind = acd::ConsultTargetKind::kAgent;
    target.agent = core::AgentId(static_cast<std::uint32_t>(*a));
  } else if (*to == "queue") {
    auto q = IdField(body, "queue");
    if (!q) return tl::unexpected(q.error());
    target.kind = acd::ConsultTargetKind::kQueue;
    target.queue = core::QueueId(static_cast<std::uint32_t>(*q));
  } else if (*to == "external") {
    auto n = TextField(body, "number");
    if (!n) return tl::unexpected(n.error());
    target.kind = acd::ConsultTargetKind::kExternal;
    target.number = *n;
  } else {
    return Fail(ErrorCode::kInvalidArgument, "'to' must be agent, queue or external");
  }
  return target;
}

}  // namespace

void AddAgentRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;
  auto own = [&s, guard](Action action, auto fn) {
    return [&s, guard, action, fn](http::Request& r) -> http::Response {
      auto caller = guard.Require(r, action);
      if (!caller) return Error(caller.error());
      auto body = BodyOrEmpty(r);
      if (!body) return Error(body.error());
      return fn(*caller, *body);
    };
  };

  router.Add("GET", "/api/agent", own(Action::kReadOwnAgent, [&s](const Caller& c, const json&) {
    auto desk = DeskOf(s, AgentOf(c));
    if (!desk) return Error(desk.error());
    json j = centre::ToJson(*desk);
    j["figures"] = s.centre.Ask([&s, a = AgentOf(c)] { return centre::AgentFigures(s.centre, a); }).get();
    return Ok(j);
  }));
  router.Add("POST", "/api/agent/login", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    if (s.sim) s.sim->ReleaseSeat(AgentOf(c));
    auto desk = DeskOf(s, AgentOf(c));
    if (!desk) return Error(desk.error());
    if (desk->state != acd::AgentState::kLoggedOut) return Ok(centre::ToJson(*desk));
    return Apply(s, acd::AgentLogin{AgentOf(c)}, AgentOf(c));
  }));
  router.Add("POST", "/api/agent/ready", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    if (s.sim) s.sim->ReleaseSeat(AgentOf(c));
    return Apply(s, acd::AgentReady{AgentOf(c)}, AgentOf(c));
  }));
  router.Add("POST", "/api/agent/not-ready",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto reason = ReasonFrom(s, body);
               if (!reason) return Error(reason.error());
               return Apply(s, acd::AgentNotReady{AgentOf(c), *reason}, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/logout", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    return Apply(s, acd::AgentLogout{AgentOf(c)}, AgentOf(c));
  }));
  router.Add("POST", "/api/agent/accept",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto call = IdField(body, "call");
               if (!call) return Error(call.error());
               return Apply(s, acd::OfferAccepted{core::CallId(*call), AgentOf(c)}, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/reject",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto call = IdField(body, "call");
               if (!call) return Error(call.error());
               return Apply(s, acd::OfferRejected{core::CallId(*call), AgentOf(c)}, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/hold", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    auto call = CurrentCall(s, AgentOf(c));
    if (!call) return Error(call.error());
    return Apply(s, acd::HoldCall{*call}, AgentOf(c));
  }));
  router.Add("POST", "/api/agent/resume", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    auto call = CurrentCall(s, AgentOf(c));
    if (!call) return Error(call.error());
    return Apply(s, acd::ResumeCall{*call}, AgentOf(c));
  }));
  router.Add("POST", "/api/agent/hangup", own(Action::kControlOwnAgent, [&s](const Caller& c, const json&) {
    auto call = CurrentCall(s, AgentOf(c));
    if (!call) return Error(call.error());
    return Apply(s, acd::AgentHangsUp{*call, AgentOf(c)}, AgentOf(c));
  }));
  // Where the agent may send or consult: the queues of their tenants, the
  // agents signed in there (with their state) and the leads of their team.
  router.Add("GET", "/api/agent/transfer-targets", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kControlOwnAgent);
    if (!caller) return Error(caller.error());
    const auto& tenants = caller->who.tenants;
    auto mine = [&tenants](core::TenantId t) { return std::find(tenants.begin(), tenants.end(), t) != tenants.end(); };
    // Names and states straight from the loop (no wallboard snapshot to build and read back).
    std::map<std::uint32_t, std::string> states;
    json queues = json::array();
    json agents = json::array();
    s.centre.Ask([&] {
      for (const centre::QueueSetup& q : s.centre.setup().queues) {
        if (mine(q.config.tenant)) queues.push_back({{"id", q.config.id.value()}, {"name", q.config.name}});
      }
      for (const centre::AgentSetup& a : s.centre.setup().agents) {
        if (!mine(a.config.tenant)) continue;
        const acd::AgentStats* st = s.centre.stats().Agent(a.config.id);
        const std::string state(acd::ToString(st ? st->state : acd::AgentState::kLoggedOut));
        const std::uint32_t id = a.config.id.value();
        states[id] = state;
        if (id == caller->who.user.value() || state == "logged-out") continue;
        agents.push_back({{"id", id},
                          {"name", a.config.name},
                          {"state", state},
                          {"team", a.team ? json(a.team->value()) : json(nullptr)}});
      }
    }).get();
    json leads = json::array();
    if (caller->who.team) {
      auto teams = s.directory.ListTeams();
      if (!teams) return Error(teams.error());
      for (const auto& team : *teams) {
        if (team.id != *caller->who.team || !team.lead || *team.lead == caller->who.user) continue;
        auto user = s.directory.GetUser(*team.lead);
        const std::string name = user ? user->display_name : "";
        const auto it = states.find(team.lead->value());
        leads.push_back({{"id", team.lead->value()},
                         {"name", name},
                         {"state", it == states.end() ? "logged-out" : it->second}});
      }
    }
    return Ok(json{{"queues", queues}, {"agents", agents}, {"team_leads", leads}});
  });

  router.Add("POST", "/api/agent/transfer",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto call = CurrentCall(s, AgentOf(c));
               if (!call) return Error(call.error());
               auto input = TransferFrom(body, *call);
               if (!input) return Error(input.error());
               return Apply(s, *input, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/consult",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto call = CurrentCall(s, AgentOf(c));
               if (!call) return Error(call.error());
               auto target = ConsultFrom(body);
               if (!target) return Error(target.error());
               return Apply(s, acd::StartConsult{*call, *target}, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/consult/complete",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto call = CurrentCall(s, AgentOf(c));
               if (!call) return Error(call.error());
               auto outcome = TextField(body, "outcome");
               if (!outcome) return Error(outcome.error());
               acd::ConsultOutcome o;
               if (*outcome == "transfer") {
                 o = acd::ConsultOutcome::kTransfer;
               } else if (*outcome == "conference") {
                 o = acd::ConsultOutcome::kConference;
               } else if (*outcome == "return") {
                 o = acd::ConsultOutcome::kReturn;
               } else {
                 return Error({ErrorCode::kInvalidArgument,
                               "'outcome' must be transfer, conference or return"});
               }
               return Apply(s, acd::CompleteConsult{*call, o}, AgentOf(c));
             }));
  router.Add("POST", "/api/agent/wrap-up",
             own(Action::kControlOwnAgent, [&s](const Caller& c, const json& body) {
               auto code = OptionalText(body, "disposition");
               auto note = OptionalText(body, "note");
               if (!code) return Error(code.error());
               if (!note) return Error(note.error());
               if (note->size() > 4000) {
                 return Error({ErrorCode::kInvalidArgument, "'note' is longer than 4000 characters"});
               }
               if (!code->empty()) {
                 auto codes = s.repository.Codes("disposition");
                 if (!codes) return Error(codes.error());
                 bool known = false;
                 for (const auto& k : *codes) known = known || k.code == *code;
                 if (!known) {
                   return Error({ErrorCode::kInvalidArgument, "unknown disposition code '" + *code + "'"});
                 }
               }
               auto st = Await(s.centre.FinishWrapUp(AgentOf(c), *code, *note));
               if (!st) return Error(st.error());
               auto desk = DeskOf(s, AgentOf(c));
               if (!desk) return Error(desk.error());
               return Ok(centre::ToJson(*desk));
             }));
}

}  // namespace cc::api
