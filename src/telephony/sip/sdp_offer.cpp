#include "telephony/sip/sdp_offer.h"

#include <fmt/format.h>

namespace cc::telephony::sip {

std::string AudioOffer(std::string_view our_address, std::uint16_t our_port, media::SdpOrigin origin,
                       media::Direction direction) {
  std::string out;
  out += "v=0\r\n";
  out += fmt::format("o=callcenter {} {} IN IP4 {}\r\n", origin.session_id, origin.session_version,
                     our_address);
  out += "s=callcenter\r\n";
  out += fmt::format("c=IN IP4 {}\r\n", our_address);
  out += "t=0 0\r\n";
  out += fmt::format("m=audio {} RTP/AVP 0 8 101\r\n", our_port);
  out += "a=rtpmap:0 PCMU/8000\r\n";
  out += "a=rtpmap:8 PCMA/8000\r\n";
  out += "a=rtpmap:101 telephone-event/8000\r\n";
  out += "a=fmtp:101 0-15\r\n";
  out += "a=ptime:20\r\n";
  out += fmt::format("a={}\r\n", media::ToString(direction));
  return out;
}

core::Result<media::NegotiatedAudio> ReadAnswer(std::string_view answer_sdp, std::string_view our_address,
                                                std::uint16_t our_port) {
  auto parsed = media::ParseSdp(answer_sdp);
  if (!parsed) return tl::unexpected(parsed.error());
  // The answer's choice is read the way an offer's is: its first G.711 codec,
  // its telephone-event type, its address; the direction comes back mirrored.
  auto as_offer = media::Answer(*parsed, our_address, our_port);
  if (!as_offer) return tl::unexpected(as_offer.error());
  return as_offer->audio;
}

}  // namespace cc::telephony::sip
