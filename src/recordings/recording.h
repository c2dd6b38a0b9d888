// Call recordings as the rest of the centre sees them: the id, one row per
// recorded call (where its WAV file lies, relative to the data dir, how long
// it is, whether it was repaired after a crash or deleted), the filter of the
// list, and a queue's recording policy (record or not, how long to keep).
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/time.h"

namespace cc::recordings {

struct RecordingTag {
  static constexpr const char* kPrefix = "recording-";
};
using RecordingId = core::StrongId<RecordingTag>;

// What the telephony knows when a recording starts.
struct RecordingStart {
  core::CallId call;
  core::TenantId tenant;
  core::QueueId queue;
  core::AgentId agent;
  std::string path;  // relative to the data dir: "recordings/2026/11/28/call-42.wav"
  core::Timestamp started_at;
};

struct Recording {
  RecordingId id;
  core::TenantId tenant;
  core::CallId call;
  core::QueueId queue;
  core::AgentId agent;
  std::string path;  // relative to the data dir
  core::Timestamp started_at;
  std::optional<core::Timestamp> ended_at;  // empty while the call is recorded
  std::uint64_t frames = 0;                 // 8 kHz sample frames in the file
  int pauses = 0;                           // times the agent paused the recording
  core::Duration paused{0};                 // their total length
  bool repaired = false;                    // finished by RepairUnfinished after a crash
  std::optional<core::Timestamp> deleted_at;
  std::string deleted_reason;  // "retention", "missing"

  bool finished() const { return ended_at.has_value(); }
  bool deleted() const { return deleted_at.has_value(); }
  // The length of the audio (frames at 8 kHz).
  core::Duration length() const { return core::Duration(static_cast<std::int64_t>(frames / 8)); }
};

inline constexpr int kMaxRecordingPage = 500;

struct RecordingFilter {
  std::optional<std::vector<core::TenantId>> tenants = {};  // empty optional: every tenant
  std::optional<std::vector<core::AgentId>> agents = {};    // the reader's scope of agents; empty optional: all
  std::optional<core::CallId> call = {};
  std::optional<core::AgentId> agent = {};
  std::optional<core::Timestamp> from = {};  // started at or after
  std::optional<core::Timestamp> to = {};    // started before
  int limit = 100;                           // 1..kMaxRecordingPage
};

inline constexpr int kDefaultRetentionDays = 90;
inline constexpr int kMaxRetentionDays = 3650;

// A queue without a stored policy records and keeps recordings 90 days.
struct RecordingPolicy {
  bool record = true;
  int retention_days = kDefaultRetentionDays;

  friend bool operator==(const RecordingPolicy&, const RecordingPolicy&) = default;
};

}  // namespace cc::recordings
