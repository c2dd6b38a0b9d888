// The centre's directory on storage, on SQLite and (as pg.*) on PostgreSQL:
// queues with their numbers, skills, agents' routing profiles and codes come
// back as saved, also after reopening; bad references are refused.
#include "centre/centre_repository.h"

#include <gtest/gtest.h>

#include "storage/testing/test_database.h"

namespace cc::centre {
namespace {

class CentreRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto test = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(test) << test.error().message;
    test_ = std::move(*test);
    Migrate();
  }
  void Migrate() { ASSERT_TRUE(test_->db().Migrate({CentreRepository::Migration(1)})); }
  CentreRepository Repo() { return CentreRepository(test_->db()); }

  std::unique_ptr<storage::testing::TestDatabase> test_;
};

TEST_F(CentreRepositoryTest, QueuesKeepTheirSettingsAndNumbers) {
  auto repo = Repo();
  QueueSetup sales;
  sales.config.tenant = core::TenantId(1);
  sales.config.name = "Продажи";
  sales.config.priority = 2;
  sales.config.sl_threshold = core::Seconds(15);
  sales.config.sl_target_percent = 90;
  sales.numbers = {"+74951234567", "+74957654321"};
  auto saved = repo.SaveQueue(sales);
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_NE(saved->config.id.value(), 0u);

  ASSERT_TRUE(test_->Reopen());
  Migrate();
  auto reopened = Repo();
  auto found = reopened.FindQueue(saved->config.id);
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->config.name, "Продажи");
  EXPECT_EQ((*found)->config.priority, 2);
  EXPECT_EQ((*found)->config.sl_threshold, core::Seconds(15));
  EXPECT_EQ((*found)->config.sl_target_percent, 90);
  EXPECT_EQ((*found)->numbers, sales.numbers);
  auto all = reopened.Queues();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
  auto missing = reopened.FindQueue(core::QueueId(999));
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
}

TEST_F(CentreRepositoryTest, SkillsProfilesAndCodes) {
  auto repo = Repo();
  auto english = repo.AddSkill(core::TenantId(1), "english");
  ASSERT_TRUE(english) << english.error().message;
  auto again = repo.AddSkill(core::TenantId(1), "english");
  EXPECT_FALSE(again.has_value()) << "a tenant's skill names are unique";
  auto skills = repo.Skills();
  ASSERT_TRUE(skills);
  ASSERT_EQ(skills->size(), 1u);
  EXPECT_EQ(skills->front().name, "english");

  acd::AgentConfig profile;
  profile.id = core::AgentId(7);
  profile.tenant = core::TenantId(1);
  profile.name = "Анна";
  profile.skills = {{english->id, 3}};
  profile.queues = {{core::QueueId(1), 2}};
  ASSERT_TRUE(repo.SaveProfile(core::UserId(7), profile));
  auto loaded = repo.Profile(core::UserId(7));
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->skills, profile.skills);
  ASSERT_EQ((*loaded)->queues.size(), 1u);
  EXPECT_EQ((*loaded)->queues.front().tier, 2);
  auto none = repo.Profile(core::UserId(8));
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());

  Code lunch;
  lunch.tenant = core::TenantId(1);
  lunch.kind = "not_ready";
  lunch.code = "lunch";
  lunch.label = "Обед";
  lunch.reason = acd::NotReadyReason::kLunch;
  auto added = repo.AddCode(lunch);
  ASSERT_TRUE(added) << added.error().message;
  auto codes = repo.Codes("not_ready");
  ASSERT_TRUE(codes);
  ASSERT_EQ(codes->size(), 1u);
  EXPECT_EQ(codes->front().label, "Обед");
  EXPECT_EQ(codes->front().reason, acd::NotReadyReason::kLunch);
  ASSERT_TRUE(repo.DeleteCode(added->id));
  EXPECT_TRUE(repo.Codes("not_ready")->empty());
}

}  // namespace
}  // namespace cc::centre
