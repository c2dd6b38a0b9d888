// What a leg plays: a sequence of clips cut into frames, one frame per tick,
// the sequence looped (music) or played once (prompts). A sequence played
// once ends with the frame that holds its last sample, padded with silence.
// Thread-safety: none; it belongs to one leg on its media thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "telephony/media/media_engine.h"

namespace cc::telephony::media {

class ClipPlayer {
 public:
  // Replaces what was playing. An empty sequence, or a looped one without a
  // single sample, stops; a sequence played once without samples ends at
  // the next frame.
  void Start(std::vector<ClipPtr> clips, bool loop);
  void Stop();
  bool playing() const { return playing_; }

  // Fills `frame` with the next samples. Returns true when this frame ends a
  // sequence played once; the player has then stopped. Not playing: silence.
  bool Next(std::span<std::int16_t> frame);

 private:
  std::vector<ClipPtr> clips_;
  bool loop_ = false;
  bool playing_ = false;
  std::size_t clip_ = 0;    // index into clips_
  std::size_t offset_ = 0;  // next sample of clips_[clip_]
};

}  // namespace cc::telephony::media
