#include "app/load_flags.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "core/units.h"

namespace cc::app {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

Result<double> PositivePercent(std::string_view flag, const std::string& text) {
  auto p = NameFlag(flag, core::ParsePercent(text));
  if (p && *p <= 0) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: '{}' must be above 0 %", flag, text));
  }
  return p;
}

}  // namespace

void AddLoadOptions(CLI::App* cmd, LoadOptions& o, bool required) {
  auto* calls = cmd->add_option("--calls", o.calls, "Calls offered per --per, e.g. 100");
  auto* per = cmd->add_option("--per", o.per, "The period of --calls, e.g. 30m, 1h");
  auto* aht =
      cmd->add_option("--aht", o.aht, "Mean handle time (talk + hold + wrap-up), e.g. 180s");
  if (required) {
    calls->required();
    per->required();
    aht->required();
  }
  cmd->add_option("--target", o.target,
                  "Service level: at least X % answered within T, e.g. 80/20s (docs/kpi.md)");
  cmd->add_option("--asa", o.asa, "Highest average speed of answer, e.g. 15s");
  cmd->add_option("--max-abandon", o.max_abandon,
                  "Highest abandon rate, e.g. 5% (needs --patience)");
  cmd->add_option("--max-occupancy", o.max_occupancy, "Highest agent occupancy, e.g. 85%");
  cmd->add_option("--patience", o.patience,
                  "Mean caller patience, e.g. 300s: use Erlang A (callers hang up)");
  cmd->add_option("--shrinkage", o.shrinkage,
                  "Paid time not on the phones (breaks, training), e.g. 30%");
  cmd->add_flag("--json", o.json, "Print one JSON object instead of the table");
}

Result<LoadRequest> ParseLoad(const LoadOptions& o, bool need_goal) {
  LoadRequest r;
  auto calls = NameFlag("--calls", core::ParseNumber(o.calls));
  if (!calls) return tl::unexpected(calls.error());
  if (*calls <= 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("--calls: '{}' is not a positive number", o.calls));
  }
  auto per = NameFlag("--per", core::ParsePositiveDuration(o.per));
  if (!per) return tl::unexpected(per.error());
  auto aht = NameFlag("--aht", core::ParsePositiveDuration(o.aht));
  if (!aht) return tl::unexpected(aht.error());
  r.calls = *calls;
  r.per = *per;
  r.problem.load = wfm::Load::FromVolume(*calls, *per, *aht);

  wfm::StaffingTargets& t = r.problem.targets;
  if (!o.target.empty()) {
    auto target = NameFlag("--target", core::ParseServiceTarget(o.target));
    if (!target) return tl::unexpected(target.error());
    if (target->fraction >= 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("--target: '{}': 100 % within a time cannot be met by any number "
                              "of agents; use e.g. 99.9",
                              o.target));
    }
    t.service_level = *target;
  }
  if (!o.asa.empty()) {
    auto asa = NameFlag("--asa", core::ParsePositiveDuration(o.asa));
    if (!asa) return tl::unexpected(asa.error());
    t.max_asa = *asa;
  }
  if (!o.patience.empty()) {
    auto patience = NameFlag("--patience", core::ParsePositiveDuration(o.patience));
    if (!patience) return tl::unexpected(patience.error());
    r.problem.mean_patience = *patience;
  }
  if (!o.max_abandon.empty()) {
    if (!r.problem.mean_patience) {
      return Fail(ErrorCode::kInvalidArgument,
                  "--max-abandon: needs --patience (without a patience nobody abandons)");
    }
    auto abandon = PositivePercent("--max-abandon", o.max_abandon);
    if (!abandon) return tl::unexpected(abandon.error());
    t.max_abandon = *abandon;
  }
  if (!o.max_occupancy.empty()) {
    auto occupancy = PositivePercent("--max-occupancy", o.max_occupancy);
    if (!occupancy) return tl::unexpected(occupancy.error());
    t.max_occupancy = *occupancy;
  }
  if (!o.shrinkage.empty()) {
    auto shrinkage = NameFlag("--shrinkage", core::ParsePercent(o.shrinkage));
    if (!shrinkage) return tl::unexpected(shrinkage.error());
    if (*shrinkage >= 1) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("--shrinkage: '{}' must be below 100 %", o.shrinkage));
    }
    r.problem.shrinkage = *shrinkage;
  }
  if (!o.agents.empty()) {
    auto agents = NameFlag("--agents", core::ParseWholeNumber(o.agents));
    if (!agents) return tl::unexpected(agents.error());
    if (*agents < 1 || *agents > 1'000'000) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("--agents: '{}' is not between 1 and 1000000", o.agents));
    }
    r.agents = static_cast<int>(*agents);
  } else if (need_goal && t.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "staff: give a target to solve for (--target, --asa, --max-abandon or "
                "--max-occupancy), or --agents to evaluate a head-count");
  }
  if (auto status = wfm::Validate(r.problem); !status) return tl::unexpected(status.error());
  return r;
}

// "30 min", "1 h", "180 s", "250 ms".

}  // namespace cc::app
