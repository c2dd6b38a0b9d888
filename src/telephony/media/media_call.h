// One call in the media engine: its legs, the 20 ms tick that sends what
// each leg plays (or the key press it sends) and feeds the recording, the
// relay between the legs while bridged, and the call's recording. Lives on
// one media thread; the engine posts every command to it.
// Thread-safety: none; every method runs on the call's media thread (the
// engine creates it elsewhere, then only posts to it). Pending timer and
// socket handlers keep it alive; after Close they do nothing.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "telephony/media/call_recorder.h"
#include "telephony/media/media_engine.h"
#include "telephony/media/rtp_leg.h"

namespace cc::telephony::media {

struct CallOptions {
  LegOptions leg;
  std::size_t record_batch_ticks = 5;  // 100 ms of recording per write
  // Called on the media thread once a leg's sockets are closed.
  std::function<void(std::uint16_t rtp_port)> release_port;
};

class MediaCall : public std::enable_shared_from_this<MediaCall>, private LegListener {
 public:
  MediaCall(core::CallId id, boost::asio::io_context& io, MediaObserver* observer,
            CallOptions options);
  ~MediaCall();

  void AddLeg(Leg which, LegSockets sockets);
  void SetRemote(Leg which, const NegotiatedAudio& audio);
  void CloseLeg(Leg which);
  // Closes every leg and finishes the recording; later commands are ignored.
  void Close();

  void Play(Leg which, std::vector<ClipPtr> clips, bool loop);
  // Caller and agent relay to each other (or stop); Pair/Unpair as MediaEngine's.
  void Bridge(bool bridged);
  void Pair(Leg a, Leg b);
  void Unpair(Leg a);
  void Mix(const std::vector<Leg>& legs);
  void MoveLeg(Leg from, Leg to);
  void SendDigit(Leg which, char digit);

  void StartRecording(WavWriter writer, std::filesystem::path path);
  void PauseRecording(bool paused);
  // The recording's summary; after Close, the summary of the recording Close finished.
  core::Result<RecordingSummary> StopRecording();
  core::Result<LegStats> Stats(Leg which) const;

 private:
  static std::size_t Index(Leg which) { return LegIndex(which); }
  RtpLeg* Find(Leg which) const { return legs_[Index(which)].get(); }
  void ScheduleTick();
  void Tick();
  // Nothing to play, send or record: ticks slow down to kIdleTick (RTCP only)
  // until Wake() — relayed audio does not need the tick.
  bool Busy() const;
  void Wake();
  void WaitForTick();
  void RecordingFailed(const core::Error& error);
  bool mixing() const;
  // Sends each mixed leg that plays nothing the sum of the other mixed legs' frames.
  void SendMix(MediaClock::time_point now);
  // mix_frame_ = this tick's frames of the legs `include` picks, summed (clamped).
  void SumFrames(const std::function<bool(std::size_t)>& include);

  void OnLegAudio(Leg from, const RtpHeader& header, AudioCodec codec,
                  std::span<const std::uint8_t> payload) override;
  void OnLegEvent(Leg from, const RtpHeader& header, std::span<const std::uint8_t> payload,
                  std::optional<char> digit) override;

  core::CallId id_;
  MediaObserver* observer_;
  CallOptions options_;
  bool closed_ = false;
  std::array<std::optional<Leg>, kLegs> peer_;  // whom each leg's audio is relayed to
  std::array<bool, kLegs> mixed_{};              // in the conference mix
  std::array<std::shared_ptr<RtpLeg>, kLegs> legs_;  // caller, agent, consulted party, the agent phone's consult line

  boost::asio::steady_timer timer_;
  bool ticking_ = false;
  bool idle_ = false;  // ticking slowly
  MediaClock::time_point next_tick_;

  std::optional<CallRecorder> recorder_;
  std::optional<core::Result<RecordingSummary>> finished_;  // what Close did to the recording
  std::array<std::int16_t, RtpLeg::kFrameSamples> play_frame_{};
  // This tick's frame heard from each leg (filled while recording or mixing).
  std::array<std::array<std::int16_t, RtpLeg::kFrameSamples>, kLegs> frames_{};
  std::array<std::int16_t, RtpLeg::kFrameSamples> mix_frame_{};
};

}  // namespace cc::telephony::media
