// Configuration of queues and agents as the engine sees it. Admin tools,
// the server config and the simulator all build these values.
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acd/types.h"

namespace cc::acd {

// After a caller has waited `after`, agents with at least `min_level` on
// every required skill are accepted (only ever lowers the requirement).
struct Relaxation {
  Duration after{};
  int min_level = 1;
};

enum class OverflowKind {
  kNone,
  kQueue,          // move the caller to another queue (for example the team-lead group)
  kCallbackOffer,  // offer the caller a callback that keeps their place
};

struct OverflowTarget {
  OverflowKind kind = OverflowKind::kNone;
  QueueId queue;  // for kQueue
};

// What happens to a caller arriving when no member of the queue is logged in.
enum class NoAgentsAction {
  kWait,           // keep the caller waiting
  kOverflow,       // announce that nobody is available, then overflow
  kOfferCallback,  // offer a callback
};

struct QueueConfig {
  QueueId id;
  TenantId tenant;
  std::string name;
  int priority = 0;  // among an agent's queues, callers of higher-priority queues go first
  std::vector<SkillRequirement> required_skills;
  std::vector<Relaxation> relaxations;  // ascending by `after`
  RoutingPolicy policy = RoutingPolicy::kLongestIdle;
  Duration sl_threshold = core::Seconds(20);  // T in "80 % answered within T"
  int sl_target_percent = 80;
  Duration short_abandon{};  // abandons within this do not count against service level
  Duration max_wait{};       // zero: no limit
  OverflowTarget overflow;   // where callers go at max_wait or when the queue is full
  NoAgentsAction when_no_agents = NoAgentsAction::kWait;
  Duration wrap_up{};         // after-call work time given to the agent
  Duration announce_every{};  // position and expected wait every N; zero: never
  int max_callers = 0;        // zero: unlimited
  Duration ring_timeout = core::Seconds(15);
};

struct QueueMembership {
  QueueId queue;
  int tier = 1;  // lower tiers are offered callers first
};

struct AgentConfig {
  AgentId id;
  TenantId tenant;
  std::string name;
  std::vector<SkillLevel> skills;
  std::vector<QueueMembership> queues;
  std::optional<QueueId> team_lead_queue;  // where "transfer to team lead" goes
};

struct EngineConfig {
  int missed_offers_limit = 3;  // this many expired offers in a row: not-ready (missed-offers)
  int max_overflow_hops = 4;    // a caller overflows at most this many times
  // An agent whose offer of a caller ended unanswered is passed over for that
  // caller this long, so the caller tries other agents first.
  Duration reoffer_delay = core::Seconds(5);
  Duration default_handle_time = core::Seconds(180);  // for expected-wait until a queue has history
};

}  // namespace cc::acd
