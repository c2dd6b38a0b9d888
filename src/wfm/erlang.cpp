#include "wfm/erlang.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace cc::wfm {

namespace {

using core::ErrorCode;
using core::Fail;

// A queue is treated as critically loaded (unstable) when N − A is within
// this fraction of N: 10.000000000000002 Erlangs on 10 agents is overload
// made by rounding, not a queue with a 10¹⁵-second ASA.
constexpr double kStabilityMargin = 1e-9;

// The Erlang A chain is cut where the rest of the queue-length distribution
// weighs less than e^-50 (≈ 2·10⁻²²) of its largest state.
constexpr double kTailLogCut = 50;
constexpr std::size_t kMaxQueueStates = 10'000'000;

double Seconds(core::Duration d) {
  return static_cast<double>(d.count()) / 1000.0;
}

bool PositiveFinite(double x) {
  return std::isfinite(x) && x > 0;
}

// log(1 + e^x) without overflow.
double Softplus(double x) {
  return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}

// log(1/B(N, A)) by the Erlang B recurrence written for 1/B:
// 1/B(n) = 1 + (n/A)·1/B(n−1), carried in log space so that neither
// underflow (N ≫ A) nor overflow can occur. Requires A > 0.
double LogInverseErlangB(int agents, double erlangs) {
  double log_inverse = 0;  // 1/B(0) = 1
  const double log_a = std::log(erlangs);
  for (int n = 1; n <= agents; ++n) log_inverse = Softplus(std::log(n) - log_a + log_inverse);
  return log_inverse;
}

// log(e^x − 1) for x > 0.
double LogExpm1(double x) {
  return x > 30 ? x + std::log1p(-std::exp(-x)) : std::log(std::expm1(x));
}

// ψ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
// asymptotic series (error below 1e-16 there).
double Digamma(double x) {
  double shift = 0;
  while (x < 10) {
    shift -= 1.0 / x;
    x += 1;
  }
  const double r = 1.0 / (x * x);
  return shift + std::log(x) - 0.5 / x -
         r * (1.0 / 12 - r * (1.0 / 120 - r * (1.0 / 252 - r * (1.0 / 240 - r / 132))));
}

// The negative binomial law P(m) = x^r·(r)_m/m!·(1−x)^m, m = 0, 1, …, with
// x = e^{−θT}: the number of terms that I_x(r, j+1) sums.
struct NegativeBinomial {
  NegativeBinomial(double r_in, double theta_t)
      : r(r_in),
        log_x(-theta_t),
        log_1mx(std::log(-std::expm1(-theta_t))),
        mode(std::floor((r_in - 1) * std::expm1(theta_t))) {}

  double LogPmf(std::size_t m) const {
    const double md = static_cast<double>(m);
    return r * log_x + std::lgamma(r + md) - std::lgamma(r) - std::lgamma(md + 1) + md * log_1mx;
  }

  // P(M ≤ j), summed outwards from the largest term in [0, j] (the law is
  // unimodal) until the terms are negligible.
  double Cdf(std::size_t j) const {
    const auto top = static_cast<std::size_t>(std::clamp(mode, 0.0, static_cast<double>(j)));
    const double log_peak = LogPmf(top);
    double sum = 0;
    for (std::size_t m = top;; --m) {
      const double lp = LogPmf(m);
      if (lp < log_peak - kTailLogCut) break;
      sum += std::exp(lp);
      if (m == 0) break;
    }
    for (std::size_t m = top + 1; m <= j; ++m) {
      const double lp = LogPmf(m);
      if (lp < log_peak - kTailLogCut) break;
      sum += std::exp(lp);
    }
    return std::min(sum, 1.0);
  }

  double r, log_x, log_1mx, mode;
};

}  // namespace

Load Load::FromVolume(double calls, core::Duration period, core::Duration aht) {
  return Load{calls / Seconds(period), aht};
}

double Load::AhtSeconds() const {
  return Seconds(aht);
}
double Load::ServiceRatePerSecond() const {
  return 1.0 / AhtSeconds();
}
double Load::Erlangs() const {
  return arrival_rate_per_second * AhtSeconds();
}

double ErlangB(int agents, double erlangs) {
  double b = 1.0;
  for (int n = 1; n <= agents; ++n) b = erlangs * b / (n + erlangs * b);
  return b;
}

double ErlangCMetrics::ServiceLevel(core::Duration threshold) const {
  return 1.0 - p_wait * std::exp(-decay_rate_per_second * Seconds(threshold));
}

core::Result<ErlangCMetrics> ErlangC(int agents, const Load& load) {
  if (agents < 1) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} agents: need at least 1", agents));
  }
  if (!PositiveFinite(load.arrival_rate_per_second) || load.aht.count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument,
                "the arrival rate and the handle time must be positive");
  }
  const double a = load.Erlangs();
  const double n = agents;
  if (n - a <= kStabilityMargin * n) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("unstable: {} agents cannot carry {:.2f} Erlangs of offered load; "
                            "the queue grows without limit (more than {:.2f} agents are needed)",
                            agents, a, a));
  }
  ErlangCMetrics m;
  m.agents = agents;
  m.erlangs = a;
  const double b = ErlangB(agents, a);
  // C = N·B / (N − A·(1 − B)): Erlang C from Erlang B, no cancellation.
  m.p_wait = n * b / (n - a * (1.0 - b));
  m.decay_rate_per_second = (n - a) * load.ServiceRatePerSecond();
  m.asa_delayed_seconds = 1.0 / m.decay_rate_per_second;
  m.asa_all_seconds = m.p_wait * m.asa_delayed_seconds;
  m.occupancy = a / n;
  return m;
}

// Erlang A, the method (docs/wfm.md has the derivation):
//
// 1. The number of callers in the system is a birth–death chain: births at λ,
//    deaths at μ·min(k, N) + θ·max(k − N, 0). Its stationary probabilities are
//    taken relative to π_N: the states below N together weigh 1/B(N, A) − 1
//    (the Erlang B identity, computed in log space), and the state with j
//    callers waiting weighs w_j = Π_{i=1..j} λ/(Nμ + iθ) = (λ/θ)^j·Γ(c+1)/Γ(c+j+1)
//    with c = Nμ/θ. The w_j rise while λ ≥ Nμ + jθ and fall after, so they
//    are computed by recurrence in log space outwards from that mode (placed
//    with lgamma) until they weigh less than e^-50 of the largest weight: an
//    overloaded centre with patient callers has a queue of thousands, of
//    which only a window around the mode matters. Arrivals see these
//    probabilities (PASTA): queue_seen is P(all busy, j waiting).
// 2. A caller who finds j waiting is answered after j + 1 stages, stage i
//    (i = j … 0 callers ahead) ending at rate Nμ + iθ, and hangs up after an
//    independent Exp(θ) patience. Hence
//      P(answered)                 = Nμ / (Nμ + (j+1)θ)             (telescoping)
//      E[wait; answered]           = P(answered)·Σ_{i=0..j} 1/(Nμ + (i+1)θ)
//      P(answered, wait ≤ T)       = P(answered)·(1 − I_x(c+1, j+1)),
//    with x = e^{−θT} and I the regularised incomplete beta function:
//    e^{−θ·(offered wait)} is Beta(c, j+1)-distributed. For whole j+1,
//    I_x(c+1, j+1) = Σ_{m=0..j} x^{c+1}·(c+1)_m/m!·(1−x)^m, a negative
//    binomial CDF whose terms follow by recurrence in log space. So the
//    service level costs one pass over the window; where the window starts
//    above 0 the running sums start from a digamma difference and from the
//    negative binomial CDF summed around its own mode.
// 3. P(abandon) = θ·E[queue]/λ (abandonment rate over arrival rate).
core::Result<ErlangAMetrics> ErlangA(int agents, double arrival_rate, double service_rate,
                                     double abandon_rate) {
  if (agents < 1) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{} agents: need at least 1", agents));
  }
  if (!PositiveFinite(arrival_rate) || !PositiveFinite(service_rate) ||
      !PositiveFinite(abandon_rate)) {
    return Fail(ErrorCode::kInvalidArgument,
                "the arrival, service and abandonment rates must be positive and finite");
  }
  const double lambda = arrival_rate;
  const double n_mu = agents * service_rate;
  const double theta = abandon_rate;
  const double c = n_mu / theta;
  const double a = lambda / service_rate;
  const double log_lambda = std::log(lambda);
  // log(w_j / w_{j-1})
  auto log_ratio = [&](double j) { return log_lambda - std::log(n_mu + j * theta); };

  // Log weights relative to π_N = 1.
  const double log_below = LogExpm1(LogInverseErlangB(agents, a));
  const double mode_real = std::floor((lambda - n_mu) / theta);
  if (mode_real > static_cast<double>(kMaxQueueStates)) {
    return Fail(ErrorCode::kResourceExhausted,
                fmt::format("Erlang A: the queue would need more than {} states; the patience "
                            "is too long for the load",
                            kMaxQueueStates));
  }
  const std::size_t mode = mode_real > 0 ? static_cast<std::size_t>(mode_real) : 0;
  const double md = static_cast<double>(mode);
  const double log_w_mode =
      md * std::log(lambda / theta) - (std::lgamma(c + md + 1) - std::lgamma(c + 1));
  const double log_max = std::max(log_below, log_w_mode);

  // Down from the mode: the weights fall, so stop at the first negligible one.
  std::vector<double> below_mode;  // log w_{mode-1}, log w_{mode-2}, …
  double log_w = log_w_mode;
  for (std::size_t j = mode; j > 0; --j) {
    log_w -= log_ratio(static_cast<double>(j));
    if (log_w < log_max - kTailLogCut) break;
    below_mode.push_back(log_w);
  }
  std::vector<double> log_ws(below_mode.rbegin(), below_mode.rend());
  const std::size_t first = mode - below_mode.size();
  log_ws.push_back(log_w_mode);
  // Up from the mode: the ratios fall too, so the tail is below a geometric
  // series once they are under 1.
  log_w = log_w_mode;
  for (std::size_t j = mode + 1;; ++j) {
    const double ratio_after = std::exp(log_ratio(static_cast<double>(j)));
    if (ratio_after < 1 && log_w - std::log1p(-ratio_after) < log_max - kTailLogCut) break;
    log_w += std::log(ratio_after);
    log_ws.push_back(log_w);
    if (log_ws.size() >= kMaxQueueStates) {
      return Fail(ErrorCode::kResourceExhausted,
                  fmt::format("Erlang A: the queue would need more than {} states; the patience "
                              "is too long for the load",
                              kMaxQueueStates));
    }
  }

  double total = std::exp(log_below - log_max);
  for (double lw : log_ws) total += std::exp(lw - log_max);

  ErlangAMetrics m;
  m.agents = agents;
  m.erlangs = a;
  m.all_busy_service_rate_per_second = n_mu;
  m.abandon_rate_per_second = theta;
  m.queue_seen_first = first;
  m.queue_seen.reserve(log_ws.size());
  // Σ_{i=0..j} 1/(Nμ + (i+1)θ) for j = first − 1.
  double stage_sum =
      first > 0 ? (Digamma(c + static_cast<double>(first) + 1) - Digamma(c + 1)) / theta : 0;
  double queue_mean = 0, answered_after_wait = 0, wait_answered = 0;
  for (std::size_t i = 0; i < log_ws.size(); ++i) {
    const double q = std::exp(log_ws[i] - log_max) / total;
    const double jd = static_cast<double>(first + i);
    m.queue_seen.push_back(q);
    m.p_wait += q;
    queue_mean += jd * q;
    const double p_answered = n_mu / (n_mu + (jd + 1) * theta);
    stage_sum += 1.0 / (n_mu + (jd + 1) * theta);
    answered_after_wait += q * p_answered;
    wait_answered += q * p_answered * stage_sum;
  }
  m.mean_queue_length = queue_mean;
  m.p_abandon = theta * queue_mean / lambda;
  const double answered = 1.0 - m.p_abandon;
  m.asa_seconds = wait_answered / answered;
  m.asa_delayed_seconds = answered_after_wait > 0 ? wait_answered / answered_after_wait : 0;
  m.mean_wait_all_seconds = queue_mean / lambda;
  m.occupancy = a * answered / agents;
  return m;
}

core::Result<ErlangAMetrics> ErlangA(int agents, const Load& load, core::Duration mean_patience) {
  if (load.aht.count() <= 0 || mean_patience.count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, "the handle time and the patience must be positive");
  }
  return ErlangA(agents, load.arrival_rate_per_second, load.ServiceRatePerSecond(),
                 1.0 / Seconds(mean_patience));
}

double ErlangAMetrics::ServiceLevel(core::Duration threshold) const {
  const double t = Seconds(threshold);
  double level = 1.0 - p_wait;  // answered at once
  if (t <= 0) return level;
  const NegativeBinomial nb(all_busy_service_rate_per_second / abandon_rate_per_second + 1,
                            abandon_rate_per_second * t);
  const double n_mu = all_busy_service_rate_per_second;
  const double theta = abandon_rate_per_second;
  const double c = n_mu / theta;
  double cdf = queue_seen_first > 0 ? nb.Cdf(queue_seen_first - 1) : 0;
  double log_term = nb.LogPmf(queue_seen_first);
  for (std::size_t i = 0; i < queue_seen.size(); ++i) {
    const double jd = static_cast<double>(queue_seen_first + i);
    if (i > 0) log_term += std::log1p(c / jd) + nb.log_1mx;
    cdf += std::exp(log_term);
    const double p_answered = n_mu / (n_mu + (jd + 1) * theta);
    level += queue_seen[i] * p_answered * std::max(0.0, 1.0 - cdf);
  }
  return std::clamp(level, 0.0, 1.0);
}

}  // namespace cc::wfm
