#include "telephony/sip/sdp_offer.h"

#include <fmt/format.h>

namespace cc::telephony::sip {

namespace {
constexpr std::string_view kOfferedSuite = "AES_CM_128_HMAC_SHA1_80";
}  // namespace

std::string AudioOffer(std::string_view our_address, std::uint16_t our_port, media::SdpOrigin origin,
                       media::Direction direction, std::string_view srtp_key) {
  std::string out;
  out += "v=0\r\n";
  out += fmt::format("o=callcenter {} {} IN IP4 {}\r\n", origin.session_id, origin.session_version,
                     our_address);
  out += "s=callcenter\r\n";
  out += fmt::format("c=IN IP4 {}\r\n", our_address);
  out += "t=0 0\r\n";
  out += fmt::format("m=audio {} {} 0 8 101\r\n", our_port, srtp_key.empty() ? "RTP/AVP" : "RTP/SAVP");
  out += "a=rtpmap:0 PCMU/8000\r\n";
  out += "a=rtpmap:8 PCMA/8000\r\n";
  out += "a=rtpmap:101 telephone-event/8000\r\n";
  out += "a=fmtp:101 0-15\r\n";
  out += "a=ptime:20\r\n";
  out += fmt::format("a={}\r\n", media::ToString(direction));
  if (!srtp_key.empty()) out += fmt::format("a=crypto:1 {} inline:{}\r\n", kOfferedSuite, srtp_key);
  return out;
}

core::Result<media::NegotiatedAudio> ReadAnswer(std::string_view answer_sdp, std::string_view our_address,
                                                std::uint16_t our_port, std::string_view srtp_key) {
  auto parsed = media::ParseSdp(answer_sdp);
  if (!parsed) return tl::unexpected(parsed.error());
  // The answer's choice is read the way an offer's is: its first G.711 codec,
  // its telephone-event type, its address; the direction comes back mirrored.
  auto as_offer = media::Answer(*parsed, our_address, our_port, {},
                                {.our_key = std::string(srtp_key), .required = !srtp_key.empty()});
  if (!as_offer) return tl::unexpected(as_offer.error());
  if (as_offer->audio.srtp && as_offer->audio.srtp->suite != kOfferedSuite) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "the answer chose the SRTP suite " + as_offer->audio.srtp->suite + ", which was not offered");
  }
  return as_offer->audio;
}

}  // namespace cc::telephony::sip
