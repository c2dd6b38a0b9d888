#include "wfm/staffing.h"

#include <gtest/gtest.h>

namespace cc::wfm {
namespace {

using core::Seconds;

// 100 calls per 30 min, AHT 180 s: 10 Erlangs.
StaffingProblem Textbook() {
  StaffingProblem p;
  p.load = Load::FromVolume(100, Seconds(1800), Seconds(180));
  return p;
}

// The smallest head-count meeting the targets, by evaluating every N from 1:
// the solver starts from a lower bound instead.
int BruteForceMinimum(const StaffingProblem& p) {
  for (int n = 1;; ++n) {
    auto s = Evaluate(p, n);
    EXPECT_TRUE(s) << s.error().message;
    if (s->meets_targets) return n;
  }
}

TEST(SolveStaffing, NeverAcceptsARoundedServiceLevel) {
  StaffingProblem p = Textbook();
  p.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};
  // 13 agents give 79.56 %, which a report would round to 80 %.
  auto thirteen = Evaluate(p, 13);
  ASSERT_TRUE(thirteen);
  EXPECT_NEAR(thirteen->metrics->service_level, 0.7956, 1e-4);
  EXPECT_FALSE(thirteen->meets_targets);

  auto s = SolveStaffing(p);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->agents, 14);
  EXPECT_EQ(s->model, QueueModel::kErlangC);
  EXPECT_NEAR(s->metrics->service_level, 0.888350019179467, 1e-12);
  EXPECT_EQ(s->metrics->p_abandon, 0.0);
}

TEST(SolveStaffing, ScheduledHeadcountAddsShrinkage) {
  StaffingProblem p = Textbook();
  p.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};
  p.shrinkage = 0.30;
  auto s = SolveStaffing(p);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->agents, 14);
  EXPECT_EQ(s->agents_scheduled, 20);  // 14 / 0.7 = 20 exactly, not 21
}

TEST(ScheduledHeadcount, IsTheCeilingOfTheExactQuotient) {
  EXPECT_EQ(ScheduledHeadcount(14, 0.0), 14);
  EXPECT_EQ(ScheduledHeadcount(14, 0.3), 20);
  EXPECT_EQ(ScheduledHeadcount(15, 0.3), 22);  // 21.43
  EXPECT_EQ(ScheduledHeadcount(4, 0.8), 20);   // 4 / 0.2 = 20.000000000000004 in doubles
  EXPECT_EQ(ScheduledHeadcount(8, 0.68), 25);
  EXPECT_EQ(ScheduledHeadcount(1, 0.5), 2);
}

TEST(SolveStaffing, AsaOccupancyAndSeveralTargets) {
  StaffingProblem p = Textbook();
  p.targets.max_asa = Seconds(20);  // 13 agents: 17.1 s; 12: 40.4 s
  EXPECT_EQ(SolveStaffing(p)->agents, 13);
  p.targets.max_asa = Seconds(15);  // 14 agents: 7.8 s
  EXPECT_EQ(SolveStaffing(p)->agents, 14);

  StaffingProblem occ = Textbook();
  occ.targets.max_occupancy = 0.85;  // 10/12 = 83.3 %, 10/11 = 90.9 %
  EXPECT_EQ(SolveStaffing(occ)->agents, 12);

  StaffingProblem both = Textbook();
  both.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};  // 14
  both.targets.max_asa = Seconds(5);                                    // 15 (3.7 s)
  EXPECT_EQ(SolveStaffing(both)->agents, 15);
  EXPECT_EQ(BruteForceMinimum(both), 15);
}

TEST(SolveStaffing, ErlangAWithPatienceMatchesBruteForce) {
  StaffingProblem p = Textbook();
  p.mean_patience = Seconds(300);
  p.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};
  auto s = SolveStaffing(p);
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->model, QueueModel::kErlangA);
  EXPECT_EQ(s->agents, BruteForceMinimum(p));
  // Abandonment shortens the queue: never more agents than Erlang C.
  StaffingProblem c = Textbook();
  c.targets = p.targets;
  EXPECT_LE(s->agents, SolveStaffing(c)->agents);

  StaffingProblem ab = Textbook();
  ab.mean_patience = Seconds(300);
  ab.targets.max_abandon = 0.30;  // reachable with fewer agents than Erlangs
  auto few = SolveStaffing(ab);
  ASSERT_TRUE(few);
  EXPECT_EQ(few->agents, BruteForceMinimum(ab));
  EXPECT_LT(few->agents, 10);
  EXPECT_TRUE(few->stable());

  ab.targets.max_abandon = 0.02;
  ab.targets.max_asa = Seconds(10);
  ab.targets.max_occupancy = 0.80;
  EXPECT_EQ(SolveStaffing(ab)->agents, BruteForceMinimum(ab));
}

TEST(SolveStaffing, ThousandsOfAgents) {
  StaffingProblem p;
  p.load = Load{2000.0 / 180.0, Seconds(180)};
  p.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};
  auto s = SolveStaffing(p);
  ASSERT_TRUE(s);
  EXPECT_GT(s->agents, 2000);
  EXPECT_LT(s->agents, 2100);
  auto below = Evaluate(p, s->agents - 1);
  EXPECT_LT(below->metrics->service_level, 0.80);
  EXPECT_GE(s->metrics->service_level, 0.80);

  p.mean_patience = Seconds(300);
  auto a = SolveStaffing(p);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_LE(a->agents, s->agents);
  EXPECT_LT(Evaluate(p, a->agents - 1)->metrics->service_level, 0.80);
}

TEST(Evaluate, UnstableErlangCHasNoFigures) {
  StaffingProblem p = Textbook();
  p.targets.service_level = core::ServiceTarget{0.80, Seconds(20)};
  auto s = Evaluate(p, 10);
  ASSERT_TRUE(s);
  EXPECT_FALSE(s->stable());
  EXPECT_FALSE(s->meets_targets);
  // With patience the same head-count is a real (if poor) queue.
  p.mean_patience = Seconds(300);
  auto a = Evaluate(p, 10);
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->stable());
  EXPECT_GT(a->metrics->p_abandon, 0.0);
}

TEST(Evaluate, ReportsServiceLevelAtTheDefaultThresholdWithoutTarget) {
  StaffingProblem p = Textbook();
  auto s = Evaluate(p, 13);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->sl_threshold, Seconds(20));
  EXPECT_NEAR(s->metrics->service_level, 0.795594788417783, 1e-12);
  EXPECT_TRUE(s->meets_targets);  // nothing to miss
}

TEST(Validate, NamesTheWrongField) {
  StaffingProblem p = Textbook();
  p.targets.max_abandon = 0.05;
  auto s = SolveStaffing(p);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(s.error().message.find("abandon"), std::string::npos);
  EXPECT_NE(s.error().message.find("patience"), std::string::npos);

  StaffingProblem full = Textbook();
  full.targets.service_level = core::ServiceTarget{1.0, Seconds(20)};
  EXPECT_NE(SolveStaffing(full).error().message.find("service-level"), std::string::npos);

  StaffingProblem shrink = Textbook();
  shrink.targets.max_asa = Seconds(10);
  shrink.shrinkage = 1.0;
  EXPECT_NE(SolveStaffing(shrink).error().message.find("shrinkage"), std::string::npos);

  StaffingProblem none = Textbook();
  EXPECT_NE(SolveStaffing(none).error().message.find("no target"), std::string::npos);

  StaffingProblem load = Textbook();
  load.load.arrival_rate_per_second = -1;
  load.targets.max_asa = Seconds(10);
  EXPECT_NE(SolveStaffing(load).error().message.find("arrival rate"), std::string::npos);
}

TEST(SolveStaffing, SaysSoWhenNoHeadcountUpToTheLimitMeetsTheTargets) {
  StaffingProblem p = Textbook();
  p.targets.max_occupancy = 0.001;  // needs 10,000 agents; the search stops at 200
  auto s = SolveStaffing(p);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, core::ErrorCode::kResourceExhausted);
  EXPECT_NE(s.error().message.find("200"), std::string::npos);
}

}  // namespace
}  // namespace cc::wfm
