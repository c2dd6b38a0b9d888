#include "storage/interaction_log.h"

#include <fmt/format.h>

#include <utility>

namespace cc::storage {

namespace {

using core::ErrorCode;
using core::Fail;

// The sequence is computed in the same statement that inserts, inside the
// writer's transaction: no gaps when a batch rolls back (see the header).
constexpr const char* kInsert =
    "INSERT INTO interaction_log (seq, at_ms, type, call_id, agent_id, queue_id, payload) "
    "SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, ? FROM interaction_log";

constexpr const char* kReadFrom =
    "SELECT seq, at_ms, type, call_id, agent_id, queue_id, payload FROM interaction_log "
    "WHERE seq >= ? ORDER BY seq LIMIT ?";

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
  std::vector<Statement> batch;
  batch.reserve(records.size());
  for (LogRecord& r : records) {
    if (r.type.empty() || r.payload.empty()) {
      return Ready(Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("interaction log record {} has no type or payload", &r - records.data())));
    }
    batch.push_back(Statement{kInsert,
                              {r.at_ms, std::move(r.type), Optional(r.call_id),
                               Optional(r.agent_id), Optional(r.queue_id), std::move(r.payload)}});
  }
  if (batch.empty()) return Ready({});
  return db_.Write(std::move(batch));
}

core::Result<std::vector<LogRecord>> InteractionLog::ReadFrom(std::int64_t from_seq, int limit) {
  if (limit <= 0) return Fail(ErrorCode::kInvalidArgument, "limit must be positive");
  auto rows = db_.Query({kReadFrom, {from_seq, std::int64_t{limit}}});
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
