// The storage contract (database.h), run unchanged on SQLite and, as "pg.*",
// on PostgreSQL: values round-trip, a failing batch rolls back alone inside a
// group commit, errors say what went wrong, two writers (two nodes) on the
// same data do not lose or number twice, migrations apply once.
#include "storage/database.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::storage {
namespace {

using core::ErrorCode;

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto test = testing::TestDatabase::Create();
    ASSERT_TRUE(test.has_value()) << test.error().message;
    test_ = std::move(*test);
  }
  Database& db() { return test_->db(); }

  std::unique_ptr<testing::TestDatabase> test_;
};

TEST_F(DatabaseTest, ValuesRoundTripWithTheirTypes) {
  ASSERT_TRUE(db().Write({{"CREATE TABLE t (id INTEGER PRIMARY KEY, big INTEGER, ratio REAL, "
                           "name TEXT, maybe TEXT)",
                           {}}})
                  .get());
  const std::int64_t big = 1'795'766'400'123;  // ms timestamps need 64 bits
  ASSERT_TRUE(db().Write({{"INSERT INTO t (id, big, ratio, name, maybe) VALUES (?, ?, ?, ?, ?)",
                           {std::int64_t{1}, big, 0.25, std::string("Ёлка «Бета» 'q' ?"), nullptr}}})
                  .get());
  auto rows = db().Query({"SELECT id, big, ratio, name, maybe FROM t WHERE name = ?",
                          {std::string("Ёлка «Бета» 'q' ?")}});
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = rows->front();
  EXPECT_EQ(row.Int(0).value(), 1);
  EXPECT_EQ(row.Int(1).value(), big);
  EXPECT_DOUBLE_EQ(row.Real(2).value(), 0.25);
  EXPECT_EQ(row.Text(3).value(), "Ёлка «Бета» 'q' ?");
  EXPECT_TRUE(row.IsNull(4));
  // Aggregates come back as numbers on both backends.
  auto sum = db().Query({"SELECT COUNT(*), SUM(big), MAX(id) FROM t", {}});
  ASSERT_TRUE(sum.has_value()) << sum.error().message;
  EXPECT_EQ(sum->front().Int(0).value(), 1);
  EXPECT_EQ(sum->front().Int(1).value(), big);
  EXPECT_EQ(sum->front().Int(2).value(), 1);
}

TEST_F(DatabaseTest, ErrorsNameTheirKind) {
  ASSERT_TRUE(db().Write({{"CREATE TABLE u (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE)", {}}})
                  .get());
  ASSERT_TRUE(db().Write({{"INSERT INTO u (id, login) VALUES (?, ?)", {std::int64_t{1}, std::string("a")}}})
                  .get());
  auto duplicate =
      db().Write({{"INSERT INTO u (id, login) VALUES (?, ?)", {std::int64_t{2}, std::string("a")}}}).get();
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kAlreadyExists);

  auto missing = db().Write({{"INSERT INTO u (id) VALUES (?)", {std::int64_t{3}}}}).get();
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kFailedPrecondition);

  auto count = db().Query({"SELECT id FROM u WHERE id = ?", {}});
  ASSERT_FALSE(count.has_value());
  EXPECT_EQ(count.error().code, ErrorCode::kInvalidArgument);

  auto control = db().Write({{"COMMIT", {}}}).get();
  ASSERT_FALSE(control.has_value());
  EXPECT_NE(control.error().message.find("transaction control"), std::string::npos)
      << control.error().message;

  auto syntax = db().Query({"SELEKT 1", {}});
  ASSERT_FALSE(syntax.has_value());
  EXPECT_EQ(syntax.error().code, ErrorCode::kInvalidArgument);
}

// Batches queued while the writer waits commit as one group; the failing one
// rolls back alone and the others are acknowledged and present.
TEST_F(DatabaseTest, AFailingBatchInAGroupRollsBackAlone) {
  ASSERT_TRUE(db().Write({{"CREATE TABLE g (id INTEGER PRIMARY KEY)", {}}}).get());
  auto hold = test_->HoldWrites();
  ASSERT_TRUE(hold.has_value()) << hold.error().message;
  std::vector<std::future<core::Status>> writes;
  for (std::int64_t id = 1; id <= 6; ++id) {
    std::vector<Statement> batch = {{"INSERT INTO g (id) VALUES (?)", {id * 10}}};
    // Batch 4 inserts a row, then fails: its row must not stay.
    if (id == 4) batch.push_back({"INSERT INTO g (id) VALUES (?)", {std::int64_t{10}}});
    writes.push_back(db().Write(std::move(batch)));
  }
  hold->reset();
  for (std::size_t i = 0; i < writes.size(); ++i) {
    auto status = writes[i].get();
    EXPECT_EQ(status.has_value(), i != 3) << i;
  }
  auto rows = db().Query({"SELECT id FROM g ORDER BY id", {}});
  ASSERT_TRUE(rows.has_value());
  std::vector<std::int64_t> ids;
  for (const Row& row : *rows) ids.push_back(row.Int(0).value());
  EXPECT_EQ(ids, (std::vector<std::int64_t>{10, 20, 30, 50, 60}));
}

// Two Database objects on the same data, as two server nodes: their log
// appends interleave, and every acknowledged record is there once, numbered
// without gaps or duplicates.
TEST_F(DatabaseTest, TwoWritersAppendToOneLog) {
  ASSERT_TRUE(db().Migrate(InteractionLog::Migrations()));
  auto other = test_->OpenAnother();
  ASSERT_TRUE(other.has_value()) << other.error().message;
  constexpr int kPerWriter = 200;
  auto append = [](Database& database, int writer) {
    InteractionLog log(database);
    std::vector<std::future<core::Status>> pending;
    for (int i = 0; i < kPerWriter; ++i) {
      LogRecord r;
      r.at_ms = i;
      r.type = "test.event";
      r.payload = "w" + std::to_string(writer) + "-" + std::to_string(i);
      pending.push_back(log.Append({r}));
    }
    for (auto& p : pending) {
      auto s = p.get();
      EXPECT_TRUE(s.has_value()) << s.error().message;
    }
  };
  std::thread first([&] { append(db(), 1); });
  std::thread second([&] { append(**other, 2); });
  first.join();
  second.join();
  InteractionLog log(db());
  auto all = log.ReadFrom(1, 10 * kPerWriter);
  ASSERT_TRUE(all.has_value()) << all.error().message;
  ASSERT_EQ(all->size(), 2u * kPerWriter);
  std::set<std::string> payloads;
  for (std::size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*all)[i].seq, static_cast<std::int64_t>(i + 1));
    payloads.insert((*all)[i].payload);
  }
  EXPECT_EQ(payloads.size(), 2u * kPerWriter);
}

TEST_F(DatabaseTest, MigrationsApplyOnceEvenWhenTwoNodesStartTogether) {
  std::vector<Migration> schema = {
      {1, "first", {"CREATE TABLE m1 (id INTEGER PRIMARY KEY)"}},
      {2, "second", {"CREATE TABLE m2 (id INTEGER PRIMARY KEY, note TEXT)",
                     "CREATE INDEX m2_note ON m2 (note)"}}};
  auto other = test_->OpenAnother();
  ASSERT_TRUE(other.has_value()) << other.error().message;
  core::Status a, b;
  std::thread first([&] { a = db().Migrate(schema); });
  std::thread second([&] { b = (*other)->Migrate(schema); });
  first.join();
  second.join();
  EXPECT_TRUE(a.has_value()) << a.error().message;
  EXPECT_TRUE(b.has_value()) << b.error().message;
  auto versions = db().Query({"SELECT version, name FROM schema_migrations ORDER BY version", {}});
  ASSERT_TRUE(versions.has_value());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(1).Text(1).value(), "second");

  // A program that knows fewer migrations refuses the newer database.
  auto older = db().Migrate({schema[0]});
  ASSERT_FALSE(older.has_value());
  EXPECT_NE(older.error().message.find("run a newer program"), std::string::npos);
  // A renamed migration is refused.
  schema[1].name = "renamed";
  EXPECT_FALSE(db().Migrate(schema).has_value());
}

TEST_F(DatabaseTest, WritesSurviveReopening) {
  ASSERT_TRUE(db().Write({{"CREATE TABLE r (id INTEGER PRIMARY KEY)", {}},
                          {"INSERT INTO r (id) VALUES (?)", {std::int64_t{7}}}})
                  .get());
  ASSERT_TRUE(test_->Reopen());
  auto rows = db().Query({"SELECT id FROM r", {}});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->front().Int(0).value(), 7);
}

}  // namespace
}  // namespace cc::storage
