// Passwords are hashed with Argon2id, verified, and weak ones are refused;
// generated secrets look the way users and clients rely on.
#include "access/passwords.h"

#include <gtest/gtest.h>

#include <set>

#include "access/secrets.h"

namespace cc::access {
namespace {

using core::ErrorCode;

TEST(Passwords, HashVerifiesOnlyTheSamePassword) {
  Passwords passwords(PasswordCost::kMinimum);
  auto hash = passwords.Hash("correct horse");
  ASSERT_TRUE(hash.has_value()) << hash.error().message;
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(passwords.Verify(*hash, "correct horse"));
  EXPECT_FALSE(passwords.Verify(*hash, "correct horsE"));
  EXPECT_FALSE(passwords.Verify(*hash, ""));
  EXPECT_FALSE(passwords.Verify("not a hash", "correct horse"));
}

TEST(Passwords, SameSecretHashesDifferently) {
  Passwords passwords(PasswordCost::kMinimum);
  auto a = passwords.Hash("same secret");
  auto b = passwords.Hash("same secret");
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);  // salted
  EXPECT_TRUE(passwords.Verify(*b, "same secret"));
}

TEST(Passwords, HashesOfOneCostVerifyUnderAnother) {
  Passwords cheap(PasswordCost::kMinimum);
  Passwords server(PasswordCost::kInteractive);
  auto hash = cheap.Hash("portable password");
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(server.Verify(*hash, "portable password"));
}

TEST(Passwords, RefusesEmptyAndShortPasswordsSayingWhy) {
  Passwords passwords(PasswordCost::kMinimum);
  auto empty = passwords.Hash("");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(empty.error().message, "the password is empty");
  auto short_one = passwords.Hash("seven77");
  ASSERT_FALSE(short_one.has_value());
  EXPECT_EQ(short_one.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(short_one.error().message.find("at least 8 characters"), std::string::npos);
  EXPECT_TRUE(passwords.Hash("eight888").has_value());
}

TEST(Secrets, GeneratedPasswordsAreReadableAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string p = GeneratePassword();
    EXPECT_EQ(p.size(), 16u);
    EXPECT_EQ(p.find_first_of("0O1lI"), std::string::npos) << p;
    EXPECT_TRUE(Passwords::CheckStrength(p).has_value());
    seen.insert(p);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Secrets, TokensAreUrlSafeAndHashedToFixedHex) {
  std::string a = RandomToken();
  std::string b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(HashToken(a), HashToken(a));
  EXPECT_NE(HashToken(a), HashToken(b));
  EXPECT_EQ(HashToken(a).size(), 64u);
  EXPECT_TRUE(SecretEquals(a, a));
  EXPECT_FALSE(SecretEquals(a, b));
  EXPECT_FALSE(SecretEquals(a, a.substr(1)));
}

}  // namespace
}  // namespace cc::access
