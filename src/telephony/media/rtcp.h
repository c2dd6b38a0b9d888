// RTCP (RFC 3550 section 6), as far as the media engine needs it: the
// compound packet it sends every few seconds for a stream it sends (a sender
// report without report blocks, then an SDES chunk with the CNAME, which
// every compound packet must carry), the reading of a sender report, and a
// check that a datagram arriving on the RTCP port looks like RTCP at all.
// Thread-safety: value types and pure functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/result.h"

namespace cc::telephony::media {

inline constexpr std::uint8_t kRtcpSenderReport = 200;
inline constexpr std::uint8_t kRtcpSourceDescription = 202;

struct SenderInfo {
  std::uint32_t ssrc = 0;
  std::uint64_t ntp_timestamp = 0;  // seconds since 1900 in the high 32 bits, fraction below
  std::uint32_t rtp_timestamp = 0;  // the same instant on the stream's RTP clock
  std::uint32_t packet_count = 0;   // RTP packets sent since the stream began
  std::uint32_t octet_count = 0;    // payload bytes sent since the stream began

  friend bool operator==(const SenderInfo&, const SenderInfo&) = default;
};

// SR + SDES(CNAME) into `out`; returns the datagram's size. Fails when the
// CNAME is longer than 255 bytes or `out` is too small.
core::Result<std::size_t> BuildSenderReport(const SenderInfo& info, std::string_view cname,
                                            std::span<std::uint8_t> out);

// The sender info of the first packet of a compound datagram, which must be an SR.
core::Result<SenderInfo> ParseSenderReport(std::span<const std::uint8_t> datagram);

// Version 2, a packet type in 200..204 and a first length inside the datagram.
bool LooksLikeRtcp(std::span<const std::uint8_t> datagram);

std::uint64_t ToNtpTimestamp(std::chrono::system_clock::time_point at);

}  // namespace cc::telephony::media
