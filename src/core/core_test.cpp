#include <gtest/gtest.h>

#include <unordered_set>

#include "core/clock.h"
#include "core/ids.h"
#include "core/log.h"
#include "core/result.h"
#include "core/time.h"

namespace cc::core {
namespace {

TEST(ParseUtc, ReadsZonesAndOptionalSecondsAndFormatsBack) {
  EXPECT_EQ(FormatUtc(ParseUtc("2026-11-27T10:30:00+03:00").value()), "2026-11-27T07:30:00.000Z");
  EXPECT_EQ(FormatUtc(ParseUtc("2026-11-27T07:30Z").value()), "2026-11-27T07:30:00.000Z");
  EXPECT_EQ(FormatUtc(ParseUtc("2026-11-27T07:30:05.250Z").value()), "2026-11-27T07:30:05.250Z");
  EXPECT_EQ(FormatUtc(ParseUtc("2026-11-27T00:15:00-01:00").value()), "2026-11-27T01:15:00.000Z");
}

TEST(ParseUtc, RejectsTimesWithoutZoneOrOutOfRange) {
  for (const char* bad : {"2026-11-27T10:30:00", "2026-02-30T10:00Z", "2026-11-27T24:00Z", "tomorrow",
                          "2026-11-27T10:30:00+3", ""}) {
    auto parsed = ParseUtc(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_NE(parsed.error().message.find("is not a time with a zone"), std::string::npos);
  }
}

TEST(StrongId, DistinctTypesCompareAndHashByValue) {
  static_assert(!std::is_convertible_v<AgentId, CallId>);
  static_assert(!std::is_convertible_v<std::uint64_t, CallId>);
  std::unordered_set<CallId> calls{CallId(1), CallId(2), CallId(1)};
  EXPECT_EQ(calls.size(), 2u);
  EXPECT_LT(CallId(1), CallId(2));
  EXPECT_FALSE(CallId().valid());
  std::ostringstream os;
  os << AgentId(7);
  EXPECT_EQ(os.str(), "agent-7");
}

Result<int> ParsePositive(int v) {
  if (v <= 0) return Fail(ErrorCode::kInvalidArgument, "must be positive");
  return v;
}

TEST(Result, CarriesValueOrCodeWithMessage) {
  EXPECT_EQ(*ParsePositive(3), 3);
  auto bad = ParsePositive(-1);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().message, "must be positive");
  EXPECT_EQ(ToString(bad.error().code), "invalid_argument");
}

TEST(SimulatedClock, MovesOnlyWhenAdvanced) {
  SimulatedClock clock(FromMillis(1000));
  EXPECT_EQ(ToMillis(clock.Now()), 1000);
  clock.Advance(Seconds(90));
  EXPECT_EQ(ToMillis(clock.Now()), 91000);
  clock.Set(FromMillis(100000));
  EXPECT_EQ(ToMillis(clock.Now()), 100000);
}

TEST(SystemClock, IsCloseToTheWallClock) {
  SystemClock clock;
  auto wall = std::chrono::system_clock::now();
  auto diff = std::chrono::abs(clock.Now() - std::chrono::time_point_cast<Duration>(wall));
  EXPECT_LT(diff, std::chrono::seconds(5));
}

TEST(Time, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(FormatUtc(FromMillis(1'795'000'000'250)), "2026-11-18T11:06:40.250Z");
}

TEST(Logging, RejectsUnknownLevelByName) {
  auto status = SetupLogging("loud");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("loud"), std::string::npos);
}

}  // namespace
}  // namespace cc::core
