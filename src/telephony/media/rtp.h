// RTP packets (RFC 3550): the fixed header parsed from and written to a UDP
// datagram, and sequence-number arithmetic that survives the 16-bit wrap.
// Parsing never reads past the datagram: every malformed packet is an error
// value. RtpPacket::payload points into the caller's datagram buffer.
// Thread-safety: value types and pure functions; SequenceExtender is a plain
// value owned by one stream.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.h"

namespace cc::telephony::media {

struct RtpHeader {
  bool marker = false;
  std::uint8_t payload_type = 0;  // 0..127
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;
  std::vector<std::uint32_t> csrcs;  // at most 15

  friend bool operator==(const RtpHeader&, const RtpHeader&) = default;
};

struct RtpPacket {
  RtpHeader header;
  std::span<const std::uint8_t> payload;  // padding and header extension removed
};

inline constexpr std::size_t kRtpFixedHeaderSize = 12;

core::Result<RtpPacket> ParseRtp(std::span<const std::uint8_t> datagram);

// A datagram without padding or extension. Fails on a payload type above 127
// or more than 15 CSRCs.
core::Result<std::vector<std::uint8_t>> SerializeRtp(const RtpHeader& header,
                                                     std::span<const std::uint8_t> payload);

// The same datagram written into `out` (a reused buffer on the packet path);
// returns its size. Also fails when `out` is too small.
core::Result<std::size_t> SerializeRtpInto(const RtpHeader& header,
                                           std::span<const std::uint8_t> payload,
                                           std::span<std::uint8_t> out);

// True when `a` comes after `b`, allowing for wrap-around: a sequence number is
// newer than the 32767 numbers before it.
constexpr bool SequenceNewer(std::uint16_t a, std::uint16_t b) {
  return a != b && static_cast<std::uint16_t>(a - b) < 0x8000;
}

// How far `a` is ahead of `b` (negative when behind), within ±32768.
constexpr int SequenceDistance(std::uint16_t a, std::uint16_t b) {
  const int d = static_cast<std::uint16_t>(a - b);
  return d >= 0x8000 ? d - 0x10000 : d;
}

// Same for RTP timestamps, which wrap at 2^32.
constexpr bool TimestampNewer(std::uint32_t a, std::uint32_t b) {
  return a != b && static_cast<std::uint32_t>(a - b) < 0x80000000U;
}

// Turns a stream's 16-bit sequence numbers into a counter that does not wrap:
// the first number seen keeps its value, later ones count cycles on top
// (RFC 3550's extended sequence number; its low 32 bits are what receiver
// reports carry). Packets that arrive late are placed before the highest
// seen; one from before the very first packet can come out negative.
class SequenceExtender {
 public:
  std::int64_t Extend(std::uint16_t sequence);
  std::optional<std::int64_t> highest() const { return highest_; }

 private:
  std::optional<std::int64_t> highest_;
};

}  // namespace cc::telephony::media
