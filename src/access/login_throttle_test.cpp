// Login throttling: five failures lock a login for fifteen minutes (longer
// when it happens again), twenty failures lock an address, and the refusal
// says when to retry without naming the login.
#include "access/login_throttle.h"

#include <gtest/gtest.h>

namespace cc::access {
namespace {

using core::ErrorCode;
using std::chrono::minutes;
using std::chrono::seconds;

const core::Timestamp kStart = core::FromMillis(1'800'000'000'000);

void Fail(LoginThrottle& t, const std::string& login, const std::string& address,
          core::Timestamp at, int times = 1) {
  for (int i = 0; i < times; ++i) t.RecordFailure(login, address, at);
}

TEST(LoginThrottle, LocksALoginAfterFiveFailuresForFifteenMinutes) {
  LoginThrottle t;
  Fail(t, "anna", "10.0.0.1", kStart, 4);
  EXPECT_TRUE(t.Check("anna", "10.0.0.1", kStart).has_value());
  Fail(t, "anna", "10.0.0.1", kStart + seconds(10));
  auto locked = t.Check("anna", "10.0.0.2", kStart + seconds(11));  // from anywhere
  ASSERT_FALSE(locked.has_value());
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  EXPECT_NE(locked.error().message.find("try again in 15 minutes"), std::string::npos)
      << locked.error().message;
  EXPECT_EQ(locked.error().message.find("anna"), std::string::npos);
  EXPECT_TRUE(t.Check("boris", "10.0.0.2", kStart + seconds(11)).has_value());
  EXPECT_FALSE(t.Check("anna", "10.0.0.1", kStart + seconds(10) + minutes(14)).has_value());
  EXPECT_TRUE(t.Check("anna", "10.0.0.1", kStart + seconds(10) + minutes(15)).has_value());
}

TEST(LoginThrottle, FailuresOutsideTheWindowDoNotCount) {
  LoginThrottle t;
  Fail(t, "anna", "a", kStart, 4);
  Fail(t, "anna", "a", kStart + minutes(16));
  EXPECT_TRUE(t.Check("anna", "a", kStart + minutes(16)).has_value());
}

TEST(LoginThrottle, SuccessClearsTheLoginsFailures) {
  LoginThrottle t;
  Fail(t, "anna", "a", kStart, 4);
  t.RecordSuccess("anna");
  Fail(t, "anna", "a", kStart + seconds(1), 4);
  EXPECT_TRUE(t.Check("anna", "a", kStart + seconds(2)).has_value());
}

TEST(LoginThrottle, RepeatedLockoutsLastLonger) {
  LoginThrottle t;
  Fail(t, "anna", "a", kStart, 5);
  core::Timestamp after_first = kStart + minutes(15);
  ASSERT_TRUE(t.Check("anna", "a", after_first).has_value());
  Fail(t, "anna", "b", after_first, 5);
  auto second = t.Check("anna", "c", after_first + minutes(29));
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().message.find("try again in 1 minute "), std::string::npos)
      << second.error().message;
  EXPECT_TRUE(t.Check("anna", "c", after_first + minutes(30)).has_value());
}

TEST(LoginThrottle, RefusesAnAddressAfterTwentyFailures) {
  LoginThrottle t;
  for (int i = 0; i < 19; ++i) Fail(t, "user" + std::to_string(i), "10.6.6.6", kStart);
  EXPECT_TRUE(t.Check("someone", "10.6.6.6", kStart).has_value());
  Fail(t, "user19", "10.6.6.6", kStart);
  auto refused = t.Check("someone", "10.6.6.6", kStart + seconds(1));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kResourceExhausted);
  EXPECT_TRUE(t.Check("someone", "10.0.0.9", kStart + seconds(1)).has_value());
  EXPECT_TRUE(t.Check("someone", "10.6.6.6", kStart + minutes(15)).has_value());
}

}  // namespace
}  // namespace cc::access
