// The invariants of the randomized engine test, held against the engine, the
// test's own model of its output (OutputTracker, Recount) and RealtimeStats:
// after every input, after every arrival, and at the end of a run. A broken
// invariant throws TestFailure.
// Thread-safety: none; one run uses them on one thread.
#pragma once

#include "acd/engine.h"
#include "acd/testing/engine_harness.h"

namespace cc::acd::random_test {

// After every input:
//  - the engine's own consistency check passes;
//  - agents are in the states their events tell, and RealtimeStats agrees;
//  - a caller rings at one agent at a time (consults aside), an agent holds
//    at most one call, each call's stage matches its agents' states, and
//    every reserved agent has exactly one live offer;
//  - each queue's figures in RealtimeStats agree with the recount of the
//    events and with the engine's own view;
//  - no ready agent idles while a caller they can take waits (a member of
//    the queue, with the skills the caller needs as relaxed by the wait so
//    far, not passed over for that caller within the re-offer delay);
//  - live callers do not wait past the queue's maximum wait;
//  - offers end by their ring timeout and wrap-ups by their length.
// A queue the recount has not met yet enters it with zero figures, hence the
// mutable harness.
void CheckAfterInput(EngineHarness& harness);

// What an arriving caller meets in a queue, taken just before the arrival.
struct QueueBeforeArrival {
  QueueConfig config;
  int queued = 0;     // live callers queued (not ringing)
  int logged_in = 0;  // members logged in
};
QueueBeforeArrival BeforeArrival(const EngineHarness& harness, QueueId q);

// After caller `id` arrived in queue `q` with output `out`: a full queue
// overflows or refuses the caller; a queue nobody is logged in to overflows
// or offers a callback as configured; otherwise the caller stays.
void CheckArrival(CallId id, QueueId q, const QueueBeforeArrival& before, const Output& out);

// At the end of a run, after every call was ended and the timers ran out:
// nothing is left in the engine, every call ended exactly once with an outcome
// its events explain, every queue visit closed, and folding the whole event
// log again gives the same figures.
void CheckEndOfRun(EngineHarness& harness);

}  // namespace cc::acd::random_test
