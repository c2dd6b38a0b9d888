#include "recordings/recording_store.h"

#include <fmt/format.h>

namespace cc::recordings {

using core::ErrorCode;
using core::Fail;
using storage::Statement;
using storage::Value;

namespace {

constexpr const char* kColumns =
    "SELECT id, tenant_id, call_id, queue_id, agent_id, path, started_at_ms, ended_at_ms, frames, pauses, "
    "paused_ms, repaired, deleted_at_ms, deleted_reason FROM recordings ";

Value Int(std::uint64_t v) { return static_cast<std::int64_t>(v); }

core::Result<Recording> Read(const storage::Row& row) {
  auto id = row.Int(0);
  auto tenant = row.Int(1);
  auto call = row.Int(2);
  auto queue = row.Int(3);
  auto agent = row.Int(4);
  auto path = row.Text(5);
  auto started = row.Int(6);
  auto frames = row.Int(8);
  auto pauses = row.Int(9);
  auto paused = row.Int(10);
  auto repaired = row.Int(11);
  if (!id || !tenant || !call || !queue || !agent || !path || !started || !frames || !pauses || !paused ||
      !repaired) {
    return Fail(ErrorCode::kInternal, "a stored recording row is damaged");
  }
  Recording r;
  r.id = RecordingId(static_cast<std::uint64_t>(*id));
  r.tenant = core::TenantId(static_cast<std::uint32_t>(*tenant));
  r.call = core::CallId(static_cast<std::uint64_t>(*call));
  r.queue = core::QueueId(static_cast<std::uint32_t>(*queue));
  r.agent = core::AgentId(static_cast<std::uint32_t>(*agent));
  r.path = std::move(*path);
  r.started_at = core::FromMillis(*started);
  if (!row.IsNull(7)) r.ended_at = core::FromMillis(row.Int(7).value_or(0));
  r.frames = static_cast<std::uint64_t>(*frames);
  r.pauses = static_cast<int>(*pauses);
  r.paused = core::Duration(*paused);
  r.repaired = *repaired != 0;
  if (!row.IsNull(12)) r.deleted_at = core::FromMillis(row.Int(12).value_or(0));
  if (!row.IsNull(13)) r.deleted_reason = row.Text(13).value_or("");
  return r;
}

// " AND column IN (?, ?)" for `ids`, appending their values.
template <typename Id>
std::string InList(const char* column, const std::vector<Id>& ids, std::vector<Value>& params) {
  std::string sql = fmt::format(" AND {} IN (", column);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.emplace_back(std::in_place_type<std::int64_t>, ids[i].value());
  }
  return sql + ")";
}

}  // namespace

core::Status CheckRelativePath(const std::string& path) {
  const std::filesystem::path p(path);
  bool ok = !path.empty() && p.is_relative() && path.find('\\') == std::string::npos &&
            path.find('\0') == std::string::npos;
  for (const auto& part : p) {
    ok = ok && !part.empty() && part != "." && part != "..";
  }
  if (!ok || path.back() == '/' || path.find("//") != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a recording's path must lie inside the data dir (relative, without '..'), not '{}'",
                            path));
  }
  return {};
}

RecordingStore::RecordingStore(storage::Database& db) : db_(db), ids_(db, "recording", 100) {}

storage::Migration RecordingStore::Migration(int version) {
  return {version,
          "recordings",
          {
              // One row per recorded call. Times are UTC milliseconds; a row
              // is never removed, only marked deleted when its file goes.
              "CREATE TABLE recordings (id INTEGER PRIMARY KEY, tenant_id INTEGER NOT NULL, "
              "call_id INTEGER NOT NULL, queue_id INTEGER NOT NULL, agent_id INTEGER NOT NULL, "
              "path TEXT NOT NULL, started_at_ms INTEGER NOT NULL, ended_at_ms INTEGER, "
              "frames INTEGER NOT NULL, pauses INTEGER NOT NULL, paused_ms INTEGER NOT NULL, "
              "repaired INTEGER NOT NULL, deleted_at_ms INTEGER, deleted_reason TEXT)",
              "CREATE INDEX recordings_tenant_started ON recordings (tenant_id, started_at_ms)",
              "CREATE INDEX recordings_call ON recordings (call_id)",
              "CREATE INDEX recordings_agent_started ON recordings (agent_id, started_at_ms)",
              "CREATE INDEX recordings_ended ON recordings (ended_at_ms)",
              // A queue without a row records and keeps recordings 90 days.
              "CREATE TABLE recording_policies (queue_id INTEGER PRIMARY KEY, record INTEGER NOT NULL, "
              "retention_days INTEGER NOT NULL)",
          }};
}

core::Result<RecordingId> RecordingStore::Begin(const RecordingStart& start) {
  if (!start.call.valid() || !start.tenant.valid() || !start.queue.valid() || !start.agent.valid()) {
    return Fail(ErrorCode::kInvalidArgument, "a recording needs its call, tenant, queue and agent");
  }
  if (auto ok = CheckRelativePath(start.path); !ok) return tl::unexpected(ok.error());
  auto id = ids_.Next();
  if (!id) return tl::unexpected(id.error());
  std::vector<Statement> batch = {
      {"INSERT INTO recordings (id, tenant_id, call_id, queue_id, agent_id, path, started_at_ms, frames, pauses, "
       "paused_ms, repaired) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)",
       {Int(*id), Int(start.tenant.value()), Int(start.call.value()), Int(start.queue.value()),
        Int(start.agent.value()), start.path, core::ToMillis(start.started_at)}}};
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return RecordingId(*id);
}

core::Status RecordingStore::Finish(RecordingId id, core::Timestamp ended_at, std::uint64_t frames) {
  auto found = Get(id);
  if (!found) return tl::unexpected(found.error());
  if (!*found) return Fail(ErrorCode::kNotFound, fmt::format("no recording with id {}", id.value()));
  if ((*found)->finished()) {
    return Fail(ErrorCode::kFailedPrecondition, fmt::format("recording {} is already finished", id.value()));
  }
  std::vector<Statement> batch = {
      {"UPDATE recordings SET ended_at_ms = ?, frames = ? WHERE id = ? AND ended_at_ms IS NULL",
       {core::ToMillis(ended_at), Int(frames), Int(id.value())}}};
  return db_.Write(std::move(batch)).get();
}

core::Status RecordingStore::AddPause(RecordingId id, core::Duration paused) {
  if (paused.count() < 0) return Fail(ErrorCode::kInvalidArgument, "a pause cannot last less than nothing");
  std::vector<Statement> batch = {
      {"UPDATE recordings SET pauses = pauses + 1, paused_ms = paused_ms + ? WHERE id = ?",
       {static_cast<std::int64_t>(paused.count()), Int(id.value())}}};
  return db_.Write(std::move(batch)).get();
}

core::Result<std::optional<Recording>> RecordingStore::Get(RecordingId id) {
  auto rows = db_.Query({std::string(kColumns) + "WHERE id = ?", {Int(id.value())}});
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<Recording>();
  auto r = Read(rows->front());
  if (!r) return tl::unexpected(r.error());
  return std::optional<Recording>(std::move(*r));
}

core::Result<std::vector<Recording>> RecordingStore::List(const RecordingFilter& f) {
  if (f.limit < 1 || f.limit > kMaxRecordingPage) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("limit must be from 1 to {}", kMaxRecordingPage));
  }
  if ((f.tenants && f.tenants->empty()) || (f.agents && f.agents->empty())) return std::vector<Recording>();
  std::string sql = std::string(kColumns) + "WHERE 1 = 1";
  std::vector<Value> params;
  params.reserve(8 + (f.tenants ? f.tenants->size() : 0) + (f.agents ? f.agents->size() : 0));
  if (f.tenants) sql += InList("tenant_id", *f.tenants, params);
  if (f.agents) sql += InList("agent_id", *f.agents, params);
  if (f.call) {
    sql += " AND call_id = ?";
    params.emplace_back(std::in_place_type<std::int64_t>, f.call->value());
  }
  if (f.agent) {
    sql += " AND agent_id = ?";
    params.emplace_back(std::in_place_type<std::int64_t>, f.agent->value());
  }
  if (f.from) {
    sql += " AND started_at_ms >= ?";
    params.emplace_back(std::in_place_type<std::int64_t>, core::ToMillis(*f.from));
  }
  if (f.to) {
    sql += " AND started_at_ms < ?";
    params.emplace_back(std::in_place_type<std::int64_t>, core::ToMillis(*f.to));
  }
  sql += " ORDER BY started_at_ms DESC, id DESC LIMIT ?";
  params.emplace_back(std::in_place_type<std::int64_t>, f.limit);
  auto rows = db_.Query({sql, std::move(params)});
  if (!rows) return tl::unexpected(rows.error());
  std::vector<Recording> out;
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    auto r = Read(row);
    if (!r) return tl::unexpected(r.error());
    out.push_back(std::move(*r));
  }
  return out;
}

core::Result<RecordingPolicy> RecordingStore::Policy(core::QueueId queue) {
  auto rows = db_.Query(
      {"SELECT record, retention_days FROM recording_policies WHERE queue_id = ?", {Int(queue.value())}});
  if (!rows) return tl::unexpected(rows.error());
  RecordingPolicy policy;
  if (rows->empty()) return policy;
  auto record = rows->front().Int(0);
  auto days = rows->front().Int(1);
  if (!record || !days) return Fail(ErrorCode::kInternal, "a stored recording policy is damaged");
  policy.record = *record != 0;
  policy.retention_days = static_cast<int>(*days);
  return policy;
}

core::Status RecordingStore::SetPolicy(core::QueueId queue, bool record, int retention_days) {
  if (!queue.valid()) return Fail(ErrorCode::kInvalidArgument, "a recording policy needs a queue");
  if (retention_days < 1 || retention_days > kMaxRetentionDays) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("retention_days must be from 1 to {} (days), not {}", kMaxRetentionDays,
                            retention_days));
  }
  std::vector<Statement> batch = {
      {"DELETE FROM recording_policies WHERE queue_id = ?", {Int(queue.value())}},
      {"INSERT INTO recording_policies (queue_id, record, retention_days) VALUES (?, ?, ?)",
       {Int(queue.value()), std::int64_t{record ? 1 : 0}, std::int64_t{retention_days}}}};
  return db_.Write(std::move(batch)).get();
}

core::Status RecordingStore::MarkDeleted(RecordingId id, core::Timestamp at, const std::string& reason) {
  std::vector<Statement> batch = {
      {"UPDATE recordings SET deleted_at_ms = ?, deleted_reason = ? WHERE id = ? AND deleted_at_ms IS NULL",
       {core::ToMillis(at), reason, Int(id.value())}}};
  return db_.Write(std::move(batch)).get();
}

}  // namespace cc::recordings
