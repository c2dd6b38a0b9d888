// Control of the simulated world (admins and tests): inject a call now,
// pause or resume the generated traffic, switch the bot agents on or off.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

namespace {
using core::ErrorCode;
using nlohmann::json;
}  // namespace

void AddSimRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;
  auto sim_or_error = [&s]() -> core::Result<SimControl*> {
    if (!s.sim) return core::Fail(ErrorCode::kFailedPrecondition, "this centre runs no simulation");
    return s.sim;
  };
  router.Add("GET", "/api/sim", [guard, sim_or_error](http::Request& r) {
    auto caller = guard.Require(r, Action::kSimControl);
    if (!caller) return Error(caller.error());
    auto sim = sim_or_error();
    if (!sim) return Error(sim.error());
    return Ok((*sim)->Status());
  });
  router.Add("POST", "/api/sim/calls", [&s, guard, sim_or_error](http::Request& r) {
    auto caller = guard.Require(r, Action::kSimControl);
    if (!caller) return Error(caller.error());
    auto sim = sim_or_error();
    if (!sim) return Error(sim.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto queue = IdField(*body, "queue");
    if (!queue) return Error(queue.error());
    auto number = OptionalText(*body, "caller");
    if (!number) return Error(number.error());
    if (number->size() > 32) return Error({ErrorCode::kInvalidArgument, "'caller' is too long"});
    auto call = (*sim)->InjectCall(core::QueueId(static_cast<std::uint32_t>(*queue)), *number);
    if (!call) return Error(call.error());
    guard.Audit(*caller, r, "sim.inject_call", "call", std::to_string(call->value()),
                json{{"queue", *queue}});
    (void)s;
    return Created(json{{"call", call->value()}, {"queue", *queue}});
  });
  // POST {"<field>": true|false} → set(sim, value); audited as `action`.
  auto toggle = [guard, sim_or_error](const char* field, const char* action,
                                      void (*set)(SimControl&, bool)) {
    return [guard, sim_or_error, field, action, set](http::Request& r) {
      auto caller = guard.Require(r, Action::kSimControl);
      if (!caller) return Error(caller.error());
      auto sim = sim_or_error();
      if (!sim) return Error(sim.error());
      auto body = BodyOrEmpty(r);
      if (!body) return Error(body.error());
      if (!body->contains(field) || !(*body)[field].is_boolean()) {
        return Error({ErrorCode::kInvalidArgument, std::string("'") + field + "' (true or false) is required"});
      }
      set(**sim, (*body)[field].get<bool>());
      guard.Audit(*caller, r, action, "simulation", field, *body);
      return Ok((*sim)->Status());
    };
  };
  router.Add("POST", "/api/sim/traffic",
             toggle("paused", "sim.traffic", [](SimControl& sim, bool v) { sim.SetTrafficPaused(v); }));
  router.Add("POST", "/api/sim/bots",
             toggle("enabled", "sim.bots", [](SimControl& sim, bool v) { sim.SetBotsEnabled(v); }));
}

}  // namespace cc::api
