// The load and target flags shared by `callcenter staff` and `callcenter
// simulate` (--calls, --per, --aht, --target, --asa, --max-abandon,
// --max-occupancy, --patience, --shrinkage, --agents), parsed so that every
// error names its flag.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "wfm/staffing.h"

namespace CLI {
class App;
}

namespace cc::app {

// The flags as typed.
struct LoadOptions {
  std::string calls;          // --calls: calls offered per --per
  std::string per;            // --per: the period of --calls, "30m"
  std::string aht;            // --aht: mean handle time
  std::string target;         // --target: "80/20s"
  std::string asa;            // --asa: highest acceptable ASA
  std::string max_abandon;    // --max-abandon: "5%", needs --patience
  std::string max_occupancy;  // --max-occupancy: "85%"
  std::string patience;       // --patience: mean patience; switches to Erlang A
  std::string shrinkage;      // --shrinkage: "30%"
  std::string agents;         // --agents: a head-count to evaluate or simulate
  bool json = false;
};

struct LoadRequest {
  wfm::StaffingProblem problem;
  std::optional<int> agents;  // absent: solve
  double calls = 0;
  core::Duration per{0};
};

// Registers the flags on `cmd`; --calls, --per and --aht are required when `required`.
void AddLoadOptions(CLI::App* cmd, LoadOptions& o, bool required);

// Parses and checks the flags. With `need_goal`, either a target or --agents
// must be given (there is nothing to solve otherwise).
core::Result<LoadRequest> ParseLoad(const LoadOptions& o, bool need_goal);

// Prefixes a parse error with the flag it came from: "--aht: '-3s' is not ...".
template <typename T>
core::Result<T> NameFlag(std::string_view flag, core::Result<T> parsed) {
  if (!parsed)
    return core::Fail(parsed.error().code, std::string(flag) + ": " + parsed.error().message);
  return parsed;
}

}  // namespace cc::app
