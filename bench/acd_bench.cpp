// Routing benchmark of cc::acd::Engine (bench/README.md explains the figures).
//
// A centre is built deterministically (seeded std::mt19937_64): N agents,
// 1,000 queues, 50 skills and 5,000 callers waiting. Two kinds of routing
// decision are timed, one Engine::Apply() each:
//
//   BM_PickAgent_CallArrives  CallArrived at a queue with ready members: the
//                             engine enqueues the caller, walks the queue's
//                             ready agents in policy order with skill checks
//                             and offers the caller to the first eligible one.
//   BM_PickCall_AgentReady    AgentReady for an agent whose queues hold the
//                             5,000-caller backlog: the engine indexes the
//                             agent, finds the best caller across its queues
//                             (caller priority, queue priority, arrival) with
//                             skill checks and offers that caller.
//
// Each Apply is timed on its own with std::chrono::steady_clock; that time is
// the benchmark's (manual) time and the source of the percentiles. The inputs
// that return the centre to its steady state afterwards (the agent answers and
// hangs up, a new caller replaces the one served) are applied between the
// timed calls and are not part of the decision time; the counter cycle_dps
// shows the rate including them.
//
// BM_PickCall_NoneEligible and BM_PickAgent_NoneEligible time the worst case
// outside that centre (a decision that looks at every candidate and finds
// nobody); BM_ClockOverhead times the two clock reads around each sample.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "acd/engine.h"

namespace {

namespace acd = cc::acd;
using acd::AgentId;
using acd::CallId;
using acd::QueueId;
using acd::SkillId;
using acd::Timestamp;
using SteadyClock = std::chrono::steady_clock;

// Shape of the centre.
constexpr int kQueues = 1000;
constexpr int kSkills = 50;
constexpr int kWaiting = 5000;
constexpr int kHotQueuePercent = 30;         // queues holding the waiting backlog
constexpr int kReadyPoolPercent = 20;        // agents kept ready, members of quiet queues only
constexpr int kOnCallPercentOfBusy = 50;     // the other agents: on a call, or not ready
constexpr int kQuietMembershipPercent = 20;  // a busy agent's membership in a quiet queue
constexpr int kUnqualifiedPercent = 5;       // memberships ignoring the queue's skills (trainees)
constexpr int kVipPercent = 5;               // callers with priority 1..9 ...
constexpr int kVipMinLevel = 7;              // ... who need level >= 7 on the queue's first skill
constexpr std::uint64_t kSeed = 20260527;
constexpr auto kStep = std::chrono::milliseconds(1);  // virtual time between two inputs

struct QueueInfo {
  QueueId id;
  bool hot = false;
  std::vector<acd::SkillRequirement> required;
  int ready_pool_members = 0;
};

struct AgentInfo {
  AgentId id;
  bool ready_pool = false;
};

class Centre {
 public:
  explicit Centre(int agent_count) : rng_(kSeed) {
    BuildQueues();
    BuildAgents(agent_count);
    Populate();
  }

  // (a) A caller arrives at a queue with ready members. Returns the
  // nanoseconds of the one timed Apply; `offered` counts decisions that ended
  // in an offer to an agent.
  std::int64_t CallArrivesDecision(std::int64_t& offered) {
    const QueueInfo& q = queues_[serving_queues_[Pick(serving_queues_.size())]];
    const CallId call = NextCallId();
    const acd::Input input = acd::CallArrived{call, q.id, CallerFor(q)};
    const std::int64_t ns = Timed(input);
    bool got = false;
    for (const auto& cmd : out_.commands)
      if (const auto* o = std::get_if<acd::OfferCall>(&cmd); o && o->call == call) got = true;
    CollectOffers();
    if (got) {
      ++offered;
    } else {
      Drive(acd::CallerHungUp{call});  // nobody eligible is ready: the caller gives up
    }
    Settle();
    return ns;
  }

  // (b) An agent whose queues hold the backlog becomes ready.
  std::int64_t AgentReadyDecision(std::int64_t& offered) {
    const AgentId agent = rotation_[next_in_rotation_++ % rotation_.size()];
    const acd::Input input = acd::AgentReady{agent};
    const std::int64_t ns = Timed(input);
    bool got = false;
    for (const auto& cmd : out_.commands)
      if (const auto* o = std::get_if<acd::OfferCall>(&cmd); o && o->agent == agent) got = true;
    CollectOffers();
    if (got) {
      ++offered;
    } else {
      Drive(acd::AgentNotReady{agent, acd::NotReadyReason::kBreak});  // nobody it may take
    }
    Settle();
    return ns;
  }

  // Checks the engine's indexes and that the backlog is still kWaiting callers.
  void Verify() const {
    if (auto st = engine_.CheckConsistency(); !st) throw std::runtime_error(st.error().message);
    if (Waiting() != kWaiting)
      throw std::runtime_error("backlog is " + std::to_string(Waiting()) + " callers, not " +
                               std::to_string(kWaiting));
  }

  int Waiting() const {
    std::size_t n = 0;
    for (const auto& q : queues_) n += engine_.Waiting(q.id).size();
    return static_cast<int>(n);
  }

  // Ready agents in the queue an arriving caller picks, on average.
  double ReadyPerServingQueue() const {
    double sum = 0;
    for (std::size_t i : serving_queues_) sum += queues_[i].ready_pool_members;
    return serving_queues_.empty() ? 0.0 : sum / static_cast<double>(serving_queues_.size());
  }

  std::int64_t Applies() const { return applies_; }
  // Events and commands the timed decisions appended to the output.
  std::int64_t TimedEvents() const { return timed_events_; }
  std::int64_t TimedCommands() const { return timed_commands_; }

 private:
  int Uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Percent(int p) { return Uniform(0, 99) < p; }
  std::size_t Pick(std::size_t n) {
    return static_cast<std::size_t>(Uniform(0, static_cast<int>(n) - 1));
  }
  CallId NextCallId() { return CallId(++last_call_); }

  void BuildQueues() {
    for (int i = 1; i <= kQueues; ++i) {
      QueueInfo info;
      info.id = QueueId(static_cast<std::uint32_t>(i));
      info.hot = Percent(kHotQueuePercent);
      const int nskills = Percent(60) ? 1 : 2;
      while (static_cast<int>(info.required.size()) < nskills) {
        const SkillId s(static_cast<std::uint32_t>(Uniform(1, kSkills)));
        if (std::none_of(info.required.begin(), info.required.end(),
                         [&](const acd::SkillRequirement& r) { return r.skill == s; }))
          info.required.push_back({s, Uniform(1, 5)});
      }
      acd::QueueConfig cfg;
      cfg.id = info.id;
      cfg.tenant = acd::TenantId(1);
      cfg.name = "queue " + std::to_string(i);
      cfg.priority = Percent(10) ? Uniform(1, 2) : 0;
      cfg.required_skills = info.required;
      const int p = Uniform(0, 9);
      cfg.policy = p < 4   ? acd::RoutingPolicy::kLongestIdle
                   : p < 6 ? acd::RoutingPolicy::kFewestCalls
                   : p < 8 ? acd::RoutingPolicy::kRoundRobin
                           : acd::RoutingPolicy::kSkillsBestMatch;
      queue_cfgs_.push_back(std::move(cfg));
      (info.hot ? hot_queues_ : quiet_queues_).push_back(queues_.size());
      queues_.push_back(std::move(info));
    }
  }

  // Skills follow the queues: an agent gets the skills (at or above the
  // minimum level) of the queues it joins, up to 8 skills, then random ones
  // up to 5..8. A few memberships ignore the skills (the agent is then
  // skipped by routing for that queue).
  void BuildAgents(int agent_count) {
    for (int i = 1; i <= agent_count; ++i) {
      AgentInfo info{AgentId(static_cast<std::uint32_t>(i)), Percent(kReadyPoolPercent)};
      acd::AgentConfig cfg;
      cfg.id = info.id;
      cfg.tenant = acd::TenantId(1);
      cfg.name = "agent " + std::to_string(i);
      const int want_skills = Uniform(5, 8);
      const int want_queues = Uniform(4, 6);
      auto level_of = [&](SkillId s) -> acd::SkillLevel* {
        for (auto& l : cfg.skills)
          if (l.skill == s) return &l;
        return nullptr;
      };
      auto member_of = [&](QueueId q) {
        return std::any_of(cfg.queues.begin(), cfg.queues.end(),
                           [&](const acd::QueueMembership& m) { return m.queue == q; });
      };
      for (int m = 0; m < want_queues; ++m) {
        const bool quiet = info.ready_pool || Percent(kQuietMembershipPercent);
        const auto& pool = quiet ? quiet_queues_ : hot_queues_;
        const bool unqualified = Percent(kUnqualifiedPercent);
        for (int attempt = 0; attempt < 50; ++attempt) {
          const QueueInfo& q = queues_[pool[Pick(pool.size())]];
          if (member_of(q.id)) continue;
          if (!unqualified) {
            int missing = 0;
            for (const auto& r : q.required) missing += level_of(r.skill) == nullptr;
            if (static_cast<int>(cfg.skills.size()) + missing > 8) continue;
            for (const auto& r : q.required) {
              if (auto* l = level_of(r.skill)) {
                if (l->level < r.min_level) l->level = Uniform(r.min_level, 10);
              } else {
                cfg.skills.push_back({r.skill, Uniform(r.min_level, 10)});
              }
            }
          }
          cfg.queues.push_back({q.id, Percent(70) ? 1 : 2});
          if (info.ready_pool)
            queues_[static_cast<std::size_t>(q.id.value() - 1)].ready_pool_members++;
          break;
        }
      }
      while (static_cast<int>(cfg.skills.size()) < want_skills) {
        const SkillId s(static_cast<std::uint32_t>(Uniform(1, kSkills)));
        if (!level_of(s)) cfg.skills.push_back({s, Uniform(1, 10)});
      }
      agent_cfgs_.push_back(std::move(cfg));
      agents_.push_back(info);
    }
    for (std::size_t i : quiet_queues_)
      if (queues_[i].ready_pool_members > 0) serving_queues_.push_back(i);
  }

  acd::CallAttributes CallerFor(const QueueInfo& q) { return CallerFor(q, Percent(kVipPercent)); }

  acd::CallAttributes CallerFor(const QueueInfo& q, bool vip) {
    acd::CallAttributes a;
    a.tenant = acd::TenantId(1);
    a.dialled_number = "+4930901820";
    a.caller_number = "+4915112345678";
    a.ivr_topic = "billing";
    if (vip) {
      a.priority = Uniform(1, 9);
      a.required_skills.push_back({q.required.front().skill, kVipMinLevel});
    }
    return a;
  }

  void ArriveInBacklog() {
    const QueueInfo& q = queues_[hot_queues_[Pick(hot_queues_.size())]];
    Drive(acd::CallArrived{NextCallId(), q.id, CallerFor(q)});
  }

  // A new caller like the one just served (same queue, VIP or not) takes its
  // place, so the backlog keeps its make-up: otherwise it would drift into
  // the queues and callers nobody on the rota may take.
  void ReplaceInBacklog(CallId served) {
    const auto view = engine_.Call(served);
    if (!view) throw std::runtime_error("served caller is unknown");
    const QueueInfo& q = queues_[view->queue.value() - 1];
    Drive(acd::CallArrived{NextCallId(), q.id, CallerFor(q, view->priority > 0)});
  }

  void Populate() {
    for (auto& cfg : queue_cfgs_) Drive(acd::UpsertQueue{std::move(cfg)});
    for (auto& cfg : agent_cfgs_) {
      const AgentId id = cfg.id;
      Drive(acd::UpsertAgent{std::move(cfg)});
      Drive(acd::AgentLogin{id});
    }
    queue_cfgs_.clear();
    agent_cfgs_.clear();
    // The backlog arrives while nobody is ready.
    for (int i = 0; i < kWaiting; ++i) ArriveInBacklog();
    // Half of the busy agents take a caller and stay on the call; a new
    // caller replaces each one taken. The rest are on a break and take turns
    // becoming ready in BM_PickCall_AgentReady.
    std::vector<AgentId> busy;
    for (const auto& a : agents_)
      if (!a.ready_pool) busy.push_back(a.id);
    std::shuffle(busy.begin(), busy.end(), rng_);
    const std::size_t on_call = busy.size() * kOnCallPercentOfBusy / 100;
    for (std::size_t i = 0; i < busy.size(); ++i) {
      if (i < on_call) {
        Drive(acd::AgentReady{busy[i]});
        std::vector<acd::OfferCall> offers = std::exchange(offers_, {});
        if (!offers.empty()) {
          for (const auto& o : offers) {
            Drive(acd::OfferAccepted{o.call, o.agent});
            ReplaceInBacklog(o.call);
          }
          continue;
        }
      }
      Drive(acd::AgentNotReady{busy[i], acd::NotReadyReason::kBreak});
      rotation_.push_back(busy[i]);
    }
    Settle();
    // The ready pool: members of quiet queues only, so they stay ready.
    for (const auto& a : agents_)
      if (a.ready_pool) Drive(acd::AgentReady{a.id});
    Settle();
    Verify();
    if (rotation_.empty() || serving_queues_.empty()) throw std::runtime_error("centre too small");
  }

  [[gnu::noinline]] std::int64_t Timed(const acd::Input& input) {
    now_ += kStep;
    ++applies_;
    out_.clear();
    const auto t0 = SteadyClock::now();
    auto st = engine_.Apply(input, now_, out_);
    const auto t1 = SteadyClock::now();
    if (!st) throw std::runtime_error("decision failed: " + st.error().message);
    timed_events_ += static_cast<std::int64_t>(out_.events.size());
    timed_commands_ += static_cast<std::int64_t>(out_.commands.size());
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  }

  // An untimed input; offers it produces are remembered for Settle().
  void Drive(const acd::Input& input) {
    now_ += kStep;
    ++applies_;
    out_.clear();
    if (auto st = engine_.Apply(input, now_, out_); !st)
      throw std::runtime_error("input failed: " + st.error().message);
    CollectOffers();
  }

  void CollectOffers() {
    for (const auto& cmd : out_.commands)
      if (const auto* o = std::get_if<acd::OfferCall>(&cmd)) offers_.push_back(*o);
  }

  bool InReadyPool(AgentId id) const { return agents_[id.value() - 1].ready_pool; }

  // Brings every ringing offer to its end: the agent answers and hangs up.
  // A ready-pool agent is ready again afterwards; a busy agent goes back on
  // a break and a new caller takes the served caller's place in the backlog.
  void Settle() {
    for (int guard = 0; !offers_.empty(); ++guard) {
      if (guard > 1000) throw std::runtime_error("offers do not settle");
      const acd::OfferCall o = offers_.back();
      offers_.pop_back();
      Drive(acd::OfferAccepted{o.call, o.agent});
      if (InReadyPool(o.agent)) {
        Drive(acd::AgentHangsUp{o.call, o.agent});
      } else {
        ReplaceInBacklog(o.call);
        Drive(acd::AgentNotReady{o.agent, acd::NotReadyReason::kBreak});  // after this call
        Drive(acd::AgentHangsUp{o.call, o.agent});
      }
    }
  }

  std::mt19937_64 rng_;
  acd::Engine engine_;
  acd::Output out_;
  Timestamp now_ = cc::core::FromMillis(1'780'000'000'000);  // May 2026
  std::uint64_t last_call_ = 0;
  std::int64_t applies_ = 0;
  std::int64_t timed_events_ = 0;
  std::int64_t timed_commands_ = 0;
  std::vector<QueueInfo> queues_;  // index = queue id - 1
  std::vector<AgentInfo> agents_;  // index = agent id - 1
  std::vector<acd::QueueConfig> queue_cfgs_;
  std::vector<acd::AgentConfig> agent_cfgs_;
  std::vector<std::size_t> hot_queues_, quiet_queues_, serving_queues_;
  std::vector<AgentId> rotation_;
  std::size_t next_in_rotation_ = 0;
  std::vector<acd::OfferCall> offers_;
};

double Percentile(std::vector<std::int64_t>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return static_cast<double>(v[k]);
}

// Involuntary context switches of this thread so far: each one is a stretch
// of time when another process ran, which lands in whatever Apply was timed.
long Preemptions() {
  rusage ru{};
  getrusage(RUSAGE_THREAD, &ru);
  return ru.ru_nivcsw;
}

// In the centre benchmarks, samples above this are the host, not the engine
// (a descheduled thread, a hypervisor pause): no decision there takes that
// long by itself.
constexpr std::int64_t kInterferenceNs = 100'000;

// Decisions per second over the samples below kInterferenceNs only, and how
// many samples were left out.
void ReportTrimmed(benchmark::State& state, const std::vector<std::int64_t>& ns) {
  double kept = 0, kept_ns = 0;
  for (std::int64_t t : ns) {
    if (t > kInterferenceNs) continue;
    kept += 1;
    kept_ns += static_cast<double>(t);
  }
  state.counters["dps_trim"] = kept_ns > 0 ? kept / (kept_ns * 1e-9) : 0.0;
  state.counters[">100us"] = static_cast<double>(ns.size()) - kept;
}

void ReportLatency(benchmark::State& state, std::vector<std::int64_t>& ns) {
  state.SetItemsProcessed(state.iterations());
  state.counters["p50_ns"] = Percentile(ns, 0.50);
  state.counters["p90_ns"] = Percentile(ns, 0.90);
  state.counters["p99_ns"] = Percentile(ns, 0.99);
  state.counters["p99.9_ns"] = Percentile(ns, 0.999);
  state.counters["max_ns"] =
      ns.empty() ? 0.0 : static_cast<double>(*std::max_element(ns.begin(), ns.end()));
}

template <class Decide>
void RunDecisions(benchmark::State& state, Decide decide) {
  try {
    Centre centre(static_cast<int>(state.range(0)));
    std::vector<std::int64_t> ns;
    ns.reserve(static_cast<std::size_t>(state.max_iterations));
    std::int64_t offered = 0;
    const std::int64_t applies_before = centre.Applies();
    const long preempted0 = Preemptions();
    const auto wall0 = SteadyClock::now();
    for (auto _ : state) {
      const std::int64_t t = decide(centre, offered);
      ns.push_back(t);
      state.SetIterationTime(static_cast<double>(t) * 1e-9);
    }
    const std::chrono::duration<double> wall = SteadyClock::now() - wall0;
    state.counters["preempted"] = static_cast<double>(Preemptions() - preempted0);
    const auto decisions = static_cast<double>(state.iterations());
    const auto applies = static_cast<double>(centre.Applies() - applies_before);
    centre.Verify();
    ReportTrimmed(state, ns);
    ReportLatency(state, ns);
    state.counters["offered_%"] =
        decisions > 0 ? 100.0 * static_cast<double>(offered) / decisions : 0.0;
    // Decisions per second when the inputs that restore the steady state are counted too.
    state.counters["cycle_dps"] = wall.count() > 0 ? decisions / wall.count() : 0.0;
    state.counters["applies/dec"] = decisions > 0 ? applies / decisions : 0.0;
    state.counters["events/dec"] =
        decisions > 0 ? static_cast<double>(centre.TimedEvents()) / decisions : 0.0;
    state.counters["cmds/dec"] =
        decisions > 0 ? static_cast<double>(centre.TimedCommands()) / decisions : 0.0;
    state.counters["ready/queue"] = centre.ReadyPerServingQueue();
    state.counters["waiting"] = centre.Waiting();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void BM_PickAgent_CallArrives(benchmark::State& state) {
  RunDecisions(state,
               [](Centre& c, std::int64_t& offered) { return c.CallArrivesDecision(offered); });
}

void BM_PickCall_AgentReady(benchmark::State& state) {
  RunDecisions(state,
               [](Centre& c, std::int64_t& offered) { return c.AgentReadyDecision(offered); });
}

// Worst cases outside the centre above: a decision that finds nobody after
// looking at every candidate. One queue requires skill 1 at level 5.
class NoneEligible {
 public:
  NoneEligible() {
    acd::QueueConfig q;
    q.id = kQueue;
    q.tenant = acd::TenantId(1);
    q.required_skills = {{SkillId(1), 5}};
    Drive(acd::UpsertQueue{q});
  }

  // `n` callers wait; one agent, a member with level 3 only, becomes ready.
  // PickCall walks the whole queue and finds nobody it may take.
  void BuildLongQueue(int n) {
    AddAgent(AgentId(1), 3, false);
    for (int i = 0; i < n; ++i) Drive(acd::CallArrived{NextCall(), kQueue, Caller(0)});
  }
  std::int64_t AgentReadyFindsNobody() {
    const std::int64_t ns = Timed(acd::AgentReady{AgentId(1)});
    Drive(acd::AgentNotReady{AgentId(1), acd::NotReadyReason::kBreak});
    return ns;
  }

  // `n` qualified agents are ready; a VIP arrives who needs level 7, which
  // none of them has. PickAgent walks the whole ready set.
  void BuildReadyPool(int n) {
    for (int i = 1; i <= n; ++i) AddAgent(AgentId(static_cast<std::uint32_t>(i)), 6, true);
  }
  std::int64_t VipFindsNobody() {
    const CallId call = NextCall();
    const std::int64_t ns = Timed(acd::CallArrived{call, kQueue, Caller(7)});
    Drive(acd::CallerHungUp{call});
    return ns;
  }

  std::int64_t Offers() const { return offers_; }

 private:
  static constexpr QueueId kQueue{1};

  CallId NextCall() { return CallId(++last_call_); }
  static acd::CallAttributes Caller(int vip_level) {
    acd::CallAttributes a;
    a.tenant = acd::TenantId(1);
    if (vip_level > 0) {
      a.priority = 5;
      a.required_skills = {{SkillId(1), vip_level}};
    }
    return a;
  }
  void AddAgent(AgentId id, int level, bool ready) {
    acd::AgentConfig a;
    a.id = id;
    a.tenant = acd::TenantId(1);
    a.skills = {{SkillId(1), level}};
    a.queues = {{kQueue, 1}};
    Drive(acd::UpsertAgent{a});
    Drive(acd::AgentLogin{id});
    if (ready) Drive(acd::AgentReady{id});
  }
  void Drive(const acd::Input& input) {
    now_ += kStep;
    out_.clear();
    if (auto st = engine_.Apply(input, now_, out_); !st)
      throw std::runtime_error("input failed: " + st.error().message);
  }
  std::int64_t Timed(const acd::Input& input) {
    now_ += kStep;
    out_.clear();
    const auto t0 = SteadyClock::now();
    auto st = engine_.Apply(input, now_, out_);
    const auto t1 = SteadyClock::now();
    if (!st) throw std::runtime_error("decision failed: " + st.error().message);
    for (const auto& cmd : out_.commands) offers_ += std::holds_alternative<acd::OfferCall>(cmd);
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
  }

  acd::Engine engine_;
  acd::Output out_;
  Timestamp now_ = cc::core::FromMillis(1'780'000'000'000);
  std::uint64_t last_call_ = 0;
  std::int64_t offers_ = 0;
};

template <class Build, class Decide>
void RunNoneEligible(benchmark::State& state, Build build, Decide decide) {
  try {
    NoneEligible world;
    build(world, static_cast<int>(state.range(0)));
    std::vector<std::int64_t> ns;
    ns.reserve(static_cast<std::size_t>(state.max_iterations));
    for (auto _ : state) {
      const std::int64_t t = decide(world);
      ns.push_back(t);
      state.SetIterationTime(static_cast<double>(t) * 1e-9);
    }
    if (world.Offers() != 0) throw std::runtime_error("an offer was made; the case is wrong");
    ReportLatency(state, ns);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void BM_PickCall_NoneEligible(benchmark::State& state) {
  RunNoneEligible(
      state, [](NoneEligible& w, int n) { w.BuildLongQueue(n); },
      [](NoneEligible& w) { return w.AgentReadyFindsNobody(); });
}

void BM_PickAgent_NoneEligible(benchmark::State& state) {
  RunNoneEligible(
      state, [](NoneEligible& w, int n) { w.BuildReadyPool(n); },
      [](NoneEligible& w) { return w.VipFindsNobody(); });
}

// What two steady_clock reads around nothing cost: the floor under every
// latency figure above.
void BM_ClockOverhead(benchmark::State& state) {
  std::vector<std::int64_t> ns;
  ns.reserve(static_cast<std::size_t>(state.max_iterations));
  for (auto _ : state) {
    const auto t0 = SteadyClock::now();
    const auto t1 = SteadyClock::now();
    const auto t = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
    ns.push_back(t);
    state.SetIterationTime(static_cast<double>(t) * 1e-9);
  }
  ReportLatency(state, ns);
}

void AgentCounts(benchmark::internal::Benchmark* b) {
  b->ArgName("agents");
  for (int n : {1000, 2500, 5000, 10000}) b->Arg(n);
  b->UseManualTime()->Unit(benchmark::kNanosecond);
}

}  // namespace

BENCHMARK(BM_PickAgent_CallArrives)->Apply(AgentCounts);
BENCHMARK(BM_PickCall_AgentReady)->Apply(AgentCounts);
BENCHMARK(BM_PickCall_NoneEligible)
    ->ArgName("waiting")
    ->Arg(50)
    ->Arg(500)
    ->Arg(5000)
    ->UseManualTime()
    ->Unit(benchmark::kNanosecond);
BENCHMARK(BM_PickAgent_NoneEligible)
    ->ArgName("ready")
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->UseManualTime()
    ->Unit(benchmark::kNanosecond);
BENCHMARK(BM_ClockOverhead)->UseManualTime()->Unit(benchmark::kNanosecond);

BENCHMARK_MAIN();
