// What part of the live centre a user may see: the tenants of their role's
// scope and, for team leads, their team (docs/rbac.md).
// Thread-safety: pure functions, except AgentVisible which asks the centre.
#pragma once

#include <optional>

#include "access/principal.h"
#include "access/rbac.h"
#include "api/api.h"
#include "centre/snapshot.h"

namespace cc::api {

// The snapshot scope for a live view, or nullopt when the role has none.
std::optional<centre::SnapshotScope> LiveScope(const access::Principal& who);

// Whether `who` sees any of `tenants` (a user's companies, say).
bool SharesTenant(const access::Principal& who, const std::vector<core::TenantId>& tenants);

// Whether `who` may see (and, with the right action, steer) `agent`.
core::Result<bool> AgentVisible(ApiServices& s, const access::Principal& who, core::AgentId agent);

}  // namespace cc::api
