#include "wfm/staffing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cc::wfm {

namespace {

using core::ErrorCode;
using core::Fail;

double Seconds(core::Duration d) {
  return static_cast<double>(d.count()) / 1000.0;
}

bool MeetsTargets(const StaffingTargets& targets, const StaffingMetrics& m) {
  if (targets.service_level && m.service_level < targets.service_level->fraction) return false;
  if (targets.max_asa && m.asa_seconds > Seconds(*targets.max_asa)) return false;
  if (targets.max_abandon && m.p_abandon > *targets.max_abandon) return false;
  if (targets.max_occupancy && m.occupancy > *targets.max_occupancy) return false;
  return true;
}

// A head-count at or below the minimum, from bounds that hold in every
// model: the service level and the answered fraction are at most
// carried ÷ offered ≤ N/A; Erlang C needs N > A and has occupancy A/N.
int LowerBound(const StaffingProblem& problem, double erlangs) {
  double bound = 0;
  const StaffingTargets& t = problem.targets;
  if (t.service_level) bound = std::max(bound, t.service_level->fraction * erlangs);
  if (t.max_abandon) bound = std::max(bound, (1.0 - *t.max_abandon) * erlangs);
  if (!problem.mean_patience) {
    bound = std::max(bound, erlangs);
    if (t.max_occupancy) bound = std::max(bound, erlangs / *t.max_occupancy);
  }
  return static_cast<int>(std::floor(bound)) - 1;
}

}  // namespace

std::string_view ToString(QueueModel model) {
  switch (model) {
    case QueueModel::kErlangC:
      return "erlang_c";
    case QueueModel::kErlangA:
      return "erlang_a";
  }
  return "unknown";
}

int ScheduledHeadcount(int agents, double shrinkage) {
  const double exact = agents / (1.0 - shrinkage);
  // The division may land a hair above a whole number (14 / 0.7 =
  // 20.000000000000004); a relative 1e-9 is far below any real fraction.
  return static_cast<int>(std::ceil(exact * (1.0 - 1e-9)));
}

core::Status Validate(const StaffingProblem& problem) {
  const Load& load = problem.load;
  if (!(std::isfinite(load.arrival_rate_per_second) && load.arrival_rate_per_second > 0)) {
    return Fail(ErrorCode::kInvalidArgument, "arrival rate: must be positive");
  }
  if (load.aht.count() <= 0) return Fail(ErrorCode::kInvalidArgument, "AHT: must be positive");
  if (problem.mean_patience && problem.mean_patience->count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "patience: must be positive");
  }
  if (!(problem.shrinkage >= 0 && problem.shrinkage < 1)) {
    return Fail(ErrorCode::kInvalidArgument, "shrinkage: must be at least 0 % and below 100 %");
  }
  const StaffingTargets& t = problem.targets;
  if (t.service_level) {
    if (!(t.service_level->fraction >= 0 && t.service_level->fraction < 1)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "service-level target: must be below 100 % (no finite staff answers every "
                  "call within any T)");
    }
    if (t.service_level->threshold.count() < 0) {
      return Fail(ErrorCode::kInvalidArgument, "service-level threshold: must not be negative");
    }
  }
  if (t.max_asa && t.max_asa->count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "ASA target: must be positive");
  }
  if (t.max_abandon) {
    if (!problem.mean_patience) {
      return Fail(ErrorCode::kInvalidArgument,
                  "abandon target: needs a mean patience (without one nobody abandons)");
    }
    if (!(*t.max_abandon > 0 && *t.max_abandon <= 1)) {
      return Fail(ErrorCode::kInvalidArgument,
                  "abandon target: must be above 0 % (no finite "
                  "staff stops every abandon)");
    }
  }
  if (t.max_occupancy && !(*t.max_occupancy > 0 && *t.max_occupancy <= 1)) {
    return Fail(ErrorCode::kInvalidArgument, "occupancy target: must be above 0 %");
  }
  return {};
}

core::Result<Staffing> Evaluate(const StaffingProblem& problem, int agents) {
  if (auto status = Validate(problem); !status) return tl::unexpected(status.error());
  if (agents < 1) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} agents: need at least 1", agents));
  }
  Staffing s;
  s.agents = agents;
  s.agents_scheduled = ScheduledHeadcount(agents, problem.shrinkage);
  s.erlangs = problem.load.Erlangs();
  s.sl_threshold = problem.SlThreshold();
  if (problem.mean_patience) {
    s.model = QueueModel::kErlangA;
    auto a = ErlangA(agents, problem.load, *problem.mean_patience);
    if (!a) return tl::unexpected(a.error());
    s.metrics = StaffingMetrics{a->ServiceLevel(s.sl_threshold),
                                a->asa_seconds,
                                a->asa_delayed_seconds,
                                a->p_wait,
                                a->p_abandon,
                                a->occupancy};
  } else {
    s.model = QueueModel::kErlangC;
    auto c = ErlangC(agents, problem.load);
    if (!c) {
      if (c.error().code != ErrorCode::kFailedPrecondition) return tl::unexpected(c.error());
      return s;  // unstable: no figures, targets not met
    }
    s.metrics = StaffingMetrics{c->ServiceLevel(s.sl_threshold),
                                c->asa_all_seconds,
                                c->asa_delayed_seconds,
                                c->p_wait,
                                0.0,
                                c->occupancy};
  }
  s.meets_targets = MeetsTargets(problem.targets, *s.metrics);
  return s;
}

core::Result<Staffing> SolveStaffing(const StaffingProblem& problem) {
  if (auto status = Validate(problem); !status) return tl::unexpected(status.error());
  if (problem.targets.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "no target to staff for");
  }
  const double erlangs = problem.load.Erlangs();
  const int cap = static_cast<int>(std::floor(10 * erlangs)) + 100;
  // Scan upwards from a head-count known to fail: the first one meeting the
  // targets is the minimum even where a figure is not monotone in N.
  for (int agents = std::max(1, LowerBound(problem, erlangs)); agents <= cap; ++agents) {
    auto s = Evaluate(problem, agents);
    if (!s) return s;
    if (s->meets_targets) return s;
  }
  return Fail(ErrorCode::kResourceExhausted,
              fmt::format("no head-count up to {} agents meets the targets", cap));
}

}  // namespace cc::wfm
