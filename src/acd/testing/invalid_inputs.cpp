#include "acd/testing/invalid_inputs.h"

#include <cstdint>
#include <vector>

namespace cc::acd::random_test {
namespace {

constexpr std::uint32_t kUnknownAgent = 999;
constexpr std::uint32_t kUnknownQueue = 99;

}  // namespace

using core::Seconds;

InvalidInputs::InvalidInputs(Rng& rng, EngineHarness& harness) : rng_(rng), harness_(harness) {}

bool InvalidInputs::UnknownIds() {
  // A driver may name things the engine never heard of.
  const int r = rng_.Int(0, 3);
  const AgentId ghost(kUnknownAgent);
  if (r == 0)
    harness_.Apply(AgentReady{ghost}, Expect::kError);
  else if (r == 1)
    harness_.Apply(CallerHungUp{CallId(1'000'000'000)}, Expect::kError);
  else if (r == 2)
    harness_.Apply(CallArrived{harness_.NewCallId(), QueueId(kUnknownQueue), {}}, Expect::kError);
  else
    harness_.Apply(ForceAgentState{ghost, AgentState::kReady, NotReadyReason::kNone},
                   Expect::kError);
  return true;
}

bool InvalidInputs::TryInvalid() {
  const OutputTracker& tracker = harness_.tracker();
  const auto agents = harness_.Agents();
  const auto calls = harness_.Calls();
  auto live = [&](CallId id) { return calls.find(id); };
  std::vector<AgentId> agent_ids;
  for (const auto& [id, a] : agents) agent_ids.push_back(id);
  const AgentId a = rng_.Pick(agent_ids);
  const AgentView& av = agents.at(a);
  // Any call ever seen: live or ended.
  const CallId c =
      tracker.call_ids().empty() ? CallId(1'000'000'001) : rng_.Pick(tracker.call_ids());
  const auto cv = live(c);
  const bool exists = cv != calls.end();
  const CallStage stage = exists ? cv->second.stage : CallStage::kScheduled;
  const bool active = exists && Active(cv->second);

  switch (rng_.Int(0, 21)) {
    case 0: {  // a stale or misdirected answer
      if (av.state == AgentState::kReserved && av.call == c) return false;
      if (rng_.Chance(0.5))
        harness_.Apply(OfferAccepted{c, a}, Expect::kError);
      else
        harness_.Apply(OfferRejected{c, a}, Expect::kError);
      return true;
    }
    case 1: {  // the caller hangs up on a finished call, a scheduled or a not yet dialled callback
      if (exists && stage != CallStage::kScheduled &&
          (!cv->second.is_callback || stage == CallStage::kDialing))
        return false;
      harness_.Apply(CallerHungUp{c}, Expect::kError);
      return true;
    }
    case 2: {  // in-call operations on a call that is not connected to an agent
      if (active) return false;
      switch (rng_.Int(0, 7)) {
        case 0:
          harness_.Apply(HoldCall{c}, Expect::kError);
          break;
        case 1:
          harness_.Apply(ResumeCall{c}, Expect::kError);
          break;
        case 2:
          harness_.Apply(TransferToQueue{c, rng_.Pick(harness_.QueueIds())}, Expect::kError);
          break;
        case 3:
          harness_.Apply(TransferToAgent{c, a}, Expect::kError);
          break;
        case 4:
          harness_.Apply(TransferToTeamLead{c}, Expect::kError);
          break;
        case 5:
          harness_.Apply(TransferExternal{c, "112"}, Expect::kError);
          break;
        case 6:
          harness_.Apply(RequeueAtHead{c}, Expect::kError);
          break;
        default:
          harness_.Apply(StartConsult{c, {ConsultTargetKind::kExternal, {}, {}, "+7495"}},
                         Expect::kError);
          break;
      }
      return true;
    }
    case 3: {  // hold a held call, resume a talking one
      if (!active) return false;
      if (stage == CallStage::kTalking)
        harness_.Apply(ResumeCall{c}, Expect::kError);
      else
        harness_.Apply(HoldCall{c}, Expect::kError);
      return true;
    }
    case 4: {  // complete a consult that is not there or not answered
      if (exists && stage == CallStage::kConference) {
        // A return lets the third party go; a conference has nothing else to complete.
        harness_.Apply(CompleteConsult{c, rng_.Chance(0.5) ? ConsultOutcome::kTransfer
                                                           : ConsultOutcome::kConference},
                       Expect::kError);
        return true;
      }
      if (exists && stage == CallStage::kConsulting) {
        const bool connected =
            cv->second.consult_agent
                ? agents.at(*cv->second.consult_agent).state == AgentState::kOnCall
                : tracker.ext_connected().contains(c);
        if (connected) return false;
        harness_.Apply(CompleteConsult{c, rng_.Chance(0.5) ? ConsultOutcome::kTransfer
                                                           : ConsultOutcome::kConference},
                       Expect::kError);
        return true;
      }
      harness_.Apply(CompleteConsult{c, static_cast<ConsultOutcome>(rng_.Int(0, 2))},
                     Expect::kError);
      return true;
    }
    case 5: {  // external consult answers when no external consult rings
      if (exists && stage == CallStage::kConsulting && !cv->second.consult_agent &&
          !tracker.ext_connected().contains(c))
        return false;
      if (rng_.Chance(0.5))
        harness_.Apply(ConsultAnswered{c}, Expect::kError);
      else
        harness_.Apply(ConsultFailed{c}, Expect::kError);
      return true;
    }
    case 6: {  // dial results for a call that is not being dialled
      if (exists && stage == CallStage::kDialing) return false;
      if (rng_.Chance(0.5))
        harness_.Apply(OriginateAnswered{c}, Expect::kError);
      else
        harness_.Apply(OriginateFailed{c}, Expect::kError);
      return true;
    }
    case 7: {  // cancel what is not a pending callback
      if (exists && cv->second.is_callback &&
          (stage == CallStage::kScheduled || stage == CallStage::kQueued ||
           stage == CallStage::kOffered))
        return false;
      harness_.Apply(CancelCallback{c}, Expect::kError);
      return true;
    }
    case 8: {
      if (av.state == AgentState::kWrapUp) return false;
      harness_.Apply(WrapUpDone{a}, Expect::kError);
      return true;
    }
    case 9: {  // agent-state changes that make no sense
      if (av.state == AgentState::kLoggedOut) {
        switch (rng_.Int(0, 3)) {
          case 0:
            harness_.Apply(AgentNotReady{a, NotReadyReason::kBreak}, Expect::kError);
            break;
          case 1:
            harness_.Apply(AgentLogout{a}, Expect::kError);
            break;
          case 2:
            harness_.Apply(ForceAgentState{a, AgentState::kLoggedOut, NotReadyReason::kNone},
                           Expect::kError);
            break;
          default:
            harness_.Apply(ForceAgentState{a, AgentState::kNotReady, NotReadyReason::kLunch},
                           Expect::kError);
            break;
        }
      } else {
        harness_.Apply(AgentLogin{a}, Expect::kError);
      }
      return true;
    }
    case 10: {
      const std::vector<AgentState> bad = {AgentState::kReserved, AgentState::kOnCall,
                                           AgentState::kOnHold, AgentState::kWrapUp};
      if (rng_.Chance(0.5))
        harness_.Apply(ForceAgentState{a, rng_.Pick(bad), NotReadyReason::kOther}, Expect::kError);
      else
        harness_.Apply(AgentNotReady{a, NotReadyReason::kNone}, Expect::kError);
      return true;
    }
    case 11: {  // ids that are in use
      if (!exists) return false;
      switch (rng_.Int(0, 2)) {
        case 0:
          harness_.Apply(CallArrived{c, rng_.Pick(harness_.QueueIds()), {}}, Expect::kError);
          break;
        case 1:
          harness_.Apply(
              ScheduleCallback{
                  c, rng_.Pick(harness_.QueueIds()), "+7495", harness_.now() + Seconds(10), {}},
              Expect::kError);
          break;
        default:
          harness_.Apply(
              OriginateCall{c, std::nullopt, rng_.Pick(harness_.QueueIds()), "+7495", {}},
              Expect::kError);
          break;
      }
      return true;
    }
    case 12: {  // transfers and consults to an agent who is not ready
      if (!active || av.state == AgentState::kReady) return false;
      if (rng_.Chance(0.5))
        harness_.Apply(TransferToAgent{c, a}, Expect::kError);
      else
        harness_.Apply(StartConsult{c, {ConsultTargetKind::kAgent, a, {}, {}}}, Expect::kError);
      return true;
    }
    case 13: {  // consult a queue with nobody ready, team lead without one, empty numbers
      if (!active) return false;
      const int r = rng_.Int(0, 3);
      if (r == 0) {
        const QueueId q = rng_.Pick(harness_.QueueIds());
        if (harness_.HasReadyMember(q)) return false;
        harness_.Apply(StartConsult{c, {ConsultTargetKind::kQueue, {}, q, {}}}, Expect::kError);
      } else if (r == 1) {
        if (harness_.agent_config(*cv->second.agent).team_lead_queue) return false;
        harness_.Apply(TransferToTeamLead{c}, Expect::kError);
      } else if (r == 2) {
        harness_.Apply(TransferExternal{c, ""}, Expect::kError);
      } else {
        harness_.Apply(StartConsult{c, {ConsultTargetKind::kExternal, {}, {}, ""}}, Expect::kError);
      }
      return true;
    }
    case 14: {  // an agent hangs up a call they are not on
      if (exists) {
        const CallView& v = cv->second;
        const bool with_agent = stage != CallStage::kQueued && stage != CallStage::kScheduled &&
                                stage != CallStage::kOffered;
        if (with_agent && (v.agent == a || v.consult_agent == a)) return false;
      }
      harness_.Apply(AgentHangsUp{c, a}, Expect::kError);
      return true;
    }
    case 15: {  // a callback for a caller who is not waiting, or without a number
      if (exists && stage == CallStage::kQueued && !cv->second.is_callback) {
        if (tracker.calls().at(c).attrs.caller_number) return false;
        harness_.Apply(CallbackRequested{c, ""}, Expect::kError);
      } else {
        harness_.Apply(CallbackRequested{c, "+7495"}, Expect::kError);
      }
      return true;
    }
    case 16: {  // time never goes backwards
      harness_.Apply(Tick{}, Expect::kError, harness_.now() - Duration(rng_.Int(1, 5000)));
      return true;
    }
    case 17: {  // bad agent configuration
      AgentConfig cfg = harness_.agent_config(a);
      switch (rng_.Int(0, 4)) {
        case 0:
          cfg.skills.push_back({SkillId(7), rng_.Chance(0.5) ? 0 : 11});
          break;
        case 1:
          cfg.queues.push_back({QueueId(kUnknownQueue), 1});
          break;
        case 2:
          cfg.queues.push_back({rng_.Pick(harness_.QueueIds()), 0});
          break;
        case 3:
          cfg.skills = {{SkillId(5), 3}, {SkillId(5), 4}};
          break;
        default:
          cfg.team_lead_queue = QueueId(kUnknownQueue);
          break;
      }
      harness_.Apply(UpsertAgent{cfg}, Expect::kError);
      return true;
    }
    case 18: {  // bad queue configuration
      const QueueId q = rng_.Pick(harness_.QueueIds());
      QueueConfig cfg = *harness_.engine().Queue(q);
      switch (rng_.Int(0, 5)) {
        case 0:
          cfg.overflow = {OverflowKind::kQueue, q};
          break;
        case 1:
          cfg.overflow = {OverflowKind::kQueue, QueueId(kUnknownQueue)};
          break;
        case 2:
          cfg.ring_timeout = Duration{};
          break;
        case 3:
          cfg.relaxations = {{Seconds(30), 2}, {Seconds(20), 1}};
          break;
        case 4:
          cfg.when_no_agents = NoAgentsAction::kOverflow;
          cfg.overflow = {};
          break;
        default:
          cfg.required_skills = {{SkillId(1), 11}};
          break;
      }
      harness_.Apply(UpsertQueue{cfg}, Expect::kError);
      return true;
    }
    case 19: {  // originate for an agent who is not ready, or without a number
      if (av.state == AgentState::kReady) {
        harness_.Apply(
            OriginateCall{harness_.NewCallId(), a, rng_.Pick(harness_.QueueIds()), "", {}},
            Expect::kError);
      } else {
        harness_.Apply(
            OriginateCall{harness_.NewCallId(), a, rng_.Pick(harness_.QueueIds()), "+7495", {}},
            Expect::kError);
      }
      return true;
    }
    case 20: {  // a callback needs a number; call levels are 1..10
      if (rng_.Chance(0.5)) {
        harness_.Apply(
            ScheduleCallback{
                harness_.NewCallId(), rng_.Pick(harness_.QueueIds()), "", harness_.now(), {}},
            Expect::kError);
      } else {
        CallAttributes at;
        at.required_skills = {{SkillId(1), 11}};
        harness_.Apply(CallArrived{harness_.NewCallId(), rng_.Pick(harness_.QueueIds()), at},
                       Expect::kError);
      }
      return true;
    }
    default:
      return UnknownIds();
  }
}

}  // namespace cc::acd::random_test
