// Agent states: login, ready, not-ready, logout, forced changes, leaving a
// call, wrap-up. A change asked for during a call waits until it ends.
#include <fmt/format.h>

#include "acd/engine.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;
using namespace detail;

namespace {
bool Busy(AgentState s) {
  return s == AgentState::kReserved || s == AgentState::kOnCall || s == AgentState::kOnHold ||
         s == AgentState::kWrapUp;
}
}  // namespace

void Engine::SetState(AgentRec& a, AgentState to, NotReadyReason reason, bool forced, Timestamp now,
                      Out& out) {
  if (to != AgentState::kNotReady) reason = NotReadyReason::kNone;
  // A change waiting for the call to end lapses once the agent is free by another way.
  if (to == AgentState::kReady || to == AgentState::kNotReady || to == AgentState::kLoggedOut)
    a.pending.reset();
  if (a.state == to && a.reason == reason) return;
  const AgentState from = a.state;
  if (from == AgentState::kReady) UnindexReady(a);
  if ((from == AgentState::kLoggedOut) != (to == AgentState::kLoggedOut)) {
    const int delta = to == AgentState::kLoggedOut ? -1 : 1;
    for (const auto& m : a.memberships) QueueOf(m.queue).logged_in += delta;
    if (to != AgentState::kLoggedOut) a.idle_since = now;
  }
  a.state = to;
  a.reason = reason;
  a.since = now;
  // A newly ready agent first looks for a caller; only if none fits does it
  // join its queues' ready sets (FlushRouting), which saves an insert and an
  // erase per queue whenever a caller is waiting.
  if (to == AgentState::kReady) RouteAgent(a);
  Emit(out, now, AgentStateChanged{a.config.id, from, to, reason, forced});
}

Status Engine::OnLogin(AgentId id, Timestamp now, Out& out) {
  auto a = FindAgent(id);
  if (!a) return tl::unexpected(a.error());
  if ((*a)->state != AgentState::kLoggedOut)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is already logged in");
  SetState(**a, AgentState::kNotReady, NotReadyReason::kLogin, false, now, out);
  return {};
}

Status Engine::OnReady(AgentId id, Timestamp now, Out& out) {
  auto found = FindAgent(id);
  if (!found) return tl::unexpected(found.error());
  AgentRec& a = **found;
  a.pending.reset();
  switch (a.state) {
    case AgentState::kLoggedOut:
    case AgentState::kNotReady:
      a.missed_in_row = 0;
      SetState(a, AgentState::kReady, NotReadyReason::kNone, false, now, out);
      break;
    case AgentState::kWrapUp:
      FinishWrapUp(a, now, out);
      break;
    default:
      break;  // ready already, or will be once the call ends
  }
  return {};
}

Status Engine::OnNotReady(AgentId id, NotReadyReason reason, bool forced, Timestamp now, Out& out) {
  auto found = FindAgent(id);
  if (!found) return tl::unexpected(found.error());
  AgentRec& a = **found;
  if (reason == NotReadyReason::kNone)
    return Fail(ErrorCode::kInvalidArgument, "not-ready needs a reason");
  switch (a.state) {
    case AgentState::kLoggedOut:
      return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not logged in");
    case AgentState::kReady:
    case AgentState::kNotReady:
      SetState(a, AgentState::kNotReady, reason, forced, now, out);
      break;
    case AgentState::kReserved: {
      CallRec& c = calls_.at(a.call);
      if (c.phase == CallPhase::kConsulting && c.consult && c.consult->agent == id) {
        // A consult rings here: only the consult fails; the caller stays with their agent.
        a.pending = PendingState{AgentState::kNotReady, reason, forced};
        FailConsult(c, OfferEnd::kCancelled, now, out);
      } else {
        EndOffer(a, c, OfferEnd::kCancelled, now, out, AgentState::kNotReady, reason, forced);
      }
      break;
    }
    default:
      a.pending = PendingState{AgentState::kNotReady, reason, forced};
      break;
  }
  return {};
}

Status Engine::OnLogout(AgentId id, bool forced, Timestamp now, Out& out) {
  auto found = FindAgent(id);
  if (!found) return tl::unexpected(found.error());
  AgentRec& a = **found;
  switch (a.state) {
    case AgentState::kLoggedOut:
      return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not logged in");
    case AgentState::kReady:
    case AgentState::kNotReady:
      SetState(a, AgentState::kLoggedOut, NotReadyReason::kNone, forced, now, out);
      break;
    case AgentState::kReserved: {
      CallRec& c = calls_.at(a.call);
      if (c.phase == CallPhase::kConsulting && c.consult && c.consult->agent == id) {
        a.pending = PendingState{AgentState::kLoggedOut, NotReadyReason::kNone, forced};
        FailConsult(c, OfferEnd::kCancelled, now, out);
      } else {
        EndOffer(a, c, OfferEnd::kCancelled, now, out, AgentState::kLoggedOut,
                 NotReadyReason::kNone, forced);
      }
      break;
    }
    default:
      a.pending = PendingState{AgentState::kLoggedOut, NotReadyReason::kNone, forced};
      break;
  }
  return {};
}

Status Engine::OnWrapUpDone(AgentId id, Timestamp now, Out& out) {
  auto found = FindAgent(id);
  if (!found) return tl::unexpected(found.error());
  if ((*found)->state != AgentState::kWrapUp)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not in wrap-up");
  FinishWrapUp(**found, now, out);
  return {};
}

Status Engine::OnForce(const ForceAgentState& in, Timestamp now, Out& out) {
  auto found = FindAgent(in.agent);
  if (!found) return tl::unexpected(found.error());
  AgentRec& a = **found;
  switch (in.state) {
    case AgentState::kReady:
      if (a.state == AgentState::kLoggedOut || a.state == AgentState::kNotReady) {
        a.missed_in_row = 0;
        SetState(a, AgentState::kReady, NotReadyReason::kNone, true, now, out);
      } else if (Busy(a.state)) {
        a.pending = PendingState{AgentState::kReady, NotReadyReason::kNone, true};
      }
      return {};
    case AgentState::kNotReady:
      return OnNotReady(in.agent,
                        in.reason == NotReadyReason::kNone ? NotReadyReason::kOther : in.reason,
                        true, now, out);
    case AgentState::kLoggedOut:
      return OnLogout(in.agent, true, now, out);
    default:
      return Fail(ErrorCode::kInvalidArgument,
                  "a supervisor can set ready, not-ready or logged-out, not " +
                      std::string(ToString(in.state)));
  }
}

Status Engine::OnNewDay(Timestamp now, Out& out) {
  (void)now;
  (void)out;
  for (auto& [id, a] : agents_) {
    a.calls_today = 0;
    if (a.state == AgentState::kReady) {
      UnindexReady(a);
      IndexReady(a);
    }
  }
  return {};
}

void Engine::Release(AgentRec& a, Timestamp now, Out& out) {
  a.call = {};
  if (a.pending) {
    PendingState p = *a.pending;
    a.pending.reset();
    if (p.state == AgentState::kReady) a.missed_in_row = 0;
    SetState(a, p.state, p.reason, p.forced, now, out);
  } else {
    SetState(a, AgentState::kReady, NotReadyReason::kNone, false, now, out);
  }
}

void Engine::StartSegment(AgentRec& a, const CallRec& c, Timestamp now) {
  a.segment = Segment{c.id, c.queue, now, now, false, Duration{}, Duration{}};
}

void Engine::EndHold(AgentRec& a, Timestamp now) {
  if (a.segment && a.segment->on_hold) {
    a.segment->hold += now - a.segment->hold_started;
    a.segment->on_hold = false;
  }
}

void Engine::LeaveCall(AgentRec& a, CallRec& c, bool wrap_up, Timestamp now, Out& out) {
  EndHold(a, now);
  Segment seg = a.segment.value_or(Segment{c.id, c.queue, now, now, false, Duration{}, Duration{}});
  seg.talk = now - seg.answered - seg.hold;
  a.segment = seg;
  Emit(out, now, AgentLeftCall{c.id, a.config.id, seg.queue, seg.talk, seg.hold});
  a.call = {};
  const Duration wrap = QueueOf(seg.queue).config.wrap_up;
  if (!wrap_up) {
    a.segment.reset();
    Release(a, now, out);
  } else if (wrap.count() == 0) {
    a.wrap_started = now;
    FinishWrapUp(a, now, out);
  } else {
    a.wrap_started = now;
    a.epoch++;
    SetState(a, AgentState::kWrapUp, NotReadyReason::kNone, false, now, out);
    out.commands.push_back(StartWrapUp{a.config.id, c.id, wrap});
    Arm(TimerKind::kWrapUp, a.config.id.value(), a.epoch, now + wrap);
  }
}

void Engine::FinishWrapUp(AgentRec& a, Timestamp now, Out& out) {
  a.epoch++;
  if (a.segment) {
    const Segment& s = *a.segment;
    const Duration wrap = now - a.wrap_started;
    Emit(out, now, CallHandled{s.call, a.config.id, s.queue, s.talk, s.hold, wrap});
    QueueRec& q = QueueOf(s.queue);
    q.handled_total += s.talk + s.hold + wrap;
    q.handled_count++;
    a.segment.reset();
  }
  if (a.state == AgentState::kWrapUp) out.commands.push_back(EndWrapUp{a.config.id});
  a.idle_since = now;  // only a handled call's end moves an agent back in the idle order
  Release(a, now, out);
}

}  // namespace cc::acd
