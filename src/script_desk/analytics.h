// How scripts are used: steps shown, situations opened, calls by queue and
// operator, outcomes — counted from script_uses over a period. Practice
// calls (training) are left out unless asked for.
// Thread-safety: pure reads; may be called from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "storage/database.h"

namespace cc::script_desk {

struct AnalyticsFilter {
  core::TenantId tenant;
  core::Timestamp from;  // inclusive
  core::Timestamp to;    // exclusive
  std::optional<core::QueueId> queue;
  std::optional<core::AgentId> agent;
  bool training = false;  // count practice calls instead of real ones
};

struct StepUse {
  std::string code, step, step_kind;
  std::int64_t uses = 0;  // times shown
};
struct SituationUse {
  std::string code;
  std::int64_t calls = 0;  // calls it was opened on
};
struct GroupUse {
  std::string code;
  std::uint32_t id = 0;    // queue or agent
  std::int64_t calls = 0;  // calls on which the script or situation was used
};
struct OutcomeCount {
  std::string code, outcome;
  std::int64_t count = 0;
};

struct ScriptAnalytics {
  std::vector<StepUse> steps;
  std::vector<SituationUse> situations;
  std::vector<GroupUse> by_queue;
  std::vector<GroupUse> by_agent;
  std::vector<OutcomeCount> outcomes;
};

core::Result<ScriptAnalytics> Analyse(storage::Database& db, const AnalyticsFilter& filter);

// One practice call (S-17) and what the operator did on it.
struct PracticeSummary {
  std::int64_t call = 0;
  std::uint32_t agent = 0;
  std::string situation;  // what the simulated caller played
  core::Timestamp started;
  std::vector<std::string> path;  // "S-02:warn", in order
  std::string outcome;            // the last end_call outcome; empty when none
  std::vector<std::string> actions;
};

// The tenant's latest practice calls, newest first.
core::Result<std::vector<PracticeSummary>> PracticeCalls(storage::Database& db, core::TenantId tenant, int limit);

}  // namespace cc::script_desk
