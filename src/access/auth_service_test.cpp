// Login end to end: the same answer for an unknown login and a wrong
// password, lockout after repeated failures, rotation, logout, disabled
// users, password change, and the audit trail each leaves.
#include "access/auth_service.h"

#include <gtest/gtest.h>

#include "access/test_store.h"

namespace cc::access {
namespace {

using core::ErrorCode;
using std::chrono::minutes;

const core::Timestamp kStart = core::FromMillis(1'800'000'000'000);

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tenant = directory_.CreateTenant("Beta");
    NewUser n;
    n.login = "anna";
    n.display_name = "Anna";
    n.role = Role::kSupervisor;
    n.tenants = {tenant->id};
    n.password = "anna-password";
    auto anna = directory_.CreateUser(n, kStart);
    ASSERT_TRUE(anna.has_value()) << anna.error().message;
    anna_ = anna->id;
  }
  std::vector<AuditEntry> Audit() { return audit_.Query({}).value(); }

  testing::TestStore store_;
  Passwords passwords_{PasswordCost::kMinimum};
  Directory directory_{store_.db(), passwords_};
  Sessions sessions_{store_.db(), directory_};
  ApiTokens tokens_{store_.db(), directory_};
  LoginThrottle throttle_;
  AuditLog audit_{store_.db()};
  AuthService auth_{directory_, sessions_, tokens_, throttle_, audit_, passwords_};
  core::UserId anna_;
};

TEST_F(AuthServiceTest, LoginOpensASessionAndIsAudited) {
  auto login = auth_.Login("anna", "anna-password", "10.0.0.1", kStart);
  ASSERT_TRUE(login.has_value()) << login.error().message;
  EXPECT_EQ(login->principal.login, "anna");
  EXPECT_EQ(login->principal.role, Role::kSupervisor);
  EXPECT_EQ(login->principal.tenants.size(), 1u);
  EXPECT_EQ(login->expires_at, kStart + std::chrono::hours(12));
  auto ctx = auth_.Authenticate(login->session_token, kStart + minutes(1));
  ASSERT_TRUE(ctx.has_value());
  EXPECT_EQ(ctx->csrf_token, login->csrf_token);

  auto entries = Audit();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "login");
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kOk);
  EXPECT_EQ(entries[0].actor_user, anna_);
  EXPECT_EQ(entries[0].remote_address, "10.0.0.1");
}

TEST_F(AuthServiceTest, UnknownLoginAndWrongPasswordLookTheSame) {
  auto wrong = auth_.Login("anna", "not-her-password", "10.0.0.1", kStart);
  auto unknown = auth_.Login("nobody", "not-her-password", "10.0.0.1", kStart);
  ASSERT_FALSE(wrong.has_value());
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(wrong.error(), unknown.error());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, "wrong login or password");

  auto entries = Audit();  // the audit, for admins, says which it was
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].outcome, AuditOutcome::kFailed);
  EXPECT_EQ(entries[0].actor_login, "nobody");
  EXPECT_EQ(entries[0].detail["reason"], "unknown login");
  EXPECT_EQ(entries[1].detail["reason"], "wrong password");
}

TEST_F(AuthServiceTest, FiveFailuresLockEvenTheRightPassword) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(auth_.Login("anna", "guess-" + std::to_string(i), "10.0.0.1", kStart).error().code,
              ErrorCode::kUnauthenticated);
  }
  auto locked = auth_.Login("anna", "anna-password", "10.0.0.2", kStart + minutes(1));
  ASSERT_FALSE(locked.has_value());
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  // Locking an unknown login answers the same way.
  for (int i = 0; i < 5; ++i) (void)auth_.Login("ghost", "guess-guess", "10.0.0.3", kStart);
  auto ghost = auth_.Login("ghost", "guess-guess", "10.0.0.4", kStart + minutes(1));
  EXPECT_EQ(ghost.error(), locked.error());
  EXPECT_EQ(Audit().front().outcome, AuditOutcome::kDenied);
  EXPECT_TRUE(auth_.Login("anna", "anna-password", "10.0.0.2", kStart + minutes(15)).has_value());
}

TEST_F(AuthServiceTest, LoggingInAgainRotatesTheSession) {
  auto first = auth_.Login("anna", "anna-password", "a", kStart);
  ASSERT_TRUE(first.has_value());
  auto second =
      auth_.Login("anna", "anna-password", "a", kStart + minutes(1), first->session_token);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->session_token, first->session_token);
  EXPECT_NE(second->csrf_token, first->csrf_token);
  EXPECT_FALSE(auth_.Authenticate(first->session_token, kStart + minutes(2)).has_value());
  EXPECT_TRUE(auth_.Authenticate(second->session_token, kStart + minutes(2)).has_value());
}

TEST_F(AuthServiceTest, LogoutEndsTheSession) {
  auto login = auth_.Login("anna", "anna-password", "a", kStart);
  ASSERT_TRUE(login.has_value());
  ASSERT_TRUE(auth_.Logout(login->session_token, "a", kStart + minutes(1)).has_value());
  auto after = auth_.Authenticate(login->session_token, kStart + minutes(2));
  ASSERT_FALSE(after.has_value());
  EXPECT_EQ(after.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Audit().front().action, "logout");
}

TEST_F(AuthServiceTest, DisabledUserCannotLogInAndLosesSessions) {
  auto login = auth_.Login("anna", "anna-password", "a", kStart);
  ASSERT_TRUE(login.has_value());
  ASSERT_TRUE(directory_.SetDisabled(anna_, true).has_value());
  EXPECT_EQ(auth_.Authenticate(login->session_token, kStart + minutes(1)).error().code,
            ErrorCode::kUnauthenticated);
  auto again = auth_.Login("anna", "anna-password", "a", kStart + minutes(1));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Audit().front().detail["reason"], "disabled");
}

TEST_F(AuthServiceTest, ChangingThePasswordEndsOtherSessions) {
  auto here = auth_.Login("anna", "anna-password", "a", kStart);
  auto elsewhere = auth_.Login("anna", "anna-password", "b", kStart);
  ASSERT_TRUE(here && elsewhere);
  auto wrong = auth_.ChangePassword(here->principal, "wrong-old", "brand-new-pw",
                                    here->session_token, "a", kStart);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::kPermissionDenied);
  auto weak = auth_.ChangePassword(here->principal, "anna-password", "short", here->session_token,
                                   "a", kStart);
  EXPECT_EQ(weak.error().code, ErrorCode::kInvalidArgument);
  ASSERT_TRUE(auth_
                  .ChangePassword(here->principal, "anna-password", "brand-new-pw",
                                  here->session_token, "a", kStart)
                  .has_value());
  EXPECT_TRUE(auth_.Authenticate(here->session_token, kStart + minutes(1)).has_value());
  EXPECT_FALSE(auth_.Authenticate(elsewhere->session_token, kStart + minutes(1)).has_value());
  EXPECT_FALSE(auth_.Login("anna", "anna-password", "a", kStart + minutes(1)).has_value());
  EXPECT_TRUE(auth_.Login("anna", "brand-new-pw", "a", kStart + minutes(1)).has_value());
}

TEST_F(AuthServiceTest, BearerTokensAuthenticate) {
  auto token = tokens_.Create(anna_, "script", kStart);
  ASSERT_TRUE(token.has_value());
  auto who = auth_.AuthenticateBearer(token->token);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->login, "anna");
  EXPECT_EQ(auth_.AuthenticateBearer("cct_forged").error().code, ErrorCode::kUnauthenticated);
}

}  // namespace
}  // namespace cc::access
