#include "acd/testing/invariants.h"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <variant>
#include <vector>

#include "acd/testing/names.h"
#include "acd/testing/test_failure.h"

namespace cc::acd::random_test {
namespace {

bool Busy(AgentState s) {
  return s == AgentState::kReserved || s == AgentState::kOnCall || s == AgentState::kOnHold;
}

std::vector<SkillRequirement> Needs(const QueueConfig& q, const CallAttributes& attrs) {
  std::vector<SkillRequirement> needs = q.required_skills;
  for (const auto& r : attrs.required_skills) {
    auto it =
        std::find_if(needs.begin(), needs.end(), [&](const auto& n) { return n.skill == r.skill; });
    if (it == needs.end())
      needs.push_back(r);
    else
      it->min_level = std::max(it->min_level, r.min_level);
  }
  return needs;
}

int Level(const EngineHarness& harness, AgentId a, SkillId skill) {
  for (const auto& s : harness.agent_config(a).skills)
    if (s.skill == skill) return s.level;
  return 0;
}

}  // namespace

void CheckAfterInput(EngineHarness& harness) {
  const Engine& engine = harness.engine();
  OutputTracker& tracker = harness.tracker();
  Recount& recounted = tracker.recount();
  const RealtimeStats& realtime = harness.stats();
  const auto& ringing = tracker.ringing();
  const auto& tracked = tracker.calls();
  const auto& declined = tracker.declined();
  const Timestamp now = harness.now();

  const auto consistent = engine.CheckConsistency();
  REQUIRE(consistent, "CheckConsistency: {}",
          consistent ? std::string() : consistent.error().message);
  const auto agents = harness.Agents();
  const auto calls = harness.Calls();

  // Agents: state as the events tell it, offers, calls.
  for (const auto& [id, a] : agents) {
    auto r = recounted.agents.find(id);
    REQUIRE(r != recounted.agents.end(), "{} has no events", N(id));
    REQUIRE(r->second.state == a.state, "{} is {} but its events say {}", N(id), ToString(a.state),
            ToString(r->second.state));
    REQUIRE(r->second.reason == a.reason, "{} reason {} but its events say {}", N(id),
            ToString(a.reason), ToString(r->second.reason));
    REQUIRE(r->second.calls_today == a.calls_today, "{} calls today {} but its events say {}",
            N(id), a.calls_today, r->second.calls_today);
    const AgentStats* s = realtime.Agent(id);
    REQUIRE(s, "{} unknown to RealtimeStats", N(id));
    REQUIRE(s->state == a.state && s->reason == a.reason, "{} is {} but RealtimeStats says {}",
            N(id), ToString(a.state), ToString(s->state));
    REQUIRE(s->calls_handled == r->second.calls_handled, "{} calls handled: stats {} recount {}",
            N(id), s->calls_handled, r->second.calls_handled);
    REQUIRE(s->missed_offers == r->second.missed_offers, "{} missed offers: stats {} recount {}",
            N(id), s->missed_offers, r->second.missed_offers);
    REQUIRE(Busy(a.state) == a.call.has_value(), "{} is {} with call {}", N(id), ToString(a.state),
            a.call ? N(*a.call) : "-");
    REQUIRE(!a.pending || Busy(a.state) || a.state == AgentState::kWrapUp,
            "{} has a pending state while {}", N(id), ToString(a.state));
    auto ring = ringing.find(id);
    if (a.state == AgentState::kReserved) {
      REQUIRE(ring != ringing.end() && !ring->second.ended && ring->second.call == *a.call,
              "reserved {} has no live offer of {}", N(id), N(*a.call));
      auto c = calls.find(*a.call);
      REQUIRE(c != calls.end(), "reserved {} for {} which has ended", N(id), N(*a.call));
      const bool primary = c->second.stage == CallStage::kOffered && c->second.agent == id &&
                           ring->second.kind != OfferKind::kConsult;
      const bool consult = c->second.stage == CallStage::kConsulting &&
                           c->second.consult_agent == id &&
                           ring->second.kind == OfferKind::kConsult;
      REQUIRE(primary || consult, "reserved {} but {} is {}", N(id), N(*a.call),
              StageName(c->second.stage));
    } else {
      REQUIRE(ring == ringing.end(), "{} is {} with an offer of {} ringing", N(id),
              ToString(a.state), N(ring->second.call));
    }
  }

  // Calls: each agent holds at most one, and the stage matches the agents' states.
  std::map<AgentId, CallId> holder;
  auto hold = [&](AgentId agent, CallId call, std::initializer_list<AgentState> states) {
    auto a = agents.find(agent);
    REQUIRE(a != agents.end(), "{} names unknown {}", N(call), N(agent));
    REQUIRE(std::find(states.begin(), states.end(), a->second.state) != states.end(),
            "{} is {} but {} is {}", N(call), StageName(calls.at(call).stage), N(agent),
            ToString(a->second.state));
    REQUIRE(a->second.call == call, "{} names {} who is on {}", N(call), N(agent),
            a->second.call ? N(*a->second.call) : "nothing");
    auto [it, fresh] = holder.emplace(agent, call);
    REQUIRE(fresh, "{} holds two calls: {} and {}", N(agent), N(it->second), N(call));
  };
  std::map<QueueId, int> live;  // live callers waiting or ringing, per queue
  std::map<QueueId, int> callbacks;
  std::map<QueueId, Timestamp> oldest;
  for (const auto& [id, c] : calls) {
    REQUIRE(tracked.contains(id) && tracked.at(id).ended == 0, "{} is in the engine but ended",
            N(id));
    const bool consult_agent_allowed =
        c.stage == CallStage::kConsulting || c.stage == CallStage::kConference;
    REQUIRE(!c.consult_agent || consult_agent_allowed, "{} is {} with a consulted agent", N(id),
            StageName(c.stage));
    switch (c.stage) {
      case CallStage::kScheduled:
        REQUIRE(c.is_callback && !c.agent, "{} scheduled but not a callback", N(id));
        break;
      case CallStage::kQueued:
        REQUIRE(!c.agent, "queued {} names an agent", N(id));
        break;
      case CallStage::kOffered:
        hold(*c.agent, id, {AgentState::kReserved});
        break;
      case CallStage::kDialing:
        hold(*c.agent, id, {AgentState::kOnCall});
        break;
      case CallStage::kTalking:
        hold(*c.agent, id, {AgentState::kOnCall});
        break;
      case CallStage::kOnHold:
        hold(*c.agent, id, {AgentState::kOnHold});
        break;
      case CallStage::kConsulting:
        hold(*c.agent, id, {AgentState::kOnHold});
        if (c.consult_agent)
          hold(*c.consult_agent, id, {AgentState::kReserved, AgentState::kOnCall});
        break;
      case CallStage::kConference:
        hold(*c.agent, id, {AgentState::kOnCall});
        if (c.consult_agent) hold(*c.consult_agent, id, {AgentState::kOnCall});
        break;
    }
    const bool live_ringing = c.stage == CallStage::kOffered && ringing.contains(*c.agent) &&
                              ringing.at(*c.agent).kind == OfferKind::kInbound;
    if ((c.stage == CallStage::kQueued && !c.is_callback) || live_ringing) {
      live[c.queue]++;
      auto o = oldest.find(c.queue);
      if (o == oldest.end() || c.enqueued < o->second) oldest[c.queue] = c.enqueued;
    }
    const bool pending_callback = c.stage == CallStage::kQueued || c.stage == CallStage::kOffered ||
                                  c.stage == CallStage::kDialing;
    if (c.is_callback && pending_callback && !tracked.at(id).direct_dial) callbacks[c.queue]++;
  }

  // Queues: waiting lists, the realtime figures, idle agents.
  for (QueueId q : engine.QueueIds()) {
    for (CallId id : engine.Waiting(q)) {
      auto c = calls.find(id);
      REQUIRE(c != calls.end() && c->second.stage == CallStage::kQueued && c->second.queue == q,
              "{} listed as waiting in {} but is not queued there", N(id), N(q));
    }
    const QueueStats* s = realtime.Queue(q);
    REQUIRE(s, "{} unknown to RealtimeStats", N(q));
    const Recount::Queue& r = recounted.queues[q];
    auto same = [&](const char* what, auto stats, auto recount,
                    const char* source = "RealtimeStats") {
      REQUIRE(stats == recount, "{} {}: {} says {} but the recount of the events {}", N(q), what,
              source, stats, recount);
    };
    same("waiting", s->waiting, r.waiting);
    same("waiting", live[q], r.waiting, "the engine");
    same("callbacks waiting", s->callbacks_waiting, r.callbacks_waiting);
    same("callbacks waiting", callbacks[q], r.callbacks_waiting, "the engine");
    same("offered", s->offered, r.offered);
    same("answered", s->answered, r.answered);
    same("answered within SL", s->answered_within_sl, r.answered_within_sl);
    same("abandoned", s->abandoned, r.abandoned);
    same("short abandoned", s->short_abandoned, r.short_abandoned);
    same("overflowed out", s->overflowed_out, r.overflowed_out);
    same("callbacks requested", s->callbacks_requested, r.callbacks_requested);
    same("rejected", s->rejected, r.rejected);
    same("handled", s->handled, r.handled);
    same("answer wait total (ms)", s->answer_wait_total.count(), r.answer_wait_total.count());
    same("handle time total (ms)", s->handle_time_total.count(), r.handle_time_total.count());
    const auto by_state = recounted.AgentsByState(q);
    for (std::size_t i = 0; i < by_state.size(); ++i)
      REQUIRE(s->agents_by_state[i] == by_state[i], "{} agents {}: RealtimeStats {} but recount {}",
              N(q), ToString(static_cast<AgentState>(i)), s->agents_by_state[i], by_state[i]);
    const Duration longest = oldest.contains(q) ? now - oldest[q] : Duration{};
    // RealtimeStats' longest wait against the engine's own view.
    same("longest wait (ms)", realtime.LongestWait(q, now).count(), longest.count());

    const QueueConfig* cfg = engine.Queue(q);
    for (CallId id : engine.Waiting(q)) {
      const CallView& c = calls.at(id);
      const CallInfo& info = tracked.at(id);
      // No ready agent idles while a caller they can take waits: a member of the
      // queue, with the skills the caller needs (as relaxed by the wait so far),
      // not passed over for this caller within the re-offer delay.
      const auto needs = Needs(*cfg, info.attrs);
      int relaxed = 11;
      for (const auto& relax : cfg->relaxations)
        if (c.enqueued + relax.after <= now) relaxed = relax.min_level;
      for (const auto& [aid, a] : agents) {
        if (a.state != AgentState::kReady || !harness.IsMember(aid, q)) continue;
        auto d = declined.find({id, aid});
        if (d != declined.end() && now < d->second + harness.config().reoffer_delay) continue;
        bool eligible = true;
        for (const auto& n : needs)
          if (Level(harness, aid, n.skill) < std::min(n.min_level, relaxed)) eligible = false;
        REQUIRE(!eligible, "{} is ready in {} while {} waits there (needs {}, relaxed to {})",
                N(aid), N(q), N(id), Skills(needs), relaxed);
      }
      // A live caller does not wait past the queue's maximum wait (unless the
      // queue changed during the visit, or the caller has used up its overflows).
      const bool same_config = harness.QueueChangedAt(q) < c.enqueued;
      if (!c.is_callback && same_config && cfg->max_wait.count() > 0 &&
          now >= c.enqueued + cfg->max_wait) {
        if (cfg->overflow.kind == OverflowKind::kQueue)
          REQUIRE(info.overflows >= harness.config().max_overflow_hops,
                  "{} waited past the maximum wait in {}", N(id), N(q));
        if (cfg->overflow.kind == OverflowKind::kCallbackOffer)
          REQUIRE(info.callback_offered,
                  "{} waited past the maximum wait in {} without a callback offer", N(id), N(q));
      }
    }
  }

  // Offers and wrap-ups end on time.
  for (const auto& [aid, ring] : ringing)
    REQUIRE(now < ring.until, "the offer of {} at {} rings past its timeout ({})", N(ring.call),
            N(aid), Secs(ring.until));
  for (const auto& [aid, a] : agents)
    if (a.state == AgentState::kWrapUp)
      REQUIRE(now < tracker.WrapUpEnds(aid), "{} is in wrap-up past its end ({})", N(aid),
              Secs(tracker.WrapUpEnds(aid)));
}

QueueBeforeArrival BeforeArrival(const EngineHarness& harness, QueueId q) {
  const Engine& engine = harness.engine();
  QueueBeforeArrival before{*engine.Queue(q), 0, 0};
  for (CallId w : engine.Waiting(q)) before.queued += !engine.Call(w)->is_callback;
  for (const auto& [aid, ac] : harness.agent_configs())
    before.logged_in +=
        harness.IsMember(aid, q) && engine.Agent(aid)->state != AgentState::kLoggedOut;
  return before;
}

void CheckArrival(CallId id, QueueId q, const QueueBeforeArrival& before, const Output& out) {
  const QueueConfig& cfg = before.config;
  const int queued = before.queued;
  const int logged_in = before.logged_in;
  bool rejected = false, full_overflow = false, nobody_overflow = false, callback_offer = false;
  for (const auto& e : out.events) {
    if (CallOf(e.body) != id) continue;
    if (std::holds_alternative<CallRejected>(e.body)) rejected = true;
    if (const auto* o = std::get_if<CallOverflowed>(&e.body)) {
      full_overflow |= o->reason == OverflowReason::kQueueFull;
      nobody_overflow |= o->reason == OverflowReason::kNoAgents;
    }
    if (std::holds_alternative<CallbackOffered>(e.body)) callback_offer = true;
  }
  const bool full = cfg.max_callers > 0 && queued >= cfg.max_callers;
  const bool to_queue = cfg.overflow.kind == OverflowKind::kQueue;
  REQUIRE(full_overflow == (full && to_queue),
          "{} arriving in {} ({} of at most {} waiting): overflowed={}", N(id), N(q), queued,
          cfg.max_callers, full_overflow);
  REQUIRE(rejected == (full && !to_queue),
          "{} arriving in {} ({} of at most {} waiting): rejected={}", N(id), N(q), queued,
          cfg.max_callers, rejected);
  const bool nobody = !full && logged_in == 0;
  const bool want_overflow = nobody && cfg.when_no_agents == NoAgentsAction::kOverflow && to_queue;
  const bool want_offer = nobody && (cfg.when_no_agents == NoAgentsAction::kOfferCallback ||
                                     (cfg.when_no_agents == NoAgentsAction::kOverflow &&
                                      cfg.overflow.kind == OverflowKind::kCallbackOffer));
  REQUIRE(nobody_overflow == want_overflow,
          "{} arriving in {} with {} members logged in: overflowed={}", N(id), N(q), logged_in,
          nobody_overflow);
  REQUIRE(callback_offer == want_offer,
          "{} arriving in {} with {} members logged in: callback offered={}", N(id), N(q),
          logged_in, callback_offer);
}

void CheckEndOfRun(EngineHarness& harness) {
  Engine& engine = harness.engine();
  const OutputTracker& tracker = harness.tracker();
  const Recount& recounted = tracker.recount();
  const auto& ringing = tracker.ringing();
  const auto& tracked = tracker.calls();
  const auto& log = tracker.log();
  const auto& new_days = tracker.new_days();

  REQUIRE(engine.CallIds().empty(), "{} calls are left in the engine", engine.CallIds().size());
  for (const auto& [id, a] : harness.Agents()) {
    REQUIRE(a.state == AgentState::kReady || a.state == AgentState::kNotReady ||
                a.state == AgentState::kLoggedOut,
            "{} is left {}", N(id), ToString(a.state));
    REQUIRE(!a.call && !a.pending, "{} is left with a call or a pending state", N(id));
  }
  auto next = engine.NextDeadline();
  REQUIRE(!next, "a timer is still due at {} with nothing left", Secs(*next));
  REQUIRE(ringing.empty(), "an offer still rings");
  REQUIRE(recounted.open_visits.empty(), "{} queue visits never closed",
          recounted.open_visits.size());
  REQUIRE(recounted.open_callbacks.empty(), "{} callbacks never closed",
          recounted.open_callbacks.size());
  for (const auto& [id, c] : tracked) {
    REQUIRE(c.ended == 1, "{} ended {} times", N(id), c.ended);
    switch (c.outcome) {
      case CallOutcome::kCompleted:
        REQUIRE(c.connected, "{} completed without ever being answered", N(id));
        break;
      case CallOutcome::kAbandoned:
        REQUIRE(c.abandoned, "{} abandoned without a call.abandoned", N(id));
        break;
      case CallOutcome::kRejected:
        REQUIRE(c.rejected, "{} rejected without a call.rejected", N(id));
        break;
      case CallOutcome::kTransferredOut:
        REQUIRE(c.transferred_out, "{} transferred out without an external transfer", N(id));
        break;
      case CallOutcome::kCallbackFailed:
      case CallOutcome::kCallbackCancelled:
        REQUIRE(c.callback, "{} ended as a callback but never was one", N(id));
        break;
    }
    if (c.abandoned)
      REQUIRE(c.outcome == CallOutcome::kAbandoned, "{} abandoned but ended {}", N(id),
              ToString(c.outcome));
  }
  // The same figures folded again from the whole event log.
  Recount fresh;
  std::size_t day = 0;
  for (std::size_t i = 0; i < log.size(); ++i) {
    while (day < new_days.size() && new_days[day] == i) fresh.NewDay(), ++day;
    fresh.Feed(log[i]);
  }
  while (day < new_days.size()) fresh.NewDay(), ++day;
  REQUIRE(fresh == recounted, "folding the whole event log again gives different figures");
}

}  // namespace cc::acd::random_test
