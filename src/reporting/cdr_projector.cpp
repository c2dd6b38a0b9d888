#include "reporting/cdr_projector.h"

#include <utility>

#include "reporting/cdr_repository.h"
#include "reporting/server_records.h"

namespace cc::reporting {

using core::ErrorCode;
using core::Fail;
using storage::Statement;

core::Result<std::unique_ptr<CdrProjector>> CdrProjector::Open(storage::Database& db,
                                                               storage::InteractionLog& log) {
  auto projector = std::unique_ptr<CdrProjector>(new CdrProjector(db, log));
  if (auto loaded = projector->Load(); !loaded) return tl::unexpected(loaded.error());
  return projector;
}

core::Status CdrProjector::Load() {
  builder_ = CdrBuilder();
  last_seq_ = 0;
  auto progress = db_.Query({"SELECT last_seq FROM cdr_progress WHERE id = 1", {}});
  if (!progress) return tl::unexpected(progress.error());
  if (!progress->empty()) {
    auto seq = progress->front().Int(0);
    if (!seq) return Fail(ErrorCode::kInternal, "cdr_progress holds a malformed row");
    last_seq_ = *seq;
  }
  auto open = db_.Query({"SELECT state FROM cdr_open_calls ORDER BY call_id", {}});
  if (!open) return tl::unexpected(open.error());
  for (const storage::Row& row : *open) {
    auto state = row.Text(0);
    if (!state) return Fail(ErrorCode::kInternal, "cdr_open_calls holds a malformed row");
    if (auto restored = builder_.Restore(*state); !restored) return restored;
  }
  return {};
}

core::Status CdrProjector::Store(std::int64_t new_last_seq) {
  CdrChanges changes = builder_.TakeChanges();
  std::vector<Statement> batch;
  for (const Cdr& cdr : changes.cdrs) {
    for (Statement& s : CdrRepository::Upsert(cdr)) batch.push_back(std::move(s));
  }
  for (const CdrPatch& patch : changes.patches) {
    for (Statement& s : CdrRepository::Patch(patch)) batch.push_back(std::move(s));
  }
  for (const auto& [call, state] : changes.saved) {
    const auto id = static_cast<std::int64_t>(call.value());
    batch.push_back({"DELETE FROM cdr_open_calls WHERE call_id = ?", {id}});
    batch.push_back({"INSERT INTO cdr_open_calls (call_id, state) VALUES (?, ?)", {id, state}});
  }
  for (core::CallId call : changes.released) {
    batch.push_back({"DELETE FROM cdr_open_calls WHERE call_id = ?",
                     {static_cast<std::int64_t>(call.value())}});
  }
  // Moves the position only from where this projector read it: if another
  // node moved it meanwhile, the row stays, the INSERT collides and nothing
  // of this batch is written.
  batch.push_back({"DELETE FROM cdr_progress WHERE id = 1 AND last_seq = ?", {last_seq_}});
  batch.push_back({"INSERT INTO cdr_progress (id, last_seq) VALUES (1, ?)", {new_last_seq}});
  if (auto written = db_.Write(std::move(batch)).get(); !written) {
    // The builder is ahead of what is stored: go back to what is stored.
    if (auto reloaded = Load(); !reloaded) return reloaded;
    // Another node projected this part already: carry on from its position.
    if (written.error().code == ErrorCode::kAlreadyExists) return {};
    return written;
  }
  last_seq_ = new_last_seq;
  return {};
}

core::Result<std::int64_t> CdrProjector::Poll() {
  std::int64_t read = 0;
  for (;;) {
    auto records = log_.ReadFrom(last_seq_ + 1, kChunk);
    if (!records) return tl::unexpected(records.error());
    if (records->empty()) return read;
    for (const storage::LogRecord& record : *records) builder_.Consume(record);
    // After a reload (another node was ahead) the next read starts from its position.
    if (auto stored = Store(records->back().seq); !stored) return tl::unexpected(stored.error());
    read += static_cast<std::int64_t>(records->size());
    if (records->size() < static_cast<std::size_t>(kChunk)) return read;
  }
}

core::Result<std::vector<core::CallId>> CdrProjector::RecoverInterrupted(
    core::Timestamp now, const std::function<bool(core::CallId)>& owned) {
  if (auto caught_up = Poll(); !caught_up) return tl::unexpected(caught_up.error());
  std::vector<core::CallId> open = builder_.OpenCalls();
  if (owned) std::erase_if(open, [&owned](core::CallId call) { return !owned(call); });
  if (!open.empty()) {
    std::vector<storage::LogRecord> records;
    records.reserve(open.size());
    for (core::CallId call : open) records.push_back(CallInterruptedRecord(now, call));
    if (auto appended = log_.Append(std::move(records)).get(); !appended) {
      return tl::unexpected(appended.error());
    }
    if (auto projected = Poll(); !projected) return tl::unexpected(projected.error());
  }
  builder_.ReleaseEnded();
  if (auto stored = Store(last_seq_); !stored) return tl::unexpected(stored.error());
  return open;
}

}  // namespace cc::reporting
