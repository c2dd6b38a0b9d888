// A whole day at a 1,000-agent centre through the simulator and the real
// engine: 8 queues with skills, two shifts with breaks, 15-minute intervals,
// lognormal handle times, impatient callers, overflow. Reports engine events
// and inputs per second of wall time (one core).
#include <benchmark/benchmark.h>

#include <cmath>

#include "sim/simulator.h"

namespace {

using namespace cc;

sim::DayModel ThousandAgentDay(int agents) {
  sim::DayModel m;
  m.start = core::FromMillis(1'795'766'400'000);  // 08:00
  m.interval = std::chrono::minutes(15);
  m.intervals = 48;  // 08:00-20:00
  m.seed = 7;
  m.answer_delay = core::Seconds(2);
  const int queues = 8;
  // Offered load sized so that the roster is busy but not drowning (~85 %).
  const double aht_s = 150;
  const double erlangs_peak = agents * 0.5 * 0.85;  // half the agents on each shift at the peak overlap
  for (int q = 0; q < queues; ++q) {
    sim::QueueModel qm;
    qm.config.id = acd::QueueId(static_cast<std::uint32_t>(q + 1));
    qm.config.name = "q" + std::to_string(q + 1);
    qm.config.required_skills = {{acd::SkillId(static_cast<std::uint32_t>(q + 1)), 3}};
    qm.config.wrap_up = core::Seconds(15);
    qm.config.policy = q % 2 ? acd::RoutingPolicy::kSkillsBestMatch : acd::RoutingPolicy::kLongestIdle;
    qm.config.max_wait = core::Seconds(240);
    qm.config.overflow = {acd::OverflowKind::kQueue, acd::QueueId(static_cast<std::uint32_t>((q + 1) % queues + 1))};
    qm.handle = {sim::HandleDistribution::kLognormal, core::Seconds(static_cast<std::int64_t>(aht_s)), 0.7};
    qm.patience = core::Seconds(150);
    for (int i = 0; i < m.intervals; ++i) {
      const double h = 8 + i / 4.0;
      const double shape = 0.55 + 0.45 * std::exp(-std::pow((h - 11) / 2.0, 2)) +
                           0.35 * std::exp(-std::pow((h - 15.5) / 2.0, 2));
      qm.arrivals.push_back(erlangs_peak / queues * shape * 900.0 / aht_s);
    }
    m.queues.push_back(qm);
  }
  for (int s = 0; s < 2; ++s) {
    for (int group = 0; group < queues; ++group) {
      sim::Shift sh;
      sh.name = (s == 0 ? "early-" : "late-") + std::to_string(group + 1);
      sh.agents = agents / 2 / queues;
      sh.start_offset = s == 0 ? std::chrono::hours(0) : std::chrono::hours(4);
      sh.end_offset = sh.start_offset + std::chrono::hours(8);
      // Each group is primary on one queue and secondary on the next two.
      for (int k = 0; k < 3; ++k) {
        const auto qid = static_cast<std::uint32_t>((group + k) % queues + 1);
        sh.queues.push_back({acd::QueueId(qid), k == 0 ? 1 : 2});
        sh.skills.push_back({acd::SkillId(qid), k == 0 ? 8 : 4});
      }
      sh.breaks = {{sh.start_offset + std::chrono::hours(2), std::chrono::minutes(15), acd::NotReadyReason::kBreak},
                   {sh.start_offset + std::chrono::hours(4), std::chrono::minutes(30), acd::NotReadyReason::kLunch}};
      sh.stagger = std::chrono::minutes(60);
      m.shifts.push_back(sh);
    }
  }
  return m;
}

void BM_SimulateDay(benchmark::State& state) {
  const auto model = ThousandAgentDay(static_cast<int>(state.range(0)));
  std::int64_t events = 0, inputs = 0, calls = 0;
  double sl = 0;
  for (auto _ : state) {
    auto report = cc::sim::Simulator(model).Run();
    if (!report) {
      state.SkipWithError(report.error().message.c_str());
      return;
    }
    events += report->engine_events;
    inputs += report->engine_inputs;
    calls += report->total.offered;
    sl = report->total.ServiceLevel().value_or(0);
  }
  state.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["inputs_per_s"] = benchmark::Counter(static_cast<double>(inputs), benchmark::Counter::kIsRate);
  state.counters["events_per_day"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["calls_per_day"] = static_cast<double>(calls) / static_cast<double>(state.iterations());
  state.counters["service_level"] = sl;
}
BENCHMARK(BM_SimulateDay)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
