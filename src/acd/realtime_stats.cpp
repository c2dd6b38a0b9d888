#include "acd/realtime_stats.h"

#include <algorithm>

#include "core/overloaded.h"

namespace cc::acd {

using core::Overloaded;

int QueueStats::SlDenominator() const {
  return answered + abandoned + overflowed_out + callbacks_requested + rejected;
}

std::optional<double> QueueStats::ServiceLevel() const {
  const int d = SlDenominator();
  if (d == 0) return std::nullopt;
  return static_cast<double>(answered_within_sl) / d;
}

std::optional<Duration> QueueStats::AverageSpeedOfAnswer() const {
  if (answered == 0) return std::nullopt;
  return answer_wait_total / answered;
}

std::optional<Duration> QueueStats::AverageHandleTime() const {
  if (handled == 0) return std::nullopt;
  return handle_time_total / handled;
}

void RealtimeStats::Enter(CallId call, QueueId queue, Timestamp since, bool callback) {
  Leave(call);
  waiters_[call] = Waiter{queue, since, callback};
  QueueStats& q = queues_[queue];
  if (callback) {
    q.callbacks_waiting++;
  } else {
    q.waiting++;
    live_since_[queue].insert(since);
  }
}

void RealtimeStats::Leave(CallId call) {
  auto it = waiters_.find(call);
  if (it == waiters_.end()) return;
  const Waiter w = it->second;
  waiters_.erase(it);
  QueueStats& q = queues_[w.queue];
  if (w.callback) {
    q.callbacks_waiting--;
  } else {
    q.waiting--;
    auto& times = live_since_[w.queue];
    times.erase(times.find(w.since));
  }
}

void RealtimeStats::OnEvent(const Event& event) {
  const Timestamp at = event.at;
  std::visit(Overloaded{
                 [&](const QueueConfigured& e) {
                   QueueStats& q = queues_[e.queue];
                   q.name = e.name;
                   q.sl_threshold = e.sl_threshold;
                   q.sl_target_percent = e.sl_target_percent;
                   q.short_abandon = e.short_abandon;
                 },
                 [&](const AgentConfigured& e) {
                   AgentStats& a = agents_[e.agent];
                   const auto idx = static_cast<std::size_t>(a.state);
                   for (QueueId q : memberships_[e.agent]) queues_[q].agents_by_state[idx]--;
                   auto& m = memberships_[e.agent];
                   m.clear();
                   for (const auto& qm : e.queues) {
                     m.push_back(qm.queue);
                     queues_[qm.queue].agents_by_state[idx]++;
                   }
                 },
                 [&](const AgentStateChanged& e) {
                   AgentStats& a = agents_[e.agent];
                   for (QueueId q : memberships_[e.agent]) {
                     queues_[q].agents_by_state[static_cast<std::size_t>(a.state)]--;
                     queues_[q].agents_by_state[static_cast<std::size_t>(e.to)]++;
                   }
                   a.state = e.to;
                   a.reason = e.reason;
                   a.since = at;
                 },
                 [&](const CallQueued& e) {
                   queues_[e.queue].offered++;
                   Enter(e.call, e.queue, at, false);
                 },
                 [&](const CallbackQueued& e) { Enter(e.call, e.queue, at, true); },
                 [&](const CallbackScheduled&) {},
                 [&](const CallOffered&) {},
                 [&](const OfferEnded& e) {
                   if (e.how == OfferEnd::kExpired) agents_[e.agent].missed_offers++;
                 },
                 [&](const CallAnswered& e) {
                   QueueStats& q = queues_[e.queue];
                   q.answered++;
                   if (e.wait <= q.sl_threshold) q.answered_within_sl++;
                   q.answer_wait_total += e.wait;
                   Leave(e.call);
                 },
                 [&](const CallAbandoned& e) {
                   QueueStats& q = queues_[e.queue];
                   if (e.wait < q.short_abandon)
                     q.short_abandoned++;
                   else
                     q.abandoned++;
                   Leave(e.call);
                 },
                 [&](const CallOverflowed& e) {
                   queues_[e.from].overflowed_out++;
                   Leave(e.call);
                 },
                 [&](const CallbackChosen& e) {
                   queues_[e.queue].callbacks_requested++;
                   Leave(e.call);
                 },
                 [&](const CallRejected& e) {
                   queues_[e.queue].rejected++;
                   Leave(e.call);
                 },
                 [&](const CallbackOffered&) {},
                 [&](const CallConnected& e) { Leave(e.call); },
                 [&](const CallHeld&) {},
                 [&](const CallResumed&) {},
                 [&](const ConsultStarted&) {},
                 [&](const ConsultConnected&) {},
                 [&](const ConsultEnded&) {},
                 [&](const CallTransferred&) {},
                 [&](const CallRequeued&) {},
                 [&](const AgentLeftCall&) {},
                 [&](const CallHandled& e) {
                   QueueStats& q = queues_[e.queue];
                   q.handled++;
                   q.handle_time_total += e.talk + e.hold + e.wrap_up;
                   AgentStats& a = agents_[e.agent];
                   a.calls_handled++;
                   a.talk_total += e.talk;
                   a.hold_total += e.hold;
                   a.wrap_up_total += e.wrap_up;
                 },
                 [&](const CallEnded& e) { Leave(e.call); },
             },
             event.body);
}

void RealtimeStats::StartNewDay() {
  for (auto& [id, q] : queues_) {
    QueueStats fresh;
    fresh.name = q.name;
    fresh.sl_threshold = q.sl_threshold;
    fresh.sl_target_percent = q.sl_target_percent;
    fresh.short_abandon = q.short_abandon;
    fresh.waiting = q.waiting;
    fresh.callbacks_waiting = q.callbacks_waiting;
    fresh.agents_by_state = q.agents_by_state;
    q = fresh;
  }
  for (auto& [id, a] : agents_) {
    a.calls_handled = 0;
    a.missed_offers = 0;
    a.talk_total = a.hold_total = a.wrap_up_total = Duration{};
  }
}

const QueueStats* RealtimeStats::Queue(QueueId id) const {
  auto it = queues_.find(id);
  return it == queues_.end() ? nullptr : &it->second;
}

const AgentStats* RealtimeStats::Agent(AgentId id) const {
  auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second;
}

Duration RealtimeStats::LongestWait(QueueId id, Timestamp now) const {
  auto it = live_since_.find(id);
  if (it == live_since_.end() || it->second.empty()) return Duration{};
  return now - *it->second.begin();
}

std::vector<QueueId> RealtimeStats::QueueIds() const {
  std::vector<QueueId> ids;
  for (const auto& [id, q] : queues_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<AgentId> RealtimeStats::AgentIds() const {
  std::vector<AgentId> ids;
  for (const auto& [id, a] : agents_) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace cc::acd
