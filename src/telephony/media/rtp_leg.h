// One leg of a call on its media thread: the RTP and RTCP sockets, what the
// SDP agreed (SetRemote), where we send (latching onto the source of the
// packets we accept), our outgoing stream, the key presses we send, the clip
// player, the jitter buffer the recording reads, and the leg's counters.
// Received packets of an agreed payload type are handed to the LegListener
// (the call) for relay and digits; others are dropped and counted. Sockets
// are non-blocking: a wake-up reads everything waiting with one recvmmsg
// into the thread's receive batch, sends never wait (a full socket buffer
// loses the packet). Send buffers are the leg's own and reused, so the packet
// path does not allocate (the jitter buffer keeps a copy of each payload).
// Thread-safety: none; every method runs on the call's media thread. Pending
// socket handlers hold the leg alive; after Close they do nothing.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "telephony/media/clip_player.h"
#include "telephony/media/inband_dtmf.h"
#include "telephony/media/jitter_buffer.h"
#include "telephony/media/media_engine.h"
#include "telephony/media/outgoing_stream.h"
#include "telephony/media/rtp.h"
#include "telephony/media/sdp.h"
#include "telephony/media/srtp.h"
#include "telephony/media/telephone_event.h"

namespace cc::telephony::media {

using MediaClock = std::chrono::steady_clock;

// The two sockets of a leg, bound by the engine before the leg exists.
struct LegSockets {
  boost::asio::ip::udp::socket rtp;
  boost::asio::ip::udp::socket rtcp;
  std::uint16_t port = 0;  // RTP's; RTCP is port + 1
};

class LegListener {
 public:
  // An audio packet accepted on `from`, payload in `codec`.
  virtual void OnLegAudio(Leg from, const RtpHeader& header, AudioCodec codec,
                          std::span<const std::uint8_t> payload) = 0;
  // A telephone-event packet accepted on `from`; `digit` is set once per key press.
  virtual void OnLegEvent(Leg from, const RtpHeader& header, std::span<const std::uint8_t> payload,
                          std::optional<char> digit) = 0;

  virtual ~LegListener() = default;
};

struct LegOptions {
  std::size_t jitter_depth = 3;
  MediaClock::duration rtcp_interval = std::chrono::seconds(5);
  std::string cname;  // RTCP CNAME
};

class RtpLeg : public std::enable_shared_from_this<RtpLeg> {
 public:
  static constexpr std::size_t kFrameSamples = 160;  // 20 ms at 8 kHz

  RtpLeg(Leg which, LegSockets sockets, const LegOptions& options, LegListener& listener);

  void Start(MediaClock::time_point now);  // starts reading both sockets
  void Close();
  void SetRemote(const NegotiatedAudio& audio);

  Leg which() const { return which_; }
  void set_which(Leg which) { which_ = which; }  // the call moved it to another slot
  std::uint16_t port() const { return port_; }
  // There is somewhere to send: the SDP's address, or a latched source.
  bool has_destination() const { return destination_.has_value(); }

  ClipPlayer& player() { return player_; }
  void QueueDigit(char digit);
  // A key press is queued, being sent, or in the gap before the next one.
  bool sending_digits() const { return digit_.has_value() || !digits_.empty() || digit_gap_ > 0; }
  // Sends this tick's packet of a key press being sent; false when none is
  // (then the leg may play). A press needs the leg's telephone-event payload type.
  bool SendDigitTick(MediaClock::time_point now);
  // A frame we play, encoded in the leg's codec.
  void SendFrame(std::span<const std::int16_t> samples, MediaClock::time_point now);
  // Packets from the other leg: audio (re-encoded when the codecs differ) and
  // telephone events (with this leg's payload type). Dropped while the leg
  // plays or sends a key press, or cannot send.
  void RelayAudio(const RtpHeader& source, AudioCodec source_codec,
                  std::span<const std::uint8_t> payload, MediaClock::time_point now);
  void RelayEvent(const RtpHeader& source, std::span<const std::uint8_t> payload,
                  MediaClock::time_point now);
  // Takes this tick's frame from the jitter buffer; decodes it into `out`
  // (silence for a lost or missing packet) unless `out` is empty.
  void PopFrame(std::span<std::int16_t> out);
  // Forgets what the jitter buffer holds (playout starts afresh with the next packet).
  void ResetPlayout();
  void MaybeSendReport(MediaClock::time_point now);

  LegStats stats() const;

 private:
  struct DigitOut {
    std::uint8_t event = 0;
    std::uint32_t timestamp = 0;
    int packets = 0;  // sent so far
  };

  bool can_send() const;
  bool can_receive() const;
  std::uint32_t Clock(MediaClock::time_point now) const;
  void ArmRtp();
  void ArmRtcp();
  void DrainRtp();
  void DrainRtcp();
  // `datagram` is decrypted in place when the leg runs SRTP.
  void OnRtp(std::span<std::uint8_t> datagram, const boost::asio::ip::udp::endpoint& from);
  void UpdateSrtp(const NegotiatedAudio& audio);
  void UpdateJitter(const RtpHeader& header);
  void SendRtp(const RtpStamp& stamp, std::uint8_t payload_type,
               std::span<const std::uint8_t> payload);

  Leg which_;
  boost::asio::ip::udp::socket rtp_;
  boost::asio::ip::udp::socket rtcp_;
  std::uint16_t port_;
  LegOptions options_;
  LegListener& listener_;
  bool closed_ = false;

  std::optional<NegotiatedAudio> remote_;
  std::optional<boost::asio::ip::udp::endpoint> destination_;
  std::optional<boost::asio::ip::udp::endpoint> rtcp_destination_;
  bool latched_ = false;
  bool rtcp_latched_ = false;

  MediaClock::time_point opened_;
  std::uint32_t clock_base_;
  OutgoingStream out_;
  ClipPlayer player_;
  std::deque<char> digits_;
  std::optional<DigitOut> digit_;
  int digit_gap_ = 0;  // ticks left before the next press may start

  JitterBuffer jitter_;
  DtmfReceiver dtmf_;
  std::unique_ptr<InbandDtmf> inband_;  // only while the far end sends no RFC 4733 events
  std::optional<std::uint32_t> source_ssrc_;
  std::optional<std::int64_t> last_transit_;
  double interarrival_jitter_ = 0;  // RFC 3550 A.8, in timestamp units

  MediaClock::time_point next_report_;

  std::uint64_t packets_received_ = 0;
  std::uint64_t packets_sent_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t rtcp_received_ = 0;
  std::uint64_t rtcp_sent_ = 0;

  std::array<std::uint8_t, 2048> send_buffer_{};
  // SRTP (SDES keys from the SDP): set while the agreed stream is RTP/SAVP.
  std::unique_ptr<SrtpSession> srtp_;
  std::string srtp_keys_;  // suite and both keys the session was made with
  std::uint64_t srtp_refused_ = 0;  // packets that failed to decrypt (forged, damaged, replayed, plain)
  std::array<std::uint8_t, 2048> encode_buffer_{};
  std::array<std::int16_t, 2048> samples_{};
};

}  // namespace cc::telephony::media
