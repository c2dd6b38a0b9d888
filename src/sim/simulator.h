// Discrete-event simulator: plays a DayModel through the real acd::Engine
// with simulated telephony (callers who arrive, wait, hang up; agents who
// answer, talk, wrap up, take breaks) on simulated time. Seeded: the same
// model and seed give the same report.
// Thread-safety: none; one Simulator per thread.
#pragma once

#include <queue>
#include <random>
#include <unordered_map>

#include "acd/engine.h"
#include "core/result.h"
#include "sim/model.h"
#include "sim/report.h"

namespace cc::sim {

class Simulator {
 public:
  explicit Simulator(DayModel model);

  // Plays the whole day. Fails if the model is inconsistent (the engine's
  // own validation, e.g. an overflow queue that does not exist).
  core::Result<Report> Run();

 private:
  enum class Kind {
    kArrival,
    kAbandon,
    kAnswer,
    kComplete,
    kDialAnswered,
    kAgentReady,
    kAgentBreak,
    kAgentLogout
  };
  struct Pending {
    Timestamp at;
    std::uint64_t seq;
    Kind kind;
    std::uint64_t call;
    std::uint32_t index;  // queue index or agent id
    acd::NotReadyReason reason;
    bool operator>(const Pending& o) const { return std::tie(at, seq) > std::tie(o.at, o.seq); }
  };

  core::Status Setup();
  void Schedule(Timestamp at, Kind kind, std::uint64_t call, std::uint32_t index,
                acd::NotReadyReason reason = acd::NotReadyReason::kNone);
  void ScheduleNextArrival(std::size_t queue, Timestamp after);
  void Handle(const Pending& p);
  void Apply(const acd::Input& input);
  void Carry(const acd::Output& out);
  Duration SampleHandle(std::size_t queue);
  Duration SampleExp(Duration mean);

  DayModel model_;
  Timestamp end_;
  acd::Engine engine_;
  ReportBuilder report_;
  std::mt19937_64 rng_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending_;
  std::uint64_t seq_ = 0;
  std::uint64_t next_call_ = 1;
  std::unordered_map<acd::CallId, std::uint32_t> call_queue_;  // queue index of each live call
  acd::Output out_;
  Timestamp now_;
  std::int64_t inputs_ = 0;
};

}  // namespace cc::sim
