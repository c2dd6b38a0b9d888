// Erlang mathematics: the steady state of a queue served by N identical
// agents, with Poisson arrivals and exponential handle times.
//   Erlang B — calls that find every agent busy are lost (M/M/N/N).
//   Erlang C — they wait as long as it takes (M/M/N).
//   Erlang A — they wait, but each hangs up after an exponential patience
//              (M/M/N+M, Palm's model).
// Definitions follow docs/kpi.md: service level = calls answered within T ÷
// all offered calls (an abandoned call is a miss); ASA = mean wait of
// answered calls. Methods and formulas: docs/wfm.md. Everything is computed
// by recurrences or in log space, never with factorials or powers, so the
// results hold for thousands of agents.
// Thread-safety: pure functions returning values.
#pragma once

#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace cc::wfm {

// A stream of calls: arrivals at a mean rate, handle time with a mean.
struct Load {
  double arrival_rate_per_second = 0;  // λ
  core::Duration aht{0};               // mean handle time 1/μ (talk + hold + wrap-up)

  // `calls` arriving in each `period`, e.g. 100 calls per 30 min.
  static Load FromVolume(double calls, core::Duration period, core::Duration aht);

  double AhtSeconds() const;
  double ServiceRatePerSecond() const;  // μ = 1/AHT
  double Erlangs() const;               // offered load A = λ·AHT
};

// Probability that a call is lost when `agents` serve `erlangs` of offered
// load with no queue. By the recurrence B(0)=1, B(n)=A·B(n−1)/(n+A·B(n−1)).
// Requires agents ≥ 0 and erlangs ≥ 0.
double ErlangB(int agents, double erlangs);

// An M/M/N queue in steady state. Exists only when N > A.
struct ErlangCMetrics {
  int agents = 0;
  double erlangs = 0;                // A
  double p_wait = 0;                 // probability that a call waits (Erlang C formula)
  double decay_rate_per_second = 0;  // Nμ − λ: the waits of delayed calls are Exp(this)
  double asa_all_seconds = 0;        // mean wait over all calls = ASA (all calls are answered)
  double asa_delayed_seconds = 0;    // mean wait of the calls that waited = 1/(Nμ − λ)
  double occupancy = 0;              // A/N

  // Fraction of calls answered within `threshold`: 1 − P_wait·e^{−(Nμ−λ)T}.
  double ServiceLevel(core::Duration threshold) const;
};

// kInvalidArgument for a non-positive arrival rate, AHT or head-count;
// kFailedPrecondition when agents ≤ A: the queue then grows without limit
// and there is no steady state to report.
core::Result<ErlangCMetrics> ErlangC(int agents, const Load& load);

// An M/M/N+M queue in steady state (always exists: callers leave).
struct ErlangAMetrics {
  int agents = 0;
  double erlangs = 0;                // offered load A = λ/μ
  double p_wait = 0;                 // probability that a call finds every agent busy
  double p_abandon = 0;              // fraction of offered calls that hang up unanswered
  double asa_seconds = 0;            // mean wait of answered calls (docs/kpi.md ASA)
  double asa_delayed_seconds = 0;    // mean wait of answered calls that waited
  double mean_wait_all_seconds = 0;  // mean time in queue of all calls, abandoned included
  double mean_queue_length = 0;      // callers waiting, time average
  double occupancy = 0;              // carried load ÷ N = A·(1 − P_abandon)/N

  // What the method below needs: the rates and the distribution of the queue
  // an arriving caller finds when every agent is busy, kept only where it
  // weighs more than e^-50 of its largest value.
  double all_busy_service_rate_per_second = 0;  // Nμ
  double abandon_rate_per_second = 0;           // θ, one caller's
  std::size_t queue_seen_first = 0;             // the queue length of queue_seen[0]
  std::vector<double> queue_seen;  // [i] = P(all busy and queue_seen_first + i waiting)

  // Fraction of offered calls answered within `threshold` (abandoned calls,
  // early or late, are misses).
  double ServiceLevel(core::Duration threshold) const;
};

// Rates per second: arrival λ, service μ = 1/AHT, abandonment θ = 1/mean
// patience. kInvalidArgument when agents < 1 or a rate is not positive and
// finite; kResourceExhausted when the queue-length distribution would need
// more than 10 million states (a patience millions of times the AHT).
core::Result<ErlangAMetrics> ErlangA(int agents, double arrival_rate, double service_rate,
                                     double abandon_rate);
core::Result<ErlangAMetrics> ErlangA(int agents, const Load& load, core::Duration mean_patience);

}  // namespace cc::wfm
