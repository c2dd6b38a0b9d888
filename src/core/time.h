// Time as data: millisecond timestamps (UTC, since the Unix epoch) and
// durations. Domain code receives "now" as a value; it never reads a clock.
#pragma once

#include <chrono>
#include <string>

namespace cc::core {

using Duration = std::chrono::milliseconds;
using Timestamp = std::chrono::sys_time<Duration>;

constexpr Timestamp FromMillis(std::int64_t ms) {
  return Timestamp(Duration(ms));
}
constexpr std::int64_t ToMillis(Timestamp t) {
  return t.time_since_epoch().count();
}
constexpr Duration Seconds(std::int64_t s) {
  return std::chrono::seconds(s);
}

// "2026-11-27T08:30:05.250Z".
std::string FormatUtc(Timestamp t);

}  // namespace cc::core
