#include "stream_meter.h"

#include <cmath>

namespace cc::tools {

void StreamMeter::OnPacket(std::uint16_t sequence, std::uint32_t timestamp, double arrival) {
  const auto before = extender_.highest();
  const std::int64_t extended = extender_.Extend(sequence);
  if (!first_ || extended < *first_) first_ = extended;
  if (before && extended < *before) ++late_;
  ++received_;
  const double transit = arrival - static_cast<double>(timestamp);
  if (last_transit_) {
    double d = transit - *last_transit_;
    // Timestamps wrap at 2^32.
    if (d > 2147483648.0) d -= 4294967296.0;
    if (d < -2147483648.0) d += 4294967296.0;
    jitter_ += (std::abs(d) - jitter_) / 16.0;
  }
  last_transit_ = transit;
}

std::uint64_t StreamMeter::missing() const {
  const auto highest = extender_.highest();
  if (!highest || !first_) return 0;
  const auto expected = static_cast<std::uint64_t>(*highest - *first_ + 1);
  return expected > received_ ? expected - received_ : 0;
}

}  // namespace cc::tools
