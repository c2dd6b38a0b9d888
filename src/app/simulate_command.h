// `callcenter simulate`: plays a day through the real routing engine with
// simulated callers and agents. Either a steady load (the `staff` flags plus
// --agents and --hours), shown beside the Erlang figures for the same load,
// or a whole day from a TOML model (--config, docs/simulation.md) with the
// interval table and the staffing advice.
#pragma once

#include <iosfwd>
#include <string>

#include "app/load_flags.h"

namespace CLI {
class App;
}

namespace cc::app {

struct SimulateOptions {
  LoadOptions load;
  std::string hours;   // --hours: how long a steady load runs
  std::string seed;    // --seed: overrides the model's seed
  std::string config;  // --config: a day model file
};

CLI::App* AddSimulateCommand(CLI::App& app, SimulateOptions& options);

// Returns the exit code: 0 done, 1 the model could not be played, 2 a bad flag or file.
int RunSimulate(const SimulateOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cc::app
