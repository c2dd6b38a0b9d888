#include "storage/sqlite_database.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace cc::storage {

using core::ErrorCode;
using core::Fail;

namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::size_t kMaxCachedStatements = 64;
constexpr std::size_t kMaxIdleReaders = 4;
constexpr std::size_t kMaxBatchesPerCommit = 1024;

ErrorCode CodeFor(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorCode::kAlreadyExists;
    default:
      break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_READONLY:
      return ErrorCode::kFailedPrecondition;
    case SQLITE_ERROR:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH:
    case SQLITE_AUTH:
    case SQLITE_TOOBIG:
      return ErrorCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return ErrorCode::kUnavailable;
    default:
      return ErrorCode::kInternal;
  }
}

bool OnlySeparators(const char* tail) {
  for (; tail != nullptr && *tail != '\0'; ++tail) {
    if (std::strchr(" \t\r\n;", *tail) == nullptr) return false;
  }
  return true;
}

}  // namespace

// One sqlite3 connection with its prepared-statement cache. Used by one thread
// at a time (the writer, or whichever reader took it from the pool).
class SqliteConnection {
 public:
  static core::Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                              bool read_only) {
    sqlite3* db = nullptr;
    const int flags =
        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    if (int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr); rc != SQLITE_OK) {
      std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
      sqlite3_close(db);
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot open {}: {}", path, message));
    }
    auto connection = std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    if (!read_only) {
      auto mode = connection->Run({"PRAGMA journal_mode=WAL", {}});
      if (!mode) return tl::unexpected(mode.error());
      auto name = mode->empty() ? core::Result<std::string>("") : mode->front().Text(0);
      if (!name || *name != "wal") {
        return Fail(ErrorCode::kUnavailable, fmt::format("{}: cannot switch to WAL mode", path));
      }
      // temp_store=MEMORY keeps the per-batch savepoint (statement) journal
      // off disk: twice the interaction-log throughput (bench/README.md).
      for (const char* pragma :
           {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"}) {
        if (auto done = connection->Exec(pragma); !done) return tl::unexpected(done.error());
      }
    }
    sqlite3_set_authorizer(db, &SqliteConnection::Authorize, connection.get());
    return connection;
  }

  ~SqliteConnection() {
    for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
    sqlite3_close(db_);
  }
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs one statement with its parameters and returns the rows it produced.
  core::Result<std::vector<Row>> Run(const Statement& statement) {
    auto prepared = Prepare(statement.sql);
    if (!prepared) return tl::unexpected(prepared.error());
    sqlite3_stmt* stmt = *prepared;
    struct ResetOnExit {
      sqlite3_stmt* stmt;
      ~ResetOnExit() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
      }
    } reset{stmt};

    const int expected = sqlite3_bind_parameter_count(stmt);
    if (static_cast<std::size_t>(expected) != statement.params.size()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} parameters given, {} expected in: {}", statement.params.size(),
                              expected, statement.sql));
    }
    for (std::size_t i = 0; i < statement.params.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const Value& value = statement.params[i];
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<std::int64_t>(&value)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&value)) {
        rc = sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&value)) {
        rc = sqlite3_bind_text64(stmt, index, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
      } else {
        rc = sqlite3_bind_null(stmt, index);
      }
      if (rc != SQLITE_OK) return LastError(statement.sql);
    }

    std::vector<Row> rows;
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return LastError(statement.sql);
      const int columns = sqlite3_column_count(stmt);
      Row row;
      row.values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER:
            row.values.emplace_back(std::int64_t{sqlite3_column_int64(stmt, c)});
            break;
          case SQLITE_FLOAT:
            row.values.emplace_back(sqlite3_column_double(stmt, c));
            break;
          case SQLITE_TEXT: {
            const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            row.values.emplace_back(
                std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))));
            break;
          }
          case SQLITE_BLOB: {
            const auto* blob = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, c));
            row.values.emplace_back(blob != nullptr ? std::string(blob, size) : std::string());
            break;
          }
          default:
            row.values.emplace_back(nullptr);
            break;
        }
      }
      rows.push_back(std::move(row));
    }
    return rows;
  }

  // Runs storage's own SQL (pragmas, transaction control), never cached.
  core::Status Exec(const char* sql) {
    allow_transaction_control_ = true;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    allow_transaction_control_ = false;
    if (rc != SQLITE_OK) return LastError(sql);
    return {};
  }

  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

  // Copies this connection's "main" database into a new file, in one step
  // (one read transaction, so one consistent snapshot).
  core::Status BackupTo(const std::string& dest_path) {
    sqlite3* dest = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (int rc = sqlite3_open_v2(dest_path.c_str(), &dest, flags, nullptr); rc != SQLITE_OK) {
      std::string message = dest != nullptr ? sqlite3_errmsg(dest) : sqlite3_errstr(rc);
      sqlite3_close(dest);
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot create {}: {}", dest_path, message));
    }
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", db_, "main");
    int rc = SQLITE_OK;
    if (backup == nullptr) {
      rc = sqlite3_extended_errcode(dest);
    } else {
      for (;;) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        sqlite3_sleep(10);
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
      if (int finished = sqlite3_backup_finish(backup); rc == SQLITE_OK) rc = finished;
    }
    std::string message = rc == SQLITE_OK ? "" : sqlite3_errstr(rc);
    if (rc != SQLITE_OK && sqlite3_errcode(dest) != SQLITE_OK) message = sqlite3_errmsg(dest);
    if (int closed = sqlite3_close(dest); rc == SQLITE_OK && closed != SQLITE_OK) {
      rc = closed;
      message = sqlite3_errstr(closed);
    }
    if (rc != SQLITE_OK) {
      return Fail(CodeFor(rc), fmt::format("backup to {} failed: {}", dest_path, message));
    }
    return {};
  }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  // Callers' statements may not open, end or nest transactions: storage owns those.
  static int Authorize(void* self, int action, const char*, const char*, const char*, const char*) {
    const bool control = action == SQLITE_TRANSACTION || action == SQLITE_SAVEPOINT;
    if (control && !static_cast<SqliteConnection*>(self)->allow_transaction_control_) {
      return SQLITE_DENY;
    }
    return SQLITE_OK;
  }

  core::Result<sqlite3_stmt*> Prepare(const std::string& sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()) + 1, &stmt, &tail) !=
        SQLITE_OK) {
      return LastError(sql);
    }
    if (stmt == nullptr) return Fail(ErrorCode::kInvalidArgument, "empty SQL statement");
    if (!OnlySeparators(tail)) {
      sqlite3_finalize(stmt);
      return Fail(ErrorCode::kInvalidArgument, "one SQL statement per Statement, got: " + sql);
    }
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& [cached_sql, cached] : cache_) sqlite3_finalize(cached);
      cache_.clear();
    }
    cache_.emplace(sql, stmt);
    return stmt;
  }

  tl::unexpected<core::Error> LastError(std::string_view sql) const {
    const int code = sqlite3_extended_errcode(db_);
    std::string message = sqlite3_errmsg(db_);
    if ((code & 0xff) == SQLITE_AUTH) {
      message = "transaction control is managed by storage, not by statements";
    }
    return Fail(CodeFor(code), fmt::format("{} in: {}", message, sql));
  }

  sqlite3* db_;
  bool allow_transaction_control_ = false;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

core::Status SqliteDatabase::Backup(const std::string& dest_path) {
  std::error_code ec;
  if (std::filesystem::exists(dest_path, ec)) {
    return Fail(ErrorCode::kAlreadyExists, dest_path + " exists already");
  }
  auto reader = TakeReader();
  if (!reader) return tl::unexpected(reader.error());
  auto done = (*reader)->BackupTo(dest_path);
  ReturnReader(std::move(*reader));
  if (!done) std::filesystem::remove(dest_path, ec);
  return done;
}

core::Result<std::vector<Row>> QuerySqliteFile(const std::string& path,
                                               const Statement& statement) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Fail(ErrorCode::kNotFound, "no such file: " + path);
  }
  auto connection = SqliteConnection::Open(path, /*read_only=*/true);
  if (!connection) return tl::unexpected(connection.error());
  auto rows = (*connection)->Run(statement);
  if (!rows && rows.error().message.find("not a database") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, path + " is not an SQLite database");
  }
  return rows;
}

core::Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path) {
  if (sqlite3_threadsafe() == 0) {
    return Fail(ErrorCode::kInternal, "the SQLite library was built without thread support");
  }
  auto writer = SqliteConnection::Open(path, /*read_only=*/false);
  if (!writer) return tl::unexpected(writer.error());
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(path, std::move(*writer)));
}

SqliteDatabase::SqliteDatabase(std::string path, std::unique_ptr<SqliteConnection> writer)
    : path_(std::move(path)), writer_connection_(std::move(writer)) {
  writer_ = std::thread([this] { RunWriter(); });
}

SqliteDatabase::~SqliteDatabase() {
  queue_.Close();
  writer_.join();
}

core::Result<std::vector<Row>> SqliteDatabase::Query(const Statement& statement) {
  auto reader = TakeReader();
  if (!reader) return tl::unexpected(reader.error());
  auto rows = (*reader)->Run(statement);
  ReturnReader(std::move(*reader));
  return rows;
}

std::future<core::Status> SqliteDatabase::Write(std::vector<Statement> batch) {
  return queue_.Push(std::move(batch));
}

core::Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::TakeReader() {
  {
    std::lock_guard lock(readers_mutex_);
    if (!idle_readers_.empty()) {
      auto reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  return SqliteConnection::Open(path_, /*read_only=*/true);
}

void SqliteDatabase::ReturnReader(std::unique_ptr<SqliteConnection> reader) {
  std::lock_guard lock(readers_mutex_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(reader));
}

void SqliteDatabase::RunWriter() {
  std::vector<PendingBatch> group;
  while (queue_.TakeGroup(group, kMaxBatchesPerCommit)) {
    CommitGroup(group);
    group.clear();
  }
}

void SqliteDatabase::CommitGroup(std::vector<PendingBatch>& group) {
  if (CommitWhole(group)) return;
  CommitEachInSavepoint(group);
}

bool SqliteDatabase::CommitWhole(std::vector<PendingBatch>& group) {
  SqliteConnection& db = *writer_connection_;
  if (!db.Exec("BEGIN IMMEDIATE")) return false;  // the savepoint path reports it
  for (PendingBatch& batch : group) {
    for (const Statement& statement : batch.statements) {
      if (!db.Run(statement)) {
        if (db.InTransaction()) (void)db.Exec("ROLLBACK");
        return false;
      }
    }
  }
  auto committed = db.Exec("COMMIT");
  if (!committed) {
    if (db.InTransaction()) (void)db.Exec("ROLLBACK");
    for (PendingBatch& batch : group) batch.done.set_value(tl::unexpected(committed.error()));
    return true;
  }
  commits_.fetch_add(1, std::memory_order_relaxed);
  for (PendingBatch& batch : group) batch.done.set_value({});
  return true;
}

void SqliteDatabase::CommitEachInSavepoint(std::vector<PendingBatch>& group) {
  SqliteConnection& db = *writer_connection_;
  std::vector<PendingBatch*> live;
  for (PendingBatch& batch : group) live.push_back(&batch);

  // Each pass commits `live` or drops the one batch whose failure made SQLite
  // roll back the whole transaction (I/O error, disk full), then tries the rest again.
  while (!live.empty()) {
    if (auto begun = db.Exec("BEGIN IMMEDIATE"); !begun) {
      for (PendingBatch* batch : live) batch->done.set_value(tl::unexpected(begun.error()));
      return;
    }
    std::vector<PendingBatch*> applied;
    std::vector<PendingBatch*> retry;
    for (std::size_t i = 0; i < live.size(); ++i) {
      PendingBatch* batch = live[i];
      core::Status status = db.Exec("SAVEPOINT cc_batch");
      for (std::size_t s = 0; status && s < batch->statements.size(); ++s) {
        auto ran = db.Run(batch->statements[s]);
        if (!ran) status = tl::unexpected(ran.error());
      }
      if (status) status = db.Exec("RELEASE cc_batch");
      if (status) {
        applied.push_back(batch);
        continue;
      }
      if (db.InTransaction()) {
        // Only this batch is undone; the others in the group stay applied.
        (void)db.Exec("ROLLBACK TO cc_batch");
        (void)db.Exec("RELEASE cc_batch");
        batch->done.set_value(std::move(status));
        continue;
      }
      batch->done.set_value(std::move(status));
      retry = applied;
      retry.insert(retry.end(), live.begin() + static_cast<std::ptrdiff_t>(i) + 1, live.end());
      break;
    }
    if (!db.InTransaction()) {
      live = std::move(retry);
      continue;
    }
    if (auto committed = db.Exec("COMMIT"); !committed) {
      if (db.InTransaction()) (void)db.Exec("ROLLBACK");
      for (PendingBatch* batch : applied) batch->done.set_value(tl::unexpected(committed.error()));
      return;
    }
    commits_.fetch_add(1, std::memory_order_relaxed);
    for (PendingBatch* batch : applied) batch->done.set_value({});
    return;
  }
}

}  // namespace cc::storage
