#include "telephony/sip/registrar.h"

#include <gtest/gtest.h>

#include "telephony/sip/digest.h"

namespace cc::telephony::sip {
namespace {

using core::AgentId;

class RegistrarTest : public ::testing::Test {
 protected:
  RegistrarTest()
      : registrar_({}, [this] { return "nonce" + std::to_string(++nonces_); }) {
    registrar_.SetAccounts({{"op01", AgentId(11), DigestHa1("op01", "callcenter", "right")},
                            {"op02", AgentId(12), DigestHa1("op02", "callcenter", "other")}});
  }

  // What a phone sends after the challenge, with `password`.
  RegisterRequest Signed(const std::string& user, const std::string& password, const std::string& nonce,
                         std::vector<ContactBinding> contacts, std::optional<std::uint32_t> expires = 600) {
    RegisterRequest r;
    r.user = user;
    r.contacts = std::move(contacts);
    r.expires = expires;
    DigestCredentials c;
    c.username = user;
    c.realm = "callcenter";
    c.nonce = nonce;
    c.uri = "sip:127.0.0.1";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "xyz";
    c.response = DigestResponse(DigestHa1(user, "callcenter", password), "REGISTER", c);
    r.authorization = "Digest username=\"" + user + "\", realm=\"callcenter\", nonce=\"" + nonce +
                      "\", uri=\"sip:127.0.0.1\", qop=auth, nc=00000001, cnonce=\"xyz\", response=\"" +
                      c.response + "\"";
    return r;
  }

  std::string Challenge() {
    RegisterRequest bare;
    bare.user = "op01";
    auto answer = registrar_.Handle(bare, now_);
    EXPECT_EQ(answer.status, 401);
    EXPECT_EQ(answer.headers.at(0).name, "WWW-Authenticate");
    return "nonce" + std::to_string(nonces_);
  }

  core::Timestamp now_{core::Seconds(1'000'000)};
  int nonces_ = 0;
  Registrar registrar_;
};

TEST_F(RegistrarTest, APhoneWithTheRightPasswordIsRegisteredUntilItExpires) {
  const auto nonce = Challenge();
  auto answer = registrar_.Handle(Signed("op01", "right", nonce, {{"sip:op01@127.0.0.1:5071", std::nullopt}}), now_);
  EXPECT_EQ(answer.status, 200);
  ASSERT_TRUE(answer.agent);
  EXPECT_EQ(*answer.agent, AgentId(11));
  EXPECT_TRUE(answer.changed);
  ASSERT_EQ(answer.headers.size(), 1u);
  EXPECT_EQ(answer.headers[0].value, "<sip:op01@127.0.0.1:5071>;expires=600");
  EXPECT_EQ(registrar_.Contacts(AgentId(11), now_), std::vector<std::string>{"sip:op01@127.0.0.1:5071"});
  EXPECT_TRUE(registrar_.Registered(AgentId(11), now_ + core::Seconds(599)));
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_ + core::Seconds(600)));
}

TEST_F(RegistrarTest, APhoneIsCalledBackWhereItRegisteredFrom) {
  auto request = Signed("op01", "right", Challenge(), {{"sip:op01@10.0.0.9:5071;transport=tls", std::nullopt}});
  request.source = Peer{"127.0.0.1", 40123, "tls"};
  ASSERT_EQ(registrar_.Handle(request, now_).status, 200);
  const auto targets = registrar_.Targets(AgentId(11), now_);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].contact, "sip:op01@10.0.0.9:5071;transport=tls");
  EXPECT_EQ(targets[0].source.address, "127.0.0.1");
  EXPECT_EQ(targets[0].source.port, 40123);
  EXPECT_EQ(targets[0].source.transport, "tls");
}

TEST_F(RegistrarTest, ARegistrationEndsWhenItExpires) {
  const auto nonce = Challenge();
  ASSERT_EQ(registrar_.Handle(Signed("op01", "right", nonce, {{"sip:op01@127.0.0.1:5071", std::nullopt}}), now_).status,
            200);
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_ + core::Seconds(600)));
  EXPECT_EQ(registrar_.Expire(now_ + core::Seconds(601)), std::vector<AgentId>{AgentId(11)});
}

TEST_F(RegistrarTest, AWrongPasswordAndAnUnknownUserGetTheSameRefusal) {
  auto wrong = registrar_.Handle(Signed("op01", "wrong", Challenge(), {{"sip:op01@127.0.0.1:5071", std::nullopt}}), now_);
  auto unknown = registrar_.Handle(Signed("op99", "right", Challenge(), {{"sip:op99@127.0.0.1:5071", std::nullopt}}), now_);
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(unknown.status, 403);
  EXPECT_EQ(wrong.phrase, unknown.phrase);
  EXPECT_EQ(wrong.headers.size(), unknown.headers.size());
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_));
}

TEST_F(RegistrarTest, ACapturedRegisterReplayedLaterIsChallengedNotAccepted) {
  const auto request = Signed("op01", "right", Challenge(), {{"sip:op01@127.0.0.1:5071", std::nullopt}});
  ASSERT_EQ(registrar_.Handle(request, now_).status, 200);
  registrar_.Handle(Signed("op01", "right", Challenge(), {{"sip:op01@127.0.0.1:5071", std::nullopt}}, 0), now_);
  ASSERT_FALSE(registrar_.Registered(AgentId(11), now_));
  // The same bytes again, a second later: the nonce was used up.
  auto replay = registrar_.Handle(request, now_ + core::Seconds(1));
  EXPECT_EQ(replay.status, 401);
  EXPECT_NE(replay.headers.at(0).value.find("stale=true"), std::string::npos);
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_ + core::Seconds(1)));
}

TEST_F(RegistrarTest, CredentialsInAnotherSchemeAreChallengedWithDigest) {
  RegisterRequest r;
  r.user = "op01";
  r.authorization = "NoOneKnowsThisScheme random-stuff";
  auto answer = registrar_.Handle(r, now_);
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(answer.headers.at(0).value.rfind("Digest ", 0), 0u) << answer.headers.at(0).value;
}

TEST_F(RegistrarTest, AnotherAgentsPasswordDoesNotRegisterThisOne) {
  const auto nonce = Challenge();
  auto r = Signed("op02", "other", nonce, {{"sip:op01@127.0.0.1:5071", std::nullopt}});
  r.user = "op01";  // signed as op02, registering op01's address
  EXPECT_EQ(registrar_.Handle(r, now_).status, 403);
}

TEST_F(RegistrarTest, AnUnknownOrExpiredNonceIsChallengedAgainAsStale) {
  auto answer = registrar_.Handle(Signed("op01", "right", "made-up", {{"sip:a@b", std::nullopt}}), now_);
  EXPECT_EQ(answer.status, 401);
  EXPECT_NE(answer.headers.at(0).value.find("stale=true"), std::string::npos);
  const auto nonce = Challenge();
  answer = registrar_.Handle(Signed("op01", "right", nonce, {{"sip:a@b", std::nullopt}}), now_ + core::Seconds(301));
  EXPECT_EQ(answer.status, 401);
}

TEST_F(RegistrarTest, SeveralContactsRingNewestFirstAndExpiresZeroRemovesOne) {
  ASSERT_EQ(registrar_.Handle(Signed("op01", "right", Challenge(), {{"sip:desk@10.0.0.1", std::nullopt}}), now_).status, 200);
  ASSERT_EQ(registrar_.Handle(Signed("op01", "right", Challenge(), {{"sip:soft@10.0.0.2", 120u}}), now_ + core::Seconds(1)).status,
            200);
  EXPECT_EQ(registrar_.Contacts(AgentId(11), now_ + core::Seconds(2)),
            (std::vector<std::string>{"sip:soft@10.0.0.2", "sip:desk@10.0.0.1"}));
  EXPECT_EQ(registrar_.Contacts(AgentId(11), now_ + core::Seconds(200)), std::vector<std::string>{"sip:desk@10.0.0.1"});
  auto removed = registrar_.Handle(Signed("op01", "right", Challenge(), {{"sip:desk@10.0.0.1", 0u}}), now_ + core::Seconds(3));
  EXPECT_EQ(removed.status, 200);
  EXPECT_EQ(registrar_.Contacts(AgentId(11), now_ + core::Seconds(3)), std::vector<std::string>{"sip:soft@10.0.0.2"});
}

TEST_F(RegistrarTest, StarWithExpiresZeroRemovesEveryContact) {
  registrar_.Handle(Signed("op01", "right", Challenge(), {{"sip:desk@10.0.0.1", std::nullopt}}), now_);
  auto r = Signed("op01", "right", Challenge(), {}, 0u);
  r.remove_all = true;
  EXPECT_EQ(registrar_.Handle(r, now_).status, 200);
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_));
}

TEST_F(RegistrarTest, TooShortAnExpiryIsRefusedWithTheMinimum) {
  const auto nonce = Challenge();
  auto answer = registrar_.Handle(Signed("op01", "right", nonce, {{"sip:desk@10.0.0.1", 5u}}), now_);
  EXPECT_EQ(answer.status, 423);
  EXPECT_EQ(answer.headers.at(0).name, "Min-Expires");
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_));
}

TEST_F(RegistrarTest, RemovingAnAccountForgetsItsPhones) {
  const auto nonce = Challenge();
  registrar_.Handle(Signed("op01", "right", nonce, {{"sip:desk@10.0.0.1", std::nullopt}}), now_);
  registrar_.RemoveAccount("op01");
  EXPECT_FALSE(registrar_.Registered(AgentId(11), now_));
}


// A call an agent's phone places (to consult during a call): the INVITE's
// Proxy-Authorization with `password`, computed for INVITE.
InviteRequest PhoneInvite(const std::string& from, const std::string& login, const std::string& password,
                          const std::string& nonce) {
  InviteRequest r;
  r.from_user = from;
  r.request_user = "op02";
  DigestCredentials c;
  c.username = login;
  c.realm = "callcenter";
  c.nonce = nonce;
  c.uri = "sip:op02@127.0.0.1";
  c.response = DigestResponse(DigestHa1(login, "callcenter", password), "INVITE", c);
  r.authorization = "Digest username=\"" + login + "\", realm=\"callcenter\", nonce=\"" + nonce +
                    "\", uri=\"sip:op02@127.0.0.1\", response=\"" + c.response + "\"";
  return r;
}

TEST_F(RegistrarTest, AnAgentsPhoneIsKnownByWhereItRegisteredFromUntilTheBindingExpires) {
  auto request = Signed("op01", "right", Challenge(), {{"sip:op01@127.0.0.1:5071", std::nullopt}});
  request.source = Peer{"127.0.0.1", 5071, "udp"};
  ASSERT_EQ(registrar_.Handle(request, now_).status, 200);
  EXPECT_EQ(registrar_.AgentAt(Peer{"127.0.0.1", 5071, "udp"}, now_), AgentId(11));
  EXPECT_FALSE(registrar_.AgentAt(Peer{"127.0.0.1", 5072, "udp"}, now_));  // another port
  EXPECT_FALSE(registrar_.AgentAt(Peer{"127.0.0.1", 5071, "tcp"}, now_));  // another transport
  EXPECT_FALSE(registrar_.AgentAt(Peer{"127.0.0.1", 5071, "udp"}, now_ + core::Seconds(600)));
}

TEST_F(RegistrarTest, AnAgentsPhoneIsAlsoKnownByItsContactsAddress) {
  // Registered through another socket (a helper, a second line): the contact names where the phone listens.
  auto request = Signed("op02", "other", Challenge(), {{"sip:op02@10.0.0.7:5090;transport=udp", std::nullopt}});
  request.source = Peer{"10.0.0.7", 41000, "udp"};
  ASSERT_EQ(registrar_.Handle(request, now_).status, 200);
  EXPECT_EQ(registrar_.AgentAt(Peer{"10.0.0.7", 5090, "udp"}, now_), AgentId(12));
  EXPECT_EQ(registrar_.AgentAt(Peer{"10.0.0.7", 41000, "udp"}, now_), AgentId(12));
  EXPECT_FALSE(registrar_.AgentAt(Peer{"10.0.0.70", 5090, "udp"}, now_));
  EXPECT_FALSE(registrar_.AgentAt(Peer{"10.0.0.7", 509, "udp"}, now_));
}

TEST_F(RegistrarTest, APhoneCallingTheCentreIsChallengedThenAdmittedAsItsAgent) {
  InviteRequest bare;
  bare.from_user = "op01";
  auto first = registrar_.AuthorizeCall(bare, now_);
  EXPECT_EQ(first.verdict, Admission::Verdict::kChallenge);
  EXPECT_EQ(first.status, 407);
  ASSERT_EQ(first.headers.size(), 1u);
  EXPECT_EQ(first.headers[0].name, "Proxy-Authenticate");
  const std::string nonce = "nonce" + std::to_string(nonces_);
  EXPECT_NE(first.headers[0].value.find(nonce), std::string::npos) << first.headers[0].value;

  auto admitted = registrar_.AuthorizeCall(PhoneInvite("op01", "op01", "right", nonce), now_);
  EXPECT_EQ(admitted.verdict, Admission::Verdict::kAdmit);
  ASSERT_TRUE(admitted.agent);
  EXPECT_EQ(*admitted.agent, AgentId(11));
  // The same INVITE again (a replay): its nonce is used up, so a fresh (stale) challenge.
  auto replayed = registrar_.AuthorizeCall(PhoneInvite("op01", "op01", "right", nonce), now_);
  EXPECT_EQ(replayed.verdict, Admission::Verdict::kChallenge);
  EXPECT_NE(replayed.headers.at(0).value.find("stale=true"), std::string::npos);
}

TEST_F(RegistrarTest, AWrongPasswordAnotherAccountsLoginAndAStrangerGetTheSameRefusal) {
  auto refusal = [&](const std::string& from, const std::string& login, const std::string& password) {
    InviteRequest bare;
    bare.from_user = from;
    (void)registrar_.AuthorizeCall(bare, now_);
    return registrar_.AuthorizeCall(PhoneInvite(from, login, password, "nonce" + std::to_string(nonces_)), now_);
  };
  const auto wrong = refusal("op01", "op01", "wrong");
  const auto other = refusal("op01", "op02", "other");  // op02's own password, but From says op01
  const auto stranger = refusal("op01", "op99", "any");
  for (const auto& a : {wrong, other, stranger}) {
    EXPECT_EQ(a.verdict, Admission::Verdict::kRefuse);
    EXPECT_EQ(a.status, 403);
    EXPECT_EQ(a.phrase, "Forbidden");
    EXPECT_TRUE(a.headers.empty());
    EXPECT_FALSE(a.agent);
  }
}

}  // namespace
}  // namespace cc::telephony::sip
