#include "acd/testing/recount.h"

#include "acd/testing/names.h"
#include "acd/testing/test_failure.h"
#include "core/overloaded.h"

namespace cc::acd::random_test {

using core::Overloaded;

void Recount::NewDay() {
  for (auto& [id, q] : queues) {
    Queue fresh;
    fresh.sl_threshold = q.sl_threshold;
    fresh.short_abandon = q.short_abandon;
    fresh.waiting = q.waiting;
    fresh.callbacks_waiting = q.callbacks_waiting;
    q = fresh;
  }
  for (auto& [id, a] : agents) a.calls_handled = a.missed_offers = a.calls_today = 0;
}

void Recount::CloseVisit(CallId call, QueueId queue, Timestamp at, std::optional<Duration> wait,
                         const char* how) {
  auto it = open_visits.find(call);
  REQUIRE(it != open_visits.end(), "{} of {} closes a queue visit that is not open", how, N(call));
  REQUIRE(it->second.first == queue, "{} of {} names {} but the visit is in {}", how, N(call),
          N(queue), N(it->second.first));
  REQUIRE(!wait || *wait == at - it->second.second,
          "{} of {}: wait {} ms but the visit began {} ms earlier", how, N(call), wait->count(),
          (at - it->second.second).count());
  queues[queue].waiting--;
  open_visits.erase(it);
}

void Recount::CloseCallback(CallId call) {
  auto it = open_callbacks.find(call);
  if (it == open_callbacks.end()) return;
  queues[it->second].callbacks_waiting--;
  open_callbacks.erase(it);
}

void Recount::Feed(const Event& event) {
  std::visit(
      Overloaded{
          [&](const QueueConfigured& e) {
            queues[e.queue].sl_threshold = e.sl_threshold;
            queues[e.queue].short_abandon = e.short_abandon;
          },
          [&](const AgentConfigured& e) {
            auto& a = agents[e.agent];
            a.queues.clear();
            for (const auto& m : e.queues) a.queues.push_back(m.queue);
          },
          [&](const AgentStateChanged& e) {
            auto& a = agents[e.agent];
            REQUIRE(e.from == a.state, "agent.state_changed {}: from {} but the agent was {}",
                    N(e.agent), ToString(e.from), ToString(a.state));
            REQUIRE(e.from != e.to || e.reason != a.reason,
                    "agent.state_changed {} changes nothing", N(e.agent));
            a.state = e.to;
            a.reason = e.reason;
          },
          [&](const CallQueued& e) {
            REQUIRE(!open_visits.contains(e.call), "{} queued in {} while its visit in {} is open",
                    N(e.call), N(e.queue), N(open_visits[e.call].first));
            REQUIRE(!open_callbacks.contains(e.call), "{} queued as a live caller while a callback",
                    N(e.call));
            open_visits[e.call] = {e.queue, event.at};
            queues[e.queue].waiting++;
            queues[e.queue].offered++;
          },
          [&](const CallbackQueued& e) {
            REQUIRE(!open_visits.contains(e.call) && !open_callbacks.contains(e.call),
                    "{} queued as a callback while already waiting", N(e.call));
            open_callbacks[e.call] = e.queue;
            queues[e.queue].callbacks_waiting++;
          },
          [&](const CallAnswered& e) {
            CloseVisit(e.call, e.queue, event.at, e.wait, "call.answered");
            auto& q = queues[e.queue];
            q.answered++;
            if (e.wait <= q.sl_threshold) q.answered_within_sl++;
            q.answer_wait_total += e.wait;
            agents[e.agent].calls_today++;
          },
          [&](const CallAbandoned& e) {
            CloseVisit(e.call, e.queue, event.at, e.wait, "call.abandoned");
            auto& q = queues[e.queue];
            if (e.wait < q.short_abandon)
              q.short_abandoned++;
            else
              q.abandoned++;
          },
          [&](const CallOverflowed& e) {
            CloseVisit(e.call, e.from, event.at, e.wait, "call.overflowed");
            queues[e.from].overflowed_out++;
          },
          [&](const CallbackChosen& e) {
            CloseVisit(e.call, e.queue, event.at, e.wait, "callback.chosen");
            queues[e.queue].callbacks_requested++;
          },
          [&](const CallRejected& e) {
            CloseVisit(e.call, e.queue, event.at, std::nullopt, "call.rejected");
            queues[e.queue].rejected++;
          },
          [&](const CallConnected& e) {
            REQUIRE(!open_visits.contains(e.call), "{} connected during an open queue visit",
                    N(e.call));
            CloseCallback(e.call);
            agents[e.agent].calls_today++;
          },
          [&](const CallTransferred& e) {
            if (e.kind == TransferKind::kConsult && e.to_agent.valid())
              agents[e.to_agent].calls_today++;
          },
          [&](const OfferEnded& e) {
            if (e.how == OfferEnd::kExpired) agents[e.agent].missed_offers++;
          },
          [&](const CallHandled& e) {
            auto& q = queues[e.queue];
            q.handled++;
            q.handle_time_total += e.talk + e.hold + e.wrap_up;
            agents[e.agent].calls_handled++;
          },
          [&](const CallEnded& e) {
            REQUIRE(!open_visits.contains(e.call), "{} ended with its queue visit in {} still open",
                    N(e.call), N(open_visits[e.call].first));
            CloseCallback(e.call);
          },
          [](const auto&) {},
      },
      event.body);
}

std::array<int, 7> Recount::AgentsByState(QueueId q) const {
  std::array<int, 7> counts{};
  for (const auto& [id, a] : agents)
    for (QueueId m : a.queues)
      if (m == q) counts[static_cast<std::size_t>(a.state)]++;
  return counts;
}

}  // namespace cc::acd::random_test
