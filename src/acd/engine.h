// The ACD engine: queues, agents, routing, and every in-call operation that
// changes who talks to whom. Pure and deterministic: Apply(input, now) turns
// an input into commands and events; no I/O, threads, clock reads or
// randomness. The server, the simulator, the tests and the benchmarks all
// drive this one class.
//
// Time: `now` must never go backwards. Timers (ring timeouts, wrap-up,
// overflow, announcements, relaxation, scheduled callbacks) fire inside
// Apply: call Apply(Tick{}, t) at NextDeadline() or any later time.
//
// Thread-safety: none; one owner thread drives an Engine.
#pragma once

#include <functional>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include "acd/commands.h"
#include "acd/engine_state.h"
#include "acd/events.h"
#include "acd/inputs.h"
#include "core/result.h"

namespace cc::acd {

struct Output {
  std::vector<Command> commands;
  std::vector<Event> events;
  void clear() {
    commands.clear();
    events.clear();
  }
};

struct AgentView {
  AgentId id;
  AgentState state;
  NotReadyReason reason;
  Timestamp since;
  Timestamp idle_since;
  std::optional<CallId> call;
  int calls_today;
  int missed_in_row;
  std::optional<AgentState> pending;
};

struct CallView {
  CallId id;
  CallStage stage;
  QueueId queue;
  std::optional<AgentId> agent;
  std::optional<AgentId> consult_agent;
  Timestamp arrived;
  Timestamp enqueued;
  bool is_callback;
  int priority;
  std::string number;  // a callback's or outbound call's number to dial; else the caller's, if known
};

class Engine {
 public:
  explicit Engine(EngineConfig config = {});

  // Applies one input at `now`, appending commands and events to `out`.
  // An input that does not fit the current state (a stale offer answer, an
  // unknown agent) returns an error and changes nothing; timers that were
  // due still fire.
  core::Status Apply(const Input& input, Timestamp now, Output& out);
  Output Apply(const Input& input, Timestamp now, core::Status* status = nullptr);

  // The earliest time a timer is due, if any.
  std::optional<Timestamp> NextDeadline();

  std::optional<AgentView> Agent(AgentId id) const;
  std::optional<CallView> Call(CallId id) const;
  const QueueConfig* Queue(QueueId id) const;
  std::vector<CallId> Waiting(QueueId id) const;  // in the order callers will be served
  std::vector<AgentId> AgentIds() const;          // ascending
  std::vector<CallId> CallIds() const;            // ascending
  std::vector<QueueId> QueueIds() const;          // ascending
  // Checks the engine's internal indexes against its records (for tests).
  core::Status CheckConsistency() const;

 private:
  using Out = Output;
  core::Status Dispatch(const Input& input, Timestamp now, Out& out);
  void RunTimers(Timestamp now, Out& out);
  void FireTimer(const detail::Timer& t, Out& out);
  void Arm(detail::TimerKind kind, std::uint64_t id, std::uint64_t epoch, Timestamp due);
  void Emit(Out& out, Timestamp at, EventBody body);

  // Configuration (engine.cpp).
  core::Status OnUpsertQueue(const QueueConfig& cfg, Timestamp now, Out& out);
  core::Status OnUpsertAgent(const AgentConfig& cfg, Timestamp now, Out& out);

  // Agents (engine_agents.cpp).
  core::Status OnLogin(AgentId id, Timestamp now, Out& out);
  core::Status OnReady(AgentId id, Timestamp now, Out& out);
  core::Status OnNotReady(AgentId id, NotReadyReason reason, bool forced, Timestamp now, Out& out);
  core::Status OnLogout(AgentId id, bool forced, Timestamp now, Out& out);
  core::Status OnWrapUpDone(AgentId id, Timestamp now, Out& out);
  core::Status OnForce(const ForceAgentState& in, Timestamp now, Out& out);
  void SetState(detail::AgentRec& a, AgentState to, NotReadyReason reason, bool forced,
                Timestamp now, Out& out);
  void Release(detail::AgentRec& a, Timestamp now, Out& out);  // available again after a call
  void LeaveCall(detail::AgentRec& a, detail::CallRec& c, bool wrap_up, Timestamp now, Out& out);
  void FinishWrapUp(detail::AgentRec& a, Timestamp now, Out& out);
  void StartSegment(detail::AgentRec& a, const detail::CallRec& c, Timestamp now);
  void EndHold(detail::AgentRec& a, Timestamp now);
  core::Status OnNewDay(Timestamp now, Out& out);

  // Offers (engine_offers.cpp).
  void Offer(detail::AgentRec& a, detail::CallRec& c, OfferKind kind, Timestamp now, Out& out);
  core::Status OnOfferAccepted(CallId call, AgentId agent, Timestamp now, Out& out);
  core::Status OnOfferRejected(CallId call, AgentId agent, Timestamp now, Out& out);
  // Ends a ringing offer; the caller goes back where they belong and the agent is released.
  void EndOffer(detail::AgentRec& a, detail::CallRec& c, OfferEnd how, Timestamp now, Out& out,
                std::optional<AgentState> agent_to = std::nullopt,
                NotReadyReason reason = NotReadyReason::kNone, bool forced = false);

  // Calls in queues (engine_calls.cpp).
  core::Status OnCallArrived(const CallArrived& in, Timestamp now, Out& out);
  core::Status OnCallerHungUp(CallId id, Timestamp now, Out& out);
  core::Status OnAgentHangsUp(CallId id, AgentId agent, Timestamp now, Out& out);
  core::Status OnHold(CallId id, bool hold, Timestamp now, Out& out);
  void Enqueue(detail::CallRec& c, QueueId q, std::optional<QueueEntry> live_via, bool at_head,
               Timestamp now, Out& out);
  void ReturnToQueue(detail::CallRec& c, Timestamp now);
  void RemoveFromQueue(detail::CallRec& c);
  // Requirements and relaxations reached, from the queue's current configuration.
  void RefreshRequirements(detail::CallRec& c, Timestamp now);
  void ArmQueueTimers(detail::CallRec& c, Timestamp now);
  void Overflow(detail::CallRec& c, OverflowReason reason, Timestamp now, Out& out);
  void EndCall(detail::CallRec& c, CallOutcome outcome, Timestamp now, Out& out);
  void Announce(detail::CallRec& c, AnnouncementKind kind, Timestamp now, Out& out);

  // Transfers and consults (engine_transfers.cpp).
  core::Status OnTransferToQueue(CallId id, QueueId q, TransferKind kind, Timestamp now, Out& out);
  core::Status OnTransferToAgent(CallId id, AgentId to, Timestamp now, Out& out);
  core::Status OnTransferToTeamLead(CallId id, Timestamp now, Out& out);
  core::Status OnTransferExternal(CallId id, const std::string& number, Timestamp now, Out& out);
  core::Status OnRequeueAtHead(CallId id, Timestamp now, Out& out);
  core::Status OnStartConsult(const StartConsult& in, Timestamp now, Out& out);
  core::Status OnConsultAnswered(CallId id, Timestamp now, Out& out);
  core::Status OnConsultFailed(CallId id, Timestamp now, Out& out);
  core::Status OnCompleteConsult(CallId id, ConsultOutcome outcome, Timestamp now, Out& out);
  void FailConsult(detail::CallRec& c, OfferEnd how, Timestamp now, Out& out);
  void DropConsultAgent(detail::CallRec& c, bool wrap_up, Timestamp now, Out& out);
  // The consulted party leaves a conference; the agent and the caller talk on.
  void LeaveConference(detail::CallRec& c, Timestamp now, Out& out);

  // Callbacks and outbound (engine_callbacks.cpp).
  core::Status OnCallbackRequested(const CallbackRequested& in, Timestamp now, Out& out);
  core::Status OnScheduleCallback(const ScheduleCallback& in, Timestamp now, Out& out);
  core::Status OnCancelCallback(CallId id, Timestamp now, Out& out);
  core::Status OnOriginateCall(const OriginateCall& in, Timestamp now, Out& out);
  core::Status OnOriginateAnswered(CallId id, Timestamp now, Out& out);
  core::Status OnOriginateFailed(CallId id, Timestamp now, Out& out);
  // A new call's id is free, its queue exists and (for calls to dial) it has a number.
  core::Status CheckNewCall(CallId id, QueueId queue, const std::string* number) const;
  detail::CallRec& NewCall(CallId id, const CallAttributes& attrs, detail::CallKind kind,
                           Timestamp now);

  // Routing (routing.cpp).
  void IndexReady(detail::AgentRec& a);
  void UnindexReady(detail::AgentRec& a);
  detail::ReadyKey ReadyKeyFor(const detail::AgentRec& a, const detail::Membership& m,
                               const detail::QueueRec& q) const;
  bool Eligible(const detail::AgentRec& a, const detail::CallRec& c, Timestamp now) const;
  detail::AgentRec* PickAgent(const detail::CallRec& c, Timestamp now);
  detail::CallRec* PickCall(const detail::AgentRec& a, Timestamp now);
  // Passes `a` over for caller `c` for the re-offer delay.
  void Decline(detail::CallRec& c, const detail::AgentRec& a, Timestamp now);
  // Routing is asked for during an input and runs after it (FlushRouting), in order.
  void RouteCall(detail::CallRec& c);
  void RouteAgent(detail::AgentRec& a);
  void RouteQueue(detail::QueueRec& q);
  void FlushRouting(Timestamp now, Out& out);
  static OfferKind OfferKindFor(const detail::CallRec& c);
  std::vector<SkillRequirement> NeedsFor(const detail::QueueRec& q,
                                         const CallAttributes& attrs) const;

  // Lookups that turn unknown ids into errors.
  core::Result<detail::AgentRec*> FindAgent(AgentId id);
  core::Result<detail::CallRec*> FindCall(CallId id);
  core::Result<detail::QueueRec*> FindQueue(QueueId id);
  core::Result<detail::CallRec*> FindActiveCall(CallId id);  // answered and not in a consult
  detail::AgentRec& AgentOf(AgentId id) { return agents_.at(id); }
  detail::QueueRec& QueueOf(QueueId id) { return queues_.at(id); }

  EngineConfig config_;
  std::unordered_map<AgentId, detail::AgentRec> agents_;
  std::unordered_map<CallId, detail::CallRec> calls_;
  std::unordered_map<QueueId, detail::QueueRec> queues_;
  std::priority_queue<detail::Timer, std::vector<detail::Timer>, std::greater<>> timers_;
  std::uint64_t timer_seq_ = 0;
  std::uint64_t wait_seq_ = 0;
  std::optional<Timestamp> last_now_;
  struct RouteRequest {
    CallId call;    // route this waiting caller, or
    AgentId agent;  // this ready agent
  };
  std::vector<RouteRequest> route_queue_;
};

}  // namespace cc::acd
