// Every figure is checked against a second, independent method computed here
// in long double: direct summation of the Poisson terms (log-sum-exp) for
// Erlang B and C; for Erlang A the birth–death chain normalised from state 0
// with a fixed deep cut, and the waiting time by integrating the forward
// equations of one caller's progress through the queue (RK4). The library
// uses recurrences from state N and a closed form for the wait instead.
#include "wfm/erlang.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace cc::wfm {
namespace {

using core::Seconds;
using Real = long double;

// The classic textbook load: 100 calls per 30 min, AHT 180 s = 10 Erlangs.
Load TextbookLoad() {
  return Load::FromVolume(100, Seconds(1800), Seconds(180));
}

Real LogSumExp(const std::vector<Real>& logs) {
  Real max = logs.front();
  for (Real l : logs) max = std::max(max, l);
  Real sum = 0;
  for (Real l : logs) sum += std::exp(l - max);
  return max + std::log(sum);
}

// log(A^k / k!) for k = 0..n.
std::vector<Real> LogPoissonTerms(int n, Real a) {
  std::vector<Real> logs;
  for (int k = 0; k <= n; ++k) logs.push_back(k * std::log(a) - std::lgamma(Real(k) + 1));
  return logs;
}

Real DirectErlangB(int n, Real a) {
  auto logs = LogPoissonTerms(n, a);
  return std::exp(logs.back() - LogSumExp(logs));
}

// C = (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)).
Real DirectErlangC(int n, Real a) {
  auto logs = LogPoissonTerms(n, a);
  logs.back() += std::log(Real(n) / (n - a));
  return std::exp(logs.back() - LogSumExp(logs));
}

TEST(ErlangB, MatchesDirectSummation) {
  EXPECT_NEAR(ErlangB(10, 10.0), DirectErlangB(10, 10), 1e-14);
  EXPECT_NEAR(ErlangB(10, 10.0), 0.2146, 5e-5);  // every Erlang B table
  EXPECT_NEAR(ErlangB(1, 2.0), 2.0 / 3.0, 1e-15);
  EXPECT_DOUBLE_EQ(ErlangB(0, 5.0), 1.0);
  EXPECT_DOUBLE_EQ(ErlangB(3, 0.0), 0.0);
  for (int n : {1, 7, 50, 200}) {
    for (double a : {0.5, 9.3, 48.0, 210.0}) {
      EXPECT_NEAR(ErlangB(n, a), DirectErlangB(n, a), 1e-13 * DirectErlangB(n, a) + 1e-300)
          << n << " agents, " << a << " Erlangs";
    }
  }
}

TEST(ErlangB, StaysAccurateForThousandsOfAgents) {
  for (int n : {1950, 2000, 2050, 3000}) {
    const Real direct = DirectErlangB(n, 2000);
    EXPECT_NEAR(ErlangB(n, 2000.0) / direct, 1.0, 1e-11) << n;
  }
}

TEST(ErlangC, TextbookCaseMatchesDirectSummation) {
  const Load load = TextbookLoad();
  ASSERT_DOUBLE_EQ(load.Erlangs(), 10.0);
  auto c = ErlangC(13, load);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_NEAR(c->p_wait, DirectErlangC(13, 10), 1e-14);
  // Computed independently with exact rational arithmetic (Python fractions):
  // C(13, 10) = 0.285270453036493, so SL(20 s) = 1 − C·e^{−3·20/180}.
  EXPECT_NEAR(c->p_wait, 0.285270453036493, 1e-12);
  EXPECT_NEAR(c->ServiceLevel(Seconds(20)), 0.795594788417783, 1e-12);
  EXPECT_NEAR(c->asa_all_seconds, 17.1162271821896, 1e-9);
  EXPECT_NEAR(c->asa_delayed_seconds, 60.0, 1e-12);  // AHT/(N − A) = 180/3
  EXPECT_NEAR(c->occupancy, 10.0 / 13.0, 1e-15);
  EXPECT_NEAR(c->ServiceLevel(Seconds(0)), 1 - c->p_wait, 1e-15);

  auto c14 = ErlangC(14, load);
  ASSERT_TRUE(c14);
  EXPECT_NEAR(c14->p_wait, 0.174131933595050, 1e-12);
  EXPECT_NEAR(c14->ServiceLevel(Seconds(20)), 0.888350019179467, 1e-12);
}

TEST(ErlangC, ServiceLevelIsTheWaitingTimeDistribution) {
  // P(W ≤ T) integrated numerically from the conditional density of a
  // delayed call's wait, Exp(Nμ − λ), against the closed form.
  auto c = ErlangC(12, TextbookLoad());
  ASSERT_TRUE(c);
  const Real rate = c->decay_rate_per_second;
  Real integral = 0;
  const int steps = 20000;
  const Real h = 20.0L / steps;
  for (int i = 0; i < steps; ++i) {  // midpoint rule
    integral += rate * std::exp(-rate * (i + 0.5L) * h) * h;
  }
  EXPECT_NEAR(c->ServiceLevel(Seconds(20)), 1 - c->p_wait + c->p_wait * integral, 1e-9);
}

TEST(ErlangC, StaysAccurateForThousandsOfAgents) {
  const Load load{2000.0 / 180.0, Seconds(180)};  // 2,000 Erlangs
  for (int n : {2001, 2050, 2100, 2300}) {
    auto c = ErlangC(n, load);
    ASSERT_TRUE(c) << n;
    const Real direct = DirectErlangC(n, 2000);
    EXPECT_NEAR(c->p_wait / direct, 1.0, 1e-10) << n;
    EXPECT_GE(c->ServiceLevel(Seconds(20)), 0.0);
    EXPECT_LE(c->ServiceLevel(Seconds(20)), 1.0);
  }
  auto c = ErlangC(2050, load);
  EXPECT_GT(c->p_wait, 0.05);  // a large centre 50 agents above load still queues
  EXPECT_LT(c->p_wait, 0.5);
}

TEST(ErlangC, NearOverloadIsFiniteAndAccurate) {
  const Load load{99.5 / 180.0, Seconds(180)};  // 99.5 Erlangs on 100 agents
  auto c = ErlangC(100, load);
  ASSERT_TRUE(c);
  EXPECT_NEAR(c->p_wait / DirectErlangC(100, 99.5), 1.0, 1e-11);
  EXPECT_GT(c->p_wait, 0.9);
  EXPECT_NEAR(c->asa_delayed_seconds, 180.0 / 0.5, 1e-6);
  EXPECT_NEAR(c->asa_all_seconds, c->p_wait * 360.0, 1e-6);
  EXPECT_LT(c->ServiceLevel(Seconds(20)), 0.15);
}

TEST(ErlangC, SaysUnstableWhenAgentsDoNotExceedTheLoad) {
  for (int n : {9, 10}) {
    auto c = ErlangC(n, TextbookLoad());
    ASSERT_FALSE(c) << n;
    EXPECT_EQ(c.error().code, core::ErrorCode::kFailedPrecondition);
    EXPECT_NE(c.error().message.find("unstable"), std::string::npos) << c.error().message;
  }
  auto bad = ErlangC(5, Load{-1, Seconds(180)});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, core::ErrorCode::kInvalidArgument);
}

// The second method for Erlang A.
struct ChainSolution {
  Real p_wait = 0, p_abandon_by_flow = 0, busy = 0, answered_fraction = 0;
  std::vector<Real> queue_seen;  // P(all busy, j waiting)
};

// π_k by the birth–death recurrence from π_0 = 1 up to a fixed deep cut,
// normalised by a plain sum (long double holds A^k/k! for A in thousands).
ChainSolution SolveChain(int n, Real lambda, Real mu, Real theta, int extra_states) {
  std::vector<Real> pi{1.0L};
  for (int k = 1; k <= n + extra_states; ++k) {
    Real death = mu * std::min(k, n) + theta * std::max(k - n, 0);
    pi.push_back(pi.back() * lambda / death);
  }
  Real total = 0;
  for (Real p : pi) total += p;
  ChainSolution s;
  Real queue = 0;
  for (int k = 0; k < static_cast<int>(pi.size()); ++k) {
    Real p = pi[k] / total;
    s.busy += p * std::min(k, n);
    if (k >= n) {
      s.p_wait += p;
      queue += p * (k - n);
      s.queue_seen.push_back(p);
      // Answered with j ahead: survive every stage (telescoping product).
      s.answered_fraction += p * (n * mu) / (n * mu + (k - n + 1) * theta);
    } else {
      s.answered_fraction += p;
    }
  }
  s.p_abandon_by_flow = theta * queue / lambda;
  EXPECT_LT(pi.back() / total, 1e-25L) << "cut too short";
  // Queue lengths this unlikely change nothing below; they only slow the
  // integration of the waits.
  while (s.queue_seen.size() > 1 && s.queue_seen.back() < 1e-25L) s.queue_seen.pop_back();
  return s;
}

struct WaitIntegration {
  Real answered_within_t = 0;  // by T
  Real answered = 0;           // by the horizon
  Real wait_of_answered = 0;   // ∫ t · answer flux
};

// One caller's progress: state i = callers ahead (i = j … 0); from i the
// caller moves on at Nμ + iθ (i = 0: answered) and abandons at θ. Starting
// mass queue_seen[j] in state j; the answer flux Nμ·p_0(t) is integrated by
// RK4 until less than 1e-16 of the mass is still waiting, with steps of at
// most 0.03 ÷ the fastest rate (RK4's error then stays below the 1e-9 the
// tests ask for).
WaitIntegration IntegrateWaits(const std::vector<Real>& start, Real n_mu, Real theta, Real t) {
  const std::size_t size = start.size();
  auto derivative = [&](const std::vector<Real>& p, std::vector<Real>& dp) {
    for (std::size_t i = 0; i < size; ++i) {
      dp[i] = -(n_mu + i * theta + theta) * p[i];
      if (i + 1 < size) dp[i] += (n_mu + (i + 1) * theta) * p[i + 1];
    }
  };
  std::vector<Real> p = start, k1(size), k2(size), k3(size), k4(size), tmp(size);
  WaitIntegration out;
  // A whole number of steps up to T, so the answers by T are counted exactly.
  const Real dt = t / std::ceil(t * (n_mu + size * theta) / 0.03L);
  for (long step = 0;; ++step) {
    if (step % 100 == 0) {
      Real waiting = 0;
      for (Real x : p) waiting += x;
      if (waiting < 1e-16L) break;
    }
    const Real now = step * dt;
    // Flux n_mu·p_0 at the RK stages gives Simpson-like accuracy for ∫.
    derivative(p, k1);
    for (std::size_t i = 0; i < size; ++i) tmp[i] = p[i] + dt / 2 * k1[i];
    const Real f_mid1 = n_mu * tmp[0];
    derivative(tmp, k2);
    for (std::size_t i = 0; i < size; ++i) tmp[i] = p[i] + dt / 2 * k2[i];
    const Real f_mid2 = n_mu * tmp[0];
    derivative(tmp, k3);
    for (std::size_t i = 0; i < size; ++i) tmp[i] = p[i] + dt * k3[i];
    derivative(tmp, k4);
    const Real f0 = n_mu * p[0];
    for (std::size_t i = 0; i < size; ++i) {
      p[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    const Real f1 = n_mu * p[0];
    const Real flux = dt / 6 * (f0 + 2 * f_mid1 + 2 * f_mid2 + f1);
    const Real tflux =
        dt / 6 * (now * f0 + 2 * (now + dt / 2) * (f_mid1 + f_mid2) + (now + dt) * f1);
    out.answered += flux;
    out.wait_of_answered += tflux;
    if (now + dt <= t + dt / 2) out.answered_within_t += flux;
  }
  return out;
}

struct ErlangACase {
  int agents;
  double erlangs;
  double aht_seconds;
  double patience_seconds;
};

void ExpectMatchesSecondMethod(const ErlangACase& c, double tolerance) {
  const Real mu = 1.0L / c.aht_seconds, lambda = c.erlangs * mu, theta = 1.0L / c.patience_seconds;
  auto a = ErlangA(c.agents, static_cast<double>(lambda), static_cast<double>(mu),
                   static_cast<double>(theta));
  ASSERT_TRUE(a) << a.error().message;
  const ChainSolution chain = SolveChain(c.agents, lambda, mu, theta, 6000);
  SCOPED_TRACE(testing::Message() << c.agents << " agents, " << c.erlangs << " Erlangs");

  EXPECT_NEAR(a->p_wait, chain.p_wait, tolerance);
  EXPECT_NEAR(a->p_abandon, chain.p_abandon_by_flow, tolerance);
  EXPECT_NEAR(1 - a->p_abandon, chain.answered_fraction, tolerance);
  EXPECT_NEAR(a->occupancy, chain.busy / c.agents, tolerance);  // flow balance

  const Real n_mu = c.agents * mu;
  const Real t = 20;
  WaitIntegration w = IntegrateWaits(chain.queue_seen, n_mu, theta, t);
  const Real answered_at_once = 1 - chain.p_wait;
  EXPECT_NEAR(a->ServiceLevel(Seconds(20)), answered_at_once + w.answered_within_t, tolerance);
  EXPECT_NEAR(1 - a->p_abandon, answered_at_once + w.answered, tolerance);
  EXPECT_NEAR(a->asa_seconds, w.wait_of_answered / (answered_at_once + w.answered),
              tolerance * 100);
  EXPECT_NEAR(a->asa_delayed_seconds, w.wait_of_answered / w.answered, tolerance * 100);
  EXPECT_NEAR(a->mean_wait_all_seconds, chain.p_abandon_by_flow / theta, tolerance * 100);
}

TEST(ErlangA, TextbookCaseMatchesTheChainAndTheWaitIntegration) {
  ExpectMatchesSecondMethod({13, 10.0, 180, 300}, 1e-9);
  ExpectMatchesSecondMethod({11, 10.0, 180, 60}, 1e-9);
}

TEST(ErlangA, OverloadedCentreIsStableAndMatches) {
  // Fewer agents than Erlangs: Erlang C has no answer, Erlang A does.
  ExpectMatchesSecondMethod({8, 10.0, 180, 300}, 1e-9);
  auto a = ErlangA(8, TextbookLoad(), Seconds(300));
  ASSERT_TRUE(a);
  EXPECT_GT(a->p_abandon, 0.2);  // at least the 2 Erlangs the agents cannot carry
  EXPECT_LT(a->occupancy, 1.0);
  EXPECT_GT(a->occupancy, 0.95);
}

TEST(ErlangA, NearOverloadMatches) {
  ExpectMatchesSecondMethod({100, 99.5, 180, 600}, 1e-9);
}

TEST(ErlangA, StaysAccurateForThousandsOfAgents) {
  ExpectMatchesSecondMethod({2050, 2000.0, 180, 300}, 1e-8);
  ExpectMatchesSecondMethod({1950, 2000.0, 180, 300}, 1e-8);
}

TEST(ErlangA, OverloadWithPatientCallersKeepsOnlyTheQueuesThatMatter) {
  // 5 agents for 10 Erlangs, callers patient for 3 h: about 300 wait, and
  // queues shorter than ~50 are too unlikely to keep. The window must give
  // the same figures as the whole chain.
  auto a = ErlangA(5, 10.0 / 180, 1.0 / 180, 1.0 / 10800);
  ASSERT_TRUE(a);
  EXPECT_GT(a->queue_seen_first, 30u);
  ExpectMatchesSecondMethod({5, 10.0, 180, 10800}, 1e-9);
}

TEST(ErlangA, ServiceLevelCountsEarlyAbandonsAsMisses) {
  auto a = ErlangA(11, TextbookLoad(), Seconds(30));
  ASSERT_TRUE(a);
  EXPECT_NEAR(a->ServiceLevel(Seconds(0)), 1 - a->p_wait, 1e-15);
  // With T beyond every wait, the service level is the answered fraction.
  EXPECT_NEAR(a->ServiceLevel(Seconds(100'000)), 1 - a->p_abandon, 1e-12);
  double previous = 0;
  for (int t : {0, 5, 10, 20, 40, 80, 160}) {
    double level = a->ServiceLevel(Seconds(t));
    EXPECT_GE(level, previous) << t;
    EXPECT_LE(level, 1 - a->p_abandon + 1e-15) << t;
    previous = level;
  }
}

TEST(ErlangA, LongPatienceApproachesErlangC) {
  const Load load = TextbookLoad();
  auto c = ErlangC(13, load);
  auto a = ErlangA(13, load, Seconds(100'000'000));
  ASSERT_TRUE(c);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_NEAR(a->p_wait, c->p_wait, 1e-5);
  EXPECT_NEAR(a->ServiceLevel(Seconds(20)), c->ServiceLevel(Seconds(20)), 1e-5);
  EXPECT_NEAR(a->asa_seconds, c->asa_all_seconds, 1e-3);
  EXPECT_NEAR(a->asa_delayed_seconds, c->asa_delayed_seconds, 1e-2);
  EXPECT_LT(a->p_abandon, 1e-5);
}

TEST(ErlangA, NoPatienceApproachesErlangBLoss) {
  auto a = ErlangA(12, TextbookLoad(), std::chrono::milliseconds(1));
  ASSERT_TRUE(a);
  const double b = ErlangB(12, 10.0);
  EXPECT_NEAR(a->p_abandon, b, 1e-4);
  EXPECT_NEAR(a->p_wait, b, 1e-4);
  EXPECT_NEAR(a->ServiceLevel(Seconds(20)), 1 - b, 1e-4);
}

TEST(ErlangA, RejectsBadArguments) {
  EXPECT_FALSE(ErlangA(0, 1.0, 1.0, 1.0));
  EXPECT_FALSE(ErlangA(5, -1.0, 1.0, 1.0));
  EXPECT_FALSE(ErlangA(5, 1.0, 0.0, 1.0));
  EXPECT_FALSE(ErlangA(5, 1.0, 1.0, std::nan("")));
  EXPECT_FALSE(ErlangA(5, TextbookLoad(), Seconds(0)));
}

}  // namespace
}  // namespace cc::wfm
