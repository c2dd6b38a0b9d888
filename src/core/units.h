// Parsing of the units people type on a command line or in a configuration
// file: durations ("180s", "30m"), percentages ("80%") and service-level
// targets ("80/20s"). Every error message quotes the text and says what was
// wrong, so a caller only has to prefix the name of the field or flag.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace cc::core {

// "Answer this fraction of the offered calls within this threshold".
struct ServiceTarget {
  double fraction = 0.8;  // 0..1
  Duration threshold = Seconds(20);

  friend bool operator==(const ServiceTarget&, const ServiceTarget&) = default;
};

// A finite decimal number: "100", "2.5", "1e3". No units, no "inf" or "nan".
Result<double> ParseNumber(std::string_view text);

// A whole number: "13". No sign, no fraction, no units.
Result<long long> ParseWholeNumber(std::string_view text);

// A duration of zero or more: a number and a unit "ms", "s", "m" or "min",
// "h"; a plain number is seconds. "250ms", "180s", "180", "30m", "1.5h".
// Fractions are allowed and rounded to the millisecond.
Result<Duration> ParseDuration(std::string_view text);

// As ParseDuration, but zero and negative values are an error saying
// "'-3s' is not a positive duration".
Result<Duration> ParsePositiveDuration(std::string_view text);

// A percentage 0..100 returned as a fraction 0..1: "80%", "80", "12.5%".
// A plain number is a percentage too ("80" is 80 %, "0.8" is 0.8 %), so that
// "5" means the same on every flag.
Result<double> ParsePercent(std::string_view text);

// "80/20s" (or "80%/20s", "80/20"): 80 % of calls answered within 20 s.
Result<ServiceTarget> ParseServiceTarget(std::string_view text);

}  // namespace cc::core
