#include "telephony/traffic_stream.h"

#include <algorithm>
#include <cmath>

namespace cc::telephony {

using core::ErrorCode;
using core::Fail;

core::Status Validate(const TrafficStream& stream) {
  if (stream.dialled_number.empty())
    return Fail(ErrorCode::kInvalidArgument, "a traffic stream needs a dialled number");
  for (double rate : stream.calls_per_hour) {
    if (!std::isfinite(rate) || rate < 0)
      return Fail(ErrorCode::kInvalidArgument,
                  "calls per hour must be finite and not negative for " + stream.dialled_number);
  }
  auto is_share = [](double v) { return std::isfinite(v) && v >= 0 && v <= 1; };
  if (!is_share(stream.withheld_share) || !is_share(stream.repeat_share))
    return Fail(ErrorCode::kInvalidArgument,
                "withheld and repeat shares must lie in [0, 1] for " + stream.dialled_number);
  if (stream.mean_patience.count() < 0 || stream.mean_talk.count() <= 0)
    return Fail(ErrorCode::kInvalidArgument,
                "patience must not be negative and talk time must be positive for " +
                    stream.dialled_number);
  return {};
}

std::optional<core::Timestamp> NextArrival(const TrafficStream& stream, double multiplier,
                                           core::Timestamp after, const LocalHour& local_hour,
                                           std::mt19937_64& rng) {
  const double peak =
      *std::max_element(stream.calls_per_hour.begin(), stream.calls_per_hour.end()) * multiplier;
  if (!(peak > 0)) return std::nullopt;
  const double peak_per_ms = peak / 3'600'000.0;
  std::exponential_distribution<double> gap(peak_per_ms);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  double t = static_cast<double>(core::ToMillis(after));
  const double give_up = t + 8.0 * 24 * 3'600'000.0;  // local_hour never reaches a busy hour
  // Thinning: candidates at the peak rate, each kept with probability rate(hour) / peak.
  while (t < give_up) {
    t += std::max(1.0, gap(rng));
    const core::Timestamp at = core::FromMillis(static_cast<std::int64_t>(t));
    const int hour = std::clamp(local_hour(at), 0, 23);
    const double rate = stream.calls_per_hour[static_cast<std::size_t>(hour)] * multiplier;
    if (coin(rng) * peak < rate) return at;
  }
  return std::nullopt;
}

std::string RandomMobileNumber(std::mt19937_64& rng) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string number = "+79";
  for (int i = 0; i < 9; ++i) number += static_cast<char>('0' + digit(rng));
  return number;
}

}  // namespace cc::telephony
