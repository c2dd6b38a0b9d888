// An agent's desk as the desktop shows it: state, the offer ringing, the call
// in progress or in wrap-up, with the caller's number. Kept by the core loop
// from the engine's commands and events; copied out to other threads.
// Thread-safety: value types.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "acd/commands.h"
#include "acd/events.h"
#include "acd/types.h"
#include "core/ids.h"
#include "core/time.h"

namespace cc::centre {

// What the centre knows about a call beyond the engine: its numbers.
struct CallInfo {
  core::CallId id;
  core::TenantId tenant;
  std::string direction;  // inbound, callback, outbound
  std::string dialled;
  std::optional<std::string> caller;
  core::Timestamp arrived;
  std::string topic{};  // chosen in the IVR, if anything
};

struct DeskCall {
  core::CallId call;
  core::QueueId queue;
  std::optional<std::string> caller;
  std::string dialled;
  core::Timestamp since;
  bool on_hold = false;
  std::optional<acd::ConsultTarget> consult{};  // whom the agent consults (or holds a conference with)
  bool consult_connected = false;                // ... and they are on the line
  bool conference = false;                       // the caller, the agent and the consulted party together
  bool consulting() const { return consult.has_value() && !conference; }
  std::string topic{};  // chosen in the IVR, if anything
};

struct Desk {
  core::AgentId agent;
  acd::AgentState state = acd::AgentState::kLoggedOut;
  acd::NotReadyReason reason = acd::NotReadyReason::kNone;
  core::Timestamp since;
  std::optional<DeskCall> offer;    // ringing
  acd::OfferKind offer_kind = acd::OfferKind::kInbound;
  std::optional<DeskCall> call;     // talking or on hold
  std::optional<DeskCall> wrap_up;  // the call whose after-call work is open
  std::optional<DeskCall> ended;    // the call just left: wrap-up shows its caller and queue
  core::Timestamp wrap_up_until;
  bool driven_by_bot = false;
};

nlohmann::json ToJson(const Desk& desk);

}  // namespace cc::centre
