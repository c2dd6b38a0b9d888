// Call recordings on storage: a row per recorded call (begun when the call is
// answered, finished when it ends), the queues' recording policies, and the
// upkeep of the files under the data dir — repairing recordings a crash left
// unfinished and deleting those whose queue's retention has passed (each
// deletion audited). SQLite and PostgreSQL alike (portable SQL).
// Thread-safety: every method may be called from any thread (the Database
// is thread-safe; ids come from a locked allocator). RepairUnfinished and
// DeleteExpired touch files: run them where blocking is fine, and
// RepairUnfinished before the telephony starts recording.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "access/audit_log.h"
#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"
#include "recordings/recording.h"
#include "storage/database.h"
#include "storage/id_allocator.h"

namespace cc::recordings {

// What RepairUnfinished did.
struct RepairReport {
  int repaired = 0;    // files made playable, rows finished
  int missing = 0;     // no file: rows marked deleted ("missing")
  int unreadable = 0;  // not a WAV file RepairWav can mend: rows finished empty, file kept
};

// Which calls' recordings this node looks after (several nodes on one
// PostgreSQL each have their own data dir); empty: all of them.
using OwnedCalls = std::function<bool(core::CallId)>;

// A path relative to the data dir that stays inside it: not empty, not
// absolute, no "..", no empty or "." segments.
core::Status CheckRelativePath(const std::string& path);

class RecordingStore {
 public:
  // Ids come from storage::IdAllocator (kind "recording"): its migration
  // must be applied too.
  explicit RecordingStore(storage::Database& db);

  static storage::Migration Migration(int version);

  // Records that a call's recording started; kInvalidArgument for a path
  // outside the data dir or missing ids.
  core::Result<RecordingId> Begin(const RecordingStart& start);
  // The recording ended with `frames` sample frames written. kNotFound for an
  // unknown id, kFailedPrecondition when it is already finished.
  core::Status Finish(RecordingId id, core::Timestamp ended_at, std::uint64_t frames);
  // The agent paused the recording for `paused` (called when it resumes, or
  // at the end of a call left paused).
  core::Status AddPause(RecordingId id, core::Duration paused);

  core::Result<std::optional<Recording>> Get(RecordingId id);
  // Newest first (by start). kInvalidArgument for a limit outside 1..500.
  core::Result<std::vector<Recording>> List(const RecordingFilter& filter);

  // The queue's policy (the default when none is stored).
  core::Result<RecordingPolicy> Policy(core::QueueId queue);
  // kInvalidArgument naming retention_days when it is outside 1..3650.
  core::Status SetPolicy(core::QueueId queue, bool record, int retention_days);

  // Marks a recording deleted (the file is the caller's to remove).
  core::Status MarkDeleted(RecordingId id, core::Timestamp at, const std::string& reason);

  // For every unfinished recording (the server died mid-call): mends its file
  // with media::RepairWav and finishes the row (frames, ended_at = started_at
  // + frames / 8000 s, repaired); a row without a file is marked deleted,
  // reason "missing". Call at start, before new calls are recorded.
  core::Result<RepairReport> RepairUnfinished(const std::filesystem::path& data_dir, core::Timestamp now,
                                              const OwnedCalls& owned = {});

  // Deletes the files of up to `limit` finished recordings whose queue's
  // retention has passed since they ended and marks their rows deleted
  // ("retention"); each deletion is appended to `audit` (actor "system",
  // action "recording.delete", with the recording and call ids). Returns how
  // many were deleted; call again while it returns `limit`.
  core::Result<int> DeleteExpired(const std::filesystem::path& data_dir, core::Timestamp now,
                                  access::AuditLog& audit, const OwnedCalls& owned = {}, int limit = 200);

 private:
  storage::Database& db_;
  storage::IdAllocator ids_;
};

}  // namespace cc::recordings
