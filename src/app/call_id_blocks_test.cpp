// Call id blocks: two nodes reserving at once get disjoint blocks above every
// id in the log, and after a restart a node closes only its own calls.
#include "app/call_id_blocks.h"

#include <gtest/gtest.h>

#include <thread>

#include "app/store.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::app {
namespace {

class CallIdBlocksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto test = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(test) << test.error().message;
    test_ = std::move(*test);
    ASSERT_TRUE(test_->db().Migrate(Schema()));
  }
  std::unique_ptr<storage::testing::TestDatabase> test_;
};

TEST_F(CallIdBlocksTest, BlocksAreDisjointAndAboveTheLog) {
  storage::InteractionLog log(test_->db());
  storage::LogRecord r;
  r.at_ms = 1;
  r.type = "call.queued";
  r.call_id = 41;  // a call from before blocks existed
  r.payload = "{}";
  ASSERT_TRUE(log.Append({r}).get());

  auto other = test_->OpenAnother();  // a second node
  ASSERT_TRUE(other) << other.error().message;
  core::Result<CallIdBlock> a = CallIdBlock{}, b = CallIdBlock{};
  std::thread first([&] { a = ReserveCallIds(test_->db(), "node-a", 1, 1000); });
  std::thread second([&] { b = ReserveCallIds(**other, "node-b", 1, 1000); });
  first.join();
  second.join();
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_TRUE(b) << b.error().message;
  EXPECT_GT(a->first, 41u);
  EXPECT_GT(b->first, 41u);
  EXPECT_EQ(a->last - a->first + 1, 1000u);
  EXPECT_TRUE(a->last < b->first || b->last < a->first) << a->first << " " << b->first;

  auto again = ReserveCallIds(test_->db(), "node-a", 2, 1000);  // node a restarts
  ASSERT_TRUE(again);
  EXPECT_GT(again->first, std::max(a->last, b->last));

  auto owned_by_a = CallsOwnedBy(test_->db(), "node-a");
  ASSERT_TRUE(owned_by_a);
  EXPECT_TRUE((*owned_by_a)(core::CallId(41)));  // older than every block: anyone's
  EXPECT_TRUE((*owned_by_a)(core::CallId(a->first + 5)));
  EXPECT_FALSE((*owned_by_a)(core::CallId(b->first + 5)));
  EXPECT_TRUE((*owned_by_a)(core::CallId(again->last)));
}

TEST_F(CallIdBlocksTest, TheNodeIdIsKeptInTheDataDir) {
  auto id = LoadNodeId(test_->dir().string());
  ASSERT_TRUE(id) << id.error().message;
  EXPECT_EQ(id->size(), 16u);
  EXPECT_EQ(*LoadNodeId(test_->dir().string()), *id);
}

}  // namespace
}  // namespace cc::app
