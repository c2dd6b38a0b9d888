#include "acd/testing/names.h"

#include <fmt/format.h>

#include "core/overloaded.h"

namespace cc::acd::random_test {

using core::Overloaded;

std::string N(AgentId id) {
  return fmt::format("agent-{}", id.value());
}
std::string N(CallId id) {
  return fmt::format("call-{}", id.value());
}
std::string N(QueueId id) {
  return fmt::format("queue-{}", id.value());
}

std::string Secs(Timestamp t) {
  return fmt::format("{:.3f}s", static_cast<double>(core::ToMillis(t) - kStartMillis) / 1000.0);
}

std::string_view StageName(CallStage s) {
  switch (s) {
    case CallStage::kScheduled:
      return "scheduled";
    case CallStage::kQueued:
      return "queued";
    case CallStage::kOffered:
      return "offered";
    case CallStage::kDialing:
      return "dialing";
    case CallStage::kTalking:
      return "talking";
    case CallStage::kOnHold:
      return "on-hold";
    case CallStage::kConsulting:
      return "consulting";
    case CallStage::kConference:
      return "conference";
  }
  return "?";
}

std::string Skills(const std::vector<SkillRequirement>& reqs) {
  std::string s;
  for (const auto& r : reqs)
    s += fmt::format("{}skill-{}:{}", s.empty() ? "" : ",", r.skill.value(), r.min_level);
  return s.empty() ? "-" : s;
}

std::string DescribeInput(const Input& input) {
  return std::visit(
      Overloaded{
          [](const UpsertQueue& in) {
            const QueueConfig& q = in.config;
            return fmt::format(
                "upsert-queue {} policy={} prio={} skills={} relax={} maxwait={}ms overflow={}:{} "
                "noagents={} wrapup={}ms announce={}ms max={} ring={}ms sl={}ms short={}ms",
                N(q.id), ToString(q.policy), q.priority, Skills(q.required_skills),
                q.relaxations.size(), q.max_wait.count(), static_cast<int>(q.overflow.kind),
                q.overflow.queue.value(), static_cast<int>(q.when_no_agents), q.wrap_up.count(),
                q.announce_every.count(), q.max_callers, q.ring_timeout.count(),
                q.sl_threshold.count(), q.short_abandon.count());
          },
          [](const UpsertAgent& in) {
            const AgentConfig& a = in.config;
            std::string queues, skills;
            for (const auto& m : a.queues) queues += fmt::format(" {}:{}", N(m.queue), m.tier);
            for (const auto& s : a.skills)
              skills += fmt::format(" skill-{}:{}", s.skill.value(), s.level);
            return fmt::format("upsert-agent {} queues=[{}] skills=[{}] teamlead={}", N(a.id),
                               queues, skills, a.team_lead_queue ? N(*a.team_lead_queue) : "-");
          },
          [](const AgentLogin& in) { return fmt::format("login {}", N(in.agent)); },
          [](const AgentReady& in) { return fmt::format("ready {}", N(in.agent)); },
          [](const AgentNotReady& in) {
            return fmt::format("not-ready {} {}", N(in.agent), ToString(in.reason));
          },
          [](const AgentLogout& in) { return fmt::format("logout {}", N(in.agent)); },
          [](const WrapUpDone& in) { return fmt::format("wrap-up-done {}", N(in.agent)); },
          [](const ForceAgentState& in) {
            return fmt::format("force {} {} {}", N(in.agent), ToString(in.state),
                               ToString(in.reason));
          },
          [](const OfferAccepted& in) {
            return fmt::format("accept {} by {}", N(in.call), N(in.agent));
          },
          [](const OfferRejected& in) {
            return fmt::format("reject {} by {}", N(in.call), N(in.agent));
          },
          [](const CallArrived& in) {
            return fmt::format("arrive {} in {} prio={} number={} skills={}", N(in.call),
                               N(in.queue), in.attributes.priority,
                               in.attributes.caller_number.value_or("withheld"),
                               Skills(in.attributes.required_skills));
          },
          [](const CallerHungUp& in) { return fmt::format("caller-hangs-up {}", N(in.call)); },
          [](const AgentHangsUp& in) {
            return fmt::format("agent-hangs-up {} by {}", N(in.call), N(in.agent));
          },
          [](const HoldCall& in) { return fmt::format("hold {}", N(in.call)); },
          [](const ResumeCall& in) { return fmt::format("resume {}", N(in.call)); },
          [](const TransferToQueue& in) {
            return fmt::format("transfer {} to {}", N(in.call), N(in.queue));
          },
          [](const TransferToAgent& in) {
            return fmt::format("transfer {} to {}", N(in.call), N(in.agent));
          },
          [](const TransferToTeamLead& in) {
            return fmt::format("transfer {} to team lead", N(in.call));
          },
          [](const TransferExternal& in) {
            return fmt::format("transfer {} to number '{}'", N(in.call), in.number);
          },
          [](const RequeueAtHead& in) { return fmt::format("requeue {}", N(in.call)); },
          [](const StartConsult& in) {
            switch (in.target.kind) {
              case ConsultTargetKind::kAgent:
                return fmt::format("consult {} with {}", N(in.call), N(in.target.agent));
              case ConsultTargetKind::kQueue:
                return fmt::format("consult {} with {}", N(in.call), N(in.target.queue));
              case ConsultTargetKind::kExternal:
                break;
            }
            return fmt::format("consult {} with number '{}'", N(in.call), in.target.number);
          },
          [](const ConsultAnswered& in) { return fmt::format("consult-answered {}", N(in.call)); },
          [](const ConsultFailed& in) { return fmt::format("consult-failed {}", N(in.call)); },
          [](const CompleteConsult& in) {
            return fmt::format("complete-consult {} {}", N(in.call), ToString(in.outcome));
          },
          [](const CallbackRequested& in) {
            return fmt::format("callback-requested {} number='{}'", N(in.call), in.number);
          },
          [](const ScheduleCallback& in) {
            return fmt::format("schedule-callback {} in {} due={} number='{}'", N(in.call),
                               N(in.queue), Secs(in.due), in.number);
          },
          [](const CancelCallback& in) { return fmt::format("cancel-callback {}", N(in.call)); },
          [](const OriginateCall& in) {
            return fmt::format("originate {} in {} for {} number='{}'", N(in.call), N(in.queue),
                               in.agent ? N(*in.agent) : "queue", in.number);
          },
          [](const OriginateAnswered& in) {
            return fmt::format("originate-answered {}", N(in.call));
          },
          [](const OriginateFailed& in) { return fmt::format("originate-failed {}", N(in.call)); },
          [](const NewDay&) { return std::string("new-day"); },
          [](const Tick&) { return std::string("tick"); },
      },
      input);
}

}  // namespace cc::acd::random_test
