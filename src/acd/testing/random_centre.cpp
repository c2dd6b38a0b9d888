#include "acd/testing/random_centre.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

namespace cc::acd::random_test {

using core::Seconds;

RandomCentre::RandomCentre(Rng& rng, EngineHarness& harness) : rng_(rng), harness_(harness) {}

QueueConfig RandomCentre::RandomQueue(QueueId id, const std::vector<QueueId>& overflow_to) {
  QueueConfig q;
  q.id = id;
  q.tenant = TenantId(1);
  q.name = fmt::format("q{}", id.value());
  q.priority = rng_.Int(0, 2);
  if (rng_.Chance(0.35)) {
    const int level = rng_.Int(1, 6);
    q.required_skills = {{SkillId(static_cast<std::uint32_t>(rng_.Int(1, 3))), level}};
    if (rng_.Chance(0.5)) {
      const int after = rng_.Int(5, 40);
      q.relaxations.push_back({Seconds(after), rng_.Int(1, level)});
      if (rng_.Chance(0.5)) q.relaxations.push_back({Seconds(after + rng_.Int(5, 40)), 1});
    }
  }
  q.policy = static_cast<RoutingPolicy>(rng_.Int(0, 3));
  q.sl_threshold = Seconds(rng_.Int(5, 30));
  q.sl_target_percent = rng_.Int(50, 95);
  q.short_abandon = rng_.Chance(0.5) ? Seconds(rng_.Int(1, 8)) : Duration{};
  const int o = rng_.Int(0, 9);
  if (o < 4 && !overflow_to.empty()) {
    q.overflow = {OverflowKind::kQueue, rng_.Pick(overflow_to)};
  } else if (o < 6) {
    q.overflow = {OverflowKind::kCallbackOffer, {}};
  }
  if (q.overflow.kind != OverflowKind::kNone && rng_.Chance(0.6))
    q.max_wait = Seconds(rng_.Int(15, 120));
  const int na = rng_.Int(0, 9);
  if (na >= 6) {
    q.when_no_agents = na < 8 && q.overflow.kind != OverflowKind::kNone
                           ? NoAgentsAction::kOverflow
                           : NoAgentsAction::kOfferCallback;
  }
  q.wrap_up = rng_.Chance(0.4) ? Duration{} : Seconds(rng_.Int(1, 30));
  q.announce_every = rng_.Chance(0.3) ? Seconds(rng_.Int(10, 60)) : Duration{};
  q.max_callers = rng_.Chance(0.3) ? rng_.Int(1, 4) : 0;
  q.ring_timeout = Seconds(rng_.Int(4, 20));
  return q;
}

AgentConfig RandomCentre::RandomAgent(AgentId id) {
  AgentConfig a;
  a.id = id;
  a.tenant = TenantId(1);
  a.name = fmt::format("a{}", id.value());
  for (std::uint32_t s = 1; s <= 3; ++s)
    if (rng_.Chance(0.6)) a.skills.push_back({SkillId(s), rng_.Int(1, 10)});
  if (rng_.Chance(0.5)) std::reverse(a.skills.begin(), a.skills.end());
  for (QueueId q : harness_.QueueIds())
    if (rng_.Chance(0.55)) a.queues.push_back({q, rng_.Chance(0.75) ? 1 : 2});
  if (rng_.Chance(0.7)) a.team_lead_queue = QueueId(1);  // queue 1 is the team-lead group
  return a;
}

void RandomCentre::Setup() {
  EngineConfig config;
  config.missed_offers_limit = rng_.Int(1, 4);
  config.max_overflow_hops = rng_.Int(1, 4);
  const std::vector<int> delays = {0, 2, 5, 5, 5, 10};
  config.reoffer_delay = Seconds(rng_.Pick(delays));
  harness_.Start(config);
  const int queues = rng_.Int(2, 4);
  std::vector<QueueId> existing;
  for (int i = 1; i <= queues; ++i) {
    const QueueId id(static_cast<std::uint32_t>(i));
    harness_.Apply(UpsertQueue{RandomQueue(id, existing)}, Expect::kOk);
    existing.push_back(id);
  }
  const int agents = rng_.Int(3, 8);
  for (int i = 1; i <= agents; ++i) {
    const AgentId id(static_cast<std::uint32_t>(i));
    harness_.UpsertAgentNow(RandomAgent(id));
  }
  for (int i = 1; i <= agents; ++i) {
    const AgentId id(static_cast<std::uint32_t>(i));
    const int r = rng_.Int(0, 9);
    if (r < 8) harness_.Apply(AgentLogin{id}, Expect::kOk);
    if (r < 6) harness_.Apply(AgentReady{id}, Expect::kOk);
  }
}

CallAttributes RandomCentre::RandomAttributes(CallId id, bool allow_skills) {
  CallAttributes at;
  at.tenant = TenantId(1);
  at.dialled_number = "+78000000000";
  if (!rng_.Chance(0.2)) at.caller_number = fmt::format("+7495{}", id.value());
  at.priority = rng_.Chance(0.15) ? rng_.Int(1, 10) : 0;
  if (allow_skills && rng_.Chance(0.15))
    at.required_skills = {{SkillId(static_cast<std::uint32_t>(rng_.Int(1, 3))), rng_.Int(1, 8)}};
  return at;
}

}  // namespace cc::acd::random_test
