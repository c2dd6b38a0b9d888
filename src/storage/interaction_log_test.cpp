// The interaction log: append-only, numbered in append order without gaps,
// durable across reopening, safe to append from several threads.
#include "storage/interaction_log.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "storage/testing/test_database.h"

namespace cc::storage {
namespace {

using core::ErrorCode;

LogRecord Record(std::int64_t at_ms, std::string type, std::int64_t call) {
  LogRecord r;
  r.at_ms = at_ms;
  r.type = std::move(type);
  r.call_id = call;
  r.payload = R"({"call":)" + std::to_string(call) + "}";
  return r;
}

class InteractionLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto test = testing::TestDatabase::Create();
    ASSERT_TRUE(test.has_value()) << test.error().message;
    test_ = std::move(*test);
    db_ = &test_->db();
    Migrate();
  }

  // Reopens the database (as a restart would) and migrates it again.
  void Reopen() {
    auto reopened = test_->Reopen();
    ASSERT_TRUE(reopened.has_value()) << reopened.error().message;
    db_ = &test_->db();
    Migrate();
  }

  void Migrate() {
    auto migrated = db_->Migrate(InteractionLog::Migrations());
    ASSERT_TRUE(migrated.has_value()) << migrated.error().message;
  }

  std::vector<LogRecord> ReadAll(InteractionLog& log) {
    std::vector<LogRecord> all;
    std::int64_t next = 1;
    for (;;) {
      auto page = log.ReadFrom(next, 1000);
      EXPECT_TRUE(page.has_value()) << (page ? "" : page.error().message);
      if (!page || page->empty()) return all;
      next = page->back().seq + 1;
      all.insert(all.end(), page->begin(), page->end());
    }
  }

  std::unique_ptr<testing::TestDatabase> test_;
  Database* db_ = nullptr;
};

TEST_F(InteractionLogTest, ReadsBackWhatWasAppendedWithSequencesFromOne) {
  InteractionLog log(*db_);
  LogRecord state;
  state.at_ms = 1'795'766'400'000;
  state.type = "agent.state_changed";
  state.agent_id = 7;
  state.payload = R"({"agent":7,"from":"logged-out","to":"ready"})";
  ASSERT_TRUE(log.Append({Record(1'795'766'400'001, "call.queued", 1), state}).get());
  ASSERT_TRUE(log.Append({Record(1'795'766'400'002, "call.answered", 1)}).get());

  auto all = log.ReadFrom(1, 10);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].seq, 1);
  EXPECT_EQ((*all)[0].type, "call.queued");
  EXPECT_EQ((*all)[0].call_id, 1);
  EXPECT_FALSE((*all)[0].agent_id);
  state.seq = 2;
  EXPECT_EQ((*all)[1], state);
  EXPECT_EQ((*all)[2].seq, 3);

  auto tail = log.ReadFrom(3, 10);
  ASSERT_TRUE(tail.has_value());
  ASSERT_EQ(tail->size(), 1u);
  EXPECT_EQ(tail->front().type, "call.answered");
  EXPECT_EQ(log.ReadFrom(2, 1)->size(), 1u);
  EXPECT_TRUE(log.ReadFrom(4, 10)->empty());
}

TEST_F(InteractionLogTest, RefusesRecordsWithoutTypeOrPayloadAndWritesNothing) {
  InteractionLog log(*db_);
  LogRecord empty;
  auto status = log.Append({Record(1, "call.queued", 1), empty}).get();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(log.ReadFrom(1, 10)->empty());
  EXPECT_FALSE(log.ReadFrom(1, 0));
  EXPECT_TRUE(log.Append({}).get());
}

TEST_F(InteractionLogTest, AppendsFromSeveralThreadsKeepEachBatchInOrderWithoutGaps) {
  InteractionLog log(*db_);
  constexpr int kThreads = 4;
  constexpr int kBatches = 50;
  constexpr int kPerBatch = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&log, t] {
      std::vector<std::future<core::Status>> pending;
      for (int b = 0; b < kBatches; ++b) {
        std::vector<LogRecord> batch;
        for (int i = 0; i < kPerBatch; ++i) {
          // call id encodes (thread, position in the thread's stream)
          batch.push_back(Record(b, "call.queued", t * 1'000'000 + b * kPerBatch + i));
        }
        pending.push_back(log.Append(std::move(batch)));
      }
      for (auto& f : pending) EXPECT_TRUE(f.get());
    });
  }
  for (auto& t : threads) t.join();

  const std::vector<LogRecord> all = ReadAll(log);
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kThreads * kBatches * kPerBatch));
  std::vector<std::int64_t> last_of_thread(kThreads, -1);
  for (std::size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1)) << "gap or disorder at " << i;
    const std::int64_t thread = *all[i].call_id / 1'000'000;
    const std::int64_t position = *all[i].call_id % 1'000'000;
    // Each thread's records appear in the order that thread appended them.
    EXPECT_EQ(position, last_of_thread[thread] + 1);
    last_of_thread[thread] = position;
  }
}

// A batch that fails rolls back alone and leaves no gap, whether or not it
// shares a group commit: the batches after it number on from the last
// committed record. The held lock makes the writes queue up together.
TEST_F(InteractionLogTest, AFailedBatchLeavesNoGap) {
  InteractionLog log(*db_);
  ASSERT_TRUE(log.Append({Record(1, "call.queued", 1)}).get());

  auto blocker = test_->HoldWrites();
  ASSERT_TRUE(blocker.has_value()) << blocker.error().message;
  auto before = log.Append({Record(2, "call.queued", 2)});
  // Inserts a log row, then fails: the row must not keep its number.
  auto failing = db_->Write(
      {Statement{"INSERT INTO interaction_log (seq, at_ms, type, payload) "
                 "SELECT COALESCE(MAX(seq), 0) + 1, 3, 'call.queued', '{}' FROM interaction_log",
                 {}},
       Statement{"INSERT INTO no_such_table VALUES (1)", {}}});
  auto after = log.Append({Record(4, "call.queued", 4), Record(5, "call.ended", 4)});
  blocker->reset();

  EXPECT_TRUE(before.get());
  EXPECT_FALSE(failing.get());
  EXPECT_TRUE(after.get());
  const std::vector<LogRecord> all = ReadAll(log);
  ASSERT_EQ(all.size(), 4u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq, static_cast<std::int64_t>(i + 1));
  }
  EXPECT_EQ(all[2].at_ms, 4);
  EXPECT_EQ(all[3].type, "call.ended");
}

TEST_F(InteractionLogTest, SurvivesReopenAndContinuesTheSequence) {
  {
    InteractionLog log(*db_);
    ASSERT_TRUE(log.Append({Record(1, "call.queued", 1), Record(2, "call.answered", 1)}).get());
  }
  Reopen();  // reopening also re-runs Migrate(), which must find nothing to do
  InteractionLog log(*db_);
  ASSERT_TRUE(log.Append({Record(3, "call.ended", 1)}).get());
  const std::vector<LogRecord> all = ReadAll(log);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].type, "call.queued");
  EXPECT_EQ(all[1].type, "call.answered");
  EXPECT_EQ(all[2].type, "call.ended");
  EXPECT_EQ(all[2].seq, 3);
}

}  // namespace
}  // namespace cc::storage
