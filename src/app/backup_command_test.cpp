// backup and restore: a backup taken while writes go on restores to a sound
// database holding every write acknowledged before it started; restore
// refuses while a server holds the data dir and refuses files that are not
// callcenter databases.
#include "app/backup_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "app/data_dir_lock.h"
#include "app/store.h"
#include "reporting/log_consistency.h"
#include "storage/interaction_log.h"
#include "storage/sqlite_database.h"

namespace cc::app {
namespace {

namespace fs = std::filesystem;

class BackupCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "cc-backup-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    data_dir_ = (dir_ / "var").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  BackupOptions Options(const std::string& file) {
    BackupOptions o;
    o.data_dir = data_dir_;
    o.file = file;
    return o;
  }
  int Backup(const BackupOptions& o) {
    out_.str("");
    err_.str("");
    return RunBackup(o, out_, err_);
  }
  int Restore(const BackupOptions& o) {
    out_.str("");
    err_.str("");
    return RunRestore(o, out_, err_);
  }
  storage::LogRecord Record(std::int64_t n) {
    storage::LogRecord r;
    r.at_ms = n;
    r.type = "test.event";
    r.call_id = n;
    r.payload = "{\"n\":" + std::to_string(n) + "}";
    return r;
  }
  std::int64_t Count(storage::Database& db) {
    auto rows = db.Query({"SELECT COUNT(*) FROM interaction_log", {}});
    EXPECT_TRUE(rows);
    return rows ? rows->front().Int(0).value_or(-1) : -1;
  }

  fs::path dir_;
  std::string data_dir_;
  std::ostringstream out_, err_;
};

TEST_F(BackupCommandTest, BackupDuringWritesRestoresEveryAcknowledgedWrite) {
  std::int64_t acknowledged_before = 0;
  {
    auto db = OpenStore(StoreOptions{data_dir_, ""});
    ASSERT_TRUE(db) << db.error().message;
    storage::InteractionLog log(**db);
    std::atomic<std::int64_t> acknowledged{0};
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      for (std::int64_t n = 1; !stop; ++n) {
        if (log.Append({Record(n)}).get()) acknowledged = n;
      }
    });
    while (acknowledged < 200) std::this_thread::yield();
    acknowledged_before = acknowledged.load();
    const int code = Backup(Options((dir_ / "copy.db").string()));
    stop = true;
    writer.join();
    ASSERT_EQ(code, 0) << err_.str();
    EXPECT_GT(Count(**db), acknowledged_before) << "writes went on during the backup";
  }

  ASSERT_EQ(Restore(Options((dir_ / "copy.db").string())), 0) << err_.str();
  EXPECT_NE(out_.str().find("before-restore"), std::string::npos) << out_.str();
  EXPECT_TRUE(fs::exists(fs::path(data_dir_) / "callcenter.db.before-restore"));
  EXPECT_FALSE(fs::exists(fs::path(data_dir_) / "callcenter.db-wal"));

  auto restored = OpenStore(StoreOptions{data_dir_, ""});
  ASSERT_TRUE(restored) << restored.error().message;
  storage::InteractionLog log(**restored);
  auto summary = reporting::CheckLogConsistency(log);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_GE(summary->records, acknowledged_before);
  auto last = log.ReadFrom(summary->records, 1);
  ASSERT_TRUE(last && last->size() == 1);
  EXPECT_EQ(last->front().call_id, summary->records) << "records in order, none lost";
  auto integrity = (*restored)->Query({"PRAGMA integrity_check", {}});
  ASSERT_TRUE(integrity);
  EXPECT_EQ(integrity->front().Text(0).value_or(""), "ok");
}

TEST_F(BackupCommandTest, BackupRefusesToOverwriteUnlessForced) {
  ASSERT_TRUE(OpenStore(StoreOptions{data_dir_, ""}));
  const std::string file = (dir_ / "copy.db").string();
  std::ofstream(file) << "precious";
  BackupOptions o = Options(file);
  EXPECT_EQ(Backup(o), 1);
  EXPECT_NE(err_.str().find("--force"), std::string::npos) << err_.str();
  o.force = true;
  EXPECT_EQ(Backup(o), 0) << err_.str();
  EXPECT_TRUE(storage::QuerySqliteFile(file, {"SELECT COUNT(*) FROM schema_migrations", {}}));

  BackupOptions nothing = Options((dir_ / "other.db").string());
  nothing.data_dir = (dir_ / "empty").string();
  EXPECT_EQ(Backup(nothing), 1);
  EXPECT_NE(err_.str().find("no database"), std::string::npos) << err_.str();
}

TEST_F(BackupCommandTest, RestoreIsRefusedWhileTheServerHoldsTheDataDir) {
  ASSERT_TRUE(OpenStore(StoreOptions{data_dir_, ""}));
  ASSERT_EQ(Backup(Options((dir_ / "copy.db").string())), 0) << err_.str();
  auto lock = DataDirLock::Acquire(data_dir_);
  ASSERT_TRUE(lock) << lock.error().message;
  EXPECT_FALSE(DataDirLock::Acquire(data_dir_)) << "the lock is exclusive";
  EXPECT_EQ(Restore(Options((dir_ / "copy.db").string())), 1);
  EXPECT_NE(err_.str().find("stop the server first"), std::string::npos) << err_.str();
  EXPECT_FALSE(fs::exists(fs::path(data_dir_) / "callcenter.db.before-restore"));
}

TEST_F(BackupCommandTest, RestoreRefusesFilesThatAreNotCallcenterDatabases) {
  {
    auto db = OpenStore(StoreOptions{data_dir_, ""});
    ASSERT_TRUE(db);
    storage::InteractionLog log(**db);
    ASSERT_TRUE(log.Append({Record(1)}).get());
  }
  const std::string text = (dir_ / "notes.txt").string();
  std::ofstream(text) << std::string(4096, 'x');
  EXPECT_EQ(Restore(Options(text)), 1);
  EXPECT_NE(err_.str().find("not a callcenter database"), std::string::npos) << err_.str();

  const std::string other = (dir_ / "other.db").string();
  {
    auto db = storage::SqliteDatabase::Open(other);
    ASSERT_TRUE(db);
    ASSERT_TRUE((*db)->Write({{"CREATE TABLE t (x INTEGER)", {}}}).get());
  }
  EXPECT_EQ(Restore(Options(other)), 1);
  EXPECT_NE(err_.str().find("schema_migrations"), std::string::npos) << err_.str();

  auto db = OpenStore(StoreOptions{data_dir_, ""});
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(**db), 1) << "the database is untouched";
}

}  // namespace
}  // namespace cc::app
