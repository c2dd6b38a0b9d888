// Offers: ringing an agent, answers, rejections, expiries. A caller is
// offered to one agent at a time, only to a ready one, and an offer that
// ends unanswered puts the caller back in their place.
#include <fmt/format.h>

#include "acd/engine.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;
using namespace detail;

void Engine::Offer(AgentRec& a, CallRec& c, OfferKind kind, Timestamp now, Out& out) {
  if (c.in_waiting) RemoveFromQueue(c);
  QueueRec& q = QueueOf(c.queue);
  for (auto& m : a.memberships)
    if (m.queue == c.queue) m.rr_last = ++q.rr_counter;
  a.call = c.id;
  c.agent = a.config.id;
  c.phase = CallPhase::kOffered;
  c.offer_kind = kind;
  c.epoch++;
  Arm(TimerKind::kRing, c.id.value(), c.epoch, now + q.config.ring_timeout);
  out.commands.push_back(OfferCall{c.id, a.config.id, kind, q.config.ring_timeout});
  Emit(out, now, CallOffered{c.id, a.config.id, c.queue, kind});
  SetState(a, AgentState::kReserved, NotReadyReason::kNone, false, now, out);
}

Status Engine::OnOfferAccepted(CallId call, AgentId agent, Timestamp now, Out& out) {
  auto fc = FindCall(call);
  if (!fc) return tl::unexpected(fc.error());
  auto fa = FindAgent(agent);
  if (!fa) return tl::unexpected(fa.error());
  CallRec& c = **fc;
  AgentRec& a = **fa;
  if (c.phase == CallPhase::kConsulting && c.consult && c.consult->agent == agent &&
      !c.consult->connected) {
    c.consult->connected = true;
    c.epoch++;
    a.missed_in_row = 0;
    StartSegment(a, c, now);
    out.commands.push_back(BridgeConsult{c.id, c.agent, agent});
    Emit(out, now, ConsultConnected{c.id, c.agent, agent});
    SetState(a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
    return {};
  }
  if (c.phase != CallPhase::kOffered || c.agent != agent)
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("call-{} is not ringing at agent-{}", call.value(), agent.value()));
  a.missed_in_row = 0;
  c.epoch++;
  switch (c.offer_kind) {
    case OfferKind::kInbound:
    case OfferKind::kTransfer:
      c.phase = CallPhase::kTalking;
      out.commands.push_back(Bridge{c.id, agent});
      if (c.offer_kind == OfferKind::kInbound) {
        c.live_visit = false;
        Emit(out, now, CallAnswered{c.id, agent, c.queue, now - c.enqueued});
      } else {
        Emit(out, now, CallConnected{c.id, agent, c.queue, ConnectKind::kTransfer});
      }
      a.calls_today++;
      StartSegment(a, c, now);
      break;
    case OfferKind::kCallback:
    case OfferKind::kOutbound:
      c.phase = CallPhase::kDialing;
      out.commands.push_back(Originate{c.id, agent, c.number});
      break;
    case OfferKind::kConsult:
      break;  // handled above
  }
  SetState(a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
  return {};
}

Status Engine::OnOfferRejected(CallId call, AgentId agent, Timestamp now, Out& out) {
  auto fc = FindCall(call);
  if (!fc) return tl::unexpected(fc.error());
  auto fa = FindAgent(agent);
  if (!fa) return tl::unexpected(fa.error());
  CallRec& c = **fc;
  if (c.phase == CallPhase::kConsulting && c.consult && c.consult->agent == agent &&
      !c.consult->connected) {
    FailConsult(c, OfferEnd::kRejected, now, out);
    return {};
  }
  if (c.phase != CallPhase::kOffered || c.agent != agent)
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("call-{} is not ringing at agent-{}", call.value(), agent.value()));
  EndOffer(**fa, c, OfferEnd::kRejected, now, out);
  return {};
}

void Engine::EndOffer(AgentRec& a, CallRec& c, OfferEnd how, Timestamp now, Out& out,
                      std::optional<AgentState> agent_to, NotReadyReason reason, bool forced) {
  out.commands.push_back(CancelOffer{c.id, a.config.id});
  Emit(out, now, OfferEnded{c.id, a.config.id, how});
  if (how == OfferEnd::kExpired) a.missed_in_row++;
  a.call = {};
  c.agent = {};
  // The caller first: back to their place (a named transfer goes to the head).
  if (c.offer_kind == OfferKind::kTransfer) {
    Enqueue(c, c.queue, QueueEntry::kRequeue, true, now, out);
  } else {
    ReturnToQueue(c, now);
  }
  Decline(c, a, now);
  RouteCall(c);
  if (agent_to) {
    SetState(a, *agent_to, reason, forced, now, out);
  } else if (how == OfferEnd::kExpired && a.missed_in_row >= config_.missed_offers_limit) {
    SetState(a, AgentState::kNotReady, NotReadyReason::kMissedOffers, false, now, out);
  } else {
    Release(a, now, out);
  }
}

}  // namespace cc::acd
