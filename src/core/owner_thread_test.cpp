#include "core/owner_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <vector>

namespace cc::core {
namespace {

TEST(OwnerThread, RunsPostsFromManyThreadsInPostOrderPerThread) {
  OwnerThread owner;
  std::vector<int> seen;  // touched only on the owner thread
  std::vector<std::thread> posters;
  for (int t = 0; t < 4; ++t) {
    posters.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) owner.Post([&seen, t, i] { seen.push_back(t * 10000 + i); });
    });
  }
  for (auto& p : posters) p.join();
  std::promise<std::vector<int>> done;
  owner.Post([&] { done.set_value(seen); });
  auto result = done.get_future().get();
  ASSERT_EQ(result.size(), 4000u);
  std::vector<int> last(4, -1);
  for (int v : result) {
    int t = v / 10000, i = v % 10000;
    EXPECT_EQ(i, last[t] + 1) << "posts from one thread ran out of order";
    last[t] = i;
  }
}

TEST(OwnerThread, StopRunsWhatWasPostedAndRefusesMore) {
  std::atomic<int> ran{0};
  OwnerThread owner;
  for (int i = 0; i < 100; ++i) owner.Post([&] { ran++; });
  owner.Stop();
  EXPECT_EQ(ran.load(), 100);
  EXPECT_FALSE(owner.Post([&] { ran++; }));
}

}  // namespace
}  // namespace cc::core
