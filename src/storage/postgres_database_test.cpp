// PostgreSQL specifics: the SQL rewriting, and a server restart in the middle
// of a stream of writes (on a private cluster of its own, run as "pg.*").
#include "storage/postgres_database.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::storage {
namespace {

TEST(PostgresSql, PlaceholdersAreNumberedOutsideQuotes) {
  std::size_t count = 0;
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" = ?", &count),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" = $2");
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(NumberPlaceholders("SELECT 1", &count), "SELECT 1");
  EXPECT_EQ(count, 0u);
}

TEST(PostgresSql, IntegerColumnsBecomeBigint) {
  EXPECT_EQ(PostgresDdl("CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'INTEGER', "
                        "integers INTEGER)"),
            "CREATE TABLE t (id BIGINT PRIMARY KEY, note TEXT DEFAULT 'INTEGER', integers BIGINT)");
  EXPECT_EQ(PostgresDdl("  alter table t ADD COLUMN n INTEGER"), "  alter table t ADD COLUMN n BIGINT");
  EXPECT_EQ(PostgresDdl("SELECT CAST(x AS INTEGER) FROM t"), "SELECT CAST(x AS INTEGER) FROM t");
}

TEST(PostgresSql, BinaryCollationBecomesC) {
  EXPECT_EQ(PostgresDdl("CREATE TABLE w (word TEXT COLLATE BINARY NOT NULL, note TEXT DEFAULT "
                        "'COLLATE BINARY')"),
            "CREATE TABLE w (word TEXT COLLATE \"C\" NOT NULL, note TEXT DEFAULT 'COLLATE BINARY')");
}

// Restarts PostgreSQL (as after a crash: immediate shutdown, recovery) while a
// producer keeps appending: every acknowledged record is present exactly
// once afterwards, and writes go on after the restart.
TEST(PostgresRestart, NoAcknowledgedWriteIsLostOrDuplicated) {
  if (testing::TestBackend() != "postgresql") GTEST_SKIP() << "runs on the PostgreSQL backend (pg.*)";
  const std::string script = std::string(CC_SOURCE_DIR) + "/scripts/pg-test-cluster";
  std::string pattern = (std::filesystem::temp_directory_path() / "cc-pgrestart-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::string dir = pattern + "/state";
  ASSERT_EQ(std::system((script + " start " + dir + " >/dev/null").c_str()), 0);
  struct Stop {
    std::string command;
    ~Stop() { (void)std::system(command.c_str()); }
  } stop{script + " stop " + dir + "; rm -rf " + pattern};
  std::string url;
  std::getline(std::ifstream(dir + "/url"), url);
  ASSERT_FALSE(url.empty());

  PostgresOptions options;
  options.give_up_after = std::chrono::seconds(30);
  auto db = PostgresDatabase::Open(url, options);
  ASSERT_TRUE(db.has_value()) << db.error().message;
  ASSERT_TRUE((*db)->Migrate(InteractionLog::Migrations()));
  InteractionLog log(**db);

  std::atomic<bool> stop_writing{false};
  std::map<int, bool> acknowledged;  // record number -> acknowledged (producer thread only)
  std::thread producer([&] {
    int i = 0;
    auto append_one = [&] {
      LogRecord r;
      r.at_ms = i;
      r.type = "test.event";
      r.payload = "record-" + std::to_string(i);
      acknowledged[i] = log.Append({r}).get().has_value();
      ++i;
    };
    while (!stop_writing) append_one();
    for (int k = 0; k < 50; ++k) append_one();  // after the restart
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(std::system((script + " restart " + dir + " immediate >/dev/null").c_str()), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  stop_writing = true;
  producer.join();

  EXPECT_GE((*db)->reconnects(), 1u);
  auto rows = (*db)->Query({"SELECT payload, COUNT(*) FROM interaction_log GROUP BY payload", {}});
  ASSERT_TRUE(rows.has_value()) << rows.error().message;
  std::map<std::string, std::int64_t> stored;
  for (const Row& row : *rows) stored[row.Text(0).value()] = row.Int(1).value();
  int acked = 0;
  for (const auto& [i, ok] : acknowledged) {
    const std::string payload = "record-" + std::to_string(i);
    if (ok) {
      ++acked;
      EXPECT_EQ(stored[payload], 1) << payload << " was acknowledged";
    } else {
      EXPECT_LE(stored[payload], 1) << payload;
    }
  }
  EXPECT_GT(acked, 50);
  for (const auto& [payload, n] : stored) EXPECT_EQ(n, 1) << payload << " stored twice";
  // Acknowledged writes after the restart: the last 50 were all written after it.
  int last_acked = 0;
  for (auto it = acknowledged.rbegin(); it != acknowledged.rend() && last_acked < 50; ++it) {
    if (it->second) ++last_acked;
  }
  EXPECT_EQ(last_acked, 50);
}

}  // namespace
}  // namespace cc::storage
