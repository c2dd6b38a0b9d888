// What the live centre is configured with: queues and the numbers that reach
// them, agents with their names, teams, skills and queues. The app builds it
// from the directory (and the demo seed); the engine gets the acd parts.
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acd/config.h"
#include "core/ids.h"

namespace cc::centre {

struct QueueSetup {
  acd::QueueConfig config;
  std::vector<std::string> numbers;  // dialled numbers (DIDs) routed to this queue
};

struct AgentSetup {
  acd::AgentConfig config;  // config.name is the display name
  std::optional<core::TeamId> team;
};

struct CentreSetup {
  std::vector<QueueSetup> queues;
  std::vector<AgentSetup> agents;

  const QueueSetup* FindQueue(core::QueueId id) const;
  const AgentSetup* FindAgent(core::AgentId id) const;
};

}  // namespace cc::centre
