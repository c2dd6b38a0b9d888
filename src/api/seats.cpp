#include "api/seats.h"

namespace cc::api {

bool TakesCalls(access::Role role) {
  return role == access::Role::kOperator || role == access::Role::kTeamLead;
}

centre::AgentSetup SeatFor(const access::User& user, const std::optional<acd::AgentConfig>& profile) {
  centre::AgentSetup a;
  if (profile) a.config = *profile;
  a.config.id = core::AgentId(user.id.value());
  a.config.tenant = user.tenants.empty() ? core::TenantId() : user.tenants.front();
  a.config.name = user.display_name;
  a.team = user.team;
  return a;
}

}  // namespace cc::api
