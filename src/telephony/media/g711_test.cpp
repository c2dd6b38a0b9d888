#include "telephony/media/g711.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <limits>

namespace cc::telephony::media {
namespace {

// Width of the quantisation interval a code stands for, in 16-bit units.
int MuLawStep(std::uint8_t code) {
  return 8 << (((~code) & 0x70) >> 4);
}
int ALawStep(std::uint8_t code) {
  const int segment = ((code ^ 0x55) & 0x70) >> 4;
  return segment < 2 ? 16 : 16 << (segment - 1);
}

TEST(G711, EncodesSilenceAndFullScaleToTheReferenceCodes) {
  EXPECT_EQ(EncodeMuLaw(0), 0xFF);
  EXPECT_EQ(EncodeALaw(0), 0xD5);
  EXPECT_EQ(EncodeMuLaw(std::numeric_limits<std::int16_t>::max()), 0x80);
  EXPECT_EQ(EncodeMuLaw(std::numeric_limits<std::int16_t>::min()), 0x00);
  EXPECT_EQ(EncodeALaw(std::numeric_limits<std::int16_t>::max()), 0xAA);
  EXPECT_EQ(EncodeALaw(std::numeric_limits<std::int16_t>::min()), 0x2A);
}

TEST(G711, DecodesToTheReferenceLevels) {
  EXPECT_EQ(DecodeMuLaw(0xFF), 0);
  EXPECT_EQ(DecodeMuLaw(0xFE), 8);
  EXPECT_EQ(DecodeMuLaw(0x80), 32124);
  EXPECT_EQ(DecodeMuLaw(0x00), -32124);
  EXPECT_EQ(DecodeALaw(0xD5), 8);
  EXPECT_EQ(DecodeALaw(0xD4), 24);
  EXPECT_EQ(DecodeALaw(0x55), -8);
  EXPECT_EQ(DecodeALaw(0xAA), 32256);
  EXPECT_EQ(DecodeALaw(0x2A), -32256);
}

TEST(G711, RoundTripStaysWithinTheQuantisationStep) {
  for (int x = std::numeric_limits<std::int16_t>::min();
       x <= std::numeric_limits<std::int16_t>::max(); x += 7) {
    const auto linear = static_cast<std::int16_t>(x);
    const std::uint8_t mu = EncodeMuLaw(linear);
    const std::uint8_t a = EncodeALaw(linear);
    EXPECT_LE(std::abs(DecodeMuLaw(mu) - x), MuLawStep(mu)) << x;
    EXPECT_LE(std::abs(DecodeALaw(a) - x), ALawStep(a)) << x;
  }
}

TEST(G711, SmallSignalsKeepFineResolution) {
  for (int x = -200; x <= 200; ++x) {
    const auto linear = static_cast<std::int16_t>(x);
    EXPECT_LE(std::abs(DecodeMuLaw(EncodeMuLaw(linear)) - x), 8) << x;
    EXPECT_LE(std::abs(DecodeALaw(EncodeALaw(linear)) - x), 16) << x;
  }
}

TEST(G711, PositiveAndNegativeDifferOnlyInTheSignBit) {
  for (int x = 1; x <= 32768; x += 3) {
    // Two's complement has one more negative value: -x mirrors x-1.
    const auto pos = static_cast<std::int16_t>(x - 1);
    const auto neg = static_cast<std::int16_t>(-x);
    EXPECT_EQ(EncodeMuLaw(pos) ^ EncodeMuLaw(neg), 0x80) << x;
    EXPECT_EQ(EncodeALaw(pos) ^ EncodeALaw(neg), 0x80) << x;
    EXPECT_EQ(DecodeMuLaw(EncodeMuLaw(neg)), -DecodeMuLaw(EncodeMuLaw(pos))) << x;
    EXPECT_EQ(DecodeALaw(EncodeALaw(neg)), -DecodeALaw(EncodeALaw(pos))) << x;
  }
}

TEST(G711, EveryCodeSurvivesDecodeThenEncode) {
  for (int code = 0; code < 256; ++code) {
    const auto c = static_cast<std::uint8_t>(code);
    EXPECT_EQ(EncodeALaw(DecodeALaw(c)), c) << code;
    if (c == 0x7F) {
      // μ-law's negative zero decodes to 0, which encodes as positive zero.
      EXPECT_EQ(EncodeMuLaw(DecodeMuLaw(c)), 0xFF);
    } else {
      EXPECT_EQ(EncodeMuLaw(DecodeMuLaw(c)), c) << code;
    }
  }
}

TEST(G711, FrameFunctionsMatchTheSampleFunctions) {
  const std::array<std::int16_t, 4> pcm = {0, 1000, -1000, 32000};
  std::array<std::uint8_t, 4> mu{};
  std::array<std::uint8_t, 4> a{};
  EncodeMuLaw(pcm, mu);
  EncodeALaw(pcm, a);
  std::array<std::int16_t, 4> back_mu{};
  std::array<std::int16_t, 4> back_a{};
  DecodeMuLaw(mu, back_mu);
  DecodeALaw(a, back_a);
  for (std::size_t i = 0; i < pcm.size(); ++i) {
    EXPECT_EQ(mu[i], EncodeMuLaw(pcm[i]));
    EXPECT_EQ(a[i], EncodeALaw(pcm[i]));
    EXPECT_EQ(back_mu[i], DecodeMuLaw(mu[i]));
    EXPECT_EQ(back_a[i], DecodeALaw(a[i]));
  }
}

}  // namespace
}  // namespace cc::telephony::media
