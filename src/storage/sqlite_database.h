// The embedded default Database: one SQLite file in WAL mode with
// synchronous=FULL, so a commit that returned is on disk.
//
// Writes: one writer thread owns the only write connection. It takes the
// batches waiting in its queue (group commit, at most kMaxBatchesPerCommit)
// and runs them in one BEGIN IMMEDIATE ... COMMIT. Batches rarely fail, so the
// group first runs without savepoints; if a statement fails, that transaction
// is rolled back and the group runs again with each batch inside its own
// SAVEPOINT, so a failing batch rolls back alone. Futures are fulfilled only
// after COMMIT returns.
// Reads: a small pool of read-only connections; each Query sees the latest
// committed data and never part of a batch.
//
// Thread-safety: Query(), Write() and commits() may be called from any thread.
// The destructor commits and acknowledges every queued batch, then joins the
// writer; no other call may run concurrently with it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "storage/database.h"
#include "storage/write_queue.h"

namespace cc::storage {

class SqliteConnection;

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the database file at `path` and starts the writer.
  static core::Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path);

  ~SqliteDatabase() override;
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  core::Result<std::vector<Row>> Query(const Statement& statement) override;
  std::future<core::Status> Write(std::vector<Statement> batch) override;

  // Copies the whole database to a new file at `dest_path` with SQLite's
  // online backup API, from one read transaction: the copy holds exactly the
  // batches acknowledged before it started, while writes go on. Fails with
  // kAlreadyExists if `dest_path` exists.
  core::Status Backup(const std::string& dest_path);

  // Number of successful COMMITs so far (one per group of batches).
  std::uint64_t commits() const { return commits_.load(std::memory_order_relaxed); }

 private:
  SqliteDatabase(std::string path, std::unique_ptr<SqliteConnection> writer);

  void RunWriter();
  void CommitGroup(std::vector<PendingBatch>& group);
  // The group in one transaction without savepoints; false (and nothing
  // committed or acknowledged) if a statement failed.
  bool CommitWhole(std::vector<PendingBatch>& group);
  void CommitEachInSavepoint(std::vector<PendingBatch>& group);
  core::Result<std::unique_ptr<SqliteConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  const std::string path_;
  std::unique_ptr<SqliteConnection> writer_connection_;  // used only by writer_ once started

  WriteQueue queue_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // guarded by readers_mutex_

  std::atomic<std::uint64_t> commits_{0};
  std::thread writer_;
};

// Runs one read statement on the SQLite file at `path`, opened read-only
// (for checking a file before using it, e.g. a backup to restore). Fails with
// kNotFound if there is no such file, kInvalidArgument if it is not SQLite.
core::Result<std::vector<Row>> QuerySqliteFile(const std::string& path, const Statement& statement);

}  // namespace cc::storage
