// A stream of datagrams on one media port, taken the way RtpLeg::OnRtp takes
// them: ParseRtp, then the audio payload type into the JitterBuffer and the
// telephone-event type into the buffer (as an empty frame) and the
// DtmfReceiver; a new SSRC resets the buffer. Ticks (Pop) come in between.
//
// Input: byte 0 picks the buffer depth (1..8); then records, each starting
// with a byte whose low 2 bits say what follows:
//   0, 1  a datagram: one length byte, then that many bytes
//   2     (byte >> 2) + 1 ticks
//   3     one tick
// Properties: the buffer never holds more than twice its depth; every
// packet put in is accounted for at most once (played, late, duplicate,
// overflow, stray or still held); no counter wraps below zero; Pop's kAudio
// frames are exactly the `played` count, and its kLost frames are among `lost`.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "check.h"
#include "telephony/media/jitter_buffer.h"
#include "telephony/media/rtp.h"
#include "telephony/media/telephone_event.h"

using namespace cc::telephony::media;

namespace {

constexpr std::uint8_t kAudioType = 0;    // PCMU, as negotiated
constexpr std::uint8_t kEventType = 101;  // telephone-event, as negotiated
constexpr std::uint64_t kNoWrap = std::uint64_t{1} << 40;

struct Stream {
  explicit Stream(std::size_t depth) : depth(depth), jitter(depth) {}

  void OnDatagram(std::span<const std::uint8_t> datagram) {
    const auto packet = ParseRtp(datagram);
    if (!packet) return;
    const RtpHeader& header = packet->header;
    const bool audio = header.payload_type == kAudioType;
    const bool event = header.payload_type == kEventType;
    if (!audio && !event) return;
    if (ssrc != header.ssrc) {
      if (ssrc) jitter.Reset();
      ssrc = header.ssrc;
    }
    if (audio) {
      jitter.Put(header.sequence, packet->payload);
      return;
    }
    jitter.Put(header.sequence, {});
    if (const auto parsed = ParseTelephoneEvent(packet->payload)) {
      const auto digit = dtmf.OnPacket(header.ssrc, header.timestamp, *parsed);
      FUZZ_CHECK(!digit || DigitForEvent(parsed->event) == digit);
    }
  }

  void Tick() {
    const PlayoutFrame frame = jitter.Pop();
    if (frame.kind == PlayoutKind::kAudio) ++audio_frames;
    if (frame.kind == PlayoutKind::kLost) ++lost_frames;
    FUZZ_CHECK(frame.kind == PlayoutKind::kAudio || frame.payload.empty());
  }

  void Check() const {
    const JitterStats& s = jitter.stats();
    FUZZ_CHECK(jitter.held() <= 2 * depth);
    for (std::uint64_t counter :
         {s.received, s.played, s.lost, s.late, s.duplicate, s.overflow, s.stray}) {
      FUZZ_CHECK(counter < kNoWrap);
    }
    const std::uint64_t accounted =
        s.played + s.late + s.duplicate + s.overflow + s.stray + jitter.held();
    FUZZ_CHECK(accounted <= s.received);
    FUZZ_CHECK(s.played == audio_frames);
    FUZZ_CHECK(lost_frames <= s.lost);
  }

  std::size_t depth;
  JitterBuffer jitter;
  DtmfReceiver dtmf;
  std::optional<std::uint32_t> ssrc;
  std::uint64_t audio_frames = 0;
  std::uint64_t lost_frames = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Stream stream(1 + data[0] % 8);
  std::size_t at = 1;
  while (at < size) {
    const std::uint8_t op = data[at++];
    switch (op & 3) {
      case 0:
      case 1: {
        if (at >= size) return 0;
        const std::size_t length = std::min<std::size_t>(data[at], size - at - 1);
        ++at;
        stream.OnDatagram({data + at, length});
        at += length;
        break;
      }
      case 2:
        for (int i = 0; i <= op >> 2; ++i) stream.Tick();
        break;
      case 3:
        stream.Tick();
        break;
    }
    stream.Check();
  }
  return 0;
}
