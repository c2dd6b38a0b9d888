#include "sim/steady_load.h"

namespace cc::sim {

DayModel SteadyLoadDay(const SteadyLoad& load) {
  DayModel m;
  m.name = "steady load";
  m.start = core::FromMillis(1'795'766'400'000);  // 2026-11-27 08:00 UTC
  m.interval = std::chrono::hours(1);
  m.intervals = load.hours;
  m.seed = load.seed;
  QueueModel q;
  q.config.id = acd::QueueId(1);
  q.config.name = "queue";
  q.config.sl_threshold = load.sl_threshold;
  q.config.sl_target_percent = load.sl_target_percent;
  q.arrivals.assign(static_cast<std::size_t>(load.hours), load.calls_per_hour);
  q.handle = {HandleDistribution::kExponential, load.aht, 1.0};
  q.patience = load.patience;
  m.queues.push_back(q);
  Shift s;
  s.name = "agents";
  s.agents = load.agents;
  s.end_offset = m.interval * load.hours;
  s.queues = {{acd::QueueId(1), 1}};
  m.shifts.push_back(s);
  return m;
}

}  // namespace cc::sim
