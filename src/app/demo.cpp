#include "app/demo.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "acd/describe.h"
#include "acd/scenario.h"

namespace cc::app {

namespace {

std::string Clock(core::Timestamp t) {
  return fmt::format("{:%H:%M:%S}", std::chrono::floor<std::chrono::seconds>(t));
}

std::string Percent(std::optional<double> v) {
  return v ? fmt::format("{:.0f} %", *v * 100) : "-";
}

std::string Secs(std::optional<core::Duration> d) {
  return d ? fmt::format("{} s", d->count() / 1000) : "-";
}

void PrintStats(const acd::Scenario& s, std::ostream& out) {
  const auto& stats = s.stats();
  fmt::print(out, "\nQueues at {}\n", Clock(s.now()));
  fmt::print(out, "{:<10} {:>7} {:>8} {:>9} {:>10} {:>9} {:>7} {:>6} {:>6} {:>7}\n", "queue",
             "offered", "answered", "abandoned", "overflowed", "callbacks", "SL", "ASA", "AHT",
             "waiting");
  for (auto id : stats.QueueIds()) {
    const acd::QueueStats& q = *stats.Queue(id);
    fmt::print(out, "{:<10} {:>7} {:>8} {:>9} {:>10} {:>9} {:>7} {:>6} {:>6} {:>7}\n", q.name,
               q.offered, q.answered, q.abandoned + q.short_abandoned, q.overflowed_out,
               q.callbacks_requested, Percent(q.ServiceLevel()), Secs(q.AverageSpeedOfAnswer()),
               Secs(q.AverageHandleTime()), q.waiting);
  }
  fmt::print(out, "\n{:<10} {:<24} {:>7} {:>6} {:>6} {:>8}\n", "agent", "state", "handled", "talk",
             "hold", "wrap-up");
  for (auto id : stats.AgentIds()) {
    const acd::AgentStats& a = *stats.Agent(id);
    std::string state(acd::ToString(a.state));
    if (a.reason != acd::NotReadyReason::kNone)
      state += fmt::format(" ({})", acd::ToString(a.reason));
    fmt::print(out, "{:<10} {:<24} {:>7} {:>6} {:>6} {:>8}\n", s.namer().agent(id), state,
               a.calls_handled, Secs(a.talk_total), Secs(a.hold_total), Secs(a.wrap_up_total));
  }
}

}  // namespace

int RunDemo(const DemoOptions& options, std::ostream& out, std::ostream& err) {
  std::string script = kMorningScript;
  if (!options.script_file.empty()) {
    std::ifstream in(options.script_file);
    if (!in) {
      fmt::print(err, "error: cannot read scenario file '{}'\n", options.script_file);
      return 1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    script = buf.str();
  }

  acd::Scenario s;
  s.SetObserver([&](const acd::Output& o, core::Timestamp now) {
    for (const auto& e : o.events) {
      if (std::holds_alternative<acd::QueueConfigured>(e.body) ||
          std::holds_alternative<acd::AgentConfigured>(e.body))
        continue;
      fmt::print(out, "{}  {}\n", Clock(e.at), acd::Describe(e.body, s.namer()));
    }
    if (options.show_commands)
      for (const auto& c : o.commands)
        fmt::print(out, "{}  > {}\n", Clock(now), acd::Describe(c, s.namer()));
  });

  std::istringstream lines(script);
  std::string line;
  int no = 0;
  while (std::getline(lines, line)) {
    ++no;
    const auto start = line.find_first_not_of(' ');
    if (start != std::string::npos && line.compare(start, 3, "## ") == 0) {
      fmt::print(out, "\n-- {}\n", line.substr(start + 3));
      continue;
    }
    if (auto status = s.Step(line, no); !status) {
      fmt::print(err, "error: {}\n", status.error().message);
      return 1;
    }
  }
  PrintStats(s, out);
  return 0;
}

}  // namespace cc::app
