#include "app/sim_report.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <ostream>

#include "wfm/staffing.h"

namespace cc::app {

namespace {

std::string Pct(std::optional<double> v) {
  return v ? fmt::format("{:.1f}%", *v * 100) : "-";
}
std::string Sec(std::optional<double> v) {
  return v ? fmt::format("{:.0f}s", *v) : "-";
}

std::string TimeOfDay(core::Timestamp t) {
  return fmt::format("{:%H:%M}", std::chrono::floor<std::chrono::minutes>(t));
}

nlohmann::json FiguresJson(const sim::Figures& f) {
  auto opt = [](std::optional<double> v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"offered", f.offered},
          {"answered", f.answered},
          {"abandoned", f.abandoned + f.short_abandoned},
          {"overflowed", f.overflowed},
          {"service_level", opt(f.ServiceLevel())},
          {"asa_seconds", opt(f.Asa())},
          {"aht_seconds", opt(f.Aht())},
          {"p_wait", opt(f.PWait())},
          {"p_abandon", opt(f.PAbandon())},
          {"occupancy", opt(f.Occupancy())}};
}

}  // namespace

core::Result<std::vector<int>> StaffingAdvice(const sim::DayModel& model) {
  std::vector<int> needed(static_cast<std::size_t>(model.intervals), 0);
  for (const auto& q : model.queues) {
    for (int i = 0; i < model.intervals; ++i) {
      const double calls = q.arrivals[static_cast<std::size_t>(i)];
      if (calls <= 0) continue;
      wfm::StaffingProblem p;
      p.load = wfm::Load::FromVolume(calls, model.interval, q.handle.mean + q.config.wrap_up);
      p.mean_patience = q.patience;
      p.targets.service_level =
          core::ServiceTarget{q.config.sl_target_percent / 100.0, q.config.sl_threshold};
      auto s = wfm::SolveStaffing(p);
      if (!s) return tl::unexpected(s.error());
      needed[static_cast<std::size_t>(i)] += s->agents;
    }
  }
  return needed;
}

void PrintDay(const sim::DayModel& model, const sim::Report& r, const std::vector<int>& advice,
              std::ostream& out) {
  const double interval_s = static_cast<double>(model.interval.count()) / 1000.0;
  fmt::print(out, "Simulated day '{}', seed {}: {} intervals of {} min\n\n", model.name, model.seed,
             model.intervals, model.interval.count() / 60000);
  fmt::print(out, "{:<6} {:>7} {:>8} {:>9} {:>7} {:>6} {:>6} {:>9} {:>7} {:>7}\n", "time",
             "offered", "answered", "abandoned", "SL", "ASA", "AHT", "occupancy", "agents",
             "needed");
  int short_intervals = 0;
  for (int i = 0; i < model.intervals; ++i) {
    const sim::Figures& f = r.centre_by_interval[static_cast<std::size_t>(i)];
    const double agents = f.available_s / interval_s;
    const bool is_short = agents + 0.5 < advice[static_cast<std::size_t>(i)];
    short_intervals += is_short;
    fmt::print(out, "{:<6} {:>7} {:>8} {:>9} {:>7} {:>6} {:>6} {:>9} {:>7.1f} {:>7}{}\n",
               TimeOfDay(model.start + model.interval * i), f.offered, f.answered,
               f.abandoned + f.short_abandoned, Pct(f.ServiceLevel()), Sec(f.Asa()), Sec(f.Aht()),
               Pct(f.Occupancy()), agents, advice[static_cast<std::size_t>(i)],
               is_short ? "  short" : "");
  }
  fmt::print(out, "\n{:<10} {:>7} {:>8} {:>9} {:>10} {:>7} {:>6} {:>6}\n", "queue", "offered",
             "answered", "abandoned", "overflowed", "SL", "ASA", "AHT");
  for (std::size_t q = 0; q < r.queue_names.size(); ++q) {
    const sim::Figures& f = r.total_by_queue[q];
    fmt::print(out, "{:<10} {:>7} {:>8} {:>9} {:>10} {:>7} {:>6} {:>6}\n", r.queue_names[q],
               f.offered, f.answered, f.abandoned + f.short_abandoned, f.overflowed,
               Pct(f.ServiceLevel()), Sec(f.Asa()), Sec(f.Aht()));
  }
  const sim::Figures& t = r.total;
  fmt::print(out, "{:<10} {:>7} {:>8} {:>9} {:>10} {:>7} {:>6} {:>6}   occupancy {}\n", "all",
             t.offered, t.answered, t.abandoned + t.short_abandoned, t.overflowed,
             Pct(t.ServiceLevel()), Sec(t.Asa()), Sec(t.Aht()), Pct(t.Occupancy()));
  fmt::print(out,
             "\nStaffing advice: 'needed' is the Erlang head-count on the phones for each queue's "
             "own target,\nsummed over queues. {} of {} intervals are short of it.\n",
             short_intervals, model.intervals);
}

nlohmann::json DayJson(const sim::DayModel& model, const sim::Report& r,
                       const std::vector<int>& advice) {
  nlohmann::json j = FiguresJson(r.total);
  int rostered = 0;
  for (const auto& s : model.shifts) rostered += s.agents;
  j["agents"] =
      rostered;  // everyone on the roster; agents_available per interval says who was on the phones
  j["agents_scheduled"] = rostered;
  j["stable"] = true;
  j["seed"] = model.seed;
  j["engine_events"] = r.engine_events;
  nlohmann::json rows = nlohmann::json::array();
  const double interval_s = static_cast<double>(model.interval.count()) / 1000.0;
  for (int i = 0; i < model.intervals; ++i) {
    const auto& f = r.centre_by_interval[static_cast<std::size_t>(i)];
    nlohmann::json row = FiguresJson(f);
    row["start"] = TimeOfDay(model.start + model.interval * i);
    row["agents_available"] = f.available_s / interval_s;
    row["agents_needed"] = advice[static_cast<std::size_t>(i)];
    nlohmann::json queues = nlohmann::json::object();
    for (std::size_t q = 0; q < r.queue_names.size(); ++q)
      queues[r.queue_names[q]] = FiguresJson(r.by_interval[static_cast<std::size_t>(i)][q]);
    row["queues"] = queues;
    rows.push_back(row);
  }
  j["intervals"] = rows;
  nlohmann::json queues = nlohmann::json::object();
  for (std::size_t q = 0; q < r.queue_names.size(); ++q)
    queues[r.queue_names[q]] = FiguresJson(r.total_by_queue[q]);
  j["queues"] = queues;
  return j;
}

}  // namespace cc::app
