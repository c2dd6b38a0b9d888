// A call detail record: one per call, derived from the interaction log by
// CdrBuilder (numbers, queue, agent, the time spent waiting, talking, on hold
// and in wrap-up, the outcome and the agent's disposition).
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"

namespace cc::reporting {

enum class Direction { kInbound, kCallback, kOutbound };

std::string_view ToString(Direction direction);
core::Result<Direction> ParseDirection(std::string_view text);

// The outcome a CDR gets when the server stopped while the call was open.
inline constexpr std::string_view kOutcomeInterrupted = "interrupted";

struct Cdr {
  core::CallId call;
  core::TenantId tenant;  // invalid when the log never said
  Direction direction = Direction::kInbound;
  // The number dialled: the centre's number for an inbound call, the
  // customer's for a callback or an outbound call. Empty when unknown.
  std::string dialled;
  std::optional<std::string> caller;  // absent when withheld or unknown
  core::QueueId queue;                // the last queue the call was in
  core::AgentId agent;                // the agent who talked last
  core::Timestamp arrived_at;         // the call's first record
  std::optional<core::Timestamp> answered_at;
  core::Timestamp ended_at;
  // Summed over the call: every queue visit's wait, every agent's talk,
  // hold and wrap-up (an agent who took part in a consult counts too).
  core::Duration wait{0};
  core::Duration talk{0};
  core::Duration hold{0};
  core::Duration wrap_up{0};
  int transfers = 0;
  // The engine's call outcome ("completed", "abandoned", "rejected",
  // "transferred-out", "callback-failed", "callback-cancelled") or "interrupted".
  std::string outcome;
  std::string disposition;  // the agent's code, empty when none was given
  std::string note;
  std::string topic;  // what the caller chose in the IVR ("Доставка / Статус"), empty when nothing

  friend bool operator==(const Cdr&, const Cdr&) = default;
};

// Changes to a CDR that was already written and that the builder no longer
// holds: after-call work or a disposition that came late.
struct CdrPatch {
  core::CallId call;
  core::Duration add_wrap_up{0};
  std::optional<std::string> disposition;
  std::string note;
  core::AgentId agent;  // who gave the disposition; it wins only for the CDR's agent or an empty one

  friend bool operator==(const CdrPatch&, const CdrPatch&) = default;
};

// The API form: ids as numbers (null when absent), times as UTC strings,
// durations in milliseconds with an `_ms` suffix.
nlohmann::json ToJson(const Cdr& cdr);

}  // namespace cc::reporting
