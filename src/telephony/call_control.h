// The telephony boundary. The core loop asks telephony to ring, connect, hold,
// announce and hang up through CallControl; telephony reports what happened on
// the lines as CallEvents. Two implementations sit behind it: simulated calls
// (telephony/simulated_telephony.h, for the demo, tests and what-if runs) and
// SIP (a later issue). Nothing above this interface knows which one it drives.
//
// Ids: telephony allocates the CallId of every call that arrives from outside
// (IncomingCall); calls the core loop starts (Dial) carry the core loop's id.
//
// Thread-safety: every CallControl method is called on the core loop thread
// only and returns at once; outcomes arrive later as events. Events are
// delivered to the CallEventHandler on the core loop thread as well.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/ids.h"
#include "core/time.h"

namespace cc::telephony {

using core::AgentId;
using core::CallId;
using core::Duration;
using core::QueueId;
using core::Timestamp;

// A caller reached one of the centre's numbers (after its IVR menu, when the
// number has one: then the menu chose the queue and the topic).
struct IncomingCall {
  CallId call;
  std::string dialled_number;               // the DID
  std::optional<std::string> caller_number;  // nullopt when withheld
  std::optional<QueueId> queue{};            // chosen in the IVR; unset: the number's queue
  std::string topic{};                       // what the caller chose in the IVR
  std::int64_t ivr_menu = 0;                 // the menu they went through, 0: none
  std::string ivr_keys{};                    // the keys they pressed there, in order
};
// The agent's phone transferred the call (a SIP REFER): to a colleague
// (`to_agent`, the login the phone named) or to `number` (a queue's number, or
// an outside number). The centre answers with TransferRefused when it cannot.
struct PhoneTransfer {
  CallId call;
  AgentId agent;
  std::optional<AgentId> to_agent{};
  std::string number{};
};
// The agent's phone, on a call, placed a second call to the centre to consult
// someone while the caller holds: a colleague (`to_agent`, the login it
// dialled) or `number` (a queue's number, or an outside number). The centre
// starts the consult, or answers ConsultRefused.
struct PhoneConsult {
  CallId call;
  AgentId agent;
  std::optional<AgentId> to_agent{};
  std::string number{};
};
// The phone ended that consult: it handed the caller to the consulted party
// (`transfer`: a REFER naming the consult call, RFC 5589), or hung the consult
// call up to go back to the caller.
struct PhoneConsultEnded {
  CallId call;
  AgentId agent;
  bool transfer = false;
};
// A caller left an IVR menu without reaching a queue: they hung up
// ("hung-up"), or heard a message and were let go ("message", e.g. closed).
struct IvrEnded {
  CallId call;
  std::string dialled_number;
  std::optional<std::string> caller_number;
  std::int64_t ivr_menu = 0;
  std::string ivr_keys;
  std::string outcome;
  bool open = true;  // within the menu's business hours
  Duration in_menu{0};        // from answering the caller to letting them go
  core::TenantId tenant{};    // the menu's
};
struct CallerHungUp {
  CallId call;
};
// The agent's phone answered or refused a ring (RingAgent).
struct AgentAnswered {
  CallId call;
  AgentId agent;
};
struct AgentRejected {
  CallId call;
  AgentId agent;
};
// The agent hung up their leg of a connected call.
struct AgentHungUp {
  CallId call;
  AgentId agent;
};
// The agent's own phone put the caller on hold (held) or took them back: a
// SIP re-INVITE with sendonly/inactive, then sendrecv. The centre holds or
// resumes the call as if the agent had pressed the desk's button.
struct AgentPhoneHold {
  CallId call;
  AgentId agent;
  bool held = true;
};
// Outcome of Dial (callback or outbound) and DialConsult.
struct DialAnswered {
  CallId call;
};
struct DialFailed {
  CallId call;
};
struct ConsultAnswered {
  CallId call;
};
struct ConsultFailed {
  CallId call;
};
// The outside party of a consult hung up after answering: back to the caller.
struct ConsultPartyHungUp {
  CallId call;
};
// A waiting caller accepted the callback offer (OfferCallback) and left a number.
struct CallbackChosen {
  CallId call;
  std::string number;
};

using CallEvent = std::variant<IncomingCall, CallerHungUp, AgentAnswered, AgentRejected,
                               AgentHungUp, DialAnswered, DialFailed, ConsultAnswered,
                               ConsultFailed, CallbackChosen, AgentPhoneHold, IvrEnded,
                               PhoneTransfer, PhoneConsult, PhoneConsultEnded, ConsultPartyHungUp>;

class CallEventHandler {
 public:
  virtual ~CallEventHandler() = default;
  virtual void OnCallEvent(const CallEvent& event) = 0;
};

enum class Prompt {
  kQueuePosition,   // "you are number N, expected wait about M minutes"
  kNoAgents,        // "nobody can take your call at the moment"
  kCallbackOffer,   // "press 1 to be called back, keeping your place"
};

enum class HangUpCause { kQueueFull, kCallbackRequested, kEnded };

class CallControl {
 public:
  virtual ~CallControl() = default;

  // Where events go; set once before the first call arrives.
  virtual void SetHandler(CallEventHandler* handler) = 0;

  // Queue treatment: music on hold of `queue` (also after an overflow) and prompts.
  virtual void PlayQueueMusic(CallId call, QueueId queue) = 0;
  virtual void Play(CallId call, Prompt prompt, int position, Duration expected_wait) = 0;

  // Agents' phones. A ring ends with AgentAnswered, AgentRejected, StopRinging
  // or the engine's own ring timeout (then StopRinging).
  virtual void RingAgent(CallId call, AgentId agent, Duration timeout) = 0;
  virtual void StopRinging(CallId call, AgentId agent) = 0;
  // Connects the caller and the agent (after an answer, or a transfer to them).
  virtual void Connect(CallId call, AgentId agent) = 0;
  virtual void Hold(CallId call) = 0;
  virtual void Resume(CallId call) = 0;
  // The agent leaves a call that goes on (transfer); the caller stays.
  virtual void DisconnectAgent(CallId call, AgentId agent) = 0;
  // The engine says the agent's part in the call is over (hang-up, transfer,
  // requeue): telephony that holds a leg per agent lets it go and keeps the
  // caller (music) until the next command. Simulated calls need nothing.
  virtual void AgentLeft(CallId /*call*/, AgentId /*agent*/) {}

  // Calls the centre places: a callback or outbound call for `agent`.
  virtual void Dial(CallId call, AgentId agent, const std::string& number) = 0;
  // Consults: an external party, another agent, all three together, or drop.
  virtual void DialConsult(CallId call, AgentId agent, const std::string& number) = 0;
  virtual void ConnectConsult(CallId call, AgentId agent, AgentId with_agent) = 0;
  virtual void Conference(CallId call) = 0;
  virtual void DropConsult(CallId call, AgentId agent) = 0;

  // Hands the caller to an external number (e.g. 112) and leaves the call.
  virtual void TransferOut(CallId call, const std::string& number) = 0;
  virtual void OfferCallback(CallId call) = 0;
  // A PhoneTransfer the centre could not do (the agent keeps the caller).
  virtual void TransferRefused(CallId /*call*/, AgentId /*agent*/, const std::string& /*why*/) {}
  // A PhoneConsult the centre could not start (the phone's consult call is refused).
  virtual void ConsultRefused(CallId /*call*/, AgentId /*agent*/, const std::string& /*why*/) {}
  virtual void HangUp(CallId call, HangUpCause cause) = 0;
};

}  // namespace cc::telephony
