// `callcenter demo`: drives the ACD engine through a scripted morning (or a
// scenario file) and prints the event stream and the day's statistics.
#pragma once

#include <iosfwd>
#include <string>

namespace cc::app {

struct DemoOptions {
  std::string script_file;  // empty: the built-in morning
  bool show_commands = true;
};

// Returns the process exit code: 0 on success, 1 if the scenario fails.
int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err);

// The built-in morning, in the scenario language (docs/scenarios.md).
extern const char* const kMorningScript;

}  // namespace cc::app
