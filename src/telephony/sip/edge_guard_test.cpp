#include "telephony/sip/edge_guard.h"

#include <gtest/gtest.h>

namespace cc::telephony::sip {
namespace {

using Verdict = EdgeGuard::Verdict;

const core::Timestamp kT0{core::Seconds(1'000'000)};

EdgeLimits Small() {
  EdgeLimits l;
  l.flood_requests = 5;
  l.flood_window = core::Seconds(2);
  l.auth_failures = 3;
  l.auth_window = core::Seconds(60);
  l.ban = core::Seconds(600);
  return l;
}

TEST(EdgeGuard, AFloodingAddressIsBannedWhileOthersGoOn) {
  EdgeGuard guard(Small());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(guard.OnRequest("192.0.2.7", kT0), Verdict::kPass) << i;
  EXPECT_FALSE(guard.TakeBan());
  EXPECT_EQ(guard.OnRequest("192.0.2.7", kT0 + core::Duration(500)), Verdict::kBanned);
  auto ban = guard.TakeBan();
  ASSERT_TRUE(ban);
  EXPECT_EQ(ban->address, "192.0.2.7");
  EXPECT_EQ(ban->reason, "flood: more than 5 requests in 2 s");
  EXPECT_FALSE(guard.TakeBan());  // told once
  EXPECT_EQ(guard.OnRequest("192.0.2.7", kT0 + core::Seconds(1)), Verdict::kBanned);
  EXPECT_FALSE(guard.TakeBan());  // still the same ban
  EXPECT_EQ(guard.OnRequest("198.51.100.1", kT0 + core::Seconds(1)), Verdict::kPass);
  // The ban runs out; the address starts afresh.
  EXPECT_TRUE(guard.Banned("192.0.2.7", kT0 + core::Seconds(600)));
  EXPECT_EQ(guard.BannedAddresses(kT0 + core::Seconds(599)), std::vector<std::string>{"192.0.2.7"});
  EXPECT_TRUE(guard.BannedAddresses(kT0 + core::Seconds(601)).empty());
  EXPECT_EQ(guard.OnRequest("192.0.2.7", kT0 + core::Seconds(601)), Verdict::kPass);
}

TEST(EdgeGuard, ASteadyCallerBelowTheRateIsNeverBanned) {
  EdgeGuard guard(Small());
  // 5 requests every 2 s, for ten minutes.
  for (int window = 0; window < 300; ++window) {
    for (int i = 0; i < 5; ++i) {
      ASSERT_EQ(guard.OnRequest("192.0.2.8", kT0 + core::Seconds(2 * window) + core::Duration(300 * i)),
                Verdict::kPass);
    }
  }
}

TEST(EdgeGuard, RepeatedFailedLoginsBanTheAddress) {
  EdgeGuard guard(Small());
  for (int i = 0; i < 3; ++i) guard.OnAuthFailure("203.0.113.9", kT0 + core::Seconds(10 * i));
  EXPECT_FALSE(guard.TakeBan());
  EXPECT_EQ(guard.OnRequest("203.0.113.9", kT0 + core::Seconds(30)), Verdict::kPass);
  guard.OnAuthFailure("203.0.113.9", kT0 + core::Seconds(40));
  auto ban = guard.TakeBan();
  ASSERT_TRUE(ban);
  EXPECT_EQ(ban->reason, "more than 3 failed logins in 60 s");
  EXPECT_EQ(guard.OnRequest("203.0.113.9", kT0 + core::Seconds(41)), Verdict::kBanned);
}

TEST(EdgeGuard, FailuresSpreadOverTimeDoNotAddUp) {
  EdgeGuard guard(Small());
  for (int i = 0; i < 20; ++i) guard.OnAuthFailure("203.0.113.10", kT0 + core::Seconds(61 * i));
  EXPECT_FALSE(guard.TakeBan());
  EXPECT_FALSE(guard.Banned("203.0.113.10", kT0 + core::Seconds(61 * 20)));
}

TEST(EdgeGuard, TrustedAddressesAreNeverLimited) {
  EdgeLimits limits = Small();
  limits.trusted = {"10.0.0.5"};
  EdgeGuard guard(limits);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(guard.OnRequest("10.0.0.5", kT0), Verdict::kPass);
  for (int i = 0; i < 10; ++i) guard.OnAuthFailure("10.0.0.5", kT0);
  EXPECT_FALSE(guard.TakeBan());
  EXPECT_EQ(guard.tracked(), 0u);
}

TEST(EdgeGuard, ManySourcesCannotGrowItWithoutBound) {
  EdgeLimits limits = Small();
  limits.max_sources = 100;
  EdgeGuard guard(limits);
  for (int i = 0; i < 1000; ++i) guard.OnRequest("10.1." + std::to_string(i / 250) + "." + std::to_string(i % 250), kT0);
  EXPECT_LE(guard.tracked(), 100u);
  // Once they have gone quiet, new addresses take their place.
  EXPECT_EQ(guard.OnRequest("192.0.2.99", kT0 + core::Seconds(61)), Verdict::kPass);
  EXPECT_LE(guard.tracked(), 100u);
  EXPECT_FALSE(guard.Banned("10.1.0.1", kT0 + core::Seconds(61)));
  // A ban survives the clean-up.
  for (int i = 0; i < 6; ++i) guard.OnRequest("192.0.2.99", kT0 + core::Seconds(62));
  EXPECT_TRUE(guard.Banned("192.0.2.99", kT0 + core::Seconds(62)));
  for (int i = 0; i < 200; ++i) guard.OnRequest("10.2.0." + std::to_string(i), kT0 + core::Seconds(200));
  EXPECT_TRUE(guard.Banned("192.0.2.99", kT0 + core::Seconds(200)));
}

}  // namespace
}  // namespace cc::telephony::sip
