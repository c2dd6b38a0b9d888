// A check of the interaction log for crash tests and operators: the sequence
// has no gaps, every call announced by call.received comes before its other
// records and ends at most once (call.ended or call.interrupted), and after
// its end only wrap-up records (call.handled, call.disposition) and agents'
// own records follow.
// Thread-safety: reads through InteractionLog, which may be shared.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "storage/interaction_log.h"

namespace cc::reporting {

struct LogSummary {
  std::int64_t records = 0;
  std::int64_t calls = 0;                // calls with a call.received record
  std::vector<core::CallId> open_calls;  // of those, the ones not ended yet
};

// kFailedPrecondition naming the first record (seq) that breaks a rule.
core::Result<LogSummary> CheckLogConsistency(storage::InteractionLog& log);

}  // namespace cc::reporting
