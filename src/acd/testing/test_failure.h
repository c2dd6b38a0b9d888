// How the randomized engine test reports a broken invariant:
// REQUIRE(cond, format, args...) throws a TestFailure carrying the formatted
// message (formatted only when the condition fails); the run catches it and
// prints the seed with its last inputs.
#pragma once

#include <fmt/format.h>

#include <string>

namespace cc::acd::random_test {

struct TestFailure {
  std::string message;
};

}  // namespace cc::acd::random_test

#define REQUIRE(cond, ...)                                                            \
  do {                                                                                \
    if (!(cond)) throw ::cc::acd::random_test::TestFailure{fmt::format(__VA_ARGS__)}; \
  } while (0)
