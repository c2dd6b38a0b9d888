#include "storage/sqlite_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace cc::storage {
namespace {

using core::ErrorCode;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "cc-storage-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (dir_ / "callcenter.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<SqliteDatabase> OpenDb() {
    auto db = SqliteDatabase::Open(path_);
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().message);
    return db ? std::move(*db) : nullptr;
  }

  static void MustWrite(Database& db, std::vector<Statement> batch) {
    auto status = db.Write(std::move(batch)).get();
    ASSERT_TRUE(status.has_value()) << status.error().message;
  }

  static std::int64_t Count(Database& db, const std::string& table) {
    auto rows = db.Query({"SELECT COUNT(*) FROM " + table, {}});
    EXPECT_TRUE(rows.has_value()) << (rows ? "" : rows.error().message);
    return rows ? *rows->at(0).Int(0) : -1;
  }

  std::filesystem::path dir_;
  std::string path_;
};

// Holds the database's write lock from a second connection, so writes queue up
// behind it; the writer commits them when Release() is called.
class WriteLockHolder {
 public:
  explicit WriteLockHolder(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  ~WriteLockHolder() {
    Release();
    sqlite3_close(db_);
  }
  void Release() {
    if (held_) {
      EXPECT_EQ(sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    held_ = false;
  }

 private:
  sqlite3* db_ = nullptr;
  bool held_ = true;
};

TEST_F(SqliteDatabaseTest, WritesAndReadsBackEveryValueTypeIncludingNullAndUtf8) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  MustWrite(*db, {{"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, balance REAL, "
                   "note TEXT)",
                   {}}});
  MustWrite(*db, {{"INSERT INTO customers (id, name, balance, note) VALUES (?, ?, ?, ?)",
                   {std::int64_t{9'000'000'000}, std::string("Анна Петрова"), 12.5, nullptr}}});

  auto rows = db->Query({"SELECT id, name, balance, note FROM customers WHERE name = ?",
                         {std::string("Анна Петрова")}});
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = rows->front();
  EXPECT_EQ(*row.Int(0), 9'000'000'000);
  EXPECT_EQ(*row.Text(1), "Анна Петрова");
  EXPECT_DOUBLE_EQ(*row.Real(2), 12.5);
  EXPECT_TRUE(row.IsNull(3));

  auto mismatch = row.Int(1);
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(mismatch.error().message, "column 1 is text, not integer");
  EXPECT_FALSE(row.Text(3).has_value()) << "NULL is not text";
  EXPECT_FALSE(row.Int(4).has_value()) << "column out of range";
}

TEST_F(SqliteDatabaseTest, RefusesMalformedStatementsWithClearErrors) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  MustWrite(*db, {{"CREATE TABLE t (x INTEGER)", {}}});

  auto wrong_params = db->Write({{"INSERT INTO t (x) VALUES (?)", {}}}).get();
  ASSERT_FALSE(wrong_params.has_value());
  EXPECT_EQ(wrong_params.error().code, ErrorCode::kInvalidArgument);

  auto commit_inside = db->Write({{"COMMIT", {}}}).get();
  ASSERT_FALSE(commit_inside.has_value());
  EXPECT_NE(commit_inside.error().message.find("transaction control"), std::string::npos);

  auto two_statements = db->Write({{"INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", {}}});
  EXPECT_FALSE(two_statements.get().has_value());

  auto write_through_query = db->Query({"INSERT INTO t (x) VALUES (1)", {}});
  EXPECT_FALSE(write_through_query.has_value()) << "readers are read-only";
  EXPECT_EQ(Count(*db, "t"), 0);
}

TEST_F(SqliteDatabaseTest, FailingBatchIsReportedOnItsOwnFutureWhileOthersCommit) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  MustWrite(*db,
            {{"CREATE TABLE agents (id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE)", {}}});

  MustWrite(*db, {{"CREATE TABLE audit (note TEXT)", {}}});
  const auto commits_before = db->commits();
  std::future<core::Status> opener, first, bad, last;
  {
    // While the lock is held the writer takes at most the first batches it sees
    // and waits; everything queued after them goes into the next group commit.
    WriteLockHolder lock(path_);
    opener = db->Write({{"INSERT INTO audit (note) VALUES ('opened')", {}}});
    first = db->Write({{"INSERT INTO agents (login) VALUES (?)", {std::string("anna")}}});
    bad = db->Write({{"INSERT INTO agents (login) VALUES (?)", {std::string("boris")}},
                     {"INSERT INTO agents (login) VALUES (?)", {std::string("anna")}}});
    last = db->Write({{"INSERT INTO agents (login) VALUES (?)", {std::string("vera")}}});
  }
  EXPECT_TRUE(first.get().has_value());
  auto failed = bad.get();
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::kAlreadyExists);
  EXPECT_NE(failed.error().message.find("UNIQUE"), std::string::npos) << failed.error().message;
  EXPECT_TRUE(last.get().has_value());
  EXPECT_TRUE(opener.get().has_value());
  // Four batches in at most two COMMITs: the failing one shared its transaction
  // with at least one batch that committed.
  EXPECT_LE(db->commits() - commits_before, 2u);

  auto rows = db->Query({"SELECT login FROM agents ORDER BY login", {}});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 2u) << "nothing of the failed batch is applied, boris included";
  EXPECT_EQ(*(*rows)[0].Text(0), "anna");
  EXPECT_EQ(*(*rows)[1].Text(0), "vera");
}

TEST_F(SqliteDatabaseTest, AcknowledgedAndQueuedWritesSurviveCloseAndReopen) {
  std::vector<std::future<core::Status>> queued;
  {
    auto db = OpenDb();
    ASSERT_TRUE(db);
    MustWrite(*db, {{"CREATE TABLE calls (id INTEGER PRIMARY KEY)", {}}});
    MustWrite(*db, {{"INSERT INTO calls (id) VALUES (1)", {}}});
    for (std::int64_t id = 2; id <= 50; ++id) {
      queued.push_back(db->Write({{"INSERT INTO calls (id) VALUES (?)", {id}}}));
    }
  }  // the destructor commits what is queued before returning
  for (auto& f : queued) {
    ASSERT_EQ(f.wait_for(std::chrono::seconds(0)), std::future_status::ready);
    EXPECT_TRUE(f.get().has_value());
  }
  auto db = OpenDb();
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(*db, "calls"), 50);
}

const std::vector<Migration>& TestMigrations() {
  static const std::vector<Migration> migrations = {
      {1, "create queues", {"CREATE TABLE queues (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"}},
      {2,
       "queue targets",
       {"ALTER TABLE queues ADD COLUMN target_seconds INTEGER NOT NULL DEFAULT 20",
        "INSERT INTO queues (name) VALUES ('sales')"}},
  };
  return migrations;
}

std::int64_t SchemaVersion(Database& db) {
  auto rows = db.Query({"SELECT COALESCE(MAX(version), 0) FROM schema_migrations", {}});
  return rows ? *rows->at(0).Int(0) : -1;
}

TEST_F(SqliteDatabaseTest, MigrationsApplyOnceAndAreIdempotentOnReopen) {
  {
    auto db = OpenDb();
    ASSERT_TRUE(db);
    auto migrated = db->Migrate(TestMigrations());
    ASSERT_TRUE(migrated.has_value()) << migrated.error().message;
    EXPECT_EQ(SchemaVersion(*db), 2);
    EXPECT_EQ(Count(*db, "queues"), 1);
  }
  auto db = OpenDb();
  ASSERT_TRUE(db);
  const auto commits_before = db->commits();
  auto again = db->Migrate(TestMigrations());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(Count(*db, "queues"), 1) << "migration 2 ran twice";
  EXPECT_EQ(Count(*db, "schema_migrations"), 2);
  EXPECT_LE(db->commits() - commits_before, 1u) << "only the CREATE TABLE IF NOT EXISTS";

  auto rows = db->Query({"SELECT target_seconds FROM queues", {}});
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows->at(0).Int(0), 20);
}

TEST_F(SqliteDatabaseTest, FailingMigrationLeavesNothingBehind) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  auto migrations = TestMigrations();
  migrations.push_back({3, "broken", {"CREATE TABLE skills (id INTEGER)", "NOT SQL AT ALL"}});
  auto migrated = db->Migrate(migrations);
  ASSERT_FALSE(migrated.has_value());
  EXPECT_NE(migrated.error().message.find("schema migration 3 ('broken') failed"),
            std::string::npos)
      << migrated.error().message;
  EXPECT_EQ(SchemaVersion(*db), 2);
  EXPECT_FALSE(db->Query({"SELECT COUNT(*) FROM skills", {}}).has_value());
}

TEST_F(SqliteDatabaseTest, MigrateRefusesNewerOrDifferentRecordedSchema) {
  {
    auto db = OpenDb();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Migrate(TestMigrations()).has_value());
  }
  auto db = OpenDb();
  ASSERT_TRUE(db);

  std::vector<Migration> older = {TestMigrations()[0]};
  auto newer = db->Migrate(older);
  ASSERT_FALSE(newer.has_value());
  EXPECT_EQ(newer.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(newer.error().message,
            "the database schema is at version 2 ('queue targets') but this program knows "
            "migrations only up to version 1; run a newer program");

  auto renamed = TestMigrations();
  renamed[1].name = "queue service levels";
  auto mismatch = db->Migrate(renamed);
  ASSERT_FALSE(mismatch.has_value());
  EXPECT_EQ(mismatch.error().message,
            "schema migration 2 is recorded as 'queue targets' but this program calls it "
            "'queue service levels'; the database was migrated by a different build");
  EXPECT_EQ(SchemaVersion(*db), 2);
}

TEST_F(SqliteDatabaseTest, ConcurrentWritersAndReadersNeverSeeAPartialBatch) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  MustWrite(*db, {{"CREATE TABLE calls (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL)", {}},
                  {"CREATE TABLE call_log (call_id INTEGER NOT NULL REFERENCES calls(id))", {}}});

  constexpr int kWriters = 4;
  constexpr int kBatchesPerWriter = 500;
  std::atomic<bool> writing{true};
  std::atomic<int> bad_reads{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 2; ++r) {
    readers.emplace_back([&] {
      while (writing.load()) {
        auto rows =
            db->Query({"SELECT (SELECT COUNT(*) FROM calls), (SELECT COUNT(*) FROM call_log)", {}});
        if (!rows || *rows->at(0).Int(0) != *rows->at(0).Int(1)) bad_reads++;
        reads++;
      }
    });
  }
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      std::vector<std::future<core::Status>> acks;
      for (int i = 0; i < kBatchesPerWriter; ++i) {
        const std::int64_t id = w * kBatchesPerWriter + i + 1;
        acks.push_back(
            db->Write({{"INSERT INTO calls (id, writer) VALUES (?, ?)", {id, std::int64_t{w}}},
                       {"INSERT INTO call_log (call_id) VALUES (?)", {id}}}));
        if (acks.size() == 50) {  // keep a window in flight, as a busy server would
          for (auto& ack : acks) {
            if (!ack.get()) failures++;
          }
          acks.clear();
        }
      }
      for (auto& ack : acks) {
        if (!ack.get()) failures++;
      }
    });
  }
  for (auto& t : writers) t.join();
  writing = false;
  for (auto& t : readers) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(bad_reads.load(), 0) << "a reader saw half of a batch";
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Count(*db, "calls"), kWriters * kBatchesPerWriter);
  EXPECT_EQ(Count(*db, "call_log"), kWriters * kBatchesPerWriter);
}

TEST_F(SqliteDatabaseTest, ConcurrentWritesShareCommits) {
  auto db = OpenDb();
  ASSERT_TRUE(db);
  MustWrite(*db, {{"CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT)", {}}});
  const auto commits_before = db->commits();

  constexpr int kThreads = 4;
  constexpr int kBatchesPerThread = 100;
  std::vector<std::vector<std::future<core::Status>>> acks(kThreads);
  {
    WriteLockHolder lock(path_);  // every batch queues while the lock is held
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kBatchesPerThread; ++i) {
          acks[t].push_back(
              db->Write({{"INSERT INTO events (kind) VALUES (?)", {std::string("offer")}}}));
        }
      });
    }
    for (auto& thread : threads) thread.join();
  }
  for (auto& per_thread : acks) {
    for (auto& ack : per_thread) EXPECT_TRUE(ack.get().has_value());
  }
  EXPECT_EQ(Count(*db, "events"), kThreads * kBatchesPerThread);
  // The writer may have taken the first batch alone before the rest arrived;
  // everything else waited behind the lock and went into one COMMIT.
  EXPECT_LE(db->commits() - commits_before, 2u);
}

}  // namespace
}  // namespace cc::storage
