// A day with one queue under a constant Poisson load and the same agents all
// along: what `callcenter simulate` plays for a steady load, and what the
// tests hold against the Erlang formulas.
// Thread-safety: pure function.
#pragma once

#include <optional>

#include "sim/model.h"

namespace cc::sim {

struct SteadyLoad {
  double calls_per_hour = 0;
  Duration aht = core::Seconds(180);  // exponential handle times with this mean
  int agents = 1;
  int hours = 1;  // one interval per hour
  std::uint64_t seed = 1;
  std::optional<Duration> patience;  // exponential; none: nobody hangs up
  Duration sl_threshold = core::Seconds(20);
  int sl_target_percent = 80;
};

DayModel SteadyLoadDay(const SteadyLoad& load);

}  // namespace cc::sim
