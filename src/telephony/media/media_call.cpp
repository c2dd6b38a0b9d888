#include "telephony/media/media_call.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace cc::telephony::media {
namespace {

constexpr auto kTick = std::chrono::milliseconds(20);
// Late ticks catch up (run back to back), so the recording keeps to the
// call's length when a busy thread falls behind; a thread stalled longer than
// this starts a fresh schedule instead.
constexpr auto kMaxTickLag = std::chrono::seconds(1);
// How often an idle call (bridged without recording, nothing playing) ticks:
// only for its RTCP reports. A thousand idle calls at 20 ms were ~50,000
// timer wake-ups a second for nothing.
constexpr auto kIdleTick = std::chrono::seconds(1);

}  // namespace

MediaCall::MediaCall(core::CallId id, boost::asio::io_context& io, MediaObserver* observer,
                     CallOptions options)
    : id_(id), observer_(observer), options_(std::move(options)), timer_(io) {}

MediaCall::~MediaCall() = default;

void MediaCall::AddLeg(Leg which, LegSockets sockets) {
  if (closed_) {
    const std::uint16_t port = sockets.port;
    boost::system::error_code ignored;
    sockets.rtp.close(ignored);
    sockets.rtcp.close(ignored);
    if (options_.release_port) options_.release_port(port);
    return;
  }
  CloseLeg(which);
  LegOptions leg_options = options_.leg;
  auto leg = std::make_shared<RtpLeg>(which, std::move(sockets), leg_options,
                                      static_cast<LegListener&>(*this));
  leg->Start(MediaClock::now());
  legs_[Index(which)] = std::move(leg);
  ScheduleTick();
}

void MediaCall::SetRemote(Leg which, const NegotiatedAudio& audio) {
  if (RtpLeg* leg = Find(which)) leg->SetRemote(audio);
}

void MediaCall::Bridge(bool bridged) {
  if (bridged) {
    Pair(Leg::kCaller, Leg::kAgent);
  } else {
    Unpair(Leg::kCaller);
    Unpair(Leg::kAgent);
  }
}

void MediaCall::Pair(Leg a, Leg b) {
  Unpair(a);
  Unpair(b);
  mixed_[Index(a)] = false;
  mixed_[Index(b)] = false;
  peer_[Index(a)] = b;
  peer_[Index(b)] = a;
}

void MediaCall::Unpair(Leg a) {
  if (auto b = peer_[Index(a)]) peer_[Index(*b)].reset();
  peer_[Index(a)].reset();
}

void MediaCall::Mix(const std::vector<Leg>& legs) {
  mixed_.fill(false);
  for (Leg leg : legs) {
    Unpair(leg);
    mixed_[Index(leg)] = true;
  }
  ScheduleTick();
  Wake();
}

bool MediaCall::mixing() const {
  for (bool mixed : mixed_) {
    if (mixed) return true;
  }
  return false;
}

void MediaCall::MoveLeg(Leg from, Leg to) {
  if (!legs_[Index(from)]) return;
  CloseLeg(to);
  Unpair(from);
  mixed_[Index(from)] = false;
  legs_[Index(to)] = std::move(legs_[Index(from)]);
  legs_[Index(to)]->set_which(to);
}

void MediaCall::CloseLeg(Leg which) {
  Unpair(which);
  mixed_[Index(which)] = false;
  std::shared_ptr<RtpLeg> leg = std::move(legs_[Index(which)]);
  if (!leg) return;
  leg->Close();
  if (options_.release_port) options_.release_port(leg->port());
}

void MediaCall::Close() {
  if (closed_) return;
  closed_ = true;
  CloseLeg(Leg::kCaller);
  CloseLeg(Leg::kAgent);
  CloseLeg(Leg::kConsult);
  CloseLeg(Leg::kPhoneLine);
  timer_.cancel();
  if (recorder_) {
    finished_ = recorder_->Finish();
    recorder_.reset();
  }
}

void MediaCall::Play(Leg which, std::vector<ClipPtr> clips, bool loop) {
  if (RtpLeg* leg = Find(which)) leg->player().Start(std::move(clips), loop);
  Wake();
}

void MediaCall::SendDigit(Leg which, char digit) {
  if (RtpLeg* leg = Find(which)) leg->QueueDigit(digit);
  Wake();
}

void MediaCall::StartRecording(WavWriter writer, std::filesystem::path path) {
  if (closed_) return;  // the writer closes the empty file as it goes
  if (recorder_) (void)recorder_->Finish();
  finished_.reset();
  recorder_.emplace(std::move(writer), std::move(path),
                    options_.record_batch_ticks * RtpLeg::kFrameSamples);
  ScheduleTick();
  Wake();
}

void MediaCall::PauseRecording(bool paused) {
  if (!recorder_) return;
  if (auto status = recorder_->Pause(paused); !status) RecordingFailed(status.error());
}

core::Result<RecordingSummary> MediaCall::StopRecording() {
  if (!recorder_) {
    if (finished_) {
      auto summary = std::move(*finished_);
      finished_.reset();
      return summary;
    }
    return core::Fail(core::ErrorCode::kFailedPrecondition, "the call is not being recorded");
  }
  auto summary = recorder_->Finish();
  recorder_.reset();
  return summary;
}

core::Result<LegStats> MediaCall::Stats(Leg which) const {
  if (const RtpLeg* leg = Find(which)) return leg->stats();
  return core::Fail(core::ErrorCode::kNotFound, "the leg is not open");
}

void MediaCall::RecordingFailed(const core::Error& error) {
  spdlog::warn("media: recording of call {} failed: {}", id_.value(), error.message);
  recorder_.reset();
  finished_ = tl::unexpected(error);  // what StopRecording answers
  if (observer_) observer_->OnRecordingFailed(id_, error.message);
}

void MediaCall::ScheduleTick() {
  if (ticking_ || closed_) return;
  ticking_ = true;
  idle_ = false;
  next_tick_ = MediaClock::now() + kTick;
  WaitForTick();
}

void MediaCall::WaitForTick() {
  timer_.expires_at(next_tick_);  // cancels a wait still pending (its handler sees the error)
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec || self->closed_) return;
    self->Tick();
  });
}

bool MediaCall::Busy() const {
  if (recorder_ || mixing()) return true;
  for (const auto& leg : legs_) {
    if (leg && (leg->player().playing() || leg->sending_digits())) return true;
  }
  return false;
}

void MediaCall::Wake() {
  if (!ticking_ || !idle_ || closed_) return;
  idle_ = false;
  // The jitter buffers were hardly drained while idle: start their playout afresh.
  for (const auto& leg : legs_) {
    if (leg) leg->ResetPlayout();
  }
  next_tick_ = MediaClock::now() + kTick;
  WaitForTick();
}

void MediaCall::Tick() {
  const MediaClock::time_point now = MediaClock::now();
  for (const auto& leg : legs_) {
    if (!leg) continue;
    if (leg->SendDigitTick(now)) continue;
    if (leg->player().playing() && leg->has_destination()) {
      const bool finished = leg->player().Next(play_frame_);
      leg->SendFrame(play_frame_, now);
      if (finished && observer_) observer_->OnPlayed(id_, leg->which());
    }
  }

  const bool recording = recorder_ && !recorder_->paused();
  const bool mixing = this->mixing();
  const std::size_t caller = Index(Leg::kCaller), agent = Index(Leg::kAgent);
  for (std::size_t i = 0; i < legs_.size(); ++i) {
    // The recording holds the caller and the agent; outside a conference a
    // consulted party's frames are drained unrecorded (the agent's side of
    // the consult is heard).
    const bool keep = mixing || (recording && (i == caller || i == agent));
    const std::span<std::int16_t> frame = keep ? std::span<std::int16_t>(frames_[i]) : std::span<std::int16_t>();
    if (legs_[i]) {
      legs_[i]->PopFrame(frame);
    } else {
      std::fill(frame.begin(), frame.end(), std::int16_t{0});
    }
  }
  if (mixing) SendMix(now);
  if (recording) {
    std::span<const std::int16_t> right = frames_[agent];
    if (mixing) {  // everyone the caller talks to
      SumFrames([&](std::size_t i) { return i != caller && (i == agent || mixed_[i]); });
      right = mix_frame_;
    }
    if (auto status = recorder_->Append(frames_[caller], right); !status) {
      RecordingFailed(status.error());
    }
  }
  for (const auto& leg : legs_) {
    if (leg) leg->MaybeSendReport(now);
  }

  if (!Busy()) {
    idle_ = true;
    next_tick_ = now + kIdleTick;
  } else {
    idle_ = false;
    next_tick_ += kTick;
    if (now - next_tick_ > kMaxTickLag) next_tick_ = now + kTick;
  }
  WaitForTick();
}

void MediaCall::SendMix(MediaClock::time_point now) {
  for (std::size_t to = 0; to < legs_.size(); ++to) {
    RtpLeg* leg = legs_[to].get();
    if (!mixed_[to] || !leg || !leg->has_destination() || leg->player().playing() || leg->sending_digits()) continue;
    SumFrames([&](std::size_t from) { return from != to && mixed_[from]; });
    leg->SendFrame(mix_frame_, now);
  }
}

void MediaCall::SumFrames(const std::function<bool(std::size_t)>& include) {
  for (std::size_t k = 0; k < mix_frame_.size(); ++k) {
    int sum = 0;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      if (include(i)) sum += frames_[i][k];
    }
    mix_frame_[k] = static_cast<std::int16_t>(std::clamp(sum, -32768, 32767));
  }
}

void MediaCall::OnLegAudio(Leg from, const RtpHeader& header, AudioCodec codec,
                           std::span<const std::uint8_t> payload) {
  const auto to = peer_[Index(from)];
  if (RtpLeg* leg = to ? Find(*to) : nullptr) leg->RelayAudio(header, codec, payload, MediaClock::now());
}

void MediaCall::OnLegEvent(Leg from, const RtpHeader& header,
                           std::span<const std::uint8_t> payload, std::optional<char> digit) {
  if (digit && observer_) observer_->OnDigit(id_, from, *digit);
  if (payload.empty()) return;  // a key heard in-band: its tone is relayed as audio
  const auto to = peer_[Index(from)];
  if (RtpLeg* leg = to ? Find(*to) : nullptr) leg->RelayEvent(header, payload, MediaClock::now());
}

}  // namespace cc::telephony::media
