// Time as data: millisecond timestamps (UTC, since the Unix epoch) and
// durations. Domain code receives "now" as a value; it never reads a clock.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/result.h"

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

// An RFC 3339 instant: "2026-11-27T08:30Z", "2026-11-27T11:30:05+03:00",
// "2026-11-27T08:30:05.250Z" (seconds and milliseconds optional, a zone
// required). kInvalidArgument naming the text otherwise.
Result<Timestamp> ParseUtc(std::string_view text);

}  // namespace cc::core
