#include "core/time.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace cc::core {

std::string FormatUtc(Timestamp t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto ms = (t - secs).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", secs, ms);
}

}  // namespace cc::core
