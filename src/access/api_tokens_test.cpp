// Bearer tokens: shown once with a recognisable prefix, listed without
// secrets, revocable by their owner or an admin, dead for disabled users.
#include "access/api_tokens.h"

#include <gtest/gtest.h>

#include "access/test_store.h"

namespace cc::access {
namespace {

using core::ErrorCode;

const core::Timestamp kNow = core::FromMillis(1'800'000'000'000);

class ApiTokensTest : public ::testing::Test {
 protected:
  Principal Make(const std::string& login, Role role) {
    NewUser n;
    n.login = login;
    n.role = role;
    n.password = "password-1";
    auto user = directory_.CreateUser(n, kNow);
    EXPECT_TRUE(user.has_value());
    return directory_.LoadPrincipal(user->id).value();
  }

  testing::TestStore store_;
  Passwords passwords_{PasswordCost::kMinimum};
  Directory directory_{store_.db(), passwords_};
  ApiTokens tokens_{store_.db(), directory_};
};

TEST_F(ApiTokensTest, CreatedTokenAuthenticatesItsOwner) {
  Principal anna = Make("anna", Role::kSupervisor);
  auto created = tokens_.Create(anna.user, "wallboard", kNow);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  EXPECT_TRUE(created->token.starts_with("cct_"));
  EXPECT_EQ(created->info.name, "wallboard");
  EXPECT_EQ(created->info.created_at, kNow);
  auto who = tokens_.Authenticate(created->token);
  ASSERT_TRUE(who.has_value()) << who.error().message;
  EXPECT_EQ(*who, anna);

  for (const std::string& bad :
       std::vector<std::string>{"", "cct_", "cct_nope", "Bearer x", created->token.substr(4)}) {
    auto refused = tokens_.Authenticate(bad);
    ASSERT_FALSE(refused.has_value()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  }
}

TEST_F(ApiTokensTest, ListShowsNoSecretsAndTheDatabaseHoldsNone) {
  Principal anna = Make("anna", Role::kOperator);
  auto first = tokens_.Create(anna.user, "first", kNow);
  auto second = tokens_.Create(anna.user, "second", kNow);
  ASSERT_TRUE(first && second);
  auto list = tokens_.List(anna.user);
  ASSERT_TRUE(list.has_value());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0], second->info);  // newest first
  EXPECT_EQ((*list)[1], first->info);
  auto rows = store_.db().Query({"SELECT token_hash FROM api_tokens", {}});
  for (const auto& row : *rows) {
    EXPECT_NE(row.Text(0).value(), first->token);
    EXPECT_NE(row.Text(0).value(), second->token);
  }
  EXPECT_EQ(tokens_.Create(anna.user, "", kNow).error().code, ErrorCode::kInvalidArgument);
}

TEST_F(ApiTokensTest, OwnerOrAdminRevokes) {
  Principal anna = Make("anna", Role::kOperator);
  Principal boris = Make("boris", Role::kSupervisor);
  Principal root = Make("root", Role::kAdmin);
  auto a = tokens_.Create(anna.user, "a", kNow);
  auto b = tokens_.Create(anna.user, "b", kNow);
  ASSERT_TRUE(a && b);

  auto denied = tokens_.Revoke(boris, a->info.id);
  ASSERT_FALSE(denied.has_value());
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
  EXPECT_TRUE(tokens_.Authenticate(a->token).has_value());

  ASSERT_TRUE(tokens_.Revoke(anna, a->info.id).has_value());
  ASSERT_TRUE(tokens_.Revoke(root, b->info.id).has_value());
  auto revoked = tokens_.Authenticate(a->token);
  ASSERT_FALSE(revoked.has_value());
  EXPECT_EQ(revoked.error().message, "the bearer token was revoked");
  EXPECT_FALSE(tokens_.Authenticate(b->token).has_value());
  EXPECT_TRUE(tokens_.List(anna.user)->front().revoked);
  EXPECT_EQ(tokens_.Revoke(root, 999).error().code, ErrorCode::kNotFound);
}

TEST_F(ApiTokensTest, DisabledUsersTokensStopWorking) {
  Principal anna = Make("anna", Role::kOperator);
  auto a = tokens_.Create(anna.user, "a", kNow);
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(directory_.SetDisabled(anna.user, true).has_value());
  EXPECT_EQ(tokens_.Authenticate(a->token).error().code, ErrorCode::kUnauthenticated);
  ASSERT_TRUE(directory_.SetDisabled(anna.user, false).has_value());
  EXPECT_TRUE(tokens_.Authenticate(a->token).has_value());
}

}  // namespace
}  // namespace cc::access
