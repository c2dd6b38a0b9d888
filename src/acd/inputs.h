// Inputs to the engine: everything that happens outside it (telephony,
// agents' desktops, supervisors, admin changes, the passing of time).
// Thread-safety: value types.
#pragma once

#include <string>
#include <variant>

#include "acd/config.h"

namespace cc::acd {

// Configuration (also accepted while calls are in progress).
struct UpsertQueue {
  QueueConfig config;
};
struct UpsertAgent {
  AgentConfig config;
};  // skills and memberships may change at any time

// Agent desktop.
struct AgentLogin {
  AgentId agent;
};  // lands in not-ready (login)
struct AgentReady {
  AgentId agent;
};  // also ends wrap-up early
struct AgentNotReady {
  AgentId agent;
  NotReadyReason reason = NotReadyReason::kBreak;
};
struct AgentLogout {
  AgentId agent;
};
struct WrapUpDone {
  AgentId agent;
};
// A supervisor sets an agent's state: ready, not-ready (with reason) or logged-out.
// During a call the change waits until the call and its wrap-up end.
struct ForceAgentState {
  AgentId agent;
  AgentState state;
  NotReadyReason reason = NotReadyReason::kOther;
};

// Offers.
struct OfferAccepted {
  CallId call;
  AgentId agent;
};
struct OfferRejected {
  CallId call;
  AgentId agent;
};

// Calls.
struct CallArrived {
  CallId call;
  QueueId queue;
  CallAttributes attributes;
};
struct CallerHungUp {
  CallId call;
};  // the customer's leg ended, at any stage
struct AgentHangsUp {
  CallId call;
  AgentId agent;
};  // an agent leaves or ends the call
struct HoldCall {
  CallId call;
};
struct ResumeCall {
  CallId call;
};

// Transfers (blind). The transferring agent goes to wrap-up.
struct TransferToQueue {
  CallId call;
  QueueId queue;
};  // keeps the original arrival time
struct TransferToAgent {
  CallId call;
  AgentId agent;
};  // the target must be ready
struct TransferToTeamLead {
  CallId call;
};  // the agent's team-lead queue
struct TransferExternal {
  CallId call;
  std::string number;
};  // e.g. 112 (S-15)
// Puts the caller back at the head of their queue (S-11).
struct RequeueAtHead {
  CallId call;
};

// Consult: the agent talks to a second party while the caller holds.
enum class ConsultTargetKind { kAgent, kQueue, kExternal };
struct ConsultTarget {
  ConsultTargetKind kind = ConsultTargetKind::kAgent;
  AgentId agent;
  QueueId queue;       // a ready member of this queue is picked (supervisors, specialists)
  std::string number;  // for kExternal
};
struct StartConsult {
  CallId call;
  ConsultTarget target;
};
struct ConsultAnswered {
  CallId call;
};  // an external consult party answered
struct ConsultFailed {
  CallId call;
};  // an external consult party did not answer
enum class ConsultOutcome { kTransfer, kConference, kReturn };
struct CompleteConsult {
  CallId call;
  ConsultOutcome outcome;
};

// Callbacks and outbound calls.
struct CallbackRequested {
  CallId call;
  std::string number;
};  // a waiting caller keeps their place
struct ScheduleCallback {
  CallId call;
  QueueId queue;
  std::string number;
  Timestamp due;
  CallAttributes attributes;
};
struct CancelCallback {
  CallId call;
};
// An outbound call for a given agent (who must be ready) or for a queue.
struct OriginateCall {
  CallId call;
  std::optional<AgentId> agent;
  QueueId queue;
  std::string number;
  CallAttributes attributes;
};
struct OriginateAnswered {
  CallId call;
};
struct OriginateFailed {
  CallId call;
};  // no answer, busy or unreachable

// A new day in the centre's time zone: "calls today" start again from zero.
struct NewDay {};

// Time: lets due timers fire (ring timeouts, wrap-up, overflow, announcements).
struct Tick {};

using Input =
    std::variant<UpsertQueue, UpsertAgent, AgentLogin, AgentReady, AgentNotReady, AgentLogout,
                 WrapUpDone, ForceAgentState, OfferAccepted, OfferRejected, CallArrived,
                 CallerHungUp, AgentHangsUp, HoldCall, ResumeCall, TransferToQueue, TransferToAgent,
                 TransferToTeamLead, TransferExternal, RequeueAtHead, StartConsult, ConsultAnswered,
                 ConsultFailed, CompleteConsult, CallbackRequested, ScheduleCallback,
                 CancelCallback, OriginateCall, OriginateAnswered, OriginateFailed, NewDay, Tick>;

}  // namespace cc::acd
