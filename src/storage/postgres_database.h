// The PostgreSQL Database, for centres that outgrow one machine: several
// `callcenter serve` nodes share one PostgreSQL (docs/deployment.md).
//
// The same contract as SqliteDatabase (database.h), over libpq:
// - Statements keep their portable SQL: `?` placeholders become $1..$n,
//   INTEGER columns in CREATE/ALTER TABLE become BIGINT (SQLite's INTEGER is
//   64-bit, PostgreSQL's 32-bit). Each connection prepares a statement once.
// - Writes: one writer thread and connection per process, group commit like
//   SQLite's (one transaction per group, a SAVEPOINT per batch only after a
//   failure). synchronous_commit=on: acknowledged = committed and flushed.
//   Every write transaction first takes one transaction-scoped advisory lock,
//   so the writers of several nodes commit one at a time (the interaction
//   log's sequence is computed inside the transaction).
// - Reconnects: when the server goes away the writer reconnects with backoff
//   and runs the group again. Each group also records its number in the row
//   of this writer in `storage_writers`, so after a connection lost during
//   COMMIT the writer can tell whether that commit happened: nothing
//   acknowledged is lost and nothing is applied twice.
// - Reads: a small pool of connections; a broken one is reset once.
// - Migrate() runs under a session advisory lock: nodes starting together
//   apply each migration once.
//
// Thread-safety: Query(), Write() and commits() from any thread. The
// destructor commits what is queued (while the server is reachable), then
// joins the writer; nothing else may run concurrently with it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/result.h"
#include "storage/database.h"
#include "storage/write_queue.h"

namespace cc::storage {

class PgConnection;

// The advisory lock every write transaction takes first (see above).
constexpr std::int64_t kPostgresWriteLock = 0x63635f7772697465;  // "cc_write"

struct PostgresOptions {
  // How long the writer keeps reconnecting before it fails the batches it
  // holds (they are then not acknowledged; later batches try again).
  std::chrono::milliseconds give_up_after{std::chrono::seconds(60)};
};

class PostgresDatabase final : public Database {
 public:
  // Connects to `url` (postgresql://user@host:port/db?...), creates
  // storage_writers if needed and starts the writer.
  static core::Result<std::unique_ptr<PostgresDatabase>> Open(const std::string& url,
                                                              PostgresOptions options = {});

  ~PostgresDatabase() override;
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  core::Result<std::vector<Row>> Query(const Statement& statement) override;
  std::future<core::Status> Write(std::vector<Statement> batch) override;
  core::Status Migrate(const std::vector<Migration>& migrations) override;

  // Successful COMMITs so far, and reconnections of the writer.
  std::uint64_t commits() const { return commits_.load(std::memory_order_relaxed); }
  std::uint64_t reconnects() const { return reconnects_.load(std::memory_order_relaxed); }

 private:
  enum class Outcome {
    kAnswered,        // committed, or refused for good: every batch has its answer
    kIsolate,         // a statement failed and all was rolled back: retry with savepoints
    kConnectionLost,  // unknown whether COMMIT happened; nothing answered
  };

  PostgresDatabase(std::string url, PostgresOptions options, std::string writer_id,
                   std::unique_ptr<PgConnection> writer);

  void RunWriter();
  void CommitGroup(std::vector<PendingBatch>& group);
  // One attempt: every batch in one transaction (savepoints only if `isolate`).
  Outcome TryCommit(std::vector<PendingBatch*>& live, bool isolate, std::int64_t group_number);
  // Fulfils each batch: its own failure if it had one, success otherwise.
  static void Answer(std::vector<PendingBatch*>& live,
                     std::vector<std::pair<PendingBatch*, core::Status>>& failures);
  // After a lost connection: true once connected again, false when giving up.
  bool Reconnect(std::chrono::steady_clock::time_point since);
  // Whether group `group_number` was committed before the connection was lost.
  core::Result<bool> WasCommitted(std::int64_t group_number);
  core::Result<std::unique_ptr<PgConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<PgConnection> reader);

  const std::string url_;
  const PostgresOptions options_;
  const std::string writer_id_;
  std::unique_ptr<PgConnection> writer_connection_;  // used only by writer_ once started
  std::int64_t group_number_ = 0;                     // writer_ only
  std::vector<std::pair<PendingBatch*, core::Status>> last_failures_;  // writer_ only

  WriteQueue queue_;

  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<PgConnection>> idle_readers_;  // guarded by readers_mutex_

  std::atomic<std::uint64_t> commits_{0};
  std::atomic<std::uint64_t> reconnects_{0};
  std::thread writer_;
};

// `?` placeholders outside quotes become $1, $2, ...; returns how many there were.
std::string NumberPlaceholders(const std::string& sql, std::size_t* count);

// INTEGER becomes BIGINT in CREATE TABLE / ALTER TABLE statements (word-wise,
// outside quotes); other statements are returned unchanged.
std::string PostgresDdl(const std::string& sql);

}  // namespace cc::storage

namespace cc::storage {

// Runs one statement (no parameters) on a connection of its own: for
// administration such as creating a schema or a database.
core::Status ExecPostgres(const std::string& url, const std::string& sql);

}  // namespace cc::storage
