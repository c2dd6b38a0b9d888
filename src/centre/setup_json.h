// Queues and agent profiles as JSON: the form the admin API accepts and the
// centre repository stores. Parsing checks every field and names the one that
// is wrong; durations are whole seconds (`*_s`).
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "centre/setup.h"
#include "core/result.h"

namespace cc::centre {

nlohmann::json ToJson(const QueueSetup& queue);
// `id` and `tenant` come from the caller (the URL or the repository), not the body.
core::Result<QueueSetup> QueueFromJson(const nlohmann::json& body, core::QueueId id,
                                       core::TenantId tenant);

// An agent's routing profile: skills with levels, queues with tiers, team-lead queue.
nlohmann::json ProfileToJson(const acd::AgentConfig& agent);
core::Status ProfileFromJson(const nlohmann::json& body, acd::AgentConfig& agent);

}  // namespace cc::centre
