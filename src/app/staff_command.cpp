#include "app/staff_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <vector>

#include "app/load_flags.h"
#include "core/units.h"
#include "wfm/staffing.h"

namespace cc::app {

namespace {

using core::ErrorCode;
using core::Fail;
using core::Result;

std::string Human(core::Duration d) {
  const auto ms = d.count();
  if (ms % 3'600'000 == 0) return fmt::format("{} h", ms / 3'600'000);
  if (ms % 60'000 == 0) return fmt::format("{} min", ms / 60'000);
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{} ms", ms);
}

std::string Pct(double fraction) {
  return fmt::format("{:.2f} %", fraction * 100);
}
// Targets are shown with what precision they were given: 80 %, 99.9 %.
std::string TargetPct(double fraction) {
  return fmt::format("{:g} %", fraction * 100);
}

double SecondsOf(core::Duration d) {
  return static_cast<double>(d.count()) / 1000.0;
}

std::string DescribeTargets(const wfm::StaffingTargets& t) {
  std::vector<std::string> parts;
  if (t.service_level) {
    parts.push_back(fmt::format("service level >= {} within {}",
                                TargetPct(t.service_level->fraction),
                                Human(t.service_level->threshold)));
  }
  if (t.max_asa) parts.push_back(fmt::format("ASA <= {}", Human(*t.max_asa)));
  if (t.max_abandon) parts.push_back(fmt::format("abandoned <= {}", TargetPct(*t.max_abandon)));
  if (t.max_occupancy) parts.push_back(fmt::format("occupancy <= {}", TargetPct(*t.max_occupancy)));
  if (parts.empty()) return "none";
  return fmt::format("{}", fmt::join(parts, "; "));
}

// Why a stable head-count misses: each target it fails, with the figure.
std::string Misses(const wfm::StaffingTargets& t, const wfm::StaffingMetrics& m) {
  std::vector<std::string> parts;
  if (t.service_level && m.service_level < t.service_level->fraction) {
    parts.push_back(fmt::format("service level {} < {}", Pct(m.service_level),
                                TargetPct(t.service_level->fraction)));
  }
  if (t.max_asa && m.asa_seconds > SecondsOf(*t.max_asa)) {
    parts.push_back(fmt::format("ASA {:.1f} s > {}", m.asa_seconds, Human(*t.max_asa)));
  }
  if (t.max_abandon && m.p_abandon > *t.max_abandon) {
    parts.push_back(fmt::format("abandoned {} > {}", Pct(m.p_abandon), TargetPct(*t.max_abandon)));
  }
  if (t.max_occupancy && m.occupancy > *t.max_occupancy) {
    parts.push_back(
        fmt::format("occupancy {} > {}", Pct(m.occupancy), TargetPct(*t.max_occupancy)));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string Unstable(const wfm::Staffing& s) {
  return fmt::format(
      "unstable: {} agents cannot carry {:.2f} Erlangs; the queue grows without limit", s.agents,
      s.erlangs);
}

void PrintTable(const LoadRequest& r, const wfm::Staffing& chosen, std::ostream& out) {
  const wfm::StaffingProblem& p = r.problem;
  const bool erlang_a = chosen.model == wfm::QueueModel::kErlangA;
  fmt::print(out, "Model      {}\n",
             erlang_a ? fmt::format("Erlang A (callers hang up after {} on average)",
                                    Human(*p.mean_patience))
                      : std::string("Erlang C (callers wait as long as it takes)"));
  fmt::print(out, "Load       {:g} calls per {}, AHT {:g} s = {:.2f} Erlangs\n", r.calls,
             Human(r.per), p.load.AhtSeconds(), chosen.erlangs);
  fmt::print(out, "Targets    {}\n", DescribeTargets(p.targets));
  fmt::print(out, "Shrinkage  {}\n\n", TargetPct(p.shrinkage));

  const std::string sl_head = fmt::format("SL {}", Human(chosen.sl_threshold));
  fmt::print(out, "  {:>6}  {:>9}  {:>9}  {:>9}  {:>8}", "agents", "scheduled", sl_head, "ASA",
             "P(wait)");
  if (erlang_a) fmt::print(out, "  {:>9}", "abandoned");
  fmt::print(out, "  {:>9}  {}\n", "occupancy", "targets");

  const int first = std::max(1, chosen.agents - 3);
  for (int n = first; n <= chosen.agents + 2; ++n) {
    auto row = n == chosen.agents ? Result<wfm::Staffing>(chosen) : wfm::Evaluate(p, n);
    if (!row) continue;
    fmt::print(out, "{} {:>6}  {:>9}  ", n == chosen.agents ? '>' : ' ', n, row->agents_scheduled);
    if (!row->stable()) {
      fmt::print(out, "unstable (agents <= {:.2f} Erlangs)\n", row->erlangs);
      continue;
    }
    const wfm::StaffingMetrics& m = *row->metrics;
    fmt::print(out, "{:>9}  {:>9}  {:>8}", Pct(m.service_level),
               fmt::format("{:.1f} s", m.asa_seconds), Pct(m.p_wait));
    if (erlang_a) fmt::print(out, "  {:>9}", Pct(m.p_abandon));
    fmt::print(out, "  {:>9}  {}\n", Pct(m.occupancy),
               p.targets.empty() ? "-" : (row->meets_targets ? "met" : "missed"));
  }
  fmt::print(out, "\n");
}

void PrintConclusion(const LoadRequest& r, const wfm::Staffing& s, std::ostream& out) {
  const std::string scheduled =
      r.problem.shrinkage > 0 ? fmt::format("{} scheduled with {} shrinkage", s.agents_scheduled,
                                            TargetPct(r.problem.shrinkage))
                              : fmt::format("{} scheduled (no shrinkage)", s.agents_scheduled);
  if (!r.agents) {
    fmt::print(out, "Minimum: {} agents on the phones, {}.\n", s.agents, scheduled);
  } else if (!s.stable()) {
    fmt::print(out,
               "Unstable: {} agents cannot carry {:.2f} Erlangs; the queue grows without "
               "limit. Add agents, or give --patience to let callers hang up.\n",
               s.agents, s.erlangs);
  } else if (r.problem.targets.empty()) {
    fmt::print(out, "{} agents on the phones, {}.\n", s.agents, scheduled);
  } else if (s.meets_targets) {
    fmt::print(out, "{} agents on the phones, {}: targets met.\n", s.agents, scheduled);
  } else {
    fmt::print(out, "{} agents on the phones, {}: targets missed ({}).\n", s.agents, scheduled,
               Misses(r.problem.targets, *s.metrics));
  }
}

nlohmann::json ToJson(const LoadRequest& r, const wfm::Staffing& s) {
  const wfm::StaffingProblem& p = r.problem;
  nlohmann::json j;
  j["mode"] = r.agents ? "evaluate" : "solve";
  j["model"] = std::string(wfm::ToString(s.model));
  j["agents"] = s.agents;
  j["agents_scheduled"] = s.agents_scheduled;
  j["shrinkage"] = p.shrinkage;
  j["stable"] = s.stable();
  j["offered_erlangs"] = s.erlangs;
  j["arrival_rate_per_second"] = p.load.arrival_rate_per_second;
  j["aht_seconds"] = p.load.AhtSeconds();
  j["patience_seconds"] =
      p.mean_patience ? nlohmann::json(SecondsOf(*p.mean_patience)) : nlohmann::json(nullptr);
  j["sl_threshold_seconds"] = SecondsOf(s.sl_threshold);
  const nlohmann::json none(nullptr);
  const wfm::StaffingMetrics* m = s.metrics ? &*s.metrics : nullptr;
  j["service_level"] = m ? nlohmann::json(m->service_level) : none;
  j["asa_seconds"] = m ? nlohmann::json(m->asa_seconds) : none;
  j["asa_delayed_seconds"] = m ? nlohmann::json(m->asa_delayed_seconds) : none;
  j["p_wait"] = m ? nlohmann::json(m->p_wait) : none;
  j["p_abandon"] = m ? m->p_abandon : 0.0;
  j["occupancy"] = m ? nlohmann::json(m->occupancy) : none;
  j["meets_targets"] = s.meets_targets;
  if (!s.stable()) j["message"] = Unstable(s);
  nlohmann::json targets = nlohmann::json::object();
  const wfm::StaffingTargets& t = p.targets;
  if (t.service_level) {
    targets["service_level"] = t.service_level->fraction;
    targets["sl_threshold_seconds"] = SecondsOf(t.service_level->threshold);
  }
  if (t.max_asa) targets["max_asa_seconds"] = SecondsOf(*t.max_asa);
  if (t.max_abandon) targets["max_abandon"] = *t.max_abandon;
  if (t.max_occupancy) targets["max_occupancy"] = *t.max_occupancy;
  j["targets"] = targets;
  return j;
}

}  // namespace

CLI::App* AddStaffCommand(CLI::App& app, StaffOptions& o) {
  auto* cmd = app.add_subcommand(
      "staff",
      "Agents needed for a service-level, ASA, abandon or occupancy target (Erlang C, or Erlang A "
      "with --patience); with --agents, what that many achieve");
  AddLoadOptions(cmd, o, true);
  cmd->add_option("--agents", o.agents, "Evaluate this many agents instead of solving");
  return cmd;
}

int RunStaff(const StaffOptions& options, std::ostream& out, std::ostream& err) {
  auto request = ParseLoad(options, true);
  if (!request) {
    fmt::print(err, "error: {}\n", request.error().message);
    return 2;
  }
  auto staffing = request->agents ? wfm::Evaluate(request->problem, *request->agents)
                                  : wfm::SolveStaffing(request->problem);
  if (!staffing) {
    fmt::print(err, "error: {}\n", staffing.error().message);
    return staffing.error().code == ErrorCode::kInvalidArgument ? 2 : 1;
  }
  if (options.json) {
    out << ToJson(*request, *staffing).dump(2) << "\n";
  } else {
    PrintTable(*request, *staffing, out);
    PrintConclusion(*request, *staffing, out);
  }
  return 0;
}

}  // namespace cc::app
