// Sessions end after the idle or the absolute timeout, at logout (also after
// a restart), and when their user is disabled; tokens are never stored in clear.
#include "access/sessions.h"

#include <gtest/gtest.h>

#include "access/test_store.h"

namespace cc::access {
namespace {

using core::ErrorCode;
using std::chrono::hours;
using std::chrono::minutes;

const core::Timestamp kStart = core::FromMillis(1'800'000'000'000);

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    NewUser n;
    n.login = "anna";
    n.password = "password-1";
    auto anna = directory_.CreateUser(n, kStart);
    ASSERT_TRUE(anna.has_value()) << anna.error().message;
    anna_ = anna->id;
  }
  ErrorCode Refusal(Sessions& sessions, const std::string& token, core::Timestamp at) {
    auto r = sessions.Authenticate(token, at);
    EXPECT_FALSE(r.has_value());
    return r ? ErrorCode::kInternal : r.error().code;
  }

  testing::TestStore store_;
  Passwords passwords_{PasswordCost::kMinimum};
  Directory directory_{store_.db(), passwords_};
  Sessions sessions_{store_.db(), directory_};
  core::UserId anna_;
};

TEST_F(SessionsTest, AuthenticatesWithPrincipalAndCsrf) {
  auto s = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->expires_at, kStart + hours(12));
  EXPECT_NE(s->token, s->csrf_token);
  auto ctx = sessions_.Authenticate(s->token, kStart + minutes(1));
  ASSERT_TRUE(ctx.has_value()) << ctx.error().message;
  EXPECT_EQ(ctx->principal.login, "anna");
  EXPECT_EQ(ctx->principal.user, anna_);
  EXPECT_EQ(ctx->csrf_token, s->csrf_token);
  EXPECT_EQ(Refusal(sessions_, "made-up", kStart), ErrorCode::kUnauthenticated);
  EXPECT_EQ(Refusal(sessions_, "", kStart), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, TokenIsStoredOnlyAsAHash) {
  auto s = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value());
  auto rows = store_.db().Query({"SELECT token_hash FROM sessions", {}});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_NE(rows->front().Text(0).value(), s->token);
  EXPECT_EQ(rows->front().Text(0)->size(), 64u);
}

TEST_F(SessionsTest, ExpiresAfterThirtyIdleMinutes) {
  auto s = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value());
  EXPECT_TRUE(sessions_.Authenticate(s->token, kStart + minutes(29)).has_value());
  EXPECT_TRUE(sessions_.Authenticate(s->token, kStart + minutes(58)).has_value());
  EXPECT_EQ(Refusal(sessions_, s->token, kStart + minutes(88)), ErrorCode::kUnauthenticated);
  // Later activity elsewhere does not revive it, nor does a restart.
  ASSERT_TRUE(sessions_.Create(anna_, kStart + hours(11)).has_value());
  EXPECT_EQ(Refusal(sessions_, s->token, kStart + minutes(89)), ErrorCode::kUnauthenticated);
  store_.Reopen();
  Directory directory(store_.db(), passwords_);
  Sessions reopened(store_.db(), directory);
  EXPECT_EQ(Refusal(reopened, s->token, kStart + minutes(90)), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, ExpiresAfterTwelveHoursHoweverActive) {
  auto s = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value());
  core::Timestamp t = kStart;
  for (int i = 0; i < 12 * 4 - 1; ++i) {
    t += minutes(15);
    ASSERT_TRUE(sessions_.Authenticate(s->token, t).has_value()) << i;
  }
  EXPECT_EQ(Refusal(sessions_, s->token, kStart + hours(12)), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, TimeoutsAreConfigurable) {
  Sessions short_lived(store_.db(), directory_,
                       {.idle_timeout = minutes(5), .absolute_timeout = hours(1)});
  auto s = short_lived.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->expires_at, kStart + hours(1));
  EXPECT_EQ(Refusal(short_lived, s->token, kStart + minutes(5)), ErrorCode::kUnauthenticated);
}

TEST_F(SessionsTest, LogoutHoldsAcrossARestart) {
  auto s = sessions_.Create(anna_, kStart);
  auto other = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s && other);
  ASSERT_TRUE(sessions_.Revoke(s->token).has_value());
  EXPECT_EQ(Refusal(sessions_, s->token, kStart + minutes(1)), ErrorCode::kUnauthenticated);
  store_.Reopen();
  Directory directory(store_.db(), passwords_);
  Sessions reopened(store_.db(), directory);
  EXPECT_EQ(Refusal(reopened, s->token, kStart + minutes(2)), ErrorCode::kUnauthenticated);
  // The restart forgets idle time but not the session itself.
  EXPECT_TRUE(reopened.Authenticate(other->token, kStart + minutes(3)).has_value());
}

TEST_F(SessionsTest, DisablingTheUserEndsTheirSessions) {
  auto s = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(s.has_value());
  ASSERT_TRUE(directory_.SetDisabled(anna_, true).has_value());
  auto r = sessions_.Authenticate(s->token, kStart + minutes(1));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(r.error().message, "this account is disabled");
}

TEST_F(SessionsTest, RevokeAllForKeepsOnlyTheCurrentSession) {
  auto a = sessions_.Create(anna_, kStart);
  auto b = sessions_.Create(anna_, kStart);
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(sessions_.RevokeAllFor(anna_, b->token).has_value());
  EXPECT_EQ(Refusal(sessions_, a->token, kStart + minutes(1)), ErrorCode::kUnauthenticated);
  EXPECT_TRUE(sessions_.Authenticate(b->token, kStart + minutes(1)).has_value());
}

}  // namespace
}  // namespace cc::access
