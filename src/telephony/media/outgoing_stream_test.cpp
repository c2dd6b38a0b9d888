#include "telephony/media/outgoing_stream.h"

#include <gtest/gtest.h>

namespace cc::telephony::media {
namespace {

TEST(OutgoingStream, OwnFramesAreContiguousAndStartWithTheMarker) {
  OutgoingStream out(7, 65535);
  const RtpStamp first = out.Own(1000, 160);
  EXPECT_TRUE(first.marker);
  EXPECT_EQ(first.timestamp, 1000U);
  EXPECT_EQ(first.sequence, 65535);
  const RtpStamp second = out.Own(1170, 160);  // a tick a little late
  EXPECT_FALSE(second.marker);
  EXPECT_EQ(second.timestamp, 1160U);
  EXPECT_EQ(second.sequence, 0);  // wrapped
}

TEST(OutgoingStream, APauseJumpsToTheClockWithTheMarker) {
  OutgoingStream out(7, 0);
  out.Own(1000, 160);
  const RtpStamp after = out.Own(1000 + 8000, 160);  // a second later
  EXPECT_TRUE(after.marker);
  EXPECT_EQ(after.timestamp, 9000U);
}

TEST(OutgoingStream, RelayedPacketsKeepTheirSpacingAndNeverGoBack) {
  OutgoingStream out(7, 100);
  out.Own(5000, 160);  // we played a frame: 5000..5160
  const RtpStamp a = out.Relayed(5100, 42, 90000, 160, false);
  EXPECT_TRUE(a.marker);  // a new source
  EXPECT_EQ(a.timestamp, 5160U);
  EXPECT_EQ(a.sequence, 101);
  const RtpStamp b = out.Relayed(5260, 42, 90160 + 320, 160, false);  // the source skipped two
  EXPECT_FALSE(b.marker);
  EXPECT_EQ(b.timestamp, 5160U + 480);
  EXPECT_EQ(b.sequence, 102);
  const RtpStamp c = out.Relayed(5300, 43, 10, 160, false);  // another SSRC: continue after b
  EXPECT_TRUE(c.marker);
  EXPECT_EQ(c.timestamp, 5160U + 480 + 160);
}

TEST(OutgoingStream, OwnEventsShareOneTimestampAndTheStreamMovesPastThem) {
  OutgoingStream out(7, 0);
  out.Own(1000, 160);
  const std::uint32_t at = out.StartEvent(1160);
  EXPECT_EQ(at, 1160U);
  EXPECT_TRUE(out.EventPacket(at, true).marker);
  EXPECT_FALSE(out.EventPacket(at, false).marker);
  EXPECT_EQ(out.EventPacket(at, false).timestamp, at);
  out.EndEvent(at, 800);
  EXPECT_EQ(out.Own(1200, 160).timestamp, at + 800);
}

}  // namespace
}  // namespace cc::telephony::media
