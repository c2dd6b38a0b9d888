// The records the server writes into the interaction log beside the engine's
// events (docs/events.md, "Records written by the server"): call.received,
// call.disposition and call.interrupted. Their payloads have the shape of
// acd::ToJson output ("type", "v", "at" plus the fields).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/time.h"
#include "reporting/cdr.h"
#include "storage/interaction_log.h"

namespace cc::reporting {

inline constexpr const char* kCallReceived = "call.received";
inline constexpr const char* kCallDisposition = "call.disposition";
inline constexpr const char* kCallInterrupted = "call.interrupted";
// Written by the centre when a caller leaves an IVR menu without reaching a
// queue: the call's only record (its call record's outcome is "ivr-" + outcome).
inline constexpr const char* kIvrEnded = "ivr.ended";

// Written before the first engine event of a call: an inbound call as it
// arrives (`caller` absent when withheld), an outbound call as it is
// originated (`dialled` is then the customer's number).
storage::LogRecord CallReceivedRecord(core::Timestamp at, core::CallId call, core::TenantId tenant,
                                      const std::string& dialled,
                                      const std::optional<std::string>& caller,
                                      Direction direction = Direction::kInbound);

// Written when the agent finishes wrap-up with a disposition code and note.
storage::LogRecord CallDispositionRecord(core::Timestamp at, core::CallId call,
                                         core::AgentId agent, const std::string& code,
                                         const std::string& note);

// Written at start-up for a call the previous run left open.
storage::LogRecord CallInterruptedRecord(core::Timestamp at, core::CallId call);

}  // namespace cc::reporting
