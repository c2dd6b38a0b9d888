#include "sim/simulator.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sim/steady_load.h"

namespace cc::sim {
namespace {

DayModel SingleQueue(double calls_per_hour, Duration aht, int agents, int hours, std::uint64_t seed,
                     std::optional<Duration> patience = std::nullopt) {
  return SteadyLoadDay({.calls_per_hour = calls_per_hour,
                        .aht = aht,
                        .agents = agents,
                        .hours = hours,
                        .seed = seed,
                        .patience = patience});
}

TEST(Simulator, SameSeedSameDayDifferentSeedDifferentDay) {
  auto a = Simulator(SingleQueue(200, core::Seconds(180), 11, 8, 7)).Run();
  auto b = Simulator(SingleQueue(200, core::Seconds(180), 11, 8, 7)).Run();
  auto c = Simulator(SingleQueue(200, core::Seconds(180), 11, 8, 8)).Run();
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->total.offered, b->total.offered);
  EXPECT_EQ(a->total.answered_within_sl, b->total.answered_within_sl);
  EXPECT_DOUBLE_EQ(a->total.wait_total_s, b->total.wait_total_s);
  EXPECT_NE(a->total.wait_total_s, c->total.wait_total_s);
}

TEST(Simulator, EveryOfferedCallEndsInOneOutcomeAndArrivalsFollowTheProfile) {
  DayModel m = SingleQueue(0, core::Seconds(120), 5, 4, 3, core::Seconds(60));
  m.queues[0].arrivals = {60, 240, 120, 0};
  auto r = Simulator(m).Run();
  ASSERT_TRUE(r) << r.error().message;
  const auto& t = r->total;
  EXPECT_EQ(t.offered,
            t.answered + t.abandoned + t.short_abandoned + t.overflowed + t.other_missed);
  EXPECT_EQ(r->by_interval[3][0].offered, 0);
  // Poisson counts: within 5 standard deviations of the expected numbers.
  EXPECT_NEAR(static_cast<double>(r->by_interval[0][0].offered), 60, 5 * std::sqrt(60.0));
  EXPECT_NEAR(static_cast<double>(r->by_interval[1][0].offered), 240, 5 * std::sqrt(240.0));
  EXPECT_GT(t.abandoned, 0)
      << "240 calls an hour at 2 minutes each for 5 agents must overflow patience";
  ASSERT_TRUE(t.Occupancy());
  EXPECT_GT(*t.Occupancy(), 0.5);
  EXPECT_LE(*t.Occupancy(), 1.0);
}

TEST(Simulator, SingleAgentQueueMatchesMM1) {
  // M/M/1 with rho = 0.5: P(wait) = rho, mean wait of all calls = rho / (mu - lambda).
  const double lambda = 60.0 / 3600, mu = 1.0 / 30;
  auto r = Simulator(SingleQueue(60, core::Seconds(30), 1, 400, 11)).Run();
  ASSERT_TRUE(r) << r.error().message;
  const auto& t = r->total;
  const double p_wait = static_cast<double>(t.delayed) / static_cast<double>(t.answered);
  EXPECT_NEAR(p_wait, 0.5, 0.02);
  EXPECT_NEAR(*t.Asa(), 0.5 / (mu - lambda), 3.0);
}

TEST(Simulator, RosterBreaksAndShiftEndsAreHonoured) {
  DayModel m = SingleQueue(30, core::Seconds(60), 2, 4, 5);
  m.shifts[0].end_offset = std::chrono::hours(2);
  m.shifts[0].breaks = {
      {std::chrono::minutes(60), std::chrono::minutes(30), acd::NotReadyReason::kLunch}};
  m.shifts[0].stagger = std::chrono::minutes(30);
  auto r = Simulator(m).Run();
  ASSERT_TRUE(r) << r.error().message;
  // Two agents for the first hour; in the second each takes 30 minutes of lunch
  // (staggered), so one agent-hour is available; after
  // the shift only a call in progress at its end may still be finished.
  EXPECT_NEAR(r->centre_by_interval[0].available_s, 7200, 300);
  EXPECT_NEAR(r->centre_by_interval[1].available_s, 3600, 120);
  EXPECT_LT(r->centre_by_interval[2].available_s, 900);
  EXPECT_EQ(r->centre_by_interval[3].available_s, 0);
  EXPECT_EQ(r->by_interval[3][0].answered, 0);
}

TEST(Simulator, InconsistentModelsAreRefused) {
  DayModel m = SingleQueue(30, core::Seconds(60), 2, 4, 5);
  m.queues[0].arrivals.pop_back();
  auto r = Simulator(m).Run();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("3 arrival figures for 4 intervals"), std::string::npos);
  m = SingleQueue(30, core::Seconds(60), 2, 4, 5);
  m.queues[0].config.overflow = {acd::OverflowKind::kQueue, acd::QueueId(9)};
  r = Simulator(m).Run();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace cc::sim
