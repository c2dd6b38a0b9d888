// Our side of one leg's outgoing RTP stream: the SSRC, sequence numbers and
// timestamps of everything we send on it — frames we play, our own key
// presses and packets relayed from the other leg — so that the far end sees
// one continuous stream whatever feeds it. Timestamps follow the leg's media
// clock (8 kHz since the leg opened, from a random start): after a pause, or
// when the source changes, the next packet continues from the clock and
// carries the marker bit; relayed packets keep their timing relative to one
// another (offset from their source's timestamps).
// Thread-safety: none; it belongs to one leg on its media thread.
#pragma once

#include <cstdint>
#include <optional>

namespace cc::telephony::media {

struct RtpStamp {
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  bool marker = false;
};

class OutgoingStream {
 public:
  OutgoingStream(std::uint32_t ssrc, std::uint16_t first_sequence);

  // A frame of ours of `samples` samples; `clock` is now on the leg's RTP clock.
  RtpStamp Own(std::uint32_t clock, std::uint32_t samples);
  // A packet from another stream (`source_ssrc`), re-stamped for this one.
  RtpStamp Relayed(std::uint32_t clock, std::uint32_t source_ssrc, std::uint32_t source_timestamp,
                   std::uint32_t samples, bool source_marker);
  // Our own RFC 4733 event: StartEvent picks the event's timestamp, each
  // packet of the event is stamped with it, EndEvent moves the stream past it.
  std::uint32_t StartEvent(std::uint32_t clock);
  RtpStamp EventPacket(std::uint32_t event_timestamp, bool first);
  void EndEvent(std::uint32_t event_timestamp, std::uint32_t duration);

  // Counts a packet actually handed to the network (for sender reports).
  void Sent(std::size_t payload_bytes) {
    ++packets_;
    octets_ += static_cast<std::uint32_t>(payload_bytes);
  }

  std::uint32_t ssrc() const { return ssrc_; }
  std::uint32_t packets() const { return packets_; }
  std::uint32_t octets() const { return octets_; }

 private:
  // Where our own media continues: where we left off, or the clock after a pause.
  std::uint32_t ContinueAt(std::uint32_t clock, bool& jumped) const;
  RtpStamp Emit(std::uint32_t timestamp, bool marker);
  void Advance(std::uint32_t end);

  std::uint32_t ssrc_;
  std::uint16_t sequence_;
  bool started_ = false;
  std::uint32_t next_timestamp_ = 0;  // the timestamp that would follow without a gap
  std::optional<std::uint32_t> source_;  // the relayed SSRC being followed; nullopt: our own
  std::uint32_t offset_ = 0;             // our timestamp minus the source's
  std::uint32_t packets_ = 0;
  std::uint32_t octets_ = 0;
};

}  // namespace cc::telephony::media
