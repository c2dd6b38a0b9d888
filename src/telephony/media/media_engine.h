// The media engine of SIP calls: RTP over Asio UDP for the two legs of each
// call (the caller's and the agent's), relay between them, music and prompts
// played from memory, RFC 4733 digits in and out, and the call's stereo
// recording (caller left, agent right). Signalling (SIP, SDP text) is not
// here: the SIP side opens legs, learns their local ports for its SDP, and
// tells the engine what each SDP exchange agreed (SetRemote).
//
// Threads: the engine runs `threads` media threads, each with its own
// io_context; every call is pinned to one thread when its first leg opens and
// all of that call's sockets, timers and files live there. A 20 ms tick per
// call sends what is played, and pulls one frame per leg from its jitter buffer
// into the recording. Relayed audio is forwarded as it arrives (re-encoded
// when the legs use different codecs, re-stamped with the far leg's own SSRC,
// sequence and timestamp), never delayed by the tick.
//
// Symmetric RTP: once a leg has received a packet, it sends to the address
// and port that packet came from (latching), whatever the SDP said, so
// callers behind NAT hear audio.
//
// Thread-safety: every public method may be called from any thread. Those
// returning a value do their work under the engine's lock (port allocation);
// the others post to the call's media thread and return at once. Commands for
// a call or leg that is not open are ignored. Events go to the MediaObserver
// from media threads: the observer must post them on, never block.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/ids.h"
#include "core/result.h"
#include "telephony/media/sdp.h"

namespace cc::telephony::media {

// kConsult: the party an agent consults (an outside number) while the caller holds.
// kPhoneLine: a second call the agent's own phone placed to the centre to
// consult someone (its first call, the caller's, holds meanwhile).
enum class Leg { kCaller, kAgent, kConsult, kPhoneLine };
inline constexpr std::size_t kLegs = 4;
inline std::size_t LegIndex(Leg leg) { return static_cast<std::size_t>(leg); }

// 8 kHz mono 16-bit samples, shared between every call that plays them.
struct Clip {
  std::string name;  // for logs: "music", "ru/position_3"
  std::vector<std::int16_t> samples;
};
using ClipPtr = std::shared_ptr<const Clip>;

struct MediaEngineOptions {
  std::string bind_address = "127.0.0.1";  // RTP sockets bind here; the SDP announces it
  std::uint16_t port_min = 20000;          // even ports in [port_min, port_max] for RTP,
  std::uint16_t port_max = 29999;          // the next odd one for RTCP
  int threads = 1;                         // media threads (>= 1)
  std::size_t jitter_depth = 3;            // packets (20 ms each) held before recording
  std::uint32_t rtcp_interval_ms = 5000;   // sender reports per leg that has sent
};

struct LocalEndpoint {
  std::string address;
  std::uint16_t rtp_port = 0;
};

struct LegStats {
  std::uint64_t packets_received = 0;
  std::uint64_t packets_sent = 0;
  std::uint64_t lost = 0;   // by sequence number, as the jitter buffer saw it
  std::uint64_t late = 0;
  double jitter_ms = 0;     // RFC 3550 interarrival jitter
  bool latched = false;     // a packet came in and fixed where we send
  std::uint64_t dropped = 0;        // malformed, or a payload type the leg did not agree on
  std::uint64_t rtcp_received = 0;  // RTCP packets read on the odd port (otherwise ignored)
  std::uint64_t rtcp_sent = 0;      // sender reports sent
};

class MediaObserver {
 public:
  virtual ~MediaObserver() = default;
  // A key pressed on a leg (RFC 4733), once per press.
  virtual void OnDigit(core::CallId call, Leg leg, char digit) = 0;
  // A clip sequence started with Play(loop = false) has finished.
  virtual void OnPlayed(core::CallId call, Leg leg) = 0;
  // The recording could not be written (disk full, ...); the call goes on unrecorded.
  virtual void OnRecordingFailed(core::CallId call, std::string reason) = 0;
};

struct RecordingSummary {
  std::filesystem::path path;
  std::uint64_t frames = 0;  // sample frames written (8000 per second)
};

class MediaEngine {
 public:
  // Starts the media threads. `observer` may be null and must outlive the engine.
  static core::Result<std::unique_ptr<MediaEngine>> Start(MediaEngineOptions options,
                                                          MediaObserver* observer);
  virtual ~MediaEngine() = default;  // stops the threads, closes sockets and recordings

  // Binds the RTP and RTCP sockets of one leg; fails when the port range is used up.
  // Opening a leg that is already open returns its endpoint again.
  virtual core::Result<LocalEndpoint> OpenLeg(core::CallId call, Leg leg) = 0;
  // What the offer/answer agreed for the leg: where to send, codec, payload
  // types, direction. Until then the leg only receives. May be called again
  // (re-INVITE: hold, a new address).
  virtual void SetRemote(core::CallId call, Leg leg, NegotiatedAudio audio) = 0;
  virtual void CloseLeg(core::CallId call, Leg leg) = 0;
  // Closes both legs and finishes the recording (header written).
  virtual void CloseCall(core::CallId call) = 0;

  // Plays clips to a leg one after another (looping the whole sequence when
  // `loop`), replacing what was playing; while a leg plays, relayed audio to
  // it is dropped. An empty sequence stops playing.
  virtual void Play(core::CallId call, Leg leg, std::vector<ClipPtr> clips, bool loop) = 0;
  // Relay audio and telephone events between the caller and the agent (both ways) or stop.
  virtual void Bridge(core::CallId call, bool bridged) = 0;
  // Relay between `a` and `b` instead (each leaves the pair it was in), e.g.
  // the agent and the consulted party, or the caller and the consulted party
  // after a transfer; Unpair(a) stops what `a` relays both ways.
  virtual void Pair(core::CallId call, Leg a, Leg b) = 0;
  virtual void Unpair(core::CallId call, Leg a) = 0;
  // A conference: each of `legs` hears the others mixed (decoded, summed,
  // encoded again every 20 ms) instead of what a pair relays; they leave the
  // pairs they were in, and a leg that plays hears its clips instead. While
  // mixed, the recording's right channel holds every leg but the caller.
  // An empty list ends the mix (the legs stay unpaired).
  virtual void Mix(core::CallId call, std::vector<Leg> legs) = 0;
  // The leg open as `from` becomes `to` (whose own leg, if any, is closed
  // first): a consulted colleague taking the caller becomes the agent leg.
  virtual void MoveLeg(core::CallId call, Leg from, Leg to) = 0;
  // Sends one RFC 4733 key press (start, repeats, three end packets) to a leg.
  virtual void SendDigit(core::CallId call, Leg leg, char digit) = 0;

  // Starts the stereo recording of the call at `path` (directories created):
  // from now on each tick writes what the caller said (left) and what the
  // agent said (right). Paused: nothing is written (the file is shorter, not
  // silent) until resumed.
  virtual core::Status StartRecording(core::CallId call, std::filesystem::path path) = 0;
  virtual void PauseRecording(core::CallId call, bool paused) = 0;
  // Closes the recording now (the call goes on); nullopt-like error if none.
  virtual core::Result<RecordingSummary> StopRecording(core::CallId call) = 0;

  // Blocks until the call's thread answers; for tests and /metrics.
  virtual core::Result<LegStats> Stats(core::CallId call, Leg leg) = 0;
  virtual std::size_t open_calls() const = 0;
};

}  // namespace cc::telephony::media
