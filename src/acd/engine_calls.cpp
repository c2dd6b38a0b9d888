// Calls in queues: arrival, limits, overflow, announcements, hold, and
// hang-up at any stage. Every path that ends a call goes through EndCall.
#include <fmt/format.h>

#include <algorithm>

#include "acd/engine.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;
using namespace detail;

CallRec& Engine::NewCall(CallId id, const CallAttributes& attrs, CallKind kind, Timestamp now) {
  CallRec& c = calls_[id];
  c.id = id;
  c.attrs = attrs;
  c.kind = kind;
  c.arrived = now;
  c.enqueued = now;
  return c;
}

Status Engine::CheckNewCall(CallId id, QueueId queue, const std::string* number) const {
  if (!id.valid()) return Fail(ErrorCode::kInvalidArgument, "a call needs an id");
  if (calls_.contains(id))
    return Fail(ErrorCode::kAlreadyExists, Name(id) + " is already in progress");
  if (number && number->empty())
    return Fail(ErrorCode::kInvalidArgument, Name(id) + " needs a number to dial");
  if (!queues_.contains(queue)) return Fail(ErrorCode::kNotFound, Name(queue) + " does not exist");
  return {};
}

Status Engine::OnCallArrived(const CallArrived& in, Timestamp now, Out& out) {
  if (auto s = CheckNewCall(in.call, in.queue, nullptr); !s) return s;
  for (const auto& r : in.attributes.required_skills)
    if (r.min_level < 1 || r.min_level > 10)
      return Fail(ErrorCode::kInvalidArgument, Name(in.call) + ": skill levels are 1..10");
  QueueRec& q = QueueOf(in.queue);
  CallRec& c = NewCall(in.call, in.attributes, CallKind::kInbound, now);
  Enqueue(c, q.config.id, QueueEntry::kArrival, false, now, out);
  if (q.config.max_callers > 0 && q.live_waiting > q.config.max_callers) {
    if (q.config.overflow.kind == OverflowKind::kQueue) {
      Overflow(c, OverflowReason::kQueueFull, now, out);
    } else {
      Emit(out, now, CallRejected{c.id, q.config.id});
      out.commands.push_back(HangUpCaller{c.id, HangUpReason::kQueueFull});
      EndCall(c, CallOutcome::kRejected, now, out);
    }
    return {};
  }
  if (q.logged_in == 0) {
    switch (q.config.when_no_agents) {
      case NoAgentsAction::kWait:
        break;
      case NoAgentsAction::kOverflow:
        Announce(c, AnnouncementKind::kNoAgents, now, out);
        Overflow(c, OverflowReason::kNoAgents, now, out);
        return {};
      case NoAgentsAction::kOfferCallback:
        Announce(c, AnnouncementKind::kNoAgents, now, out);
        c.callback_offered = true;
        out.commands.push_back(OfferCallbackChoice{c.id});
        Emit(out, now, CallbackOffered{c.id, c.queue});
        break;
    }
  }
  RouteCall(c);
  return {};
}

void Engine::Enqueue(CallRec& c, QueueId qid, std::optional<QueueEntry> live_via, bool at_head,
                     Timestamp now, Out& out) {
  QueueRec& q = QueueOf(qid);
  c.queue = qid;
  c.phase = CallPhase::kQueued;
  c.agent = {};
  c.enqueued = now;
  c.needs = NeedsFor(q, c.attrs);
  c.relax_step = 0;
  c.declined.clear();
  c.key = WaitKey{at_head ? 0 : 1, -c.attrs.priority, core::ToMillis(c.arrived), ++wait_seq_};
  q.waiting.emplace(c.key, c.id);
  c.in_waiting = true;
  if (c.kind == CallKind::kInbound) q.live_waiting++;
  c.epoch++;
  if (live_via) {
    c.live_visit = true;
    Emit(out, now, CallQueued{c.id, qid, c.attrs.tenant, *live_via, c.attrs.priority});
  }
  ArmQueueTimers(c, now);
}

void Engine::ReturnToQueue(CallRec& c, Timestamp now) {
  QueueRec& q = QueueOf(c.queue);
  c.phase = CallPhase::kQueued;
  c.agent = {};
  RefreshRequirements(c, now);  // the queue may have changed while the offer rang
  q.waiting.emplace(c.key, c.id);
  c.in_waiting = true;
  if (c.kind == CallKind::kInbound) q.live_waiting++;
  c.epoch++;
  ArmQueueTimers(c, now);
}

void Engine::RefreshRequirements(CallRec& c, Timestamp now) {
  const QueueConfig& cfg = QueueOf(c.queue).config;
  c.needs = NeedsFor(QueueOf(c.queue), c.attrs);
  c.relax_step = 0;
  while (c.relax_step < cfg.relaxations.size() &&
         c.enqueued + cfg.relaxations[c.relax_step].after <= now)
    ++c.relax_step;
}

void Engine::RemoveFromQueue(CallRec& c) {
  QueueRec& q = QueueOf(c.queue);
  q.waiting.erase({c.key, c.id});
  c.in_waiting = false;
  if (c.kind == CallKind::kInbound) q.live_waiting--;
}

void Engine::ArmQueueTimers(CallRec& c, Timestamp now) {
  const QueueConfig& cfg = QueueOf(c.queue).config;
  const auto id = c.id.value();
  if (c.kind == CallKind::kInbound) {
    if (cfg.max_wait.count() > 0 && cfg.overflow.kind != OverflowKind::kNone)
      Arm(TimerKind::kMaxWait, id, c.epoch, std::max(now, c.enqueued + cfg.max_wait));
    if (cfg.announce_every.count() > 0)
      Arm(TimerKind::kAnnounce, id, c.epoch, now + cfg.announce_every);
  }
  for (const auto& [agent, until] : c.declined)
    if (until > now) Arm(TimerKind::kRetry, id, c.epoch, until);
  if (c.relax_step < cfg.relaxations.size())
    Arm(TimerKind::kRelax, id, c.epoch,
        std::max(now, c.enqueued + cfg.relaxations[c.relax_step].after));
}

void Engine::Overflow(CallRec& c, OverflowReason reason, Timestamp now, Out& out) {
  const OverflowTarget target = QueueOf(c.queue).config.overflow;
  if (target.kind == OverflowKind::kQueue && c.overflow_hops < config_.max_overflow_hops) {
    const QueueId from = c.queue;
    RemoveFromQueue(c);
    c.overflow_hops++;
    c.live_visit = false;
    Emit(out, now, CallOverflowed{c.id, from, target.queue, reason, now - c.enqueued});
    out.commands.push_back(MoveToQueue{c.id, from, target.queue});
    Enqueue(c, target.queue, QueueEntry::kOverflow, false, now, out);
    RouteCall(c);
  } else if (target.kind == OverflowKind::kCallbackOffer && !c.callback_offered) {
    c.callback_offered = true;
    out.commands.push_back(OfferCallbackChoice{c.id});
    Emit(out, now, CallbackOffered{c.id, c.queue});
  }
}

void Engine::Announce(CallRec& c, AnnouncementKind kind, Timestamp now, Out& out) {
  (void)now;
  const QueueRec& q = QueueOf(c.queue);
  int position = 0;
  if (c.in_waiting) {
    auto it = q.waiting.find({c.key, c.id});
    position = 1 + static_cast<int>(std::distance(q.waiting.begin(), it));
  }
  const Duration aht =
      q.handled_count > 0 ? q.handled_total / q.handled_count : config_.default_handle_time;
  const Duration ewt = aht * position / std::max(1, q.logged_in);
  out.commands.push_back(acd::Announce{c.id, kind, position, ewt});
}

void Engine::EndCall(CallRec& c, CallOutcome outcome, Timestamp now, Out& out) {
  if (c.in_waiting) RemoveFromQueue(c);
  Emit(out, now, CallEnded{c.id, c.queue, outcome});
  calls_.erase(c.id);
}

Status Engine::OnCallerHungUp(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.kind != CallKind::kInbound && c.phase != CallPhase::kDialing)
    return Fail(ErrorCode::kFailedPrecondition,
                Name(id) + " is a callback not yet dialled; cancel it instead");
  switch (c.phase) {
    case CallPhase::kScheduled:
      return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is a scheduled callback");
    case CallPhase::kQueued:
      Emit(out, now, CallAbandoned{c.id, c.queue, now - c.enqueued});
      EndCall(c, CallOutcome::kAbandoned, now, out);
      return {};
    case CallPhase::kOffered: {
      AgentRec& a = AgentOf(c.agent);
      out.commands.push_back(CancelOffer{c.id, a.config.id});
      Emit(out, now, OfferEnded{c.id, a.config.id, OfferEnd::kCancelled});
      const bool visit = c.offer_kind == OfferKind::kInbound;
      if (visit) Emit(out, now, CallAbandoned{c.id, c.queue, now - c.enqueued});
      EndCall(c, visit ? CallOutcome::kAbandoned : CallOutcome::kCompleted, now, out);
      Release(a, now, out);
      return {};
    }
    case CallPhase::kDialing:
      return OnOriginateFailed(id, now, out);
    case CallPhase::kTalking:
    case CallPhase::kOnHold:
      LeaveCall(AgentOf(c.agent), c, true, now, out);
      EndCall(c, CallOutcome::kCompleted, now, out);
      return {};
    case CallPhase::kConsulting:
    case CallPhase::kConference:
      DropConsultAgent(c, c.phase == CallPhase::kConference, now, out);
      LeaveCall(AgentOf(c.agent), c, true, now, out);
      EndCall(c, CallOutcome::kCompleted, now, out);
      return {};
  }
  return {};
}

Status Engine::OnAgentHangsUp(CallId id, AgentId agent, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  const bool primary = c.agent == agent;
  const bool consulted = c.consult && c.consult->agent == agent;
  const auto not_on_call = Fail(ErrorCode::kFailedPrecondition,
                                fmt::format("agent-{} is not on {}", agent.value(), Name(id)));
  switch (c.phase) {
    case CallPhase::kTalking:
    case CallPhase::kOnHold:
      if (!primary) return not_on_call;
      out.commands.push_back(HangUpCaller{c.id, HangUpReason::kAgentEnded});
      LeaveCall(AgentOf(agent), c, true, now, out);
      EndCall(c, CallOutcome::kCompleted, now, out);
      return {};
    case CallPhase::kDialing:
      if (!primary) return not_on_call;
      return OnOriginateFailed(id, now, out);
    case CallPhase::kConsulting:
      if (primary) {
        if (c.consult->connected) return OnCompleteConsult(id, ConsultOutcome::kTransfer, now, out);
        DropConsultAgent(c, false, now, out);
        out.commands.push_back(HangUpCaller{c.id, HangUpReason::kAgentEnded});
        LeaveCall(AgentOf(agent), c, true, now, out);
        EndCall(c, CallOutcome::kCompleted, now, out);
        return {};
      }
      if (!consulted) return not_on_call;
      if (!c.consult->connected) return OnOfferRejected(id, agent, now, out);
      return OnCompleteConsult(id, ConsultOutcome::kReturn, now, out);
    case CallPhase::kConference:
      if (primary) {
        out.commands.push_back(DisconnectAgent{c.id, agent});
        if (c.consult->agent.valid()) {
          // The colleague keeps the caller, as after a consult transfer.
          AgentRec& b = AgentOf(c.consult->agent);
          out.commands.push_back(Bridge{c.id, b.config.id});
          Emit(out, now, CallTransferred{c.id, agent, TransferKind::kConsult, {}, b.config.id, {}});
          b.calls_today++;
          c.agent = b.config.id;
          c.consult.reset();
          c.phase = CallPhase::kTalking;
          LeaveCall(AgentOf(agent), c, true, now, out);
        } else {
          LeaveCall(AgentOf(agent), c, true, now, out);
          Emit(out, now,
               CallTransferred{
                   c.id, agent, TransferKind::kConsult, {}, {}, c.consult->target.number});
          EndCall(c, CallOutcome::kTransferredOut, now, out);
        }
        return {};
      }
      if (!consulted) return not_on_call;
      LeaveConference(c, now, out);
      return {};
    default:
      return not_on_call;
  }
}

Status Engine::OnHold(CallId id, bool hold, Timestamp now, Out& out) {
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  AgentRec& a = AgentOf(c.agent);
  if (hold == (c.phase == CallPhase::kOnHold))
    return Fail(ErrorCode::kFailedPrecondition,
                Name(id) + (hold ? " is already on hold" : " is not on hold"));
  if (hold) {
    c.phase = CallPhase::kOnHold;
    a.segment->on_hold = true;
    a.segment->hold_started = now;
    out.commands.push_back(HoldCaller{c.id});
    Emit(out, now, CallHeld{c.id, a.config.id});
    SetState(a, AgentState::kOnHold, NotReadyReason::kNone, false, now, out);
  } else {
    c.phase = CallPhase::kTalking;
    EndHold(a, now);
    out.commands.push_back(ResumeCaller{c.id, a.config.id});
    Emit(out, now, CallResumed{c.id, a.config.id});
    SetState(a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
  }
  return {};
}

}  // namespace cc::acd
