// What the randomized engine test learns from the engine's output, input by
// input, independently of the engine's own state: every call ever created and
// how it went, the offers ringing and when their ring timeouts end, when each
// wrap-up ends, when an agent let a caller go, which external consults
// answered, the whole event log and the recount of its figures. While
// following the output it checks that the stream is coherent: each offer
// command has its call.offered followed by the agent's ready -> reserved
// change, each cancel its offer.ended, events come in time order and name
// only calls that exist and have not ended.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "acd/engine.h"
#include "acd/realtime_stats.h"
#include "acd/testing/coverage.h"
#include "acd/testing/names.h"
#include "acd/testing/recount.h"

namespace cc::acd::random_test {

// What the test knows about a call: how it was created and what its events said.
struct CallInfo {
  CallAttributes attrs;
  bool callback = false;     // created as a callback or outbound call, or chose a callback
  bool direct_dial = false;  // originated for a named agent: never queued
  bool connected = false;    // answered or connected to an agent at some point
  bool abandoned = false;
  bool rejected = false;
  bool transferred_out = false;
  bool callback_offered = false;  // callback.offered seen
  int overflows = 0;
  int ended = 0;
  CallOutcome outcome = CallOutcome::kCompleted;
};

// An offer ringing at an agent, from its call.offered.
struct Ring {
  CallId call;
  OfferKind kind;
  Timestamp until;     // when the ring timeout ends it
  bool ended = false;  // offer.ended seen; the agent's state change follows
};

// The call an event is about, if any.
std::optional<CallId> CallOf(const EventBody& body);

class OutputTracker {
 public:
  // A call the test creates, with the attributes it gives it.
  void Register(CallId id, const CallAttributes& attrs, bool callback, bool direct_dial = false);
  // The caller chose a callback.
  void MarkCallbackRequested(CallId id) { calls_[id].callback = true; }
  // Folds the output of one input applied at `t` into what the test knows,
  // checking the stream; every event also goes to `stats` and `coverage`.
  void Observe(const Output& out, Timestamp t, RealtimeStats& stats, Coverage& coverage);
  // The engine started a new day: the recount starts today's counters afresh.
  void NewDay();

  const std::map<CallId, CallInfo>& calls() const { return calls_; }  // every call ever created
  const std::vector<CallId>& call_ids() const { return call_ids_; }
  const std::map<AgentId, Ring>& ringing() const { return ringing_; }  // live offers
  // When the agent's offer of the call ended or the agent passed the call on.
  const std::map<std::pair<CallId, AgentId>, Timestamp>& declined() const { return declined_; }
  // Calls whose external consult party answered.
  const std::set<CallId>& ext_connected() const { return ext_connected_; }
  // When the agent's last wrap-up ends.
  Timestamp WrapUpEnds(AgentId agent) const;
  const std::vector<Event>& log() const { return log_; }
  // new_days()[i]: the day started afresh before log()[new_days()[i]].
  const std::vector<std::size_t>& new_days() const { return new_days_; }
  Recount& recount() { return recount_; }
  const Recount& recount() const { return recount_; }

 private:
  void Track(const Event& ev, std::optional<AgentId>& expect_reserved);

  Recount recount_;
  Timestamp last_event_at_ = core::FromMillis(kStartMillis);
  std::map<CallId, CallInfo> calls_;
  std::vector<CallId> call_ids_;
  std::map<AgentId, Ring> ringing_;
  // The ring timeouts of this output's offer commands and the lengths of its
  // start-wrap-up commands, per agent, in order.
  std::map<AgentId, std::deque<Duration>> ring_timeouts_;
  std::map<AgentId, std::deque<Duration>> wrap_ups_;
  std::map<AgentId, Timestamp> wrap_until_;
  std::map<std::pair<CallId, AgentId>, Timestamp> declined_;
  std::set<CallId> ext_connected_;
  std::vector<Event> log_;
  std::vector<std::size_t> new_days_;
};

}  // namespace cc::acd::random_test
