#include "acd/testing/random_inputs.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acd/testing/invariants.h"

namespace cc::acd::random_test {

using core::Seconds;

RandomInputs::RandomInputs(Rng& rng, EngineHarness& harness, RandomCentre& centre,
                           InvalidInputs& invalid)
    : rng_(rng), harness_(harness), centre_(centre), invalid_(invalid) {}

void RandomInputs::AdvanceTime() {
  Duration d{};
  const int r = rng_.Int(0, 99);
  if (r < 40) {
    d = Seconds(rng_.Int(0, 3));
  } else if (r < 70) {
    d = Duration(rng_.Int(0, 8000));
  } else if (r < 90) {
    d = Seconds(rng_.Int(4, 25));
  } else if (r < 96) {
    d = Seconds(rng_.Int(25, 120));
  } else if (auto next = harness_.engine().NextDeadline(); next && *next > harness_.now()) {
    d = *next - harness_.now();
  }
  harness_.AdvanceBy(d);
  harness_.Apply(Tick{}, Expect::kOk);
}

void RandomInputs::RandomStep() {
  if (rng_.Chance(0.45)) AdvanceTime();
  if (rng_.Chance(0.12)) {
    for (int attempt = 0; attempt < 20; ++attempt)
      if (invalid_.TryInvalid()) return;
  }
  for (int attempt = 0; attempt < 20; ++attempt)
    if (TryAction()) return;
  Arrive();
}

bool RandomInputs::TryAction() {
  // Weights: common call-flow inputs first, admin changes rarely.
  static constexpr std::array<int, 20> kWeights = {20, 7, 44, 14, 8,  8, 12, 12, 24, 12,
                                                   6,  4, 4,  4,  10, 4, 1,  1,  8,  2};
  int total = 0;
  for (int w : kWeights) total += w;
  int r = rng_.Int(0, total - 1);
  std::size_t action = 0;
  while (r >= kWeights[action]) r -= kWeights[action++];
  switch (action) {
    case 0:
      return Arrive();
    case 1:
      return CallerHangsUp();
    case 2:
      return AnswerOrReject();
    case 3:
      return ChangeAgentState();
    case 4:
      return FinishWrapUp();
    case 5:
      return HoldOrResume();
    case 6:
      return Transfer();
    case 7:
      return Consult();
    case 8:
      return ConsultProgress();
    case 9:
      return AgentHangsUpNow();
    case 10:
      return RequestCallback();
    case 11:
      return Schedule();
    case 12:
      return Cancel();
    case 13:
      return Originate();
    case 14:
      return OriginateResult();
    case 15:
      return ChangeAgentConfig();
    case 16:
      return ChangeQueueConfig();
    case 17:
      return NewDayNow();
    case 18:
      AdvanceTime();
      return true;
    default:
      return invalid_.UnknownIds();
  }
}

bool RandomInputs::Arrive() {
  const CallId id = harness_.NewCallId();
  const CallAttributes at = centre_.RandomAttributes(id, true);
  harness_.tracker().Register(id, at, false);
  const QueueId q = rng_.Pick(harness_.QueueIds());
  const QueueBeforeArrival before = BeforeArrival(harness_, q);
  harness_.Apply(CallArrived{id, q, at}, Expect::kOk);
  CheckArrival(id, q, before, harness_.last_output());
  return true;
}

bool RandomInputs::CallerHangsUp() {
  auto v = harness_.CallsWhere([](const CallView& c) {
    return c.stage != CallStage::kScheduled && (!c.is_callback || c.stage == CallStage::kDialing);
  });
  if (v.empty()) return false;
  harness_.Apply(CallerHungUp{rng_.Pick(v).id}, Expect::kOk);
  return true;
}

bool RandomInputs::AnswerOrReject() {
  auto reserved = harness_.AgentsIn(AgentState::kReserved);
  if (reserved.empty()) return false;
  const AgentId a = rng_.Pick(reserved);
  const CallId c = *harness_.engine().Agent(a)->call;
  const int r = rng_.Int(0, 99);
  if (r < 75) {
    harness_.Apply(OfferAccepted{c, a}, Expect::kOk);
  } else if (r < 90) {
    harness_.Apply(OfferRejected{c, a}, Expect::kOk);
  } else if (harness_.engine().Call(c)->stage == CallStage::kConsulting) {
    harness_.Apply(AgentHangsUp{c, a}, Expect::kOk);  // declining a consult by hanging up
  } else {
    return false;  // let it ring (it may expire)
  }
  return true;
}

bool RandomInputs::ChangeAgentState() {
  const auto ids = harness_.engine().AgentIds();
  const AgentId id = rng_.Pick(ids);
  const AgentState s = harness_.engine().Agent(id)->state;
  // Any reason but none and login.
  const auto reason = static_cast<NotReadyReason>(rng_.Int(2, 10));
  const int r = rng_.Int(0, 99);
  if (s == AgentState::kLoggedOut) {
    if (r < 70)
      harness_.Apply(AgentLogin{id}, Expect::kOk);
    else if (r < 90)
      harness_.Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
    else
      harness_.Apply(AgentReady{id}, Expect::kOk);
  } else if (s == AgentState::kNotReady) {
    if (r < 60)
      harness_.Apply(AgentReady{id}, Expect::kOk);
    else if (r < 70)
      harness_.Apply(AgentLogout{id}, Expect::kOk);
    else if (r < 80)
      harness_.Apply(ForceAgentState{id, AgentState::kLoggedOut, NotReadyReason::kNone},
                     Expect::kOk);
    else if (r < 90)
      harness_.Apply(AgentNotReady{id, reason}, Expect::kOk);
    else
      harness_.Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
  } else {
    // Ready, reserved (mid-offer), on a call, on hold or in wrap-up.
    if (r < 40)
      harness_.Apply(AgentNotReady{id, reason}, Expect::kOk);
    else if (r < 55)
      harness_.Apply(AgentLogout{id}, Expect::kOk);
    else if (r < 70)
      harness_.Apply(ForceAgentState{id, AgentState::kNotReady, reason}, Expect::kOk);
    else if (r < 80)
      harness_.Apply(ForceAgentState{id, AgentState::kLoggedOut, NotReadyReason::kNone},
                     Expect::kOk);
    else if (r < 90)
      harness_.Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
    else
      harness_.Apply(AgentReady{id}, Expect::kOk);
  }
  return true;
}

bool RandomInputs::FinishWrapUp() {
  auto v = harness_.AgentsIn(AgentState::kWrapUp);
  if (v.empty()) return false;
  const AgentId id = rng_.Pick(v);
  if (rng_.Chance(0.8))
    harness_.Apply(WrapUpDone{id}, Expect::kOk);
  else
    harness_.Apply(AgentReady{id}, Expect::kOk);
  return true;
}

bool RandomInputs::HoldOrResume() {
  auto v = harness_.CallsWhere([&](const CallView& c) { return Active(c); });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  if (c.stage == CallStage::kTalking)
    harness_.Apply(HoldCall{c.id}, Expect::kOk);
  else
    harness_.Apply(ResumeCall{c.id}, Expect::kOk);
  return true;
}

bool RandomInputs::Transfer() {
  auto v = harness_.CallsWhere([&](const CallView& c) { return Active(c); });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  const int r = rng_.Int(0, 99);
  if (r < 25) {
    harness_.Apply(TransferToQueue{c.id, rng_.Pick(harness_.QueueIds())}, Expect::kOk);
  } else if (r < 45) {
    auto ready = harness_.AgentsIn(AgentState::kReady);
    if (ready.empty()) return false;
    harness_.Apply(TransferToAgent{c.id, rng_.Pick(ready)}, Expect::kOk);
  } else if (r < 60) {
    if (!harness_.agent_config(*c.agent).team_lead_queue) return false;
    harness_.Apply(TransferToTeamLead{c.id}, Expect::kOk);
  } else if (r < 72) {
    harness_.Apply(TransferExternal{c.id, "112"}, Expect::kOk);
  } else {
    harness_.Apply(RequeueAtHead{c.id}, Expect::kOk);
  }
  return true;
}

bool RandomInputs::Consult() {
  auto v = harness_.CallsWhere([&](const CallView& c) { return Active(c); });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  const int r = rng_.Int(0, 99);
  StartConsult in{c.id, {}};
  if (r < 45) {
    auto ready = harness_.AgentsIn(AgentState::kReady);
    if (ready.empty()) return false;
    in.target = {ConsultTargetKind::kAgent, rng_.Pick(ready), {}, {}};
  } else if (r < 70) {
    std::vector<QueueId> qs;
    for (QueueId q : harness_.QueueIds())
      if (harness_.HasReadyMember(q)) qs.push_back(q);
    if (qs.empty()) return false;
    in.target = {ConsultTargetKind::kQueue, {}, rng_.Pick(qs), {}};
  } else {
    in.target = {ConsultTargetKind::kExternal, {}, {}, "+74950000001"};
  }
  harness_.Apply(in, Expect::kOk);
  return true;
}

bool RandomInputs::ConsultProgress() {
  auto v = harness_.CallsWhere([](const CallView& c) {
    return c.stage == CallStage::kConsulting || c.stage == CallStage::kConference;
  });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  const int r = rng_.Int(0, 99);
  if (c.stage == CallStage::kConference) {
    if (r < 40)
      harness_.Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
    else if (r < 75 && c.consult_agent)
      harness_.Apply(AgentHangsUp{c.id, *c.consult_agent}, Expect::kOk);
    else if (r < 90)
      harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);  // the third party goes
    else
      harness_.Apply(CallerHungUp{c.id}, Expect::kOk);
    return true;
  }
  bool connected = false;
  if (c.consult_agent) {
    connected = harness_.engine().Agent(*c.consult_agent)->state == AgentState::kOnCall;
    if (!connected) {
      if (r < 50)
        harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
      else if (r < 70)
        harness_.Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
      else
        return false;  // the consulted agent answers, rejects or lets it ring
      return true;
    }
  } else {
    connected = harness_.tracker().ext_connected().contains(c.id);
    if (!connected) {
      if (r < 40)
        harness_.Apply(ConsultAnswered{c.id}, Expect::kOk);
      else if (r < 65)
        harness_.Apply(ConsultFailed{c.id}, Expect::kOk);
      else if (r < 85)
        harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
      else
        harness_.Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
      return true;
    }
  }
  if (r < 30)
    harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kTransfer}, Expect::kOk);
  else if (r < 60)
    harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kConference}, Expect::kOk);
  else if (r < 80)
    harness_.Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
  else if (r < 90)
    harness_.Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
  else if (c.consult_agent)
    harness_.Apply(AgentHangsUp{c.id, *c.consult_agent}, Expect::kOk);
  else
    harness_.Apply(CallerHungUp{c.id}, Expect::kOk);
  return true;
}

bool RandomInputs::AgentHangsUpNow() {
  auto v = harness_.CallsWhere(
      [&](const CallView& c) { return Active(c) || c.stage == CallStage::kDialing; });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  harness_.Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
  return true;
}

bool RandomInputs::RequestCallback() {
  auto v = harness_.CallsWhere(
      [](const CallView& c) { return c.stage == CallStage::kQueued && !c.is_callback; });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  const bool withheld = !harness_.tracker().calls().at(c.id).attrs.caller_number;
  const std::string number = withheld || rng_.Chance(0.3) ? "+74951112233" : "";
  harness_.Apply(CallbackRequested{c.id, number}, Expect::kOk);
  harness_.tracker().MarkCallbackRequested(c.id);
  return true;
}

bool RandomInputs::Schedule() {
  const CallId id = harness_.NewCallId();
  const CallAttributes at = centre_.RandomAttributes(id, true);
  harness_.tracker().Register(id, at, true);
  const Timestamp due = harness_.now() + Seconds(rng_.Int(-10, 300));
  harness_.Apply(ScheduleCallback{id, rng_.Pick(harness_.QueueIds()), "+74952223344", due, at},
                 Expect::kOk);
  return true;
}

bool RandomInputs::Cancel() {
  auto v = harness_.CallsWhere([](const CallView& c) {
    return c.is_callback && (c.stage == CallStage::kScheduled || c.stage == CallStage::kQueued ||
                             c.stage == CallStage::kOffered);
  });
  if (v.empty()) return false;
  harness_.Apply(CancelCallback{rng_.Pick(v).id}, Expect::kOk);
  return true;
}

bool RandomInputs::Originate() {
  const CallId id = harness_.NewCallId();
  const CallAttributes at = centre_.RandomAttributes(id, true);
  OriginateCall in{id, std::nullopt, rng_.Pick(harness_.QueueIds()), "+74953334455", at};
  auto ready = harness_.AgentsIn(AgentState::kReady);
  if (!ready.empty() && rng_.Chance(0.5)) in.agent = rng_.Pick(ready);
  harness_.tracker().Register(id, at, true, in.agent.has_value());
  harness_.Apply(in, Expect::kOk);
  return true;
}

bool RandomInputs::OriginateResult() {
  auto v = harness_.CallsWhere([](const CallView& c) { return c.stage == CallStage::kDialing; });
  if (v.empty()) return false;
  const CallView& c = rng_.Pick(v);
  if (rng_.Chance(0.6))
    harness_.Apply(OriginateAnswered{c.id}, Expect::kOk);
  else
    harness_.Apply(OriginateFailed{c.id}, Expect::kOk);
  return true;
}

bool RandomInputs::ChangeAgentConfig() {
  const auto ids = harness_.engine().AgentIds();
  if (ids.size() < 10 && rng_.Chance(0.05)) {  // a new agent joins mid-run
    harness_.UpsertAgentNow(
        centre_.RandomAgent(AgentId(static_cast<std::uint32_t>(ids.size() + 1))));
    return true;
  }
  const AgentId id = rng_.Pick(ids);
  AgentConfig cfg = harness_.agent_config(id);
  const int r = rng_.Int(0, 2);
  if (r == 0 || r == 2) {
    cfg.skills = centre_.RandomAgent(id).skills;
  }
  if (r == 1 || r == 2) {
    const AgentConfig fresh = centre_.RandomAgent(id);
    cfg.queues = fresh.queues;
    cfg.team_lead_queue = fresh.team_lead_queue;
  }
  harness_.UpsertAgentNow(cfg);
  return true;
}

bool RandomInputs::ChangeQueueConfig() {
  const auto ids = harness_.QueueIds();
  if (ids.size() < 6 && rng_.Chance(0.1)) {  // a new queue opens mid-run
    harness_.Apply(
        UpsertQueue{centre_.RandomQueue(QueueId(static_cast<std::uint32_t>(ids.size() + 1)), ids)},
        Expect::kOk);
    return true;
  }
  const QueueId id = rng_.Pick(ids);
  std::vector<QueueId> others;
  for (QueueId q : ids)
    if (q != id) others.push_back(q);
  harness_.Apply(UpsertQueue{centre_.RandomQueue(id, others)}, Expect::kOk);
  return true;
}

bool RandomInputs::NewDayNow() {
  harness_.Apply(NewDay{}, Expect::kOk);
  return true;
}

void RandomInputs::Drain() {
  harness_.Note("--- drain: ending every call ---");
  for (int round = 0; round < 20; ++round) {
    for (CallId id : harness_.engine().CallIds()) {
      auto c = harness_.engine().Call(id);
      if (!c) continue;  // ended by an earlier input of this round
      if (c->stage == CallStage::kDialing)
        harness_.Apply(OriginateFailed{id}, Expect::kOk);
      else if (c->is_callback)
        harness_.Apply(CancelCallback{id}, Expect::kOk);
      else
        harness_.Apply(CallerHungUp{id}, Expect::kOk);
    }
    for (AgentId id : harness_.AgentsIn(AgentState::kWrapUp))
      harness_.Apply(WrapUpDone{id}, Expect::kOk);
    if (harness_.engine().CallIds().empty()) break;
  }
  for (int i = 0; i < 1000; ++i) {
    auto next = harness_.engine().NextDeadline();
    if (!next) break;
    harness_.AdvanceTo(*next);
    harness_.Apply(Tick{}, Expect::kOk);
  }
}

}  // namespace cc::acd::random_test
