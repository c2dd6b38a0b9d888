#include "acd/testing/engine_harness.h"

#include <fmt/format.h>

#include <utility>
#include <variant>

#include "acd/testing/invariants.h"
#include "acd/testing/test_failure.h"

namespace cc::acd::random_test {

bool Active(const CallView& c) {
  return c.stage == CallStage::kTalking || c.stage == CallStage::kOnHold;
}

void EngineHarness::Start(const EngineConfig& config) {
  config_ = config;
  engine_.emplace(config_);
  Note(fmt::format("engine missed_offers_limit={} max_overflow_hops={} reoffer_delay={}ms",
                   config_.missed_offers_limit, config_.max_overflow_hops,
                   config_.reoffer_delay.count()));
}

void EngineHarness::Apply(const Input& input, Expect expect, std::optional<Timestamp> at) {
  const Timestamp t = at.value_or(now_);
  std::string before;
  if (expect == Expect::kError) before = Snapshot();
  const std::string before_state = coverage_.StateOf(*engine_, input);
  Output out;
  const core::Status status = engine_->Apply(input, t, out);
  ++applied_;
  coverage_.CountInput(input, expect == Expect::kError, before_state);
  history_.Record(t, input, expect == Expect::kError,
                  status ? std::string("ok") : "error: " + status.error().message, out);

  if (expect == Expect::kOk) {
    REQUIRE(status, "the engine refused an input that fits the state: {}", status.error().message);
  } else {
    REQUIRE(!status, "the engine accepted an input that does not fit the state");
    REQUIRE(out.commands.empty() && out.events.empty(),
            "a refused input produced commands or events");
    const std::string after = Snapshot();
    REQUIRE(before == after, "a refused input changed the engine\nbefore:\n{}after:\n{}", before,
            after);
  }
  tracker_.Observe(out, t, stats_, coverage_);
  if (status) {
    if (const auto* uq = std::get_if<UpsertQueue>(&input)) queue_changed_[uq->config.id] = t;
  }
  last_out_ = std::move(out);
  if (status && std::holds_alternative<NewDay>(input)) {
    // The driver starts the day's counters afresh after the engine's own new day.
    stats_.StartNewDay();
    tracker_.NewDay();
  }
  CheckAfterInput(*this);
}

void EngineHarness::UpsertAgentNow(const AgentConfig& cfg) {
  Apply(UpsertAgent{cfg}, Expect::kOk);
  agent_cfg_[cfg.id] = cfg;
}

void EngineHarness::Note(std::string text) {
  history_.Note(std::move(text));
}

Timestamp EngineHarness::QueueChangedAt(QueueId q) const {
  auto it = queue_changed_.find(q);
  return it != queue_changed_.end() ? it->second : Timestamp{};
}

std::map<AgentId, AgentView> EngineHarness::Agents() const {
  std::map<AgentId, AgentView> m;
  for (AgentId id : engine_->AgentIds()) m.emplace(id, *engine_->Agent(id));
  return m;
}

std::map<CallId, CallView> EngineHarness::Calls() const {
  std::map<CallId, CallView> m;
  for (CallId id : engine_->CallIds()) m.emplace(id, *engine_->Call(id));
  return m;
}

std::vector<AgentId> EngineHarness::AgentsIn(AgentState s) const {
  std::vector<AgentId> ids;
  for (AgentId id : engine_->AgentIds())
    if (engine_->Agent(id)->state == s) ids.push_back(id);
  return ids;
}

bool EngineHarness::IsMember(AgentId a, QueueId q) const {
  for (const auto& m : agent_cfg_.at(a).queues)
    if (m.queue == q) return true;
  return false;
}

bool EngineHarness::HasReadyMember(QueueId q) const {
  for (AgentId id : AgentsIn(AgentState::kReady))
    if (IsMember(id, q)) return true;
  return false;
}

std::string EngineHarness::Snapshot() {
  std::string s;
  for (const auto& [id, a] : Agents())
    s += fmt::format("{} {} {} since={} idle={} call={} today={} missed={} pending={}\n", N(id),
                     ToString(a.state), ToString(a.reason), Secs(a.since), Secs(a.idle_since),
                     a.call ? N(*a.call) : "-", a.calls_today, a.missed_in_row,
                     a.pending ? ToString(*a.pending) : "-");
  for (const auto& [id, c] : Calls())
    s += fmt::format("{} {} {} agent={} consult={} arrived={} enqueued={} callback={} prio={}\n",
                     N(id), StageName(c.stage), N(c.queue), c.agent ? N(*c.agent) : "-",
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

}  // namespace cc::acd::random_test
