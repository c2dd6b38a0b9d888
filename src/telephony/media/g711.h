// G.711 (ITU-T) companding: 16-bit linear PCM to and from 8-bit μ-law (PCMU,
// RTP payload type 0) and A-law (PCMA, payload type 8). Encoding keeps the top
// 14 (μ-law) or 13 (A-law) bits, as the recommendation does; decoding returns
// the middle of the quantisation interval, scaled to 16 bits.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>

namespace cc::telephony::media {

std::uint8_t EncodeMuLaw(std::int16_t linear);
std::int16_t DecodeMuLaw(std::uint8_t code);
std::uint8_t EncodeALaw(std::int16_t linear);
std::int16_t DecodeALaw(std::uint8_t code);

// Whole frames; `out` must be as long as `in` (checked).
void EncodeMuLaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);
void DecodeMuLaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);
void EncodeALaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);
void DecodeALaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);

}  // namespace cc::telephony::media
