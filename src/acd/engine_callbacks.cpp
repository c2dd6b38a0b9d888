// Callbacks and outbound calls: one model. A waiting caller may ask to be
// called back and keeps their place; a callback may be scheduled for a due
// time; an outbound call may be placed for an agent or a queue. When such an
// entry reaches an agent, the agent accepts and the engine asks to dial.
#include <fmt/format.h>

#include "acd/engine.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Status;
using namespace detail;

Status Engine::OnCallbackRequested(const CallbackRequested& in, Timestamp now, Out& out) {
  auto fc = FindCall(in.call);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase != CallPhase::kQueued || c.kind != CallKind::kInbound)
    return Fail(ErrorCode::kFailedPrecondition,
                Name(in.call) + " is not a waiting caller, so it cannot ask for a callback");
  std::string number = in.number;
  if (number.empty() && c.attrs.caller_number) number = *c.attrs.caller_number;
  if (number.empty())
    return Fail(ErrorCode::kInvalidArgument,
                Name(in.call) + ": the caller's number is withheld; a callback needs a number");
  QueueRec& q = QueueOf(c.queue);
  Emit(out, now, CallbackChosen{c.id, c.queue, now - c.enqueued});
  out.commands.push_back(HangUpCaller{c.id, HangUpReason::kCallbackRequested});
  c.kind = CallKind::kCallback;
  c.number = std::move(number);
  c.live_visit = false;
  q.live_waiting--;
  c.epoch++;  // drops max-wait and announcement timers; the place in the queue stays
  ArmQueueTimers(c, now);
  Emit(out, now, CallbackQueued{c.id, c.queue, CallbackEntry::kRequested, c.number});
  return {};
}

Status Engine::OnScheduleCallback(const ScheduleCallback& in, Timestamp now, Out& out) {
  if (auto s = CheckNewCall(in.call, in.queue, &in.number); !s) return s;
  CallRec& c = NewCall(in.call, in.attributes, CallKind::kCallback, now);
  c.number = in.number;
  c.queue = in.queue;
  c.phase = CallPhase::kScheduled;
  c.due = in.due;
  Emit(out, now, CallbackScheduled{c.id, c.queue, in.due});
  Arm(TimerKind::kCallbackDue, c.id.value(), c.epoch, std::max(now, in.due));
  return {};
}

Status Engine::OnCancelCallback(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  const bool pending = c.phase == CallPhase::kScheduled || c.phase == CallPhase::kQueued ||
                       c.phase == CallPhase::kOffered;
  if (c.kind == CallKind::kInbound || !pending)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not a pending callback");
  AgentRec* a = c.phase == CallPhase::kOffered ? &AgentOf(c.agent) : nullptr;
  if (a) {
    out.commands.push_back(CancelOffer{c.id, a->config.id});
    Emit(out, now, OfferEnded{c.id, a->config.id, OfferEnd::kCancelled});
  }
  EndCall(c, CallOutcome::kCallbackCancelled, now, out);
  if (a) Release(*a, now, out);
  return {};
}

Status Engine::OnOriginateCall(const OriginateCall& in, Timestamp now, Out& out) {
  if (auto s = CheckNewCall(in.call, in.queue, &in.number); !s) return s;
  AgentRec* a = nullptr;
  if (in.agent) {
    auto fa = FindAgent(*in.agent);
    if (!fa) return tl::unexpected(fa.error());
    if ((*fa)->state != AgentState::kReady)
      return Fail(
          ErrorCode::kFailedPrecondition,
          fmt::format("agent-{} is {}, not ready", in.agent->value(), ToString((*fa)->state)));
    a = *fa;
  }
  CallRec& c = NewCall(in.call, in.attributes, CallKind::kOutbound, now);
  c.number = in.number;
  if (a) {
    c.queue = in.queue;
    c.phase = CallPhase::kDialing;
    c.agent = a->config.id;
    a->call = c.id;
    out.commands.push_back(Originate{c.id, a->config.id, c.number});
    SetState(*a, AgentState::kOnCall, NotReadyReason::kNone, false, now, out);
  } else {
    Enqueue(c, in.queue, std::nullopt, false, now, out);
    Emit(out, now, CallbackQueued{c.id, c.queue, CallbackEntry::kOriginate, c.number});
    RouteCall(c);
  }
  return {};
}

Status Engine::OnOriginateAnswered(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase != CallPhase::kDialing)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not being dialled");
  AgentRec& a = AgentOf(c.agent);
  const ConnectKind kind =
      c.kind == CallKind::kCallback ? ConnectKind::kCallback : ConnectKind::kOutbound;
  c.kind = CallKind::kInbound;  // a live customer from now on
  c.phase = CallPhase::kTalking;
  a.calls_today++;
  StartSegment(a, c, now);
  Emit(out, now, CallConnected{c.id, a.config.id, c.queue, kind});
  return {};
}

Status Engine::OnOriginateFailed(CallId id, Timestamp now, Out& out) {
  auto fc = FindCall(id);
  if (!fc) return tl::unexpected(fc.error());
  CallRec& c = **fc;
  if (c.phase != CallPhase::kDialing)
    return Fail(ErrorCode::kFailedPrecondition, Name(id) + " is not being dialled");
  AgentRec& a = AgentOf(c.agent);
  EndCall(c, CallOutcome::kCallbackFailed, now, out);
  Release(a, now, out);
  return {};
}

}  // namespace cc::acd
