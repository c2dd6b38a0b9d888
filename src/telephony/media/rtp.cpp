#include "telephony/media/rtp.h"

#include <fmt/format.h>

#include <algorithm>

namespace cc::telephony::media {
namespace {

constexpr int kRtpVersion = 2;
constexpr std::size_t kMaxCsrcs = 15;

std::uint16_t Read16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

std::uint32_t Read32(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

void Append16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

void Append32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  Append16(out, static_cast<std::uint16_t>(v >> 16));
  Append16(out, static_cast<std::uint16_t>(v));
}

tl::unexpected<core::Error> Malformed(std::string message) {
  return core::Fail(core::ErrorCode::kInvalidArgument,
                    "malformed RTP packet: " + std::move(message));
}

}  // namespace

core::Result<RtpPacket> ParseRtp(std::span<const std::uint8_t> datagram) {
  if (datagram.size() < kRtpFixedHeaderSize) {
    return Malformed(fmt::format("{} bytes is shorter than the 12-byte header", datagram.size()));
  }
  const int version = datagram[0] >> 6;
  if (version != kRtpVersion) return Malformed(fmt::format("version {}, expected 2", version));
  const bool padding = (datagram[0] & 0x20) != 0;
  const bool extension = (datagram[0] & 0x10) != 0;
  const std::size_t csrc_count = datagram[0] & 0x0F;

  RtpPacket packet;
  packet.header.marker = (datagram[1] & 0x80) != 0;
  packet.header.payload_type = datagram[1] & 0x7F;
  packet.header.sequence = Read16(datagram, 2);
  packet.header.timestamp = Read32(datagram, 4);
  packet.header.ssrc = Read32(datagram, 8);

  std::size_t offset = kRtpFixedHeaderSize;
  if (datagram.size() < offset + 4 * csrc_count) {
    return Malformed(
        fmt::format("{} CSRCs run past the end of a {}-byte packet", csrc_count, datagram.size()));
  }
  packet.header.csrcs.reserve(csrc_count);
  for (std::size_t i = 0; i < csrc_count; ++i, offset += 4)
    packet.header.csrcs.push_back(Read32(datagram, offset));

  if (extension) {
    if (datagram.size() < offset + 4) return Malformed("header extension runs past the end");
    const std::size_t words = Read16(datagram, offset + 2);
    offset += 4;
    if (datagram.size() - offset < 4 * words) {
      return Malformed(fmt::format("header extension of {} words runs past the end", words));
    }
    offset += 4 * words;
  }

  std::size_t end = datagram.size();
  if (padding) {
    const std::size_t pad = datagram.back();
    if (pad == 0) return Malformed("padding bit set but padding length is 0");
    if (pad > end - offset)
      return Malformed(fmt::format("padding of {} bytes is longer than the payload", pad));
    end -= pad;
  }
  packet.payload = datagram.subspan(offset, end - offset);
  return packet;
}

core::Result<std::vector<std::uint8_t>> SerializeRtp(const RtpHeader& header,
                                                     std::span<const std::uint8_t> payload) {
  if (header.payload_type > 127) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("RTP payload type {} is above 127", header.payload_type));
  }
  if (header.csrcs.size() > kMaxCsrcs) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("{} CSRCs, RTP allows at most 15", header.csrcs.size()));
  }
  std::vector<std::uint8_t> out;
  out.reserve(kRtpFixedHeaderSize + 4 * header.csrcs.size() + payload.size());
  out.push_back(static_cast<std::uint8_t>((kRtpVersion << 6) | header.csrcs.size()));
  out.push_back(static_cast<std::uint8_t>((header.marker ? 0x80 : 0) | header.payload_type));
  Append16(out, header.sequence);
  Append32(out, header.timestamp);
  Append32(out, header.ssrc);
  for (std::uint32_t csrc : header.csrcs) Append32(out, csrc);
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

core::Result<std::size_t> SerializeRtpInto(const RtpHeader& header,
                                           std::span<const std::uint8_t> payload,
                                           std::span<std::uint8_t> out) {
  if (header.payload_type > 127) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("RTP payload type {} is above 127", header.payload_type));
  }
  if (header.csrcs.size() > kMaxCsrcs) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("{} CSRCs, RTP allows at most 15", header.csrcs.size()));
  }
  const std::size_t size = kRtpFixedHeaderSize + 4 * header.csrcs.size() + payload.size();
  if (out.size() < size) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("RTP packet of {} bytes does not fit {}", size, out.size()));
  }
  std::size_t at = 0;
  const auto put16 = [&](std::uint16_t v) {
    out[at++] = static_cast<std::uint8_t>(v >> 8);
    out[at++] = static_cast<std::uint8_t>(v);
  };
  const auto put32 = [&](std::uint32_t v) {
    put16(static_cast<std::uint16_t>(v >> 16));
    put16(static_cast<std::uint16_t>(v));
  };
  out[at++] = static_cast<std::uint8_t>((kRtpVersion << 6) | header.csrcs.size());
  out[at++] = static_cast<std::uint8_t>((header.marker ? 0x80 : 0) | header.payload_type);
  put16(header.sequence);
  put32(header.timestamp);
  put32(header.ssrc);
  for (std::uint32_t csrc : header.csrcs) put32(csrc);
  std::copy(payload.begin(), payload.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
  return size;
}

std::int64_t SequenceExtender::Extend(std::uint16_t sequence) {
  if (!highest_) {
    highest_ = sequence;
    return sequence;
  }
  const auto low = static_cast<std::uint16_t>(*highest_);
  const std::int64_t extended = *highest_ + SequenceDistance(sequence, low);
  if (extended > *highest_) highest_ = extended;
  return extended;
}

}  // namespace cc::telephony::media
