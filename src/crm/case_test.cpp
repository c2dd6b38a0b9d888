#include "crm/case.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

const std::vector<CaseCategory> kCategories = {
    {core::TenantId(1), "quality", "Quality control", core::DepartmentId(4), 120},
    {core::TenantId(1), "management_request", "Management", core::DepartmentId(5), 24 * 60},
    {core::TenantId(2), "quality", "Other tenant's QC", core::DepartmentId(9), 60},
};

TEST(CaseRouting, CategoryGivesDepartmentAndDueTimeOfItsTenant) {
  CaseInput in;
  in.tenant = core::TenantId(1);
  in.category = "quality";
  const auto now = core::FromMillis(1'000'000);
  auto route = RouteCase(kCategories, in, now);
  ASSERT_TRUE(route);
  EXPECT_EQ(route->department, core::DepartmentId(4));
  EXPECT_EQ(route->due_at, now + std::chrono::minutes(120));
  in.tenant = core::TenantId(2);
  EXPECT_EQ(RouteCase(kCategories, in, now)->department, core::DepartmentId(9));
}

TEST(CaseRouting, UnknownCategoryListsTheKnownOnes) {
  CaseInput in;
  in.tenant = core::TenantId(1);
  in.category = "weather";
  auto route = RouteCase(kCategories, in, core::FromMillis(0));
  ASSERT_FALSE(route);
  EXPECT_EQ(route.error().message,
            "unknown case category \"weather\"; this tenant has: quality, management_request");
}

TEST(CaseEscalation, OnlyOpenWorkPastItsDueTimeAndOnlyOnce) {
  Case c;
  c.due_at = core::FromMillis(10'000);
  EXPECT_FALSE(NeedsEscalation(c, core::FromMillis(10'000)));
  EXPECT_TRUE(NeedsEscalation(c, core::FromMillis(10'001)));
  c.status = CaseStatus::kResolved;
  EXPECT_FALSE(NeedsEscalation(c, core::FromMillis(20'000)));
  c.status = CaseStatus::kInProgress;
  c.escalated_at = core::FromMillis(10'500);
  EXPECT_FALSE(NeedsEscalation(c, core::FromMillis(20'000)));
}

TEST(CaseStatusFlow, ResolvedMayReopenClosedIsFinal) {
  EXPECT_TRUE(CanMove(CaseStatus::kOpen, CaseStatus::kInProgress));
  EXPECT_TRUE(CanMove(CaseStatus::kOpen, CaseStatus::kResolved));
  EXPECT_TRUE(CanMove(CaseStatus::kResolved, CaseStatus::kClosed));
  EXPECT_TRUE(CanMove(CaseStatus::kResolved, CaseStatus::kInProgress));
  EXPECT_FALSE(CanMove(CaseStatus::kOpen, CaseStatus::kClosed));
  EXPECT_FALSE(CanMove(CaseStatus::kClosed, CaseStatus::kInProgress));
}

TEST(CaseInputJson, KindMustBeKnown) {
  auto in = CaseInputFromJson(nlohmann::json{{"tenant_id", 1}, {"kind", "praise"}, {"category", "q"}, {"summary", "x"}});
  ASSERT_FALSE(in);
  EXPECT_EQ(in.error().message,
            "unknown case kind \"praise\"; expected one of complaint, remark, suggestion, request");
}

}  // namespace
}  // namespace cc::crm
