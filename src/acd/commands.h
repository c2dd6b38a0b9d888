// Commands: what the engine asks telephony and the agents' desktops to do.
// The driver carries them out and reports back with inputs.
// Thread-safety: value types.
#pragma once

#include <string>
#include <variant>

#include "acd/types.h"

namespace cc::acd {

enum class OfferKind {
  kInbound,   // a caller from a queue
  kTransfer,  // a caller transferred to this agent by name
  kCallback,  // a callback to dial once accepted
  kOutbound,  // an outbound call for a queue, to dial once accepted
  kConsult,   // another agent asks for a consult while their caller holds
};
enum class AnnouncementKind { kPosition, kNoAgents };
enum class HangUpReason { kQueueFull, kCallbackRequested, kAgentEnded };

struct OfferCall {
  CallId call;
  AgentId agent;
  OfferKind kind;
  Duration ring_timeout;
};
struct CancelOffer {
  CallId call;
  AgentId agent;
};
struct Bridge {
  CallId call;
  AgentId agent;
};  // connect the caller and the agent
struct Announce {
  CallId call;
  AnnouncementKind kind;
  int position = 0;
  Duration expected_wait{};
};
struct OfferCallbackChoice {
  CallId call;
};  // "press 1 to be called back, keeping your place"
struct MoveToQueue {
  CallId call;
  QueueId from;
  QueueId to;
};  // overflow: music/announcements of `to`
struct HoldCaller {
  CallId call;
};
struct ResumeCaller {
  CallId call;
  AgentId agent;
};
struct Originate {
  CallId call;
  AgentId agent;
  std::string number;
};  // dial the customer for the agent
struct DialConsult {
  CallId call;
  AgentId agent;
  std::string number;
};  // external consult leg
struct BridgeConsult {
  CallId call;
  AgentId agent;
  AgentId with_agent;
};  // agent-to-agent consult
struct Conference {
  CallId call;
};  // caller, agent and consulted party together
struct DropConsult {
  CallId call;
  AgentId agent;
};  // ends the consult leg (agent: the consulting one)
struct TransferOut {
  CallId call;
  std::string number;
};  // hand the caller to an external number
struct DisconnectAgent {
  CallId call;
  AgentId agent;
};  // an agent leaves a call that goes on
struct HangUpCaller {
  CallId call;
  HangUpReason reason;
};
struct StartWrapUp {
  AgentId agent;
  CallId call;
  Duration duration;
};
struct EndWrapUp {
  AgentId agent;
};

using Command =
    std::variant<OfferCall, CancelOffer, Bridge, Announce, OfferCallbackChoice, MoveToQueue,
                 HoldCaller, ResumeCaller, Originate, DialConsult, BridgeConsult, Conference,
                 DropConsult, TransferOut, DisconnectAgent, HangUpCaller, StartWrapUp, EndWrapUp>;

}  // namespace cc::acd
