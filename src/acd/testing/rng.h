// The seeded randomness of one run of the randomized engine test. Every random
// choice of the run goes through one Rng in a fixed order, so a seed replays
// the same inputs.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace cc::acd::random_test {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : rng_(seed) {}

  // A number in [lo, hi].
  int Int(int lo, int hi) {
    return lo + static_cast<int>(rng_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // True with probability p.
  bool Chance(double p) { return static_cast<double>(rng_() % 1'000'000) < p * 1'000'000.0; }
  // One element of a non-empty vector.
  template <class T>
  T Pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(Int(0, static_cast<int>(v.size()) - 1))];
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace cc::acd::random_test
