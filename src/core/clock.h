// The injected source of "now". Services and drivers hold a Clock&; the ACD
// engine itself never sees one (it receives `now` with every input).
// Thread-safety: SystemClock is safe from any thread; SimulatedClock is safe
// from any thread (atomic), but advancing it is the owner's job.
#pragma once

#include <atomic>

#include "core/time.h"

namespace cc::core {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
};

// A clock that moves only when told to: a whole day runs in milliseconds.
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(Timestamp start = Timestamp{}) : now_ms_(ToMillis(start)) {}

  Timestamp Now() const override { return FromMillis(now_ms_.load()); }
  // Moves time forward; moving it backwards is a programming error.
  void Advance(Duration d);
  void Set(Timestamp t);

 private:
  std::atomic<std::int64_t> now_ms_;
};

}  // namespace cc::core
