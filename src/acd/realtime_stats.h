// Realtime statistics per queue and per agent, kept up to date from the
// engine's events alone (never by scanning calls or agents). docs/kpi.md
// defines every figure and which call outcomes count where.
// Thread-safety: none; owned by the thread that receives the events.
#pragma once

#include <array>
#include <optional>
#include <set>
#include <unordered_map>

#include "acd/events.h"

namespace cc::acd {

struct QueueStats {
  std::string name;
  Duration sl_threshold{};
  int sl_target_percent = 80;
  Duration short_abandon{};

  // Live figures.
  int waiting = 0;            // live callers queued or ringing at an agent
  int callbacks_waiting = 0;  // callbacks and outbound calls in the queue, not yet connected
  std::array<int, 7> agents_by_state{};  // members, indexed by AgentState

  // Today's counters, one per call outcome of a queue visit (docs/kpi.md).
  int offered = 0;
  int answered = 0;
  int answered_within_sl = 0;
  int abandoned = 0;        // after the short-abandon threshold
  int short_abandoned = 0;  // within it: not counted against service level
  int overflowed_out = 0;
  int callbacks_requested = 0;
  int rejected = 0;
  Duration answer_wait_total{};
  int handled = 0;  // after-call work finished, for AHT
  Duration handle_time_total{};

  // Visits that ended, less short abandons: the service-level denominator.
  int SlDenominator() const;
  // Share of that denominator answered within the threshold; nullopt before any call ended.
  std::optional<double> ServiceLevel() const;
  std::optional<Duration> AverageSpeedOfAnswer() const;
  std::optional<Duration> AverageHandleTime() const;
  int AgentsIn(AgentState s) const { return agents_by_state[static_cast<std::size_t>(s)]; }
};

struct AgentStats {
  AgentState state = AgentState::kLoggedOut;
  NotReadyReason reason = NotReadyReason::kNone;
  Timestamp since;
  int calls_handled = 0;  // today
  int missed_offers = 0;  // today
  Duration talk_total{};
  Duration hold_total{};
  Duration wrap_up_total{};
};

class RealtimeStats {
 public:
  void OnEvent(const Event& event);
  // Zeroes today's counters; live figures (waiting, states) stay.
  void StartNewDay();

  const QueueStats* Queue(QueueId id) const;
  const AgentStats* Agent(AgentId id) const;
  // How long the longest-waiting live caller of the queue has waited.
  Duration LongestWait(QueueId id, Timestamp now) const;
  std::vector<QueueId> QueueIds() const;
  std::vector<AgentId> AgentIds() const;

 private:
  struct Waiter {
    QueueId queue;
    Timestamp since;
    bool callback;
  };
  void Enter(CallId call, QueueId queue, Timestamp since, bool callback);
  void Leave(CallId call);

  std::unordered_map<QueueId, QueueStats> queues_;
  std::unordered_map<AgentId, AgentStats> agents_;
  std::unordered_map<AgentId, std::vector<QueueId>> memberships_;
  std::unordered_map<CallId, Waiter> waiters_;
  std::unordered_map<QueueId, std::multiset<Timestamp>> live_since_;
};

}  // namespace cc::acd
