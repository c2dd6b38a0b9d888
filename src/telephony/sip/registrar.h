// The registrar of agents' phones: digest authentication against each
// agent's SIP account (user name and HA1), several registered contacts per
// agent with their expiry, and the answer to every REGISTER. It decides; the
// SIP stack carries the answer. No clock and no randomness inside: the time
// comes with each call and nonces from the function given.
//
// Answers: no credentials or an expired or already used nonce → 401 with a
// fresh challenge (each nonce is good for one REGISTER: no replays);
// an unknown user and a wrong password get the same 403, so a scanner learns
// nothing about which accounts exist; too short an expiry → 423.
// Thread-safety: none; one owner (the SIP telephony on the core loop).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"
#include "telephony/sip/inbound_gate.h"
#include "telephony/sip/nonce_book.h"
#include "telephony/sip/sip_stack.h"

namespace cc::telephony::sip {

struct SipAccount {
  std::string user;  // the SIP user name the phone registers as (the agent's login)
  core::AgentId agent;
  std::string ha1;   // MD5(user:realm:password)
};

struct RegistrarOptions {
  std::string realm = "callcenter";
  std::uint32_t default_expires = 3600;  // seconds, when the phone names none
  std::uint32_t min_expires = 30;
  std::uint32_t max_expires = 7200;
  core::Duration nonce_ttl = core::Seconds(300);
  std::size_t max_nonces = 10000;  // oldest forgotten first
  std::size_t max_contacts = 5;    // per agent; the oldest binding goes
};

struct RegistrarAnswer {
  int status = 500;
  std::string phrase;
  std::vector<Header> headers;
  std::optional<core::AgentId> agent;  // whose bindings this request concerned
  bool changed = false;                // a binding was added, refreshed or removed
};

struct BindingView {
  core::AgentId agent;
  std::string user;
  std::string contact;
  core::Timestamp expires_at;
  Peer source;
};

class Registrar {
 public:
  Registrar(RegistrarOptions options, std::function<std::string()> new_nonce);

  void SetAccounts(std::vector<SipAccount> accounts);  // keeps bindings of accounts still there
  void SetAccount(SipAccount account);
  void RemoveAccount(const std::string& user);  // drops its bindings
  bool HasAccount(core::AgentId agent) const;
  // The agent whose SIP user name (login) is `user`, if any.
  std::optional<core::AgentId> AgentOf(const std::string& user) const;

  RegistrarAnswer Handle(const RegisterRequest& request, core::Timestamp now);

  // The agent with a live binding registered from `source` (address, port and
  // transport), or whose contact is `source`'s address and port: an INVITE
  // from there is that phone calling the centre. Only
  // the source decides, never the From, so a stranger cannot learn from the
  // answer which user names are accounts.
  std::optional<core::AgentId> AgentAt(const Peer& source, core::Timestamp now) const;
  // An INVITE from an agent's phone (AgentAt): calling the centre (to consult during a call). It must log in with that account's
  // digest: 407 with a challenge (each nonce once, as for REGISTER); a wrong
  // password, another account's login or an unknown user get the same 403.
  Admission AuthorizeCall(const InviteRequest& invite, core::Timestamp now);

  // The contacts to ring for `agent`, newest first; expired ones are skipped.
  std::vector<std::string> Contacts(core::AgentId agent, core::Timestamp now) const;
  // The same, each with where it registered from (a TLS phone is called back over that connection).
  struct Target {
    std::string contact;
    Peer source;
  };
  std::vector<Target> Targets(core::AgentId agent, core::Timestamp now) const;
  bool Registered(core::AgentId agent, core::Timestamp now) const {
    return !Contacts(agent, now).empty();
  }
  // Forgets expired bindings; returns the agents left with none.
  std::vector<core::AgentId> Expire(core::Timestamp now);
  std::vector<BindingView> Bindings(core::Timestamp now) const;
  const RegistrarOptions& options() const { return options_; }

 private:
  struct Binding {
    std::string contact;
    core::Timestamp expires_at;
    core::Timestamp updated;
    Peer source;
  };

  RegistrarAnswer Challenge(core::Timestamp now, bool stale);

  RegistrarOptions options_;
  NonceBook nonces_;
  std::map<std::string, SipAccount> accounts_;  // by user
  std::map<core::AgentId, std::vector<Binding>> bindings_;
};

}  // namespace cc::telephony::sip
