#include "telephony/traffic_stream.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>

namespace cc::telephony {
namespace {

using namespace std::chrono_literals;

int UtcHour(core::Timestamp t) {
  const auto since_midnight = t - std::chrono::floor<std::chrono::days>(t);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::hours>(since_midnight).count());
}

const core::Timestamp kMidnight = core::FromMillis(1'780'000'000'000 / 86'400'000 * 86'400'000);

TrafficStream DayProfile() {
  TrafficStream s;
  s.dialled_number = "+74950000001";
  for (int h = 9; h < 18; ++h) s.calls_per_hour[static_cast<std::size_t>(h)] = 100;
  s.calls_per_hour[12] = 300;  // lunchtime peak
  return s;
}

TEST(NextArrival, ArrivalsFollowTheHourlyProfileOverSimulatedDays) {
  const TrafficStream stream = DayProfile();
  std::mt19937_64 rng(7);
  std::array<int, 24> per_hour{};
  const int days = 20;
  const core::Timestamp end = kMidnight + std::chrono::days(days);
  core::Timestamp t = kMidnight;
  while (auto next = NextArrival(stream, 1.0, t, UtcHour, rng)) {
    if (*next >= end) break;
    ASSERT_GT(*next, t);
    t = *next;
    ++per_hour[static_cast<std::size_t>(UtcHour(t))];
  }
  for (int h = 0; h < 24; ++h) {
    const double expected = stream.calls_per_hour[static_cast<std::size_t>(h)] * days;
    if (expected == 0) {
      EXPECT_EQ(per_hour[static_cast<std::size_t>(h)], 0) << "hour " << h;
    } else {
      // Poisson: 5 standard deviations either side.
      EXPECT_NEAR(per_hour[static_cast<std::size_t>(h)], expected, 5 * std::sqrt(expected))
          << "hour " << h;
    }
  }
}

TEST(NextArrival, MultiplierScalesTheRate) {
  TrafficStream stream = DayProfile();
  auto count = [&](double multiplier) {
    std::mt19937_64 rng(3);
    int n = 0;
    core::Timestamp t = kMidnight;
    const core::Timestamp end = kMidnight + std::chrono::days(5);
    while (auto next = NextArrival(stream, multiplier, t, UtcHour, rng)) {
      if (*next >= end) break;
      t = *next;
      ++n;
    }
    return n;
  };
  const int single = count(1.0);
  const int doubled = count(2.0);
  EXPECT_NEAR(static_cast<double>(doubled) / single, 2.0, 0.15);
  EXPECT_EQ(count(0.0), 0);
}

TEST(NextArrival, NoCallsFromAnEmptyProfileOrAnHourThatNeverComes) {
  std::mt19937_64 rng(1);
  TrafficStream empty;
  empty.dialled_number = "100";
  EXPECT_FALSE(NextArrival(empty, 1.0, kMidnight, UtcHour, rng));
  // The local hour is stuck in the night: the search gives up instead of spinning.
  EXPECT_FALSE(NextArrival(
      DayProfile(), 1.0, kMidnight, [](core::Timestamp) { return 3; }, rng));
}

TEST(NextArrival, SameSeedSameArrivals) {
  std::mt19937_64 a(11);
  std::mt19937_64 b(11);
  core::Timestamp ta = kMidnight + 9h;
  core::Timestamp tb = ta;
  for (int i = 0; i < 50; ++i) {
    ta = *NextArrival(DayProfile(), 1.0, ta, UtcHour, a);
    tb = *NextArrival(DayProfile(), 1.0, tb, UtcHour, b);
    ASSERT_EQ(ta, tb);
  }
}

TEST(Validate, RejectsStreamsThatMakeNoSense) {
  EXPECT_TRUE(Validate(DayProfile()));
  TrafficStream s = DayProfile();
  s.dialled_number.clear();
  EXPECT_FALSE(Validate(s));
  s = DayProfile();
  s.calls_per_hour[3] = -1;
  EXPECT_FALSE(Validate(s));
  s = DayProfile();
  s.withheld_share = 1.5;
  EXPECT_FALSE(Validate(s));
  s = DayProfile();
  s.mean_talk = core::Duration::zero();
  EXPECT_FALSE(Validate(s));
}

TEST(RandomMobileNumber, LooksLikeARussianMobileAndVaries) {
  std::mt19937_64 rng(5);
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string n = RandomMobileNumber(rng);
    EXPECT_TRUE(std::regex_match(n, std::regex(R"(\+79\d{9})"))) << n;
    seen.insert(n);
  }
  EXPECT_GT(seen.size(), 95u);
}

}  // namespace
}  // namespace cc::telephony
