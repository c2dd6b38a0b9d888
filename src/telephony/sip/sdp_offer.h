// The SDP offers we make (to agents' phones) and how we read their answers.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "telephony/media/sdp.h"

namespace cc::telephony::sip {

// Audio over RTP/AVP: PCMU, PCMA and telephone-event (101), 20 ms. With
// `srtp_key` (base64, 40 characters): RTP/SAVP with that SDES key for
// AES_CM_128_HMAC_SHA1_80.
std::string AudioOffer(std::string_view our_address, std::uint16_t our_port,
                       media::SdpOrigin origin, media::Direction direction = media::Direction::kSendRecv,
                       std::string_view srtp_key = {});

// What the answer to AudioOffer agreed: the far end's address and port, the
// codec it chose (the first of ours it lists), its telephone-event type and
// our direction (the mirror of its own). To an SRTP offer (`srtp_key`) the
// answer must be SRTP with the offered suite; its key comes back with ours.
core::Result<media::NegotiatedAudio> ReadAnswer(std::string_view answer_sdp, std::string_view our_address,
                                                std::uint16_t our_port, std::string_view srtp_key = {});

}  // namespace cc::telephony::sip
