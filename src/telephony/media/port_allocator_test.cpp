#include "telephony/media/port_allocator.h"

#include <gtest/gtest.h>

#include <set>

namespace cc::telephony::media {
namespace {

const auto kAlwaysBinds = [](std::uint16_t) { return true; };

TEST(PortAllocator, HandsOutEvenPortsInsideTheRangeUntilExhausted) {
  PortAllocator ports(20001, 20008);  // pairs 20002/3, 20004/5, 20006/7
  EXPECT_EQ(ports.capacity(), 3U);
  std::set<std::uint16_t> got;
  for (int i = 0; i < 3; ++i) {
    const auto port = ports.Acquire(kAlwaysBinds);
    ASSERT_TRUE(port.has_value());
    EXPECT_EQ(*port % 2, 0);
    got.insert(*port);
  }
  EXPECT_EQ(got, (std::set<std::uint16_t>{20002, 20004, 20006}));
  EXPECT_FALSE(ports.Acquire(kAlwaysBinds).has_value());
  ports.Release(20004);
  EXPECT_EQ(ports.Acquire(kAlwaysBinds), std::optional<std::uint16_t>(20004));
}

TEST(PortAllocator, ReleasedPortsAreUsedLast) {
  PortAllocator ports(30000, 30009);
  const auto first = ports.Acquire(kAlwaysBinds);
  ports.Release(*first);
  EXPECT_NE(ports.Acquire(kAlwaysBinds), first);
}

TEST(PortAllocator, SkipsPortsThatCannotBeBound) {
  PortAllocator ports(30000, 30005);
  const auto port = ports.Acquire([](std::uint16_t p) { return p != 30000; });
  EXPECT_EQ(port, std::optional<std::uint16_t>(30002));
  EXPECT_FALSE(ports.Acquire([](std::uint16_t) { return false; }).has_value());
  EXPECT_EQ(ports.in_use(), 1U);
}

TEST(PortAllocator, ARangeWithoutAPairIsEmptyAndStrangeReleasesAreIgnored) {
  EXPECT_EQ(PortAllocator(30000, 30000).capacity(), 0U);
  EXPECT_EQ(PortAllocator(30001, 30002).capacity(), 0U);
  PortAllocator ports(30000, 30003);
  ports.Release(30001);
  ports.Release(40000);
  EXPECT_EQ(ports.in_use(), 0U);
}

}  // namespace
}  // namespace cc::telephony::media
