#include "storage/id_allocator.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "storage/testing/test_database.h"

namespace cc::storage {
namespace {

class IdAllocatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto created = testing::TestDatabase::Create();
    ASSERT_TRUE(created) << created.error().message;
    test_ = std::move(*created);
    ASSERT_TRUE(test_->db().Migrate({IdAllocator::Migration(1)}));
  }
  std::unique_ptr<testing::TestDatabase> test_;
};

TEST_F(IdAllocatorTest, IdsIncreaseWithinABlockAndNextBlockFollows) {
  IdAllocator orders(test_->db(), "order", 3);
  std::vector<std::uint64_t> got;
  for (int i = 0; i < 7; ++i) got.push_back(orders.Next().value());
  EXPECT_EQ(got, (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST_F(IdAllocatorTest, TwoAllocatorsOfOneKindNeverShareAnId) {
  // Two nodes (or a restart) on one database: separate blocks.
  IdAllocator first(test_->db(), "order", 10);
  IdAllocator second(test_->db(), "order", 10);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 25; ++i) {
    EXPECT_TRUE(seen.insert(first.Next().value()).second);
    EXPECT_TRUE(seen.insert(second.Next().value()).second);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST_F(IdAllocatorTest, KindsCountSeparately) {
  IdAllocator orders(test_->db(), "order", 100);
  IdAllocator cases(test_->db(), "case", 100);
  EXPECT_EQ(orders.Next().value(), 1u);
  EXPECT_EQ(cases.Next().value(), 1u);
}

TEST_F(IdAllocatorTest, ThreadsGetDistinctIds) {
  IdAllocator customers(test_->db(), "customer", 16);
  std::vector<std::vector<std::uint64_t>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& ids : per_thread) {
    threads.emplace_back([&customers, &ids] {
      for (int i = 0; i < 100; ++i) ids.push_back(customers.Next().value());
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::uint64_t> all;
  for (auto& ids : per_thread) all.insert(ids.begin(), ids.end());
  EXPECT_EQ(all.size(), 400u);
}

}  // namespace
}  // namespace cc::storage
