// The realtime snapshot the wallboard shows: per queue waiting, longest
// wait, today's counters and service level, agents by state, alerts; and the
// agent grid. Built on the core loop from RealtimeStats and the engine, for a
// scope (tenants, optionally one team), serialised once and sent to many.
// Thread-safety: call on the core loop (inside Centre::Ask or a listener).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "centre/centre.h"

namespace cc::centre {

struct SnapshotScope {
  std::optional<std::vector<core::TenantId>> tenants;  // nullopt: every tenant
  std::optional<core::TeamId> team;                     // agents of this team only
};

nlohmann::json BuildSnapshot(const Centre& centre, const SnapshotScope& scope);

// Today's figures of one operator (calls, AHT, talk, hold, wrap-up, missed
// offers, time not ready so far) as the team lead and the agent see them.
nlohmann::json AgentFigures(const Centre& centre, core::AgentId agent);

}  // namespace cc::centre
