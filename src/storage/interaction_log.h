// The interaction log: every ACD event, persisted append-only as it happens,
// each with a sequence number the log assigns. Readers (reports, replays,
// catch-up after a restart) page through it by sequence.
//
// Sequence: assigned inside the write transaction as MAX(seq)+1, so it follows
// the order in which batches reach Database::Write() (append order) and has no
// gaps among acknowledged records. A batch that fails rolls back alone
// (Database::Write) and takes no numbers: the batches after it number on from
// the last committed record. The price is that a caller learns a record's
// sequence only by reading; the log must be the only writer of its table
// (one process), which is how the server runs it.
//
// The log does not know the ACD: callers turn events into LogRecords
// (acd::ToJson for the payload, acd::KeysOf for the ids).
//
// Thread-safety: Append() and ReadFrom() may be called from any thread at the
// same time, as Database allows. The Database must outlive the log.
#pragma once

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/database.h"

namespace cc::storage {

struct LogRecord {
  std::int64_t seq = 0;    // assigned by the log; ignored by Append()
  std::int64_t at_ms = 0;  // UTC, milliseconds since the epoch
  std::string type;        // "call.answered"
  std::optional<std::int64_t> call_id;
  std::optional<std::int64_t> agent_id;
  std::optional<std::int64_t> queue_id;
  std::string payload;  // the event as JSON text

  friend bool operator==(const LogRecord&, const LogRecord&) = default;
};

class InteractionLog {
 public:
  explicit InteractionLog(Database& db) : db_(db) {}

  // The log's schema, to pass to Database::Migrate() (alone or with others).
  static std::vector<Migration> Migrations();

  // Appends `records` in order as one atomic batch. Ready once they are
  // durably committed, or with the error that rolled all of them back
  // (kInvalidArgument without writing if a record has no type or payload).
  std::future<core::Status> Append(std::vector<LogRecord> records);

  // The statements that append `records` when written in a batch, so that a
  // domain change (an order confirmed, a case opened) and its log record
  // commit in one transaction. Records must have a type and a payload.
  static std::vector<Statement> AppendStatements(std::vector<LogRecord> records);

  // Up to `limit` records with seq >= `from_seq`, in sequence order.
  core::Result<std::vector<LogRecord>> ReadFrom(std::int64_t from_seq, int limit);
  // The first `limit` records of one call, in sequence order.
  core::Result<std::vector<LogRecord>> ReadCall(std::int64_t call_id, int limit);

 private:
  core::Result<std::vector<LogRecord>> Read(const Statement& statement, int limit);

  Database& db_;
};

}  // namespace cc::storage
