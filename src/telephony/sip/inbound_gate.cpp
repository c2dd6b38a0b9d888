#include "telephony/sip/inbound_gate.h"

#include <charconv>

#include "core/result.h"
#include "telephony/sip/digest.h"

namespace cc::telephony::sip {

InboundGate::InboundGate(InboundOptions options, std::function<std::string()> new_nonce)
    : options_(std::move(options)), nonces_(std::move(new_nonce), options_.nonce_ttl, options_.max_nonces) {}

const InboundPeer* InboundGate::PeerAt(const Peer& source) const {
  for (const auto& peer : options_.peers) {
    if (peer.host == source.address && (peer.port == 0 || peer.port == source.port)) return &peer;
  }
  return nullptr;
}

ProxyLogin ReadProxyLogin(const InviteRequest& invite, const std::string& realm, NonceBook& nonces,
                          core::Timestamp now) {
  ProxyLogin login;
  Admission& a = login.answer;
  auto challenge = [&](bool stale) {
    a.verdict = Admission::Verdict::kChallenge;
    a.status = 407;
    a.phrase = "Proxy Authentication Required";
    a.headers.push_back({"Proxy-Authenticate", DigestChallenge(realm, nonces.Issue(now), stale)});
    return login;
  };
  if (!invite.authorization || !IsDigest(*invite.authorization)) return challenge(false);
  auto credentials = ParseDigest(*invite.authorization);
  if (!credentials) {
    a.status = 400;
    a.phrase = "Bad Proxy-Authorization Header";
    a.reason = credentials.error().message;
    return login;
  }
  if (credentials->realm != realm) return challenge(false);
  if (!nonces.Take(credentials->nonce, now)) return challenge(true);
  login.credentials = std::move(*credentials);
  return login;
}

Admission InboundGate::Admit(const InviteRequest& invite, core::Timestamp now) {
  Admission a;
  const InboundPeer* peer = PeerAt(invite.source);
  if (peer == nullptr) {
    if (options_.open) {
      a.verdict = Admission::Verdict::kAdmit;
      return a;
    }
    a.reason = "not a trunk peer and the centre takes calls only from its peers";
    return a;
  }
  a.peer = peer->name;
  if (peer->user.empty()) {
    a.verdict = Admission::Verdict::kAdmit;
    return a;
  }
  ProxyLogin login = ReadProxyLogin(invite, options_.realm, nonces_, now);
  if (!login.credentials) {
    login.answer.peer = a.peer;
    return login.answer;
  }
  const DigestCredentials* credentials = &*login.credentials;
  if (credentials->username != peer->user || !DigestMatches(peer->ha1, "INVITE", *credentials)) {
    a.reason = "wrong digest login for peer " + peer->name;
    return a;
  }
  a.verdict = Admission::Verdict::kAdmit;
  return a;
}

core::Result<std::pair<std::string, std::uint16_t>> ParsePeerAddress(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "'" + text + "': " + why + " (expected HOST or HOST:PORT)");
  };
  std::string host = text;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) return bad("unclosed '['");
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return bad("junk after ']'");
      port = text.substr(close + 2);
    }
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    if (text.find(':') != colon) return bad("an IPv6 address goes in brackets");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (host.empty()) return bad("no host");
  std::uint16_t number = 0;
  if (!port.empty() || text.back() == ':') {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
      return bad("bad port");
    }
    number = static_cast<std::uint16_t>(value);
  }
  return std::pair{host, number};
}

}  // namespace cc::telephony::sip
