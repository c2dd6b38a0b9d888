// Randomized property test of the ACD engine: thousands of seeded random
// sequences of inputs (callers hanging up at every stage, agents going
// not-ready mid-offer, offers expiring, transfers, consults, callbacks,
// outbound calls, skills and memberships changing) with invariants checked
// after every input:
//
//  - the engine's own consistency check passes;
//  - a caller rings at one agent at a time (consults aside), an agent holds
//    at most one call, an agent is only ever offered a call when ready, and
//    every reserved agent has exactly one live offer;
//  - no ready agent idles while a caller they can take waits (a member of
//    the queue, with the skills the caller needs as relaxed by the wait so
//    far, not passed over for that caller within the re-offer delay);
//  - offers end by their ring timeout and wrap-ups by their length; live
//    callers do not wait past the queue's maximum wait; arrivals at a full
//    queue or one nobody is logged in to are handled as configured;
//  - an input that does not fit the state is refused and changes nothing;
//  - RealtimeStats fed with the events agrees with an independent recount
//    of the same events (docs/kpi.md) and with the engine's own view, and
//    every visit's wait runs from its call.queued;
//  - at the end every call has ended exactly once, every queue visit closed
//    with exactly one outcome, and nothing is left in the engine.
//
// Environment:
//   CC_RANDOM_SEEDS=N   run seeds 1..N (default: see DefaultSeeds())
//   CC_RANDOM_SEED=S    run only seed S (to reproduce a failure)
//   CC_RANDOM_COVERAGE  print how often each input met each call stage / agent state
// A failure prints the seed and the last inputs with their commands and events.
#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "acd/describe.h"
#include "acd/engine.h"
#include "acd/realtime_stats.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace cc::acd {
namespace {

using core::Seconds;

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

constexpr std::int64_t kStartMillis = 1'795'852'800'000;  // 2026-11-27T08:00:00Z
constexpr std::size_t kHistory = 30;                       // inputs shown on failure
constexpr std::uint32_t kUnknownAgent = 999;
constexpr std::uint32_t kUnknownQueue = 99;

int DefaultSeeds() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 300;
#elif !defined(NDEBUG)
  return 500;
#else
  return 2500;
#endif
}

struct TestFailure {
  std::string message;
};

#define REQUIRE(cond, ...)                                   \
  do {                                                       \
    if (!(cond)) throw TestFailure{fmt::format(__VA_ARGS__)}; \
  } while (0)

std::string N(AgentId id) { return fmt::format("agent-{}", id.value()); }
std::string N(CallId id) { return fmt::format("call-{}", id.value()); }
std::string N(QueueId id) { return fmt::format("queue-{}", id.value()); }

std::string Secs(Timestamp t) {
  return fmt::format("{:.3f}s", static_cast<double>(core::ToMillis(t) - kStartMillis) / 1000.0);
}

std::string_view StageName(CallStage s) {
  switch (s) {
    case CallStage::kScheduled: return "scheduled";
    case CallStage::kQueued: return "queued";
    case CallStage::kOffered: return "offered";
    case CallStage::kDialing: return "dialing";
    case CallStage::kTalking: return "talking";
    case CallStage::kOnHold: return "on-hold";
    case CallStage::kConsulting: return "consulting";
    case CallStage::kConference: return "conference";
  }
  return "?";
}

bool Busy(AgentState s) {
  return s == AgentState::kReserved || s == AgentState::kOnCall || s == AgentState::kOnHold;
}

std::string Skills(const std::vector<SkillRequirement>& reqs) {
  std::string s;
  for (const auto& r : reqs) s += fmt::format("{}skill-{}:{}", s.empty() ? "" : ",", r.skill.value(), r.min_level);
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
                N(q.id), ToString(q.policy), q.priority, Skills(q.required_skills), q.relaxations.size(),
                q.max_wait.count(), static_cast<int>(q.overflow.kind), q.overflow.queue.value(),
                static_cast<int>(q.when_no_agents), q.wrap_up.count(), q.announce_every.count(),
                q.max_callers, q.ring_timeout.count(), q.sl_threshold.count(), q.short_abandon.count());
          },
          [](const UpsertAgent& in) {
            const AgentConfig& a = in.config;
            std::string queues, skills;
            for (const auto& m : a.queues) queues += fmt::format(" {}:{}", N(m.queue), m.tier);
            for (const auto& s : a.skills) skills += fmt::format(" skill-{}:{}", s.skill.value(), s.level);
            return fmt::format("upsert-agent {} queues=[{}] skills=[{}] teamlead={}", N(a.id), queues,
                               skills, a.team_lead_queue ? N(*a.team_lead_queue) : "-");
          },
          [](const AgentLogin& in) { return fmt::format("login {}", N(in.agent)); },
          [](const AgentReady& in) { return fmt::format("ready {}", N(in.agent)); },
          [](const AgentNotReady& in) {
            return fmt::format("not-ready {} {}", N(in.agent), ToString(in.reason));
          },
          [](const AgentLogout& in) { return fmt::format("logout {}", N(in.agent)); },
          [](const WrapUpDone& in) { return fmt::format("wrap-up-done {}", N(in.agent)); },
          [](const ForceAgentState& in) {
            return fmt::format("force {} {} {}", N(in.agent), ToString(in.state), ToString(in.reason));
          },
          [](const OfferAccepted& in) { return fmt::format("accept {} by {}", N(in.call), N(in.agent)); },
          [](const OfferRejected& in) { return fmt::format("reject {} by {}", N(in.call), N(in.agent)); },
          [](const CallArrived& in) {
            return fmt::format("arrive {} in {} prio={} number={} skills={}", N(in.call), N(in.queue),
                               in.attributes.priority, in.attributes.caller_number.value_or("withheld"),
                               Skills(in.attributes.required_skills));
          },
          [](const CallerHungUp& in) { return fmt::format("caller-hangs-up {}", N(in.call)); },
          [](const AgentHangsUp& in) { return fmt::format("agent-hangs-up {} by {}", N(in.call), N(in.agent)); },
          [](const HoldCall& in) { return fmt::format("hold {}", N(in.call)); },
          [](const ResumeCall& in) { return fmt::format("resume {}", N(in.call)); },
          [](const TransferToQueue& in) { return fmt::format("transfer {} to {}", N(in.call), N(in.queue)); },
          [](const TransferToAgent& in) { return fmt::format("transfer {} to {}", N(in.call), N(in.agent)); },
          [](const TransferToTeamLead& in) { return fmt::format("transfer {} to team lead", N(in.call)); },
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
              case ConsultTargetKind::kExternal: break;
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
            return fmt::format("schedule-callback {} in {} due={} number='{}'", N(in.call), N(in.queue),
                               Secs(in.due), in.number);
          },
          [](const CancelCallback& in) { return fmt::format("cancel-callback {}", N(in.call)); },
          [](const OriginateCall& in) {
            return fmt::format("originate {} in {} for {} number='{}'", N(in.call), N(in.queue),
                               in.agent ? N(*in.agent) : "queue", in.number);
          },
          [](const OriginateAnswered& in) { return fmt::format("originate-answered {}", N(in.call)); },
          [](const OriginateFailed& in) { return fmt::format("originate-failed {}", N(in.call)); },
          [](const NewDay&) { return std::string("new-day"); },
          [](const Tick&) { return std::string("tick"); },
      },
      input);
}

// ---------------------------------------------------------------------------
// An independent recount of the figures in docs/kpi.md from the event stream.
// Deliberately simple; it also checks that the stream itself is coherent.

struct Recount {
  struct Queue {
    Duration sl_threshold{};
    Duration short_abandon{};
    int waiting = 0;
    int callbacks_waiting = 0;
    int offered = 0;
    int answered = 0;
    int answered_within_sl = 0;
    int abandoned = 0;
    int short_abandoned = 0;
    int overflowed_out = 0;
    int callbacks_requested = 0;
    int rejected = 0;
    int handled = 0;
    Duration answer_wait_total{};
    Duration handle_time_total{};
    friend bool operator==(const Queue&, const Queue&) = default;
  };
  struct Agent {
    AgentState state = AgentState::kLoggedOut;
    NotReadyReason reason = NotReadyReason::kNone;
    std::vector<QueueId> queues;
    int calls_handled = 0;
    int missed_offers = 0;
    int calls_today = 0;  // answered or connected today (the engine's calls_today)
    friend bool operator==(const Agent&, const Agent&) = default;
  };
  std::map<QueueId, Queue> queues;
  std::map<AgentId, Agent> agents;
  std::map<CallId, std::pair<QueueId, Timestamp>> open_visits;  // live caller -> queue, since
  std::map<CallId, QueueId> open_callbacks;                      // callback or outbound in a queue

  bool operator==(const Recount&) const = default;

  void NewDay() {
    for (auto& [id, q] : queues) {
      Queue fresh;
      fresh.sl_threshold = q.sl_threshold;
      fresh.short_abandon = q.short_abandon;
      fresh.waiting = q.waiting;
      fresh.callbacks_waiting = q.callbacks_waiting;
      q = fresh;
    }
    for (auto& [id, a] : agents) a.calls_handled = a.missed_offers = a.calls_today = 0;
  }

  // Closes the caller's open visit; `wait` must run from the visit's call.queued.
  void CloseVisit(CallId call, QueueId queue, Timestamp at, std::optional<Duration> wait, const char* how) {
    auto it = open_visits.find(call);
    REQUIRE(it != open_visits.end(), "{} of {} closes a queue visit that is not open", how, N(call));
    REQUIRE(it->second.first == queue, "{} of {} names {} but the visit is in {}", how, N(call), N(queue),
            N(it->second.first));
    REQUIRE(!wait || *wait == at - it->second.second, "{} of {}: wait {} ms but the visit began {} ms earlier",
            how, N(call), wait->count(), (at - it->second.second).count());
    queues[queue].waiting--;
    open_visits.erase(it);
  }

  void CloseCallback(CallId call) {
    auto it = open_callbacks.find(call);
    if (it == open_callbacks.end()) return;
    queues[it->second].callbacks_waiting--;
    open_callbacks.erase(it);
  }

  void Feed(const Event& event) {
    std::visit(
        Overloaded{
            [&](const QueueConfigured& e) {
              queues[e.queue].sl_threshold = e.sl_threshold;
              queues[e.queue].short_abandon = e.short_abandon;
            },
            [&](const AgentConfigured& e) {
              auto& a = agents[e.agent];
              a.queues.clear();
              for (const auto& m : e.queues) a.queues.push_back(m.queue);
            },
            [&](const AgentStateChanged& e) {
              auto& a = agents[e.agent];
              REQUIRE(e.from == a.state, "agent.state_changed {}: from {} but the agent was {}", N(e.agent),
                      ToString(e.from), ToString(a.state));
              REQUIRE(e.from != e.to || e.reason != a.reason, "agent.state_changed {} changes nothing",
                      N(e.agent));
              a.state = e.to;
              a.reason = e.reason;
            },
            [&](const CallQueued& e) {
              REQUIRE(!open_visits.contains(e.call), "{} queued in {} while its visit in {} is open",
                      N(e.call), N(e.queue), N(open_visits[e.call].first));
              REQUIRE(!open_callbacks.contains(e.call), "{} queued as a live caller while a callback",
                      N(e.call));
              open_visits[e.call] = {e.queue, event.at};
              queues[e.queue].waiting++;
              queues[e.queue].offered++;
            },
            [&](const CallbackQueued& e) {
              REQUIRE(!open_visits.contains(e.call) && !open_callbacks.contains(e.call),
                      "{} queued as a callback while already waiting", N(e.call));
              open_callbacks[e.call] = e.queue;
              queues[e.queue].callbacks_waiting++;
            },
            [&](const CallAnswered& e) {
              CloseVisit(e.call, e.queue, event.at, e.wait, "call.answered");
              auto& q = queues[e.queue];
              q.answered++;
              if (e.wait <= q.sl_threshold) q.answered_within_sl++;
              q.answer_wait_total += e.wait;
              agents[e.agent].calls_today++;
            },
            [&](const CallAbandoned& e) {
              CloseVisit(e.call, e.queue, event.at, e.wait, "call.abandoned");
              auto& q = queues[e.queue];
              if (e.wait < q.short_abandon)
                q.short_abandoned++;
              else
                q.abandoned++;
            },
            [&](const CallOverflowed& e) {
              CloseVisit(e.call, e.from, event.at, e.wait, "call.overflowed");
              queues[e.from].overflowed_out++;
            },
            [&](const CallbackChosen& e) {
              CloseVisit(e.call, e.queue, event.at, e.wait, "callback.chosen");
              queues[e.queue].callbacks_requested++;
            },
            [&](const CallRejected& e) {
              CloseVisit(e.call, e.queue, event.at, std::nullopt, "call.rejected");
              queues[e.queue].rejected++;
            },
            [&](const CallConnected& e) {
              REQUIRE(!open_visits.contains(e.call), "{} connected during an open queue visit", N(e.call));
              CloseCallback(e.call);
              agents[e.agent].calls_today++;
            },
            [&](const CallTransferred& e) {
              if (e.kind == TransferKind::kConsult && e.to_agent.valid()) agents[e.to_agent].calls_today++;
            },
            [&](const OfferEnded& e) {
              if (e.how == OfferEnd::kExpired) agents[e.agent].missed_offers++;
            },
            [&](const CallHandled& e) {
              auto& q = queues[e.queue];
              q.handled++;
              q.handle_time_total += e.talk + e.hold + e.wrap_up;
              agents[e.agent].calls_handled++;
            },
            [&](const CallEnded& e) {
              REQUIRE(!open_visits.contains(e.call), "{} ended with its queue visit in {} still open",
                      N(e.call), N(open_visits[e.call].first));
              CloseCallback(e.call);
            },
            [](const auto&) {},
        },
        event.body);
  }

  std::array<int, 7> AgentsByState(QueueId q) const {
    std::array<int, 7> counts{};
    for (const auto& [id, a] : agents)
      for (QueueId m : a.queues)
        if (m == q) counts[static_cast<std::size_t>(a.state)]++;
    return counts;
  }
};

// The call an event is about, if any.
std::optional<CallId> CallOf(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::optional<CallId> {
        if constexpr (requires { e.call; }) {
          return e.call;
        } else {
          return std::nullopt;
        }
      },
      body);
}

// ---------------------------------------------------------------------------

struct CallInfo {
  CallAttributes attrs;
  bool callback = false;         // created as a callback or outbound call, or chose a callback
  bool direct_dial = false;      // originated for a named agent: never queued
  bool connected = false;        // answered or connected to an agent at some point
  bool abandoned = false;
  bool rejected = false;
  bool transferred_out = false;
  bool callback_offered = false;  // callback.offered seen
  int overflows = 0;
  int ended = 0;
  CallOutcome outcome = CallOutcome::kCompleted;
};

struct Ring {
  CallId call;
  OfferKind kind;
  Timestamp until;     // when the ring timeout ends it
  bool ended = false;  // offer.ended seen; the agent's state change follows
};

enum class Expect { kOk, kError };

// One line of the failure report: an input with what it produced, or a note.
struct Entry {
  std::string note;
  Timestamp at;
  std::optional<Input> input;
  bool invalid = false;
  std::string status;
  Output out;
};

std::string Format(const Entry& h) {
  if (!h.input) return h.note;
  std::string s = fmt::format("t={} {}{} -> {}", Secs(h.at), h.invalid ? "(invalid) " : "",
                              DescribeInput(*h.input), h.status);
  for (const auto& c : h.out.commands) s += "\n      command " + Describe(c);
  for (const auto& e : h.out.events) s += fmt::format("\n      event   {} @{}", Describe(e.body), Secs(e.at));
  return s;
}

class RandomRun {
 public:
  RandomRun(std::uint64_t seed, bool coverage) : seed_(seed), rng_(seed), coverage_enabled_(coverage) {}

  // Returns a failure report, or nothing when every invariant held.
  std::optional<std::string> Execute() {
    try {
      Setup();
      const int steps = Int(200, 400);
      for (int i = 0; i < steps; ++i) RandomStep();
      Drain();
      FinalChecks();
    } catch (const TestFailure& f) {
      std::string report = fmt::format("seed {} failed after {} inputs: {}\n", seed_, applied_, f.message);
      report += fmt::format("reproduce with CC_RANDOM_SEED={}; last inputs (oldest first):\n", seed_);
      for (const auto& h : history_) report += "  " + Format(h) + "\n";
      return report;
    }
    return std::nullopt;
  }

  int applied() const { return applied_; }
  const std::map<std::string, int>& coverage() const { return coverage_; }

 private:
  // --- randomness ----------------------------------------------------------
  int Int(int lo, int hi) {
    return lo + static_cast<int>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return static_cast<double>(rng_() % 1'000'000) < p * 1'000'000.0; }
  template <class T>
  T Pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }

  // --- engine views ----------------------------------------------------------
  std::map<AgentId, AgentView> Agents() const {
    std::map<AgentId, AgentView> m;
    for (AgentId id : engine_->AgentIds()) m.emplace(id, *engine_->Agent(id));
    return m;
  }
  std::map<CallId, CallView> Calls() const {
    std::map<CallId, CallView> m;
    for (CallId id : engine_->CallIds()) m.emplace(id, *engine_->Call(id));
    return m;
  }
  std::vector<AgentId> AgentsIn(AgentState s) const {
    std::vector<AgentId> ids;
    for (AgentId id : engine_->AgentIds())
      if (engine_->Agent(id)->state == s) ids.push_back(id);
    return ids;
  }
  std::vector<AgentId> AgentsNotIn(AgentState s) const {
    std::vector<AgentId> ids;
    for (AgentId id : engine_->AgentIds())
      if (engine_->Agent(id)->state != s) ids.push_back(id);
    return ids;
  }
  template <class Pred>
  std::vector<CallView> CallsWhere(Pred pred) const {
    std::vector<CallView> v;
    for (CallId id : engine_->CallIds()) {
      auto c = *engine_->Call(id);
      if (pred(c)) v.push_back(c);
    }
    return v;
  }
  bool Active(const CallView& c) const {
    return c.stage == CallStage::kTalking || c.stage == CallStage::kOnHold;
  }
  bool IsMember(AgentId a, QueueId q) const {
    for (const auto& m : agent_cfg_.at(a).queues)
      if (m.queue == q) return true;
    return false;
  }
  bool HasReadyMember(QueueId q) const {
    for (AgentId id : AgentsIn(AgentState::kReady))
      if (IsMember(id, q)) return true;
    return false;
  }
  std::vector<QueueId> QueueIds() const { return engine_->QueueIds(); }

  // Everything observable, for "a refused input changes nothing".
  std::string Snapshot() {
    std::string s;
    for (const auto& [id, a] : Agents())
      s += fmt::format("{} {} {} since={} idle={} call={} today={} missed={} pending={}\n", N(id),
                       ToString(a.state), ToString(a.reason), Secs(a.since), Secs(a.idle_since),
                       a.call ? N(*a.call) : "-", a.calls_today, a.missed_in_row,
                       a.pending ? ToString(*a.pending) : "-");
    for (const auto& [id, c] : Calls())
      s += fmt::format("{} {} {} agent={} consult={} arrived={} enqueued={} callback={} prio={}\n", N(id),
                       StageName(c.stage), N(c.queue), c.agent ? N(*c.agent) : "-",
                       c.consult_agent ? N(*c.consult_agent) : "-", Secs(c.arrived), Secs(c.enqueued),
                       c.is_callback, c.priority);
    for (QueueId q : QueueIds()) {
      s += N(q) + ":";
      for (CallId c : engine_->Waiting(q)) s += " " + N(c);
      s += "\n";
    }
    auto next = engine_->NextDeadline();
    s += "next=" + (next ? Secs(*next) : std::string("-")) + "\n";
    return s;
  }

  void Note(std::string text) {
    history_.push_back(Entry{std::move(text), {}, std::nullopt, false, {}, {}});
    if (history_.size() > kHistory) history_.pop_front();
  }

  // --- applying inputs -------------------------------------------------------
  void Apply(const Input& input, Expect expect, std::optional<Timestamp> at = std::nullopt) {
    const Timestamp t = at.value_or(now_);
    std::string before;
    if (expect == Expect::kError) before = Snapshot();
    const std::string before_state = coverage_enabled_ ? StateOf(input) : std::string();
    Output out;
    const core::Status status = engine_->Apply(input, t, out);
    ++applied_;
    if (coverage_enabled_) coverage_[Coverage(input, expect, before_state)]++;
    history_.push_back(Entry{{}, t, input, expect == Expect::kError,
                             status ? std::string("ok") : "error: " + status.error().message, out});
    if (history_.size() > kHistory) history_.pop_front();

    if (expect == Expect::kOk) {
      REQUIRE(status, "the engine refused an input that fits the state: {}", status.error().message);
    } else {
      REQUIRE(!status, "the engine accepted an input that does not fit the state");
      REQUIRE(out.commands.empty() && out.events.empty(), "a refused input produced commands or events");
      const std::string after = Snapshot();
      REQUIRE(before == after, "a refused input changed the engine\nbefore:\n{}after:\n{}", before, after);
    }
    Observe(out, t);
    if (status) {
      if (const auto* uq = std::get_if<UpsertQueue>(&input)) queue_changed_[uq->config.id] = t;
    }
    last_out_ = std::move(out);
    if (status && std::holds_alternative<NewDay>(input)) {
      // The driver starts the day's counters afresh after the engine's own new day.
      stats_.StartNewDay();
      recount_.NewDay();
      new_days_.push_back(log_.size());
    }
    CheckState();
  }

  // For the coverage report: the stage of the call or the state of the agent an input is about.
  std::string StateOf(const Input& input) const {
    return std::visit(
        [&](const auto& in) -> std::string {
          if constexpr (requires { in.call; }) {
            auto c = engine_->Call(in.call);
            return c ? std::string(StageName(c->stage)) + (c->is_callback ? " callback" : "") : "gone";
          } else if constexpr (requires { in.agent; }) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(in.agent)>, AgentId>) {
              auto a = engine_->Agent(in.agent);
              return a ? std::string(ToString(a->state)) : "unknown";
            }
          }
          return "";
        },
        input);
  }

  std::string Coverage(const Input& input, Expect expect, const std::string& state) const {
    std::string detail = std::visit(
        Overloaded{
            [](const CompleteConsult& in) { return std::string(ToString(in.outcome)) + " "; },
            [](const StartConsult& in) {
              return std::string(in.target.kind == ConsultTargetKind::kAgent   ? "agent "
                                 : in.target.kind == ConsultTargetKind::kQueue ? "queue "
                                                                               : "external ");
            },
            [](const ForceAgentState& in) { return std::string(ToString(in.state)) + " "; },
            [](const auto&) { return std::string(); },
        },
        input);
    return fmt::format("{} {} {}@ {}", expect == Expect::kError ? "refused " : "accepted", kInputNames[input.index()],
                       detail, state);
  }

  static constexpr std::array<const char*, std::variant_size_v<Input>> kInputNames = {
      "upsert-queue", "upsert-agent", "login", "ready", "not-ready", "logout", "wrap-up-done", "force",
      "accept", "reject", "arrive", "caller-hangs-up", "agent-hangs-up", "hold", "resume",
      "transfer-queue", "transfer-agent", "transfer-team-lead", "transfer-external", "requeue",
      "start-consult", "consult-answered", "consult-failed", "complete-consult", "callback-requested",
      "schedule-callback", "cancel-callback", "originate", "originate-answered", "originate-failed",
      "new-day", "tick"};

  // Folds one input's output into the trackers, checking the event stream.
  void Observe(const Output& out, Timestamp t) {
    // Every offer command has its event and every cancel its offer.ended.
    std::multiset<std::tuple<std::uint64_t, std::uint32_t, int>> offers_cmd, offers_ev;
    std::multiset<std::pair<std::uint64_t, std::uint32_t>> cancels_cmd, ends_ev;
    ring_timeouts_.clear();
    wrap_ups_.clear();
    for (const auto& c : out.commands) {
      if (const auto* o = std::get_if<OfferCall>(&c)) {
        offers_cmd.emplace(o->call.value(), o->agent.value(), static_cast<int>(o->kind));
        ring_timeouts_[o->agent].push_back(o->ring_timeout);
      }
      if (const auto* w = std::get_if<StartWrapUp>(&c)) wrap_ups_[w->agent].push_back(w->duration);
      if (const auto* o = std::get_if<CancelOffer>(&c)) cancels_cmd.emplace(o->call.value(), o->agent.value());
    }
    for (const auto& e : out.events) {
      if (const auto* o = std::get_if<CallOffered>(&e.body))
        offers_ev.emplace(o->call.value(), o->agent.value(), static_cast<int>(o->kind));
      if (const auto* o = std::get_if<OfferEnded>(&e.body)) ends_ev.emplace(o->call.value(), o->agent.value());
    }
    REQUIRE(offers_cmd == offers_ev, "offer commands and call.offered events disagree");
    REQUIRE(cancels_cmd == ends_ev, "cancel-offer commands and offer.ended events disagree");

    std::optional<AgentId> expect_reserved;
    for (const Event& e : out.events) {
      REQUIRE(e.at <= t && e.at >= last_event_at_, "event {} at {} is out of order (last {}, now {})",
              Describe(e.body), Secs(e.at), Secs(last_event_at_), Secs(t));
      last_event_at_ = e.at;
      if (coverage_enabled_) coverage_[std::string("event ") + std::string(EventName(e.body))]++;
      if (expect_reserved) {
        const auto* s = std::get_if<AgentStateChanged>(&e.body);
        REQUIRE(s && s->agent == *expect_reserved && s->from == AgentState::kReady &&
                    s->to == AgentState::kReserved,
                "call.offered to {} is not followed by its ready -> reserved change", N(*expect_reserved));
        expect_reserved.reset();
      }
      if (auto call = CallOf(e.body)) {
        auto it = calls_.find(*call);
        REQUIRE(it != calls_.end(), "event {} names a call that was never created", Describe(e.body));
        REQUIRE(it->second.ended == 0 || std::holds_alternative<CallHandled>(e.body),
                "event {} about a call that has ended", Describe(e.body));
      }
      Track(e, expect_reserved);
      recount_.Feed(e);
      stats_.OnEvent(e);
      log_.push_back(e);
    }
    REQUIRE(!expect_reserved, "call.offered to {} is the last event", N(*expect_reserved));
  }

  void Track(const Event& ev, std::optional<AgentId>& expect_reserved) {
    const Timestamp at = ev.at;
    std::visit(
        Overloaded{
            [&](const CallOffered& e) {
              const auto& a = recount_.agents[e.agent];
              REQUIRE(a.state == AgentState::kReady, "{} offered to {} who is {}", N(e.call), N(e.agent),
                      ToString(a.state));
              REQUIRE(!ringing_.contains(e.agent), "{} offered to {} who already rings", N(e.call), N(e.agent));
              for (const auto& [agent, ring] : ringing_) {
                if (ring.call != e.call || ring.ended) continue;
                REQUIRE(ring.kind == OfferKind::kConsult || e.kind == OfferKind::kConsult,
                        "{} offered to {} while it rings at {}", N(e.call), N(e.agent), N(agent));
              }
              auto& rings = ring_timeouts_[e.agent];
              REQUIRE(!rings.empty(), "call.offered {} to {} without an offer command", N(e.call), N(e.agent));
              ringing_[e.agent] = Ring{e.call, e.kind, at + rings.front(), false};
              rings.pop_front();
              expect_reserved = e.agent;
            },
            [&](const OfferEnded& e) {
              auto it = ringing_.find(e.agent);
              REQUIRE(it != ringing_.end() && it->second.call == e.call && !it->second.ended,
                      "offer.ended for {} at {} which was not ringing there", N(e.call), N(e.agent));
              it->second.ended = true;
              declined_[{e.call, e.agent}] = at;
            },
            [&](const AgentStateChanged& e) {
              if (e.from == AgentState::kReserved) {
                REQUIRE(ringing_.erase(e.agent) == 1, "{} leaves reserved without an offer", N(e.agent));
              }
              if (e.to == AgentState::kReserved) {
                REQUIRE(ringing_.contains(e.agent), "{} reserved without an offer", N(e.agent));
              }
              if (e.to == AgentState::kWrapUp) {
                auto& wraps = wrap_ups_[e.agent];
                REQUIRE(!wraps.empty(), "{} in wrap-up without a start-wrap-up command", N(e.agent));
                wrap_until_[e.agent] = at + wraps.front();
                wraps.pop_front();
              }
            },
            [&](const CallAnswered& e) {
              auto it = ringing_.find(e.agent);
              REQUIRE(it != ringing_.end() && it->second.call == e.call && !it->second.ended &&
                          it->second.kind == OfferKind::kInbound,
                      "{} answered by {} where it was not ringing", N(e.call), N(e.agent));
              calls_[e.call].connected = true;
            },
            [&](const CallConnected& e) {
              calls_[e.call].connected = true;
              calls_[e.call].direct_dial = false;  // a live customer now; a later callback is queued
            },
            [&](const CallAbandoned& e) { calls_[e.call].abandoned = true; },
            [&](const CallRejected& e) { calls_[e.call].rejected = true; },
            [&](const CallbackOffered& e) { calls_[e.call].callback_offered = true; },
            [&](const CallOverflowed& e) { calls_[e.call].overflows++; },
            [&](const CallbackChosen& e) { calls_[e.call].callback = true; },
            [&](const CallTransferred& e) {
              if (e.kind == TransferKind::kQueue || e.kind == TransferKind::kTeamLead)
                declined_[{e.call, e.from_agent}] = at;
              if (e.kind == TransferKind::kExternal || (e.kind == TransferKind::kConsult && !e.number.empty()))
                calls_[e.call].transferred_out = true;
            },
            [&](const CallRequeued& e) { declined_[{e.call, e.agent}] = at; },
            [&](const ConsultStarted& e) { ext_connected_.erase(e.call); },
            [&](const ConsultConnected& e) {
              if (!e.with_agent) ext_connected_.insert(e.call);
            },
            [&](const ConsultEnded& e) {
              if (e.outcome != ConsultOutcome::kConference) ext_connected_.erase(e.call);
            },
            [&](const CallEnded& e) {
              CallInfo& c = calls_[e.call];
              c.ended++;
              c.outcome = e.outcome;
              ext_connected_.erase(e.call);
              for (const auto& [agent, ring] : ringing_)
                REQUIRE(ring.call != e.call || ring.ended, "{} ended while ringing at {}", N(e.call), N(agent));
            },
            [](const auto&) {},
        },
        ev.body);
  }

  // --- invariants after every input -----------------------------------------
  void CheckState() {
    const auto consistent = engine_->CheckConsistency();
    REQUIRE(consistent, "CheckConsistency: {}", consistent ? std::string() : consistent.error().message);
    const auto agents = Agents();
    const auto calls = Calls();

    // Agents: state as the events tell it, offers, calls.
    for (const auto& [id, a] : agents) {
      auto r = recount_.agents.find(id);
      REQUIRE(r != recount_.agents.end(), "{} has no events", N(id));
      REQUIRE(r->second.state == a.state, "{} is {} but its events say {}", N(id), ToString(a.state),
              ToString(r->second.state));
      REQUIRE(r->second.reason == a.reason, "{} reason {} but its events say {}", N(id), ToString(a.reason),
              ToString(r->second.reason));
      REQUIRE(r->second.calls_today == a.calls_today, "{} calls today {} but its events say {}", N(id),
              a.calls_today, r->second.calls_today);
      const AgentStats* s = stats_.Agent(id);
      REQUIRE(s, "{} unknown to RealtimeStats", N(id));
      REQUIRE(s->state == a.state && s->reason == a.reason, "{} is {} but RealtimeStats says {}", N(id),
              ToString(a.state), ToString(s->state));
      REQUIRE(s->calls_handled == r->second.calls_handled, "{} calls handled: stats {} recount {}", N(id),
              s->calls_handled, r->second.calls_handled);
      REQUIRE(s->missed_offers == r->second.missed_offers, "{} missed offers: stats {} recount {}", N(id),
              s->missed_offers, r->second.missed_offers);
      REQUIRE(Busy(a.state) == a.call.has_value(), "{} is {} with call {}", N(id), ToString(a.state),
              a.call ? N(*a.call) : "-");
      REQUIRE(!a.pending || Busy(a.state) || a.state == AgentState::kWrapUp,
              "{} has a pending state while {}", N(id), ToString(a.state));
      auto ring = ringing_.find(id);
      if (a.state == AgentState::kReserved) {
        REQUIRE(ring != ringing_.end() && !ring->second.ended && ring->second.call == *a.call,
                "reserved {} has no live offer of {}", N(id), N(*a.call));
        auto c = calls.find(*a.call);
        REQUIRE(c != calls.end(), "reserved {} for {} which has ended", N(id), N(*a.call));
        const bool primary = c->second.stage == CallStage::kOffered && c->second.agent == id &&
                             ring->second.kind != OfferKind::kConsult;
        const bool consult = c->second.stage == CallStage::kConsulting && c->second.consult_agent == id &&
                             ring->second.kind == OfferKind::kConsult;
        REQUIRE(primary || consult, "reserved {} but {} is {}", N(id), N(*a.call), StageName(c->second.stage));
      } else {
        REQUIRE(ring == ringing_.end(), "{} is {} with an offer of {} ringing", N(id), ToString(a.state),
                N(ring->second.call));
      }
    }

    // Calls: each agent holds at most one, and the stage matches the agents' states.
    std::map<AgentId, CallId> holder;
    auto hold = [&](AgentId agent, CallId call, std::initializer_list<AgentState> states) {
      auto a = agents.find(agent);
      REQUIRE(a != agents.end(), "{} names unknown {}", N(call), N(agent));
      REQUIRE(std::find(states.begin(), states.end(), a->second.state) != states.end(),
              "{} is {} but {} is {}", N(call), StageName(calls.at(call).stage), N(agent),
              ToString(a->second.state));
      REQUIRE(a->second.call == call, "{} names {} who is on {}", N(call), N(agent),
              a->second.call ? N(*a->second.call) : "nothing");
      auto [it, fresh] = holder.emplace(agent, call);
      REQUIRE(fresh, "{} holds two calls: {} and {}", N(agent), N(it->second), N(call));
    };
    std::map<QueueId, int> live;  // live callers waiting or ringing, per queue
    std::map<QueueId, int> callbacks;
    std::map<QueueId, Timestamp> oldest;
    for (const auto& [id, c] : calls) {
      REQUIRE(calls_.contains(id) && calls_.at(id).ended == 0, "{} is in the engine but ended", N(id));
      const bool consult_agent_allowed = c.stage == CallStage::kConsulting || c.stage == CallStage::kConference;
      REQUIRE(!c.consult_agent || consult_agent_allowed, "{} is {} with a consulted agent", N(id),
              StageName(c.stage));
      switch (c.stage) {
        case CallStage::kScheduled:
          REQUIRE(c.is_callback && !c.agent, "{} scheduled but not a callback", N(id));
          break;
        case CallStage::kQueued:
          REQUIRE(!c.agent, "queued {} names an agent", N(id));
          break;
        case CallStage::kOffered: hold(*c.agent, id, {AgentState::kReserved}); break;
        case CallStage::kDialing: hold(*c.agent, id, {AgentState::kOnCall}); break;
        case CallStage::kTalking: hold(*c.agent, id, {AgentState::kOnCall}); break;
        case CallStage::kOnHold: hold(*c.agent, id, {AgentState::kOnHold}); break;
        case CallStage::kConsulting:
          hold(*c.agent, id, {AgentState::kOnHold});
          if (c.consult_agent) hold(*c.consult_agent, id, {AgentState::kReserved, AgentState::kOnCall});
          break;
        case CallStage::kConference:
          hold(*c.agent, id, {AgentState::kOnCall});
          if (c.consult_agent) hold(*c.consult_agent, id, {AgentState::kOnCall});
          break;
      }
      const bool live_ringing = c.stage == CallStage::kOffered && ringing_.contains(*c.agent) &&
                                ringing_.at(*c.agent).kind == OfferKind::kInbound;
      if ((c.stage == CallStage::kQueued && !c.is_callback) || live_ringing) {
        live[c.queue]++;
        auto o = oldest.find(c.queue);
        if (o == oldest.end() || c.enqueued < o->second) oldest[c.queue] = c.enqueued;
      }
      const bool pending_callback = c.stage == CallStage::kQueued || c.stage == CallStage::kOffered ||
                                    c.stage == CallStage::kDialing;
      if (c.is_callback && pending_callback && !calls_.at(id).direct_dial) callbacks[c.queue]++;
    }

    // Queues: waiting lists, the realtime figures, idle agents.
    for (QueueId q : QueueIds()) {
      for (CallId id : engine_->Waiting(q)) {
        auto c = calls.find(id);
        REQUIRE(c != calls.end() && c->second.stage == CallStage::kQueued && c->second.queue == q,
                "{} listed as waiting in {} but is not queued there", N(id), N(q));
      }
      const QueueStats* s = stats_.Queue(q);
      REQUIRE(s, "{} unknown to RealtimeStats", N(q));
      const Recount::Queue& r = recount_.queues[q];
      auto same = [&](const char* what, auto stats, auto recount, const char* source = "RealtimeStats") {
        REQUIRE(stats == recount, "{} {}: {} says {} but the recount of the events {}", N(q), what, source,
                stats, recount);
      };
      same("waiting", s->waiting, r.waiting);
      same("waiting", live[q], r.waiting, "the engine");
      same("callbacks waiting", s->callbacks_waiting, r.callbacks_waiting);
      same("callbacks waiting", callbacks[q], r.callbacks_waiting, "the engine");
      same("offered", s->offered, r.offered);
      same("answered", s->answered, r.answered);
      same("answered within SL", s->answered_within_sl, r.answered_within_sl);
      same("abandoned", s->abandoned, r.abandoned);
      same("short abandoned", s->short_abandoned, r.short_abandoned);
      same("overflowed out", s->overflowed_out, r.overflowed_out);
      same("callbacks requested", s->callbacks_requested, r.callbacks_requested);
      same("rejected", s->rejected, r.rejected);
      same("handled", s->handled, r.handled);
      same("answer wait total (ms)", s->answer_wait_total.count(), r.answer_wait_total.count());
      same("handle time total (ms)", s->handle_time_total.count(), r.handle_time_total.count());
      const auto by_state = recount_.AgentsByState(q);
      for (std::size_t i = 0; i < by_state.size(); ++i)
        REQUIRE(s->agents_by_state[i] == by_state[i], "{} agents {}: RealtimeStats {} but recount {}", N(q),
                ToString(static_cast<AgentState>(i)), s->agents_by_state[i], by_state[i]);
      const Duration longest = oldest.contains(q) ? now_ - oldest[q] : Duration{};
      same("longest wait (ms)", stats_.LongestWait(q, now_).count(), longest.count());  // vs the engine

      const QueueConfig* cfg = engine_->Queue(q);
      for (CallId id : engine_->Waiting(q)) {
        const CallView& c = calls.at(id);
        const CallInfo& info = calls_.at(id);
        // No ready agent idles while a caller they can take waits: a member of the
        // queue, with the skills the caller needs (as relaxed by the wait so far),
        // not passed over for this caller within the re-offer delay.
        const auto needs = Needs(*cfg, info.attrs);
        int relaxed = 11;
        for (const auto& relax : cfg->relaxations)
          if (c.enqueued + relax.after <= now_) relaxed = relax.min_level;
        for (const auto& [aid, a] : agents) {
          if (a.state != AgentState::kReady || !IsMember(aid, q)) continue;
          auto d = declined_.find({id, aid});
          if (d != declined_.end() && now_ < d->second + config_.reoffer_delay) continue;
          bool eligible = true;
          for (const auto& n : needs)
            if (Level(aid, n.skill) < std::min(n.min_level, relaxed)) eligible = false;
          REQUIRE(!eligible, "{} is ready in {} while {} waits there (needs {}, relaxed to {})", N(aid), N(q),
                  N(id), Skills(needs), relaxed);
        }
        // A live caller does not wait past the queue's maximum wait (unless the
        // queue changed during the visit, or the caller has used up its overflows).
        const bool same_config = queue_changed_[q] < c.enqueued;
        if (!c.is_callback && same_config && cfg->max_wait.count() > 0 && now_ >= c.enqueued + cfg->max_wait) {
          if (cfg->overflow.kind == OverflowKind::kQueue)
            REQUIRE(info.overflows >= config_.max_overflow_hops, "{} waited past the maximum wait in {}",
                    N(id), N(q));
          if (cfg->overflow.kind == OverflowKind::kCallbackOffer)
            REQUIRE(info.callback_offered, "{} waited past the maximum wait in {} without a callback offer",
                    N(id), N(q));
        }
      }
    }

    // Offers and wrap-ups end on time.
    for (const auto& [aid, ring] : ringing_)
      REQUIRE(now_ < ring.until, "the offer of {} at {} rings past its timeout ({})", N(ring.call), N(aid),
              Secs(ring.until));
    for (const auto& [aid, a] : agents)
      if (a.state == AgentState::kWrapUp)
        REQUIRE(now_ < wrap_until_[aid], "{} is in wrap-up past its end ({})", N(aid), Secs(wrap_until_[aid]));
  }

  static std::vector<SkillRequirement> Needs(const QueueConfig& q, const CallAttributes& attrs) {
    std::vector<SkillRequirement> needs = q.required_skills;
    for (const auto& r : attrs.required_skills) {
      auto it = std::find_if(needs.begin(), needs.end(), [&](const auto& n) { return n.skill == r.skill; });
      if (it == needs.end()) needs.push_back(r);
      else it->min_level = std::max(it->min_level, r.min_level);
    }
    return needs;
  }

  int Level(AgentId a, SkillId skill) const {
    for (const auto& s : agent_cfg_.at(a).skills)
      if (s.skill == skill) return s.level;
    return 0;
  }

  // --- the centre -------------------------------------------------------------
  QueueConfig RandomQueue(QueueId id, const std::vector<QueueId>& overflow_to) {
    QueueConfig q;
    q.id = id;
    q.tenant = TenantId(1);
    q.name = fmt::format("q{}", id.value());
    q.priority = Int(0, 2);
    if (Chance(0.35)) {
      const int level = Int(1, 6);
      q.required_skills = {{SkillId(static_cast<std::uint32_t>(Int(1, 3))), level}};
      if (Chance(0.5)) {
        const int after = Int(5, 40);
        q.relaxations.push_back({Seconds(after), Int(1, level)});
        if (Chance(0.5)) q.relaxations.push_back({Seconds(after + Int(5, 40)), 1});
      }
    }
    q.policy = static_cast<RoutingPolicy>(Int(0, 3));
    q.sl_threshold = Seconds(Int(5, 30));
    q.sl_target_percent = Int(50, 95);
    q.short_abandon = Chance(0.5) ? Seconds(Int(1, 8)) : Duration{};
    const int o = Int(0, 9);
    if (o < 4 && !overflow_to.empty()) {
      q.overflow = {OverflowKind::kQueue, Pick(overflow_to)};
    } else if (o < 6) {
      q.overflow = {OverflowKind::kCallbackOffer, {}};
    }
    if (q.overflow.kind != OverflowKind::kNone && Chance(0.6)) q.max_wait = Seconds(Int(15, 120));
    const int na = Int(0, 9);
    if (na >= 6) {
      q.when_no_agents = na < 8 && q.overflow.kind != OverflowKind::kNone ? NoAgentsAction::kOverflow
                                                                          : NoAgentsAction::kOfferCallback;
    }
    q.wrap_up = Chance(0.4) ? Duration{} : Seconds(Int(1, 30));
    q.announce_every = Chance(0.3) ? Seconds(Int(10, 60)) : Duration{};
    q.max_callers = Chance(0.3) ? Int(1, 4) : 0;
    q.ring_timeout = Seconds(Int(4, 20));
    return q;
  }

  AgentConfig RandomAgent(AgentId id) {
    AgentConfig a;
    a.id = id;
    a.tenant = TenantId(1);
    a.name = fmt::format("a{}", id.value());
    for (std::uint32_t s = 1; s <= 3; ++s)
      if (Chance(0.6)) a.skills.push_back({SkillId(s), Int(1, 10)});
    if (Chance(0.5)) std::reverse(a.skills.begin(), a.skills.end());
    for (QueueId q : QueueIds())
      if (Chance(0.55)) a.queues.push_back({q, Chance(0.75) ? 1 : 2});
    if (Chance(0.7)) a.team_lead_queue = QueueId(1);  // queue 1 is the team-lead group
    return a;
  }

  void Setup() {
    config_.missed_offers_limit = Int(1, 4);
    config_.max_overflow_hops = Int(1, 4);
    const std::vector<int> delays = {0, 2, 5, 5, 5, 10};
    config_.reoffer_delay = Seconds(Pick(delays));
    engine_.emplace(config_);
    Note(fmt::format("engine missed_offers_limit={} max_overflow_hops={} reoffer_delay={}ms",
                     config_.missed_offers_limit, config_.max_overflow_hops, config_.reoffer_delay.count()));
    const int queues = Int(2, 4);
    std::vector<QueueId> existing;
    for (int i = 1; i <= queues; ++i) {
      const QueueId id(static_cast<std::uint32_t>(i));
      Apply(UpsertQueue{RandomQueue(id, existing)}, Expect::kOk);
      existing.push_back(id);
    }
    const int agents = Int(3, 8);
    for (int i = 1; i <= agents; ++i) {
      const AgentId id(static_cast<std::uint32_t>(i));
      UpsertAgentNow(RandomAgent(id));
    }
    for (int i = 1; i <= agents; ++i) {
      const AgentId id(static_cast<std::uint32_t>(i));
      const int r = Int(0, 9);
      if (r < 8) Apply(AgentLogin{id}, Expect::kOk);
      if (r < 6) Apply(AgentReady{id}, Expect::kOk);
    }
  }

  void UpsertAgentNow(const AgentConfig& cfg) {
    Apply(UpsertAgent{cfg}, Expect::kOk);
    agent_cfg_[cfg.id] = cfg;
  }

  CallId NewCallId() { return CallId(next_call_++); }
  CallAttributes RandomAttributes(CallId id, bool allow_skills) {
    CallAttributes at;
    at.tenant = TenantId(1);
    at.dialled_number = "+78000000000";
    if (!Chance(0.2)) at.caller_number = fmt::format("+7495{}", id.value());
    at.priority = Chance(0.15) ? Int(1, 10) : 0;
    if (allow_skills && Chance(0.15))
      at.required_skills = {{SkillId(static_cast<std::uint32_t>(Int(1, 3))), Int(1, 8)}};
    return at;
  }
  void Register(CallId id, const CallAttributes& attrs, bool callback, bool direct_dial = false) {
    CallInfo info;
    info.attrs = attrs;
    info.callback = callback;
    info.direct_dial = direct_dial;
    calls_[id] = info;
    call_ids_.push_back(id);
  }

  // --- one random step ------------------------------------------------------
  void AdvanceTime() {
    Duration d{};
    const int r = Int(0, 99);
    if (r < 40) {
      d = Seconds(Int(0, 3));
    } else if (r < 70) {
      d = Duration(Int(0, 8000));
    } else if (r < 90) {
      d = Seconds(Int(4, 25));
    } else if (r < 96) {
      d = Seconds(Int(25, 120));
    } else if (auto next = engine_->NextDeadline(); next && *next > now_) {
      d = *next - now_;
    }
    now_ += d;
    Apply(Tick{}, Expect::kOk);
  }

  void RandomStep() {
    if (Chance(0.45)) AdvanceTime();
    if (Chance(0.12)) {
      for (int attempt = 0; attempt < 20; ++attempt)
        if (TryInvalid()) return;
    }
    for (int attempt = 0; attempt < 20; ++attempt)
      if (TryAction()) return;
    Arrive();
  }

  bool TryAction() {
    // Weights: common call-flow inputs first, admin changes rarely.
    static constexpr std::array<int, 20> kWeights = {20, 7, 44, 14, 8, 8, 12, 12, 24, 12,
                                                     6, 4, 4, 4, 10, 4, 1, 1, 8, 2};
    int total = 0;
    for (int w : kWeights) total += w;
    int r = Int(0, total - 1);
    std::size_t action = 0;
    while (r >= kWeights[action]) r -= kWeights[action++];
    switch (action) {
      case 0: return Arrive();
      case 1: return CallerHangsUp();
      case 2: return AnswerOrReject();
      case 3: return ChangeAgentState();
      case 4: return FinishWrapUp();
      case 5: return HoldOrResume();
      case 6: return Transfer();
      case 7: return Consult();
      case 8: return ConsultProgress();
      case 9: return AgentHangsUpNow();
      case 10: return RequestCallback();
      case 11: return Schedule();
      case 12: return Cancel();
      case 13: return Originate();
      case 14: return OriginateResult();
      case 15: return ChangeAgentConfig();
      case 16: return ChangeQueueConfig();
      case 17: return NewDayNow();
      case 18: AdvanceTime(); return true;
      default: return UnknownIds();
    }
  }

  bool Arrive() {
    const CallId id = NewCallId();
    const CallAttributes at = RandomAttributes(id, true);
    Register(id, at, false);
    const QueueId q = Pick(QueueIds());
    const QueueConfig cfg = *engine_->Queue(q);
    int queued = 0;  // live callers queued (not ringing) before this one
    for (CallId w : engine_->Waiting(q)) queued += !engine_->Call(w)->is_callback;
    int logged_in = 0;
    for (const auto& [aid, ac] : agent_cfg_)
      logged_in += IsMember(aid, q) && engine_->Agent(aid)->state != AgentState::kLoggedOut;
    Apply(CallArrived{id, q, at}, Expect::kOk);

    // A full queue overflows or refuses the caller; a queue nobody is logged in
    // to overflows or offers a callback as configured; otherwise the caller stays.
    bool rejected = false, full_overflow = false, nobody_overflow = false, callback_offer = false;
    for (const auto& e : last_out_.events) {
      if (CallOf(e.body) != id) continue;
      if (std::holds_alternative<CallRejected>(e.body)) rejected = true;
      if (const auto* o = std::get_if<CallOverflowed>(&e.body)) {
        full_overflow |= o->reason == OverflowReason::kQueueFull;
        nobody_overflow |= o->reason == OverflowReason::kNoAgents;
      }
      if (std::holds_alternative<CallbackOffered>(e.body)) callback_offer = true;
    }
    const bool full = cfg.max_callers > 0 && queued >= cfg.max_callers;
    const bool to_queue = cfg.overflow.kind == OverflowKind::kQueue;
    REQUIRE(full_overflow == (full && to_queue), "{} arriving in {} ({} of at most {} waiting): overflowed={}",
            N(id), N(q), queued, cfg.max_callers, full_overflow);
    REQUIRE(rejected == (full && !to_queue), "{} arriving in {} ({} of at most {} waiting): rejected={}", N(id),
            N(q), queued, cfg.max_callers, rejected);
    const bool nobody = !full && logged_in == 0;
    const bool want_overflow = nobody && cfg.when_no_agents == NoAgentsAction::kOverflow && to_queue;
    const bool want_offer = nobody && (cfg.when_no_agents == NoAgentsAction::kOfferCallback ||
                                       (cfg.when_no_agents == NoAgentsAction::kOverflow &&
                                        cfg.overflow.kind == OverflowKind::kCallbackOffer));
    REQUIRE(nobody_overflow == want_overflow, "{} arriving in {} with {} members logged in: overflowed={}", N(id),
            N(q), logged_in, nobody_overflow);
    REQUIRE(callback_offer == want_offer, "{} arriving in {} with {} members logged in: callback offered={}",
            N(id), N(q), logged_in, callback_offer);
    return true;
  }

  bool CallerHangsUp() {
    auto v = CallsWhere([](const CallView& c) {
      return c.stage != CallStage::kScheduled && (!c.is_callback || c.stage == CallStage::kDialing);
    });
    if (v.empty()) return false;
    Apply(CallerHungUp{Pick(v).id}, Expect::kOk);
    return true;
  }

  bool AnswerOrReject() {
    auto reserved = AgentsIn(AgentState::kReserved);
    if (reserved.empty()) return false;
    const AgentId a = Pick(reserved);
    const CallId c = *engine_->Agent(a)->call;
    const int r = Int(0, 99);
    if (r < 75) {
      Apply(OfferAccepted{c, a}, Expect::kOk);
    } else if (r < 90) {
      Apply(OfferRejected{c, a}, Expect::kOk);
    } else if (engine_->Call(c)->stage == CallStage::kConsulting) {
      Apply(AgentHangsUp{c, a}, Expect::kOk);  // declining a consult by hanging up
    } else {
      return false;  // let it ring (it may expire)
    }
    return true;
  }

  bool ChangeAgentState() {
    const auto ids = engine_->AgentIds();
    const AgentId id = Pick(ids);
    const AgentState s = engine_->Agent(id)->state;
    const auto reason = static_cast<NotReadyReason>(Int(2, 10));  // any reason but none and login
    const int r = Int(0, 99);
    if (s == AgentState::kLoggedOut) {
      if (r < 70) Apply(AgentLogin{id}, Expect::kOk);
      else if (r < 90) Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
      else Apply(AgentReady{id}, Expect::kOk);
    } else if (s == AgentState::kNotReady) {
      if (r < 60) Apply(AgentReady{id}, Expect::kOk);
      else if (r < 70) Apply(AgentLogout{id}, Expect::kOk);
      else if (r < 80) Apply(ForceAgentState{id, AgentState::kLoggedOut, NotReadyReason::kNone}, Expect::kOk);
      else if (r < 90) Apply(AgentNotReady{id, reason}, Expect::kOk);
      else Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
    } else {
      // Ready, reserved (mid-offer), on a call, on hold or in wrap-up.
      if (r < 40) Apply(AgentNotReady{id, reason}, Expect::kOk);
      else if (r < 55) Apply(AgentLogout{id}, Expect::kOk);
      else if (r < 70) Apply(ForceAgentState{id, AgentState::kNotReady, reason}, Expect::kOk);
      else if (r < 80) Apply(ForceAgentState{id, AgentState::kLoggedOut, NotReadyReason::kNone}, Expect::kOk);
      else if (r < 90) Apply(ForceAgentState{id, AgentState::kReady, NotReadyReason::kNone}, Expect::kOk);
      else Apply(AgentReady{id}, Expect::kOk);
    }
    return true;
  }

  bool FinishWrapUp() {
    auto v = AgentsIn(AgentState::kWrapUp);
    if (v.empty()) return false;
    const AgentId id = Pick(v);
    if (Chance(0.8)) Apply(WrapUpDone{id}, Expect::kOk);
    else Apply(AgentReady{id}, Expect::kOk);
    return true;
  }

  bool HoldOrResume() {
    auto v = CallsWhere([&](const CallView& c) { return Active(c); });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    if (c.stage == CallStage::kTalking) Apply(HoldCall{c.id}, Expect::kOk);
    else Apply(ResumeCall{c.id}, Expect::kOk);
    return true;
  }

  bool Transfer() {
    auto v = CallsWhere([&](const CallView& c) { return Active(c); });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    const int r = Int(0, 99);
    if (r < 25) {
      Apply(TransferToQueue{c.id, Pick(QueueIds())}, Expect::kOk);
    } else if (r < 45) {
      auto ready = AgentsIn(AgentState::kReady);
      if (ready.empty()) return false;
      Apply(TransferToAgent{c.id, Pick(ready)}, Expect::kOk);
    } else if (r < 60) {
      if (!agent_cfg_.at(*c.agent).team_lead_queue) return false;
      Apply(TransferToTeamLead{c.id}, Expect::kOk);
    } else if (r < 72) {
      Apply(TransferExternal{c.id, "112"}, Expect::kOk);
    } else {
      Apply(RequeueAtHead{c.id}, Expect::kOk);
    }
    return true;
  }

  bool Consult() {
    auto v = CallsWhere([&](const CallView& c) { return Active(c); });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    const int r = Int(0, 99);
    StartConsult in{c.id, {}};
    if (r < 45) {
      auto ready = AgentsIn(AgentState::kReady);
      if (ready.empty()) return false;
      in.target = {ConsultTargetKind::kAgent, Pick(ready), {}, {}};
    } else if (r < 70) {
      std::vector<QueueId> qs;
      for (QueueId q : QueueIds())
        if (HasReadyMember(q)) qs.push_back(q);
      if (qs.empty()) return false;
      in.target = {ConsultTargetKind::kQueue, {}, Pick(qs), {}};
    } else {
      in.target = {ConsultTargetKind::kExternal, {}, {}, "+74950000001"};
    }
    Apply(in, Expect::kOk);
    return true;
  }

  bool ConsultProgress() {
    auto v = CallsWhere([](const CallView& c) {
      return c.stage == CallStage::kConsulting || c.stage == CallStage::kConference;
    });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    const int r = Int(0, 99);
    if (c.stage == CallStage::kConference) {
      if (r < 45) Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
      else if (r < 90 && c.consult_agent) Apply(AgentHangsUp{c.id, *c.consult_agent}, Expect::kOk);
      else Apply(CallerHungUp{c.id}, Expect::kOk);
      return true;
    }
    bool connected = false;
    if (c.consult_agent) {
      connected = engine_->Agent(*c.consult_agent)->state == AgentState::kOnCall;
      if (!connected) {
        if (r < 50) Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
        else if (r < 70) Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
        else return false;  // the consulted agent answers, rejects or lets it ring
        return true;
      }
    } else {
      connected = ext_connected_.contains(c.id);
      if (!connected) {
        if (r < 40) Apply(ConsultAnswered{c.id}, Expect::kOk);
        else if (r < 65) Apply(ConsultFailed{c.id}, Expect::kOk);
        else if (r < 85) Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
        else Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
        return true;
      }
    }
    if (r < 30) Apply(CompleteConsult{c.id, ConsultOutcome::kTransfer}, Expect::kOk);
    else if (r < 60) Apply(CompleteConsult{c.id, ConsultOutcome::kConference}, Expect::kOk);
    else if (r < 80) Apply(CompleteConsult{c.id, ConsultOutcome::kReturn}, Expect::kOk);
    else if (r < 90) Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
    else if (c.consult_agent) Apply(AgentHangsUp{c.id, *c.consult_agent}, Expect::kOk);
    else Apply(CallerHungUp{c.id}, Expect::kOk);
    return true;
  }

  bool AgentHangsUpNow() {
    auto v = CallsWhere([&](const CallView& c) { return Active(c) || c.stage == CallStage::kDialing; });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    Apply(AgentHangsUp{c.id, *c.agent}, Expect::kOk);
    return true;
  }

  bool RequestCallback() {
    auto v = CallsWhere([](const CallView& c) { return c.stage == CallStage::kQueued && !c.is_callback; });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    const bool withheld = !calls_.at(c.id).attrs.caller_number;
    const std::string number = withheld || Chance(0.3) ? "+74951112233" : "";
    Apply(CallbackRequested{c.id, number}, Expect::kOk);
    calls_[c.id].callback = true;
    return true;
  }

  bool Schedule() {
    const CallId id = NewCallId();
    const CallAttributes at = RandomAttributes(id, true);
    Register(id, at, true);
    const Timestamp due = now_ + Seconds(Int(-10, 300));
    Apply(ScheduleCallback{id, Pick(QueueIds()), "+74952223344", due, at}, Expect::kOk);
    return true;
  }

  bool Cancel() {
    auto v = CallsWhere([](const CallView& c) {
      return c.is_callback && (c.stage == CallStage::kScheduled || c.stage == CallStage::kQueued ||
                               c.stage == CallStage::kOffered);
    });
    if (v.empty()) return false;
    Apply(CancelCallback{Pick(v).id}, Expect::kOk);
    return true;
  }

  bool Originate() {
    const CallId id = NewCallId();
    const CallAttributes at = RandomAttributes(id, true);
    OriginateCall in{id, std::nullopt, Pick(QueueIds()), "+74953334455", at};
    auto ready = AgentsIn(AgentState::kReady);
    if (!ready.empty() && Chance(0.5)) in.agent = Pick(ready);
    Register(id, at, true, in.agent.has_value());
    Apply(in, Expect::kOk);
    return true;
  }

  bool OriginateResult() {
    auto v = CallsWhere([](const CallView& c) { return c.stage == CallStage::kDialing; });
    if (v.empty()) return false;
    const CallView& c = Pick(v);
    if (Chance(0.6)) Apply(OriginateAnswered{c.id}, Expect::kOk);
    else Apply(OriginateFailed{c.id}, Expect::kOk);
    return true;
  }

  bool ChangeAgentConfig() {
    const auto ids = engine_->AgentIds();
    if (ids.size() < 10 && Chance(0.05)) {  // a new agent joins mid-run
      UpsertAgentNow(RandomAgent(AgentId(static_cast<std::uint32_t>(ids.size() + 1))));
      return true;
    }
    const AgentId id = Pick(ids);
    AgentConfig cfg = agent_cfg_.at(id);
    const int r = Int(0, 2);
    if (r == 0 || r == 2) {
      cfg.skills = RandomAgent(id).skills;
    }
    if (r == 1 || r == 2) {
      const AgentConfig fresh = RandomAgent(id);
      cfg.queues = fresh.queues;
      cfg.team_lead_queue = fresh.team_lead_queue;
    }
    UpsertAgentNow(cfg);
    return true;
  }

  bool ChangeQueueConfig() {
    const auto ids = QueueIds();
    if (ids.size() < 6 && Chance(0.1)) {  // a new queue opens mid-run
      Apply(UpsertQueue{RandomQueue(QueueId(static_cast<std::uint32_t>(ids.size() + 1)), ids)}, Expect::kOk);
      return true;
    }
    const QueueId id = Pick(ids);
    std::vector<QueueId> others;
    for (QueueId q : ids)
      if (q != id) others.push_back(q);
    Apply(UpsertQueue{RandomQueue(id, others)}, Expect::kOk);
    return true;
  }

  bool NewDayNow() {
    Apply(NewDay{}, Expect::kOk);
    return true;
  }

  bool UnknownIds() {
    // A driver may name things the engine never heard of.
    const int r = Int(0, 3);
    const AgentId ghost(kUnknownAgent);
    if (r == 0) Apply(AgentReady{ghost}, Expect::kError);
    else if (r == 1) Apply(CallerHungUp{CallId(1'000'000'000)}, Expect::kError);
    else if (r == 2) Apply(CallArrived{NewCallId(), QueueId(kUnknownQueue), {}}, Expect::kError);
    else Apply(ForceAgentState{ghost, AgentState::kReady, NotReadyReason::kNone}, Expect::kError);
    return true;
  }

  // --- inputs that do not fit the state ---------------------------------------
  bool TryInvalid() {
    const auto agents = Agents();
    const auto calls = Calls();
    auto live = [&](CallId id) { return calls.find(id); };
    std::vector<AgentId> agent_ids;
    for (const auto& [id, a] : agents) agent_ids.push_back(id);
    const AgentId a = Pick(agent_ids);
    const AgentView& av = agents.at(a);
    // Any call ever seen: live or ended.
    const CallId c = call_ids_.empty() ? CallId(1'000'000'001) : Pick(call_ids_);
    const auto cv = live(c);
    const bool exists = cv != calls.end();
    const CallStage stage = exists ? cv->second.stage : CallStage::kScheduled;
    const bool active = exists && Active(cv->second);

    switch (Int(0, 21)) {
      case 0: {  // a stale or misdirected answer
        if (av.state == AgentState::kReserved && av.call == c) return false;
        if (Chance(0.5)) Apply(OfferAccepted{c, a}, Expect::kError);
        else Apply(OfferRejected{c, a}, Expect::kError);
        return true;
      }
      case 1: {  // the caller hangs up on a finished call, a scheduled or a not yet dialled callback
        if (exists && stage != CallStage::kScheduled && (!cv->second.is_callback || stage == CallStage::kDialing))
          return false;
        Apply(CallerHungUp{c}, Expect::kError);
        return true;
      }
      case 2: {  // in-call operations on a call that is not connected to an agent
        if (active) return false;
        switch (Int(0, 7)) {
          case 0: Apply(HoldCall{c}, Expect::kError); break;
          case 1: Apply(ResumeCall{c}, Expect::kError); break;
          case 2: Apply(TransferToQueue{c, Pick(QueueIds())}, Expect::kError); break;
          case 3: Apply(TransferToAgent{c, a}, Expect::kError); break;
          case 4: Apply(TransferToTeamLead{c}, Expect::kError); break;
          case 5: Apply(TransferExternal{c, "112"}, Expect::kError); break;
          case 6: Apply(RequeueAtHead{c}, Expect::kError); break;
          default:
            Apply(StartConsult{c, {ConsultTargetKind::kExternal, {}, {}, "+7495"}}, Expect::kError);
            break;
        }
        return true;
      }
      case 3: {  // hold a held call, resume a talking one
        if (!active) return false;
        if (stage == CallStage::kTalking) Apply(ResumeCall{c}, Expect::kError);
        else Apply(HoldCall{c}, Expect::kError);
        return true;
      }
      case 4: {  // complete a consult that is not there or not answered
        if (exists && stage == CallStage::kConsulting) {
          const bool connected = cv->second.consult_agent
                                     ? agents.at(*cv->second.consult_agent).state == AgentState::kOnCall
                                     : ext_connected_.contains(c);
          if (connected) return false;
          Apply(CompleteConsult{c, Chance(0.5) ? ConsultOutcome::kTransfer : ConsultOutcome::kConference},
                Expect::kError);
          return true;
        }
        Apply(CompleteConsult{c, static_cast<ConsultOutcome>(Int(0, 2))}, Expect::kError);
        return true;
      }
      case 5: {  // external consult answers when no external consult rings
        if (exists && stage == CallStage::kConsulting && !cv->second.consult_agent && !ext_connected_.contains(c))
          return false;
        if (Chance(0.5)) Apply(ConsultAnswered{c}, Expect::kError);
        else Apply(ConsultFailed{c}, Expect::kError);
        return true;
      }
      case 6: {  // dial results for a call that is not being dialled
        if (exists && stage == CallStage::kDialing) return false;
        if (Chance(0.5)) Apply(OriginateAnswered{c}, Expect::kError);
        else Apply(OriginateFailed{c}, Expect::kError);
        return true;
      }
      case 7: {  // cancel what is not a pending callback
        if (exists && cv->second.is_callback &&
            (stage == CallStage::kScheduled || stage == CallStage::kQueued || stage == CallStage::kOffered))
          return false;
        Apply(CancelCallback{c}, Expect::kError);
        return true;
      }
      case 8: {
        if (av.state == AgentState::kWrapUp) return false;
        Apply(WrapUpDone{a}, Expect::kError);
        return true;
      }
      case 9: {  // agent-state changes that make no sense
        if (av.state == AgentState::kLoggedOut) {
          switch (Int(0, 3)) {
            case 0: Apply(AgentNotReady{a, NotReadyReason::kBreak}, Expect::kError); break;
            case 1: Apply(AgentLogout{a}, Expect::kError); break;
            case 2: Apply(ForceAgentState{a, AgentState::kLoggedOut, NotReadyReason::kNone}, Expect::kError); break;
            default: Apply(ForceAgentState{a, AgentState::kNotReady, NotReadyReason::kLunch}, Expect::kError); break;
          }
        } else {
          Apply(AgentLogin{a}, Expect::kError);
        }
        return true;
      }
      case 10: {
        const std::vector<AgentState> bad = {AgentState::kReserved, AgentState::kOnCall, AgentState::kOnHold,
                                             AgentState::kWrapUp};
        if (Chance(0.5)) Apply(ForceAgentState{a, Pick(bad), NotReadyReason::kOther}, Expect::kError);
        else Apply(AgentNotReady{a, NotReadyReason::kNone}, Expect::kError);
        return true;
      }
      case 11: {  // ids that are in use
        if (!exists) return false;
        switch (Int(0, 2)) {
          case 0: Apply(CallArrived{c, Pick(QueueIds()), {}}, Expect::kError); break;
          case 1:
            Apply(ScheduleCallback{c, Pick(QueueIds()), "+7495", now_ + Seconds(10), {}}, Expect::kError);
            break;
          default: Apply(OriginateCall{c, std::nullopt, Pick(QueueIds()), "+7495", {}}, Expect::kError); break;
        }
        return true;
      }
      case 12: {  // transfers and consults to an agent who is not ready
        if (!active || av.state == AgentState::kReady) return false;
        if (Chance(0.5)) Apply(TransferToAgent{c, a}, Expect::kError);
        else Apply(StartConsult{c, {ConsultTargetKind::kAgent, a, {}, {}}}, Expect::kError);
        return true;
      }
      case 13: {  // consult a queue with nobody ready, team lead without one, empty numbers
        if (!active) return false;
        const int r = Int(0, 3);
        if (r == 0) {
          const QueueId q = Pick(QueueIds());
          if (HasReadyMember(q)) return false;
          Apply(StartConsult{c, {ConsultTargetKind::kQueue, {}, q, {}}}, Expect::kError);
        } else if (r == 1) {
          if (agent_cfg_.at(*cv->second.agent).team_lead_queue) return false;
          Apply(TransferToTeamLead{c}, Expect::kError);
        } else if (r == 2) {
          Apply(TransferExternal{c, ""}, Expect::kError);
        } else {
          Apply(StartConsult{c, {ConsultTargetKind::kExternal, {}, {}, ""}}, Expect::kError);
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
        Apply(AgentHangsUp{c, a}, Expect::kError);
        return true;
      }
      case 15: {  // a callback for a caller who is not waiting, or without a number
        if (exists && stage == CallStage::kQueued && !cv->second.is_callback) {
          if (calls_.at(c).attrs.caller_number) return false;
          Apply(CallbackRequested{c, ""}, Expect::kError);
        } else {
          Apply(CallbackRequested{c, "+7495"}, Expect::kError);
        }
        return true;
      }
      case 16: {  // time never goes backwards
        Apply(Tick{}, Expect::kError, now_ - Duration(Int(1, 5000)));
        return true;
      }
      case 17: {  // bad agent configuration
        AgentConfig cfg = agent_cfg_.at(a);
        switch (Int(0, 4)) {
          case 0: cfg.skills.push_back({SkillId(7), Chance(0.5) ? 0 : 11}); break;
          case 1: cfg.queues.push_back({QueueId(kUnknownQueue), 1}); break;
          case 2: cfg.queues.push_back({Pick(QueueIds()), 0}); break;
          case 3: cfg.skills = {{SkillId(5), 3}, {SkillId(5), 4}}; break;
          default: cfg.team_lead_queue = QueueId(kUnknownQueue); break;
        }
        Apply(UpsertAgent{cfg}, Expect::kError);
        return true;
      }
      case 18: {  // bad queue configuration
        const QueueId q = Pick(QueueIds());
        QueueConfig cfg = *engine_->Queue(q);
        switch (Int(0, 5)) {
          case 0: cfg.overflow = {OverflowKind::kQueue, q}; break;
          case 1: cfg.overflow = {OverflowKind::kQueue, QueueId(kUnknownQueue)}; break;
          case 2: cfg.ring_timeout = Duration{}; break;
          case 3: cfg.relaxations = {{Seconds(30), 2}, {Seconds(20), 1}}; break;
          case 4:
            cfg.when_no_agents = NoAgentsAction::kOverflow;
            cfg.overflow = {};
            break;
          default: cfg.required_skills = {{SkillId(1), 11}}; break;
        }
        Apply(UpsertQueue{cfg}, Expect::kError);
        return true;
      }
      case 19: {  // originate for an agent who is not ready, or without a number
        if (av.state == AgentState::kReady) {
          Apply(OriginateCall{NewCallId(), a, Pick(QueueIds()), "", {}}, Expect::kError);
        } else {
          Apply(OriginateCall{NewCallId(), a, Pick(QueueIds()), "+7495", {}}, Expect::kError);
        }
        return true;
      }
      case 20: {  // a callback needs a number; call levels are 1..10
        if (Chance(0.5)) {
          Apply(ScheduleCallback{NewCallId(), Pick(QueueIds()), "", now_, {}}, Expect::kError);
        } else {
          CallAttributes at;
          at.required_skills = {{SkillId(1), 11}};
          Apply(CallArrived{NewCallId(), Pick(QueueIds()), at}, Expect::kError);
        }
        return true;
      }
      default:
        return UnknownIds();
    }
  }

  // --- the end of the day -------------------------------------------------------
  void Drain() {
    Note("--- drain: ending every call ---");
    for (int round = 0; round < 20; ++round) {
      for (CallId id : engine_->CallIds()) {
        auto c = engine_->Call(id);
        if (!c) continue;  // ended by an earlier input of this round
        if (c->stage == CallStage::kDialing) Apply(OriginateFailed{id}, Expect::kOk);
        else if (c->is_callback) Apply(CancelCallback{id}, Expect::kOk);
        else Apply(CallerHungUp{id}, Expect::kOk);
      }
      for (AgentId id : AgentsIn(AgentState::kWrapUp)) Apply(WrapUpDone{id}, Expect::kOk);
      if (engine_->CallIds().empty()) break;
    }
    for (int i = 0; i < 1000; ++i) {
      auto next = engine_->NextDeadline();
      if (!next) break;
      now_ = std::max(now_, *next);
      Apply(Tick{}, Expect::kOk);
    }
  }

  void FinalChecks() {
    REQUIRE(engine_->CallIds().empty(), "{} calls are left in the engine", engine_->CallIds().size());
    for (const auto& [id, a] : Agents()) {
      REQUIRE(a.state == AgentState::kReady || a.state == AgentState::kNotReady ||
                  a.state == AgentState::kLoggedOut,
              "{} is left {}", N(id), ToString(a.state));
      REQUIRE(!a.call && !a.pending, "{} is left with a call or a pending state", N(id));
    }
    auto next = engine_->NextDeadline();
    REQUIRE(!next, "a timer is still due at {} with nothing left", Secs(*next));
    REQUIRE(ringing_.empty(), "an offer still rings");
    REQUIRE(recount_.open_visits.empty(), "{} queue visits never closed", recount_.open_visits.size());
    REQUIRE(recount_.open_callbacks.empty(), "{} callbacks never closed", recount_.open_callbacks.size());
    for (const auto& [id, c] : calls_) {
      REQUIRE(c.ended == 1, "{} ended {} times", N(id), c.ended);
      switch (c.outcome) {
        case CallOutcome::kCompleted:
          REQUIRE(c.connected, "{} completed without ever being answered", N(id));
          break;
        case CallOutcome::kAbandoned:
          REQUIRE(c.abandoned, "{} abandoned without a call.abandoned", N(id));
          break;
        case CallOutcome::kRejected:
          REQUIRE(c.rejected, "{} rejected without a call.rejected", N(id));
          break;
        case CallOutcome::kTransferredOut:
          REQUIRE(c.transferred_out, "{} transferred out without an external transfer", N(id));
          break;
        case CallOutcome::kCallbackFailed:
        case CallOutcome::kCallbackCancelled:
          REQUIRE(c.callback, "{} ended as a callback but never was one", N(id));
          break;
      }
      if (c.abandoned) REQUIRE(c.outcome == CallOutcome::kAbandoned, "{} abandoned but ended {}", N(id),
                               ToString(c.outcome));
    }
    // The same figures folded again from the whole event log.
    Recount fresh;
    std::size_t day = 0;
    for (std::size_t i = 0; i < log_.size(); ++i) {
      while (day < new_days_.size() && new_days_[day] == i) fresh.NewDay(), ++day;
      fresh.Feed(log_[i]);
    }
    while (day < new_days_.size()) fresh.NewDay(), ++day;
    REQUIRE(fresh == recount_, "folding the whole event log again gives different figures");
  }

  std::uint64_t seed_;
  std::mt19937_64 rng_;
  bool coverage_enabled_;
  EngineConfig config_;
  std::optional<Engine> engine_;
  RealtimeStats stats_;
  Recount recount_;
  Timestamp now_ = core::FromMillis(kStartMillis);
  Timestamp last_event_at_ = core::FromMillis(kStartMillis);
  std::uint64_t next_call_ = 1;
  int applied_ = 0;

  std::map<AgentId, AgentConfig> agent_cfg_;          // as last accepted
  std::map<CallId, CallInfo> calls_;                   // every call ever created
  std::vector<CallId> call_ids_;
  std::map<AgentId, Ring> ringing_;                    // live offers, from the events
  std::map<AgentId, std::deque<Duration>> ring_timeouts_;  // of this output's offer commands
  std::map<AgentId, std::deque<Duration>> wrap_ups_;       // of this output's start-wrap-up commands
  std::map<AgentId, Timestamp> wrap_until_;
  std::map<QueueId, Timestamp> queue_changed_;         // last accepted UpsertQueue
  Output last_out_;
  std::map<std::pair<CallId, AgentId>, Timestamp> declined_;  // offer ended or passed on, when
  std::set<CallId> ext_connected_;                     // external consult party answered
  std::vector<Event> log_;
  std::vector<std::size_t> new_days_;                  // StartNewDay() before log_[i]
  std::deque<Entry> history_;
  std::map<std::string, int> coverage_;
};

// A crash inside the engine still names the seed that caused it.
volatile std::uint64_t g_current_seed = 0;

void PrintCrashedSeed() {
  char buf[128];
  const int n = std::snprintf(buf, sizeof buf, "\nthe random test crashed in seed %llu (reproduce with CC_RANDOM_SEED=%llu)\n",
                              static_cast<unsigned long long>(g_current_seed),
                              static_cast<unsigned long long>(g_current_seed));
  if (n > 0) std::fwrite(buf, 1, static_cast<std::size_t>(n), stderr);
}

extern "C" void OnFatalSignal(int sig) {
  PrintCrashedSeed();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void InstallCrashReport() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  __sanitizer_set_death_callback(PrintCrashedSeed);
#else
  for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS}) std::signal(sig, OnFatalSignal);
#endif
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  return std::atoi(v);
}

TEST(EngineRandom, InvariantsHoldForSeededRandomSequences) {
  std::uint64_t first = 1;
  std::uint64_t last = static_cast<std::uint64_t>(EnvInt("CC_RANDOM_SEEDS", DefaultSeeds()));
  if (const int only = EnvInt("CC_RANDOM_SEED", 0); only > 0) first = last = static_cast<std::uint64_t>(only);
  const auto started = std::chrono::steady_clock::now();
  std::map<std::string, int> coverage;
  const bool show_coverage = std::getenv("CC_RANDOM_COVERAGE") != nullptr;
  long inputs = 0;
  int failures = 0;
  InstallCrashReport();
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    g_current_seed = seed;
    RandomRun run(seed, show_coverage);
    if (auto report = run.Execute()) {
      ADD_FAILURE() << *report;
      if (++failures >= 3) break;
    }
    inputs += run.applied();
    for (const auto& [k, v] : run.coverage()) coverage[k] += v;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("seeds %llu..%llu, %ld inputs in %.1f s\n", static_cast<unsigned long long>(first),
              static_cast<unsigned long long>(last), inputs, secs);
  if (show_coverage)
    for (const auto& [k, v] : coverage) std::printf("  %-60s %d\n", k.c_str(), v);
}

}  // namespace
}  // namespace cc::acd
