// The roles a user of the centre holds (one each); docs/rbac.md says what each
// may read and change, rbac.h implements it.
// Thread-safety: value types and pure functions.
#pragma once

#include <array>
#include <string_view>

#include "core/result.h"

namespace cc::access {

enum class Role {
  kOperator,
  kTeamLead,
  kSupervisor,
  kQa,
  kManager,
  kOfficeManager,
  kAdmin,
  kDirector,
};

inline constexpr std::array<Role, 8> kAllRoles = {
    Role::kOperator, Role::kTeamLead,      Role::kSupervisor, Role::kQa,
    Role::kManager,  Role::kOfficeManager, Role::kAdmin,      Role::kDirector};

// "operator", "team_lead", "supervisor", "qa", "manager", "office_manager",
// "admin", "director".
std::string_view ToString(Role role);

// The inverse of ToString; kInvalidArgument naming the accepted roles otherwise.
core::Result<Role> ParseRole(std::string_view text);

}  // namespace cc::access
