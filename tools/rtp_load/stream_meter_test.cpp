#include "stream_meter.h"

#include <gtest/gtest.h>

namespace cc::tools {
namespace {

TEST(StreamMeter, CountsGapsLatePacketsAndNoJitterForAPerfectStream) {
  StreamMeter meter;
  for (std::uint16_t i = 0; i < 10; ++i) {
    if (i == 4) continue;  // lost
    meter.OnPacket(static_cast<std::uint16_t>(65530 + i), 160U * i, 1000.0 + 160.0 * i);
  }
  EXPECT_EQ(meter.received(), 9U);
  EXPECT_EQ(meter.missing(), 1U);
  EXPECT_EQ(meter.late(), 0U);
  EXPECT_DOUBLE_EQ(meter.jitter_ms(), 0.0);
  meter.OnPacket(static_cast<std::uint16_t>(65534), 640, 4000.0);  // the lost one, late
  EXPECT_EQ(meter.late(), 1U);
  EXPECT_EQ(meter.missing(), 0U);
  EXPECT_GT(meter.jitter_ms(), 0.0);
}

}  // namespace
}  // namespace cc::tools
