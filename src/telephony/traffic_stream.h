// Simulated caller traffic: what one of the centre's numbers receives over a
// day, and the arrival process that turns it into call times. Arrivals are a
// non-homogeneous Poisson process, constant within each local hour of the day,
// drawn by thinning so that hour boundaries need no special handling.
// Thread-safety: value types and pure functions; the caller owns the generator.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "core/result.h"
#include "core/time.h"

namespace cc::telephony {

struct TrafficStream {
  std::string dialled_number;
  std::array<double, 24> calls_per_hour{};            // by local hour of the day, 0..23
  core::Duration mean_patience = core::Seconds(120);  // zero: callers never give up
  core::Duration mean_talk = core::Seconds(180);
  double withheld_share = 0.05;  // callers who withhold their number
  double repeat_share = 0.1;     // callers drawn from a small pool of regular numbers
};

// The hour of the day (0..23) in the centre's time zone at a given moment.
using LocalHour = std::function<int(core::Timestamp)>;

// Rejects streams with no number, negative or non-finite rates, shares outside [0, 1].
core::Status Validate(const TrafficStream& stream);

// The first arrival strictly after `after`, with every hourly rate multiplied
// by `multiplier`; nullopt when the stream produces no call within eight days.
std::optional<core::Timestamp> NextArrival(const TrafficStream& stream, double multiplier,
                                           core::Timestamp after, const LocalHour& local_hour,
                                           std::mt19937_64& rng);

// A number that looks like a Russian mobile: "+79" and nine digits.
std::string RandomMobileNumber(std::mt19937_64& rng);

}  // namespace cc::telephony
