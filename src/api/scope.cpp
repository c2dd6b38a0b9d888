#include "api/scope.h"

namespace cc::api {

std::optional<centre::SnapshotScope> LiveScope(const access::Principal& who) {
  centre::SnapshotScope scope;
  if (!access::SeesAllTenants(who)) scope.tenants = who.tenants;
  if (access::Allows(who, access::Action::kReadRealtimeCentre)) return scope;
  if (access::Allows(who, access::Action::kReadRealtimeTeam)) {
    if (!who.led_teams.empty()) {
      scope.team = who.led_teams.front();
    } else if (who.team) {
      scope.team = who.team;
    } else {
      return std::nullopt;
    }
    return scope;
  }
  return std::nullopt;
}

core::Result<bool> AgentVisible(ApiServices& s, const access::Principal& who, core::AgentId agent) {
  auto setup = s.centre.Ask([&s, agent]() -> std::optional<centre::AgentSetup> {
                 const centre::AgentSetup* a = s.centre.setup().FindAgent(agent);
                 if (!a) return std::nullopt;
                 return *a;
               }).get();
  if (!setup) return core::Fail(core::ErrorCode::kNotFound, "no agent with id " + std::to_string(agent.value()));
  if (!access::CanSeeTenant(who, setup->config.tenant)) return false;
  return access::CanSeeAgent(who, core::UserId(agent.value()), setup->team);
}

bool SharesTenant(const access::Principal& who, const std::vector<core::TenantId>& tenants) {
  if (access::SeesAllTenants(who)) return true;
  for (auto t : tenants) {
    if (who.HasTenant(t)) return true;
  }
  return false;
}

}  // namespace cc::api
