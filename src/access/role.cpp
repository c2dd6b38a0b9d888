#include "access/role.h"

#include <string>

namespace cc::access {

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kOperator:
      return "operator";
    case Role::kTeamLead:
      return "team_lead";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kQa:
      return "qa";
    case Role::kManager:
      return "manager";
    case Role::kOfficeManager:
      return "office_manager";
    case Role::kAdmin:
      return "admin";
    case Role::kDirector:
      return "director";
  }
  return "unknown";
}

core::Result<Role> ParseRole(std::string_view text) {
  for (Role role : kAllRoles) {
    if (ToString(role) == text) return role;
  }
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "unknown role '" + std::string(text) +
                        "'; expected operator, team_lead, supervisor, qa, manager, "
                        "office_manager, admin or director");
}

}  // namespace cc::access
