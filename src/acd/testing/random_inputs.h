// The random inputs of the randomized engine test that fit the engine's
// state: time passing, callers arriving and hanging up at every stage,
// agents answering, rejecting or letting offers ring, changing state
// mid-offer or mid-call, holds, transfers, consults, callbacks, outbound
// calls, skills, memberships and queues changing, a new day; now and then an
// input that does not fit (InvalidInputs). Drain() ends the day.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include "acd/testing/engine_harness.h"
#include "acd/testing/invalid_inputs.h"
#include "acd/testing/random_centre.h"
#include "acd/testing/rng.h"

namespace cc::acd::random_test {

class RandomInputs {
 public:
  RandomInputs(Rng& rng, EngineHarness& harness, RandomCentre& centre, InvalidInputs& invalid);

  // Applies one random step: maybe time passing, maybe an input that does not
  // fit the state, then one that does.
  void RandomStep();
  // Ends every call, finishes every wrap-up and runs the timers out.
  void Drain();

 private:
  void AdvanceTime();
  // Each applies an input of its kind and returns true, or returns false when
  // the state offers nothing to apply it to.
  bool TryAction();
  bool Arrive();
  bool CallerHangsUp();
  bool AnswerOrReject();
  bool ChangeAgentState();
  bool FinishWrapUp();
  bool HoldOrResume();
  bool Transfer();
  bool Consult();
  bool ConsultProgress();
  bool AgentHangsUpNow();
  bool RequestCallback();
  bool Schedule();
  bool Cancel();
  bool Originate();
  bool OriginateResult();
  bool ChangeAgentConfig();
  bool ChangeQueueConfig();
  bool NewDayNow();

  Rng& rng_;
  EngineHarness& harness_;
  RandomCentre& centre_;
  InvalidInputs& invalid_;
};

}  // namespace cc::acd::random_test
