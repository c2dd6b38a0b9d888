// Play(script): runs a scenario (docs/scenarios.md) inside a GoogleTest test
// and fails the test with the scenario's own message, which names the line.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "acd/scenario.h"

namespace cc::acd {

inline void Play(std::string_view script, EngineConfig config = {}) {
  Scenario s(config);
  auto status = s.Run(script);
  ASSERT_TRUE(status) << status.error().message;
}

}  // namespace cc::acd
