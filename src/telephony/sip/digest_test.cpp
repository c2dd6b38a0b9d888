#include "telephony/sip/digest.h"

#include <gtest/gtest.h>

namespace cc::telephony::sip {
namespace {

// RFC 2617 section 3.5: Mufasa, "Circle Of Life", GET /dir/index.html.
constexpr const char* kRfcExample =
    R"(Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", )"
    R"(uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", )"
    R"(response="6629fae49393a05397450978507c4ef1", opaque="5ccc069c403ebaf9f0171e9517f40e41")";

TEST(Digest, ParsesTheRfcExample) {
  auto c = ParseDigest(kRfcExample);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->username, "Mufasa");
  EXPECT_EQ(c->realm, "testrealm@host.com");
  EXPECT_EQ(c->uri, "/dir/index.html");
  EXPECT_EQ(c->qop, "auth");
  EXPECT_EQ(c->nc, "00000001");
  EXPECT_EQ(c->opaque, "5ccc069c403ebaf9f0171e9517f40e41");
}

TEST(Digest, TheRightPasswordMatchesAndAWrongOneDoesNot) {
  auto c = ParseDigest(kRfcExample);
  ASSERT_TRUE(c);
  EXPECT_TRUE(DigestMatches(DigestHa1("Mufasa", "testrealm@host.com", "Circle Of Life"), "GET", *c));
  EXPECT_FALSE(DigestMatches(DigestHa1("Mufasa", "testrealm@host.com", "Circle of life"), "GET", *c));
  EXPECT_FALSE(DigestMatches(DigestHa1("Mufasa", "testrealm@host.com", "Circle Of Life"), "POST", *c));
}

TEST(Digest, WithoutQopTheOldFormulaIsUsed) {
  DigestCredentials c;
  c.username = "op01";
  c.realm = "callcenter";
  c.nonce = "abc";
  c.uri = "sip:127.0.0.1";
  const std::string ha1 = DigestHa1("op01", "callcenter", "secret");
  c.response = Md5Hex(ha1 + ":abc:" + Md5Hex("REGISTER:sip:127.0.0.1"));
  EXPECT_TRUE(DigestMatches(ha1, "REGISTER", c));
  c.algorithm = "SHA-256";
  EXPECT_FALSE(DigestMatches(ha1, "REGISTER", c));
}

TEST(Digest, MalformedHeadersAreErrorsThatSayWhy) {
  EXPECT_FALSE(ParseDigest(R"(Basic dXNlcjpwYXNz)"));
  auto unterminated = ParseDigest(R"(Digest username="op01, realm="x")");
  ASSERT_FALSE(unterminated);
  auto missing = ParseDigest(R"(Digest username="op01", realm="x", nonce="n", uri="sip:x")");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("response"), std::string::npos);
  EXPECT_FALSE(ParseDigest(R"(Digest username)"));
  EXPECT_FALSE(ParseDigest(""));
}

TEST(Digest, TheChallengeNamesRealmNonceAndMd5) {
  EXPECT_EQ(DigestChallenge("callcenter", "n1", false),
            R"(Digest realm="callcenter", nonce="n1", algorithm=MD5, qop="auth")");
  EXPECT_NE(DigestChallenge("callcenter", "n1", true).find("stale=true"), std::string::npos);
}

}  // namespace
}  // namespace cc::telephony::sip
