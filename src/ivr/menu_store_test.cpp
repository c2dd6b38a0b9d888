// IVR menus on storage, on SQLite and (as pg.*) on PostgreSQL.
#include "ivr/menu_store.h"

#include <gtest/gtest.h>

#include "ivr/test_menu.h"
#include "storage/testing/test_database.h"

namespace cc::ivr {
namespace {

class MenuStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto test = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(test) << test.error().message;
    test_ = std::move(*test);
    ASSERT_TRUE(test_->db().Migrate({MenuStore::Migration(1)}));
  }
  std::unique_ptr<storage::testing::TestDatabase> test_;
};

TEST_F(MenuStoreTest, MenusComeBackAsSavedAfterReopening) {
  MenuStore store(test_->db());
  auto saved = store.Save(testing::ShopMenu());
  ASSERT_TRUE(saved) << saved.error().message;
  EXPECT_EQ(saved->id, 1);
  ASSERT_TRUE(test_->Reopen());
  MenuStore again(test_->db());
  auto menus = again.Menus();
  ASSERT_TRUE(menus) << menus.error().message;
  ASSERT_EQ(menus->size(), 1u);
  EXPECT_EQ((*menus)[0], *saved);
}

TEST_F(MenuStoreTest, ReplacesAndDeletesByIdAndNamesAMissingOne) {
  MenuStore store(test_->db());
  auto saved = store.Save(testing::ShopMenu());
  ASSERT_TRUE(saved);
  Menu changed = *saved;
  changed.name = "Shop, winter";
  ASSERT_TRUE(store.Save(changed));
  auto found = store.Find(saved->id);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->name, "Shop, winter");
  Menu ghost = changed;
  ghost.id = 42;
  auto refused = store.Save(ghost);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::kNotFound);
  ASSERT_TRUE(store.Delete(saved->id));
  EXPECT_EQ(store.Delete(saved->id).error().code, core::ErrorCode::kNotFound);
  EXPECT_TRUE(store.Menus()->empty());
}

}  // namespace
}  // namespace cc::ivr
