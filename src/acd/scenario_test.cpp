// The scenario language itself: failures name the line and show what happened.
#include "acd/scenario.h"

#include <gtest/gtest.h>

namespace cc::acd {
namespace {

TEST(Scenario, ReportsTheFailingLineAndWhatHappened) {
  Scenario s;
  auto status = s.Run("queue sales\ncall c1 arrives sales\nexpect offer c1 nobody\n");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("line 3"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("call.queued"), std::string::npos)
      << status.error().message;
}

TEST(Scenario, AnUncheckedErrorFailsTheScenario) {
  Scenario s;
  auto status = s.Run("queue sales\nnobody ready\n");
  ASSERT_FALSE(status);
  status = Scenario().Run("queue sales\ncall c1 arrives nowhere\nqueue other\n");
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().message.find("failed unexpectedly"), std::string::npos);
}

}  // namespace
}  // namespace cc::acd
