// A small declarative language for driving the engine, used by the tests,
// the documentation and the `callcenter demo` morning:
//
//   queue sales wrapup=10 ring=15
//   agent anna queues=sales skills=sales:7
//   anna ready
//   at 5
//   call c1 arrives sales from=+74951234567
//   expect offer c1 anna
//
// Every step is applied at the scenario's current time; `at`/`after` move
// time and let due timers fire. `expect` lines check what the previous step
// produced (commands, events) or the engine's state now. After every step
// the engine's own consistency check must pass. docs/scenarios.md lists the
// whole language.
// Thread-safety: none; one thread drives a Scenario.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "acd/describe.h"
#include "acd/engine.h"
#include "acd/realtime_stats.h"
#include "core/result.h"

namespace cc::acd {

class Scenario {
 public:
  using Observer = std::function<void(const Output& out, Timestamp now)>;

  explicit Scenario(EngineConfig config = {});

  // Runs every line; stops at the first failure, which names the line.
  core::Status Run(std::string_view script);
  // Runs one line (line_no is used in messages only).
  core::Status Step(std::string_view line, int line_no = 0);

  // Called with the output of every step (the demo prints it, stats count it).
  void SetObserver(Observer observer) { observer_ = std::move(observer); }

  Engine& engine() { return engine_; }
  const RealtimeStats& stats() const { return stats_; }
  const Namer& namer() const { return namer_; }
  Timestamp now() const { return now_; }
  const std::vector<Event>& events() const { return all_events_; }
  std::optional<QueueId> QueueNamed(std::string_view name) const;
  std::optional<AgentId> AgentNamed(std::string_view name) const;
  std::optional<CallId> CallNamed(std::string_view name) const;

  static constexpr std::int64_t kStartMillis = 1'795'766'400'000;  // 2026-11-27T08:00:00Z

 private:
  using Args = std::vector<std::string>;
  core::Status Execute(const Args& t);
  core::Status Expect(const Args& t);
  core::Status Apply(const Input& input);  // one step: `last_` is its output
  void ApplyMore(const Input& input);      // adds to `last_`
  core::Status Advance(Timestamp to);

  QueueId QueueId_(const std::string& name, bool create);
  AgentId AgentId_(const std::string& name, bool create);
  CallId CallId_(const std::string& name, bool create);
  SkillId SkillId_(const std::string& name);
  core::Result<std::vector<SkillLevel>> ParseSkills(const std::string& text);
  std::string LastOutputText() const;

  core::Status ExpectStat(const Args& t);

  Engine engine_;
  RealtimeStats stats_;
  Namer namer_;
  Observer observer_;
  Timestamp now_;
  Output last_;
  core::Status last_status_;
  bool error_unchecked_ = false;
  std::vector<Event> all_events_;
  std::map<std::string, QueueId> queues_;
  std::map<std::string, AgentId> agents_;
  std::map<std::string, CallId> calls_;
  std::map<std::string, SkillId> skills_;
  std::map<std::uint64_t, std::string> queue_names_, agent_names_, call_names_;
};

}  // namespace cc::acd
