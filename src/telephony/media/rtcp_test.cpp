#include "telephony/media/rtcp.h"

#include <gtest/gtest.h>

#include <vector>

namespace cc::telephony::media {
namespace {

TEST(Rtcp, SenderReportWithCnameReadsBackAndIsACompoundPacket) {
  SenderInfo info{0x11223344, 0xAABBCCDD00112233ULL, 12345, 50, 8000};
  std::vector<std::uint8_t> out(200);
  const auto size = BuildSenderReport(info, "callcenter@127.0.0.1", out);
  ASSERT_TRUE(size.has_value()) << size.error().message;
  EXPECT_EQ(*size % 4, 0U);
  out.resize(*size);
  EXPECT_TRUE(LooksLikeRtcp(out));
  EXPECT_EQ(ParseSenderReport(out), info);
  // The SR says 28 bytes; the SDES that follows covers the rest exactly.
  EXPECT_EQ(out[1], kRtcpSenderReport);
  EXPECT_EQ(out[3], 6);
  EXPECT_EQ(out[28 + 1], kRtcpSourceDescription);
  EXPECT_EQ((std::size_t{out[30]} << 8 | out[31]) * 4 + 4, *size - 28);
  EXPECT_EQ(out[28 + 8], 1);   // CNAME
  EXPECT_EQ(out[28 + 9], 20);  // its length
  EXPECT_EQ(out.back(), 0);    // the item list ends with a zero byte
}

TEST(Rtcp, RefusesWhatDoesNotFit) {
  std::vector<std::uint8_t> small(40);
  EXPECT_FALSE(BuildSenderReport({}, "a-rather-long-cname", small).has_value());
  std::vector<std::uint8_t> big(600);
  EXPECT_FALSE(BuildSenderReport({}, std::string(256, 'x'), big).has_value());
}

TEST(Rtcp, TellsRtcpFromOtherDatagrams) {
  EXPECT_FALSE(LooksLikeRtcp(std::vector<std::uint8_t>{0x80, 0x00, 0x00, 0x01}));  // RTP PCMU
  EXPECT_FALSE(LooksLikeRtcp(std::vector<std::uint8_t>{0x81, 201, 0x00, 0x07}));   // too long
  EXPECT_TRUE(LooksLikeRtcp(std::vector<std::uint8_t>{0x80, 201, 0x00, 0x00}));    // empty RR
  EXPECT_FALSE(ParseSenderReport(std::vector<std::uint8_t>{0x80, 201, 0x00, 0x00}).has_value());
}

TEST(Rtcp, NtpTimestampCountsFrom1900WithABinaryFraction) {
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(1)) +
                  std::chrono::milliseconds(500);
  const std::uint64_t ntp = ToNtpTimestamp(at);
  EXPECT_EQ(ntp >> 32, 2208988801ULL);
  EXPECT_EQ(static_cast<std::uint32_t>(ntp), 0x80000000U);
}

}  // namespace
}  // namespace cc::telephony::media
