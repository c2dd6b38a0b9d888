// Who is making a request, as the authorization rules (rbac.h) see it: built
// from the directory when a session or token is authenticated.
// Thread-safety: a value type.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "access/role.h"
#include "core/ids.h"

namespace cc::access {

struct Principal {
  core::UserId user;
  std::string login;
  std::string display_name;
  Role role = Role::kOperator;
  std::optional<core::TeamId> team;     // the team the user belongs to
  std::vector<core::TenantId> tenants;  // the client companies the user may see
  std::vector<core::TeamId> led_teams;  // teams whose lead this user is

  bool HasTenant(core::TenantId tenant) const {
    return std::find(tenants.begin(), tenants.end(), tenant) != tenants.end();
  }
  bool Leads(core::TeamId t) const {
    return std::find(led_teams.begin(), led_teams.end(), t) != led_teams.end();
  }

  friend bool operator==(const Principal&, const Principal&) = default;
};

}  // namespace cc::access
