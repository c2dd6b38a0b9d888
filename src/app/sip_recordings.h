// Where SIP calls' recordings go: the queue's policy decides whether a call
// is recorded, the file goes to DATA_DIR/recordings/YYYY/MM/DD/call-<id>.wav
// and its row to recordings::RecordingStore; the agent's pause/resume from the
// desk reaches the media engine through the SIP telephony.
// Thread-safety: the RecordingSink methods run on the core loop (called by
// SipTelephony); SetPaused may be called from any thread.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>

#include "centre/centre.h"
#include "core/clock.h"
#include "recordings/recording_control.h"
#include "recordings/recording_store.h"
#include "telephony/sip/sip_telephony.h"

namespace cc::app {

class SipRecordings final : public telephony::sip::RecordingSink, public recordings::RecordingControl {
 public:
  SipRecordings(recordings::RecordingStore& store, centre::Centre& centre, core::Clock& clock,
                std::filesystem::path data_dir)
      : store_(store), centre_(centre), clock_(clock), data_dir_(std::move(data_dir)) {}

  // Set once the SIP telephony exists (before calls arrive).
  void SetTelephony(telephony::sip::SipTelephony* telephony) { telephony_ = telephony; }

  // RecordingSink (core loop).
  std::optional<std::filesystem::path> Begin(core::CallId call, std::optional<core::QueueId> queue,
                                             core::AgentId agent) override;
  void Finish(core::CallId call, std::uint64_t frames) override;
  bool WillRecord(core::CallId call, std::optional<core::QueueId> queue) override;

  // RecordingControl (any thread).
  core::Result<recordings::PauseChange> SetPaused(core::AgentId agent, bool paused) override;

 private:
  struct Open {
    recordings::RecordingId id;
    core::CallId call;
    core::QueueId queue;
    core::AgentId agent;
    std::optional<core::Timestamp> paused_since;
  };

  // The queue's policy, read from the store at most every few seconds (a
  // change made in the web app applies to calls from then on).
  std::optional<recordings::RecordingPolicy> PolicyOf(core::QueueId queue);
  std::optional<core::QueueId> QueueOf(core::CallId call, std::optional<core::QueueId> queue) const;
  struct CachedPolicy {
    recordings::RecordingPolicy policy;
    core::Timestamp read_at;
  };

  recordings::RecordingStore& store_;
  centre::Centre& centre_;
  core::Clock& clock_;
  std::filesystem::path data_dir_;
  telephony::sip::SipTelephony* telephony_ = nullptr;
  std::mutex mutex_;
  std::map<core::CallId, Open> open_;  // guarded by mutex_
  std::map<core::QueueId, CachedPolicy> policies_;  // core loop only
};

}  // namespace cc::app
