// What the simulator is asked to play: a centre's queues with their load
// (arrivals per interval, handle times, patience) and the roster of agents.
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "acd/config.h"

namespace cc::sim {

using core::Duration;
using core::Timestamp;

enum class HandleDistribution { kExponential, kLognormal };

struct HandleTime {
  HandleDistribution kind = HandleDistribution::kExponential;
  Duration mean = core::Seconds(180);
  double cv = 1.0;  // standard deviation ÷ mean (lognormal only; exponential is 1)
};

struct QueueModel {
  acd::QueueConfig config;       // id, name, skills, wrap-up, SL target, overflow...
  std::vector<double> arrivals;  // expected calls per interval (Poisson), one per interval
  HandleTime handle;
  std::optional<Duration> patience;  // mean of an exponential patience; none: callers never hang up
};

struct Break {
  Duration start_offset{};  // from the start of the day
  Duration length{};
  acd::NotReadyReason reason = acd::NotReadyReason::kBreak;
};

// `agents` identical agents working from start to end, taking the breaks;
// break starts are spread evenly over `stagger` so the whole shift does not
// leave at once.
struct Shift {
  std::string name;
  int agents = 0;
  Duration start_offset{};
  Duration end_offset{};
  std::vector<acd::QueueMembership> queues;
  std::vector<acd::SkillLevel> skills;
  std::vector<Break> breaks;
  Duration stagger{};
};

struct DayModel {
  std::string name = "day";
  Timestamp start;  // the start of the first interval
  Duration interval = std::chrono::minutes(15);
  int intervals = 0;  // simulated length = intervals × interval
  std::uint64_t seed = 1;
  Duration answer_delay{};  // how long agents' phones ring before they answer
  std::vector<QueueModel> queues;
  std::vector<Shift> shifts;
  std::vector<std::string> skill_names;  // index + 1 = SkillId (for reports)
};

}  // namespace cc::sim
