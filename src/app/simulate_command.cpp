#include "app/simulate_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/sim_report.h"
#include "core/units.h"
#include "sim/day_config.h"
#include "sim/simulator.h"
#include "sim/steady_load.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;

struct SteadyRun {
  LoadRequest load;
  int agents = 0;
  int hours = 0;
  std::uint64_t seed = 1;
};

Result<std::uint64_t> ParseSeed(const std::string& text) {
  auto seed = NameFlag("--seed", core::ParseWholeNumber(text));
  if (!seed) return tl::unexpected(seed.error());
  return static_cast<std::uint64_t>(*seed);
}

Result<SteadyRun> ParseSteady(const SimulateOptions& o) {
  if (o.load.calls.empty() || o.load.per.empty() || o.load.aht.empty() || o.load.agents.empty() ||
      o.hours.empty())
    return Fail(ErrorCode::kInvalidArgument,
                "simulate: give --config FILE, or --calls, --per, --aht, --agents and --hours");
  SteadyRun run;
  auto load = ParseLoad(o.load, false);
  if (!load) return tl::unexpected(load.error());
  run.load = *load;
  run.agents = *load->agents;
  auto hours = NameFlag("--hours", core::ParseWholeNumber(o.hours));
  if (!hours) return tl::unexpected(hours.error());
  if (*hours < 1 || *hours > 24 * 365)
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--hours: '{}' is not between 1 and 8760", o.hours));
  run.hours = static_cast<int>(*hours);
  if (!o.seed.empty()) {
    auto seed = ParseSeed(o.seed);
    if (!seed) return tl::unexpected(seed.error());
    run.seed = *seed;
  }
  return run;
}

sim::DayModel SteadyModel(const SteadyRun& run) {
  const wfm::StaffingProblem& p = run.load.problem;
  sim::SteadyLoad load;
  load.calls_per_hour = run.load.calls * 3'600'000.0 / static_cast<double>(run.load.per.count());
  load.aht = p.load.aht;
  load.agents = run.agents;
  load.hours = run.hours;
  load.seed = run.seed;
  load.patience = p.mean_patience;
  load.sl_threshold = p.SlThreshold();
  if (p.targets.service_level)
    load.sl_target_percent = static_cast<int>(std::lround(p.targets.service_level->fraction * 100));
  return sim::SteadyLoadDay(load);
}

nlohmann::json Opt(std::optional<double> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

int RunSteady(const SteadyRun& run, bool json, std::ostream& out, std::ostream& err) {
  auto report = sim::Simulator(SteadyModel(run)).Run();
  if (!report) {
    fmt::print(err, "error: {}\n", report.error().message);
    return 1;
  }
  auto erlang = wfm::Evaluate(run.load.problem, run.agents);
  if (!erlang) {
    fmt::print(err, "error: {}\n", erlang.error().message);
    return 1;
  }
  const sim::Figures& t = report->total;
  const auto& m = erlang->metrics;
  if (json) {
    nlohmann::json j = {{"agents", run.agents},
                        {"agents_scheduled", erlang->agents_scheduled},
                        {"stable", erlang->stable()},
                        {"hours", run.hours},
                        {"seed", run.seed},
                        {"offered", t.offered},
                        {"answered", t.answered},
                        {"abandoned", t.abandoned + t.short_abandoned},
                        {"service_level", Opt(t.ServiceLevel())},
                        {"asa_seconds", Opt(t.Asa())},
                        {"p_wait", Opt(t.PWait())},
                        {"p_abandon", Opt(t.PAbandon())},
                        {"occupancy", Opt(t.Occupancy())},
                        {"engine_events", report->engine_events}};
    j["erlang"] = m ? nlohmann::json{{"model", wfm::ToString(erlang->model)},
                                     {"service_level", m->service_level},
                                     {"asa_seconds", m->asa_seconds},
                                     {"p_wait", m->p_wait},
                                     {"p_abandon", m->p_abandon},
                                     {"occupancy", m->occupancy}}
                    : nlohmann::json(nullptr);
    out << j.dump(2) << "\n";
    return 0;
  }
  auto pct = [](std::optional<double> v) { return v ? fmt::format("{:.2f} %", *v * 100) : "-"; };
  auto sec = [](std::optional<double> v) { return v ? fmt::format("{:.1f} s", *v) : "-"; };
  fmt::print(
      out,
      "Simulated {} h with {} agents (seed {}): {} calls offered, {} answered, {} abandoned\n\n",
      run.hours, run.agents, run.seed, t.offered, t.answered, t.abandoned + t.short_abandoned);
  fmt::print(out, "{:<22} {:>12} {:>12}\n", "", "simulated", wfm::ToString(erlang->model));
  const auto threshold = run.load.problem.SlThreshold().count() / 1000;
  auto row = [&](std::string label, std::string simulated, std::string formula) {
    fmt::print(out, "{:<22} {:>12} {:>12}\n", label, simulated, formula);
  };
  auto formula = [&](auto get) -> std::optional<double> {
    if (!m) return std::nullopt;
    return get(*m);
  };
  row(fmt::format("service level {} s", threshold), pct(t.ServiceLevel()),
      pct(formula([](const wfm::StaffingMetrics& x) { return x.service_level; })));
  row("ASA", sec(t.Asa()),
      sec(formula([](const wfm::StaffingMetrics& x) { return x.asa_seconds; })));
  row("P(wait)", pct(t.PWait()),
      pct(formula([](const wfm::StaffingMetrics& x) { return x.p_wait; })));
  row("abandoned", pct(t.PAbandon()),
      pct(formula([](const wfm::StaffingMetrics& x) { return x.p_abandon; })));
  row("occupancy", pct(t.Occupancy()),
      pct(formula([](const wfm::StaffingMetrics& x) { return x.occupancy; })));
  if (!m)
    fmt::print(out,
               "\nThe formula has no steady state: {} agents cannot carry {:.2f} Erlangs without "
               "callers hanging up; the queue grew for the whole run.\n",
               run.agents, erlang->erlangs);
  return 0;
}

int RunDay(const SimulateOptions& o, std::ostream& out, std::ostream& err) {
  auto model = sim::LoadDayModel(o.config);
  if (!model) {
    fmt::print(err, "error: --config: {}\n", model.error().message);
    return 2;
  }
  if (!o.seed.empty()) {
    auto seed = ParseSeed(o.seed);
    if (!seed) {
      fmt::print(err, "error: {}\n", seed.error().message);
      return 2;
    }
    model->seed = *seed;
  }
  auto report = sim::Simulator(*model).Run();
  if (!report) {
    fmt::print(err, "error: {}: {}\n", o.config, report.error().message);
    return 1;
  }
  auto advice = StaffingAdvice(*model);
  if (!advice) {
    fmt::print(err, "error: staffing advice: {}\n", advice.error().message);
    return 1;
  }
  if (o.load.json)
    out << DayJson(*model, *report, *advice).dump(2) << "\n";
  else
    PrintDay(*model, *report, *advice, out);
  return 0;
}

}  // namespace

CLI::App* AddSimulateCommand(CLI::App& app, SimulateOptions& o) {
  auto* cmd = app.add_subcommand(
      "simulate",
      "Play calls through the routing engine: a steady load beside its Erlang figures, or a whole "
      "day from --config");
  AddLoadOptions(cmd, o.load, false);
  cmd->add_option("--agents", o.load.agents, "Agents on the phones for a steady load");
  cmd->add_option("--hours", o.hours, "How long a steady load runs, in hours");
  cmd->add_option("--seed", o.seed, "Random seed (the same seed gives the same result)");
  cmd->add_option("--config", o.config, "A day model in TOML (docs/simulation.md)");
  return cmd;
}

int RunSimulate(const SimulateOptions& o, std::ostream& out, std::ostream& err) {
  if (!o.config.empty()) return RunDay(o, out, err);
  auto run = ParseSteady(o);
  if (!run) {
    fmt::print(err, "error: {}\n", run.error().message);
    return 2;
  }
  return RunSteady(*run, o.load.json, out, err);
}

}  // namespace cc::app
