// The coverage report of the randomized engine test (CC_RANDOM_COVERAGE): how
// often each input was accepted or refused in each stage of the call or state
// of the agent it is about, and how often each event was seen. Counts nothing
// unless enabled.
// Thread-safety: none; one run uses it on one thread.
#pragma once

#include <map>
#include <string>

#include "acd/engine.h"

namespace cc::acd::random_test {

class Coverage {
 public:
  explicit Coverage(bool enabled) : enabled_(enabled) {}

  // The stage of the call or the state of the agent `input` is about, taken
  // before it is applied; empty when counting is off.
  std::string StateOf(const Engine& engine, const Input& input) const;
  // Counts `input`, accepted or refused, in `state` (from StateOf()).
  void CountInput(const Input& input, bool refused, const std::string& state);
  void CountEvent(const EventBody& body);

  const std::map<std::string, int>& counts() const { return counts_; }

 private:
  bool enabled_;
  std::map<std::string, int> counts_;
};

}  // namespace cc::acd::random_test
