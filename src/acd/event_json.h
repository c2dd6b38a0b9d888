// Events as JSON documents, the form the interaction log stores and the
// layers above publish: {"type": "call.answered", "v": 1,
// "at": "2026-11-27T08:02:04.000Z", "call": 7, "agent": 2, ...}.
// Field names are those of docs/events.md; ids are integers (null when the
// event has none, e.g. `to_agent` of a transfer to a queue), durations are
// milliseconds with an `_ms` suffix, times are UTC strings, enumerations are
// written as Describe() writes them.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "acd/events.h"

namespace cc::acd {

nlohmann::json ToJson(const Event& event);

// The ids an event is about, for indexing it (the interaction log's
// call_id/agent_id/queue_id columns). `agent` is the acting agent
// (`from_agent` of a transfer), `queue` the queue the event happened in
// (`from` of an overflow). Absent when the event has none.
struct EventKeys {
  std::optional<std::int64_t> call;
  std::optional<std::int64_t> agent;
  std::optional<std::int64_t> queue;
};
EventKeys KeysOf(const EventBody& body);

}  // namespace cc::acd
