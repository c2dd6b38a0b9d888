#include "centre/dial_plan.h"

#include <gtest/gtest.h>

namespace cc::centre {
namespace {

DialPlan Russia() {
  DialPlanRules rules;
  rules.allow = {"7*", "8800*"};
  return DialPlan::Make(rules).value();
}

TEST(DialPlan, AllowsWhatItListsAndRefusesTheRestByName) {
  const DialPlan plan = Russia();
  EXPECT_TRUE(plan.Permits("+7 (495) 123-45-67"));
  EXPECT_TRUE(plan.Permits("88001234567"));
  const auto abroad = plan.Permits("+44 20 7946 0000");
  ASSERT_FALSE(abroad);
  EXPECT_EQ(abroad.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(abroad.error().message, "the centre's dial plan does not allow calls to +44 20 7946 0000");
  EXPECT_FALSE(plan.Permits("8495"));  // a prefix of an allowed pattern is not enough
  EXPECT_EQ(plan.Permits("not a number").error().code, core::ErrorCode::kInvalidArgument);
}

TEST(DialPlan, EmergencyNumbersAreAlwaysAllowed) {
  DialPlanRules nothing;
  nothing.allow = {};
  const DialPlan plan = DialPlan::Make(nothing).value();
  EXPECT_TRUE(plan.Permits("112"));
  EXPECT_TRUE(plan.Permits("103"));
  EXPECT_FALSE(plan.Permits("1120"));
  EXPECT_FALSE(plan.Permits("74951234567"));
}

TEST(DialPlan, TheDefaultAllowsEverything) {
  EXPECT_TRUE(DialPlan().Permits("+1 212 555 0100"));
}

TEST(DialPlan, ChecksEveryInputThatDialsOut) {
  const DialPlan plan = Russia();
  const core::CallId call(5);
  EXPECT_FALSE(plan.Permits(acd::Input(acd::TransferExternal{call, "+441234567890"})));
  EXPECT_TRUE(plan.Permits(acd::Input(acd::TransferExternal{call, "112"})));
  acd::ConsultTarget outside{acd::ConsultTargetKind::kExternal, {}, {}, "0049301234567"};
  EXPECT_FALSE(plan.Permits(acd::Input(acd::StartConsult{call, outside})));
  acd::ConsultTarget colleague{acd::ConsultTargetKind::kAgent, core::AgentId(3), {}, {}};
  EXPECT_TRUE(plan.Permits(acd::Input(acd::StartConsult{call, colleague})));
  acd::ScheduleCallback callback;
  callback.call = call;
  callback.number = "+14155550100";
  EXPECT_FALSE(plan.Permits(acd::Input(callback)));
  EXPECT_TRUE(plan.Permits(acd::Input(acd::CallbackRequested{call, ""})));  // the caller's own number
  EXPECT_TRUE(plan.Permits(acd::Input(acd::HoldCall{call})));
}

TEST(DialPlan, BadPatternsAreRefused) {
  DialPlanRules rules;
  rules.allow = {"7*", "+7*"};
  EXPECT_FALSE(DialPlan::Make(rules));
  rules.allow = {"7**"};
  EXPECT_FALSE(DialPlan::Make(rules));
  rules.allow = {"7*"};
  rules.emergency = {"11*"};
  EXPECT_FALSE(DialPlan::Make(rules));
}

}  // namespace
}  // namespace cc::centre
