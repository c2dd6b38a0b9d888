// The engine under test in the randomized engine test, with everything that
// watches it: applies one input at a time at the run's simulated time, checks
// that an input meant to fit the state is accepted and that one meant not to is
// refused and changes nothing, follows the output (OutputTracker), feeds the
// events to RealtimeStats, checks the invariants after every input, and keeps
// the failure report and the coverage counts. Also the views of the engine and
// of the agents' configurations that the input generators choose from.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "acd/engine.h"
#include "acd/realtime_stats.h"
#include "acd/testing/coverage.h"
#include "acd/testing/input_history.h"
#include "acd/testing/names.h"
#include "acd/testing/output_tracker.h"

namespace cc::acd::random_test {

// Whether an input is meant to fit the engine's state.
enum class Expect { kOk, kError };

// A call connected to its agent: talking or on hold.
bool Active(const CallView& c);

class EngineHarness {
 public:
  explicit EngineHarness(bool coverage) : coverage_(coverage) {}

  // Creates the engine; before any input.
  void Start(const EngineConfig& config);
  // Applies `input` at `at` (default: now) and checks the engine's answer, its
  // output and the invariants.
  void Apply(const Input& input, Expect expect, std::optional<Timestamp> at = std::nullopt);
  // Applies an agent's configuration and remembers it as the agent's own.
  void UpsertAgentNow(const AgentConfig& cfg);
  // A line of the failure report between inputs.
  void Note(std::string text);
  CallId NewCallId() { return CallId(next_call_++); }
  void AdvanceBy(Duration d) { now_ += d; }
  void AdvanceTo(Timestamp t) { now_ = std::max(now_, t); }  // never backwards

  Engine& engine() { return *engine_; }
  const Engine& engine() const { return *engine_; }
  const EngineConfig& config() const { return config_; }
  const RealtimeStats& stats() const { return stats_; }
  OutputTracker& tracker() { return tracker_; }
  const OutputTracker& tracker() const { return tracker_; }
  Timestamp now() const { return now_; }
  // The output of the last input applied.
  const Output& last_output() const { return last_out_; }
  // When the queue's configuration last changed (the epoch if never).
  Timestamp QueueChangedAt(QueueId q) const;
  // Agents' configurations as last accepted.
  const std::map<AgentId, AgentConfig>& agent_configs() const { return agent_cfg_; }
  const AgentConfig& agent_config(AgentId a) const { return agent_cfg_.at(a); }

  std::map<AgentId, AgentView> Agents() const;
  std::map<CallId, CallView> Calls() const;
  std::vector<AgentId> AgentsIn(AgentState s) const;
  template <class Pred>
  std::vector<CallView> CallsWhere(Pred pred) const {
    std::vector<CallView> v;
    for (CallId id : engine_->CallIds()) {
      auto c = *engine_->Call(id);
      if (pred(c)) v.push_back(c);
    }
    return v;
  }
  bool IsMember(AgentId a, QueueId q) const;
  bool HasReadyMember(QueueId q) const;
  std::vector<QueueId> QueueIds() const { return engine_->QueueIds(); }

  int applied() const { return applied_; }
  const Coverage& coverage() const { return coverage_; }
  std::string FailureReport(std::uint64_t seed, const std::string& message) const {
    return history_.FailureReport(seed, applied_, message);
  }

 private:
  // Everything observable, for "a refused input changes nothing".
  std::string Snapshot();

  EngineConfig config_;
  std::optional<Engine> engine_;
  RealtimeStats stats_;
  OutputTracker tracker_;
  Coverage coverage_;
  InputHistory history_;
  Timestamp now_ = core::FromMillis(kStartMillis);
  std::uint64_t next_call_ = 1;
  int applied_ = 0;
  std::map<AgentId, AgentConfig> agent_cfg_;
  std::map<QueueId, Timestamp> queue_changed_;  // last accepted UpsertQueue
  Output last_out_;
};

}  // namespace cc::acd::random_test
