// SDP offers from the network (media::ParseSdp) and the answer we build to
// them (media::Answer). Properties: every answer we send is SDP we can read
// back, with one m-line per offered one, and reading it as an offer agrees on
// the same codec, event type, address, port and (mirrored back) direction.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "check.h"
#include "telephony/media/sdp.h"

using namespace cc::telephony::media;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto offer = ParseSdp(text);
  if (!offer) {
    FUZZ_CHECK(!offer.error().message.empty());
    return 0;
  }
  const auto answer = Answer(*offer, "192.0.2.1", 40000, {.session_id = 7, .session_version = 9});
  if (!answer) return 0;

  const auto read_back = ParseSdp(answer->text);
  FUZZ_CHECK(read_back.has_value());
  FUZZ_CHECK(read_back->media.size() == offer->media.size());
  const auto agreed = Answer(*read_back, "198.51.100.2", 50000);
  FUZZ_CHECK(agreed.has_value());
  const NegotiatedAudio& a = answer->audio;
  const NegotiatedAudio& b = agreed->audio;
  FUZZ_CHECK(b.codec == a.codec);
  FUZZ_CHECK(b.payload_type == a.payload_type);
  FUZZ_CHECK(b.telephone_event_payload_type == a.telephone_event_payload_type);
  FUZZ_CHECK(b.remote_address == "192.0.2.1");
  FUZZ_CHECK(b.remote_port == 40000);
  FUZZ_CHECK(Mirror(b.direction) == a.direction);
  return 0;
}
