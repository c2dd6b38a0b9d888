#include "telephony/media/telephone_event.h"

#include <fmt/format.h>

namespace cc::telephony::media {
namespace {

constexpr std::array<char, 16> kDigits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                          '8', '9', '*', '#', 'A', 'B', 'C', 'D'};
constexpr std::uint8_t kMaxVolume = 63;
// How far behind the last event a packet may be and still be a late
// retransmission rather than a restarted sender: 10 s at 8 kHz.
constexpr std::uint32_t kMaxReorder = 80000;

}  // namespace

core::Result<TelephoneEvent> ParseTelephoneEvent(std::span<const std::uint8_t> payload) {
  if (payload.size() < kTelephoneEventSize) {
    return core::Fail(
        core::ErrorCode::kInvalidArgument,
        fmt::format("telephone-event payload of {} bytes, expected 4", payload.size()));
  }
  TelephoneEvent event;
  event.event = payload[0];
  event.end = (payload[1] & 0x80) != 0;
  event.volume = payload[1] & 0x3F;
  event.duration = static_cast<std::uint16_t>((payload[2] << 8) | payload[3]);
  return event;
}

core::Result<std::array<std::uint8_t, kTelephoneEventSize>> BuildTelephoneEvent(
    const TelephoneEvent& event) {
  if (event.volume > kMaxVolume) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("telephone-event volume {} is above 63", event.volume));
  }
  return std::array<std::uint8_t, kTelephoneEventSize>{
      event.event, static_cast<std::uint8_t>((event.end ? 0x80 : 0) | event.volume),
      static_cast<std::uint8_t>(event.duration >> 8), static_cast<std::uint8_t>(event.duration)};
}

std::optional<char> DigitForEvent(std::uint8_t event) {
  if (event >= kDigits.size()) return std::nullopt;
  return kDigits[event];
}

std::optional<std::uint8_t> EventForDigit(char digit) {
  const char upper = digit >= 'a' && digit <= 'd' ? static_cast<char>(digit - 'a' + 'A') : digit;
  for (std::size_t i = 0; i < kDigits.size(); ++i) {
    if (kDigits[i] == upper) return static_cast<std::uint8_t>(i);
  }
  return std::nullopt;
}

std::optional<char> DtmfReceiver::OnPacket(std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                                           const TelephoneEvent& event) {
  if (last_ && last_->ssrc == ssrc) {
    const auto behind = static_cast<std::uint32_t>(last_->timestamp - rtp_timestamp);
    if (behind <= kMaxReorder) return std::nullopt;
  }
  last_ = Last{ssrc, rtp_timestamp};
  return DigitForEvent(event.event);
}

}  // namespace cc::telephony::media
