// FUZZ_CHECK: a property every input must keep; a violation is reported like
// a crash (the message, then a trap that libFuzzer catches and saves).
#pragma once

#include <cstdio>

#define FUZZ_CHECK(condition)                                                                  \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__); \
      __builtin_trap();                                                                        \
    }                                                                                          \
  } while (false)
