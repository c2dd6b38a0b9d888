#include "telephony/media/jitter_buffer.h"

#include <gtest/gtest.h>

#include <string>

namespace cc::telephony::media {
namespace {

// A payload that names its packet, so the tests can see what was played.
std::vector<std::uint8_t> PayloadFor(std::uint16_t sequence) {
  return {static_cast<std::uint8_t>(sequence >> 8), static_cast<std::uint8_t>(sequence), 0xFF};
}

void Put(JitterBuffer& buffer, std::uint16_t sequence) {
  buffer.Put(sequence, PayloadFor(sequence));
}

// Pops `n` frames: "5" for audio of packet 5, "L5" for packet 5 lost, "-" for nothing.
std::string Play(JitterBuffer& buffer, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    const PlayoutFrame frame = buffer.Pop();
    if (!out.empty()) out += ' ';
    switch (frame.kind) {
      case PlayoutKind::kAudio:
        EXPECT_EQ(frame.payload, PayloadFor(frame.sequence));
        out += std::to_string(frame.sequence);
        break;
      case PlayoutKind::kLost:
        EXPECT_TRUE(frame.payload.empty());
        out += "L" + std::to_string(frame.sequence);
        break;
      case PlayoutKind::kEmpty:
        out += "-";
        break;
    }
  }
  return out;
}

TEST(JitterBuffer, WaitsForItsDepthThenPlaysInOrder) {
  JitterBuffer buffer(3);
  EXPECT_EQ(Play(buffer, 1), "-");
  Put(buffer, 10);
  Put(buffer, 11);
  EXPECT_EQ(Play(buffer, 1), "-");
  Put(buffer, 12);
  EXPECT_EQ(Play(buffer, 3), "10 11 12");
}

TEST(JitterBuffer, SteadyStreamPlaysEveryPacket) {
  JitterBuffer buffer(2);
  Put(buffer, 1);
  Put(buffer, 2);
  std::string played;
  for (std::uint16_t seq = 3; seq < 103; ++seq) {
    Put(buffer, seq);
    played = Play(buffer, 1);
    ASSERT_EQ(played, std::to_string(seq - 2));
  }
  EXPECT_EQ(buffer.stats().received, 102U);
  EXPECT_EQ(buffer.stats().played, 100U);
  EXPECT_EQ(buffer.stats().lost, 0U);
  EXPECT_EQ(buffer.held(), 2U);
}

TEST(JitterBuffer, ReordersWithinItsDepth) {
  JitterBuffer buffer(3);
  Put(buffer, 1);
  Put(buffer, 3);
  Put(buffer, 2);
  Put(buffer, 5);
  Put(buffer, 4);
  EXPECT_EQ(Play(buffer, 5), "1 2 3 4 5");
  EXPECT_EQ(buffer.stats().late, 0U);
}

TEST(JitterBuffer, ReportsAGapAsLostAndAPacketAfterItsTurnAsLate) {
  JitterBuffer buffer(2);
  Put(buffer, 1);
  Put(buffer, 3);
  Put(buffer, 4);
  EXPECT_EQ(Play(buffer, 2), "1 L2");
  Put(buffer, 2);
  EXPECT_EQ(Play(buffer, 2), "3 4");
  EXPECT_EQ(buffer.stats().lost, 1U);
  EXPECT_EQ(buffer.stats().late, 1U);
  EXPECT_EQ(buffer.stats().played, 3U);
}

TEST(JitterBuffer, DropsDuplicatesHeldOrAlreadyPlayed) {
  JitterBuffer buffer(2);
  Put(buffer, 7);
  Put(buffer, 7);
  Put(buffer, 8);
  EXPECT_EQ(Play(buffer, 1), "7");
  Put(buffer, 7);
  EXPECT_EQ(Play(buffer, 1), "8");
  EXPECT_EQ(buffer.stats().duplicate, 2U);
  EXPECT_EQ(buffer.stats().late, 0U);
  EXPECT_EQ(buffer.stats().played, 2U);
}

TEST(JitterBuffer, PlaysAcrossTheSequenceWrap) {
  JitterBuffer buffer(2);
  Put(buffer, 65535);
  Put(buffer, 65534);
  Put(buffer, 1);
  Put(buffer, 0);
  EXPECT_EQ(Play(buffer, 4), "65534 65535 0 1");
  Put(buffer, 65535);
  EXPECT_EQ(buffer.stats().duplicate, 1U);
}

TEST(JitterBuffer, KeepsDelayBoundedWhenTheSenderRunsAhead) {
  JitterBuffer buffer(2);  // holds at most 4
  for (std::uint16_t seq = 1; seq <= 10; ++seq) Put(buffer, seq);
  EXPECT_EQ(buffer.held(), 4U);
  EXPECT_EQ(buffer.stats().overflow, 6U);
  EXPECT_EQ(Play(buffer, 4), "7 8 9 10");
  Put(buffer, 3);
  EXPECT_EQ(buffer.stats().late, 1U);
}

// Found by fuzz/rtp_stream_fuzz.cpp (fuzz/regressions/rtp_stream/): packets
// arriving newest first before playout starts each widened the window.
TEST(JitterBuffer, KeepsDelayBoundedWhenPacketsArriveNewestFirst) {
  JitterBuffer buffer(1);  // holds at most 2
  for (std::uint16_t seq = 10; seq >= 1; --seq) {
    Put(buffer, seq);
    EXPECT_LE(buffer.held(), 2U) << "after " << seq;
  }
  EXPECT_EQ(buffer.stats().overflow, 1U);  // 8, the first older than the window
  EXPECT_EQ(buffer.stats().late, 7U);      // 7..1: their turn has passed
  EXPECT_EQ(Play(buffer, 3), "9 10 -");
}

TEST(JitterBuffer, AfterAPauseRefillsWithoutCountingLoss) {
  JitterBuffer buffer(2);
  Put(buffer, 1);
  Put(buffer, 2);
  EXPECT_EQ(Play(buffer, 5), "1 2 - - -");  // the sender went quiet (hold, silence suppression)
  Put(buffer, 3);
  EXPECT_EQ(Play(buffer, 1), "-");
  Put(buffer, 4);
  EXPECT_EQ(Play(buffer, 2), "3 4");
  EXPECT_EQ(buffer.stats().lost, 0U);
}

TEST(JitterBuffer, CountsPacketsLostWhileItWasRefilling) {
  JitterBuffer buffer(2);
  Put(buffer, 1);
  Put(buffer, 2);
  EXPECT_EQ(Play(buffer, 3), "1 2 -");
  Put(buffer, 6);
  Put(buffer, 7);
  EXPECT_EQ(Play(buffer, 2), "6 7");
  EXPECT_EQ(buffer.stats().lost, 3U);
}

TEST(JitterBuffer, AJumpOfThousandsOfPacketsIsANewStream) {
  JitterBuffer buffer(2);
  Put(buffer, 100);
  Put(buffer, 101);
  EXPECT_EQ(Play(buffer, 2), "100 101");
  Put(buffer, 40000);
  Put(buffer, 40001);
  EXPECT_EQ(Play(buffer, 2), "40000 40001");
  EXPECT_EQ(buffer.stats().lost, 0U);
}

TEST(JitterBuffer, AJumpBackwardsIsANewStreamToo) {
  JitterBuffer buffer(1);
  Put(buffer, 5000);
  EXPECT_EQ(Play(buffer, 1), "5000");
  Put(buffer, 10);
  Put(buffer, 11);
  EXPECT_EQ(Play(buffer, 2), "10 11");
  EXPECT_EQ(buffer.stats().late, 0U);
}

TEST(JitterBuffer, ALoneFarPacketIsDroppedAsStray) {
  JitterBuffer buffer(1);
  Put(buffer, 1);
  Put(buffer, 30000);
  Put(buffer, 2);
  EXPECT_EQ(Play(buffer, 2), "1 2");
  EXPECT_EQ(buffer.stats().stray, 1U);
  EXPECT_EQ(buffer.stats().lost, 0U);
}

TEST(JitterBuffer, ResetAcceptsAStreamThatStartsLower) {
  JitterBuffer buffer(1);
  Put(buffer, 500);
  EXPECT_EQ(Play(buffer, 1), "500");
  buffer.Reset();
  Put(buffer, 20);
  EXPECT_EQ(Play(buffer, 1), "20");
  EXPECT_EQ(buffer.stats().late, 0U);
  EXPECT_EQ(buffer.stats().played, 2U);
}

}  // namespace
}  // namespace cc::telephony::media
