#include "telephony/media/clip_player.h"

#include <algorithm>

namespace cc::telephony::media {

void ClipPlayer::Start(std::vector<ClipPtr> clips, bool loop) {
  std::erase_if(clips, [](const ClipPtr& clip) { return clip == nullptr; });
  const bool any_sample = std::any_of(clips.begin(), clips.end(),
                                      [](const ClipPtr& clip) { return !clip->samples.empty(); });
  clips_ = std::move(clips);
  loop_ = loop;
  clip_ = 0;
  offset_ = 0;
  playing_ = !clips_.empty() && (any_sample || !loop);
  if (!playing_) clips_.clear();
}

void ClipPlayer::Stop() {
  playing_ = false;
  clips_.clear();
}

bool ClipPlayer::Next(std::span<std::int16_t> frame) {
  std::size_t filled = 0;
  while (playing_ && filled < frame.size()) {
    if (clip_ == clips_.size()) {
      if (!loop_) break;
      clip_ = 0;
    }
    const std::vector<std::int16_t>& samples = clips_[clip_]->samples;
    const std::size_t n = std::min(frame.size() - filled, samples.size() - offset_);
    std::copy_n(samples.begin() + static_cast<std::ptrdiff_t>(offset_), n,
                frame.begin() + static_cast<std::ptrdiff_t>(filled));
    filled += n;
    offset_ += n;
    if (offset_ == samples.size()) {
      ++clip_;
      offset_ = 0;
    }
  }
  std::fill(frame.begin() + static_cast<std::ptrdiff_t>(filled), frame.end(), std::int16_t{0});
  if (playing_ && !loop_ && clip_ == clips_.size()) {
    Stop();
    return true;
  }
  return false;
}

}  // namespace cc::telephony::media
