// `callcenter staff`: how many agents a queue needs to meet its targets
// (Erlang C, or Erlang A when callers have a --patience), or, with --agents,
// what a given head-count achieves. A table by default, one JSON object with
// --json. Method and definitions: docs/wfm.md.
#pragma once

#include <iosfwd>
#include <string>

#include "app/load_flags.h"

namespace CLI {
class App;
}

namespace cc::app {

// The flags as typed; RunStaff parses and checks them so that every error
// names its flag.
using StaffOptions = LoadOptions;

// Adds the `staff` subcommand to `app`; parsing fills `options`.
CLI::App* AddStaffCommand(CLI::App& app, StaffOptions& options);

// Returns the process exit code: 0 answered; 1 no head-count up to the search
// limit meets the targets; 2 a bad value (the message names the flag).
int RunStaff(const StaffOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
