// What the API asks of the telephony about recordings while a call goes on:
// the agent pauses the recording of their current call (card details being
// dictated) and resumes it. The SIP telephony implements it; a server without
// real telephony passes none, and the API answers that the call is not recorded.
// Thread-safety: implementations are called from the HTTP server's threads.
#pragma once

#include "core/ids.h"
#include "core/result.h"
#include "recordings/recording.h"

namespace cc::recordings {

// The recording whose pause state changed.
struct PauseChange {
  RecordingId recording;
  core::CallId call;
  core::QueueId queue;
  bool paused = false;
};

class RecordingControl {
 public:
  virtual ~RecordingControl() = default;
  // Pauses (silence is recorded meanwhile) or resumes the recording of
  // `agent`'s current call. kFailedPrecondition when the agent has no call or
  // the call is not recorded; pausing a paused recording changes nothing.
  virtual core::Result<PauseChange> SetPaused(core::AgentId agent, bool paused) = 0;
};

}  // namespace cc::recordings
