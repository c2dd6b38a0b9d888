// The SIP signalling stack as the rest of the server sees it: requests and
// dialog changes come out as plain C++ events (data copied), and commands go
// in by id. The implementation (sofia_stack.cpp) runs sofia-sip's NUA on its
// own thread and is the only code that includes sofia-sip headers; commands
// reach that thread as su_msg messages, events leave it through the sink.
//
// Terms: a *leg* is one INVITE dialog — an incoming call from a caller, or a
// call we place to an agent's phone. A *request* is a REGISTER waiting for
// our answer (the registrar decides; the stack only carries it).
//
// Thread-safety: every method may be called from any thread and returns at
// once; the work happens later on the stack's thread, and commands for legs
// or requests that are gone are ignored. The sink is called on the stack's
// thread, one event at a time: it must post the event on and never block.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/result.h"
#include "telephony/sip/edge_guard.h"

namespace cc::telephony::sip {

using LegId = std::uint64_t;
using RequestId = std::uint64_t;

// Where a request came from (the packet's source, not what its headers say).
struct Peer {
  std::string address;
  std::uint16_t port = 0;
  std::string transport;  // "udp", "tcp", "tls"
};

struct ContactBinding {
  std::string uri;                     // "sip:op01@127.0.0.1:5070"
  std::optional<std::uint32_t> expires;  // the contact's own expires parameter
};

struct RegisterRequest {
  RequestId request = 0;
  std::string user;  // of the To header (the address of record)
  std::string domain;
  std::vector<ContactBinding> contacts;  // empty: a query; see remove_all
  bool remove_all = false;               // "Contact: *"
  std::optional<std::uint32_t> expires;  // the Expires header
  std::optional<std::string> authorization;  // "Digest username=..., ..." as sent
  std::string call_id;
  std::uint32_t cseq = 0;
  Peer source;
};

struct InviteRequest {
  LegId leg = 0;
  std::string request_user;  // the dialled number
  std::string from_user;     // the caller's number or name
  std::string from_display;
  std::string sdp;           // empty when the INVITE has no offer
  std::optional<std::string> authorization;  // Proxy-Authorization or Authorization
  std::string call_id;
  Peer source;
};

// A new offer inside an established dialog (hold, resume, a new address).
struct ReInviteRequest {
  LegId leg = 0;
  std::string sdp;
};

// A REFER inside an established dialog (a phone's transfer): NUA has
// answered it 202; the outcome goes back with NotifyRefer. Blind, or attended
// when the Refer-To names a dialog to replace (RFC 5589): the phone's own
// second call, to the party it consulted.
struct ReferRequest {
  LegId leg = 0;
  std::string target;  // the Refer-To URI's user part: a number or a login
  bool attended = false;   // the Refer-To carried Replaces
  LegId replaces = 0;      // the incoming leg it names; 0 when none of ours (or malformed)
  std::string replaces_error{};  // why a Replaces could not be read
};

// Answers to an INVITE we sent.
struct LegProgress {
  LegId leg = 0;
  int status = 0;  // 180, 183
};
struct LegAnswered {
  LegId leg = 0;
  std::string sdp;
};
struct LegFailed {
  LegId leg = 0;
  int status = 0;  // 486, 603, 408 (no answer from the phone), 480, ...
  std::string phrase;
};
// The dialog is over: the far end hung up (BYE), cancelled its INVITE before
// we answered, or our own BYE or CANCEL completed. Sent once per leg, last.
struct LegEnded {
  LegId leg = 0;
  bool by_remote = false;
};

using StackEvent = std::variant<RegisterRequest, InviteRequest, ReInviteRequest, LegProgress,
                                LegAnswered, LegFailed, LegEnded, ReferRequest>;

// SIP over TLS (RFC 3261 26.2, "sips"), next to UDP and TCP.
struct TlsListen {
  std::uint16_t port = 5061;  // on StackOptions::address; 0: a free port is picked
  std::string certificate;    // PEM file: the server's certificate (then any intermediates)
  std::string key;            // PEM file: its private key
  std::string work_dir;       // a private folder where the stack keeps the files sofia-sip reads
};

struct StackOptions {
  std::string address = "127.0.0.1";  // bind address (UDP and TCP)
  std::uint16_t port = 5060;          // 0: a free port is picked
  std::string user_agent = "callcenter";
  // The edge: every new request from a banned address is dropped unanswered
  // (edge_guard.h); bigger messages are refused by the parser; a request
  // with more header fields than `max_headers` gets 400; an untrusted address
  // may hold `max_calls_per_source` calls at once (503 beyond).
  EdgeLimits edge;
  std::size_t max_message_bytes = 65536;
  int max_headers = 100;
  int max_calls_per_source = 100;
  std::optional<TlsListen> tls;  // unset: no TLS
};

struct Header {
  std::string name;
  std::string value;
};

// What an outgoing INVITE answers a 401/407 challenge with (once), e.g. a
// trunk's account. Empty user: challenges fail the leg.
struct Credentials {
  std::string user;
  std::string password;
};

class SipStack {
 public:
  // Binds and starts the stack thread; fails when the address cannot be bound.
  static core::Result<std::unique_ptr<SipStack>> Start(StackOptions options,
                                                       std::function<void(StackEvent)> sink);
  // Ends every dialog, shuts the stack down (bounded wait) and joins its thread.
  virtual ~SipStack() = default;

  // The address and port actually bound.
  virtual std::string address() const = 0;
  virtual std::uint16_t port() const = 0;
  // The TLS port bound; 0 without TLS.
  virtual std::uint16_t tls_port() const = 0;

  // Final answer to a REGISTER, with extra headers (WWW-Authenticate, Contact, Date).
  virtual void AnswerRegister(RequestId request, int status, std::string phrase,
                              std::vector<Header> headers) = 0;
  // Answer to an incoming INVITE or re-INVITE on `leg`: provisional or final;
  // `sdp` non-empty is sent as the body.
  virtual void Respond(LegId leg, int status, std::string phrase, std::string sdp = {},
                       std::vector<Header> headers = {}) = 0;

  // A fresh id for a leg we are about to Invite.
  virtual LegId NewLeg() = 0;
  // Calls `target_uri` ("sip:op01@127.0.0.1:5070") offering `sdp`, as `from_user`.
  // `flow`: where a phone registered from over TLS; the INVITE goes back over
  // that connection (phones rarely accept TLS connections of their own).
  virtual void Invite(LegId leg, std::string target_uri, std::string from_user,
                      std::string from_display, std::string sdp, Credentials credentials = {},
                      Peer flow = {}) = 0;
  virtual void ReInvite(LegId leg, std::string sdp) = 0;
  // A login from `source` failed (wrong password, unknown user, a stranger at
  // a peers-only centre): counts towards a ban of that address.
  virtual void ReportAuthFailure(Peer source) = 0;
  // Ends an established dialog (BYE), or an incoming INVITE not yet answered
  // (480), or an outgoing INVITE still ringing (CANCEL). LegEnded follows.
  virtual void Hangup(LegId leg) = 0;
  // Tells the phone that sent a REFER on `leg` how the transfer went: a
  // NOTIFY ending the implicit subscription with "SIP/2.0 STATUS PHRASE".
  virtual void NotifyRefer(LegId leg, int status, std::string phrase) = 0;
};

}  // namespace cc::telephony::sip
