// An independent recount of the figures in docs/kpi.md from the engine's
// event stream, for the randomized engine test to hold RealtimeStats and the
// engine against. Deliberately simple; it also checks that the stream itself
// is coherent (state changes start where the last one ended, queue visits
// close once, each with the wait since its call.queued).
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "acd/events.h"

namespace cc::acd::random_test {

struct Recount {
  struct Queue {
    Duration sl_threshold{};
    Duration short_abandon{};
    int waiting = 0;
    int callbacks_waiting = 0;
    int offered = 0;
    int answered = 0;
    int answered_within_sl = 0;
    int abandoned = 0;
    int short_abandoned = 0;
    int overflowed_out = 0;
    int callbacks_requested = 0;
    int rejected = 0;
    int handled = 0;
    Duration answer_wait_total{};
    Duration handle_time_total{};
    friend bool operator==(const Queue&, const Queue&) = default;
  };
  struct Agent {
    AgentState state = AgentState::kLoggedOut;
    NotReadyReason reason = NotReadyReason::kNone;
    std::vector<QueueId> queues;
    int calls_handled = 0;
    int missed_offers = 0;
    int calls_today = 0;  // answered or connected today (the engine's calls_today)
    friend bool operator==(const Agent&, const Agent&) = default;
  };
  std::map<QueueId, Queue> queues;
  std::map<AgentId, Agent> agents;
  std::map<CallId, std::pair<QueueId, Timestamp>> open_visits;  // live caller -> queue, since
  std::map<CallId, QueueId> open_callbacks;                     // callback or outbound in a queue

  bool operator==(const Recount&) const = default;

  // Starts today's counters afresh; live figures and states stay.
  void NewDay();
  // Closes the caller's open visit; `wait` must run from the visit's call.queued.
  void CloseVisit(CallId call, QueueId queue, Timestamp at, std::optional<Duration> wait,
                  const char* how);
  void CloseCallback(CallId call);
  void Feed(const Event& event);
  // Members of queue `q` per agent state, indexed by AgentState.
  std::array<int, 7> AgentsByState(QueueId q) const;
};

}  // namespace cc::acd::random_test
