#include "app/sip_world.h"

#include <gtest/gtest.h>

namespace cc::app {
namespace {

centre::CentreSetup TwoLines() {
  centre::CentreSetup setup;
  centre::QueueSetup sales;
  sales.numbers = {"74951234567", "100"};
  centre::QueueSetup service;
  service.numbers = {"+7 (495) 765-43-21"};
  setup.queues = {sales, service};
  return setup;
}

TEST(RouteNumber, AnExactNumberIsItself) {
  EXPECT_EQ(RouteNumber(TwoLines(), "100"), "100");
  EXPECT_EQ(RouteNumber(TwoLines(), "74951234567"), "74951234567");
}

TEST(RouteNumber, ATrunksSpellingFindsTheQueuesNumberByItsDigits) {
  EXPECT_EQ(RouteNumber(TwoLines(), "+74951234567"), "74951234567");
  EXPECT_EQ(RouteNumber(TwoLines(), "+7-495-123-45-67"), "74951234567");
  EXPECT_EQ(RouteNumber(TwoLines(), "74957654321"), "+7 (495) 765-43-21");
}

TEST(RouteNumber, AnUnknownOrEmptyNumberReachesNoQueue) {
  EXPECT_EQ(RouteNumber(TwoLines(), "74950000000"), std::nullopt);
  EXPECT_EQ(RouteNumber(TwoLines(), "1000"), std::nullopt);
  EXPECT_EQ(RouteNumber(TwoLines(), "+"), std::nullopt);
  EXPECT_EQ(RouteNumber(TwoLines(), ""), std::nullopt);
}

}  // namespace
}  // namespace cc::app
