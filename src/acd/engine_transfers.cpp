// Transfers and consults. The transferring agent always leaves through
// LeaveCall (wrap-up), the caller always lands somewhere: another queue, an
// agent (back to the head of the queue if that agent does not answer), an
// external number, or back with the agent after a consult.
#include <fmt/format.h>

#include "acd/engine.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;
using namespace detail;

Status Engine::OnTransferToQueue(CallId id, QueueId qid, TransferKind kind, Timestamp now,
                                 Out& out) {
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  auto fq = FindQueue(qid);
  if (!fq) return tl::unexpected(fq.error());
  CallRec& c = **fc;
  AgentRec& a = AgentOf(c.agent);
  Emit(out, now, CallTransferred{c.id, a.config.id, kind, qid, {}, {}});
  LeaveCall(a, c, true, now, out);
  Enqueue(c, qid, QueueEntry::kTransfer, false, now, out);
  Decline(c, a, now);  // not straight back to the agent who transferred
  RouteCall(c);
  return {};
}

Status Engine::OnTransferToTeamLead(CallId id, Timestamp now, Out& out) {
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  const AgentRec& a = AgentOf((*fc)->agent);
  if (!a.config.team_lead_queue)
    return Fail(ErrorCode::kFailedPrecondition, Name(a.config.id) + " has no team-lead group");
  return OnTransferToQueue(id, *a.config.team_lead_queue, TransferKind::kTeamLead, now, out);
}

Status Engine::OnTransferToAgent(CallId id, AgentId to, Timestamp now, Out& out) {
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  auto fb = FindAgent(to);
  if (!fb) return tl::unexpected(fb.error());
  CallRec& c = **fc;
  AgentRec& b = **fb;
  if (b.state != AgentState::kReady)
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("{} is {}, not ready", Name(to), ToString(b.state)));
  AgentRec& a = AgentOf(c.agent);
  Emit(out, now, CallTransferred{c.id, a.config.id, TransferKind::kAgent, {}, to, {}});
  LeaveCall(a, c, true, now, out);
  Offer(b, c, OfferKind::kTransfer, now, out);
  return {};
}

Status Engine::OnTransferExternal(CallId id, const std::string& number, Timestamp now, Out& out) {
  if (number.empty())
    return Fail(ErrorCode::kInvalidArgument, "an external transfer needs a number");
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  AgentRec& a = AgentOf(c.agent);
  out.commands.push_back(TransferOut{c.id, number});
  Emit(out, now, CallTransferred{c.id, a.config.id, TransferKind::kExternal, {}, {}, number});
  LeaveCall(a, c, true, now, out);
  EndCall(c, CallOutcome::kTransferredOut, now, out);
  return {};
}

Status Engine::OnRequeueAtHead(CallId id, Timestamp now, Out& out) {
  auto fc = FindActiveCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  AgentRec& a = AgentOf(c.agent);
  Emit(out, now, CallRequeued{c.id, c.queue, a.config.id});
  LeaveCall(a, c, true, now, out);
  Enqueue(c, c.queue, QueueEntry::kRequeue, true, now, out);
  Decline(c, a, now);
  RouteCall(c);
  return {};
}

Status Engine::OnStartConsult(const StartConsult& in, Timestamp now, Out& out) {
  auto fc = FindActiveCall(in.call);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  AgentRec& a = AgentOf(c.agent);
  AgentRec* b = nullptr;
  switch (in.target.kind) {
    case ConsultTargetKind::kAgent: {
      auto fb = FindAgent(in.target.agent);
      if (!fb) return tl::unexpected(fb.error());
      if ((*fb)->state != AgentState::kReady)
        return Fail(
            ErrorCode::kFailedPrecondition,
            fmt::format("{} is {}, not ready", Name(in.target.agent), ToString((*fb)->state)));
      b = *fb;
      break;
    }
    case ConsultTargetKind::kQueue: {
      auto fq = FindQueue(in.target.queue);
      if (!fq) return tl::unexpected(fq.error());
      if ((*fq)->ready.empty())
        return Fail(ErrorCode::kFailedPrecondition,
                    fmt::format("nobody is ready in queue-{}", in.target.queue.value()));
      b = &AgentOf(AgentId((*fq)->ready.begin()->agent));
      break;
    }
    case ConsultTargetKind::kExternal:
      if (in.target.number.empty())
        return Fail(ErrorCode::kInvalidArgument, "an external consult needs a number");
      break;
  }
  if (c.phase == CallPhase::kTalking) {
    a.segment->on_hold = true;
    a.segment->hold_started = now;
    out.commands.push_back(HoldCaller{c.id});
    Emit(out, now, CallHeld{c.id, a.config.id});
    SetState(a, AgentState::kOnHold, NotReadyReason::kNone, false, now, out);
  }
  c.phase = CallPhase::kConsulting;
  c.epoch++;
  c.consult = Consult{in.target, b ? b->config.id : AgentId{}, false};
  Emit(out, now, ConsultStarted{c.id, a.config.id, in.target});
  if (b) {
    const Duration ring = QueueOf(c.queue).config.ring_timeout;
    b->call = c.id;
    Arm(TimerKind::kRing, c.id.value(), c.epoch, now + ring);
    out.commands.push_back(OfferCall{c.id, b->config.id, OfferKind::kConsult, ring});
    Emit(out, now, CallOffered{c.id, b->config.id, c.queue, OfferKind::kConsult});
    SetState(*b, AgentState::kReserved, NotReadyReason::kNone, false, now, out);
  } else {
    out.commands.push_back(DialConsult{c.id, a.config.id, in.target.number});
  }
  return {};
}

Status Engine::OnConsultAnswered(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase != CallPhase::kConsulting || c.consult->agent.valid() || c.consult->connected)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " has no external consult ringing");
  c.consult->connected = true;
  c.epoch++;
  Emit(out, now, ConsultConnected{c.id, c.agent, std::nullopt});
  return {};
}

Status Engine::OnConsultFailed(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase != CallPhase::kConsulting || c.consult->agent.valid() || c.consult->connected)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " has no external consult ringing");
  FailConsult(c, OfferEnd::kCancelled, now, out);
  return {};
}

void Engine::FailConsult(CallRec& c, OfferEnd how, Timestamp now, Out& out) {
  if (c.consult->agent.valid()) {
    AgentRec& b = AgentOf(c.consult->agent);
    out.commands.push_back(CancelOffer{c.id, b.config.id});
    Emit(out, now, OfferEnded{c.id, b.config.id, how});
    b.call = {};
    if (how == OfferEnd::kExpired) b.missed_in_row++;
    if (how == OfferEnd::kExpired && b.missed_in_row >= config_.missed_offers_limit)
      SetState(b, AgentState::kNotReady, NotReadyReason::kMissedOffers, false, now, out);
    else
      Release(b, now, out);
  } else {
    out.commands.push_back(DropConsult{c.id, c.agent});
  }
  Emit(out, now, ConsultEnded{c.id, c.agent, ConsultOutcome::kReturn, true});
  c.consult.reset();
  c.phase = CallPhase::kOnHold;  // the caller still holds; the agent resumes or tries again
  c.epoch++;
}

void Engine::DropConsultAgent(CallRec& c, bool wrap_up, Timestamp now, Out& out) {
  if (!c.consult) return;
  const Consult cons = *c.consult;
  c.consult.reset();
  c.epoch++;
  if (!cons.agent.valid()) {
    out.commands.push_back(DropConsult{c.id, c.agent});
    return;
  }
  AgentRec& b = AgentOf(cons.agent);
  if (!cons.connected) {
    out.commands.push_back(CancelOffer{c.id, b.config.id});
    Emit(out, now, OfferEnded{c.id, b.config.id, OfferEnd::kCancelled});
    Release(b, now, out);
    return;
  }
  out.commands.push_back(DropConsult{c.id, c.agent});
  LeaveCall(b, c, wrap_up, now, out);  // a consult alone never moves b in the idle order
}

void Engine::LeaveConference(CallRec& c, Timestamp now, Out& out) {
  AgentRec& a = AgentOf(c.agent);
  DropConsultAgent(c, true, now, out);  // a colleague who talked to the caller wraps up
  Emit(out, now, ConsultEnded{c.id, a.config.id, ConsultOutcome::kReturn, false});
  c.phase = CallPhase::kTalking;
  out.commands.push_back(ResumeCaller{c.id, a.config.id});  // the caller and the agent, as a pair again
}

Status Engine::OnCompleteConsult(CallId id, ConsultOutcome outcome, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase == CallPhase::kConference && outcome == ConsultOutcome::kReturn) {
    // The agent lets the third party go (or an outside number hung up).
    LeaveConference(c, now, out);
    return {};
  }
  if (c.phase != CallPhase::kConsulting)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " has no consult in progress");
  AgentRec& a = AgentOf(c.agent);
  if (outcome != ConsultOutcome::kReturn && !c.consult->connected)
    return Fail(ErrorCode::kFailedPrecondition,
                Name(id) + ": the consulted party has not answered yet");
  switch (outcome) {
    case ConsultOutcome::kReturn:
      DropConsultAgent(c, false, now, out);
      Emit(out, now, ConsultEnded{c.id, a.config.id, outcome, false});
      c.phase = CallPhase::kTalking;
      EndHold(a, now);
      out.commands.push_back(ResumeCaller{c.id, a.config.id});
      Emit(out, now, CallResumed{c.id, a.config.id});
      SetState(a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
      return {};
    case ConsultOutcome::kTransfer: {
      const Consult cons = *c.consult;
      Emit(out, now, ConsultEnded{c.id, a.config.id, outcome, false});
      if (cons.agent.valid()) {
        AgentRec& b = AgentOf(cons.agent);
        out.commands.push_back(Bridge{c.id, b.config.id});
        Emit(out, now,
             CallTransferred{c.id, a.config.id, TransferKind::kConsult, {}, b.config.id, {}});
        c.consult.reset();
        c.agent = b.config.id;
        c.phase = CallPhase::kTalking;
        b.calls_today++;
        LeaveCall(a, c, true, now, out);
      } else {
        out.commands.push_back(TransferOut{c.id, cons.target.number});
        Emit(
            out, now,
            CallTransferred{c.id, a.config.id, TransferKind::kConsult, {}, {}, cons.target.number});
        LeaveCall(a, c, true, now, out);
        EndCall(c, CallOutcome::kTransferredOut, now, out);
      }
      return {};
    }
    case ConsultOutcome::kConference:
      out.commands.push_back(Conference{c.id});
      Emit(out, now, ConsultEnded{c.id, a.config.id, outcome, false});
      c.phase = CallPhase::kConference;
      EndHold(a, now);
      SetState(a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
      return {};
  }
  return {};
}

}  // namespace cc::acd
