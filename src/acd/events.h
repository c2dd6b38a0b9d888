// Events: one for every state change, in the order they happened. They are
// the single source for the interaction log, realtime statistics and
// reports. docs/events.md describes each one; bump kEventSchemaVersion when a
// field changes meaning.
// Thread-safety: value types.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "acd/commands.h"
#include "acd/config.h"
#include "acd/inputs.h"

namespace cc::acd {

inline constexpr int kEventSchemaVersion = 1;

// How a live caller entered a queue.
enum class QueueEntry { kArrival, kOverflow, kTransfer, kRequeue };
// How a callback or outbound call entered a queue.
enum class CallbackEntry { kRequested, kScheduled, kOriginate };
enum class OfferEnd { kExpired, kRejected, kCancelled };
enum class OverflowReason { kMaxWait, kNoAgents, kQueueFull };
enum class TransferKind { kQueue, kAgent, kTeamLead, kExternal, kConsult };
enum class ConnectKind { kTransfer, kCallback, kOutbound };
enum class CallOutcome {
  kCompleted,          // answered by an agent, then ended
  kAbandoned,          // the caller hung up before an agent answered
  kRejected,           // the queue was full and had nowhere to overflow
  kTransferredOut,     // handed to an external number
  kCallbackFailed,     // the callback or outbound call was not answered
  kCallbackCancelled,  // a pending callback was cancelled
};

struct QueueConfigured {
  QueueId queue;
  TenantId tenant;
  std::string name;
  Duration sl_threshold;
  int sl_target_percent;
  Duration short_abandon;
};
struct AgentConfigured {
  AgentId agent;
  std::vector<QueueMembership> queues;
  std::vector<SkillLevel> skills;
};
struct AgentStateChanged {
  AgentId agent;
  AgentState from;
  AgentState to;
  NotReadyReason reason;  // kNone unless `to` is not-ready
  bool forced = false;    // set by a supervisor
};
struct CallQueued {
  CallId call;
  QueueId queue;
  TenantId tenant;
  QueueEntry via;
  int priority;
};
struct CallbackQueued {
  CallId call;
  QueueId queue;
  CallbackEntry via;
  std::string number;
};
struct CallbackScheduled {
  CallId call;
  QueueId queue;
  Timestamp due;
};
struct CallOffered {
  CallId call;
  AgentId agent;
  QueueId queue;
  OfferKind kind;
};
struct OfferEnded {
  CallId call;
  AgentId agent;
  OfferEnd how;
};
// A live caller's queue visit ends in exactly one of the next five.
struct CallAnswered {
  CallId call;
  AgentId agent;
  QueueId queue;
  Duration wait;
};
struct CallAbandoned {
  CallId call;
  QueueId queue;
  Duration wait;
};
struct CallOverflowed {
  CallId call;
  QueueId from;
  QueueId to;
  OverflowReason reason;
  Duration wait;
};
struct CallbackChosen {
  CallId call;
  QueueId queue;
  Duration wait;
};  // the caller asked for a callback
struct CallRejected {
  CallId call;
  QueueId queue;
};  // refused at maximum callers
struct CallbackOffered {
  CallId call;
  QueueId queue;
};
// Connected outside a queue visit: a named transfer, a callback, an outbound call.
struct CallConnected {
  CallId call;
  AgentId agent;
  QueueId queue;
  ConnectKind kind;
};
struct CallHeld {
  CallId call;
  AgentId agent;
};
struct CallResumed {
  CallId call;
  AgentId agent;
};
struct ConsultStarted {
  CallId call;
  AgentId agent;
  ConsultTarget target;
};
struct ConsultConnected {
  CallId call;
  AgentId agent;
  std::optional<AgentId> with_agent;
};
struct ConsultEnded {
  CallId call;
  AgentId agent;
  ConsultOutcome outcome;
  bool failed = false;
};
struct CallTransferred {
  CallId call;
  AgentId from_agent;
  TransferKind kind;
  QueueId queue;       // kQueue, kTeamLead
  AgentId to_agent;    // kAgent, kConsult to an agent
  std::string number;  // kExternal, kConsult to an external party
};
struct CallRequeued {
  CallId call;
  QueueId queue;
  AgentId agent;
};  // back to the head (S-11)
// An agent's part in a call ended; talk and hold are that agent's own.
struct AgentLeftCall {
  CallId call;
  AgentId agent;
  QueueId queue;
  Duration talk;
  Duration hold;
};
// The agent finished after-call work for the call: one per handled call, for AHT.
struct CallHandled {
  CallId call;
  AgentId agent;
  QueueId queue;
  Duration talk;
  Duration hold;
  Duration wrap_up;
};
struct CallEnded {
  CallId call;
  QueueId queue;
  CallOutcome outcome;
};

using EventBody =
    std::variant<QueueConfigured, AgentConfigured, AgentStateChanged, CallQueued, CallbackQueued,
                 CallbackScheduled, CallOffered, OfferEnded, CallAnswered, CallAbandoned,
                 CallOverflowed, CallbackChosen, CallRejected, CallbackOffered, CallConnected,
                 CallHeld, CallResumed, ConsultStarted, ConsultConnected, ConsultEnded,
                 CallTransferred, CallRequeued, AgentLeftCall, CallHandled, CallEnded>;

struct Event {
  Timestamp at;
  EventBody body;
};

std::string_view ToString(QueueEntry v);
std::string_view ToString(CallbackEntry v);
std::string_view ToString(OfferEnd v);
std::string_view ToString(OverflowReason v);
std::string_view ToString(TransferKind v);
std::string_view ToString(ConnectKind v);
std::string_view ToString(CallOutcome v);
std::string_view ToString(OfferKind v);
std::string_view ToString(ConsultOutcome v);

// The event's name as written in docs/events.md ("call.answered").
std::string_view EventName(const EventBody& body);

}  // namespace cc::acd
