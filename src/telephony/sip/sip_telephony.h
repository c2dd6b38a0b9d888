// SipTelephony: CallControl over real SIP calls. A back-to-back user agent:
// a caller's INVITE is answered at once (our SDP from the media engine), the
// call is handed to the centre as IncomingCall, the caller hears music and
// announcements while queued, the agent's registered phone is rung with a new
// INVITE (every registered contact at once; the first to answer wins), and
// the two legs are bridged in the media engine and recorded. Hang-ups, CANCEL,
// refusals and re-INVITEs (hold) become the same CallEvents a simulated call
// produces.
//
// Outside numbers go through `trunk`: TransferOut hands the caller to one (a
// blind external transfer, e.g. to 112), and Dial (callbacks, outbound calls)
// first rings the agent's phone, then, once it answers, calls the number and
// bridges the two when the customer answers (DialAnswered; any failure on
// the way is DialFailed). The customer is the "caller" leg, so recordings keep
// the customer left and the agent right. Not yet over SIP (the next issue):
// consults — the centre gets ConsultFailed.
//
// Threads: the SIP stack has its own thread and the media engine its own;
// their events are posted onto `loop` (the centre's core loop), where every
// method of this class runs. CallControl methods and Handle* run on the loop.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/time_zone.h"
#include "ivr/walk.h"
#include "telephony/call_control.h"
#include "telephony/media/media_engine.h"
#include "telephony/prompts/prompt_library.h"
#include "telephony/sip/inbound_gate.h"
#include "telephony/sip/registrar.h"
#include "telephony/sip/sip_stack.h"

namespace cc::telephony::sip {

// Where recordings go and what became of them; called on the loop, must not block long.
class RecordingSink {
 public:
  virtual ~RecordingSink() = default;
  // The absolute path to record the call to, or nullopt when its queue is not recorded.
  virtual std::optional<std::filesystem::path> Begin(core::CallId call, std::optional<QueueId> queue,
                                                     AgentId agent) = 0;
  // Whether the call will be recorded once an agent joins (its queue's
  // policy): callers hear "this call is recorded" only then.
  virtual bool WillRecord(core::CallId call, std::optional<QueueId> queue) = 0;
  virtual void Finish(core::CallId call, std::uint64_t frames) = 0;
};

// The peer that carries calls to outside numbers (a SIP trunk or gateway).
struct Trunk {
  std::string address;      // "HOST:PORT"
  Credentials credentials;  // answers its digest challenge; empty: none
};

// An IVR menu ready to answer calls: its words as clips (by text) and the
// time zone its business hours are read in.
struct IvrVoice {
  std::shared_ptr<const ivr::Menu> menu;
  std::map<std::string, media::ClipPtr> clips;
  core::TimeZone zone = core::TimeZone::Utc();
};

// SRTP with SDES keys on dialogs over TLS (never on others: the keys travel
// in the SDP). kAccept answers an SRTP offer with SRTP and a plain one with
// RTP, and offers plain RTP to phones; kRequire refuses plain offers with 488
// and offers SRTP to phones registered over TLS.
enum class SrtpPolicy { kOff, kAccept, kRequire };

struct SipTelephonyOptions {
  StackOptions stack;
  SrtpPolicy srtp = SrtpPolicy::kAccept;
  media::MediaEngineOptions media;
  RegistrarOptions registrar;
  std::uint64_t first_call_id = 1;
  std::string language = "ru";  // of the prompts callers hear
  // Trunk peers and whether other addresses may call in (see InboundGate).
  InboundOptions inbound;
  // The DID table: the centre's number a dialled number stands for (e.g.
  // "+7 495 …" as a trunk sends it for the queue's "7495…"), or nullopt when it
  // reaches no queue — then 404 before anything is answered. Unset: every
  // number is handed to the centre as dialled.
  std::function<std::optional<std::string>(const std::string&)> route_number;
  // Where TransferOut sends the caller (sip:NUMBER@address). Unset: external
  // transfers end the call.
  std::optional<Trunk> trunk;
};

struct SipCounts {
  std::uint64_t invites = 0;
  std::uint64_t refused = 0;      // 403, 404, 488, 503 before answering
  std::uint64_t challenged = 0;   // 407 to a trunk peer that must log in
  std::uint64_t answered = 0;     // callers answered
  std::uint64_t agent_rings = 0;  // INVITEs to agents' phones
  std::uint64_t registrations = 0;
  std::uint64_t registration_failures = 0;
  std::uint64_t recordings = 0;
  std::uint64_t outside_calls = 0;  // INVITEs to the trunk
  std::uint64_t dials = 0;          // Dial: calls the centre placed for an agent
};

// What the server learns about agents' phones (registered or gone).
using RegistrationListener = std::function<void(AgentId agent, bool registered)>;

class SipTelephony final : public CallControl, public media::MediaObserver {
 public:
  // Binds SIP and starts the stack and the media engine. `prompts` and
  // `recordings` (may be null: nothing recorded) must outlive this object.
  static core::Result<std::unique_ptr<SipTelephony>> Start(boost::asio::io_context& loop,
                                                           const core::Clock& clock,
                                                           SipTelephonyOptions options,
                                                           const prompts::PromptLibrary& prompts,
                                                           RecordingSink* recordings);
  ~SipTelephony() override;  // call Stop() on the loop first

  // Loop only: hangs up every call and stops the stack and media.
  void Stop();

  std::string sip_address() const;
  std::uint16_t sip_port() const;
  std::uint16_t sip_tls_port() const;  // 0 without TLS

  // Loop only.
  void SetAccounts(std::vector<SipAccount> accounts);
  void SetAccount(SipAccount account);
  // The IVR menus and the numbers that reach them (replacing the previous
  // set). A number with a menu is answered by it before any queue.
  void SetIvrMenus(std::vector<std::shared_ptr<const IvrVoice>> menus);
  void OnRegistration(RegistrationListener listener) { registration_listener_ = std::move(listener); }
  bool Registered(AgentId agent) const;
  std::vector<BindingView> Bindings() const;
  const SipCounts& counts() const { return counts_; }
  bool Owns(core::CallId call) const { return calls_.count(call) > 0; }
  // Pauses or resumes the recording of `agent`'s current SIP call.
  core::Status SetRecordingPaused(AgentId agent, bool paused);

  // CallControl.
  void SetHandler(CallEventHandler* handler) override { handler_ = handler; }
  void PlayQueueMusic(core::CallId call, QueueId queue) override;
  void Play(core::CallId call, Prompt prompt, int position, core::Duration expected_wait) override;
  void RingAgent(core::CallId call, AgentId agent, core::Duration timeout) override;
  void StopRinging(core::CallId call, AgentId agent) override;
  void Connect(core::CallId call, AgentId agent) override;
  void Hold(core::CallId call) override;
  void Resume(core::CallId call) override;
  void DisconnectAgent(core::CallId call, AgentId agent) override;
  void AgentLeft(core::CallId call, AgentId agent) override;
  void Dial(core::CallId call, AgentId agent, const std::string& number) override;
  void DialConsult(core::CallId call, AgentId agent, const std::string& number) override;
  void ConnectConsult(core::CallId call, AgentId agent, AgentId with_agent) override;
  void Conference(core::CallId call) override;
  void DropConsult(core::CallId call, AgentId agent) override;
  void TransferOut(core::CallId call, const std::string& number) override;
  void OfferCallback(core::CallId call) override;
  void TransferRefused(core::CallId call, AgentId agent, const std::string& why) override;
  void ConsultRefused(core::CallId call, AgentId agent, const std::string& why) override;
  void HangUp(core::CallId call, HangUpCause cause) override;

  // MediaObserver (media threads; posted to the loop).
  void OnDigit(core::CallId call, media::Leg leg, char digit) override;
  void OnPlayed(core::CallId call, media::Leg leg) override;
  void OnRecordingFailed(core::CallId call, std::string reason) override;

 private:
  // kOutside: handed to an outside number through the trunk; the centre no
  // longer knows the call, this class bridges it until either side hangs up.
  // kDialling: Dial — the agent's phone rings, then the customer's number.
  // kIvr: in an IVR menu; the centre does not know the call yet.
  enum class Stage { kIvr, kQueued, kDialling, kConnected, kOutside, kEnding };
  struct Ring {
    AgentId agent;
    std::set<LegId> forks;      // one INVITE per registered contact
    std::set<LegId> cancelled;  // forks already hung up (CANCEL sent once)
    bool consult = false;       // a colleague asked to consult: their phone is the consult leg
  };
  struct Call {
    core::CallId id;
    LegId caller_leg = 0;
    media::SrtpTerms caller_srtp;  // what the caller's dialog may run (its key kept for re-INVITEs)
    std::string caller_number;  // as the caller's From said (Dial: the number called); empty when withheld
    LegId outside_leg = 0;      // the trunk's leg after TransferOut
    LegId consult_leg = 0;      // whom the agent consults (media Leg::kConsult): a number or a colleague
    std::string consult_number;
    std::optional<AgentId> consult_agent;  // the colleague whose phone answered the consult
    bool consult_answered = false;
    // The agent's phone consults on a call of its own (media Leg::kPhoneLine)
    // while this one holds; it is answered once the consulted party is on.
    LegId phone_line = 0;
    std::string phone_line_answer;  // our SDP, sent with the 200
    media::NegotiatedAudio phone_line_audio;
    media::SrtpTerms phone_line_srtp;
    bool phone_line_answered = false;
    Stage stage = Stage::kQueued;
    std::optional<QueueId> queue;
    std::map<AgentId, Ring> rings;
    std::optional<AgentId> agent;  // connected (or answered on the phone)
    LegId agent_leg = 0;
    bool agent_answered = false;   // the agent's phone took the call
    bool connect_pending = false;  // Connect came before the phone answered
    bool held = false;             // the centre holds the caller (music, no bridge)
    bool conference = false;       // caller, agent and consulted party hear each other (a media mix)
    bool phone_held = false;       // the agent's phone last offered sendonly/inactive
    bool refer_pending = false;    // the agent's phone sent a REFER the centre has not settled
    bool music_after_prompt = false;
    // "This call is recorded" is playing: the agent joins (bridge and
    // recording) only once the caller has heard it all.
    bool announcing = false;
    bool bridge_after_prompt = false;
    bool recording = false;
    bool recording_paused = false;
    bool callback_offered = false;     // "press one to be called back" was played: 1 takes it
    bool hangup_after_prompt = false;  // the goodbye is playing; the caller's leg ends after it
    std::uint64_t sdp_version = 1;
    core::Timestamp answered_at{};  // when the caller's INVITE was answered
    // The IVR: the menu, the caller's walk through it, the step in force
    // (its words play, then it listens or acts), a timer for "no key".
    std::string dialled;  // the number as handed to the centre
    std::shared_ptr<const IvrVoice> ivr_voice;
    std::shared_ptr<ivr::Walk> ivr;
    ivr::Step ivr_step;
    bool ivr_open = true;
    std::uint64_t ivr_epoch = 0;
    std::shared_ptr<boost::asio::steady_timer> ivr_timer;
    std::vector<LegId> legs;  // every leg ever placed in leg_calls_ for this call
  };

  SipTelephony(boost::asio::io_context& loop, const core::Clock& clock, SipTelephonyOptions options,
               const prompts::PromptLibrary& prompts, RecordingSink* recordings);
  core::Status Begin();

  void OnStackEvent(const StackEvent& event);
  void HandleRegister(const RegisterRequest& r);
  void HandleInvite(const InviteRequest& r);
  void HandleReInvite(const ReInviteRequest& r);
  void HandleProgress(const LegProgress& e);
  void HandleAnswered(const LegAnswered& e);
  void HandleFailed(const LegFailed& e);
  void HandleEnded(const LegEnded& e);
  void HandleRefer(const ReferRequest& r);
  // An INVITE from an agent's phone (its From is an account): a consult
  // during the agent's call, after a digest login (sip_phone_consult.cpp).
  void HandlePhoneInvite(const InviteRequest& r);
  // False when `admission` is a challenge or a refusal: then answered, counted
  // and (a refusal) logged as a security event; `login`: a digest login failed.
  bool Admitted(const InviteRequest& r, Admission& admission, bool login);
  // What SRTP a dialog from `source` may run (over TLS, by the policy), with a fresh key of ours.
  media::SrtpTerms SrtpFor(const Peer& source) const;
  // A REFER naming the phone's consult call: hand the caller to the consulted party.
  void HandleAttendedRefer(Call& call, const ReferRequest& r);
  // The consulted party is on: they and the consulting side (the phone's own
  // consult call, answered now, or the agent's leg) hear each other.
  void LinkConsult(Call& call);
  // Hangs up the phone's consult call (480 while unanswered, else BYE) and forgets it.
  void EndPhoneLine(Call& call);
  // Forgets the phone's consult call (its leg and media) without a word to the phone; returns its leg.
  LegId ForgetPhoneLine(Call& call);

  Call* Find(core::CallId call);
  // The call `agent` talks on (connected, their phone answered), if any.
  Call* CallOfAgent(AgentId agent);
  void Deliver(CallEvent event);  // posted, never from inside a CallControl method
  void StartMusic(Call& call);
  void Bridge(Call& call);
  // Bridges and starts the recording, or waits for the recording notice to end.
  void JoinAgent(Call& call, AgentId agent);
  void CancelRings(Call& call, LegId except_leg);
  void CancelRing(Ring& ring, LegId except_leg);
  void StopRecording(Call& call);
  void DropAgent(Call& call);
  void HandleOutsideAnswered(Call& call, const LegAnswered& e);
  void OnConsultAnswered(Call& call, const LegAnswered& e);
  void EndConsultLeg(Call& call);  // hangs up and forgets the consult leg
  void EndConference(Call& call);  // the mix stops; the legs are left unpaired
  // The agent has left; the answered outside number on the consult leg keeps the caller.
  void HandToConsultedNumber(Call& call);
  // Reads the far end's SDP answer for `leg` and points the media leg at it.
  // `offered_on`: the leg whose INVITE carried our offer (its SRTP key, if any).
  core::Status TakeAnswer(core::CallId call, media::Leg leg, const std::string& sdp, LegId offered_on = 0);
  // Rings every registered contact of `agent`; false when it has none or no media port is free.
  bool RingPhones(Call& call, AgentId agent, media::Leg media_leg = media::Leg::kAgent);
  void ConsultPhoneAnswered(Call& call, AgentId agent, const LegAnswered& e);
  // The consulted colleague takes the caller: their leg becomes the agent's.
  void PromoteConsultAgent(Call& call, AgentId agent);
  // An INVITE to `number` through the trunk on the media leg `leg`; 0 when no port is free.
  LegId InviteOutside(Call& call, media::Leg leg, const std::string& number, const std::string& from_user);
  std::optional<std::string> CannotDial(const std::string& number) const;  // why not, or nullopt
  void StartRecording(Call& call, AgentId agent);
  void CustomerAnswered(Call& call, const LegAnswered& e);
  void DialFailedNow(Call& call, const std::string& why);
  void Finish(Call& call);  // media closed, maps cleaned
  void SweepRegistrations();
  std::shared_ptr<const IvrVoice> IvrFor(const std::string& number) const;
  void StartIvr(Call& call, std::shared_ptr<const IvrVoice> voice);
  void IvrStep(Call& call, ivr::Step step);
  void IvrPlayed(Call& call);  // the step's words have been said
  void IvrComplete(Call& call);
  // Tells the centre about a call that reached it (or left the IVR for a queue).
  void Incoming(Call& call, IncomingCall event);

  boost::asio::io_context& loop_;
  const core::Clock& clock_;
  SipTelephonyOptions options_;
  const prompts::PromptLibrary& prompts_;
  RecordingSink* recordings_;
  std::unique_ptr<media::MediaEngine> media_;
  std::unique_ptr<SipStack> stack_;
  Registrar registrar_;
  InboundGate gate_;
  CallEventHandler* handler_ = nullptr;
  RegistrationListener registration_listener_;
  boost::asio::steady_timer sweep_timer_;
  std::uint64_t next_call_id_;
  std::map<core::CallId, Call> calls_;
  std::map<LegId, core::CallId> leg_calls_;
  std::map<LegId, AgentId> fork_agents_;  // agent INVITEs, ringing or answered
  std::map<LegId, std::string> offer_keys_;  // the SRTP key offered on an agent INVITE (phones over TLS)
  std::map<std::string, std::shared_ptr<const IvrVoice>> ivr_numbers_;         // as listed
  std::map<std::string, std::shared_ptr<const IvrVoice>> ivr_number_digits_;  // digits only
  SipCounts counts_;
  bool stopped_ = false;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
};

}  // namespace cc::telephony::sip
