// `callcenter staff`: how many agents a queue needs to meet its targets
// (Erlang C, or Erlang A when callers have a --patience), or, with --agents,
// what a given head-count achieves. A table by default, one JSON object with
// --json. Method and definitions: docs/wfm.md.
#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
}

namespace cc::app {

// The flags as typed; RunStaff parses and checks them so that every error
// names its flag.
struct StaffOptions {
  std::string calls;          // --calls: calls offered per --per
  std::string per;            // --per: the period of --calls, "30m"
  std::string aht;            // --aht: mean handle time
  std::string target;         // --target: "80/20s"
  std::string asa;            // --asa: highest acceptable ASA
  std::string max_abandon;    // --max-abandon: "5%", needs --patience
  std::string max_occupancy;  // --max-occupancy: "85%"
  std::string patience;       // --patience: mean patience; switches to Erlang A
  std::string shrinkage;      // --shrinkage: "30%"
  std::string agents;         // --agents: evaluate this head-count instead of solving
  bool json = false;
};

// Adds the `staff` subcommand to `app`; parsing fills `options`.
CLI::App* AddStaffCommand(CLI::App& app, StaffOptions& options);

// Returns the process exit code: 0 answered; 1 no head-count up to the search
// limit meets the targets; 2 a bad value (the message names the flag).
int RunStaff(const StaffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
