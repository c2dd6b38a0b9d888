// Staffing: how many agents a load needs to meet service targets, and what a
// given head-count achieves. Erlang C when callers never hang up, Erlang A
// when a mean patience is given (wfm/erlang.h, docs/wfm.md).
// Targets are compared with the values as computed, never rounded: 79.6 %
// does not meet an 80 % target.
// Thread-safety: pure functions returning values.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/time.h"
#include "core/units.h"
#include "wfm/erlang.h"

namespace cc::wfm {

// Every target given must hold; at least one is needed to solve.
struct StaffingTargets {
  std::optional<core::ServiceTarget> service_level;  // at least this fraction within T
  std::optional<core::Duration> max_asa;             // ASA (answered calls) at most this
  std::optional<double> max_abandon;                 // fraction of offered; needs patience
  std::optional<double> max_occupancy;               // fraction of agents' time on calls

  bool empty() const { return !service_level && !max_asa && !max_abandon && !max_occupancy; }
};

struct StaffingProblem {
  Load load;
  std::optional<core::Duration> mean_patience;  // given: Erlang A; absent: Erlang C
  StaffingTargets targets;
  double shrinkage = 0;  // fraction of paid time not available for calls, 0 ≤ s < 1
  // T at which the service level is reported when no service-level target is
  // given (docs/kpi.md's default threshold).
  core::Duration default_sl_threshold = core::Seconds(20);

  core::Duration SlThreshold() const {
    return targets.service_level ? targets.service_level->threshold : default_sl_threshold;
  }
};

enum class QueueModel { kErlangC, kErlangA };

std::string_view ToString(QueueModel model);  // "erlang_c", "erlang_a"

struct StaffingMetrics {
  double service_level = 0;        // answered within T ÷ offered, 0..1
  double asa_seconds = 0;          // mean wait of answered calls
  double asa_delayed_seconds = 0;  // mean wait of answered calls that waited
  double p_wait = 0;               // probability of finding every agent busy
  double p_abandon = 0;            // 0 under Erlang C
  double occupancy = 0;            // carried load ÷ agents
};

// One head-count evaluated against a problem.
struct Staffing {
  QueueModel model = QueueModel::kErlangC;
  int agents = 0;            // on the phones
  int agents_scheduled = 0;  // ⌈agents / (1 − shrinkage)⌉
  double erlangs = 0;        // offered load A
  core::Duration sl_threshold{0};
  // Empty when the queue is unstable (Erlang C with agents ≤ A): there are no
  // steady-state figures to give.
  std::optional<StaffingMetrics> metrics;
  bool meets_targets = false;  // every given target holds (false when unstable)

  bool stable() const { return metrics.has_value(); }
};

// kInvalidArgument naming the field when the load, patience, shrinkage or a
// target is out of range (a --max-abandon target without a patience, too).
core::Status Validate(const StaffingProblem& problem);

// The figures for `agents` on the phones.
core::Result<Staffing> Evaluate(const StaffingProblem& problem, int agents);

// The smallest head-count meeting every target. kInvalidArgument for a bad
// problem or one without targets; kResourceExhausted when no head-count up to
// 10·A + 100 meets them.
core::Result<Staffing> SolveStaffing(const StaffingProblem& problem);

// ⌈agents / (1 − shrinkage)⌉, immune to the rounding of the division
// (14 agents at 30 % shrinkage is 20, not 21).
int ScheduledHeadcount(int agents, double shrinkage);

}  // namespace cc::wfm
