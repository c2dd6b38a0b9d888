// Who may place calls into the centre. Trunks (providers, gateways, PBXs) are
// static peers known by their address; a peer may also have to prove itself
// with a digest account on every INVITE (407 → INVITE with
// Proxy-Authorization). With `open` the centre also takes calls from any other
// address (the demo, softphones dialling the test number); without it only
// peers get in and everyone else is refused with 403.
//
// No clock and no randomness inside: the time comes with each call and
// nonces from the function given. Thread-safety: none; one owner.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "telephony/sip/digest.h"
#include "telephony/sip/nonce_book.h"
#include "telephony/sip/sip_stack.h"

namespace cc::telephony::sip {

struct InboundPeer {
  std::string name;         // for the logs, e.g. "beta-provider"
  std::string host;         // the source address of its packets, e.g. "192.0.2.10"
  std::uint16_t port = 0;   // 0: any source port
  std::string user;         // non-empty: its INVITEs must carry a digest login
  std::string ha1;          // MD5(user:realm:password)
};

struct InboundOptions {
  bool open = true;  // calls from addresses that are not peers are taken too
  std::vector<InboundPeer> peers;
  std::string realm = "callcenter";
  core::Duration nonce_ttl = core::Seconds(300);
  std::size_t max_nonces = 10000;
};

struct Admission {
  enum class Verdict { kAdmit, kChallenge, kRefuse };
  Verdict verdict = Verdict::kRefuse;
  std::string peer;  // the peer's name; empty: an open-door caller
  int status = 403;  // for kChallenge and kRefuse
  std::string phrase = "Forbidden";
  std::vector<Header> headers;  // Proxy-Authenticate with a challenge
  std::string reason;           // for the log line of a refusal
  std::optional<core::AgentId> agent;  // admitted as this agent's phone (Registrar::AuthorizeCall)
};

// The digest login an INVITE must carry (Proxy-Authorization, RFC 3261
// 22.3): none, another scheme, another realm or a used-up nonce get a 407
// challenge (stale for the nonce); an unreadable header gets 400. Otherwise
// the credentials, whose response the caller checks against its HA1.
struct ProxyLogin {
  std::optional<DigestCredentials> credentials;
  Admission answer;  // when there are no credentials to check
};
ProxyLogin ReadProxyLogin(const InviteRequest& invite, const std::string& realm, NonceBook& nonces,
                          core::Timestamp now);

class InboundGate {
 public:
  InboundGate(InboundOptions options, std::function<std::string()> new_nonce);

  // What to do with a new INVITE (authorization and source as it came).
  Admission Admit(const InviteRequest& invite, core::Timestamp now);
  bool open() const { return options_.open; }

 private:
  const InboundPeer* PeerAt(const Peer& source) const;

  InboundOptions options_;
  NonceBook nonces_;
};

// "HOST" or "HOST:PORT" (IPv6 in brackets) as a peer's address; fails on an empty host or a bad port.
core::Result<std::pair<std::string, std::uint16_t>> ParsePeerAddress(const std::string& text);

}  // namespace cc::telephony::sip
