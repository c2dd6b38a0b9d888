#include "core/units.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace cc::core {

namespace {

// The longest duration accepted, in milliseconds: about 31 years.
constexpr double kMaxDurationMillis = 1e12;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct NumberPrefix {
  double value = 0;
  std::string_view rest;  // what follows the number, spaces trimmed
};

// The leading decimal number of `text` and what follows it; empty when
// `text` does not start with a finite number.
std::optional<NumberPrefix> LeadingNumber(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  // from_chars reads "inf" and "nan"; a number must start with a digit, a
  // sign or a decimal point.
  char first = text.front();
  if (!(std::isdigit(static_cast<unsigned char>(first)) || first == '-' || first == '.')) {
    return std::nullopt;
  }
  NumberPrefix out;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out.value,
                                   std::chars_format::general);
  if (ec != std::errc() || !std::isfinite(out.value)) return std::nullopt;
  out.rest = Trim(text.substr(static_cast<std::size_t>(end - text.data())));
  return out;
}

std::string DurationHelp(std::string_view text) {
  return fmt::format(
      "'{}' is not a duration (write e.g. 180s, 30m, 1h or 250ms; a plain number is seconds)",
      text);
}

std::string PercentHelp(std::string_view text) {
  return fmt::format("'{}' is not a percentage (write e.g. 80% or 80)", text);
}

// A duration of any sign; the public functions decide which signs they take.
Result<Duration> ParseSignedDuration(std::string_view text) {
  auto number = LeadingNumber(text);
  if (!number) return Fail(ErrorCode::kInvalidArgument, DurationHelp(text));
  double millis_per_unit = 0;
  std::string_view unit = number->rest;
  if (unit.empty() || unit == "s") {
    millis_per_unit = 1000;
  } else if (unit == "ms") {
    millis_per_unit = 1;
  } else if (unit == "m" || unit == "min") {
    millis_per_unit = 60'000;
  } else if (unit == "h") {
    millis_per_unit = 3'600'000;
  } else {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' has an unknown unit '{}' (use ms, s, m or h)", text, unit));
  }
  double millis = number->value * millis_per_unit;
  if (std::abs(millis) > kMaxDurationMillis) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is too long", text));
  }
  return Duration(std::llround(millis));
}

}  // namespace

Result<double> ParseNumber(std::string_view text) {
  auto number = LeadingNumber(text);
  if (!number || !number->rest.empty()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a number", text));
  }
  return number->value;
}

Result<long long> ParseWholeNumber(std::string_view text) {
  std::string_view t = Trim(text);
  long long value = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || end != t.data() + t.size() || value < 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a whole number", text));
  }
  return value;
}

Result<Duration> ParseDuration(std::string_view text) {
  auto d = ParseSignedDuration(text);
  if (d && d->count() < 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is negative; a duration is zero or more", text));
  }
  return d;
}

Result<Duration> ParsePositiveDuration(std::string_view text) {
  auto d = ParseSignedDuration(text);
  if (d && d->count() <= 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a positive duration", text));
  }
  return d;
}

Result<double> ParsePercent(std::string_view text) {
  auto number = LeadingNumber(text);
  if (!number || !(number->rest.empty() || number->rest == "%")) {
    return Fail(ErrorCode::kInvalidArgument, PercentHelp(text));
  }
  if (number->value < 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is a negative percentage", text));
  }
  if (number->value > 100) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is above 100 %", text));
  }
  return number->value / 100;
}

Result<ServiceTarget> ParseServiceTarget(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a service-level target (write e.g. 80/20s: 80 % of "
                            "calls answered within 20 s)",
                            text));
  }
  auto fraction = ParsePercent(text.substr(0, slash));
  if (!fraction) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("service-level target '{}': {}", text, fraction.error().message));
  }
  auto threshold = ParseDuration(text.substr(slash + 1));
  if (!threshold) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("service-level target '{}': {}", text, threshold.error().message));
  }
  return ServiceTarget{*fraction, *threshold};
}

}  // namespace cc::core
