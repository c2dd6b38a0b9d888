// RFC 4733 telephone events ("RTP DTMF"): the 4-byte payload, the digit each
// event code stands for, and DtmfReceiver, which turns the packets of a stream
// into one key press per event. A sender repeats every event: several packets
// while the key is held, all with the event's first RTP timestamp, then the
// end packet three times. The receiver reports a digit at the first packet it
// sees of an event, so a lost start packet or a repeated end changes nothing.
// Thread-safety: value types and pure functions; a DtmfReceiver belongs to one
// stream.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>

#include "core/result.h"

namespace cc::telephony::media {

struct TelephoneEvent {
  std::uint8_t event = 0;      // 0-9, 10 '*', 11 '#', 12-15 'A'-'D'; others are not digits
  bool end = false;            // the E bit
  std::uint8_t volume = 0;     // 0..63, in -dBm0
  std::uint16_t duration = 0;  // in RTP timestamp units since the event's timestamp

  friend bool operator==(const TelephoneEvent&, const TelephoneEvent&) = default;
};

inline constexpr std::size_t kTelephoneEventSize = 4;

// Reads the first event of the payload; a shorter payload is an error.
core::Result<TelephoneEvent> ParseTelephoneEvent(std::span<const std::uint8_t> payload);
// Fails when volume is above 63.
core::Result<std::array<std::uint8_t, kTelephoneEventSize>> BuildTelephoneEvent(
    const TelephoneEvent& event);

std::optional<char> DigitForEvent(std::uint8_t event);
// Accepts 'a'-'d' as well as 'A'-'D'.
std::optional<std::uint8_t> EventForDigit(char digit);

class DtmfReceiver {
 public:
  // The digit pressed, once per event; `ssrc` and `rtp_timestamp` come from
  // the packet's RTP header. Packets of the last event or of events shortly
  // before it are ignored; a new SSRC, or a timestamp far behind (the sender
  // restarted its clock), starts afresh. A key held so long that the sender
  // starts a new segment (RFC 4733 2.5.1.3, about 8 s at 8 kHz) counts as a
  // second press.
  std::optional<char> OnPacket(std::uint32_t ssrc, std::uint32_t rtp_timestamp,
                               const TelephoneEvent& event);

 private:
  struct Last {
    std::uint32_t ssrc = 0;
    std::uint32_t timestamp = 0;
  };
  std::optional<Last> last_;
};

}  // namespace cc::telephony::media
