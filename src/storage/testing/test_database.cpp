#include "storage/testing/test_database.h"

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <system_error>

#include "storage/postgres_database.h"
#include "storage/sqlite_database.h"

namespace cc::storage::testing {

using core::ErrorCode;
using core::Fail;

namespace {

core::Result<std::string> PostgresUrl() {
  if (const char* url = std::getenv("CC_TEST_POSTGRES_URL"); url != nullptr && *url != '\0') {
    return std::string(url);
  }
  const char* file = std::getenv("CC_TEST_POSTGRES_URL_FILE");
  if (file == nullptr || *file == '\0') {
    return Fail(ErrorCode::kFailedPrecondition,
                "CC_TEST_DATABASE=postgresql needs CC_TEST_POSTGRES_URL or CC_TEST_POSTGRES_URL_FILE");
  }
  std::ifstream in(file);
  std::string url;
  if (!std::getline(in, url) || url.empty()) {
    return Fail(ErrorCode::kFailedPrecondition,
                fmt::format("no PostgreSQL URL in {} (is scripts/pg-test-cluster running?)", file));
  }
  return url;
}

class SqliteHold final : public TestDatabase::WriteHold {
 public:
  explicit SqliteHold(sqlite3* db) : db_(db) {}
  ~SqliteHold() override {
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
  }

 private:
  sqlite3* db_;
};

class PostgresHold final : public TestDatabase::WriteHold {
 public:
  explicit PostgresHold(PGconn* conn) : conn_(conn) {}
  ~PostgresHold() override { PQfinish(conn_); }  // ends the session and its lock

 private:
  PGconn* conn_;
};

}  // namespace

core::Result<std::unique_ptr<TestDatabase::WriteHold>> TestDatabase::HoldWrites() {
  if (is_postgres()) {
    PGconn* conn = PQconnectdb(url_.c_str());
    PGresult* result = PQexec(conn, fmt::format("SELECT pg_advisory_lock({})", kPostgresWriteLock).c_str());
    const bool ok = PQresultStatus(result) == PGRES_TUPLES_OK;
    PQclear(result);
    if (!ok) {
      std::string message = PQerrorMessage(conn);
      PQfinish(conn);
      return Fail(ErrorCode::kUnavailable, "cannot take the write lock: " + message);
    }
    return std::unique_ptr<WriteHold>(new PostgresHold(conn));
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(url_.substr(7).c_str(), &db) != SQLITE_OK ||
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    return Fail(ErrorCode::kUnavailable, "cannot take the write lock: " + message);
  }
  return std::unique_ptr<WriteHold>(new SqliteHold(db));
}

std::string TestBackend() {
  const char* backend = std::getenv("CC_TEST_DATABASE");
  if (backend != nullptr && *backend != '\0') {
    return std::string(backend) == "postgresql" ? "postgresql" : "sqlite";
  }
  const char* file = std::getenv("CC_TEST_POSTGRES_URL_FILE");
  return file != nullptr && *file != '\0' ? "postgresql" : "sqlite";
}

core::Result<std::unique_ptr<TestDatabase>> TestDatabase::Create() {
  auto test = std::unique_ptr<TestDatabase>(new TestDatabase());
  std::string pattern = (std::filesystem::temp_directory_path() / "cc-db-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Fail(ErrorCode::kInternal, "mkdtemp failed");
  test->dir_ = pattern;
  if (TestBackend() == "postgresql") {
    auto admin = PostgresUrl();
    if (!admin) return tl::unexpected(admin.error());
    if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium failed to initialise");
    test->admin_url_ = *admin;
    test->schema_ = fmt::format("t_{:08x}{:08x}", randombytes_random(), randombytes_random());
    if (auto made = ExecPostgres(*admin, "CREATE SCHEMA " + test->schema_); !made) {
      return tl::unexpected(made.error());
    }
    test->url_ = fmt::format("{}{}options=-csearch_path%3D{}", *admin,
                             admin->find('?') == std::string::npos ? "?" : "&", test->schema_);
  } else {
    test->url_ = "sqlite:" + (test->dir_ / "callcenter.db").string();
  }
  if (auto opened = test->Reopen(); !opened) return tl::unexpected(opened.error());
  return test;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!schema_.empty()) (void)ExecPostgres(admin_url_, "DROP SCHEMA " + schema_ + " CASCADE");
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

core::Result<std::unique_ptr<Database>> TestDatabase::OpenAnother() const {
  if (!schema_.empty()) {
    auto db = PostgresDatabase::Open(url_);
    if (!db) return tl::unexpected(db.error());
    return std::unique_ptr<Database>(std::move(*db));
  }
  auto db = SqliteDatabase::Open(url_.substr(7));
  if (!db) return tl::unexpected(db.error());
  return std::unique_ptr<Database>(std::move(*db));
}

core::Status TestDatabase::Reopen() {
  db_.reset();
  auto db = OpenAnother();
  if (!db) return tl::unexpected(db.error());
  db_ = std::move(*db);
  return {};
}

}  // namespace cc::storage::testing
