// What one received RTP stream looked like to the load tool: packets, those
// that came after a later one (late, by sequence number), gaps in the
// sequence, and the RFC 3550 interarrival jitter.
// Thread-safety: none; one receiving thread owns each meter.
#pragma once

#include <cstdint>
#include <optional>

#include "telephony/media/rtp.h"

namespace cc::tools {

class StreamMeter {
 public:
  // `arrival` is the arrival time in RTP timestamp units (8 kHz).
  void OnPacket(std::uint16_t sequence, std::uint32_t timestamp, double arrival);

  std::uint64_t received() const { return received_; }
  std::uint64_t late() const { return late_; }
  // Sequence numbers between the first and the highest that never came.
  std::uint64_t missing() const;
  double jitter_ms() const { return jitter_ / 8.0; }

 private:
  telephony::media::SequenceExtender extender_;
  std::optional<std::int64_t> first_;
  std::uint64_t received_ = 0;
  std::uint64_t late_ = 0;
  std::optional<double> last_transit_;
  double jitter_ = 0;
};

}  // namespace cc::tools
