#include "telephony/media/rtp.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace cc::telephony::media {
namespace {

using Bytes = std::vector<std::uint8_t>;

// V=2, marker, PT 0, seq 0x1234, ts 0xDEADBEEF, SSRC 0x01020304, payload "abc".
const Bytes kSimple = {0x80, 0x80, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF,
                       0x01, 0x02, 0x03, 0x04, 'a',  'b',  'c'};

Bytes PayloadOf(const RtpPacket& p) {
  return Bytes(p.payload.begin(), p.payload.end());
}

TEST(Rtp, ParsesTheFixedHeader) {
  const auto packet = ParseRtp(kSimple);
  ASSERT_TRUE(packet.has_value()) << packet.error().message;
  EXPECT_TRUE(packet->header.marker);
  EXPECT_EQ(packet->header.payload_type, 0);
  EXPECT_EQ(packet->header.sequence, 0x1234);
  EXPECT_EQ(packet->header.timestamp, 0xDEADBEEFU);
  EXPECT_EQ(packet->header.ssrc, 0x01020304U);
  EXPECT_TRUE(packet->header.csrcs.empty());
  EXPECT_EQ(PayloadOf(*packet), (Bytes{'a', 'b', 'c'}));
}

TEST(Rtp, SkipsCsrcsAndExtensionAndStripsPadding) {
  // P and X set, CC=1, PT 8; one CSRC; a one-word extension; payload "xy"; 2 bytes padding.
  const Bytes datagram = {0xB1, 0x08, 0x00, 0x01, 0, 0, 0, 160, 0, 0, 0, 7,  // fixed header
                          0xCA, 0xFE, 0xBA, 0xBE,                            // CSRC
                          0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4,                // extension, 1 word
                          'x',  'y',  0x00, 0x02};                           // payload + padding
  const auto packet = ParseRtp(datagram);
  ASSERT_TRUE(packet.has_value()) << packet.error().message;
  EXPECT_EQ(packet->header.payload_type, 8);
  EXPECT_FALSE(packet->header.marker);
  EXPECT_EQ(packet->header.csrcs, (std::vector<std::uint32_t>{0xCAFEBABE}));
  EXPECT_EQ(PayloadOf(*packet), (Bytes{'x', 'y'}));
}

TEST(Rtp, SerializeThenParseGivesTheSamePacket) {
  RtpHeader header;
  header.marker = true;
  header.payload_type = 101;
  header.sequence = 65535;
  header.timestamp = 4294967295U;
  header.ssrc = 42;
  header.csrcs = {1, 2};
  const Bytes payload(160, 0xFF);
  const auto datagram = SerializeRtp(header, payload);
  ASSERT_TRUE(datagram.has_value());
  EXPECT_EQ(datagram->size(), 12U + 8U + 160U);
  const auto parsed = ParseRtp(*datagram);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->header, header);
  EXPECT_EQ(PayloadOf(*parsed), payload);
}

TEST(Rtp, SerializeWritesTheWireFormat) {
  RtpHeader header;
  header.marker = true;
  header.sequence = 0x1234;
  header.timestamp = 0xDEADBEEF;
  header.ssrc = 0x01020304;
  const Bytes payload = {'a', 'b', 'c'};
  EXPECT_EQ(SerializeRtp(header, payload), kSimple);
}

TEST(Rtp, SerializeIntoWritesTheSameBytesAndRefusesASmallBuffer) {
  RtpHeader header;
  header.marker = true;
  header.sequence = 0x1234;
  header.timestamp = 0xDEADBEEF;
  header.ssrc = 0x01020304;
  const Bytes payload = {'a', 'b', 'c'};
  Bytes out(64, 0);
  const auto size = SerializeRtpInto(header, payload, out);
  ASSERT_TRUE(size.has_value()) << size.error().message;
  EXPECT_EQ(Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(*size)), kSimple);
  Bytes small(kSimple.size() - 1, 0);
  EXPECT_FALSE(SerializeRtpInto(header, payload, small).has_value());
}

TEST(Rtp, SerializeRefusesWhatTheHeaderCannotCarry) {
  RtpHeader header;
  header.payload_type = 128;
  EXPECT_FALSE(SerializeRtp(header, {}).has_value());
  header.payload_type = 0;
  header.csrcs.assign(16, 1);
  const auto too_many = SerializeRtp(header, {});
  ASSERT_FALSE(too_many.has_value());
  EXPECT_NE(too_many.error().message.find("15"), std::string::npos);
}

void ExpectMalformed(const Bytes& datagram, const std::string& words) {
  const auto packet = ParseRtp(datagram);
  ASSERT_FALSE(packet.has_value()) << "parsed: " << words;
  EXPECT_EQ(packet.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(packet.error().message.find(words), std::string::npos) << packet.error().message;
}

TEST(Rtp, RejectsMalformedPacketsWithAReason) {
  ExpectMalformed(Bytes(kSimple.begin(), kSimple.begin() + 11), "shorter than the 12-byte header");
  Bytes version1 = kSimple;
  version1[0] = 0x40;
  ExpectMalformed(version1, "version 1");
  Bytes csrcs = kSimple;
  csrcs[0] = 0x82;  // two CSRCs need 8 bytes; only 3 follow
  ExpectMalformed(csrcs, "CSRCs run past the end");
  Bytes extension = kSimple;
  extension[0] = 0x90;  // the 3 payload bytes cannot hold an extension header
  ExpectMalformed(extension, "extension runs past the end");
  Bytes long_extension = {0x90, 0, 0,    1,    0,    0,    0, 0, 0, 0,
                          0,    0, 0xBE, 0xDE, 0x00, 0x05, 1, 2, 3, 4};
  ExpectMalformed(long_extension, "extension of 5 words");
  Bytes padding = kSimple;
  padding[0] = 0xA0;
  padding.back() = 4;  // 4 bytes of padding in a 3-byte payload
  ExpectMalformed(padding, "padding of 4 bytes");
  padding.back() = 0;
  ExpectMalformed(padding, "padding length is 0");
}

TEST(Rtp, PaddingThatFillsThePayloadLeavesItEmpty) {
  Bytes padding = kSimple;
  padding[0] = 0xA0;
  padding.back() = 3;
  const auto packet = ParseRtp(padding);
  ASSERT_TRUE(packet.has_value());
  EXPECT_TRUE(packet->payload.empty());
}

TEST(Rtp, ArbitraryBytesNeverReadOutsideTheDatagram) {
  std::mt19937 random(1234);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 64);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    Bytes datagram(static_cast<std::size_t>(length(random)));
    for (auto& b : datagram) b = static_cast<std::uint8_t>(byte(random));
    if (!datagram.empty()) datagram[0] = static_cast<std::uint8_t>(0x80 | (datagram[0] & 0x3F));
    const auto packet = ParseRtp(datagram);
    if (!packet) continue;
    ++parsed;
    if (packet->payload.empty()) continue;
    EXPECT_GE(packet->payload.data(), datagram.data());
    EXPECT_LE(packet->payload.data() + packet->payload.size(), datagram.data() + datagram.size());
  }
  EXPECT_GT(parsed, 0);
}

TEST(RtpSequence, NewerThanAllowsForWrapAround) {
  EXPECT_TRUE(SequenceNewer(2, 1));
  EXPECT_FALSE(SequenceNewer(1, 2));
  EXPECT_FALSE(SequenceNewer(7, 7));
  EXPECT_TRUE(SequenceNewer(0, 65535));
  EXPECT_TRUE(SequenceNewer(10, 65500));
  EXPECT_FALSE(SequenceNewer(65500, 10));
  EXPECT_EQ(SequenceDistance(3, 65534), 5);
  EXPECT_EQ(SequenceDistance(65534, 3), -5);
  EXPECT_TRUE(TimestampNewer(80, 4294967200U));
  EXPECT_FALSE(TimestampNewer(4294967200U, 80));
}

TEST(RtpSequence, ExtenderCountsCyclesAndPlacesLatePackets) {
  SequenceExtender extender;
  EXPECT_EQ(extender.Extend(65534), 65534);
  EXPECT_EQ(extender.Extend(65535), 65535);
  EXPECT_EQ(extender.Extend(1), 65537);  // 0 lost, wrapped once
  EXPECT_EQ(extender.Extend(0), 65536);  // late, before the wrap point it crossed
  EXPECT_EQ(extender.Extend(65535), 65535);
  EXPECT_EQ(extender.highest(), 65537);
  for (std::int64_t expected = 65538; expected < 65538 + 3 * 65536; ++expected) {
    ASSERT_EQ(extender.Extend(static_cast<std::uint16_t>(expected)), expected);
  }
  EXPECT_EQ(static_cast<std::uint32_t>(*extender.highest()) >> 16,
            4U);  // cycles in a receiver report
}

TEST(RtpSequence, APacketFromBeforeTheFirstIsNegative) {
  SequenceExtender extender;
  EXPECT_EQ(extender.Extend(0), 0);
  EXPECT_EQ(extender.Extend(65535), -1);
  EXPECT_EQ(extender.highest(), 0);
}

}  // namespace
}  // namespace cc::telephony::media
