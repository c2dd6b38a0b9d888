#include "telephony/media/rtp_leg.h"

#include <spdlog/spdlog.h>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <boost/asio/ip/address.hpp>
#include <cmath>
#include <random>

#include "telephony/media/g711.h"
#include "telephony/media/rtcp.h"

namespace cc::telephony::media {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

constexpr std::size_t kMaxReadsPerWake = 64;    // RTCP datagrams, then other sockets get a turn
constexpr std::size_t kMaxBatchesPerWake = 4;   // RTP batches, likewise
constexpr int kDigitTonePackets = 5;          // 100 ms of key press
constexpr int kDigitEndPackets = 3;           // the end packet, sent three times (RFC 4733 2.5.1.4)
constexpr int kDigitGapTicks = 3;             // 60 ms between presses
constexpr std::uint8_t kDigitVolume = 10;     // -10 dBm0
constexpr std::uint32_t kSamplesPerMs = 8;

// Datagrams read at once; shared by every leg of the thread, used only inside DrainRtp.
struct ReceiveBatch {
  static constexpr std::size_t kSize = 16;
  std::array<mmsghdr, kSize> headers;
  std::array<iovec, kSize> iov;
  std::array<sockaddr_storage, kSize> from;
  std::array<std::array<std::uint8_t, 2048>, kSize> data;
};

ReceiveBatch& ThreadReceiveBatch() {
  thread_local ReceiveBatch batch;
  return batch;
}

std::mt19937& Random() {
  thread_local std::mt19937 random(std::random_device{}());
  return random;
}

void Encode(AudioCodec codec, std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
  if (codec == AudioCodec::kPcmu) {
    EncodeMuLaw(in, out);
  } else {
    EncodeALaw(in, out);
  }
}

void Decode(AudioCodec codec, std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
  if (codec == AudioCodec::kPcmu) {
    DecodeMuLaw(in, out);
  } else {
    DecodeALaw(in, out);
  }
}

}  // namespace

RtpLeg::RtpLeg(Leg which, LegSockets sockets, const LegOptions& options, LegListener& listener)
    : which_(which),
      rtp_(std::move(sockets.rtp)),
      rtcp_(std::move(sockets.rtcp)),
      port_(sockets.port),
      options_(options),
      listener_(listener),
      clock_base_(static_cast<std::uint32_t>(Random()())),
      out_(static_cast<std::uint32_t>(Random()()), static_cast<std::uint16_t>(Random()())),
      jitter_(std::max<std::size_t>(options.jitter_depth, 1)) {}

void RtpLeg::Start(MediaClock::time_point now) {
  opened_ = now;
  next_report_ = now + options_.rtcp_interval;
  boost::system::error_code ignored;
  rtp_.non_blocking(true, ignored);
  rtcp_.non_blocking(true, ignored);
  ArmRtp();
  ArmRtcp();
}

void RtpLeg::Close() {
  closed_ = true;
  player_.Stop();
  boost::system::error_code ignored;
  rtp_.close(ignored);
  rtcp_.close(ignored);
}

void RtpLeg::UpdateSrtp(const NegotiatedAudio& audio) {
  if (!audio.srtp) {
    srtp_.reset();
    srtp_keys_.clear();
    return;
  }
  const std::string keys = audio.srtp->suite + " " + audio.srtp->our_key + " " + audio.srtp->their_key_params;
  if (srtp_ && keys == srtp_keys_) return;  // a re-INVITE with the same keys keeps the session
  srtp_.reset();
  srtp_keys_ = keys;
  auto ours = ParseSrtpKeyParams("inline:" + audio.srtp->our_key);
  auto theirs = ParseSrtpKeyParams(audio.srtp->their_key_params);
  if (!ours || !theirs) {
    spdlog::warn("media: port {} cannot use the SRTP keys: {}", port_,
                 (!ours ? ours.error() : theirs.error()).message);
    return;  // nothing is sent or taken until keys that work arrive
  }
  auto session = SrtpSession::Create({audio.srtp->suite, *ours, *theirs});
  if (!session) {
    spdlog::warn("media: port {}: {}", port_, session.error().message);
    return;
  }
  srtp_ = std::move(*session);
}

void RtpLeg::SetRemote(const NegotiatedAudio& audio) {
  remote_ = audio;
  UpdateSrtp(audio);
  // Without RFC 4733 events the far end's keys can only be heard as tones.
  if (audio.telephone_event_payload_type) {
    inband_.reset();
  } else if (!inband_) {
    inband_ = std::make_unique<InbandDtmf>();
  }
  if (latched_) return;  // symmetric RTP: where their packets come from wins
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(audio.remote_address, ec);
  if (ec || audio.remote_port == 0) {
    destination_.reset();
    return;
  }
  destination_ = udp::endpoint(address, audio.remote_port);
  if (!rtcp_latched_) {
    rtcp_destination_ = udp::endpoint(address, static_cast<std::uint16_t>(audio.remote_port + 1));
  }
}

bool RtpLeg::can_send() const {
  if (!remote_ || !destination_) return false;
  if (remote_->srtp && !srtp_) return false;  // SRTP agreed but its keys were unusable
  return remote_->direction == Direction::kSendRecv || remote_->direction == Direction::kSendOnly;
}

bool RtpLeg::can_receive() const {
  return remote_ &&
         (remote_->direction == Direction::kSendRecv || remote_->direction == Direction::kRecvOnly);
}

std::uint32_t RtpLeg::Clock(MediaClock::time_point now) const {
  const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(now - opened_);
  return clock_base_ +
         static_cast<std::uint32_t>(elapsed.count() * kSamplesPerMs / 1000);
}

void RtpLeg::ArmRtp() {
  rtp_.async_wait(udp::socket::wait_read,
                  [self = shared_from_this()](const boost::system::error_code& ec) {
                    if (ec || self->closed_) return;
                    self->DrainRtp();
                    if (!self->closed_) self->ArmRtp();
                  });
}

void RtpLeg::ArmRtcp() {
  rtcp_.async_wait(udp::socket::wait_read,
                   [self = shared_from_this()](const boost::system::error_code& ec) {
                     if (ec || self->closed_) return;
                     self->DrainRtcp();
                     if (!self->closed_) self->ArmRtcp();
                   });
}

void RtpLeg::DrainRtp() {
  // One recvmmsg per wake-up reads everything waiting (a read that finds
  // nothing costs a system call too). Fewer than a batch: the socket is empty.
  ReceiveBatch& batch = ThreadReceiveBatch();
  for (std::size_t round = 0; round < kMaxBatchesPerWake && !closed_; ++round) {
    for (std::size_t i = 0; i < ReceiveBatch::kSize; ++i) {
      batch.iov[i] = iovec{batch.data[i].data(), batch.data[i].size()};
      batch.headers[i] = mmsghdr{};
      batch.headers[i].msg_hdr.msg_name = &batch.from[i];
      batch.headers[i].msg_hdr.msg_namelen = sizeof(batch.from[i]);
      batch.headers[i].msg_hdr.msg_iov = &batch.iov[i];
      batch.headers[i].msg_hdr.msg_iovlen = 1;
    }
    const int n = ::recvmmsg(rtp_.native_handle(), batch.headers.data(),
                             static_cast<unsigned>(ReceiveBatch::kSize), MSG_DONTWAIT, nullptr);
    if (n < 0) {
      // ICMP port unreachable from an earlier send shows up here: not fatal.
      if (errno == ECONNREFUSED || errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) {
        spdlog::debug("media: RTP read on port {}: {}", port_, std::strerror(errno));
      }
      return;
    }
    for (int i = 0; i < n && !closed_; ++i) {
      const auto k = static_cast<std::size_t>(i);
      udp::endpoint from;
      const socklen_t length = batch.headers[k].msg_hdr.msg_namelen;
      if (length > from.capacity()) continue;
      std::memcpy(from.data(), &batch.from[k], length);
      from.resize(length);
      OnRtp(std::span<std::uint8_t>(batch.data[k].data(), batch.headers[k].msg_len), from);
    }
    if (static_cast<std::size_t>(n) < ReceiveBatch::kSize) return;
  }
}

void RtpLeg::DrainRtcp() {
  std::array<std::uint8_t, 1500> buffer;
  for (std::size_t i = 0; i < kMaxReadsPerWake && !closed_; ++i) {
    boost::system::error_code ec;
    udp::endpoint from;
    const std::size_t n = rtcp_.receive_from(asio::buffer(buffer), from, 0, ec);
    if (ec == asio::error::would_block || ec == asio::error::try_again) return;
    if (ec) {
      if (ec == asio::error::connection_refused) continue;
      return;
    }
    std::size_t length = n;
    if (remote_ && remote_->srtp && (!srtp_ || !srtp_->UnprotectRtcp(buffer.data(), length))) {
      ++srtp_refused_;  // phones send a plain report before SRTP is up and at the end: counted, not logged
      continue;
    }
    if (!LooksLikeRtcp(std::span<const std::uint8_t>(buffer.data(), length))) continue;
    ++rtcp_received_;
    rtcp_destination_ = from;  // symmetric RTCP
    rtcp_latched_ = true;
  }
}

void RtpLeg::OnRtp(std::span<std::uint8_t> datagram, const udp::endpoint& from) {
  if (remote_ && remote_->srtp) {
    // Decrypted and authenticated before anything else, latching included:
    // one forged packet must not redirect the media.
    std::size_t length = datagram.size();
    if (!srtp_ || !srtp_->UnprotectRtp(datagram.data(), length)) {
      ++srtp_refused_;
      ++dropped_;
      return;
    }
    datagram = datagram.first(length);
  }
  const auto packet = ParseRtp(datagram);
  if (!packet || !remote_) {
    ++dropped_;
    return;
  }
  const RtpHeader& header = packet->header;
  const bool audio = header.payload_type == remote_->payload_type;
  const bool event = !audio && remote_->telephone_event_payload_type &&
                     header.payload_type == *remote_->telephone_event_payload_type;
  if (!audio && !event) {
    ++dropped_;
    return;
  }
  ++packets_received_;
  if (!latched_ || *destination_ != from) {
    if (latched_) spdlog::debug("media: port {} follows its source to {}", port_, from.port());
    destination_ = from;
    latched_ = true;
    if (!rtcp_latched_) {
      rtcp_destination_ = udp::endpoint(from.address(), static_cast<std::uint16_t>(from.port() + 1));
    }
  }
  if (!can_receive()) return;
  if (source_ssrc_ != header.ssrc) {
    if (source_ssrc_) jitter_.Reset();
    source_ssrc_ = header.ssrc;
    last_transit_.reset();
  }
  if (audio) {
    UpdateJitter(header);
    jitter_.Put(header.sequence, packet->payload);
    std::string keys;
    if (inband_ && packet->payload.size() <= samples_.size()) {
      const std::span<std::int16_t> linear(samples_.data(), packet->payload.size());
      Decode(remote_->codec, packet->payload, linear);
      keys = inband_->Feed(linear);
    }
    listener_.OnLegAudio(which_, header, remote_->codec, packet->payload);
    for (char key : keys) listener_.OnLegEvent(which_, header, {}, key);  // no packet to relay
    return;
  }
  // Events share the stream's sequence numbers: an empty frame keeps the
  // jitter buffer from counting them as lost, and is recorded as silence.
  jitter_.Put(header.sequence, {});
  std::optional<char> digit;
  if (const auto parsed = ParseTelephoneEvent(packet->payload)) {
    digit = dtmf_.OnPacket(header.ssrc, header.timestamp, *parsed);
  }
  listener_.OnLegEvent(which_, header, packet->payload, digit);
}

void RtpLeg::UpdateJitter(const RtpHeader& header) {
  const auto arrival = static_cast<std::int64_t>(Clock(MediaClock::now()));
  const std::int64_t transit = arrival - static_cast<std::int64_t>(header.timestamp);
  if (last_transit_) {
    // Both clocks wrap at 2^32: the difference is taken modulo 2^32, signed.
    const auto d = static_cast<std::int32_t>(static_cast<std::uint32_t>(transit - *last_transit_));
    interarrival_jitter_ += (std::abs(static_cast<double>(d)) - interarrival_jitter_) / 16.0;
  }
  last_transit_ = transit;
}

void RtpLeg::SendRtp(const RtpStamp& stamp, std::uint8_t payload_type,
                     std::span<const std::uint8_t> payload) {
  RtpHeader header;
  header.marker = stamp.marker;
  header.payload_type = payload_type;
  header.sequence = stamp.sequence;
  header.timestamp = stamp.timestamp;
  header.ssrc = out_.ssrc();
  const auto size = SerializeRtpInto(header, payload, send_buffer_);
  if (!size) return;
  std::size_t length = *size;
  if (srtp_ && (length + kSrtpHeadroom > send_buffer_.size() || !srtp_->ProtectRtp(send_buffer_.data(), length))) {
    return;
  }
  boost::system::error_code ec;
  rtp_.send_to(asio::buffer(send_buffer_.data(), length), *destination_, 0, ec);
  if (ec) return;  // a full socket buffer or an unreachable peer: the packet is lost
  ++packets_sent_;
  out_.Sent(payload.size());
}

void RtpLeg::QueueDigit(char digit) {
  if (digits_.size() < 64) digits_.push_back(digit);
}

bool RtpLeg::SendDigitTick(MediaClock::time_point now) {
  if (!digit_) {
    if (digit_gap_ > 0) {
      --digit_gap_;
      return false;
    }
    while (!digit_ && !digits_.empty()) {
      const char key = digits_.front();
      digits_.pop_front();
      const auto event = EventForDigit(key);
      if (!event || !can_send() || !remote_->telephone_event_payload_type) {
        spdlog::debug("media: key '{}' not sent on port {}: no telephone-event agreed", key, port_);
        continue;
      }
      digit_ = DigitOut{*event, out_.StartEvent(Clock(now)), 0};
    }
    if (!digit_) return false;
  }
  if (!can_send() || !remote_->telephone_event_payload_type) {
    digit_.reset();
    return false;
  }
  TelephoneEvent event;
  event.event = digit_->event;
  event.volume = kDigitVolume;
  const int n = digit_->packets;
  event.end = n >= kDigitTonePackets;
  event.duration = static_cast<std::uint16_t>(RtpLeg::kFrameSamples *
                                              static_cast<std::size_t>(std::min(n + 1, kDigitTonePackets)));
  const auto payload = BuildTelephoneEvent(event);
  if (payload) {
    SendRtp(out_.EventPacket(digit_->timestamp, n == 0), *remote_->telephone_event_payload_type,
            *payload);
  }
  if (++digit_->packets == kDigitTonePackets + kDigitEndPackets) {
    out_.EndEvent(digit_->timestamp, event.duration);
    digit_.reset();
    digit_gap_ = kDigitGapTicks;
  }
  return true;
}

void RtpLeg::SendFrame(std::span<const std::int16_t> samples, MediaClock::time_point now) {
  if (!can_send()) return;
  const std::span<std::uint8_t> payload(encode_buffer_.data(), samples.size());
  Encode(remote_->codec, samples, payload);
  SendRtp(out_.Own(Clock(now), static_cast<std::uint32_t>(samples.size())), remote_->payload_type,
          payload);
}

void RtpLeg::RelayAudio(const RtpHeader& source, AudioCodec source_codec,
                        std::span<const std::uint8_t> payload, MediaClock::time_point now) {
  if (!can_send() || player_.playing() || digit_ || payload.size() > encode_buffer_.size()) return;
  std::span<const std::uint8_t> out = payload;
  if (source_codec != remote_->codec) {
    const std::span<std::int16_t> linear(samples_.data(), payload.size());
    Decode(source_codec, payload, linear);
    const std::span<std::uint8_t> encoded(encode_buffer_.data(), payload.size());
    Encode(remote_->codec, linear, encoded);
    out = encoded;
  }
  SendRtp(out_.Relayed(Clock(now), source.ssrc, source.timestamp,
                       static_cast<std::uint32_t>(payload.size()), source.marker),
          remote_->payload_type, out);
}

void RtpLeg::RelayEvent(const RtpHeader& source, std::span<const std::uint8_t> payload,
                        MediaClock::time_point now) {
  if (!can_send() || player_.playing() || digit_ || !remote_->telephone_event_payload_type) return;
  SendRtp(out_.Relayed(Clock(now), source.ssrc, source.timestamp, 0, source.marker),
          *remote_->telephone_event_payload_type, payload);
}

void RtpLeg::PopFrame(std::span<std::int16_t> out) {
  PlayoutFrame frame = jitter_.Pop();
  if (out.empty()) return;
  std::size_t decoded = 0;
  if (frame.kind == PlayoutKind::kAudio && remote_) {
    decoded = std::min(frame.payload.size(), out.size());
    Decode(remote_->codec, std::span<const std::uint8_t>(frame.payload.data(), decoded),
           out.first(decoded));
  }
  std::fill(out.begin() + static_cast<std::ptrdiff_t>(decoded), out.end(), std::int16_t{0});
}

void RtpLeg::ResetPlayout() { jitter_.Reset(); }

void RtpLeg::MaybeSendReport(MediaClock::time_point now) {
  if (now < next_report_) return;
  next_report_ = now + options_.rtcp_interval;
  if (out_.packets() == 0 || !rtcp_destination_ || closed_) return;
  SenderInfo info;
  info.ssrc = out_.ssrc();
  info.ntp_timestamp = ToNtpTimestamp(std::chrono::system_clock::now());
  info.rtp_timestamp = Clock(now);
  info.packet_count = out_.packets();
  info.octet_count = out_.octets();
  std::array<std::uint8_t, 512> buffer;
  const auto size = BuildSenderReport(info, options_.cname, buffer);
  if (!size) return;
  std::size_t length = *size;
  if (remote_ && remote_->srtp &&
      (!srtp_ || length + kSrtpHeadroom > buffer.size() || !srtp_->ProtectRtcp(buffer.data(), length))) {
    return;
  }
  boost::system::error_code ec;
  rtcp_.send_to(asio::buffer(buffer.data(), length), *rtcp_destination_, 0, ec);
  if (!ec) ++rtcp_sent_;
}

LegStats RtpLeg::stats() const {
  LegStats stats;
  stats.packets_received = packets_received_;
  stats.packets_sent = packets_sent_;
  stats.lost = jitter_.stats().lost;
  stats.late = jitter_.stats().late;
  stats.jitter_ms = interarrival_jitter_ / kSamplesPerMs;
  stats.latched = latched_;
  stats.dropped = dropped_;
  stats.rtcp_received = rtcp_received_;
  stats.rtcp_sent = rtcp_sent_;
  return stats;
}

}  // namespace cc::telephony::media
