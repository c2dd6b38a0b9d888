#include "acd/describe.h"

#include <fmt/format.h>

#include "core/overloaded.h"

namespace cc::acd {

using core::Overloaded;

namespace {

struct Printer {
  const Namer& n;
  std::string A(AgentId id) const {
    if (!id.valid()) return "-";
    return n.agent ? n.agent(id) : fmt::format("agent-{}", id.value());
  }
  std::string C(CallId id) const {
    return n.call ? n.call(id) : fmt::format("call-{}", id.value());
  }
  std::string Q(QueueId id) const {
    if (!id.valid()) return "-";
    return n.queue ? n.queue(id) : fmt::format("queue-{}", id.value());
  }
  static std::string D(Duration d) {
    if (d.count() % 1000 == 0) return fmt::format("{}s", d.count() / 1000);
    return fmt::format("{:.1f}s", d.count() / 1000.0);
  }
};

std::string_view AnnouncementName(AnnouncementKind k) {
  return k == AnnouncementKind::kPosition ? "position" : "no-agents";
}

std::string_view HangUpName(HangUpReason r) {
  switch (r) {
    case HangUpReason::kQueueFull:
      return "queue-full";
    case HangUpReason::kCallbackRequested:
      return "callback-requested";
    case HangUpReason::kAgentEnded:
      return "agent-ended";
  }
  return "unknown";
}

std::string TargetText(const Printer& p, const ConsultTarget& t) {
  switch (t.kind) {
    case ConsultTargetKind::kAgent:
      return "agent:" + p.A(t.agent);
    case ConsultTargetKind::kQueue:
      return "queue:" + p.Q(t.queue);
    case ConsultTargetKind::kExternal:
      return "external:" + t.number;
  }
  return "?";
}

}  // namespace

std::string CommandName(const Command& command) {
  static constexpr const char* kNames[] = {
      "offer",          "cancel-offer",  "bridge",       "announce",     "offer-callback",
      "move-to-queue",  "hold",          "resume",       "originate",    "dial-consult",
      "bridge-consult", "conference",    "drop-consult", "transfer-out", "disconnect-agent",
      "hang-up",        "start-wrap-up", "end-wrap-up"};
  static_assert(std::size(kNames) == std::variant_size_v<Command>);
  return kNames[command.index()];
}

std::string Describe(const Command& command, const Namer& names) {
  Printer p{names};
  const std::string head = CommandName(command);
  const std::string rest = std::visit(
      Overloaded{
          [&](const OfferCall& c) {
            return fmt::format("{} to {} ({}, rings {})", p.C(c.call), p.A(c.agent),
                               ToString(c.kind), Printer::D(c.ring_timeout));
          },
          [&](const CancelOffer& c) { return fmt::format("{} at {}", p.C(c.call), p.A(c.agent)); },
          [&](const Bridge& c) { return fmt::format("{} with {}", p.C(c.call), p.A(c.agent)); },
          [&](const acd::Announce& c) {
            return fmt::format("{} {} position={} expected-wait={}", p.C(c.call),
                               AnnouncementName(c.kind), c.position, Printer::D(c.expected_wait));
          },
          [&](const OfferCallbackChoice& c) { return p.C(c.call); },
          [&](const MoveToQueue& c) {
            return fmt::format("{} from {} to {}", p.C(c.call), p.Q(c.from), p.Q(c.to));
          },
          [&](const HoldCaller& c) { return p.C(c.call); },
          [&](const ResumeCaller& c) {
            return fmt::format("{} with {}", p.C(c.call), p.A(c.agent));
          },
          [&](const Originate& c) {
            return fmt::format("{} for {} to {}", p.C(c.call), p.A(c.agent), c.number);
          },
          [&](const DialConsult& c) {
            return fmt::format("{} for {} to {}", p.C(c.call), p.A(c.agent), c.number);
          },
          [&](const BridgeConsult& c) {
            return fmt::format("{}: {} with {}", p.C(c.call), p.A(c.agent), p.A(c.with_agent));
          },
          [&](const Conference& c) { return p.C(c.call); },
          [&](const DropConsult& c) { return fmt::format("{} for {}", p.C(c.call), p.A(c.agent)); },
          [&](const TransferOut& c) { return fmt::format("{} to {}", p.C(c.call), c.number); },
          [&](const DisconnectAgent& c) {
            return fmt::format("{} from {}", p.A(c.agent), p.C(c.call));
          },
          [&](const HangUpCaller& c) {
            return fmt::format("{} ({})", p.C(c.call), HangUpName(c.reason));
          },
          [&](const StartWrapUp& c) {
            return fmt::format("{} after {} for {}", p.A(c.agent), p.C(c.call),
                               Printer::D(c.duration));
          },
          [&](const EndWrapUp& c) { return p.A(c.agent); },
      },
      command);
  return head + " " + rest;
}

std::string Describe(const EventBody& event, const Namer& names) {
  Printer p{names};
  const std::string rest = std::visit(
      Overloaded{
          [&](const QueueConfigured& e) {
            return fmt::format("queue={} name={}", p.Q(e.queue), e.name);
          },
          [&](const AgentConfigured& e) {
            return fmt::format("agent={} queues={} skills={}", p.A(e.agent), e.queues.size(),
                               e.skills.size());
          },
          [&](const AgentStateChanged& e) {
            std::string s =
                fmt::format("agent={} {} -> {}", p.A(e.agent), ToString(e.from), ToString(e.to));
            if (e.reason != NotReadyReason::kNone)
              s += fmt::format(" reason={}", ToString(e.reason));
            if (e.forced) s += " forced";
            return s;
          },
          [&](const CallQueued& e) {
            return fmt::format("call={} queue={} via={} priority={}", p.C(e.call), p.Q(e.queue),
                               ToString(e.via), e.priority);
          },
          [&](const CallbackQueued& e) {
            return fmt::format("call={} queue={} via={} number={}", p.C(e.call), p.Q(e.queue),
                               ToString(e.via), e.number);
          },
          [&](const CallbackScheduled& e) {
            return fmt::format("call={} queue={} due={}", p.C(e.call), p.Q(e.queue),
                               core::FormatUtc(e.due));
          },
          [&](const CallOffered& e) {
            return fmt::format("call={} agent={} queue={} kind={}", p.C(e.call), p.A(e.agent),
                               p.Q(e.queue), ToString(e.kind));
          },
          [&](const OfferEnded& e) {
            return fmt::format("call={} agent={} how={}", p.C(e.call), p.A(e.agent),
                               ToString(e.how));
          },
          [&](const CallAnswered& e) {
            return fmt::format("call={} agent={} queue={} wait={}", p.C(e.call), p.A(e.agent),
                               p.Q(e.queue), Printer::D(e.wait));
          },
          [&](const CallAbandoned& e) {
            return fmt::format("call={} queue={} wait={}", p.C(e.call), p.Q(e.queue),
                               Printer::D(e.wait));
          },
          [&](const CallOverflowed& e) {
            return fmt::format("call={} from={} to={} reason={} wait={}", p.C(e.call), p.Q(e.from),
                               p.Q(e.to), ToString(e.reason), Printer::D(e.wait));
          },
          [&](const CallbackChosen& e) {
            return fmt::format("call={} queue={} wait={}", p.C(e.call), p.Q(e.queue),
                               Printer::D(e.wait));
          },
          [&](const CallRejected& e) {
            return fmt::format("call={} queue={}", p.C(e.call), p.Q(e.queue));
          },
          [&](const CallbackOffered& e) {
            return fmt::format("call={} queue={}", p.C(e.call), p.Q(e.queue));
          },
          [&](const CallConnected& e) {
            return fmt::format("call={} agent={} queue={} kind={}", p.C(e.call), p.A(e.agent),
                               p.Q(e.queue), ToString(e.kind));
          },
          [&](const CallHeld& e) {
            return fmt::format("call={} agent={}", p.C(e.call), p.A(e.agent));
          },
          [&](const CallResumed& e) {
            return fmt::format("call={} agent={}", p.C(e.call), p.A(e.agent));
          },
          [&](const ConsultStarted& e) {
            return fmt::format("call={} agent={} target={}", p.C(e.call), p.A(e.agent),
                               TargetText(p, e.target));
          },
          [&](const ConsultConnected& e) {
            return fmt::format("call={} agent={} with={}", p.C(e.call), p.A(e.agent),
                               e.with_agent ? p.A(*e.with_agent) : std::string("external"));
          },
          [&](const ConsultEnded& e) {
            return fmt::format("call={} agent={} outcome={}{}", p.C(e.call), p.A(e.agent),
                               ToString(e.outcome), e.failed ? " failed" : "");
          },
          [&](const CallTransferred& e) {
            std::string to = e.kind == TransferKind::kExternal || !e.number.empty() ? e.number
                             : e.to_agent.valid() ? p.A(e.to_agent)
                                                  : p.Q(e.queue);
            return fmt::format("call={} from={} kind={} to={}", p.C(e.call), p.A(e.from_agent),
                               ToString(e.kind), to);
          },
          [&](const CallRequeued& e) {
            return fmt::format("call={} queue={} agent={}", p.C(e.call), p.Q(e.queue),
                               p.A(e.agent));
          },
          [&](const AgentLeftCall& e) {
            return fmt::format("call={} agent={} talk={} hold={}", p.C(e.call), p.A(e.agent),
                               Printer::D(e.talk), Printer::D(e.hold));
          },
          [&](const CallHandled& e) {
            return fmt::format("call={} agent={} queue={} talk={} hold={} wrap-up={}", p.C(e.call),
                               p.A(e.agent), p.Q(e.queue), Printer::D(e.talk), Printer::D(e.hold),
                               Printer::D(e.wrap_up));
          },
          [&](const CallEnded& e) {
            return fmt::format("call={} queue={} outcome={}", p.C(e.call), p.Q(e.queue),
                               ToString(e.outcome));
          },
      },
      event);
  return std::string(EventName(event)) + " " + rest;
}

}  // namespace cc::acd
