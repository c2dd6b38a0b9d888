#include "telephony/media/call_recorder.h"

#include <algorithm>

namespace cc::telephony::media {

CallRecorder::CallRecorder(WavWriter writer, std::filesystem::path path,
                           std::size_t batch_samples)
    : writer_(std::move(writer)),
      path_(std::move(path)),
      batch_samples_(std::max<std::size_t>(batch_samples, 1)) {
  caller_.reserve(batch_samples_ + 320);
  agent_.reserve(batch_samples_ + 320);
}

core::Status CallRecorder::Append(std::span<const std::int16_t> caller,
                                  std::span<const std::int16_t> agent) {
  if (paused_) return {};
  const std::size_t frames = std::max(caller.size(), agent.size());
  caller_.insert(caller_.end(), caller.begin(), caller.end());
  caller_.resize(caller_.size() + (frames - caller.size()), 0);
  agent_.insert(agent_.end(), agent.begin(), agent.end());
  agent_.resize(agent_.size() + (frames - agent.size()), 0);
  if (caller_.size() >= batch_samples_) return Flush();
  return {};
}

core::Status CallRecorder::Flush() {
  if (caller_.empty()) return {};
  auto written = writer_.AppendStereo(caller_, agent_);
  caller_.clear();
  agent_.clear();
  return written;
}

core::Status CallRecorder::Pause(bool paused) {
  if (paused == paused_) return {};
  auto flushed = Flush();
  paused_ = paused;
  return flushed;
}

core::Result<RecordingSummary> CallRecorder::Finish() {
  auto flushed = Flush();
  auto closed = writer_.Close();
  if (!flushed) return tl::unexpected(flushed.error());
  if (!closed) return tl::unexpected(closed.error());
  return RecordingSummary{path_, writer_.frames_written()};
}

}  // namespace cc::telephony::media
