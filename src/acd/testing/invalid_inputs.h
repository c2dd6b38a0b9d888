// The inputs of the randomized engine test that do not fit the engine's state
// and must be refused without changing anything: stale or misdirected offer
// answers, in-call operations on calls not connected to an agent, state
// changes that make no sense, ids already in use or never heard of, bad
// configurations, empty numbers, time going backwards.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include "acd/testing/engine_harness.h"
#include "acd/testing/rng.h"

namespace cc::acd::random_test {

class InvalidInputs {
 public:
  InvalidInputs(Rng& rng, EngineHarness& harness);

  // Applies one random input that does not fit the state; false when the
  // kind drawn happens to fit the state now (nothing applied).
  bool TryInvalid();
  // Applies an input that names an agent, a call or a queue the engine never heard of.
  bool UnknownIds();

 private:
  Rng& rng_;
  EngineHarness& harness_;
};

}  // namespace cc::acd::random_test
