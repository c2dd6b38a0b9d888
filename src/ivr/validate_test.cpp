#include "ivr/validate.h"

#include <gtest/gtest.h>

#include "ivr/test_menu.h"

namespace cc::ivr {
namespace {

ValidationContext Context() {
  ValidationContext c;
  c.queue_exists = [](core::QueueId q, core::TenantId t) { return t == core::TenantId(1) && q.value() >= 1 && q.value() <= 3; };
  c.zone_exists = [](const std::string& name) { return name == "Europe/Moscow"; };
  return c;
}

std::string Problem(const Menu& menu) {
  auto s = Validate(menu, Context());
  return s ? std::string("valid") : s.error().message;
}

TEST(IvrValidate, TheShopMenuIsValid) { EXPECT_EQ(Problem(testing::ShopMenu()), "valid"); }

TEST(IvrValidate, EveryKeyMustLeadSomewhere) {
  Menu m = testing::ShopMenu();
  m.nodes["main"].keys['3'] = testing::To(Action::Kind::kMenu, 0, "promotions");
  EXPECT_EQ(Problem(m), "node 'main', key 3 leads to the node 'promotions', which the menu does not have");
  m = testing::ShopMenu();
  m.nodes["delivery"].keys['1'].queue = core::QueueId(9);
  EXPECT_EQ(Problem(m), "node 'delivery', key 1 leads to queue 9, which tenant 1 does not have");
  m = testing::ShopMenu();
  m.tenant = core::TenantId(2);
  EXPECT_EQ(Problem(m), "the operator queue 1 is not a queue of tenant 2");
  m = testing::ShopMenu();
  m.nodes["delivery"].fallback = testing::To(Action::Kind::kMessage);
  EXPECT_EQ(Problem(m), "node 'delivery', fallback is a message with nothing to say");
}

TEST(IvrValidate, NoDeadEndsAndNoUnreachableNodes) {
  Menu m = testing::ShopMenu();
  m.nodes["empty"].say = "Nothing here.";
  m.nodes["main"].keys['5'] = testing::To(Action::Kind::kMenu, 0, "empty");
  EXPECT_EQ(Problem(m), "node 'empty' is a dead end: it has no keys");
  m = testing::ShopMenu();
  m.nodes["orphan"].say = "Nobody hears this.";
  m.nodes["orphan"].keys['1'] = testing::To(Action::Kind::kOperator);
  EXPECT_EQ(Problem(m), "node 'orphan' is never reached: no key leads to it from 'main'");
  m.start = "nowhere";
  EXPECT_EQ(Problem(m), "the start node 'nowhere' is not one of the menu's nodes");
}

TEST(IvrValidate, HoursNeedAnOutOfHoursActionAndAKnownZone) {
  Menu m = testing::ShopMenu();
  m.out_of_hours.reset();
  EXPECT_EQ(Problem(m), "the menu has business hours but no 'out_of_hours' action for the rest of the time");
  m = testing::ShopMenu();
  m.hours->time_zone = "Mars/Olympus";
  EXPECT_EQ(Problem(m), "'Mars/Olympus' is not a known time zone");
}

TEST(IvrValidate, NumbersMustBeDialableAndDistinct) {
  Menu m = testing::ShopMenu();
  m.numbers = {};
  EXPECT_EQ(Problem(m), "the menu needs at least one number that reaches it");
  m.numbers = {"200", "200"};
  EXPECT_EQ(Problem(m), "the number '200' is listed twice");
  m.numbers = {"sip:200"};
  EXPECT_EQ(Problem(m), "'sip:200' is not a number (digits, +, * and #, at most 32)");
}

}  // namespace
}  // namespace cc::ivr
