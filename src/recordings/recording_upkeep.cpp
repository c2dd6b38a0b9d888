// RecordingStore's upkeep of files under the data dir: the repair of
// recordings a crash left unfinished, and deletion by retention.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <limits>

#include "recordings/recording_store.h"
#include "telephony/media/wav.h"

namespace cc::recordings {

using core::ErrorCode;
using core::Fail;
using storage::Statement;
using storage::Value;

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

Value Int(std::uint64_t v) { return static_cast<std::int64_t>(v); }

}  // namespace

core::Result<RepairReport> RecordingStore::RepairUnfinished(const std::filesystem::path& data_dir,
                                                            core::Timestamp now, const OwnedCalls& owned) {
  auto rows = db_.Query({"SELECT id, call_id, path, started_at_ms FROM recordings "
                         "WHERE ended_at_ms IS NULL AND deleted_at_ms IS NULL ORDER BY id",
                         {}});
  if (!rows) return tl::unexpected(rows.error());
  RepairReport report;
  std::vector<Statement> batch;
  for (const auto& row : *rows) {
    auto id = row.Int(0);
    auto call = row.Int(1);
    auto path = row.Text(2);
    auto started = row.Int(3);
    if (!id || !call || !path || !started) return Fail(ErrorCode::kInternal, "a stored recording row is damaged");
    if (owned && !owned(core::CallId(static_cast<std::uint64_t>(*call)))) continue;
    std::error_code ec;
    const std::filesystem::path file = data_dir / *path;
    if (!CheckRelativePath(*path) || !std::filesystem::is_regular_file(file, ec)) {
      spdlog::warn("recording {} of call {}: its file {} is missing; marked deleted", *id, *call, file.string());
      batch.push_back({"UPDATE recordings SET ended_at_ms = ?, repaired = 1, deleted_at_ms = ?, "
                       "deleted_reason = 'missing' WHERE id = ?",
                       {*started, core::ToMillis(now), *id}});
      ++report.missing;
      continue;
    }
    auto frames = telephony::media::RepairWav(file);
    if (!frames) {
      spdlog::warn("recording {} of call {}: {} cannot be repaired ({}); kept as it is", *id, *call, file.string(),
                   frames.error().message);
      batch.push_back({"UPDATE recordings SET ended_at_ms = ?, frames = 0, repaired = 1 WHERE id = ?",
                       {*started, *id}});
      ++report.unreadable;
      continue;
    }
    const auto length_ms = static_cast<std::int64_t>(*frames * 1000 / telephony::media::kWavSampleRate);
    batch.push_back({"UPDATE recordings SET ended_at_ms = ?, frames = ?, repaired = 1 WHERE id = ?",
                     {*started + length_ms, Int(*frames), *id}});
    ++report.repaired;
  }
  if (batch.empty()) return report;
  if (auto done = db_.Write(std::move(batch)).get(); !done) return tl::unexpected(done.error());
  return report;
}

core::Result<int> RecordingStore::DeleteExpired(const std::filesystem::path& data_dir, core::Timestamp now,
                                                access::AuditLog& audit, const OwnedCalls& owned, int limit) {
  if (limit < 1) return Fail(ErrorCode::kInvalidArgument, "limit must be at least 1");
  int deleted = 0;
  // Pages ordered by (ended_at_ms, id), so other nodes' rows (skipped) do not
  // hide this node's behind them.
  std::int64_t after_end = std::numeric_limits<std::int64_t>::min();
  std::int64_t after_id = 0;
  while (deleted < limit) {
    auto rows = db_.Query(
        {"SELECT r.id, r.call_id, r.path, r.ended_at_ms, COALESCE(p.retention_days, ?) FROM recordings r "
         "LEFT JOIN recording_policies p ON p.queue_id = r.queue_id "
         "WHERE r.deleted_at_ms IS NULL AND r.ended_at_ms IS NOT NULL "
         "AND r.ended_at_ms + COALESCE(p.retention_days, ?) * ? <= ? "
         "AND (r.ended_at_ms > ? OR (r.ended_at_ms = ? AND r.id > ?)) "
         "ORDER BY r.ended_at_ms, r.id LIMIT ?",
         {std::int64_t{kDefaultRetentionDays}, std::int64_t{kDefaultRetentionDays}, kDayMs, core::ToMillis(now),
          after_end, after_end, after_id, std::int64_t{limit}}});
    if (!rows) return tl::unexpected(rows.error());
    if (rows->empty()) break;
    for (const auto& row : *rows) {
      auto id = row.Int(0);
      auto call = row.Int(1);
      auto path = row.Text(2);
      auto ended = row.Int(3);
      auto days = row.Int(4);
      if (!id || !call || !path || !ended || !days) {
        return Fail(ErrorCode::kInternal, "a stored recording row is damaged");
      }
      after_end = *ended;
      after_id = *id;
      if (deleted >= limit) break;
      if (owned && !owned(core::CallId(static_cast<std::uint64_t>(*call)))) continue;
      if (CheckRelativePath(*path)) {
        std::error_code ec;
        std::filesystem::remove(data_dir / *path, ec);  // an absent file is no error
        if (ec) {
          spdlog::warn("recording {}: {} cannot be deleted: {}", *id, (data_dir / *path).string(), ec.message());
          continue;
        }
      }
      const RecordingId rid(static_cast<std::uint64_t>(*id));
      if (auto marked = MarkDeleted(rid, now, "retention"); !marked) return tl::unexpected(marked.error());
      access::AuditEntry entry;
      entry.at = now;
      entry.actor_login = "system";
      entry.action = "recording.delete";
      entry.object_type = "recording";
      entry.object_id = std::to_string(*id);
      entry.detail = {{"call_id", *call}, {"reason", "retention"}, {"retention_days", *days}, {"path", *path}};
      if (auto written = audit.Append(std::move(entry)).get(); !written) return tl::unexpected(written.error());
      ++deleted;
    }
  }
  return deleted;
}

}  // namespace cc::recordings
