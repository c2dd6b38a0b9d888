#include "acd/testing/output_tracker.h"

#include <cstdint>
#include <tuple>
#include <variant>

#include "acd/describe.h"
#include "acd/testing/names.h"
#include "acd/testing/test_failure.h"
#include "core/overloaded.h"

namespace cc::acd::random_test {

using core::Overloaded;

std::optional<CallId> CallOf(const EventBody& body) {
  return std::visit(
      [](const auto& e) -> std::optional<CallId> {
        if constexpr (requires { e.call; }) {
          return e.call;
        } else {
          return std::nullopt;
        }
      },
      body);
}

void OutputTracker::Register(CallId id, const CallAttributes& attrs, bool callback,
                             bool direct_dial) {
  CallInfo info;
  info.attrs = attrs;
  info.callback = callback;
  info.direct_dial = direct_dial;
  calls_[id] = info;
  call_ids_.push_back(id);
}

void OutputTracker::NewDay() {
  recount_.NewDay();
  new_days_.push_back(log_.size());
}

Timestamp OutputTracker::WrapUpEnds(AgentId agent) const {
  auto it = wrap_until_.find(agent);
  return it != wrap_until_.end() ? it->second : Timestamp{};
}

void OutputTracker::Observe(const Output& out, Timestamp t, RealtimeStats& stats,
                            Coverage& coverage) {
  // Every offer command has its event and every cancel its offer.ended.
  std::multiset<std::tuple<std::uint64_t, std::uint32_t, int>> offers_cmd, offers_ev;
  std::multiset<std::pair<std::uint64_t, std::uint32_t>> cancels_cmd, ends_ev;
  ring_timeouts_.clear();
  wrap_ups_.clear();
  for (const auto& c : out.commands) {
    if (const auto* o = std::get_if<OfferCall>(&c)) {
      offers_cmd.emplace(o->call.value(), o->agent.value(), static_cast<int>(o->kind));
      ring_timeouts_[o->agent].push_back(o->ring_timeout);
    }
    if (const auto* w = std::get_if<StartWrapUp>(&c)) wrap_ups_[w->agent].push_back(w->duration);
    if (const auto* o = std::get_if<CancelOffer>(&c))
      cancels_cmd.emplace(o->call.value(), o->agent.value());
  }
  for (const auto& e : out.events) {
    if (const auto* o = std::get_if<CallOffered>(&e.body))
      offers_ev.emplace(o->call.value(), o->agent.value(), static_cast<int>(o->kind));
    if (const auto* o = std::get_if<OfferEnded>(&e.body))
      ends_ev.emplace(o->call.value(), o->agent.value());
  }
  REQUIRE(offers_cmd == offers_ev, "offer commands and call.offered events disagree");
  REQUIRE(cancels_cmd == ends_ev, "cancel-offer commands and offer.ended events disagree");

  std::optional<AgentId> expect_reserved;
  for (const Event& e : out.events) {
    REQUIRE(e.at <= t && e.at >= last_event_at_, "event {} at {} is out of order (last {}, now {})",
            Describe(e.body), Secs(e.at), Secs(last_event_at_), Secs(t));
    last_event_at_ = e.at;
    coverage.CountEvent(e.body);
    if (expect_reserved) {
      const auto* s = std::get_if<AgentStateChanged>(&e.body);
      REQUIRE(s && s->agent == *expect_reserved && s->from == AgentState::kReady &&
                  s->to == AgentState::kReserved,
              "call.offered to {} is not followed by its ready -> reserved change",
              N(*expect_reserved));
      expect_reserved.reset();
    }
    if (auto call = CallOf(e.body)) {
      auto it = calls_.find(*call);
      REQUIRE(it != calls_.end(), "event {} names a call that was never created", Describe(e.body));
      REQUIRE(it->second.ended == 0 || std::holds_alternative<CallHandled>(e.body),
              "event {} about a call that has ended", Describe(e.body));
    }
    Track(e, expect_reserved);
    recount_.Feed(e);
    stats.OnEvent(e);
    log_.push_back(e);
  }
  REQUIRE(!expect_reserved, "call.offered to {} is the last event", N(*expect_reserved));
}

void OutputTracker::Track(const Event& ev, std::optional<AgentId>& expect_reserved) {
  const Timestamp at = ev.at;
  std::visit(
      Overloaded{
          [&](const CallOffered& e) {
            const auto& a = recount_.agents[e.agent];
            REQUIRE(a.state == AgentState::kReady, "{} offered to {} who is {}", N(e.call),
                    N(e.agent), ToString(a.state));
            REQUIRE(!ringing_.contains(e.agent), "{} offered to {} who already rings", N(e.call),
                    N(e.agent));
            for (const auto& [agent, ring] : ringing_) {
              if (ring.call != e.call || ring.ended) continue;
              REQUIRE(ring.kind == OfferKind::kConsult || e.kind == OfferKind::kConsult,
                      "{} offered to {} while it rings at {}", N(e.call), N(e.agent), N(agent));
            }
            auto& rings = ring_timeouts_[e.agent];
            REQUIRE(!rings.empty(), "call.offered {} to {} without an offer command", N(e.call),
                    N(e.agent));
            ringing_[e.agent] = Ring{e.call, e.kind, at + rings.front(), false};
            rings.pop_front();
            expect_reserved = e.agent;
          },
          [&](const OfferEnded& e) {
            auto it = ringing_.find(e.agent);
            REQUIRE(it != ringing_.end() && it->second.call == e.call && !it->second.ended,
                    "offer.ended for {} at {} which was not ringing there", N(e.call), N(e.agent));
            it->second.ended = true;
            declined_[{e.call, e.agent}] = at;
          },
          [&](const AgentStateChanged& e) {
            if (e.from == AgentState::kReserved) {
              REQUIRE(ringing_.erase(e.agent) == 1, "{} leaves reserved without an offer",
                      N(e.agent));
            }
            if (e.to == AgentState::kReserved) {
              REQUIRE(ringing_.contains(e.agent), "{} reserved without an offer", N(e.agent));
            }
            if (e.to == AgentState::kWrapUp) {
              auto& wraps = wrap_ups_[e.agent];
              REQUIRE(!wraps.empty(), "{} in wrap-up without a start-wrap-up command", N(e.agent));
              wrap_until_[e.agent] = at + wraps.front();
              wraps.pop_front();
            }
          },
          [&](const CallAnswered& e) {
            auto it = ringing_.find(e.agent);
            REQUIRE(it != ringing_.end() && it->second.call == e.call && !it->second.ended &&
                        it->second.kind == OfferKind::kInbound,
                    "{} answered by {} where it was not ringing", N(e.call), N(e.agent));
            calls_[e.call].connected = true;
          },
          [&](const CallConnected& e) {
            calls_[e.call].connected = true;
            calls_[e.call].direct_dial = false;  // a live customer now; a later callback is queued
          },
          [&](const CallAbandoned& e) { calls_[e.call].abandoned = true; },
          [&](const CallRejected& e) { calls_[e.call].rejected = true; },
          [&](const CallbackOffered& e) { calls_[e.call].callback_offered = true; },
          [&](const CallOverflowed& e) { calls_[e.call].overflows++; },
          [&](const CallbackChosen& e) { calls_[e.call].callback = true; },
          [&](const CallTransferred& e) {
            if (e.kind == TransferKind::kQueue || e.kind == TransferKind::kTeamLead)
              declined_[{e.call, e.from_agent}] = at;
            if (e.kind == TransferKind::kExternal ||
                (e.kind == TransferKind::kConsult && !e.number.empty()))
              calls_[e.call].transferred_out = true;
          },
          [&](const CallRequeued& e) {
            declined_[{e.call, e.agent}] = at;
          },
          [&](const ConsultStarted& e) { ext_connected_.erase(e.call); },
          [&](const ConsultConnected& e) {
            if (!e.with_agent) ext_connected_.insert(e.call);
          },
          [&](const ConsultEnded& e) {
            if (e.outcome != ConsultOutcome::kConference) ext_connected_.erase(e.call);
          },
          [&](const CallEnded& e) {
            CallInfo& c = calls_[e.call];
            c.ended++;
            c.outcome = e.outcome;
            ext_connected_.erase(e.call);
            for (const auto& [agent, ring] : ringing_)
              REQUIRE(ring.call != e.call || ring.ended, "{} ended while ringing at {}", N(e.call),
                      N(agent));
          },
          [](const auto&) {},
      },
      ev.body);
}

}  // namespace cc::acd::random_test
