#include "telephony/media/g711.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>

namespace cc::telephony::media {
namespace {

// Upper bound of each segment, in the 14-bit (μ-law) and 13-bit (A-law)
// magnitudes the encoders work on.
constexpr std::array<int, 8> kMuLawSegmentEnd = {0x3F,  0x7F,  0xFF,  0x1FF,
                                                 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
constexpr std::array<int, 8> kALawSegmentEnd = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
constexpr int kMuLawBias = 0x84;  // in 16-bit scale; shifts every segment onto a power of two

constexpr int Segment(int magnitude, const std::array<int, 8>& ends) {
  for (int i = 0; i < 8; ++i) {
    if (magnitude <= ends[static_cast<std::size_t>(i)]) return i;
  }
  return 8;
}

constexpr std::int16_t MuLawToLinear(std::uint8_t code) {
  const int u = static_cast<std::uint8_t>(~code);
  int t = ((u & 0x0F) << 3) + kMuLawBias;
  t <<= (u & 0x70) >> 4;
  return static_cast<std::int16_t>((u & 0x80) != 0 ? kMuLawBias - t : t - kMuLawBias);
}

constexpr std::int16_t ALawToLinear(std::uint8_t code) {
  const int a = code ^ 0x55;
  int t = (a & 0x0F) << 4;
  const int segment = (a & 0x70) >> 4;
  if (segment == 0) {
    t += 8;
  } else {
    t = (t + 0x108) << (segment - 1);
  }
  return static_cast<std::int16_t>((a & 0x80) != 0 ? t : -t);
}

template <std::int16_t (*kDecode)(std::uint8_t)>
constexpr std::array<std::int16_t, 256> DecodeTable() {
  std::array<std::int16_t, 256> table{};
  for (int code = 0; code < 256; ++code) {
    table[static_cast<std::size_t>(code)] = kDecode(static_cast<std::uint8_t>(code));
  }
  return table;
}

constexpr auto kMuLawTable = DecodeTable<MuLawToLinear>();
constexpr auto kALawTable = DecodeTable<ALawToLinear>();

void CheckSameLength(std::size_t in, std::size_t out) {
  if (in != out) {
    std::fprintf(stderr, "g711: output span length %zu differs from input %zu\n", out, in);
    std::abort();
  }
}

}  // namespace

std::uint8_t EncodeMuLaw(std::int16_t linear) {
  // One's complement for negatives (as in ITU-T G.191) so that -x and x-1
  // map to mirrored codes and the most negative sample needs no special case.
  const bool negative = linear < 0;
  int value = (negative ? ~linear : linear) >> 2;
  value = std::min(value + (kMuLawBias >> 2), kMuLawSegmentEnd.back());
  const int segment = Segment(value, kMuLawSegmentEnd);
  const int code = (segment << 4) | ((value >> (segment + 1)) & 0x0F);
  return static_cast<std::uint8_t>(code ^ (negative ? 0x7F : 0xFF));
}

std::int16_t DecodeMuLaw(std::uint8_t code) {
  return kMuLawTable[code];
}

std::uint8_t EncodeALaw(std::int16_t linear) {
  const bool negative = linear < 0;
  const int value = (negative ? ~linear : linear) >> 3;
  const int mask = negative ? 0x55 : 0xD5;
  const int segment = Segment(value, kALawSegmentEnd);
  if (segment >= 8) return static_cast<std::uint8_t>(0x7F ^ mask);
  int code = segment << 4;
  code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
  return static_cast<std::uint8_t>(code ^ mask);
}

std::int16_t DecodeALaw(std::uint8_t code) {
  return kALawTable[code];
}

void EncodeMuLaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
  CheckSameLength(in.size(), out.size());
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = EncodeMuLaw(in[i]);
}

void DecodeMuLaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
  CheckSameLength(in.size(), out.size());
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = kMuLawTable[in[i]];
}

void EncodeALaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
  CheckSameLength(in.size(), out.size());
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = EncodeALaw(in[i]);
}

void DecodeALaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
  CheckSameLength(in.size(), out.size());
  for (std::size_t i = 0; i < in.size(); ++i) out[i] = kALawTable[in[i]];
}

}  // namespace cc::telephony::media
