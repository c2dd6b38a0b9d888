// The SIP side of `serve`: the voice prompts, SipTelephony (the SIP stack,
// registrar and media engine) and the CallRouter that lets simulated and SIP
// calls share the centre. Agents' SIP accounts come from SipAccounts; an
// agent whose phone registers is logged in and made ready (a bot leaves the
// seat), and logged out when the last registration goes (unless on a call).
// Thread-safety: Create/Attach/Stop from the controlling thread before/after
// the centre runs; everything else runs on the centre's loop.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/server_config.h"
#include "app/sim_world.h"
#include "app/sip_accounts.h"
#include "centre/centre.h"
#include "telephony/call_router.h"
#include "telephony/prompts/prompt_library.h"
#include "telephony/sip/sip_telephony.h"

namespace cc::app {

struct SipSettings {
  bool enabled = false;
  std::string address = "127.0.0.1";  // SIP (UDP and TCP) and RTP bind here
  std::uint16_t port = 5060;           // 0: any free port
  std::uint16_t rtp_min = 20000;
  std::uint16_t rtp_max = 29999;
  int media_threads = 1;
  std::string realm = "callcenter";
  std::string language = "ru";  // of the prompts callers hear
  std::string prompts_dir;      // a centre's own recordings replacing the generated ones
  std::string trunk_address;    // "HOST:PORT" of the peer for outside numbers; empty: none
  std::string trunk_user;
  std::string trunk_password;
  bool inbound_open = true;  // calls from addresses that are not peers are taken too
  std::vector<SipPeerConfig> peers;
  SipSecurityConfig security;
  // SIP over TLS on `address` ([sip.tls]); files are PEM, the work dir private.
  bool tls = false;
  std::uint16_t tls_port = 5061;
  std::string tls_certificate;
  std::string tls_key;
  std::string tls_work_dir;
  std::string tls_srtp = "accept";
};

// The DID table: which of the centre's queue numbers `dialled` stands for.
// An exact match wins; otherwise numbers compare by their digits alone, so
// "+7 (495) 123-45-67" from a trunk reaches the queue listed as "74951234567".
std::optional<std::string> RouteNumber(const centre::CentreSetup& setup, const std::string& dialled);

class SipWorld {
 public:
  static core::Result<std::unique_ptr<SipWorld>> Create(centre::Centre& centre, core::Clock& clock,
                                                        SipSettings settings, SipAccounts& accounts,
                                                        SimWorld& sim, std::uint64_t first_call_id,
                                                        telephony::sip::RecordingSink* recordings);
  ~SipWorld();

  // Before Centre::Start, after SimWorld::Attach: the centre drives the router.
  void Attach();
  // Before Centre::Stop: hangs up SIP calls, stops the stack and media.
  void Stop();

  std::string address() const { return telephony_->sip_address(); }
  std::uint16_t port() const { return telephony_->sip_port(); }
  std::uint16_t tls_port() const { return telephony_->sip_tls_port(); }
  // Loop only.
  telephony::sip::SipTelephony& telephony() { return *telephony_; }

 private:
  SipWorld(centre::Centre& centre, SimWorld& sim, telephony::prompts::PromptLibrary prompts);
  void OnRegistration(core::AgentId agent, bool registered);

  centre::Centre& centre_;
  SimWorld& sim_;
  telephony::prompts::PromptLibrary prompts_;
  std::unique_ptr<telephony::sip::SipTelephony> telephony_;
  std::unique_ptr<telephony::CallRouter> router_;
};

}  // namespace cc::app
