// The live view for supervisors and team leads: the realtime snapshot, the
// agent grid with today's figures, and forcing an agent's state.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/scope.h"
#include "api/util.h"
#include "api/wallboard_routes.h"
#include "centre/snapshot.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using core::Fail;
using nlohmann::json;

}  // namespace

void AddSupervisorRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;
  router.Add("GET", "/api/realtime", [&s, guard](http::Request& r) {
    auto caller = guard.Authenticate(r);
    if (!caller) return Error(caller.error());
    auto scope = LiveScope(caller->who);
    if (!scope) return Error(guard.Deny(*caller, r, "the realtime view"));
    return Ok(s.centre.Ask([&s, sc = *scope] { return centre::BuildSnapshot(s.centre, sc); }).get());
  });

  router.Add("GET", "/api/agents/{id}/figures", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kReadOperatorFigures);
    if (!caller) return Error(caller.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    const core::AgentId agent(static_cast<std::uint32_t>(*id));
    auto seen = AgentVisible(s, caller->who, agent);
    if (!seen) return Error(seen.error());
    if (!*seen) return Error(guard.Deny(*caller, r, "figures of agent " + std::to_string(*id)));
    return Ok(s.centre.Ask([&s, agent] { return centre::AgentFigures(s.centre, agent); }).get());
  });

  router.Add("POST", "/api/agents/{id}/state", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kForceAgentState);
    if (!caller) return Error(caller.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    const core::AgentId agent(static_cast<std::uint32_t>(*id));
    auto seen = AgentVisible(s, caller->who, agent);
    if (!seen) return Error(seen.error());
    if (!*seen) return Error(guard.Deny(*caller, r, "the state of agent " + std::to_string(*id)));
    auto state_text = TextField(*body, "state");
    if (!state_text) return Error(state_text.error());
    auto state = acd::ParseAgentState(*state_text);
    if (!state || (*state != acd::AgentState::kReady && *state != acd::AgentState::kNotReady &&
                   *state != acd::AgentState::kLoggedOut)) {
      return Error({ErrorCode::kInvalidArgument, "'state' must be ready, not-ready or logged-out"});
    }
    acd::NotReadyReason reason = acd::NotReadyReason::kOther;
    if (body->contains("reason")) {
      auto text = TextField(*body, "reason");
      if (!text) return Error(text.error());
      auto parsed = acd::ParseNotReadyReason(*text);
      if (!parsed) return Error({ErrorCode::kInvalidArgument, "unknown not-ready reason '" + *text + "'"});
      reason = *parsed;
    }
    if (auto st = Await(s.centre.Submit(acd::ForceAgentState{agent, *state, reason})); !st) {
      return Error(st.error());
    }
    guard.Audit(*caller, r, "agent.force_state", "agent", std::to_string(*id),
                json{{"state", *state_text}});
    auto desk = s.centre.Ask([&s, agent] { return s.centre.DeskOf(agent); }).get();
    if (!desk) return Error({ErrorCode::kNotFound, "no such agent"});
    return Ok(centre::ToJson(*desk));
  });

  AddWallboardRoutes(router, s, guard);
}

}  // namespace cc::api
