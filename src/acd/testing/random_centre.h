// The random contact centre of one run of the randomized engine test: the
// engine's settings; 2-4 queues (routing policy, skills and their relaxation,
// overflow, maximum wait, what to do when nobody is logged in, wrap-up, ring
// timeout, size limit); 3-8 agents with random skills and memberships, logged
// in and ready at random; and the random configurations and caller
// attributes used when they change or arrive mid-run.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <vector>

#include "acd/engine.h"
#include "acd/testing/engine_harness.h"
#include "acd/testing/rng.h"

namespace cc::acd::random_test {

class RandomCentre {
 public:
  RandomCentre(Rng& rng, EngineHarness& harness);

  // Starts the engine and applies the centre's configuration and first agent states.
  void Setup();
  // A queue that may overflow to one of `overflow_to`.
  QueueConfig RandomQueue(QueueId id, const std::vector<QueueId>& overflow_to);
  // An agent of the queues the engine has now.
  AgentConfig RandomAgent(AgentId id);
  CallAttributes RandomAttributes(CallId id, bool allow_skills);

 private:
  Rng& rng_;
  EngineHarness& harness_;
};

}  // namespace cc::acd::random_test
