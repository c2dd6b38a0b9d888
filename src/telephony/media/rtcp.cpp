#include "telephony/media/rtcp.h"

#include <fmt/format.h>

#include <algorithm>

namespace cc::telephony::media {
namespace {

constexpr std::size_t kSenderReportSize = 28;  // header, SSRC and the 20-byte sender info
constexpr std::uint8_t kSdesCname = 1;
constexpr std::uint64_t kNtpUnixOffset = 2208988800ULL;  // seconds from 1900 to 1970

class Writer {
 public:
  explicit Writer(std::span<std::uint8_t> out) : out_(out) {}
  void Put8(std::uint8_t v) { out_[at_++] = v; }
  void Put16(std::uint16_t v) {
    Put8(static_cast<std::uint8_t>(v >> 8));
    Put8(static_cast<std::uint8_t>(v));
  }
  void Put32(std::uint32_t v) {
    Put16(static_cast<std::uint16_t>(v >> 16));
    Put16(static_cast<std::uint16_t>(v));
  }
  std::size_t at() const { return at_; }

 private:
  std::span<std::uint8_t> out_;
  std::size_t at_ = 0;
};

std::uint32_t Read32(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) |
         (std::uint32_t{b[at + 2]} << 8) | std::uint32_t{b[at + 3]};
}

}  // namespace

core::Result<std::size_t> BuildSenderReport(const SenderInfo& info, std::string_view cname,
                                            std::span<std::uint8_t> out) {
  if (cname.size() > 255) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("RTCP CNAME of {} bytes, at most 255", cname.size()));
  }
  // SDES chunk: SSRC, CNAME item (type, length, text), then at least one zero
  // byte ending the item list, padded to a 32-bit boundary.
  const std::size_t items = 2 + cname.size();
  const std::size_t chunk = 4 + items + (4 - items % 4);
  const std::size_t sdes = 4 + chunk;
  const std::size_t size = kSenderReportSize + sdes;
  if (out.size() < size) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("RTCP packet of {} bytes does not fit {}", size, out.size()));
  }
  Writer w(out);
  w.Put8(0x80);  // V=2, no padding, no report blocks
  w.Put8(kRtcpSenderReport);
  w.Put16(static_cast<std::uint16_t>(kSenderReportSize / 4 - 1));
  w.Put32(info.ssrc);
  w.Put32(static_cast<std::uint32_t>(info.ntp_timestamp >> 32));
  w.Put32(static_cast<std::uint32_t>(info.ntp_timestamp));
  w.Put32(info.rtp_timestamp);
  w.Put32(info.packet_count);
  w.Put32(info.octet_count);

  w.Put8(0x81);  // V=2, one chunk
  w.Put8(kRtcpSourceDescription);
  w.Put16(static_cast<std::uint16_t>(sdes / 4 - 1));
  w.Put32(info.ssrc);
  w.Put8(kSdesCname);
  w.Put8(static_cast<std::uint8_t>(cname.size()));
  for (char c : cname) w.Put8(static_cast<std::uint8_t>(c));
  while (w.at() < size) w.Put8(0);
  return size;
}

core::Result<SenderInfo> ParseSenderReport(std::span<const std::uint8_t> datagram) {
  if (!LooksLikeRtcp(datagram) || datagram[1] != kRtcpSenderReport ||
      datagram.size() < kSenderReportSize) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "not an RTCP sender report");
  }
  SenderInfo info;
  info.ssrc = Read32(datagram, 4);
  info.ntp_timestamp = (std::uint64_t{Read32(datagram, 8)} << 32) | Read32(datagram, 12);
  info.rtp_timestamp = Read32(datagram, 16);
  info.packet_count = Read32(datagram, 20);
  info.octet_count = Read32(datagram, 24);
  return info;
}

bool LooksLikeRtcp(std::span<const std::uint8_t> datagram) {
  if (datagram.size() < 4 || (datagram[0] >> 6) != 2) return false;
  if (datagram[1] < 200 || datagram[1] > 204) return false;
  const std::size_t words = (std::size_t{datagram[2]} << 8) | datagram[3];
  return (words + 1) * 4 <= datagram.size();
}

std::uint64_t ToNtpTimestamp(std::chrono::system_clock::time_point at) {
  const auto since_epoch = at.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto rest = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
  // rest < 10^9, so rest * 2^32 < 2^62 fits.
  const std::uint64_t fraction = (static_cast<std::uint64_t>(rest.count()) << 32) / 1'000'000'000U;
  return ((static_cast<std::uint64_t>(seconds.count()) + kNtpUnixOffset) << 32) | fraction;
}

}  // namespace cc::telephony::media
