// The embedded default Database: one SQLite file in WAL mode with
// synchronous=FULL, so a commit that returned is on disk.
//
// Writes: one writer thread owns the only write connection. It takes every
// batch waiting in its queue (group commit) and runs them in one
// BEGIN IMMEDIATE ... COMMIT, each batch inside its own SAVEPOINT so a failing
// batch rolls back alone. Futures are fulfilled only after COMMIT returns.
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

  // Number of successful COMMITs so far (one per group of batches).
  std::uint64_t commits() const { return commits_.load(std::memory_order_relaxed); }

 private:
  struct PendingBatch {
    std::vector<Statement> statements;
    std::promise<core::Status> done;
  };

  SqliteDatabase(std::string path, std::unique_ptr<SqliteConnection> writer);

  void RunWriter();
  void CommitGroup(std::vector<PendingBatch>& group);
  core::Result<std::unique_ptr<SqliteConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  const std::string path_;
  std::unique_ptr<SqliteConnection> writer_connection_;  // used only by writer_ once started

  std::mutex queue_mutex_;
  std::condition_variable queue_wake_;
  std::deque<PendingBatch> queue_;  // guarded by queue_mutex_
  bool stopping_ = false;           // guarded by queue_mutex_

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;  // guarded by readers_mutex_

  std::atomic<std::uint64_t> commits_{0};
  std::thread writer_;
};

}  // namespace cc::storage
