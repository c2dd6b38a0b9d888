#include "telephony/media/media_engine.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "telephony/media/g711.h"
#include "telephony/media/rtcp.h"
#include "telephony/media/rtp.h"
#include "telephony/media/telephone_event.h"
#include "telephony/media/testing/tone.h"
#include "telephony/media/wav.h"

namespace cc::telephony::media {
namespace {

using namespace std::chrono_literals;
using Bytes = std::vector<std::uint8_t>;
using Samples = std::vector<std::int16_t>;
using test_audio::ToneStrength;

constexpr auto kDeadline = 10s;  // generous: conditions usually hold within milliseconds
constexpr std::uint8_t kPcmu = 0;
constexpr std::uint8_t kPcma = 8;

// A test phone: one UDP socket on 127.0.0.1.
class Phone {
 public:
  Phone() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
  }
  ~Phone() { ::close(fd_); }
  Phone(const Phone&) = delete;
  Phone& operator=(const Phone&) = delete;

  std::uint16_t port() const { return port_; }

  void SendTo(std::uint16_t port, const Bytes& datagram) const {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(port);
    ASSERT_EQ(::sendto(fd_, datagram.data(), datagram.size(), 0, reinterpret_cast<sockaddr*>(&to),
                       sizeof to),
              static_cast<ssize_t>(datagram.size()));
  }

  std::optional<Bytes> Receive(std::chrono::milliseconds timeout) const {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return std::nullopt;
    Bytes buffer(2048);
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (n < 0) return std::nullopt;
    buffer.resize(static_cast<std::size_t>(n));
    return buffer;
  }

  // RTP packets received until `done` says so; fails the test at the deadline.
  std::vector<Bytes> ReceiveUntil(const std::function<bool(const std::vector<Bytes>&)>& done) const {
    std::vector<Bytes> got;
    const auto deadline = std::chrono::steady_clock::now() + kDeadline;
    while (!done(got)) {
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "timed out with " << got.size() << " packets";
        break;
      }
      if (auto datagram = Receive(100ms)) got.push_back(std::move(*datagram));
    }
    return got;
  }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

Bytes Rtp(std::uint8_t pt, std::uint16_t seq, std::uint32_t ts, std::uint32_t ssrc,
          const Bytes& payload, bool marker = false) {
  RtpHeader header;
  header.payload_type = pt;
  header.sequence = seq;
  header.timestamp = ts;
  header.ssrc = ssrc;
  header.marker = marker;
  return *SerializeRtp(header, payload);
}

Samples Tone(double hz, std::size_t n, std::size_t from = 0) {
  Samples out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = static_cast<std::int16_t>(
        8000 * std::sin(2 * M_PI * hz * static_cast<double>(from + i) / 8000.0));
  }
  return out;
}

Bytes MuLaw(const Samples& samples) {
  Bytes out(samples.size());
  EncodeMuLaw(samples, out);
  return out;
}

Samples FromMuLaw(std::span<const std::uint8_t> bytes) {
  Samples out(bytes.size());
  DecodeMuLaw(bytes, out);
  return out;
}

Samples FromALaw(std::span<const std::uint8_t> bytes) {
  Samples out(bytes.size());
  DecodeALaw(bytes, out);
  return out;
}

NegotiatedAudio Audio(const Phone& phone, AudioCodec codec,
                      std::optional<std::uint8_t> events = std::nullopt) {
  NegotiatedAudio audio;
  audio.codec = codec;
  audio.payload_type = codec == AudioCodec::kPcmu ? kPcmu : kPcma;
  audio.telephone_event_payload_type = events;
  audio.remote_address = "127.0.0.1";
  audio.remote_port = phone.port();
  return audio;
}

class RecordingObserver : public MediaObserver {
 public:
  void OnDigit(core::CallId call, Leg leg, char digit) override {
    std::lock_guard lock(mutex_);
    digits_.push_back({call, leg, digit});
    changed_.notify_all();
  }
  void OnPlayed(core::CallId call, Leg leg) override {
    std::lock_guard lock(mutex_);
    played_.push_back({call, leg});
    changed_.notify_all();
  }
  void OnRecordingFailed(core::CallId, std::string reason) override {
    std::lock_guard lock(mutex_);
    failures_.push_back(std::move(reason));
    changed_.notify_all();
  }

  struct Digit {
    core::CallId call;
    Leg leg;
    char digit;
  };
  struct Played {
    core::CallId call;
    Leg leg;
  };

  bool WaitFor(const std::function<bool()>& condition) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kDeadline, condition);
  }
  std::vector<Digit> digits() {
    std::lock_guard lock(mutex_);
    return digits_;
  }
  std::vector<Played> played() {
    std::lock_guard lock(mutex_);
    return played_;
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Digit> digits_;
  std::vector<Played> played_;
  std::vector<std::string> failures_;
};

class MediaEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("cc_media_engine_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  MediaEngine& Start(MediaEngineOptions options = {}) {
    options.port_min = options.port_min == MediaEngineOptions{}.port_min ? 30000 : options.port_min;
    options.port_max = options.port_max == MediaEngineOptions{}.port_max ? 39999 : options.port_max;
    auto engine = MediaEngine::Start(options, &observer_);
    EXPECT_TRUE(engine.has_value()) << engine.error().message;
    engine_ = std::move(*engine);
    return *engine_;
  }

  std::uint16_t Open(core::CallId call, Leg leg) {
    const auto endpoint = engine_->OpenLeg(call, leg);
    EXPECT_TRUE(endpoint.has_value()) << endpoint.error().message;
    EXPECT_EQ(endpoint->address, "127.0.0.1");
    return endpoint->rtp_port;
  }

  // Waits until the call's thread has run everything posted before.
  void Sync(core::CallId call, Leg leg) { (void)engine_->Stats(call, leg); }

  LegStats StatsOf(core::CallId call, Leg leg) {
    const auto stats = engine_->Stats(call, leg);
    EXPECT_TRUE(stats.has_value()) << stats.error().message;
    return stats.value_or(LegStats{});
  }

  RecordingObserver observer_;
  std::unique_ptr<MediaEngine> engine_;
  std::filesystem::path dir_;
};

const core::CallId kCall{1};

// A received RTP packet that owns its payload.
struct Packet {
  RtpHeader header;
  Bytes payload;
};

std::vector<Packet> Parsed(const std::vector<Bytes>& datagrams) {
  std::vector<Packet> out;
  for (const Bytes& d : datagrams) {
    auto p = ParseRtp(d);
    EXPECT_TRUE(p.has_value());
    if (p) out.push_back(Packet{p->header, Bytes(p->payload.begin(), p->payload.end())});
  }
  return out;
}

TEST_F(MediaEngineTest, MusicReachesTheCallerSampleForSampleAndLoops) {
  Start();
  Phone phone;
  Open(kCall, Leg::kCaller);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(phone, AudioCodec::kPcmu));
  auto music = std::make_shared<Clip>(Clip{"music", Tone(440, 400)});
  engine_->Play(kCall, Leg::kCaller, {music}, /*loop=*/true);

  const auto datagrams = phone.ReceiveUntil([](const auto& got) { return got.size() >= 8; });
  const auto packets = Parsed(datagrams);
  ASSERT_GE(packets.size(), 8U);
  Samples heard;
  for (std::size_t i = 0; i < packets.size(); ++i) {
    EXPECT_EQ(packets[i].header.payload_type, kPcmu);
    EXPECT_EQ(packets[i].header.ssrc, packets[0].header.ssrc);
    EXPECT_EQ(packets[i].header.sequence, static_cast<std::uint16_t>(packets[0].header.sequence + i));
    EXPECT_EQ(packets[i].header.timestamp, packets[0].header.timestamp + 160 * i);
    ASSERT_EQ(packets[i].payload.size(), 160U);
    const Samples frame = FromMuLaw(packets[i].payload);
    heard.insert(heard.end(), frame.begin(), frame.end());
  }
  EXPECT_TRUE(packets[0].header.marker);
  for (std::size_t i = 0; i < heard.size(); ++i) {
    const std::int16_t expected = DecodeMuLaw(EncodeMuLaw(music->samples[i % 400]));
    ASSERT_EQ(heard[i], expected) << "sample " << i;
  }
}

TEST_F(MediaEngineTest, APromptPlaysOnceThenTheObserverHears) {
  Start();
  Phone phone;
  Open(kCall, Leg::kCaller);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(phone, AudioCodec::kPcma));
  auto prompt = std::make_shared<Clip>(Clip{"prompt", Tone(1000, 400)});
  engine_->Play(kCall, Leg::kCaller, {prompt}, /*loop=*/false);

  ASSERT_TRUE(observer_.WaitFor([&] { return !observer_.played_.empty(); }));
  const auto packets = Parsed(phone.ReceiveUntil([](const auto& got) { return got.size() >= 3; }));
  ASSERT_EQ(packets.size(), 3U);  // 400 samples: two full frames and a padded one
  Samples heard;
  for (const auto& p : packets) {
    EXPECT_EQ(p.header.payload_type, kPcma);
    const Samples frame = FromALaw(p.payload);
    heard.insert(heard.end(), frame.begin(), frame.end());
  }
  for (std::size_t i = 0; i < 400; ++i) {
    ASSERT_EQ(heard[i], DecodeALaw(EncodeALaw(prompt->samples[i]))) << i;
  }
  for (std::size_t i = 400; i < heard.size(); ++i) EXPECT_LE(std::abs(heard[i]), 8) << i;
  const auto played = observer_.played();
  ASSERT_EQ(played.size(), 1U);
  EXPECT_EQ(played[0].call, kCall);
  EXPECT_EQ(played[0].leg, Leg::kCaller);
  EXPECT_FALSE(phone.Receive(200ms).has_value()) << "the prompt played once";
  EXPECT_EQ(StatsOf(kCall, Leg::kCaller).packets_sent, 3U);
}

TEST_F(MediaEngineTest, BridgedAudioFlowsBothWaysTranscodedWithOurOwnStreams) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  const auto agent_port = Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcma));
  engine_->Bridge(kCall, true);
  Sync(kCall, Leg::kCaller);

  std::vector<Bytes> sent;
  for (std::uint16_t i = 0; i < 5; ++i) {
    sent.push_back(MuLaw(Tone(400, 160, 160 * i)));
    caller.SendTo(caller_port, Rtp(kPcmu, static_cast<std::uint16_t>(1000 + i), 5000 + 160U * i,
                                   0x1111, sent.back()));
  }
  const auto to_agent = Parsed(agent.ReceiveUntil([](const auto& got) { return got.size() >= 5; }));
  ASSERT_EQ(to_agent.size(), 5U);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(to_agent[i].header.payload_type, kPcma);
    EXPECT_NE(to_agent[i].header.ssrc, 0x1111U);
    EXPECT_EQ(to_agent[i].header.sequence,
              static_cast<std::uint16_t>(to_agent[0].header.sequence + i));
    EXPECT_EQ(to_agent[i].header.timestamp, to_agent[0].header.timestamp + 160 * i);
    Bytes expected(160);
    EncodeALaw(FromMuLaw(sent[i]), expected);
    EXPECT_EQ(to_agent[i].payload, expected) << i;
  }

  Bytes alaw(160);
  EncodeALaw(Tone(1000, 160), alaw);
  agent.SendTo(agent_port, Rtp(kPcma, 7, 90, 0x2222, alaw));
  const auto to_caller = Parsed(caller.ReceiveUntil([](const auto& got) { return !got.empty(); }));
  ASSERT_EQ(to_caller.size(), 1U);
  EXPECT_EQ(to_caller[0].header.payload_type, kPcmu);
  EXPECT_NE(to_caller[0].header.ssrc, 0x2222U);
  Bytes expected(160);
  EncodeMuLaw(FromALaw(alaw), expected);
  EXPECT_EQ(to_caller[0].payload, expected);

  const LegStats stats = StatsOf(kCall, Leg::kCaller);
  EXPECT_EQ(stats.packets_received, 5U);
  EXPECT_EQ(stats.packets_sent, 1U);
  EXPECT_TRUE(stats.latched);
}

TEST_F(MediaEngineTest, NothingIsRelayedUnbridgedOrToALegThatPlays) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu));
  Sync(kCall, Leg::kCaller);
  caller.SendTo(caller_port, Rtp(kPcmu, 1, 0, 9, MuLaw(Tone(400, 160))));
  EXPECT_FALSE(agent.Receive(300ms).has_value());
  EXPECT_EQ(StatsOf(kCall, Leg::kCaller).packets_received, 1U);

  auto music = std::make_shared<Clip>(Clip{"music", Samples(1600, 0)});
  engine_->Play(kCall, Leg::kAgent, {music}, true);
  engine_->Bridge(kCall, true);
  Sync(kCall, Leg::kCaller);
  const Bytes loud = MuLaw(Samples(160, 12000));
  caller.SendTo(caller_port, Rtp(kPcmu, 2, 160, 9, loud));
  const auto heard = Parsed(agent.ReceiveUntil([](const auto& got) { return got.size() >= 10; }));
  for (const auto& p : heard) {
    EXPECT_NE(p.payload, loud) << "relayed over the music";
  }
}

TEST_F(MediaEngineTest, ADigitReachesTheObserverOnceAndIsRelayedWithTheOtherLegsPayloadType) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu, 101));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu, 96));
  engine_->Bridge(kCall, true);
  Sync(kCall, Leg::kCaller);

  // '5': three packets while the key is held, then the end packet three times.
  std::uint16_t seq = 500;
  for (int i = 0; i < 6; ++i) {
    TelephoneEvent event{5, i >= 3, 10, static_cast<std::uint16_t>(160 * std::min(i + 1, 3))};
    const auto payload = *BuildTelephoneEvent(event);
    caller.SendTo(caller_port, Rtp(101, seq++, 8000, 0x3333, Bytes(payload.begin(), payload.end()),
                                   i == 0));
  }
  const auto relayed = Parsed(agent.ReceiveUntil([](const auto& got) { return got.size() >= 6; }));
  ASSERT_EQ(relayed.size(), 6U);
  for (std::size_t i = 0; i < relayed.size(); ++i) {
    EXPECT_EQ(relayed[i].header.payload_type, 96);
    EXPECT_EQ(relayed[i].header.timestamp, relayed[0].header.timestamp);
    const auto event = ParseTelephoneEvent(relayed[i].payload);
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->event, 5);
    EXPECT_EQ(event->end, i >= 3);
  }
  EXPECT_TRUE(relayed[0].header.marker);

  ASSERT_TRUE(observer_.WaitFor([&] { return !observer_.digits_.empty(); }));
  Sync(kCall, Leg::kCaller);  // every packet of the press has been handled
  const auto digits = observer_.digits();
  ASSERT_EQ(digits.size(), 1U);
  EXPECT_EQ(digits[0].call, kCall);
  EXPECT_EQ(digits[0].leg, Leg::kCaller);
  EXPECT_EQ(digits[0].digit, '5');
  EXPECT_EQ(StatsOf(kCall, Leg::kCaller).lost, 0U) << "events are not lost audio";
}

TEST_F(MediaEngineTest, SendDigitSendsOneRfc4733KeyPress) {
  Start();
  Phone phone;
  Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kAgent, Audio(phone, AudioCodec::kPcma, 101));
  engine_->SendDigit(kCall, Leg::kAgent, '#');

  const auto packets = Parsed(phone.ReceiveUntil([](const auto& got) {
    int ends = 0;
    for (const Bytes& d : got) {
      const auto p = ParseRtp(d);
      if (p && p->header.payload_type == 101 && ParseTelephoneEvent(p->payload)->end) ++ends;
    }
    return ends >= 3;
  }));
  ASSERT_GE(packets.size(), 4U);
  EXPECT_TRUE(packets[0].header.marker);
  std::uint16_t duration = 0;
  for (std::size_t i = 0; i < packets.size(); ++i) {
    EXPECT_EQ(packets[i].header.payload_type, 101);
    EXPECT_EQ(packets[i].header.timestamp, packets[0].header.timestamp);
    const auto event = ParseTelephoneEvent(packets[i].payload);
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(DigitForEvent(event->event), '#');
    EXPECT_GE(event->duration, duration);
    duration = event->duration;
  }
  // A receiver sees exactly one press.
  DtmfReceiver receiver;
  int presses = 0;
  for (const auto& p : packets) {
    if (receiver.OnPacket(p.header.ssrc, p.header.timestamp, *ParseTelephoneEvent(p.payload))) {
      ++presses;
    }
  }
  EXPECT_EQ(presses, 1);
}

// Reads a 16-bit stereo WAV written by WavWriter (44-byte header).
std::pair<Samples, Samples> ReadStereo(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::pair<Samples, Samples> out;
  for (std::size_t at = 44; at + 4 <= bytes.size(); at += 4) {
    out.first.push_back(static_cast<std::int16_t>(bytes[at] | (bytes[at + 1] << 8)));
    out.second.push_back(static_cast<std::int16_t>(bytes[at + 2] | (bytes[at + 3] << 8)));
  }
  return out;
}

// The frequency of the tone in the loud part of a channel, by zero crossings.
double ToneHz(const Samples& channel) {
  std::size_t first = channel.size();
  std::size_t last = 0;
  for (std::size_t i = 0; i < channel.size(); ++i) {
    if (std::abs(channel[i]) > 2000) {
      first = std::min(first, i);
      last = i;
    }
  }
  if (first >= last) return 0;
  int crossings = 0;
  for (std::size_t i = first + 1; i <= last; ++i) {
    if ((channel[i - 1] < 0) != (channel[i] < 0)) ++crossings;
  }
  return crossings / 2.0 / (static_cast<double>(last - first) / 8000.0);
}

// Both phones talk for `packets` × 20 ms, paced as a phone would.
void Talk(const Phone& caller, std::uint16_t caller_port, const Phone& agent,
          std::uint16_t agent_port, int packets, std::uint16_t first_seq = 0) {
  auto next = std::chrono::steady_clock::now();
  for (int i = 0; i < packets; ++i) {
    const auto seq = static_cast<std::uint16_t>(first_seq + i);
    const std::size_t from = 160 * static_cast<std::size_t>(seq);
    caller.SendTo(caller_port, Rtp(kPcmu, seq, static_cast<std::uint32_t>(from), 0xCA11,
                                   MuLaw(Tone(400, 160, from))));
    agent.SendTo(agent_port, Rtp(kPcmu, seq, static_cast<std::uint32_t>(from), 0xA6E7,
                                 MuLaw(Tone(1000, 160, from))));
    next += 20ms;
    std::this_thread::sleep_until(next);
  }
}

TEST_F(MediaEngineTest, TheRecordingHoldsTheCallerLeftAndTheAgentRight) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  const auto agent_port = Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu));
  engine_->Bridge(kCall, true);
  const auto path = dir_ / "2024" / "call-1.wav";
  ASSERT_TRUE(engine_->StartRecording(kCall, path).has_value());
  EXPECT_FALSE(engine_->StartRecording(kCall, dir_ / "again.wav").has_value());
  Sync(kCall, Leg::kCaller);

  Talk(caller, caller_port, agent, agent_port, 50);
  std::this_thread::sleep_for(200ms);  // let the jitter buffers play out
  const auto summary = engine_->StopRecording(kCall);
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->path, path);
  const auto [left, right] = ReadStereo(path);
  EXPECT_EQ(left.size(), summary->frames);
  EXPECT_GE(summary->frames, 8000U * 50 / 50);  // at least the second of talk
  EXPECT_NEAR(ToneHz(left), 400, 40);
  EXPECT_NEAR(ToneHz(right), 1000, 100);
  EXPECT_FALSE(engine_->StopRecording(kCall).has_value()) << "already stopped";
}

TEST_F(MediaEngineTest, APausedRecordingIsShorterNotSilent) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  const auto agent_port = Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu));
  const auto path = dir_ / "paused.wav";
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(engine_->StartRecording(kCall, path).has_value());
  Talk(caller, caller_port, agent, agent_port, 15);
  engine_->PauseRecording(kCall, true);
  Talk(caller, caller_port, agent, agent_port, 40, 15);  // 800 ms not recorded
  engine_->PauseRecording(kCall, false);
  Talk(caller, caller_port, agent, agent_port, 15, 55);
  const auto summary = engine_->StopRecording(kCall);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_LT(static_cast<double>(summary->frames), (elapsed - 0.4) * 8000);
  EXPECT_GT(summary->frames, 8000U / 10);
  const auto [left, right] = ReadStereo(path);
  EXPECT_EQ(left.size(), summary->frames);
  EXPECT_NEAR(ToneHz(left), 400, 40);
}

// Everything `phone` has been sent until it stays quiet for 300 ms (at most
// 5 s of audio), decoded (PCMU).
Samples Heard(const Phone& phone) {
  Samples out;
  while (out.size() < 5 * 8000) {
    auto datagram = phone.Receive(300ms);
    if (!datagram) break;
    auto packet = ParseRtp(*datagram);
    if (!packet || packet->header.payload_type != kPcmu) continue;
    const Samples frame = FromMuLaw(packet->payload);
    out.insert(out.end(), frame.begin(), frame.end());
  }
  return out;
}

TEST_F(MediaEngineTest, AConferenceLetsEachLegHearTheOtherTwoAndRecordsThemAll) {
  Start();
  Phone caller;
  Phone agent;
  Phone consulted;
  const auto caller_port = Open(kCall, Leg::kCaller);
  Open(kCall, Leg::kAgent);
  const auto consulted_port = Open(kCall, Leg::kConsult);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu));
  engine_->SetRemote(kCall, Leg::kConsult, Audio(consulted, AudioCodec::kPcmu));
  engine_->Bridge(kCall, true);  // the conference replaces the pair
  engine_->Mix(kCall, {Leg::kCaller, Leg::kAgent, Leg::kConsult});
  const auto path = dir_ / "conference.wav";
  ASSERT_TRUE(engine_->StartRecording(kCall, path).has_value());
  Sync(kCall, Leg::kCaller);

  // One second: the caller says 400 Hz, the consulted party 1000 Hz, the agent listens.
  auto next = std::chrono::steady_clock::now();
  for (std::uint16_t seq = 0; seq < 50; ++seq) {
    const std::size_t from = 160 * static_cast<std::size_t>(seq);
    caller.SendTo(caller_port, Rtp(kPcmu, seq, static_cast<std::uint32_t>(from), 0xCA11, MuLaw(Tone(400, 160, from))));
    consulted.SendTo(consulted_port,
                     Rtp(kPcmu, seq, static_cast<std::uint32_t>(from), 0xC0C0, MuLaw(Tone(1000, 160, from))));
    next += 20ms;
    std::this_thread::sleep_until(next);
  }
  std::this_thread::sleep_for(200ms);
  engine_->Mix(kCall, {});  // the conference ends: nothing is sent any more
  const auto summary = engine_->StopRecording(kCall);
  ASSERT_TRUE(summary.has_value()) << summary.error().message;

  const Samples to_agent = Heard(agent);
  const Samples to_caller = Heard(caller);
  const Samples to_consulted = Heard(consulted);
  ASSERT_GT(to_agent.size(), 8000U / 2);
  EXPECT_GT(ToneStrength(to_agent, 400), 0.2);
  EXPECT_GT(ToneStrength(to_agent, 1000), 0.2);
  ASSERT_GT(to_caller.size(), 8000U / 2);
  EXPECT_GT(ToneStrength(to_caller, 1000), 0.5);
  EXPECT_LT(ToneStrength(to_caller, 400), 0.05) << "the caller does not hear themselves";
  ASSERT_GT(to_consulted.size(), 8000U / 2);
  EXPECT_GT(ToneStrength(to_consulted, 400), 0.5);
  EXPECT_LT(ToneStrength(to_consulted, 1000), 0.05);

  const auto [left, right] = ReadStereo(path);
  EXPECT_GT(ToneStrength(left, 400), 0.5);
  EXPECT_GT(ToneStrength(right, 1000), 0.5) << "the consulted party is on the agent's side of the recording";
  EXPECT_LT(to_agent.size(), 4U * 8000) << "the mix ended with Mix({})";
  EXPECT_FALSE(agent.Receive(200ms).has_value()) << "after the mix ends, the agent hears nothing";
}

TEST_F(MediaEngineTest, LatchingFollowsTheSourceOfThePackets) {
  Start();
  Phone announced;
  Phone moved;
  Phone moved_again;
  const auto port = Open(kCall, Leg::kCaller);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(announced, AudioCodec::kPcmu));
  engine_->Play(kCall, Leg::kCaller, {std::make_shared<Clip>(Clip{"music", Tone(440, 800)})}, true);
  ASSERT_TRUE(announced.Receive(kDeadline).has_value()) << "sent where the SDP said";
  EXPECT_FALSE(StatsOf(kCall, Leg::kCaller).latched);

  moved.SendTo(port, Rtp(kPcmu, 1, 0, 77, MuLaw(Tone(400, 160))));
  ASSERT_TRUE(moved.Receive(kDeadline).has_value()) << "follows the packet's source";
  EXPECT_TRUE(StatsOf(kCall, Leg::kCaller).latched);

  moved_again.SendTo(port, Rtp(kPcmu, 2, 160, 77, MuLaw(Tone(400, 160))));
  ASSERT_TRUE(moved_again.Receive(kDeadline).has_value()) << "follows a changed port";
}

TEST_F(MediaEngineTest, APayloadTypeTheLegDidNotAgreeOnIsDropped) {
  Start();
  Phone caller;
  Phone agent;
  const auto caller_port = Open(kCall, Leg::kCaller);
  Open(kCall, Leg::kAgent);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(caller, AudioCodec::kPcmu, 101));
  engine_->SetRemote(kCall, Leg::kAgent, Audio(agent, AudioCodec::kPcmu, 101));
  engine_->Bridge(kCall, true);
  Sync(kCall, Leg::kCaller);

  caller.SendTo(caller_port, Rtp(18, 1, 0, 5, Bytes(20, 0x55)));    // G.729: not agreed
  caller.SendTo(caller_port, Rtp(8, 2, 160, 5, Bytes(160, 0x55)));  // PCMA: not agreed either
  caller.SendTo(caller_port, Bytes{1, 2, 3});                       // not RTP
  const Bytes good = MuLaw(Tone(400, 160));
  caller.SendTo(caller_port, Rtp(kPcmu, 3, 320, 5, good));
  const auto relayed = Parsed(agent.ReceiveUntil([](const auto& got) { return !got.empty(); }));
  ASSERT_EQ(relayed.size(), 1U);
  EXPECT_EQ(relayed[0].payload, good);
  const LegStats stats = StatsOf(kCall, Leg::kCaller);
  EXPECT_EQ(stats.dropped, 3U);
  EXPECT_EQ(stats.packets_received, 1U);
  EXPECT_FALSE(agent.Receive(200ms).has_value());
}

// Four consecutive ports free on 127.0.0.1 right now, starting at an even one.
std::uint16_t FreePortRange() {
  for (std::uint16_t base = 41000 + static_cast<std::uint16_t>(2 * (::getpid() % 2000));
       base < 64000; base += 4) {
    std::vector<int> fds;
    bool ok = true;
    for (std::uint16_t p = base; p < base + 4 && ok; ++p) {
      const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
      sockaddr_in addr{};
      addr.sin_family = AF_INET;
      addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      addr.sin_port = htons(p);
      ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
      fds.push_back(fd);
    }
    for (int fd : fds) ::close(fd);
    if (ok) return base;
  }
  return 0;
}

TEST_F(MediaEngineTest, RunningOutOfPortsIsAnErrorUntilACallCloses) {
  const std::uint16_t base = FreePortRange();
  ASSERT_NE(base, 0);
  MediaEngineOptions options;
  options.port_min = base;
  options.port_max = static_cast<std::uint16_t>(base + 3);
  Start(options);
  const core::CallId other{2};
  const auto first = engine_->OpenLeg(kCall, Leg::kCaller);
  ASSERT_TRUE(first.has_value()) << first.error().message;
  ASSERT_TRUE(engine_->OpenLeg(kCall, Leg::kAgent).has_value());
  EXPECT_EQ(engine_->OpenLeg(kCall, Leg::kCaller)->rtp_port, first->rtp_port) << "already open";

  const auto refused = engine_->OpenLeg(other, Leg::kCaller);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, core::ErrorCode::kResourceExhausted);
  EXPECT_EQ(engine_->open_calls(), 1U);

  engine_->CloseCall(kCall);
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  core::Result<LocalEndpoint> reopened = refused;
  while (!reopened && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
    reopened = engine_->OpenLeg(other, Leg::kCaller);
  }
  ASSERT_TRUE(reopened.has_value()) << "the closed call's ports come back";
  EXPECT_GE(reopened->rtp_port, base);
  EXPECT_LE(reopened->rtp_port, base + 2);
}

TEST_F(MediaEngineTest, ClosingACallTwiceIsHarmlessAndFinishesItsRecording) {
  Start();
  Open(kCall, Leg::kCaller);
  Open(kCall, Leg::kAgent);
  const auto path = dir_ / "closed.wav";
  ASSERT_TRUE(engine_->StartRecording(kCall, path).has_value());
  Sync(kCall, Leg::kCaller);
  std::this_thread::sleep_for(100ms);
  engine_->CloseCall(kCall);
  engine_->CloseCall(kCall);
  engine_->CloseLeg(kCall, Leg::kCaller);
  engine_->Play(kCall, Leg::kCaller, {}, false);
  engine_->Bridge(kCall, true);
  EXPECT_EQ(engine_->open_calls(), 0U);
  EXPECT_EQ(engine_->Stats(kCall, Leg::kCaller).error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(engine_->StopRecording(kCall).has_value());
  EXPECT_FALSE(engine_->StartRecording(kCall, dir_ / "late.wav").has_value());

  engine_.reset();  // the threads are done with the file
  const auto frames = RepairWav(path);
  ASSERT_TRUE(frames.has_value()) << frames.error().message;
  EXPECT_EQ(std::filesystem::file_size(path), 44 + 4 * *frames) << "header written at close";
}

TEST_F(MediaEngineTest, RtcpIsReadAndSenderReportsGoOutForLegsThatSend) {
  MediaEngineOptions options;
  options.rtcp_interval_ms = 100;
  Start(options);
  Phone rtp;
  Phone rtcp;
  const auto port = Open(kCall, Leg::kCaller);
  engine_->SetRemote(kCall, Leg::kCaller, Audio(rtp, AudioCodec::kPcmu));
  engine_->Play(kCall, Leg::kCaller, {std::make_shared<Clip>(Clip{"music", Tone(440, 800)})}, true);
  const auto first = rtp.Receive(kDeadline);
  ASSERT_TRUE(first.has_value());
  const std::uint32_t ssrc = ParseRtp(*first)->header.ssrc;

  // An empty receiver report from the phone's RTCP socket: the engine answers there.
  rtcp.SendTo(static_cast<std::uint16_t>(port + 1), Bytes{0x80, 201, 0x00, 0x01, 0, 0, 0, 9});
  std::optional<SenderInfo> report;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (!report && std::chrono::steady_clock::now() < deadline) {
    if (const auto datagram = rtcp.Receive(100ms)) {
      if (auto sr = ParseSenderReport(*datagram)) report = *sr;
    }
  }
  ASSERT_TRUE(report.has_value()) << "no sender report";
  EXPECT_EQ(report->ssrc, ssrc);
  EXPECT_GT(report->packet_count, 0U);
  EXPECT_EQ(report->octet_count, 160 * report->packet_count);
  const LegStats stats = StatsOf(kCall, Leg::kCaller);
  EXPECT_EQ(stats.rtcp_received, 1U);
  EXPECT_GE(stats.rtcp_sent, 1U);
}

TEST_F(MediaEngineTest, CallsSpreadOverThreadsAndEachRunsOnItsOwn) {
  MediaEngineOptions options;
  options.threads = 2;
  Start(options);
  std::vector<std::unique_ptr<Phone>> phones;
  for (std::uint64_t id = 1; id <= 4; ++id) {
    phones.push_back(std::make_unique<Phone>());
    Open(core::CallId{id}, Leg::kCaller);
    engine_->SetRemote(core::CallId{id}, Leg::kCaller, Audio(*phones.back(), AudioCodec::kPcmu));
    engine_->Play(core::CallId{id}, Leg::kCaller,
                  {std::make_shared<Clip>(Clip{"music", Tone(440, 800)})}, true);
  }
  EXPECT_EQ(engine_->open_calls(), 4U);
  for (const auto& phone : phones) EXPECT_TRUE(phone->Receive(kDeadline).has_value());
}

}  // namespace
}  // namespace cc::telephony::media
