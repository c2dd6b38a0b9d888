// One UDP datagram as the media port sees it: RTP (ParseRtp), an RFC 4733
// telephone-event payload (ParseTelephoneEvent) and RTCP (LooksLikeRtcp,
// ParseSenderReport). Properties: the payload lies inside the datagram;
// header + payload written back (SerializeRtp and SerializeRtpInto, the same
// bytes) parse to the same header and payload; an event and a sender report
// survive being built and read again.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "check.h"
#include "telephony/media/rtcp.h"
#include "telephony/media/rtp.h"
#include "telephony/media/telephone_event.h"

using namespace cc::telephony::media;

namespace {

void CheckRtp(std::span<const std::uint8_t> datagram) {
  const auto packet = ParseRtp(datagram);
  if (!packet) return;
  const RtpHeader& header = packet->header;
  FUZZ_CHECK(header.payload_type <= 127);
  FUZZ_CHECK(header.csrcs.size() <= 15);
  FUZZ_CHECK(
      packet->payload.empty() ||
      (packet->payload.data() >= datagram.data() + kRtpFixedHeaderSize &&
       packet->payload.data() + packet->payload.size() <= datagram.data() + datagram.size()));

  const auto written = SerializeRtp(header, packet->payload);
  FUZZ_CHECK(written.has_value());
  const auto again = ParseRtp(*written);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->header == header);
  FUZZ_CHECK(std::equal(again->payload.begin(), again->payload.end(), packet->payload.begin(),
                        packet->payload.end()));
  std::vector<std::uint8_t> buffer(written->size());
  const auto size = SerializeRtpInto(header, packet->payload, buffer);
  FUZZ_CHECK(size.has_value() && *size == written->size() && buffer == *written);
  if (!buffer.empty()) {
    const auto too_small =
        SerializeRtpInto(header, packet->payload, std::span(buffer).first(buffer.size() - 1));
    FUZZ_CHECK(!too_small.has_value());
  }

  const auto event = ParseTelephoneEvent(packet->payload);
  FUZZ_CHECK(event.has_value() == (packet->payload.size() >= kTelephoneEventSize));
  if (!event) return;
  FUZZ_CHECK(event->volume <= 63);
  const auto built = BuildTelephoneEvent(*event);
  FUZZ_CHECK(built.has_value());
  const auto event_again = ParseTelephoneEvent(*built);
  FUZZ_CHECK(event_again.has_value() && *event_again == *event);
  if (const auto digit = DigitForEvent(event->event)) {
    FUZZ_CHECK(EventForDigit(*digit) == event->event);
  }
}

void CheckRtcp(std::span<const std::uint8_t> datagram) {
  const bool looks = LooksLikeRtcp(datagram);
  const auto report = ParseSenderReport(datagram);
  if (!report) return;
  FUZZ_CHECK(looks);
  std::array<std::uint8_t, 64> buffer{};
  const auto size = BuildSenderReport(*report, "fuzz@callcenter", buffer);
  FUZZ_CHECK(size.has_value());
  const auto built = std::span<const std::uint8_t>(buffer).first(*size);
  FUZZ_CHECK(LooksLikeRtcp(built));
  const auto again = ParseSenderReport(built);
  FUZZ_CHECK(again.has_value() && *again == *report);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> datagram(data, size);
  CheckRtp(datagram);
  CheckRtcp(datagram);
  return 0;
}
