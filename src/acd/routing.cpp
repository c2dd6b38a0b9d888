// Routing over in-memory indexes: each queue keeps its waiting callers in
// service order and its ready members in policy order, so a decision reads
// the front of one ordered set (caller arrives) or of the agent's queues
// (agent becomes ready). Routing asked for during an input runs after the
// input's own changes, in the order it was asked for.
#include <algorithm>

#include "acd/engine.h"

namespace cc::acd {

using namespace detail;

namespace {

int LevelOf(const AgentRec& a, SkillId skill) {
  const auto& skills = a.config.skills;  // sorted by skill id
  auto it = std::lower_bound(skills.begin(), skills.end(), skill,
                             [](const SkillLevel& s, SkillId id) { return s.skill < id; });
  return it != skills.end() && it->skill == skill ? it->level : 0;
}

// Order of candidate callers across an agent's queues.
auto GlobalKey(const CallRec& c, const QueueRec& q) {
  return std::make_tuple(c.key.rank, c.key.neg_priority, -q.config.priority, c.key.arrival_ms,
                         c.key.seq);
}

}  // namespace

std::vector<SkillRequirement> Engine::NeedsFor(const QueueRec& q,
                                               const CallAttributes& attrs) const {
  std::vector<SkillRequirement> needs = q.config.required_skills;
  for (const auto& r : attrs.required_skills) {
    auto it = std::find_if(needs.begin(), needs.end(),
                           [&](const SkillRequirement& n) { return n.skill == r.skill; });
    if (it == needs.end())
      needs.push_back(r);
    else
      it->min_level = std::max(it->min_level, r.min_level);
  }
  return needs;
}

ReadyKey Engine::ReadyKeyFor(const AgentRec& a, const Membership& m, const QueueRec& q) const {
  const std::int64_t idle = core::ToMillis(a.idle_since);
  ReadyKey k{m.tier, 0, 0, a.config.id.value()};
  switch (q.config.policy) {
    case RoutingPolicy::kLongestIdle:
      k.k1 = idle;
      break;
    case RoutingPolicy::kFewestCalls:
      k.k1 = a.calls_today;
      k.k2 = idle;
      break;
    case RoutingPolicy::kRoundRobin:
      k.k1 = static_cast<std::int64_t>(m.rr_last);
      break;
    case RoutingPolicy::kSkillsBestMatch: {
      std::int64_t score = 0;
      for (const auto& r : q.config.required_skills) score += LevelOf(a, r.skill);
      k.k1 = -score;
      k.k2 = idle;
      break;
    }
  }
  return k;
}

void Engine::IndexReady(AgentRec& a) {  // all memberships are indexed together
  for (auto& m : a.memberships) {
    QueueRec& q = QueueOf(m.queue);
    m.key = ReadyKeyFor(a, m, q);
    q.ready.insert(m.key);
    m.indexed = true;
  }
}

void Engine::UnindexReady(AgentRec& a) {
  for (auto& m : a.memberships) {
    if (!m.indexed) continue;
    QueueOf(m.queue).ready.erase(m.key);
    m.indexed = false;
  }
}

bool Engine::Eligible(const AgentRec& a, const CallRec& c, Timestamp now) const {
  for (const auto& [agent, until] : c.declined)
    if (agent == a.config.id && now < until) return false;
  int relaxed = 11;
  if (c.relax_step > 0)
    relaxed = queues_.at(c.queue).config.relaxations[c.relax_step - 1].min_level;
  for (const auto& r : c.needs)
    if (LevelOf(a, r.skill) < std::min(r.min_level, relaxed)) return false;
  return true;
}

void Engine::Decline(CallRec& c, const AgentRec& a, Timestamp now) {
  const Timestamp until = now + config_.reoffer_delay;
  std::erase_if(c.declined, [&](const auto& d) { return d.first == a.config.id; });
  c.declined.emplace_back(a.config.id, until);
  Arm(TimerKind::kRetry, c.id.value(), c.epoch, until);
}

AgentRec* Engine::PickAgent(const CallRec& c, Timestamp now) {
  QueueRec& q = QueueOf(c.queue);
  for (const ReadyKey& k : q.ready) {
    AgentRec& a = AgentOf(AgentId(k.agent));
    if (Eligible(a, c, now)) return &a;
  }
  return nullptr;
}

CallRec* Engine::PickCall(const AgentRec& a, Timestamp now) {
  CallRec* best = nullptr;
  decltype(GlobalKey(std::declval<CallRec&>(), std::declval<QueueRec&>())) best_key{};
  for (const auto& m : a.memberships) {
    const QueueRec& q = QueueOf(m.queue);
    for (const auto& [key, id] : q.waiting) {
      CallRec& c = calls_.at(id);
      auto gk = GlobalKey(c, q);
      if (best && !(gk < best_key)) break;  // the rest of this queue comes later still
      if (!Eligible(a, c, now)) continue;
      best = &c;
      best_key = gk;
      break;
    }
  }
  return best;
}

void Engine::RouteCall(CallRec& c) {
  route_queue_.push_back(RouteRequest{c.id, {}});
}
void Engine::RouteAgent(AgentRec& a) {
  route_queue_.push_back(RouteRequest{{}, a.config.id});
}

void Engine::RouteQueue(QueueRec& q) {
  for (const auto& [key, id] : q.waiting) route_queue_.push_back(RouteRequest{id, {}});
}

OfferKind Engine::OfferKindFor(const CallRec& c) {
  switch (c.kind) {
    case CallKind::kCallback:
      return OfferKind::kCallback;
    case CallKind::kOutbound:
      return OfferKind::kOutbound;
    case CallKind::kInbound:
      break;
  }
  return OfferKind::kInbound;
}

void Engine::FlushRouting(Timestamp now, Out& out) {
  for (std::size_t i = 0; i < route_queue_.size(); ++i) {
    const RouteRequest r = route_queue_[i];
    if (r.call.valid()) {
      auto it = calls_.find(r.call);
      if (it == calls_.end() || it->second.phase != CallPhase::kQueued) continue;
      if (AgentRec* a = PickAgent(it->second, now))
        Offer(*a, it->second, OfferKindFor(it->second), now, out);
    } else {
      auto it = agents_.find(r.agent);
      if (it == agents_.end() || it->second.state != AgentState::kReady) continue;
      AgentRec& a = it->second;
      if (CallRec* c = PickCall(a, now))
        Offer(a, *c, OfferKindFor(*c), now, out);
      else if (!a.memberships.empty() && !a.memberships.front().indexed)
        IndexReady(a);
    }
  }
  route_queue_.clear();
}

}  // namespace cc::acd
