#include "telephony/media/jitter_buffer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace cc::telephony::media {
namespace {

// RFC 3550 A.1: further than this from the highest sequence number seen is
// taken as a restarted sender rather than loss or reordering.
constexpr int kMaxDropout = 3000;
constexpr int kMaxMisorder = 100;
constexpr int kSequenceModulus = 1 << 16;
constexpr std::int64_t kNeverPlayed = std::numeric_limits<std::int64_t>::min();
constexpr std::size_t kMinHistory = 64;

std::size_t Slot(std::int64_t extended, std::size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  return static_cast<std::size_t>(((extended % n) + n) % n);
}

}  // namespace

JitterBuffer::JitterBuffer(std::size_t depth)
    : depth_(depth),
      capacity_(static_cast<std::int64_t>(2 * depth)),
      recently_played_(std::max(kMinHistory, 2 * depth), kNeverPlayed) {
  if (depth == 0) {
    std::fprintf(stderr, "JitterBuffer: depth must be at least 1\n");
    std::abort();
  }
}

void JitterBuffer::Reset() {
  stats_.overflow += held_.size();
  held_.clear();
  playing_ = false;
  last_turn_.reset();
  extender_ = SequenceExtender();
  jump_.reset();
  std::fill(recently_played_.begin(), recently_played_.end(), kNeverPlayed);
}

bool JitterBuffer::WasPlayed(std::int64_t extended) const {
  return recently_played_[Slot(extended, recently_played_.size())] == extended;
}

void JitterBuffer::SlideTo(std::int64_t first_kept) {
  std::int64_t dropped = 0;
  while (!held_.empty() && held_.begin()->first < first_kept) {
    held_.erase(held_.begin());
    ++dropped;
  }
  stats_.overflow += static_cast<std::uint64_t>(dropped);
  if (playing_) {
    stats_.lost += static_cast<std::uint64_t>(first_kept - next_ - dropped);
    next_ = first_kept;
  }
  last_turn_ = std::max(last_turn_.value_or(first_kept - 1), first_kept - 1);
}

void JitterBuffer::Put(std::uint16_t sequence, std::span<const std::uint8_t> payload) {
  ++stats_.received;
  if (const auto highest = extender_.highest()) {
    const auto ahead = static_cast<std::uint16_t>(sequence - static_cast<std::uint16_t>(*highest));
    if (ahead > kMaxDropout && ahead < kSequenceModulus - kMaxMisorder) {
      if (!jump_ || jump_->sequence != static_cast<std::uint16_t>(sequence - 1)) {
        if (jump_) ++stats_.stray;
        jump_ = Pending{sequence, std::vector<std::uint8_t>(payload.begin(), payload.end())};
        return;
      }
      const Pending first = std::move(*jump_);
      Reset();
      Store(first.sequence, first.payload);
    }
  }
  if (jump_) {
    ++stats_.stray;
    jump_.reset();
  }
  Store(sequence, payload);
}

void JitterBuffer::Store(std::uint16_t sequence, std::span<const std::uint8_t> payload) {
  const std::int64_t extended = extender_.Extend(sequence);
  if (last_turn_ && extended <= *last_turn_) {
    ++(WasPlayed(extended) ? stats_.duplicate : stats_.late);
    return;
  }
  if (held_.contains(extended)) {
    ++stats_.duplicate;
    return;
  }
  const std::int64_t first =
      playing_ ? next_ : (held_.empty() ? extended : std::min(held_.begin()->first, extended));
  // The window ends at the newest packet held or this one: one arriving older
  // than everything held (before playout starts) must not widen it either.
  const std::int64_t last = held_.empty() ? extended : std::max(held_.rbegin()->first, extended);
  if (last - first >= capacity_) {
    SlideTo(last - capacity_ + 1);
    if (extended < last - capacity_ + 1) {
      ++stats_.overflow;
      return;
    }
  }
  held_.emplace(extended, std::vector<std::uint8_t>(payload.begin(), payload.end()));
}

PlayoutFrame JitterBuffer::Pop() {
  PlayoutFrame frame;
  if (!playing_) {
    if (held_.size() < depth_) return frame;
    playing_ = true;
    next_ = held_.begin()->first;
    // Sequence numbers skipped while refilling were lost, not paused.
    if (last_turn_) stats_.lost += static_cast<std::uint64_t>(next_ - *last_turn_ - 1);
  }
  if (held_.empty()) {
    playing_ = false;  // the sender paused or the network stalled: refill before playing again
    return frame;
  }
  frame.sequence = static_cast<std::uint16_t>(next_);
  if (held_.begin()->first == next_) {
    frame.kind = PlayoutKind::kAudio;
    frame.payload = std::move(held_.begin()->second);
    held_.erase(held_.begin());
    recently_played_[Slot(next_, recently_played_.size())] = next_;
    ++stats_.played;
  } else {
    frame.kind = PlayoutKind::kLost;
    ++stats_.lost;
  }
  last_turn_ = next_;
  ++next_;
  return frame;
}

}  // namespace cc::telephony::media
