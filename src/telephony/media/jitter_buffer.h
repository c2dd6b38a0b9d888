// The playout buffer between the network and whatever plays or records a
// stream: packets go in as they arrive (Put), one frame comes out per 20 ms
// tick (Pop). It waits for `depth` packets before playing, puts packets back
// in sequence order, drops duplicates and packets whose turn has passed, and
// reports a missing packet as a kLost frame so the caller can play comfort
// silence. It never holds more than twice its depth: when the sender runs
// ahead the oldest packets are dropped, so delay stays bounded. When it runs
// dry it waits for `depth` packets again. No clock inside: the caller ticks.
// Thread-safety: none; one stream's owner uses it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "telephony/media/rtp.h"

namespace cc::telephony::media {

enum class PlayoutKind {
  kAudio,  // payload holds the packet's payload
  kLost,   // the packet for this turn never came in time: conceal it
  kEmpty,  // nothing to play yet (filling up, or the sender paused)
};

struct PlayoutFrame {
  PlayoutKind kind = PlayoutKind::kEmpty;
  std::uint16_t sequence = 0;  // for kAudio and kLost
  std::vector<std::uint8_t> payload;
};

struct JitterStats {
  std::uint64_t received = 0;   // every Put
  std::uint64_t played = 0;     // kAudio frames
  std::uint64_t lost = 0;       // sequence numbers never received in time
  std::uint64_t late = 0;       // arrived after their turn
  std::uint64_t duplicate = 0;  // already held or played
  std::uint64_t overflow = 0;   // dropped because the sender ran too far ahead, or by Reset
  std::uint64_t stray = 0;      // far from the stream and not followed by its successor
};

class JitterBuffer {
 public:
  explicit JitterBuffer(
      std::size_t depth);  // depth >= 1 (checked); each packet adds 20 ms of delay

  void Put(std::uint16_t sequence, std::span<const std::uint8_t> payload);
  PlayoutFrame Pop();
  // For a new stream (SSRC change): forgets sequence numbers and held
  // packets, keeps the counters. Without being told, a jump of more than 3000
  // ahead or 100 behind is taken as a new stream once the next packet follows
  // on from it (RFC 3550 A.1); a lone far packet is dropped as stray.
  void Reset();

  const JitterStats& stats() const { return stats_; }
  std::size_t held() const { return held_.size(); }

 private:
  struct Pending {
    std::uint16_t sequence = 0;
    std::vector<std::uint8_t> payload;
  };

  void Store(std::uint16_t sequence, std::span<const std::uint8_t> payload);
  void SlideTo(std::int64_t first_kept);
  bool WasPlayed(std::int64_t extended) const;

  std::size_t depth_;
  std::int64_t capacity_;
  SequenceExtender extender_;
  std::map<std::int64_t, std::vector<std::uint8_t>> held_;  // by extended sequence
  bool playing_ = false;
  std::int64_t next_ = 0;                  // the turn Pop plays next, while playing
  std::optional<std::int64_t> last_turn_;  // the latest turn passed, played or lost
  std::vector<std::int64_t>
      recently_played_;          // slot extended % size holds the last one played there
  std::optional<Pending> jump_;  // a far packet waiting for its successor to confirm a new stream
  JitterStats stats_;
};

}  // namespace cc::telephony::media
