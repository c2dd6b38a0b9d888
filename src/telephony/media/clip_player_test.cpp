#include "telephony/media/clip_player.h"

#include <gtest/gtest.h>

#include <numeric>

namespace cc::telephony::media {
namespace {

ClipPtr Ramp(std::size_t n, std::int16_t first) {
  auto clip = std::make_shared<Clip>();
  clip->name = "ramp";
  clip->samples.resize(n);
  std::iota(clip->samples.begin(), clip->samples.end(), first);
  return clip;
}

TEST(ClipPlayer, PlaysASequenceOnceAcrossClipsThenEndsWithPaddedFrame) {
  ClipPlayer player;
  player.Start({Ramp(100, 1), Ramp(100, 1001)}, /*loop=*/false);
  std::vector<std::int16_t> frame(160);
  EXPECT_FALSE(player.Next(frame));
  EXPECT_EQ(frame[0], 1);
  EXPECT_EQ(frame[99], 100);
  EXPECT_EQ(frame[100], 1001);
  EXPECT_EQ(frame[159], 1060);
  EXPECT_TRUE(player.Next(frame));  // the last 40 samples, then silence
  EXPECT_EQ(frame[0], 1061);
  EXPECT_EQ(frame[39], 1100);
  EXPECT_EQ(frame[40], 0);
  EXPECT_EQ(frame[159], 0);
  EXPECT_FALSE(player.playing());
  EXPECT_FALSE(player.Next(frame));
  EXPECT_EQ(frame[0], 0);
}

TEST(ClipPlayer, ASequenceEndingOnAFrameBoundaryEndsWithThatFrame) {
  ClipPlayer player;
  player.Start({Ramp(320, 1)}, false);
  std::vector<std::int16_t> frame(160);
  EXPECT_FALSE(player.Next(frame));
  EXPECT_TRUE(player.Next(frame));
  EXPECT_EQ(frame[159], 320);
}

TEST(ClipPlayer, LoopsTheWholeSequence) {
  ClipPlayer player;
  player.Start({Ramp(100, 1), Ramp(50, 501)}, true);
  std::vector<std::int16_t> frame(160);
  EXPECT_FALSE(player.Next(frame));
  EXPECT_EQ(frame[149], 550);
  EXPECT_EQ(frame[150], 1);  // back to the first clip
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(player.Next(frame));
  EXPECT_TRUE(player.playing());
}

TEST(ClipPlayer, EmptySequencesStopAndSilentOnceSequencesEndAtOnce) {
  ClipPlayer player;
  player.Start({Ramp(10, 1)}, true);
  player.Start({}, false);
  EXPECT_FALSE(player.playing());
  player.Start({Ramp(0, 0)}, true);  // nothing to loop
  EXPECT_FALSE(player.playing());
  player.Start({Ramp(0, 0)}, false);
  std::vector<std::int16_t> frame(160, 7);
  EXPECT_TRUE(player.Next(frame));
  EXPECT_EQ(frame[0], 0);
}

}  // namespace
}  // namespace cc::telephony::media
