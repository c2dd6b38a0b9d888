// Vocabulary of the ACD: agent states, not-ready reasons, routing policies,
// skills and the attributes a call carries from the moment it arrives.
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace cc::acd {

using core::AgentId;
using core::CallId;
using core::Duration;
using core::QueueId;
using core::SkillId;
using core::TenantId;
using core::Timestamp;

enum class AgentState {
  kLoggedOut,
  kReady,
  kReserved,  // an offer is ringing at the agent
  kOnCall,
  kOnHold,  // the agent holds the caller
  kWrapUp,
  kNotReady,
};

// Where a call stands in the ACD.
enum class CallStage {
  kScheduled,  // a callback waiting for its due time
  kQueued,     // waiting in a queue
  kOffered,    // ringing at an agent
  kDialing,    // a callback or outbound call being dialled for an agent
  kTalking,
  kOnHold,
  kConsulting,  // the caller holds while the agent consults someone
  kConference,  // caller, agent and a consulted party together
};

enum class NotReadyReason {
  kNone,   // used for every state other than not-ready
  kLogin,  // just logged in, not yet ready
  kBreak,
  kLunch,
  kTraining,
  kMeeting,
  kCoaching,
  kTechnical,
  kHealth,
  kMissedOffers,  // set by the engine after too many unanswered offers
  kOther,
};

enum class RoutingPolicy {
  kLongestIdle,      // the agent idle for the longest time (default)
  kFewestCalls,      // the agent with the fewest answered calls today, then longest idle
  kRoundRobin,       // the member offered a call from this queue longest ago
  kSkillsBestMatch,  // highest proficiency on the required skills, then longest idle
};

std::string_view ToString(AgentState s);
std::string_view ToString(NotReadyReason r);
std::string_view ToString(RoutingPolicy p);
std::optional<AgentState> ParseAgentState(std::string_view s);
std::optional<NotReadyReason> ParseNotReadyReason(std::string_view s);
std::optional<RoutingPolicy> ParseRoutingPolicy(std::string_view s);

// An agent's proficiency in a skill, 1 (novice) to 10 (expert).
struct SkillLevel {
  SkillId skill;
  int level = 1;
  friend bool operator==(const SkillLevel&, const SkillLevel&) = default;
};

// A skill a call or queue needs, with the lowest acceptable proficiency.
struct SkillRequirement {
  SkillId skill;
  int min_level = 1;
  friend bool operator==(const SkillRequirement&, const SkillRequirement&) = default;
};

// Everything known about a call when it reaches the ACD.
struct CallAttributes {
  TenantId tenant;
  std::string dialled_number;                     // the DID the caller dialled
  std::optional<std::string> caller_number;       // nullopt when withheld
  std::string ivr_topic;                          // what the caller chose in the IVR, if anything
  int priority = 0;                               // higher is served first (VIP > 0)
  std::vector<SkillRequirement> required_skills;  // on top of the queue's own
  std::vector<std::string> tags;
};

}  // namespace cc::acd
