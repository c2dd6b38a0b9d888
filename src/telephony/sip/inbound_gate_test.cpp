#include "telephony/sip/inbound_gate.h"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "telephony/sip/digest.h"

namespace cc::telephony::sip {
namespace {

const core::Timestamp kT0{std::chrono::seconds(1'800'000'000)};

InboundPeer Provider() {
  return InboundPeer{"provider", "192.0.2.10", 0, "beta", DigestHa1("beta", "callcenter", "trunk-pass")};
}

InviteRequest From(const std::string& address, std::uint16_t port) {
  InviteRequest r;
  r.request_user = "74950000000";
  r.source = Peer{address, port, "udp"};
  return r;
}

std::string NonceOf(const Admission& a) {
  const std::string& h = a.headers.at(0).value;
  const auto start = h.find("nonce=\"") + 7;
  return h.substr(start, h.find('"', start) - start);
}

// What a peer holding `password` sends back for `nonce`.
std::string Answer(const std::string& nonce, const std::string& password, const std::string& user = "beta") {
  DigestCredentials c;
  c.username = user;
  c.realm = "callcenter";
  c.nonce = nonce;
  c.uri = "sip:74950000000@192.0.2.1";
  c.response = DigestResponse(DigestHa1(user, "callcenter", password), "INVITE", c);
  return fmt::format(R"(Digest username="{}", realm="callcenter", nonce="{}", uri="{}", response="{}")", c.username,
                     c.nonce, c.uri, c.response);
}

InboundGate Gate(bool open) {
  int n = 0;
  return InboundGate(InboundOptions{open, {Provider(), InboundPeer{"pbx", "192.0.2.20", 5070, "", ""}}},
                     [n]() mutable { return "nonce" + std::to_string(++n); });
}

TEST(InboundGate, AnOpenCentreTakesCallsFromAnyAddress) {
  auto gate = Gate(true);
  const Admission a = gate.Admit(From("203.0.113.5", 5060), kT0);
  EXPECT_EQ(a.verdict, Admission::Verdict::kAdmit);
  EXPECT_EQ(a.peer, "");
}

TEST(InboundGate, AClosedCentreRefusesStrangersWith403) {
  auto gate = Gate(false);
  const Admission a = gate.Admit(From("203.0.113.5", 5060), kT0);
  EXPECT_EQ(a.verdict, Admission::Verdict::kRefuse);
  EXPECT_EQ(a.status, 403);
  EXPECT_FALSE(a.reason.empty());
}

TEST(InboundGate, APeerWithoutAccountIsKnownByAddressAndPort) {
  auto gate = Gate(false);
  const Admission pbx = gate.Admit(From("192.0.2.20", 5070), kT0);
  EXPECT_EQ(pbx.verdict, Admission::Verdict::kAdmit);
  EXPECT_EQ(pbx.peer, "pbx");
  // The same host from another port is not that peer.
  EXPECT_EQ(gate.Admit(From("192.0.2.20", 5071), kT0).verdict, Admission::Verdict::kRefuse);
}

TEST(InboundGate, APeerWithAnAccountIsChallengedThenAdmittedWithTheRightPassword) {
  auto gate = Gate(false);
  InviteRequest invite = From("192.0.2.10", 5060);
  const Admission challenge = gate.Admit(invite, kT0);
  ASSERT_EQ(challenge.verdict, Admission::Verdict::kChallenge);
  EXPECT_EQ(challenge.status, 407);
  ASSERT_EQ(challenge.headers.size(), 1u);
  EXPECT_EQ(challenge.headers[0].name, "Proxy-Authenticate");
  invite.authorization = Answer(NonceOf(challenge), "trunk-pass");
  const Admission admitted = gate.Admit(invite, kT0 + core::Seconds(1));
  EXPECT_EQ(admitted.verdict, Admission::Verdict::kAdmit);
  EXPECT_EQ(admitted.peer, "provider");
}

TEST(InboundGate, AWrongPasswordOrUserIsRefused) {
  auto gate = Gate(true);  // even an open centre does not let a peer in with a bad login
  InviteRequest invite = From("192.0.2.10", 5060);
  invite.authorization = Answer(NonceOf(gate.Admit(invite, kT0)), "guess");
  EXPECT_EQ(gate.Admit(invite, kT0).verdict, Admission::Verdict::kRefuse);
  invite.authorization.reset();
  invite.authorization = Answer(NonceOf(gate.Admit(invite, kT0)), "trunk-pass", "other");
  EXPECT_EQ(gate.Admit(invite, kT0).status, 403);
}

TEST(InboundGate, AnExpiredOrUnknownNonceGetsAFreshStaleChallenge) {
  auto gate = Gate(false);
  InviteRequest invite = From("192.0.2.10", 5060);
  const std::string nonce = NonceOf(gate.Admit(invite, kT0));
  invite.authorization = Answer(nonce, "trunk-pass");
  const Admission late = gate.Admit(invite, kT0 + core::Seconds(301));
  ASSERT_EQ(late.verdict, Admission::Verdict::kChallenge);
  EXPECT_NE(late.headers[0].value.find("stale=true"), std::string::npos) << late.headers[0].value;
  invite.authorization = Answer("made-up", "trunk-pass");
  EXPECT_EQ(gate.Admit(invite, kT0).verdict, Admission::Verdict::kChallenge);
}

TEST(InboundGate, AReplayedInviteIsChallengedAgain) {
  auto gate = Gate(false);
  InviteRequest invite = From("192.0.2.10", 5060);
  invite.authorization = Answer(NonceOf(gate.Admit(invite, kT0)), "trunk-pass");
  EXPECT_EQ(gate.Admit(invite, kT0).verdict, Admission::Verdict::kAdmit);
  const Admission replay = gate.Admit(invite, kT0 + core::Seconds(5));
  ASSERT_EQ(replay.verdict, Admission::Verdict::kChallenge);
  EXPECT_NE(replay.headers[0].value.find("stale=true"), std::string::npos);
}

TEST(InboundGate, AnotherSchemeIsChallengedAndAGarbledDigestIs400) {
  auto gate = Gate(false);
  InviteRequest invite = From("192.0.2.10", 5060);
  invite.authorization = "Basic YmV0YTpwYXNz";
  EXPECT_EQ(gate.Admit(invite, kT0).status, 407);
  invite.authorization = "Digest username=\"beta\", realm=\"callcenter";
  EXPECT_EQ(gate.Admit(invite, kT0).status, 400);
}

TEST(InboundGate, PeerAddressesParse) {
  EXPECT_EQ(ParsePeerAddress("192.0.2.10").value(), (std::pair<std::string, std::uint16_t>{"192.0.2.10", 0}));
  EXPECT_EQ(ParsePeerAddress("192.0.2.10:5070").value().second, 5070);
  EXPECT_EQ(ParsePeerAddress("[2001:db8::1]:5060").value().first, "2001:db8::1");
  EXPECT_FALSE(ParsePeerAddress(""));
  EXPECT_FALSE(ParsePeerAddress("host:0"));
  EXPECT_FALSE(ParsePeerAddress("host:99999"));
  EXPECT_FALSE(ParsePeerAddress("2001:db8::1"));
  EXPECT_FALSE(ParsePeerAddress("host:"));
}

}  // namespace
}  // namespace cc::telephony::sip
