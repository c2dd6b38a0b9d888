// Randomized property test of the ACD engine: thousands of seeded random
// sequences of inputs (callers hanging up at every stage, agents going
// not-ready mid-offer, offers expiring, transfers, consults, callbacks,
// outbound calls, skills and memberships changing) with invariants checked
// after every input:
//
//  - the engine's own consistency check passes;
//  - a caller rings at one agent at a time (consults aside), an agent holds
//    at most one call, an agent is only ever offered a call when ready, and
//    every reserved agent has exactly one live offer;
//  - no ready agent idles while a caller they can take waits (a member of
//    the queue, with the skills the caller needs as relaxed by the wait so
//    far, not passed over for that caller within the re-offer delay);
//  - offers end by their ring timeout and wrap-ups by their length; live
//    callers do not wait past the queue's maximum wait; arrivals at a full
//    queue or one nobody is logged in to are handled as configured;
//  - an input that does not fit the state is refused and changes nothing;
//  - RealtimeStats fed with the events agrees with an independent recount
//    of the same events (docs/kpi.md) and with the engine's own view, and
//    every visit's wait runs from its call.queued;
//  - at the end every call has ended exactly once, every queue visit closed
//    with exactly one outcome, and nothing is left in the engine.
//
// Environment:
//   CC_RANDOM_SEEDS=N   run seeds 1..N (default: see DefaultSeeds())
//   CC_RANDOM_SEED=S    run only seed S (to reproduce a failure)
//   CC_RANDOM_COVERAGE  print how often each input met each call stage / agent state
// A failure prints the seed and the last inputs with their commands and events.
//
// The pieces live in acd/testing/: the random centre (random_centre.h) and
// inputs (random_inputs.h, invalid_inputs.h), the engine with what watches it
// (engine_harness.h, output_tracker.h, recount.h), the invariants
// (invariants.h), and the failure and coverage reports (input_history.h,
// coverage.h). This file runs the seeds.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>

#include "acd/testing/engine_harness.h"
#include "acd/testing/invalid_inputs.h"
#include "acd/testing/invariants.h"
#include "acd/testing/random_centre.h"
#include "acd/testing/random_inputs.h"
#include "acd/testing/rng.h"
#include "acd/testing/test_failure.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#include <sanitizer/common_interface_defs.h>
#endif

namespace cc::acd::random_test {
namespace {

int DefaultSeeds() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 300;
#elif !defined(NDEBUG)
  return 500;
#else
  return 2500;
#endif
}

// One seed: a random centre, 200-400 random steps, then the end of the day.
class RandomRun {
 public:
  RandomRun(std::uint64_t seed, bool coverage)
      : seed_(seed),
        rng_(seed),
        harness_(coverage),
        centre_(rng_, harness_),
        invalid_(rng_, harness_),
        inputs_(rng_, harness_, centre_, invalid_) {}

  // Returns a failure report, or nothing when every invariant held.
  std::optional<std::string> Execute() {
    try {
      centre_.Setup();
      const int steps = rng_.Int(200, 400);
      for (int i = 0; i < steps; ++i) inputs_.RandomStep();
      inputs_.Drain();
      CheckEndOfRun(harness_);
    } catch (const TestFailure& f) {
      return harness_.FailureReport(seed_, f.message);
    }
    return std::nullopt;
  }

  int applied() const { return harness_.applied(); }
  const std::map<std::string, int>& coverage() const { return harness_.coverage().counts(); }

 private:
  std::uint64_t seed_;
  Rng rng_;
  EngineHarness harness_;
  RandomCentre centre_;
  InvalidInputs invalid_;
  RandomInputs inputs_;
};

// A crash inside the engine still names the seed that caused it.
volatile std::uint64_t g_current_seed = 0;

void PrintCrashedSeed() {
  char buf[128];
  const int n =
      std::snprintf(buf, sizeof buf,
                    "\nthe random test crashed in seed %llu (reproduce with CC_RANDOM_SEED=%llu)\n",
                    static_cast<unsigned long long>(g_current_seed),
                    static_cast<unsigned long long>(g_current_seed));
  if (n > 0) std::fwrite(buf, 1, static_cast<std::size_t>(n), stderr);
}

extern "C" void OnFatalSignal(int sig) {
  PrintCrashedSeed();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void InstallCrashReport() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  __sanitizer_set_death_callback(PrintCrashedSeed);
#else
  for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGBUS}) std::signal(sig, OnFatalSignal);
#endif
}

int EnvInt(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (!v || !*v) return fallback;
  return std::atoi(v);
}

TEST(EngineRandom, InvariantsHoldForSeededRandomSequences) {
  std::uint64_t first = 1;
  std::uint64_t last = static_cast<std::uint64_t>(EnvInt("CC_RANDOM_SEEDS", DefaultSeeds()));
  if (const int only = EnvInt("CC_RANDOM_SEED", 0); only > 0)
    first = last = static_cast<std::uint64_t>(only);
  const auto started = std::chrono::steady_clock::now();
  std::map<std::string, int> coverage;
  const bool show_coverage = std::getenv("CC_RANDOM_COVERAGE") != nullptr;
  long inputs = 0;
  int failures = 0;
  InstallCrashReport();
  for (std::uint64_t seed = first; seed <= last; ++seed) {
    g_current_seed = seed;
    RandomRun run(seed, show_coverage);
    if (auto report = run.Execute()) {
      ADD_FAILURE() << *report;
      if (++failures >= 3) break;
    }
    inputs += run.applied();
    for (const auto& [k, v] : run.coverage()) coverage[k] += v;
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("seeds %llu..%llu, %ld inputs in %.1f s\n", static_cast<unsigned long long>(first),
              static_cast<unsigned long long>(last), inputs, secs);
  if (show_coverage)
    for (const auto& [k, v] : coverage) std::printf("  %-60s %d\n", k.c_str(), v);
}

}  // namespace
}  // namespace cc::acd::random_test
