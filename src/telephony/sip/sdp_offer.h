// The SDP offers we make (to agents' phones) and how we read their answers.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "telephony/media/sdp.h"

namespace cc::telephony::sip {

// Audio over RTP/AVP: PCMU, PCMA and telephone-event (101), 20 ms.
std::string AudioOffer(std::string_view our_address, std::uint16_t our_port,
                       media::SdpOrigin origin, media::Direction direction = media::Direction::kSendRecv);

// What the answer to AudioOffer agreed: the far end's address and port, the
// codec it chose (the first of ours it lists), its telephone-event type and
// our direction (the mirror of its own).
core::Result<media::NegotiatedAudio> ReadAnswer(std::string_view answer_sdp, std::string_view our_address,
                                                std::uint16_t our_port);

}  // namespace cc::telephony::sip
