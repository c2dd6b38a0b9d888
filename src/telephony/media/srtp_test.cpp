#include "telephony/media/srtp.h"

#include <gtest/gtest.h>

#include <vector>

namespace cc::telephony::media {
namespace {

std::vector<std::uint8_t> RtpPacket(std::uint16_t seq) {
  std::vector<std::uint8_t> p = {0x80, 0x00, static_cast<std::uint8_t>(seq >> 8), static_cast<std::uint8_t>(seq),
                                 0, 0, 0x0f, 0xa0, 0xde, 0xad, 0xbe, 0xef};
  for (int i = 0; i < 160; ++i) p.push_back(static_cast<std::uint8_t>(i));
  return p;
}

struct Pair {
  std::unique_ptr<SrtpSession> a, b;
};

Pair Sessions(const std::string& suite = "AES_CM_128_HMAC_SHA1_80") {
  const SrtpKey ka = NewSrtpKey(), kb = NewSrtpKey();
  auto a = SrtpSession::Create({suite, ka, kb});
  auto b = SrtpSession::Create({suite, kb, ka});
  EXPECT_TRUE(a && b);
  return {std::move(*a), std::move(*b)};
}

TEST(SrtpTest, WhatOneSideProtectsTheOtherReadsAndStrangersCannot) {
  for (const char* suite : {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"}) {
    Pair s = Sessions(suite);
    auto plain = RtpPacket(1);
    std::vector<std::uint8_t> wire = plain;
    wire.resize(plain.size() + kSrtpHeadroom);
    std::size_t length = plain.size();
    ASSERT_TRUE(s.a->ProtectRtp(wire.data(), length));
    EXPECT_EQ(length, plain.size() + (std::string(suite).ends_with("80") ? 10 : 4)) << suite;
    EXPECT_NE(std::vector<std::uint8_t>(wire.begin() + 12, wire.begin() + 172),
              std::vector<std::uint8_t>(plain.begin() + 12, plain.end()))
        << "the payload is encrypted";
    std::vector<std::uint8_t> replay(wire.begin(), wire.begin() + static_cast<long>(length));
    std::size_t replay_length = length;
    ASSERT_TRUE(s.b->UnprotectRtp(wire.data(), length));
    EXPECT_EQ(std::vector<std::uint8_t>(wire.begin(), wire.begin() + static_cast<long>(length)), plain);
    EXPECT_FALSE(s.b->UnprotectRtp(replay.data(), replay_length)) << "a replayed packet is refused";
    // A packet changed on the way, or keyed by someone else, is refused.
    auto next = RtpPacket(2);
    next.resize(next.size() + kSrtpHeadroom);
    length = 172;
    ASSERT_TRUE(s.a->ProtectRtp(next.data(), length));
    next[40] ^= 1;
    EXPECT_FALSE(s.b->UnprotectRtp(next.data(), length));
    Pair other = Sessions(suite);
    auto foreign = RtpPacket(3);
    foreign.resize(foreign.size() + kSrtpHeadroom);
    length = 172;
    ASSERT_TRUE(other.a->ProtectRtp(foreign.data(), length));
    EXPECT_FALSE(s.b->UnprotectRtp(foreign.data(), length));
  }
}

TEST(SrtpTest, RtcpRoundTrips) {
  Pair s = Sessions();
  std::vector<std::uint8_t> report = {0x80, 200, 0, 6, 0xde, 0xad, 0xbe, 0xef};
  report.resize(28, 0x11);
  std::vector<std::uint8_t> wire = report;
  wire.resize(report.size() + kSrtpHeadroom);
  std::size_t length = report.size();
  ASSERT_TRUE(s.a->ProtectRtcp(wire.data(), length));
  EXPECT_EQ(length, report.size() + 14);
  ASSERT_TRUE(s.b->UnprotectRtcp(wire.data(), length));
  EXPECT_EQ(std::vector<std::uint8_t>(wire.begin(), wire.begin() + static_cast<long>(length)), report);
}

TEST(SrtpTest, KeysTravelAsInlineBase64AndBadOnesAreRefused) {
  const SrtpKey key = NewSrtpKey();
  const std::string text = SrtpKeyText(key);
  EXPECT_EQ(text.size(), 40u);
  auto back = ParseSrtpKeyParams("inline:" + text);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, key);
  EXPECT_FALSE(ParseSrtpKeyParams(text));
  EXPECT_FALSE(ParseSrtpKeyParams("inline:" + text + "|2^20|1:4"));
  EXPECT_FALSE(ParseSrtpKeyParams("inline:" + text.substr(0, 39) + "!"));
  EXPECT_FALSE(ParseSrtpKeyParams("inline:abc"));
  EXPECT_TRUE(SrtpSuiteSupported("AES_CM_128_HMAC_SHA1_32"));
  EXPECT_FALSE(SrtpSuiteSupported("F8_128_HMAC_SHA1_80"));
  EXPECT_FALSE(SrtpSession::Create({"AEAD_AES_256_GCM", key, key}));
}

}  // namespace
}  // namespace cc::telephony::media
