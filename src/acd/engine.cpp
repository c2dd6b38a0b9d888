#include "acd/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "core/overloaded.h"

namespace cc::acd {

using core::ErrorCode;
using core::Fail;
using core::Overloaded;
using core::Status;
using namespace detail;

namespace {

Status ValidateSkills(const std::vector<SkillRequirement>& reqs, const std::string& where) {
  for (const auto& r : reqs) {
    if (!r.skill.valid())
      return Fail(ErrorCode::kInvalidArgument, where + ": a skill id is missing");
    if (r.min_level < 1 || r.min_level > 10)
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: minimum level {} of skill-{} is outside 1..10", where,
                              r.min_level, r.skill.value()));
  }
  return {};
}

}  // namespace

Engine::Engine(EngineConfig config) : config_(config) {}

Output Engine::Apply(const Input& input, Timestamp now, Status* status) {
  Output out;
  auto s = Apply(input, now, out);
  if (status) *status = std::move(s);
  return out;
}

Status Engine::Apply(const Input& input, Timestamp now, Output& out) {
  if (last_now_ && now < *last_now_) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("time went backwards: {} after {}", core::FormatUtc(now),
                            core::FormatUtc(*last_now_)));
  }
  last_now_ = now;
  RunTimers(now, out);
  auto status = Dispatch(input, now, out);
  FlushRouting(now, out);
  RunTimers(now, out);  // timers armed for "now" by the input itself
  return status;
}

Status Engine::Dispatch(const Input& input, Timestamp now, Out& out) {
  return std::visit(
      Overloaded{
          [&](const UpsertQueue& in) { return OnUpsertQueue(in.config, now, out); },
          [&](const UpsertAgent& in) { return OnUpsertAgent(in.config, now, out); },
          [&](const AgentLogin& in) { return OnLogin(in.agent, now, out); },
          [&](const AgentReady& in) { return OnReady(in.agent, now, out); },
          [&](const AgentNotReady& in) { return OnNotReady(in.agent, in.reason, false, now, out); },
          [&](const AgentLogout& in) { return OnLogout(in.agent, false, now, out); },
          [&](const WrapUpDone& in) { return OnWrapUpDone(in.agent, now, out); },
          [&](const ForceAgentState& in) { return OnForce(in, now, out); },
          [&](const OfferAccepted& in) { return OnOfferAccepted(in.call, in.agent, now, out); },
          [&](const OfferRejected& in) { return OnOfferRejected(in.call, in.agent, now, out); },
          [&](const CallArrived& in) { return OnCallArrived(in, now, out); },
          [&](const CallerHungUp& in) { return OnCallerHungUp(in.call, now, out); },
          [&](const AgentHangsUp& in) { return OnAgentHangsUp(in.call, in.agent, now, out); },
          [&](const HoldCall& in) { return OnHold(in.call, true, now, out); },
          [&](const ResumeCall& in) { return OnHold(in.call, false, now, out); },
          [&](const TransferToQueue& in) {
            return OnTransferToQueue(in.call, in.queue, TransferKind::kQueue, now, out);
          },
          [&](const TransferToAgent& in) { return OnTransferToAgent(in.call, in.agent, now, out); },
          [&](const TransferToTeamLead& in) { return OnTransferToTeamLead(in.call, now, out); },
          [&](const TransferExternal& in) {
            return OnTransferExternal(in.call, in.number, now, out);
          },
          [&](const RequeueAtHead& in) { return OnRequeueAtHead(in.call, now, out); },
          [&](const StartConsult& in) { return OnStartConsult(in, now, out); },
          [&](const ConsultAnswered& in) { return OnConsultAnswered(in.call, now, out); },
          [&](const ConsultFailed& in) { return OnConsultFailed(in.call, now, out); },
          [&](const CompleteConsult& in) {
            return OnCompleteConsult(in.call, in.outcome, now, out);
          },
          [&](const CallbackRequested& in) { return OnCallbackRequested(in, now, out); },
          [&](const ScheduleCallback& in) { return OnScheduleCallback(in, now, out); },
          [&](const CancelCallback& in) { return OnCancelCallback(in.call, now, out); },
          [&](const OriginateCall& in) { return OnOriginateCall(in, now, out); },
          [&](const OriginateAnswered& in) { return OnOriginateAnswered(in.call, now, out); },
          [&](const OriginateFailed& in) { return OnOriginateFailed(in.call, now, out); },
          [&](const NewDay&) { return OnNewDay(now, out); },
          [&](const Tick&) { return Status{}; },
      },
      input);
}

void Engine::Emit(Out& out, Timestamp at, EventBody body) {
  out.events.push_back(Event{at, std::move(body)});
}

void Engine::Arm(TimerKind kind, std::uint64_t id, std::uint64_t epoch, Timestamp due) {
  timers_.push(Timer{due, ++timer_seq_, kind, id, epoch});
}

std::optional<Timestamp> Engine::NextDeadline() {
  while (!timers_.empty()) {
    const Timer& t = timers_.top();
    bool live = false;
    if (t.kind == TimerKind::kWrapUp) {
      auto it = agents_.find(AgentId(static_cast<std::uint32_t>(t.id)));
      live = it != agents_.end() && it->second.epoch == t.epoch;
    } else {
      auto it = calls_.find(CallId(t.id));
      live = it != calls_.end() && it->second.epoch == t.epoch;
    }
    if (live) return t.due;
    timers_.pop();
  }
  return std::nullopt;
}

void Engine::RunTimers(Timestamp now, Out& out) {
  while (!timers_.empty() && timers_.top().due <= now) {
    Timer t = timers_.top();
    timers_.pop();
    FireTimer(t, out);
    FlushRouting(t.due, out);
  }
}

void Engine::FireTimer(const Timer& t, Out& out) {
  const Timestamp at = t.due;
  if (t.kind == TimerKind::kWrapUp) {
    auto it = agents_.find(AgentId(static_cast<std::uint32_t>(t.id)));
    if (it == agents_.end() || it->second.epoch != t.epoch) return;
    if (it->second.state == AgentState::kWrapUp) FinishWrapUp(it->second, at, out);
    return;
  }
  auto it = calls_.find(CallId(t.id));
  if (it == calls_.end() || it->second.epoch != t.epoch) return;
  CallRec& c = it->second;
  switch (t.kind) {
    case TimerKind::kRing: {
      if (c.phase == CallPhase::kOffered) {
        EndOffer(AgentOf(c.agent), c, OfferEnd::kExpired, at, out);
      } else if (c.phase == CallPhase::kConsulting && c.consult && !c.consult->connected &&
                 c.consult->agent.valid()) {
        FailConsult(c, OfferEnd::kExpired, at, out);
      }
      break;
    }
    case TimerKind::kMaxWait:
      if (c.phase == CallPhase::kQueued && c.kind == CallKind::kInbound)
        Overflow(c, OverflowReason::kMaxWait, at, out);
      break;
    case TimerKind::kAnnounce:
      if (c.phase == CallPhase::kQueued && c.kind == CallKind::kInbound) {
        Announce(c, AnnouncementKind::kPosition, at, out);
        const auto every = QueueOf(c.queue).config.announce_every;
        if (every.count() > 0) Arm(TimerKind::kAnnounce, c.id.value(), c.epoch, at + every);
      }
      break;
    case TimerKind::kRelax: {
      if (c.phase != CallPhase::kQueued) break;
      const auto& relax = QueueOf(c.queue).config.relaxations;
      while (c.relax_step < relax.size() && c.enqueued + relax[c.relax_step].after <= at)
        ++c.relax_step;
      if (c.relax_step < relax.size())
        Arm(TimerKind::kRelax, c.id.value(), c.epoch, c.enqueued + relax[c.relax_step].after);
      RouteCall(c);
      break;
    }
    case TimerKind::kRetry:
      if (c.phase == CallPhase::kQueued) RouteCall(c);
      break;
    case TimerKind::kCallbackDue:
      if (c.phase == CallPhase::kScheduled) {
        c.arrived = at;
        Enqueue(c, c.queue, std::nullopt, false, at, out);
        Emit(out, at, CallbackQueued{c.id, c.queue, CallbackEntry::kScheduled, c.number});
        RouteCall(c);
      }
      break;
    case TimerKind::kWrapUp:
      break;
  }
}

Status Engine::OnUpsertQueue(const QueueConfig& cfg, Timestamp now, Out& out) {
  const std::string where = cfg.name.empty() ? Name(cfg.id) : "queue '" + cfg.name + "'";
  if (!cfg.id.valid()) return Fail(ErrorCode::kInvalidArgument, "a queue needs an id");
  if (auto s = ValidateSkills(cfg.required_skills, where); !s) return s;
  for (std::size_t i = 0; i < cfg.relaxations.size(); ++i) {
    const auto& r = cfg.relaxations[i];
    if (r.min_level < 1 || r.min_level > 10 || r.after.count() <= 0 ||
        (i > 0 && r.after <= cfg.relaxations[i - 1].after))
      return Fail(ErrorCode::kInvalidArgument,
                  where + ": relaxations need rising positive waits and levels in 1..10");
  }
  if (cfg.ring_timeout.count() <= 0)
    return Fail(ErrorCode::kInvalidArgument, where + ": ring timeout must be positive");
  if (cfg.sl_threshold.count() <= 0 || cfg.sl_target_percent < 1 || cfg.sl_target_percent > 100)
    return Fail(ErrorCode::kInvalidArgument,
                where + ": service level needs a positive threshold and a target in 1..100 %");
  if (cfg.max_callers < 0 || cfg.max_wait.count() < 0 || cfg.wrap_up.count() < 0 ||
      cfg.announce_every.count() < 0 || cfg.short_abandon.count() < 0)
    return Fail(ErrorCode::kInvalidArgument, where + ": limits and durations cannot be negative");
  if (cfg.overflow.kind == OverflowKind::kQueue) {
    if (cfg.overflow.queue == cfg.id)
      return Fail(ErrorCode::kInvalidArgument, where + ": a queue cannot overflow to itself");
    if (!queues_.contains(cfg.overflow.queue))
      return Fail(ErrorCode::kNotFound, fmt::format("{}: overflow target {} does not exist", where,
                                                    Name(cfg.overflow.queue)));
  }
  if (cfg.when_no_agents == NoAgentsAction::kOverflow && cfg.overflow.kind == OverflowKind::kNone)
    return Fail(ErrorCode::kInvalidArgument,
                where + ": 'overflow when no agents' needs an overflow target");

  auto [it, inserted] = queues_.try_emplace(cfg.id);
  QueueRec& q = it->second;
  q.config = cfg;
  Emit(out, now,
       QueueConfigured{cfg.id, cfg.tenant, cfg.name, cfg.sl_threshold, cfg.sl_target_percent,
                       cfg.short_abandon});
  if (!inserted) {
    // Policy or requirements may have changed: re-key ready members, re-route callers.
    for (AgentId id : q.members) {
      AgentRec& a = AgentOf(id);
      if (a.state == AgentState::kReady) {
        UnindexReady(a);
        IndexReady(a);
      }
    }
    for (auto& [key, call_id] : q.waiting) {
      CallRec& c = calls_.at(call_id);
      RefreshRequirements(c, now);
      const auto& relax = q.config.relaxations;
      if (c.relax_step < relax.size())
        Arm(TimerKind::kRelax, c.id.value(), c.epoch, c.enqueued + relax[c.relax_step].after);
    }
    RouteQueue(q);
  }
  return {};
}

Status Engine::OnUpsertAgent(const AgentConfig& cfg_in, Timestamp now, Out& out) {
  if (!cfg_in.id.valid()) return Fail(ErrorCode::kInvalidArgument, "an agent needs an id");
  const std::string where = cfg_in.name.empty() ? Name(cfg_in.id) : "agent '" + cfg_in.name + "'";
  AgentConfig cfg = cfg_in;
  std::sort(cfg.skills.begin(), cfg.skills.end(),
            [](const SkillLevel& x, const SkillLevel& y) { return x.skill < y.skill; });
  for (std::size_t i = 0; i < cfg.skills.size(); ++i) {
    if (cfg.skills[i].level < 1 || cfg.skills[i].level > 10)
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: level {} of skill-{} is outside 1..10", where,
                              cfg.skills[i].level, cfg.skills[i].skill.value()));
    if (i > 0 && cfg.skills[i].skill == cfg.skills[i - 1].skill)
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{}: skill-{} is listed twice", where, cfg.skills[i].skill.value()));
  }
  for (const auto& m : cfg.queues) {
    if (!queues_.contains(m.queue))
      return Fail(ErrorCode::kNotFound, fmt::format("{}: {} does not exist", where, Name(m.queue)));
    if (m.tier < 1) return Fail(ErrorCode::kInvalidArgument, where + ": tiers start at 1");
  }
  if (cfg.team_lead_queue && !queues_.contains(*cfg.team_lead_queue))
    return Fail(ErrorCode::kNotFound,
                fmt::format("{}: team-lead {} does not exist", where, Name(*cfg.team_lead_queue)));

  auto [it, inserted] = agents_.try_emplace(cfg.id);
  AgentRec& a = it->second;
  const bool ready = a.state == AgentState::kReady;
  const bool logged_in = a.state != AgentState::kLoggedOut;
  if (ready) UnindexReady(a);
  for (const auto& m : a.memberships) {
    QueueRec& q = QueueOf(m.queue);
    std::erase(q.members, a.config.id);
    if (logged_in) q.logged_in--;
  }
  std::vector<Membership> old = std::move(a.memberships);
  a.memberships.clear();
  a.config = std::move(cfg);
  if (inserted) {
    a.since = now;
    a.idle_since = now;
  }
  for (const auto& m : a.config.queues) {
    Membership mem{m.queue, m.tier, 0, {}, false};
    for (const auto& o : old)
      if (o.queue == m.queue) mem.rr_last = o.rr_last;
    a.memberships.push_back(mem);
    QueueRec& q = QueueOf(m.queue);
    q.members.push_back(a.config.id);
    if (logged_in) q.logged_in++;
  }
  Emit(out, now, AgentConfigured{a.config.id, a.config.queues, a.config.skills});
  if (ready) {
    IndexReady(a);
    RouteAgent(a);
  }
  return {};
}

core::Result<AgentRec*> Engine::FindAgent(AgentId id) {
  auto it = agents_.find(id);
  if (it == agents_.end()) return Fail(ErrorCode::kNotFound, Name(id) + " does not exist");
  return &it->second;
}

core::Result<CallRec*> Engine::FindCall(CallId id) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return Fail(ErrorCode::kNotFound, Name(id) + " is not in progress");
  return &it->second;
}

core::Result<QueueRec*> Engine::FindQueue(QueueId id) {
  auto it = queues_.find(id);
  if (it == queues_.end()) return Fail(ErrorCode::kNotFound, Name(id) + " does not exist");
  return &it->second;
}

core::Result<CallRec*> Engine::FindActiveCall(CallId id) {
  auto c = FindCall(id);
  if (!c) return c;
  if ((*c)->phase != CallPhase::kTalking && (*c)->phase != CallPhase::kOnHold)
    return Fail(ErrorCode::kFailedPrecondition,
                Name(id) + " is not connected to an agent (or a consult is in progress)");
  return c;
}

std::optional<AgentView> Engine::Agent(AgentId id) const {
  auto it = agents_.find(id);
  if (it == agents_.end()) return std::nullopt;
  const AgentRec& a = it->second;
  AgentView v{id,           a.state,       a.reason,        a.since,     a.idle_since,
              std::nullopt, a.calls_today, a.missed_in_row, std::nullopt};
  if (a.call.valid()) v.call = a.call;
  if (a.pending) v.pending = a.pending->state;
  return v;
}

std::optional<CallView> Engine::Call(CallId id) const {
  auto it = calls_.find(id);
  if (it == calls_.end()) return std::nullopt;
  const CallRec& c = it->second;
  CallView v{id,
             c.phase,
             c.queue,
             std::nullopt,
             std::nullopt,
             c.arrived,
             c.enqueued,
             c.kind != CallKind::kInbound,
             c.attrs.priority,
             !c.number.empty() ? c.number : c.attrs.caller_number.value_or("")};
  if (c.agent.valid()) v.agent = c.agent;
  if (c.consult && c.consult->agent.valid()) v.consult_agent = c.consult->agent;
  return v;
}

const QueueConfig* Engine::Queue(QueueId id) const {
  auto it = queues_.find(id);
  return it == queues_.end() ? nullptr : &it->second.config;
}

std::vector<CallId> Engine::Waiting(QueueId id) const {
  std::vector<CallId> result;
  auto it = queues_.find(id);
  if (it == queues_.end()) return result;
  for (const auto& [key, call] : it->second.waiting) result.push_back(call);
  return result;
}

template <typename Map>
static auto SortedKeys(const Map& m) {
  std::vector<typename Map::key_type> keys;
  keys.reserve(m.size());
  for (const auto& [k, v] : m) keys.push_back(k);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::vector<AgentId> Engine::AgentIds() const {
  return SortedKeys(agents_);
}
std::vector<CallId> Engine::CallIds() const {
  return SortedKeys(calls_);
}
std::vector<QueueId> Engine::QueueIds() const {
  return SortedKeys(queues_);
}

Status Engine::CheckConsistency() const {
  auto bad = [](std::string m) { return Fail(ErrorCode::kInternal, std::move(m)); };
  std::unordered_map<CallId, int> holders;
  for (const auto& [id, a] : agents_) {
    const bool busy = a.state == AgentState::kReserved || a.state == AgentState::kOnCall ||
                      a.state == AgentState::kOnHold;
    if (busy != a.call.valid()) return bad(Name(id) + " busy state and call disagree");
    if (a.call.valid()) {
      auto it = calls_.find(a.call);
      if (it == calls_.end()) return bad(Name(id) + " holds a call that has ended");
      const CallRec& c = it->second;
      const bool primary = c.agent == id;
      const bool consulted = c.consult && c.consult->agent == id;
      if (!primary && !consulted) return bad(Name(id) + " holds a call that does not name it");
      holders[a.call]++;
    }
    for (const auto& m : a.memberships) {
      const auto& q = queues_.at(m.queue);
      const bool in = m.indexed && q.ready.contains(m.key);
      if (in != (a.state == AgentState::kReady)) return bad(Name(id) + " ready index is stale");
    }
  }
  for (const auto& [id, c] : calls_) {
    const bool queued = c.phase == CallPhase::kQueued;
    if (queued != c.in_waiting) return bad(Name(id) + " waiting index is stale");
    if (queued && !queues_.at(c.queue).waiting.contains({c.key, id}))
      return bad(Name(id) + " missing from its queue");
    int expected = 0;
    if (c.agent.valid() && c.phase != CallPhase::kQueued && c.phase != CallPhase::kScheduled) {
      expected++;
      if (agents_.at(c.agent).call != id)
        return bad(Name(id) + " names an agent that is elsewhere");
    }
    if (c.consult && c.consult->agent.valid()) {
      expected++;
      if (agents_.at(c.consult->agent).call != id)
        return bad(Name(id) + " names a consulted agent that is elsewhere");
    }
    if (holders[id] != expected) return bad(Name(id) + " is held by the wrong number of agents");
  }
  for (const auto& [qid, q] : queues_) {
    int live = 0;
    for (const auto& [key, cid] : q.waiting) {
      const CallRec& c = calls_.at(cid);
      if (c.queue != qid) return bad(Name(cid) + " waits in the wrong queue");
      if (c.kind == CallKind::kInbound) live++;
    }
    if (live != q.live_waiting) return bad(Name(qid) + " live waiting count is off");
    int logged_in = 0;
    for (AgentId m : q.members) logged_in += agents_.at(m).state != AgentState::kLoggedOut;
    if (logged_in != q.logged_in) return bad(Name(qid) + " logged-in count is off");
  }
  return {};
}

}  // namespace cc::acd
