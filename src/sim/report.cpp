#include "sim/report.h"

#include <algorithm>

#include "core/overloaded.h"

namespace cc::sim {

using core::Overloaded;

namespace {
double Seconds(Duration d) {
  return static_cast<double>(d.count()) / 1000.0;
}
bool Busy(acd::AgentState s) {
  return s == acd::AgentState::kReserved || s == acd::AgentState::kOnCall ||
         s == acd::AgentState::kOnHold || s == acd::AgentState::kWrapUp;
}
}  // namespace

void Figures::Add(const Figures& o) {
  offered += o.offered;
  answered += o.answered;
  answered_within_sl += o.answered_within_sl;
  abandoned += o.abandoned;
  short_abandoned += o.short_abandoned;
  overflowed += o.overflowed;
  other_missed += o.other_missed;
  delayed += o.delayed;
  wait_total_s += o.wait_total_s;
  handled += o.handled;
  handle_total_s += o.handle_total_s;
  busy_s += o.busy_s;
  available_s += o.available_s;
}

std::optional<double> Figures::ServiceLevel() const {
  const auto d = answered + abandoned + overflowed + other_missed;
  if (d == 0) return std::nullopt;
  return static_cast<double>(answered_within_sl) / static_cast<double>(d);
}

std::optional<double> Figures::Asa() const {
  if (answered == 0) return std::nullopt;
  return wait_total_s / static_cast<double>(answered);
}

std::optional<double> Figures::Aht() const {
  if (handled == 0) return std::nullopt;
  return handle_total_s / static_cast<double>(handled);
}

std::optional<double> Figures::Occupancy() const {
  if (available_s <= 0) return std::nullopt;
  return busy_s / available_s;
}

std::optional<double> Figures::AbandonRate() const {
  const auto ended = answered + abandoned + short_abandoned;
  if (ended == 0) return std::nullopt;
  return static_cast<double>(abandoned + short_abandoned) / static_cast<double>(ended);
}

std::optional<double> Figures::PWait() const {
  if (offered == 0) return std::nullopt;
  return 1.0 - static_cast<double>(answered - delayed) / static_cast<double>(offered);
}

std::optional<double> Figures::PAbandon() const {
  if (offered == 0) return std::nullopt;
  return static_cast<double>(abandoned + short_abandoned) / static_cast<double>(offered);
}

ReportBuilder::ReportBuilder(const DayModel& model)
    : start_(model.start), interval_(model.interval), intervals_(model.intervals) {
  report_.interval = model.interval;
  report_.start = model.start;
  for (const auto& q : model.queues) {
    queue_index_[q.config.id] = report_.queue_names.size();
    report_.queue_names.push_back(q.config.name);
    sl_threshold_.push_back(q.config.sl_threshold);
    short_abandon_.push_back(q.config.short_abandon);
  }
  report_.by_interval.assign(static_cast<std::size_t>(intervals_),
                             std::vector<Figures>(model.queues.size()));
  report_.centre_by_interval.assign(static_cast<std::size_t>(intervals_), Figures{});
}

int ReportBuilder::IntervalOf(Timestamp t) const {
  const auto i = static_cast<int>((t - start_) / interval_);
  return std::clamp(i, 0, intervals_ - 1);
}

std::size_t ReportBuilder::QueueIndex(acd::QueueId q) const {
  return queue_index_.at(q);
}

void ReportBuilder::AccountAgentTime(acd::AgentState state, Timestamp from, Timestamp to) {
  if (state == acd::AgentState::kLoggedOut || state == acd::AgentState::kNotReady) return;
  const Timestamp end = start_ + interval_ * intervals_;
  from = std::max(from, start_);
  to = std::min(to, end);
  while (from < to) {
    const int i = IntervalOf(from);
    const Timestamp boundary = start_ + interval_ * (i + 1);
    const Timestamp chunk_end = std::min(to, boundary);
    const double s = Seconds(chunk_end - from);
    Figures& f = report_.centre_by_interval[static_cast<std::size_t>(i)];
    f.available_s += s;
    if (Busy(state)) f.busy_s += s;
    from = chunk_end;
  }
}

void ReportBuilder::OnEvent(const acd::Event& e) {
  ++events_;
  // Ends the call's queue visit: `count` updates the visit's figures.
  auto close_visit = [&](acd::CallId call, auto count) {
    auto it = visits_.find(call);
    if (it == visits_.end()) return;
    const Visit v = it->second;
    visits_.erase(it);
    count(report_.by_interval[static_cast<std::size_t>(v.interval)][v.queue], v.queue);
  };
  std::visit(Overloaded{
                 [&](const acd::CallQueued& q) {
                   const Visit v{IntervalOf(e.at), QueueIndex(q.queue)};
                   visits_[q.call] = v;
                   report_.by_interval[static_cast<std::size_t>(v.interval)][v.queue].offered++;
                 },
                 [&](const acd::CallAnswered& a) {
                   close_visit(a.call, [&](Figures& f, std::size_t qi) {
                     f.answered++;
                     if (a.wait <= sl_threshold_[qi]) f.answered_within_sl++;
                     if (a.wait.count() > 0) f.delayed++;
                     f.wait_total_s += Seconds(a.wait);
                   });
                 },
                 [&](const acd::CallAbandoned& a) {
                   close_visit(a.call, [&](Figures& f, std::size_t qi) {
                     (a.wait < short_abandon_[qi] ? f.short_abandoned : f.abandoned)++;
                   });
                 },
                 [&](const acd::CallOverflowed& o) {
                   close_visit(o.call, [](Figures& f, std::size_t) { f.overflowed++; });
                 },
                 [&](const acd::CallbackChosen& c) {
                   close_visit(c.call, [](Figures& f, std::size_t) { f.other_missed++; });
                 },
                 [&](const acd::CallRejected& r) {
                   close_visit(r.call, [](Figures& f, std::size_t) { f.other_missed++; });
                 },
                 [&](const acd::CallHandled& h) {
                   Figures& f = report_.by_interval[static_cast<std::size_t>(IntervalOf(e.at))]
                                                   [QueueIndex(h.queue)];
                   f.handled++;
                   f.handle_total_s += Seconds(h.talk + h.hold + h.wrap_up);
                 },
                 [&](const acd::AgentStateChanged& s) {
                   AgentClock& c = agents_[s.agent];
                   AccountAgentTime(c.state, c.since, e.at);
                   c.state = s.to;
                   c.since = e.at;
                 },
                 [](const auto&) {},
             },
             e.body);
}

Report ReportBuilder::Finish(Timestamp end, std::int64_t inputs) {
  for (auto& [id, c] : agents_) {
    AccountAgentTime(c.state, c.since, end);
    c.since = end;
  }
  report_.total = Figures{};
  report_.total_by_queue.assign(report_.queue_names.size(), Figures{});
  for (std::size_t i = 0; i < report_.by_interval.size(); ++i) {
    Figures calls;
    for (std::size_t q = 0; q < report_.by_interval[i].size(); ++q) {
      calls.Add(report_.by_interval[i][q]);
      report_.total_by_queue[q].Add(report_.by_interval[i][q]);
    }
    Figures& centre = report_.centre_by_interval[i];
    const double busy = centre.busy_s, available = centre.available_s;
    centre = calls;
    centre.busy_s = busy;
    centre.available_s = available;
    report_.total.Add(centre);
  }
  report_.engine_events = events_;
  report_.engine_inputs = inputs;
  return report_;
}

}  // namespace cc::sim
