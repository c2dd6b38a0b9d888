#include "ivr/walk.h"

#include <gtest/gtest.h>

#include "ivr/test_menu.h"

namespace cc::ivr {
namespace {

std::shared_ptr<const Menu> Shop() { return std::make_shared<Menu>(testing::ShopMenu()); }

TEST(IvrWalk, AKeyLeadsToItsQueueWithTheTopic) {
  Walk walk(Shop(), true);
  Step s = walk.Start();
  EXPECT_EQ(s.then, Step::Then::kListen);
  ASSERT_EQ(s.say.size(), 1u);
  EXPECT_EQ(s.say[0], testing::ShopMenu().nodes.at("main").say);
  EXPECT_EQ(s.timeout, core::Seconds(5));
  auto next = walk.OnKey('1');
  ASSERT_TRUE(next);
  EXPECT_EQ(next->then, Step::Then::kQueue);
  EXPECT_EQ(next->queue, core::QueueId(2));
  EXPECT_EQ(next->topic, "Orders");
  EXPECT_TRUE(walk.finished());
  EXPECT_EQ(walk.keys(), "1");
  EXPECT_FALSE(walk.OnKey('1'));
  EXPECT_FALSE(walk.OnTimeout());
}

TEST(IvrWalk, ASubmenuJoinsTheTopicsOnTheWay) {
  Walk walk(Shop(), true);
  walk.Start();
  auto sub = walk.OnKey('2');
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->then, Step::Then::kListen);
  EXPECT_EQ(walk.node(), "delivery");
  auto done = walk.OnKey('1');
  ASSERT_TRUE(done);
  EXPECT_EQ(done->queue, core::QueueId(3));
  EXPECT_EQ(done->topic, "Delivery / Status");
  EXPECT_EQ(walk.keys(), "21");
}

TEST(IvrWalk, BackToTheMainMenuAndOnToTheOperator) {
  Walk walk(Shop(), true);
  walk.Start();
  walk.OnKey('2');
  auto back = walk.OnKey('9');
  ASSERT_TRUE(back);
  EXPECT_EQ(back->then, Step::Then::kListen);
  EXPECT_EQ(walk.node(), "main");
  auto op = walk.OnKey('0');
  ASSERT_TRUE(op);
  EXPECT_EQ(op->then, Step::Then::kQueue);
  EXPECT_EQ(op->queue, core::QueueId(1));
}

TEST(IvrWalk, AWrongKeyIsExplainedAndTheMenuRepeatedThenTheFallback) {
  Walk walk(Shop(), true);
  walk.Start();
  auto again = walk.OnKey('7');
  ASSERT_TRUE(again);
  EXPECT_EQ(again->then, Step::Then::kListen);
  ASSERT_EQ(again->say.size(), 2u);
  EXPECT_EQ(again->say[0], DefaultInvalidSay("en"));
  EXPECT_EQ(walk.keys(), "");
  auto fallback = walk.OnKey('7');  // main has one retry, no fallback: the operator
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->then, Step::Then::kQueue);
  EXPECT_EQ(fallback->queue, core::QueueId(1));
}

TEST(IvrWalk, SilenceAsksAgainThenTakesTheNodesFallback) {
  Walk walk(Shop(), true);
  walk.Start();
  walk.OnKey('2');  // delivery: 2 retries, fallback queue 3
  for (int i = 0; i < 2; ++i) {
    auto again = walk.OnTimeout();
    ASSERT_TRUE(again);
    EXPECT_EQ(again->then, Step::Then::kListen) << i;
    EXPECT_EQ(again->say, std::vector<std::string>{testing::ShopMenu().nodes.at("delivery").say});
  }
  auto fallback = walk.OnTimeout();
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->then, Step::Then::kQueue);
  EXPECT_EQ(fallback->queue, core::QueueId(3));
  EXPECT_EQ(fallback->topic, "Delivery");
}

TEST(IvrWalk, ACallbackSaysItsWordsAndAsksForTheCallback) {
  Walk walk(Shop(), true);
  walk.Start();
  walk.OnKey('2');
  auto cb = walk.OnKey('2');
  ASSERT_TRUE(cb);
  EXPECT_EQ(cb->then, Step::Then::kCallback);
  EXPECT_EQ(cb->queue, core::QueueId(3));
  EXPECT_EQ(cb->say, std::vector<std::string>{"We will call you back."});
}

TEST(IvrWalk, OutOfHoursTheCallerHearsTheMessageAndIsLetGo) {
  Walk walk(Shop(), false);
  Step s = walk.Start();
  EXPECT_EQ(s.then, Step::Then::kHangUp);
  EXPECT_EQ(s.say, std::vector<std::string>{testing::ShopMenu().out_of_hours->say});
  EXPECT_TRUE(walk.finished());
}

TEST(IvrWalk, WithoutHoursAClosedFlagIsIgnored) {
  Menu menu = testing::ShopMenu();
  menu.hours.reset();
  menu.out_of_hours.reset();
  Walk walk(std::make_shared<Menu>(menu), false);
  EXPECT_EQ(walk.Start().then, Step::Then::kListen);
}

TEST(IvrWalk, FallbacksThatLoopBetweenMenusEndAtTheOperator) {
  Menu m = testing::ShopMenu();
  m.nodes["main"].fallback = testing::To(Action::Kind::kMenu, 0, "delivery");
  m.nodes["delivery"].fallback = testing::To(Action::Kind::kMenu, 0, "main");
  Walk walk(std::make_shared<Menu>(m), true);
  walk.Start();
  int silences = 0;
  std::optional<Step> step;
  do {
    step = walk.OnTimeout();
    ASSERT_TRUE(step);
    ++silences;
  } while (step->then == Step::Then::kListen && silences < 100);
  EXPECT_EQ(silences, kMaxMisses);
  EXPECT_EQ(step->then, Step::Then::kQueue);
  EXPECT_EQ(step->queue, core::QueueId(1));
}

}  // namespace
}  // namespace cc::ivr
