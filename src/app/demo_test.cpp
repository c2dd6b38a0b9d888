#include "app/demo.h"

#include <gtest/gtest.h>

#include <sstream>

namespace cc::app {
namespace {

TEST(Demo, TheMorningRunsToTheEndAndShowsWhatHappened) {
  std::ostringstream out, err;
  ASSERT_EQ(RunDemo({}, out, err), 0) << err.str();
  const std::string text = out.str();
  for (const char* expected :
       {"call.abandoned call=c4", "call.transferred call=c1", "callback.chosen call=c5",
        "call.connected call=c5", "call.overflowed call=c6", "Queues at", "agent"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
  }
}

TEST(Demo, AMissingScriptFileIsAClearError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunDemo({.script_file = "/nonexistent/morning.scn"}, out, err), 1);
  EXPECT_NE(err.str().find("/nonexistent/morning.scn"), std::string::npos);
}

}  // namespace
}  // namespace cc::app
