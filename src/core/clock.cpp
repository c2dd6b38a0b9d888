#include "core/clock.h"

#include <cassert>

namespace cc::core {

Timestamp SystemClock::Now() const {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

void SimulatedClock::Advance(Duration d) {
  assert(d.count() >= 0 && "a simulated clock never goes backwards");
  now_ms_.fetch_add(d.count());
}

void SimulatedClock::Set(Timestamp t) {
  assert(ToMillis(t) >= now_ms_.load() && "a simulated clock never goes backwards");
  now_ms_.store(ToMillis(t));
}

}  // namespace cc::core
