// Which users have a seat in the live centre and what that seat looks like:
// operators and team leads, as agents whose AgentId is their UserId, with
// their stored routing profile. Used when the server starts and whenever an
// admin changes a user or a profile.
// Thread-safety: pure functions.
#pragma once

#include <optional>

#include "access/directory.h"
#include "centre/setup.h"

namespace cc::api {

bool TakesCalls(access::Role role);

// The agent for `user` with `profile` (skills, queues) or an empty one.
centre::AgentSetup SeatFor(const access::User& user, const std::optional<acd::AgentConfig>& profile);

}  // namespace cc::api
