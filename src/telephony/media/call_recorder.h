// One call's stereo recording as the call goes: a frame per tick, the caller
// left and the agent right, gathered and handed to the WavWriter a few
// frames at a time (one write per batch rather than per tick). Paused,
// nothing is written: the file is shorter, not silent. What is gathered is
// written before a pause takes effect and when the recording finishes.
// Thread-safety: none; it belongs to the call's media thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "core/result.h"
#include "telephony/media/media_engine.h"
#include "telephony/media/wav.h"

namespace cc::telephony::media {

class CallRecorder {
 public:
  // `batch_samples`: samples per channel gathered before a write (>= 1).
  CallRecorder(WavWriter writer, std::filesystem::path path, std::size_t batch_samples);

  // One tick of both sides; the shorter side is padded with silence. Ignored while paused.
  core::Status Append(std::span<const std::int16_t> caller, std::span<const std::int16_t> agent);
  core::Status Pause(bool paused);
  bool paused() const { return paused_; }
  // Writes what is gathered, the header's sizes, and closes.
  core::Result<RecordingSummary> Finish();

  // Frames in the file plus those gathered.
  std::uint64_t frames() const { return writer_.frames_written() + caller_.size(); }

 private:
  core::Status Flush();

  WavWriter writer_;
  std::filesystem::path path_;
  std::size_t batch_samples_;
  bool paused_ = false;
  std::vector<std::int16_t> caller_;  // gathered, not yet written; same length as agent_
  std::vector<std::int16_t> agent_;
};

}  // namespace cc::telephony::media
