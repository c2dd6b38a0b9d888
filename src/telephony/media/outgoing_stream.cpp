#include "telephony/media/outgoing_stream.h"

#include "telephony/media/rtp.h"

namespace cc::telephony::media {
namespace {

// How far the clock may run ahead of our stream before we call it a pause:
// 100 ms, so a late tick on a busy thread does not break the stream.
constexpr std::uint32_t kMaxLag = 800;

}  // namespace

OutgoingStream::OutgoingStream(std::uint32_t ssrc, std::uint16_t first_sequence)
    : ssrc_(ssrc), sequence_(first_sequence) {}

std::uint32_t OutgoingStream::ContinueAt(std::uint32_t clock, bool& jumped) const {
  if (!started_) {
    jumped = true;
    return clock;
  }
  if (TimestampNewer(clock, next_timestamp_ + kMaxLag)) {
    jumped = true;
    return clock;
  }
  return next_timestamp_;
}

RtpStamp OutgoingStream::Emit(std::uint32_t timestamp, bool marker) {
  started_ = true;
  return RtpStamp{sequence_++, timestamp, marker};
}

void OutgoingStream::Advance(std::uint32_t end) {
  if (TimestampNewer(end, next_timestamp_)) next_timestamp_ = end;
}

RtpStamp OutgoingStream::Own(std::uint32_t clock, std::uint32_t samples) {
  bool jumped = false;
  const std::uint32_t timestamp = ContinueAt(clock, jumped);
  const bool marker = jumped || source_.has_value();
  source_.reset();
  const bool was_started = started_;
  const RtpStamp stamp = Emit(timestamp, marker);
  if (!was_started) next_timestamp_ = timestamp;
  Advance(timestamp + samples);
  return stamp;
}

RtpStamp OutgoingStream::Relayed(std::uint32_t clock, std::uint32_t source_ssrc,
                                 std::uint32_t source_timestamp, std::uint32_t samples,
                                 bool source_marker) {
  bool marker = source_marker;
  if (!source_ || *source_ != source_ssrc) {
    bool jumped = false;
    std::uint32_t start = ContinueAt(clock, jumped);
    if (started_ && TimestampNewer(clock, start)) start = clock;
    offset_ = start - source_timestamp;
    source_ = source_ssrc;
    marker = true;
  }
  const std::uint32_t timestamp = source_timestamp + offset_;
  const bool was_started = started_;
  const RtpStamp stamp = Emit(timestamp, marker);
  if (!was_started) next_timestamp_ = timestamp;
  Advance(timestamp + samples);
  return stamp;
}

std::uint32_t OutgoingStream::StartEvent(std::uint32_t clock) {
  bool jumped = false;
  const std::uint32_t timestamp = ContinueAt(clock, jumped);
  source_.reset();
  if (!started_) next_timestamp_ = timestamp;
  return timestamp;
}

RtpStamp OutgoingStream::EventPacket(std::uint32_t event_timestamp, bool first) {
  return Emit(event_timestamp, first);
}

void OutgoingStream::EndEvent(std::uint32_t event_timestamp, std::uint32_t duration) {
  Advance(event_timestamp + duration);
}

}  // namespace cc::telephony::media
