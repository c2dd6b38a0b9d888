#include "crm/handoff.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

ManagerProfile M(std::uint32_t id, std::vector<std::string> regions, int open, std::int64_t last_ms = 0) {
  ManagerProfile m;
  m.user = core::UserId(id);
  m.regions = std::move(regions);
  m.open_orders = open;
  m.last_assigned = core::FromMillis(last_ms);
  return m;
}

TEST(HandOff, RegionFirstThenLeastLoaded) {
  const std::vector<ManagerProfile> managers = {M(1, {"Москва"}, 5), M(2, {"Москва"}, 2), M(3, {"СПб"}, 0)};
  auto choice = ChooseManager(managers, "москва", {});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->manager, core::UserId(2));
  EXPECT_NE(choice->reason.find("2 open orders"), std::string::npos);
}

TEST(HandOff, EqualLoadGoesRoundRobinByLastAssignment) {
  const std::vector<ManagerProfile> managers = {M(1, {}, 1, 5000), M(2, {}, 1, 1000), M(3, {}, 1, 3000)};
  EXPECT_EQ(ChooseManager(managers, "", {})->manager, core::UserId(2));
}

TEST(HandOff, CategoriesLimitWhoFits) {
  std::vector<ManagerProfile> managers = {M(1, {}, 0), M(2, {}, 3)};
  managers[0].categories = {CategoryId(10)};
  EXPECT_EQ(ChooseManager(managers, "", {CategoryId(20)})->manager, core::UserId(2));
  EXPECT_EQ(ChooseManager(managers, "", {CategoryId(10), CategoryId(20)})->manager, core::UserId(1));
}

TEST(HandOff, NobodyFitsFallsBackToAnyActiveManagerAndSaysSo) {
  std::vector<ManagerProfile> managers = {M(1, {"СПб"}, 4), M(2, {"Казань"}, 1), M(3, {}, 0)};
  managers[2].active = false;
  auto choice = ChooseManager(managers, "Москва", {});
  ASSERT_TRUE(choice);
  EXPECT_EQ(choice->manager, core::UserId(2));
  EXPECT_NE(choice->reason.find("no manager covers region"), std::string::npos);
}

TEST(HandOff, NoActiveManagerNoChoice) {
  std::vector<ManagerProfile> managers = {M(1, {}, 0)};
  managers[0].active = false;
  EXPECT_FALSE(ChooseManager(managers, "", {}));
  EXPECT_FALSE(ChooseManager({}, "", {}));
}

}  // namespace
}  // namespace cc::crm
