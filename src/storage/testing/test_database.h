// Test support: a fresh, empty Database for one test, on the backend the test
// run selects, so one suite runs unchanged against SQLite and PostgreSQL.
//   CC_TEST_DATABASE=sqlite (the default): an SQLite file in a temporary directory.
//   CC_TEST_DATABASE=postgresql, or unset with CC_TEST_POSTGRES_URL_FILE set:
//   the cluster whose URL is in CC_TEST_POSTGRES_URL or in the file
//   CC_TEST_POSTGRES_URL_FILE names (scripts/pg-test-cluster writes it); each
//   TestDatabase gets a schema of its own, dropped at the end.
// ctest registers such suites twice: as themselves and with the prefix "pg."
// (cc_test(... BACKENDS), CMakeLists.txt).
// Thread-safety: one test at a time per TestDatabase.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"
#include "storage/database.h"

namespace cc::storage::testing {

class TestDatabase {
 public:
  // Fails with a message naming what is missing (e.g. the PostgreSQL URL).
  static core::Result<std::unique_ptr<TestDatabase>> Create();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  Database& db() { return *db_; }
  bool is_postgres() const { return !schema_.empty(); }
  // The --database value that opens this database ("sqlite:PATH" or a postgresql:// URL).
  const std::string& url() const { return url_; }
  // A directory the test may use for files (for SQLite it holds the database).
  const std::filesystem::path& dir() const { return dir_; }

  // Makes the database's writer wait until the returned object is destroyed,
  // so that writes queued meanwhile commit together as one group. SQLite: a
  // connection holding the write lock; PostgreSQL: the writers' advisory lock.
  class WriteHold {
   public:
    virtual ~WriteHold() = default;
  };
  core::Result<std::unique_ptr<WriteHold>> HoldWrites();

  // A second Database on the same data, as a second server node (or a second
  // process on the same SQLite file) would open it.
  core::Result<std::unique_ptr<Database>> OpenAnother() const;

  // Closes and opens the database again, as a server restart would.
  core::Status Reopen();
  // Closes it (e.g. for a test that opens the same url() itself); Reopen() opens it again.
  void Close() { db_.reset(); }

 private:
  TestDatabase() = default;

  std::filesystem::path dir_;
  std::string url_;
  std::string admin_url_;  // PostgreSQL: the cluster, for creating and dropping the schema
  std::string schema_;
  std::unique_ptr<Database> db_;
};

// The backend this test run uses: "sqlite" or "postgresql".
std::string TestBackend();

}  // namespace cc::storage::testing
