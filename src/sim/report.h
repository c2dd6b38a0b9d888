// Per-interval and whole-day results of a simulation, folded from the
// engine's events. Calls count in the interval in which their queue visit
// began; agent time is split at interval boundaries.
// Thread-safety: none; one thread folds events into a Report.
#pragma once

#include <array>
#include <optional>
#include <unordered_map>
#include <vector>

#include "acd/events.h"
#include "sim/model.h"

namespace cc::sim {

struct Figures {
  std::int64_t offered = 0;
  std::int64_t answered = 0;
  std::int64_t answered_within_sl = 0;
  std::int64_t abandoned = 0;        // after the queue's short-abandon threshold
  std::int64_t short_abandoned = 0;  // not counted against service level
  std::int64_t overflowed = 0;
  std::int64_t other_missed = 0;  // callbacks chosen, rejected
  std::int64_t delayed = 0;       // answered after waiting > 0
  double wait_total_s = 0;        // of answered calls
  std::int64_t handled = 0;
  double handle_total_s = 0;
  double busy_s = 0;       // agents reserved, on a call, on hold or in wrap-up
  double available_s = 0;  // busy plus ready

  void Add(const Figures& o);
  // Definitions as in docs/kpi.md.
  std::optional<double> ServiceLevel() const;
  std::optional<double> Asa() const;
  std::optional<double> Aht() const;
  std::optional<double> Occupancy() const;
  std::optional<double> AbandonRate() const;  // abandoned ÷ (answered + abandoned)
  std::optional<double> PWait() const;        // share of offered calls not answered at once
  std::optional<double> PAbandon() const;     // abandoned ÷ offered
};

struct Report {
  std::vector<std::string> queue_names;
  Duration interval{};
  Timestamp start;
  std::vector<std::vector<Figures>> by_interval;  // [interval][queue]; calls only
  std::vector<Figures> centre_by_interval;        // all queues together, with agent time
  Figures total;                                  // whole day, all queues
  std::vector<Figures> total_by_queue;
  std::int64_t engine_events = 0;
  std::int64_t engine_inputs = 0;
};

class ReportBuilder {
 public:
  ReportBuilder(const DayModel& model);
  void OnEvent(const acd::Event& e);
  // Closes open agent states at `end` and totals everything.
  Report Finish(Timestamp end, std::int64_t inputs);

 private:
  int IntervalOf(Timestamp t) const;
  std::size_t QueueIndex(acd::QueueId q) const;
  void AccountAgentTime(acd::AgentState state, Timestamp from, Timestamp to);

  Timestamp start_;
  Duration interval_;
  int intervals_;
  Report report_;
  std::unordered_map<acd::QueueId, std::size_t> queue_index_;
  struct Visit {
    int interval;
    std::size_t queue;
  };
  std::unordered_map<acd::CallId, Visit> visits_;
  struct AgentClock {
    acd::AgentState state = acd::AgentState::kLoggedOut;
    Timestamp since;
  };
  std::unordered_map<acd::AgentId, AgentClock> agents_;
  std::vector<Duration> sl_threshold_, short_abandon_;  // per queue index
  std::int64_t events_ = 0;
};

}  // namespace cc::sim
