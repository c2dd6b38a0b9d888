#include "telephony/sip/sip_telephony.h"

#include <openssl/rand.h>

#include <boost/asio/post.hpp>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/overloaded.h"
#include "telephony/media/sdp.h"
#include "telephony/media/srtp.h"
#include "telephony/sip/sdp_offer.h"
#include "telephony/sip/security_log.h"

namespace cc::telephony::sip {
namespace {

std::string RandomNonce() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no randomness for a nonce");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string nonce;
  for (unsigned char b : bytes) {
    nonce += kHex[b >> 4];
    nonce += kHex[b & 0xf];
  }
  return nonce;
}

constexpr auto kSweepEvery = std::chrono::seconds(5);

}  // namespace

core::Result<std::unique_ptr<SipTelephony>> SipTelephony::Start(boost::asio::io_context& loop,
                                                                const core::Clock& clock,
                                                                SipTelephonyOptions options,
                                                                const prompts::PromptLibrary& prompts,
                                                                RecordingSink* recordings) {
  std::unique_ptr<SipTelephony> t(new SipTelephony(loop, clock, std::move(options), prompts, recordings));
  if (auto status = t->Begin(); !status) return tl::unexpected(status.error());
  return t;
}

SipTelephony::SipTelephony(boost::asio::io_context& loop, const core::Clock& clock,
                           SipTelephonyOptions options, const prompts::PromptLibrary& prompts,
                           RecordingSink* recordings)
    : loop_(loop),
      clock_(clock),
      options_(std::move(options)),
      prompts_(prompts),
      recordings_(recordings),
      registrar_(options_.registrar, RandomNonce),
      gate_(options_.inbound, RandomNonce),
      sweep_timer_(loop),
      next_call_id_(options_.first_call_id) {}

SipTelephony::~SipTelephony() {
  // Stop() normally ran on the loop; the stack must not post into a dead object.
  stack_.reset();
  media_.reset();
}

core::Status SipTelephony::Begin() {
  auto media = media::MediaEngine::Start(options_.media, this);
  if (!media) return tl::unexpected(media.error());
  media_ = std::move(*media);
  std::weak_ptr<int> alive = alive_;
  auto stack = SipStack::Start(options_.stack, [this, alive](StackEvent event) {
    boost::asio::post(loop_, [this, alive, event = std::move(event)] {
      if (alive.lock() && !stopped_) OnStackEvent(event);
    });
  });
  if (!stack) return tl::unexpected(stack.error());
  stack_ = std::move(*stack);
  SweepRegistrations();
  return {};
}

void SipTelephony::Stop() {
  if (stopped_) return;
  for (auto& [id, call] : calls_) {
    if (call.recording) {
      if (auto summary = media_->StopRecording(id); summary && recordings_) {
        recordings_->Finish(id, summary->frames);
      }
      call.recording = false;
    }
  }
  stopped_ = true;
  sweep_timer_.cancel();
  stack_.reset();  // hangs up what is still up, then joins its thread
  media_.reset();
  calls_.clear();
  leg_calls_.clear();
  fork_agents_.clear();
  offer_keys_.clear();
}

std::string SipTelephony::sip_address() const { return stack_ ? stack_->address() : std::string(); }
std::uint16_t SipTelephony::sip_port() const { return stack_ ? stack_->port() : 0; }
std::uint16_t SipTelephony::sip_tls_port() const { return stack_ ? stack_->tls_port() : 0; }

void SipTelephony::SetAccounts(std::vector<SipAccount> accounts) { registrar_.SetAccounts(std::move(accounts)); }
void SipTelephony::SetAccount(SipAccount account) { registrar_.SetAccount(std::move(account)); }
bool SipTelephony::Registered(AgentId agent) const { return registrar_.Registered(agent, clock_.Now()); }
std::vector<BindingView> SipTelephony::Bindings() const { return registrar_.Bindings(clock_.Now()); }

void SipTelephony::SweepRegistrations() {
  if (stopped_) return;
  for (AgentId agent : registrar_.Expire(clock_.Now())) {
    spdlog::info("sip: agent {} has no registered phone any more", agent.value());
    if (registration_listener_) registration_listener_(agent, false);
  }
  sweep_timer_.expires_after(kSweepEvery);
  std::weak_ptr<int> alive = alive_;
  sweep_timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (!ec && alive.lock()) SweepRegistrations();
  });
}

SipTelephony::Call* SipTelephony::Find(core::CallId call) {
  auto it = calls_.find(call);
  return it == calls_.end() ? nullptr : &it->second;
}

void SipTelephony::Deliver(CallEvent event) {
  std::weak_ptr<int> alive = alive_;
  boost::asio::post(loop_, [this, alive, event = std::move(event)] {
    if (alive.lock() && !stopped_ && handler_) handler_->OnCallEvent(event);
  });
}

core::Status SipTelephony::TakeAnswer(core::CallId call, media::Leg leg, const std::string& sdp, LegId offered_on) {
  auto local = media_->OpenLeg(call, leg);  // the leg our offer named
  if (!local) return tl::unexpected(local.error());
  auto key = offer_keys_.find(offered_on);
  auto audio = ReadAnswer(sdp, local->address, local->rtp_port, key == offer_keys_.end() ? "" : key->second);
  if (!audio) return tl::unexpected(audio.error());
  media_->SetRemote(call, leg, *audio);
  return {};
}

// ---- the stack's events --------------------------------------------------

void SipTelephony::OnStackEvent(const StackEvent& event) {
  std::visit(core::Overloaded{
                 [&](const RegisterRequest& e) { HandleRegister(e); },
                 [&](const InviteRequest& e) { HandleInvite(e); },
                 [&](const ReInviteRequest& e) { HandleReInvite(e); },
                 [&](const LegProgress& e) { HandleProgress(e); },
                 [&](const LegAnswered& e) { HandleAnswered(e); },
                 [&](const LegFailed& e) { HandleFailed(e); },
                 [&](const LegEnded& e) { HandleEnded(e); },
                 [&](const ReferRequest& e) { HandleRefer(e); },
             },
             event);
}

void SipTelephony::HandleRegister(const RegisterRequest& r) {
  const core::Timestamp now = clock_.Now();
  RegistrarAnswer answer = registrar_.Handle(r, now);
  if (answer.status == 403 || answer.status == 400) {
    ++counts_.registration_failures;
    LogSecurityEvent(answer.status == 403 ? "auth-failed" : "malformed", r.source,
                     fmt::format("method=REGISTER user=\"{}\" status={}", LogSafe(r.user), answer.status));
    stack_->ReportAuthFailure(r.source);
  }
  if (answer.status == 200) {
    ++counts_.registrations;
    if (answer.agent && answer.changed && registration_listener_) {
      registration_listener_(*answer.agent, registrar_.Registered(*answer.agent, now));
    }
  }
  stack_->AnswerRegister(r.request, answer.status, answer.phrase, std::move(answer.headers));
}

bool SipTelephony::Admitted(const InviteRequest& r, Admission& admission, bool login) {
  if (admission.verdict == Admission::Verdict::kAdmit) return true;
  if (admission.verdict == Admission::Verdict::kChallenge) {
    ++counts_.challenged;
  } else {
    ++counts_.refused;
    const char* event = admission.status == 400 ? "malformed" : login ? "auth-failed" : "refused";
    LogSecurityEvent(event, r.source,
                     fmt::format("method=INVITE to=\"{}\" status={} ({})", LogSafe(r.request_user), admission.status,
                                 LogSafe(admission.reason)));
    stack_->ReportAuthFailure(r.source);
  }
  stack_->Respond(r.leg, admission.status, admission.phrase, {}, std::move(admission.headers));
  return false;
}

media::SrtpTerms SipTelephony::SrtpFor(const Peer& source) const {
  media::SrtpTerms srtp;
  if (source.transport == "tls" && options_.srtp != SrtpPolicy::kOff) {
    srtp.our_key = media::SrtpKeyText(media::NewSrtpKey());
    srtp.required = options_.srtp == SrtpPolicy::kRequire;
  }
  return srtp;
}

void SipTelephony::HandleInvite(const InviteRequest& r) {
  ++counts_.invites;
  if (auto agent = registrar_.AgentAt(r.source, clock_.Now()); agent && CallOfAgent(*agent)) {
    HandlePhoneInvite(r);  // an agent's phone on a call dials: a consult, after a digest login
    return;
  }
  Admission admission = gate_.Admit(r, clock_.Now());
  if (!Admitted(r, admission, !admission.peer.empty())) return;
  std::shared_ptr<const IvrVoice> menu = IvrFor(r.request_user);
  std::optional<std::string> number = r.request_user;
  if (!menu && options_.route_number) number = options_.route_number(r.request_user);
  if (r.request_user.empty() || !number) {
    // Scanners and toll fraud try numbers: each miss counts towards a ban like a failed login.
    ++counts_.refused;
    LogSecurityEvent("no-route", r.source, fmt::format("method=INVITE to=\"{}\" status=404", LogSafe(r.request_user)));
    stack_->ReportAuthFailure(r.source);
    stack_->Respond(r.leg, 404, "Not Found");
    return;
  }
  auto offer = media::ParseSdp(r.sdp);
  if (!offer) {
    ++counts_.refused;
    stack_->Respond(r.leg, 488, "Not Acceptable Here", {}, {{"Warning", "399 callcenter \"" + offer.error().message + "\""}});
    return;
  }
  const core::CallId id(next_call_id_++);
  auto local = media_->OpenLeg(id, media::Leg::kCaller);
  if (!local) {
    ++counts_.refused;
    spdlog::warn("sip: call refused, no media port: {}", local.error().message);
    stack_->Respond(r.leg, 503, "Service Unavailable");
    return;
  }
  const media::SrtpTerms srtp = SrtpFor(r.source);
  auto answer = media::Answer(*offer, local->address, local->rtp_port, {id.value(), 1}, srtp);
  if (!answer) {
    ++counts_.refused;
    media_->CloseCall(id);
    stack_->Respond(r.leg, 488, "Not Acceptable Here", {},
                    {{"Warning", "399 callcenter \"" + answer.error().message + "\""}});
    return;
  }
  media_->SetRemote(id, media::Leg::kCaller, answer->audio);
  stack_->Respond(r.leg, 200, "OK", answer->text);
  ++counts_.answered;
  Call call;
  call.id = id;
  call.caller_leg = r.leg;
  call.caller_srtp = srtp;
  call.answered_at = clock_.Now();
  if (r.from_user != "anonymous") call.caller_number = r.from_user;
  call.dialled = *number;
  call.legs.push_back(r.leg);
  calls_[id] = call;
  leg_calls_[r.leg] = id;
  std::optional<std::string> caller;
  if (!r.from_user.empty() && r.from_user != "anonymous") caller = r.from_user;
  spdlog::info("sip: call {} from {} to {} ({}:{}{}{})", id.value(), caller.value_or("withheld"), r.request_user,
               r.source.address, r.source.port, admission.peer.empty() ? "" : ", trunk ", admission.peer);
  if (menu) {
    StartIvr(calls_[id], menu);
    return;
  }
  Incoming(calls_[id], IncomingCall{id, *number, caller});
}

void SipTelephony::Incoming(Call& call, IncomingCall event) {
  const core::CallId id = call.id;
  if (handler_) handler_->OnCallEvent(event);
  // Offered at once (no queue music asked for): the caller still hears that the
  // call is recorded, then music, until the agent's phone answers.
  if (Call* c = Find(id); c && !c->queue && c->stage == Stage::kQueued) {
    auto recorded = prompts_.Clip(options_.language, "recorded");
    if (recorded && recordings_ && recordings_->WillRecord(id, std::nullopt)) {
      c->music_after_prompt = true;
      c->announcing = true;
      media_->Play(id, media::Leg::kCaller, {*recorded}, false);
    } else {
      StartMusic(*c);
    }
  }
}

void SipTelephony::HandleReInvite(const ReInviteRequest& r) {
  auto it = leg_calls_.find(r.leg);
  if (it == leg_calls_.end()) {
    stack_->Respond(r.leg, 481, "Call/Transaction Does Not Exist");
    return;
  }
  Call* call = Find(it->second);
  if (!call) return;
  const bool caller_side = r.leg == call->caller_leg;
  const bool phone_line = r.leg == call->phone_line;
  const media::Leg leg = caller_side ? media::Leg::kCaller : phone_line ? media::Leg::kPhoneLine : media::Leg::kAgent;
  auto offer = media::ParseSdp(r.sdp);
  auto local = media_->OpenLeg(call->id, leg);  // the leg is open: its endpoint again
  if (!offer || !local) {
    stack_->Respond(r.leg, 488, "Not Acceptable Here");
    return;
  }
  // A phone's re-INVITE (hold) keeps the SRTP we agreed with it, with our key.
  media::SrtpTerms terms = caller_side ? call->caller_srtp : phone_line ? call->phone_line_srtp : media::SrtpTerms{};
  if (auto key = offer_keys_.find(r.leg); !caller_side && key != offer_keys_.end()) terms.our_key = key->second;
  auto answer = media::Answer(*offer, local->address, local->rtp_port, {call->id.value(), ++call->sdp_version}, terms);
  if (!answer) {
    stack_->Respond(r.leg, 488, "Not Acceptable Here");
    return;
  }
  media_->SetRemote(call->id, leg, answer->audio);
  stack_->Respond(r.leg, 200, "OK", answer->text);
  // The agent's phone put the caller on hold (it sends no more) or took them
  // back: the centre holds or resumes the call as from the desk, and its
  // Hold/Resume commands play music to the caller or bridge again.
  if (!caller_side && !phone_line && call->stage == Stage::kConnected && call->agent) {
    const bool held = answer->audio.direction == media::Direction::kRecvOnly ||
                      answer->audio.direction == media::Direction::kInactive;
    if (held != call->phone_held) {
      call->phone_held = held;
      spdlog::info("sip: agent {}'s phone {} call {}", call->agent->value(), held ? "holds" : "resumes",
                   call->id.value());
      Deliver(AgentPhoneHold{call->id, *call->agent, held});
    }
  }
}

void SipTelephony::HandleProgress(const LegProgress&) {}

void SipTelephony::HandleAnswered(const LegAnswered& e) {
  auto fork = fork_agents_.find(e.leg);
  auto owner = leg_calls_.find(e.leg);
  if (owner != leg_calls_.end()) {
    Call* outside = Find(owner->second);
    if (outside && outside->outside_leg == e.leg) {
      HandleOutsideAnswered(*outside, e);
      return;
    }
    if (outside && outside->consult_leg == e.leg) {
      OnConsultAnswered(*outside, e);
      return;
    }
    if (outside && outside->stage == Stage::kDialling && outside->caller_leg == e.leg) {
      CustomerAnswered(*outside, e);
      return;
    }
  }
  if (fork == fork_agents_.end() || owner == leg_calls_.end()) {
    stack_->Hangup(e.leg);
    return;
  }
  Call* call = Find(owner->second);
  const AgentId agent = fork->second;
  auto ring = call ? call->rings.find(agent) : decltype(call->rings.end()){};
  if (call && ring != call->rings.end() && ring->second.consult && call->stage != Stage::kEnding) {
    ConsultPhoneAnswered(*call, agent, e);
    return;
  }
  if (!call || ring == call->rings.end() || call->agent_answered || call->stage == Stage::kEnding) {
    // Too late: another phone won, the ring was stopped, or the caller left.
    stack_->Hangup(e.leg);
    return;
  }
  if (auto taken = TakeAnswer(call->id, media::Leg::kAgent, e.sdp, e.leg); !taken) {
    spdlog::warn("sip: agent {}'s phone answered call {} with unusable SDP: {}", agent.value(),
                 call->id.value(), taken.error().message);
    stack_->Hangup(e.leg);
    return;
  }
  call->agent_answered = true;
  call->agent = agent;
  call->agent_leg = e.leg;
  CancelRings(*call, e.leg);
  call->rings.erase(agent);
  if (call->stage == Stage::kDialling) {
    // The agent took the call on the phone: now the customer's number.
    const LegId leg = InviteOutside(*call, media::Leg::kCaller, call->caller_number,
                                    options_.trunk->credentials.user.empty() ? std::string("callcenter")
                                                                               : options_.trunk->credentials.user);
    if (leg == 0) {
      DialFailedNow(*call, "no media port for the customer's leg");
      return;
    }
    call->caller_leg = leg;
    spdlog::info("sip: call {}: agent {} answered, dialling {}", call->id.value(), agent.value(), call->caller_number);
    return;
  }
  if (call->connect_pending) {
    call->connect_pending = false;
    JoinAgent(*call, agent);
  } else {
    Deliver(AgentAnswered{call->id, agent});
  }
}

void SipTelephony::HandleFailed(const LegFailed& e) {
  auto fork = fork_agents_.find(e.leg);
  auto owner = leg_calls_.find(e.leg);
  if (owner != leg_calls_.end()) {
    Call* outside = Find(owner->second);
    if (outside && outside->consult_leg == e.leg) {
      spdlog::info("sip: call {}: the consulted number did not answer ({} {})", outside->id.value(), e.status,
                   e.phrase);
      leg_calls_.erase(owner);
      outside->consult_leg = 0;
      media_->CloseLeg(outside->id, media::Leg::kConsult);
      Deliver(telephony::ConsultFailed{outside->id});
      return;
    }
    if (outside && outside->outside_leg == e.leg) {
      // The outside number did not take the call: the caller is let go.
      spdlog::warn("sip: call {} not taken by the outside number ({} {}); the caller is hung up",
                   outside->id.value(), e.status, e.phrase);
      leg_calls_.erase(owner);
      outside->outside_leg = 0;
      HangUp(outside->id, HangUpCause::kEnded);
      return;
    }
    if (outside && outside->stage == Stage::kDialling && outside->caller_leg == e.leg) {
      leg_calls_.erase(owner);
      outside->caller_leg = 0;
      DialFailedNow(*outside, fmt::format("the number answered {} {}", e.status, e.phrase));
      return;
    }
  }
  if (fork == fork_agents_.end() || owner == leg_calls_.end()) return;
  const AgentId agent = fork->second;
  Call* call = Find(owner->second);
  fork_agents_.erase(fork);
  leg_calls_.erase(owner);
  if (!call) return;
  auto ring = call->rings.find(agent);
  if (ring == call->rings.end()) return;
  ring->second.forks.erase(e.leg);
  if (!ring->second.forks.empty()) return;
  const bool consult = ring->second.consult;
  call->rings.erase(ring);
  spdlog::info("sip: agent {}'s phone refused call {} ({} {})", agent.value(), call->id.value(), e.status,
               e.phrase);
  if (consult && !call->phone_line_answered) EndPhoneLine(*call);
  if (call->stage == Stage::kDialling) {
    DialFailedNow(*call, "the agent's phone did not take it");
    return;
  }
  if (!call->agent_answered) Deliver(AgentRejected{call->id, agent});
}

void SipTelephony::HandleEnded(const LegEnded& e) {
  auto owner = leg_calls_.find(e.leg);
  if (owner == leg_calls_.end()) return;
  const core::CallId id = owner->second;
  leg_calls_.erase(owner);
  offer_keys_.erase(e.leg);
  auto fork = fork_agents_.find(e.leg);
  std::optional<AgentId> fork_agent;
  if (fork != fork_agents_.end()) {
    fork_agent = fork->second;
    fork_agents_.erase(fork);
  }
  Call* call = Find(id);
  if (!call) return;
  if (e.leg == call->consult_leg) {
    // The consulted party hung up: the agent goes back to the caller (the
    // phone's consult call ends too).
    const std::optional<AgentId> colleague = call->consult_agent;
    const bool answered = call->consult_answered;
    call->consult_leg = 0;
    call->consult_agent.reset();
    call->consult_answered = false;
    media_->CloseLeg(id, media::Leg::kConsult);
    EndPhoneLine(*call);
    if (colleague) {
      Deliver(AgentHungUp{id, *colleague});
    } else if (answered && call->agent) {
      Deliver(ConsultPartyHungUp{id});
    }
    return;
  }
  if (e.leg == call->phone_line) {
    // The phone hung up (or cancelled) its consult call: back to the caller,
    // unless it did so after its transfer, which the centre is settling.
    ForgetPhoneLine(*call);
    if (call->agent && !call->refer_pending) Deliver(PhoneConsultEnded{id, *call->agent, false});
    return;
  }
  if (e.leg == call->outside_leg) {
    call->outside_leg = 0;
    HangUp(id, HangUpCause::kEnded);  // the outside party hung up: so does the caller's leg
    return;
  }
  if (e.leg == call->caller_leg) {
    call->caller_leg = 0;
    if (call->stage == Stage::kOutside) {
      if (call->outside_leg) stack_->Hangup(call->outside_leg);
      Finish(*call);
      return;
    }
    if (call->stage == Stage::kIvr) {  // the centre never heard of it: only the IVR's outcome
      std::optional<std::string> caller;
      if (!call->caller_number.empty()) caller = call->caller_number;
      IvrEnded ended{id, call->dialled, caller, call->ivr_voice->menu->id, call->ivr->keys(), "hung-up",
                     call->ivr_open, clock_.Now() - call->answered_at, call->ivr_voice->menu->tenant};
      Finish(*call);
      if (handler_) handler_->OnCallEvent(ended);
      return;
    }
    if (call->stage != Stage::kEnding) {
      call->stage = Stage::kEnding;
      if (handler_) handler_->OnCallEvent(CallerHungUp{id});
    }
    call = Find(id);
    if (!call) return;
    CancelRings(*call, 0);
    if (call->agent_leg) stack_->Hangup(call->agent_leg);
    Finish(*call);
    return;
  }
  if (e.leg == call->agent_leg && call->stage == Stage::kDialling) {
    call->agent_leg = 0;
    DialFailedNow(*call, "the agent hung up before the customer answered");
    return;
  }
  if (e.leg == call->agent_leg) {
    call->agent_leg = 0;
    const auto agent = call->agent;
    media_->Bridge(id, false);
    media_->CloseLeg(id, media::Leg::kAgent);
    StopRecording(*call);
    call->agent.reset();
    call->agent_answered = false;
    call->phone_held = false;
    if (call->stage == Stage::kConnected && agent && handler_) {
      handler_->OnCallEvent(AgentHungUp{id, *agent});
    }
    return;
  }
  // A fork that ended without an answer (CANCEL done): nothing to tell.
  if (fork_agent) {
    auto ring = call->rings.find(*fork_agent);
    if (ring != call->rings.end()) {
      ring->second.forks.erase(e.leg);
      if (ring->second.forks.empty()) call->rings.erase(ring);
    }
  }
}

// ---- CallControl --------------------------------------------------------

void SipTelephony::StartMusic(Call& call) {
  call.announcing = false;  // whatever played is replaced
  call.bridge_after_prompt = false;
  media_->Play(call.id, media::Leg::kCaller, {prompts_.Music()}, true);
}

void SipTelephony::PlayQueueMusic(core::CallId id, QueueId queue) {
  Call* call = Find(id);
  if (!call || call->stage == Stage::kEnding) return;
  const bool first = !call->queue.has_value();
  call->queue = queue;
  call->stage = Stage::kQueued;
  if (first && recordings_ && recordings_->WillRecord(id, queue)) {
    // Callers are told before an agent joins that the call is recorded.
    auto recorded = prompts_.Clip(options_.language, "recorded");
    if (recorded) {
      call->music_after_prompt = true;
      call->announcing = true;
      media_->Play(id, media::Leg::kCaller, {*recorded}, false);
      return;
    }
  }
  StartMusic(*call);
}

void SipTelephony::Play(core::CallId id, Prompt prompt, int position, core::Duration expected_wait) {
  Call* call = Find(id);
  if (!call || call->stage != Stage::kQueued || call->announcing) return;  // the notice is not cut short
  auto clips = prompts_.ForPrompt(options_.language, prompt, position, expected_wait);
  if (clips.empty()) return;
  call->music_after_prompt = true;
  media_->Play(id, media::Leg::kCaller, std::move(clips), false);
}

void SipTelephony::OnPlayed(core::CallId id, media::Leg leg) {
  std::weak_ptr<int> alive = alive_;
  boost::asio::post(loop_, [this, alive, id, leg] {
    if (!alive.lock() || stopped_) return;
    Call* call = Find(id);
    if (!call || leg != media::Leg::kCaller) return;
    if (call->stage == Stage::kIvr) {
      IvrPlayed(*call);
      return;
    }
    if (call->hangup_after_prompt) {
      if (call->caller_leg) stack_->Hangup(call->caller_leg);
      Finish(*call);
      return;
    }
    if (call->announcing) {
      call->announcing = false;
      if (call->bridge_after_prompt) {
        call->bridge_after_prompt = false;
        if (call->stage == Stage::kConnected && call->agent && call->agent_answered && !call->held) {
          JoinAgent(*call, *call->agent);  // Bridge stops the music that was to follow
          return;
        }
      }
    }
    if (!call->music_after_prompt) return;
    call->music_after_prompt = false;
    if (call->stage == Stage::kQueued || call->held) StartMusic(*call);
  });
}

void SipTelephony::OnDigit(core::CallId id, media::Leg leg, char digit) {
  spdlog::debug("sip: call {} {} pressed {}", id.value(), leg == media::Leg::kCaller ? "caller" : "agent",
                digit);
  if (leg != media::Leg::kCaller) return;
  std::weak_ptr<int> alive = alive_;
  boost::asio::post(loop_, [this, alive, id, digit] {
    if (!alive.lock() || stopped_) return;
    Call* call = Find(id);
    if (call && call->stage == Stage::kIvr) {  // a key in the IVR (also cutting its words short)
      if (auto next = call->ivr->OnKey(digit)) IvrStep(*call, std::move(*next));
      return;
    }
    // A waiting caller offered a callback takes it with 1 and keeps their place (engine: CallbackRequested).
    if (!call || call->stage != Stage::kQueued || !call->callback_offered || digit != '1') return;
    call->callback_offered = false;
    spdlog::info("sip: call {}: the caller chose to be called back", id.value());
    Deliver(CallbackChosen{id, {}});
  });
}

void SipTelephony::OnRecordingFailed(core::CallId id, std::string reason) {
  spdlog::error("sip: recording of call {} failed: {}", id.value(), reason);
}

void SipTelephony::Bridge(Call& call) {
  media_->Play(call.id, media::Leg::kCaller, {}, false);
  call.music_after_prompt = false;
  call.announcing = false;
  call.bridge_after_prompt = false;
  media_->Bridge(call.id, true);
}

void SipTelephony::Connect(core::CallId id, AgentId agent) {
  Call* call = Find(id);
  if (!call || call->stage == Stage::kEnding) return;
  if (call->consult_agent == agent && call->consult_leg != 0) {
    PromoteConsultAgent(*call, agent);
    return;
  }
  call->stage = Stage::kConnected;
  call->held = false;
  spdlog::debug("sip: connect call {} to agent {} (phone answered: {})", id.value(), agent.value(),
                call->agent_answered);
  if (!call->agent_answered || call->agent != agent) {
    // Taken on the web desk while the phone still rings: bridge when it answers.
    call->connect_pending = true;
    return;
  }
  JoinAgent(*call, agent);
}

void SipTelephony::JoinAgent(Call& call, AgentId agent) {
  if (call.announcing) {
    call.bridge_after_prompt = true;
    return;
  }
  Bridge(call);
  StartRecording(call, agent);
}

void SipTelephony::StartRecording(Call& call, AgentId agent) {
  if (!recordings_ || call.recording) return;
  auto path = recordings_->Begin(call.id, call.queue, agent);
  spdlog::debug("sip: call {} recorded: {}", call.id.value(), path ? path->string() : "no");
  if (!path) return;
  if (auto started = media_->StartRecording(call.id, *path); started) {
    call.recording = true;
    call.recording_paused = false;
    ++counts_.recordings;
  } else {
    spdlog::error("sip: cannot record call {}: {}", call.id.value(), started.error().message);
    recordings_->Finish(call.id, 0);
  }
}

void SipTelephony::Hold(core::CallId id) {
  Call* call = Find(id);
  if (!call || call->stage != Stage::kConnected) return;
  call->held = true;
  media_->Bridge(id, false);
  StartMusic(*call);
}

void SipTelephony::Resume(core::CallId id) {
  Call* call = Find(id);
  if (!call || call->stage != Stage::kConnected) return;
  call->held = false;
  // Also starts the recording when the hold came while the notice played.
  if (call->agent && call->agent_answered) {
    JoinAgent(*call, *call->agent);
  } else {
    Bridge(*call);
  }
}



void SipTelephony::OfferCallback(core::CallId id) {
  Call* call = Find(id);
  if (!call) return;
  call->callback_offered = true;
  Play(id, Prompt::kCallbackOffer, 0, {});
}

void SipTelephony::StopRecording(Call& call) {
  if (!call.recording) return;
  call.recording = false;
  auto summary = media_->StopRecording(call.id);
  if (recordings_) recordings_->Finish(call.id, summary ? summary->frames : 0);
}

void SipTelephony::HangUp(core::CallId id, HangUpCause cause) {
  Call* call = Find(id);
  if (!call) return;
  call->stage = Stage::kEnding;
  CancelRings(*call, 0);
  if (cause == HangUpCause::kCallbackRequested && call->caller_leg && !call->agent_leg && !call->outside_leg) {
    // The caller chose a callback: they hear a goodbye, then the line closes (OnPlayed).
    if (auto goodbye = prompts_.Clip(options_.language, "goodbye")) {
      call->hangup_after_prompt = true;
      media_->Play(id, media::Leg::kCaller, {*goodbye}, false);
      return;
    }
  }
  if (call->caller_leg) stack_->Hangup(call->caller_leg);
  if (call->agent_leg) stack_->Hangup(call->agent_leg);
  if (call->outside_leg) stack_->Hangup(call->outside_leg);
  if (call->consult_leg) stack_->Hangup(call->consult_leg);
  if (call->phone_line) stack_->Hangup(call->phone_line);
  Finish(*call);
}

void SipTelephony::Finish(Call& call) {
  StopRecording(call);
  media_->CloseCall(call.id);
  const core::CallId id = call.id;
  for (LegId leg : call.legs) {
    auto it = leg_calls_.find(leg);
    if (it == leg_calls_.end() || it->second != id) continue;
    fork_agents_.erase(leg);
    leg_calls_.erase(it);
  }
  calls_.erase(id);
}

core::Status SipTelephony::SetRecordingPaused(AgentId agent, bool paused) {
  for (auto& [id, call] : calls_) {
    if (call.agent == agent && call.stage == Stage::kConnected) {
      if (!call.recording) {
        return core::Fail(core::ErrorCode::kFailedPrecondition, "this call is not being recorded");
      }
      call.recording_paused = paused;
      media_->PauseRecording(id, paused);
      return {};
    }
  }
  return core::Fail(core::ErrorCode::kFailedPrecondition, "no SIP call is connected to this agent");
}

}  // namespace cc::telephony::sip
