// The simulator, driving the real engine, against the Erlang formulas: one
// queue, Poisson arrivals, exponential handle times, N agents answering at
// once, no wrap-up; exponential patience for Erlang A. Hourly batches give
// a batch-means confidence interval; the formula must fall inside it.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "sim/simulator.h"
#include "sim/steady_load.h"
#include "wfm/erlang.h"

namespace cc {
namespace {

using core::Seconds;

struct Case {
  double calls_per_hour;
  int aht_s;
  int agents;
  std::optional<int> patience_s;
  int hours;
  std::uint64_t seed;
};

sim::DayModel Model(const Case& c) {
  sim::SteadyLoad load;
  load.calls_per_hour = c.calls_per_hour;
  load.aht = Seconds(c.aht_s);
  load.agents = c.agents;
  load.hours = c.hours;
  load.seed = c.seed;
  if (c.patience_s) load.patience = Seconds(*c.patience_s);
  return sim::SteadyLoadDay(load);
}

// Mean and standard error of per-hour values (the first hour is warm-up).
struct Estimate {
  double mean, se;
};
template <typename F>
Estimate BatchMeans(const sim::Report& r, F value) {
  std::vector<double> v;
  for (std::size_t i = 1; i + 1 < r.by_interval.size(); ++i)
    v.push_back(value(r.by_interval[i][0]));
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  const double sd = std::sqrt(ss / static_cast<double>(v.size() - 1));
  return {mean, sd / std::sqrt(static_cast<double>(v.size()))};
}

double Sl(const sim::Figures& f) {
  return f.ServiceLevel().value_or(0);
}
double Asa(const sim::Figures& f) {
  return f.Asa().value_or(0);
}
double PWait(const sim::Figures& f) {
  return f.PWait().value_or(0);
}
double PAbandon(const sim::Figures& f) {
  return f.PAbandon().value_or(0);
}

// Inside four standard errors: a wrong formula or a wrong simulator shows up
// far outside; a correct pair stays inside for any seed but the rarest.
void ExpectWithin(const char* what, Estimate sim, double formula) {
  EXPECT_NEAR(sim.mean, formula, 4 * sim.se + 1e-9)
      << what << ": simulated " << sim.mean << " ± " << sim.se << ", formula " << formula;
}

class ErlangC : public ::testing::TestWithParam<Case> {};

TEST_P(ErlangC, SimulationAgreesWithTheFormula) {
  const Case c = GetParam();
  auto report = sim::Simulator(Model(c)).Run();
  ASSERT_TRUE(report) << report.error().message;
  auto erlang = wfm::ErlangC(
      c.agents, wfm::Load::FromVolume(c.calls_per_hour, std::chrono::hours(1), Seconds(c.aht_s)));
  ASSERT_TRUE(erlang) << erlang.error().message;
  ExpectWithin("P(wait)", BatchMeans(*report, PWait), erlang->p_wait);
  ExpectWithin("service level 20 s", BatchMeans(*report, Sl), erlang->ServiceLevel(Seconds(20)));
  ExpectWithin("ASA", BatchMeans(*report, Asa), erlang->asa_all_seconds);
}

INSTANTIATE_TEST_SUITE_P(
    Loads, ErlangC,
    ::testing::Values(Case{200, 180, 11, std::nullopt, 300, 1},  // A = 10, busy
                      Case{200, 180, 13, std::nullopt, 300, 2},  // A = 10
                      Case{600, 120, 22, std::nullopt, 200, 3},  // A = 20
                      Case{40, 300, 4, std::nullopt, 600, 4}));  // A = 3.3, small team

class ErlangA : public ::testing::TestWithParam<Case> {};

TEST_P(ErlangA, SimulationAgreesWithTheFormula) {
  const Case c = GetParam();
  auto report = sim::Simulator(Model(c)).Run();
  ASSERT_TRUE(report) << report.error().message;
  auto erlang = wfm::ErlangA(
      c.agents, wfm::Load::FromVolume(c.calls_per_hour, std::chrono::hours(1), Seconds(c.aht_s)),
      Seconds(*c.patience_s));
  ASSERT_TRUE(erlang) << erlang.error().message;
  ExpectWithin("P(wait)", BatchMeans(*report, PWait), erlang->p_wait);
  ExpectWithin("P(abandon)", BatchMeans(*report, PAbandon), erlang->p_abandon);
  ExpectWithin("service level 20 s", BatchMeans(*report, Sl), erlang->ServiceLevel(Seconds(20)));
  ExpectWithin("ASA", BatchMeans(*report, Asa), erlang->asa_seconds);
}

INSTANTIATE_TEST_SUITE_P(Loads, ErlangA,
                         ::testing::Values(Case{200, 180, 9, 120, 300,
                                                5},  // overloaded: A = 10 > N
                                           Case{200, 180, 11, 60, 300, 6},     // A = 10, impatient
                                           Case{600, 120, 21, 300, 200, 7}));  // A = 20

}  // namespace
}  // namespace cc
