#include "storage/interaction_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace cc::storage {

namespace {

using core::ErrorCode;
using core::Fail;

// The sequence is computed in the same statement that inserts, inside the
// writer's transaction: no gaps when a batch rolls back (see the header).
// Up to kRowsPerInsert records go in one statement (VALUES columns are named
// column1.. in SQLite and PostgreSQL alike); the text is cached per row count.
constexpr std::size_t kRowsPerInsert = 16;

const std::string& InsertSql(std::size_t rows) {
  static const std::vector<std::string> kSql = [] {
    std::vector<std::string> all(kRowsPerInsert + 1);
    for (std::size_t n = 1; n <= kRowsPerInsert; ++n) {
      std::string sql =
          "INSERT INTO interaction_log (seq, at_ms, type, call_id, agent_id, queue_id, payload) "
          "SELECT base.m + v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, "
          "v.column7 FROM (SELECT COALESCE(MAX(seq), 0) AS m FROM interaction_log) AS base, "
          "(VALUES ";
      for (std::size_t i = 1; i <= n; ++i) {
        // The casts type the VALUES columns for PostgreSQL, where a column of
        // NULL parameters would otherwise be text.
        sql += fmt::format(
            "{}({}, CAST(? AS BIGINT), ?, CAST(? AS BIGINT), CAST(? AS BIGINT), "
            "CAST(? AS BIGINT), ?)",
            i == 1 ? "" : ", ", i);
      }
      all[n] = sql + ") AS v";
    }
    return all;
  }();
  return kSql[rows];
}

constexpr const char* kReadFrom =
    "SELECT seq, at_ms, type, call_id, agent_id, queue_id, payload FROM interaction_log "
    "WHERE seq >= ? ORDER BY seq LIMIT ?";

constexpr const char* kReadCall =
    "SELECT seq, at_ms, type, call_id, agent_id, queue_id, payload FROM interaction_log "
    "WHERE call_id = ? ORDER BY seq LIMIT ?";

Value Optional(const std::optional<std::int64_t>& id) {
  if (!id) return nullptr;
  return *id;
}

core::Result<std::optional<std::int64_t>> OptionalInt(const Row& row, std::size_t column) {
  if (row.IsNull(column)) return std::optional<std::int64_t>();
  auto value = row.Int(column);
  if (!value) return tl::unexpected(value.error());
  return std::optional<std::int64_t>(*value);
}

core::Result<LogRecord> ToRecord(const Row& row) {
  LogRecord r;
  auto seq = row.Int(0);
  auto at = row.Int(1);
  auto type = row.Text(2);
  auto call = OptionalInt(row, 3);
  auto agent = OptionalInt(row, 4);
  auto queue = OptionalInt(row, 5);
  auto payload = row.Text(6);
  if (!seq || !at || !type || !call || !agent || !queue || !payload) {
    return Fail(ErrorCode::kInternal, "interaction_log holds a malformed row");
  }
  r.seq = *seq;
  r.at_ms = *at;
  r.type = std::move(*type);
  r.call_id = *call;
  r.agent_id = *agent;
  r.queue_id = *queue;
  r.payload = std::move(*payload);
  return r;
}

std::future<core::Status> Ready(core::Status status) {
  std::promise<core::Status> promise;
  promise.set_value(std::move(status));
  return promise.get_future();
}

}  // namespace

std::vector<Migration> InteractionLog::Migrations() {
  return {Migration{1,
                    "interaction_log",
                    {"CREATE TABLE interaction_log ("
                     "seq INTEGER PRIMARY KEY, "
                     "at_ms INTEGER NOT NULL, "
                     "type TEXT NOT NULL, "
                     "call_id INTEGER, "
                     "agent_id INTEGER, "
                     "queue_id INTEGER, "
                     "payload TEXT NOT NULL)",
                     "CREATE INDEX interaction_log_call ON interaction_log (call_id)"}}};
}

std::future<core::Status> InteractionLog::Append(std::vector<LogRecord> records) {
  for (const LogRecord& r : records) {
    if (r.type.empty() || r.payload.empty()) {
      return Ready(Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("interaction log record {} has no type or payload", &r - records.data())));
    }
  }
  if (records.empty()) return Ready({});
  return db_.Write(AppendStatements(std::move(records)));
}

std::vector<Statement> InteractionLog::AppendStatements(std::vector<LogRecord> records) {
  std::vector<Statement> batch;
  batch.reserve((records.size() + kRowsPerInsert - 1) / kRowsPerInsert);
  for (std::size_t first = 0; first < records.size(); first += kRowsPerInsert) {
    const std::size_t rows = std::min(kRowsPerInsert, records.size() - first);
    Statement statement{InsertSql(rows), {}};
    statement.params.reserve(rows * 6);
    for (std::size_t i = first; i < first + rows; ++i) {
      LogRecord& r = records[i];
      statement.params.insert(statement.params.end(),
                              {r.at_ms, std::move(r.type), Optional(r.call_id),
                               Optional(r.agent_id), Optional(r.queue_id), std::move(r.payload)});
    }
    batch.push_back(std::move(statement));
  }
  return batch;
}

core::Result<std::vector<LogRecord>> InteractionLog::ReadFrom(std::int64_t from_seq, int limit) {
  return Read({kReadFrom, {from_seq, std::int64_t{limit}}}, limit);
}

core::Result<std::vector<LogRecord>> InteractionLog::ReadCall(std::int64_t call_id, int limit) {
  return Read({kReadCall, {call_id, std::int64_t{limit}}}, limit);
}

core::Result<std::vector<LogRecord>> InteractionLog::Read(const Statement& statement, int limit) {
  if (limit <= 0) return Fail(ErrorCode::kInvalidArgument, "limit must be positive");
  auto rows = db_.Query(statement);
  if (!rows) return tl::unexpected(rows.error());
  std::vector<LogRecord> records;
  records.reserve(rows->size());
  for (const Row& row : *rows) {
    auto record = ToRecord(row);
    if (!record) return tl::unexpected(record.error());
    records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace cc::storage
