// rtp_load: load on the media engine. Opens N calls in an in-process engine,
// bridges them (and records them with --record), and sends 20 ms G.711
// streams into both legs from 2N client sockets on 127.0.0.1, as N callers
// and N agents would. Each client reads what the engine relays from the far
// side and counts packets lost (sent by the far client, never received), late
// (after a later sequence number), and the RFC 3550 jitter. Prints one JSON
// line: the figures, the engine's own view (lost/late from its jitter
// buffers, recorded frames) and CPU time (getrusage) of the process, of the
// client threads and, by difference, of the engine.
#include <CLI/CLI.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "stream_meter.h"
#include "telephony/media/g711.h"
#include "telephony/media/media_engine.h"
#include "telephony/media/rtp.h"

namespace {

using namespace cc::telephony::media;
using Clock = std::chrono::steady_clock;

struct Options {
  int calls = 100;
  double seconds = 10;
  int threads = 2;
  std::string record_dir;
  bool transcode = false;
  std::uint16_t port_min = 20000;
  std::uint16_t port_max = 29999;
  std::size_t jitter_depth = 3;
};

// One client socket: a caller's or an agent's phone.
struct Client {
  int fd = -1;
  sockaddr_in engine_leg{};  // where it sends
  std::uint32_t ssrc = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint64_t sent = 0;       // written by the sender thread only
  cc::tools::StreamMeter meter;  // written by the receiver thread only
};

double CpuSeconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int OpenClient(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return -1;
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

NegotiatedAudio AudioTo(std::uint16_t port, AudioCodec codec) {
  NegotiatedAudio audio;
  audio.codec = codec;
  audio.payload_type = codec == AudioCodec::kPcmu ? 0 : 8;
  audio.telephone_event_payload_type = 101;
  audio.remote_address = "127.0.0.1";
  audio.remote_port = port;
  return audio;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"Load on the media engine: N bridged calls with 20 ms G.711 both ways"};
  app.add_option("--calls", o.calls, "concurrent calls")->check(CLI::Range(1, 5000));
  app.add_option("--seconds", o.seconds, "how long the streams run")->check(CLI::Range(0.1, 3600.0));
  app.add_option("--threads", o.threads, "media threads")->check(CLI::Range(1, 64));
  app.add_option("--record", o.record_dir, "record every call into this directory (deleted after)");
  app.add_flag("--transcode", o.transcode, "agents on PCMA, callers on PCMU");
  app.add_option("--port-min", o.port_min, "engine RTP ports from");
  app.add_option("--port-max", o.port_max, "engine RTP ports to");
  app.add_option("--jitter-depth", o.jitter_depth, "engine jitter buffer depth (packets)");
  CLI11_PARSE(app, argc, argv);

  MediaEngineOptions engine_options;
  engine_options.threads = o.threads;
  engine_options.port_min = o.port_min;
  engine_options.port_max = o.port_max;
  engine_options.jitter_depth = o.jitter_depth;
  auto started = MediaEngine::Start(engine_options, nullptr);
  if (!started) {
    std::fprintf(stderr, "rtp_load: %s\n", started.error().message.c_str());
    return 1;
  }
  MediaEngine& engine = **started;

  const auto n = static_cast<std::size_t>(o.calls);
  std::vector<Client> clients(2 * n);  // caller of call i at 2i, its agent at 2i + 1
  const int epoll = ::epoll_create1(0);
  for (std::size_t i = 0; i < n; ++i) {
    const cc::core::CallId call{i + 1};
    for (Leg leg : {Leg::kCaller, Leg::kAgent}) {
      Client& client = clients[2 * i + (leg == Leg::kAgent ? 1 : 0)];
      std::uint16_t client_port = 0;
      client.fd = OpenClient(client_port);
      const auto endpoint = engine.OpenLeg(call, leg);
      if (client.fd < 0 || !endpoint) {
        std::fprintf(stderr, "rtp_load: call %zu: %s\n", i + 1,
                     endpoint ? "cannot open a client socket" : endpoint.error().message.c_str());
        return 1;
      }
      client.engine_leg.sin_family = AF_INET;
      client.engine_leg.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      client.engine_leg.sin_port = htons(endpoint->rtp_port);
      client.ssrc = static_cast<std::uint32_t>(0x10000 + 2 * i + (leg == Leg::kAgent ? 1 : 0));
      const bool pcma = o.transcode && leg == Leg::kAgent;
      engine.SetRemote(call, leg, AudioTo(client_port, pcma ? AudioCodec::kPcma : AudioCodec::kPcmu));
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.u64 = 2 * i + (leg == Leg::kAgent ? 1 : 0);
      ::epoll_ctl(epoll, EPOLL_CTL_ADD, client.fd, &event);
    }
    engine.Bridge(call, true);
    if (!o.record_dir.empty()) {
      const auto path = std::filesystem::path(o.record_dir) / ("call-" + std::to_string(i + 1) + ".wav");
      if (auto status = engine.StartRecording(call, path); !status) {
        std::fprintf(stderr, "rtp_load: %s\n", status.error().message.c_str());
        return 1;
      }
    }
  }

  // Frames: a 400 Hz tone for callers, 1000 Hz for agents, encoded once.
  std::vector<std::uint8_t> caller_frame(160), agent_frame_u(160), agent_frame_a(160);
  std::vector<std::int16_t> tone(160);
  for (int i = 0; i < 160; ++i) tone[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 400 * i / 8000.0));
  EncodeMuLaw(tone, caller_frame);
  for (int i = 0; i < 160; ++i) tone[static_cast<std::size_t>(i)] = static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 1000 * i / 8000.0));
  EncodeMuLaw(tone, agent_frame_u);
  EncodeALaw(tone, agent_frame_a);

  std::atomic<bool> sending{true};
  std::atomic<bool> receiving{true};
  std::atomic<std::int64_t> last_arrival_ms{0};  // since `begin`, for the drain at the end
  double sender_cpu = 0;
  double receiver_cpu = 0;
  std::uint64_t send_errors = 0;
  std::uint64_t late_ticks = 0;
  const auto begin = Clock::now();
  const double cpu_begin = CpuSeconds(RUSAGE_SELF);

  std::thread receiver([&] {
    std::vector<epoll_event> events(256);
    std::vector<std::uint8_t> buffer(2048);
    while (receiving.load(std::memory_order_relaxed)) {
      const int ready = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 50);
      for (int e = 0; e < ready; ++e) {
        Client& client = clients[events[static_cast<std::size_t>(e)].data.u64];
        for (;;) {
          const ssize_t got = ::recv(client.fd, buffer.data(), buffer.size(), 0);
          if (got <= 0) break;
          const auto packet = ParseRtp(std::span<const std::uint8_t>(buffer.data(), static_cast<std::size_t>(got)));
          // Only the audio the far phone sent: an RTCP report can land here when
          // this socket's port is another client's RTP port + 1.
          if (!packet || (packet->header.payload_type != 0 && packet->header.payload_type != 8)) {
            continue;
          }
          const auto since = Clock::now() - begin;
          const double arrival = std::chrono::duration<double>(since).count() * 8000.0;
          last_arrival_ms.store(
              std::chrono::duration_cast<std::chrono::milliseconds>(since).count(),
              std::memory_order_relaxed);
          client.meter.OnPacket(packet->header.sequence, packet->header.timestamp, arrival);
        }
      }
    }
    receiver_cpu = CpuSeconds(RUSAGE_THREAD);
  });

  std::thread sender([&] {
    std::vector<std::uint8_t> datagram(kRtpFixedHeaderSize + 160);
    auto next = Clock::now();
    const auto end = begin + std::chrono::duration<double>(o.seconds);
    while (sending.load(std::memory_order_relaxed) && Clock::now() < end) {
      for (std::size_t c = 0; c < clients.size(); ++c) {
        Client& client = clients[c];
        RtpHeader header;
        header.payload_type = (o.transcode && c % 2 == 1) ? 8 : 0;
        header.sequence = client.sequence++;
        header.timestamp = client.timestamp;
        header.ssrc = client.ssrc;
        client.timestamp += 160;
        const auto& payload = c % 2 == 0 ? caller_frame : (o.transcode ? agent_frame_a : agent_frame_u);
        const auto size = SerializeRtpInto(header, payload, datagram);
        if (::sendto(client.fd, datagram.data(), *size, 0,
                     reinterpret_cast<const sockaddr*>(&client.engine_leg),
                     sizeof client.engine_leg) == static_cast<ssize_t>(*size)) {
          ++client.sent;
        } else {
          ++send_errors;
        }
      }
      next += std::chrono::milliseconds(20);
      if (Clock::now() > next) ++late_ticks;
      std::this_thread::sleep_until(next);
    }
    sender_cpu = CpuSeconds(RUSAGE_THREAD);
  });
  sender.join();
  // The last packets drain: wait for 300 ms without any (at most 5 s).
  const auto drain_limit = Clock::now() + std::chrono::seconds(5);
  while (Clock::now() < drain_limit) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - begin)
                           .count() -
                       last_arrival_ms.load(std::memory_order_relaxed);
    if (quiet > 300) break;
  }
  receiving = false;
  receiver.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
  const double cpu = CpuSeconds(RUSAGE_SELF) - cpu_begin;

  std::uint64_t sent = 0, received = 0, late = 0, missing = 0;
  double jitter_sum = 0, jitter_max = 0;
  for (std::size_t c = 0; c < clients.size(); ++c) {
    const Client& from = clients[c];
    const Client& to = clients[c ^ 1];  // what the far phone hears of `from`
    sent += from.sent;
    received += to.meter.received();
    late += to.meter.late();
    missing += to.meter.missing();
    jitter_sum += to.meter.jitter_ms();
    jitter_max = std::max(jitter_max, to.meter.jitter_ms());
  }
  std::uint64_t engine_lost = 0, engine_late = 0, engine_dropped = 0, recorded_frames = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const cc::core::CallId call{i + 1};
    for (Leg leg : {Leg::kCaller, Leg::kAgent}) {
      if (const auto stats = engine.Stats(call, leg)) {
        engine_lost += stats->lost;
        engine_late += stats->late;
        engine_dropped += stats->dropped;
      }
    }
    if (!o.record_dir.empty()) {
      if (const auto summary = engine.StopRecording(call)) recorded_frames += summary->frames;
    }
    engine.CloseCall(call);
  }
  started->reset();
  for (const Client& client : clients) ::close(client.fd);
  ::close(epoll);
  if (!o.record_dir.empty()) {
    std::error_code ignored;
    for (std::size_t i = 0; i < n; ++i) {
      std::filesystem::remove(std::filesystem::path(o.record_dir) / ("call-" + std::to_string(i + 1) + ".wav"), ignored);
    }
  }

  const std::uint64_t lost = sent > received ? sent - received : 0;
  nlohmann::json out = {
      {"calls", o.calls},
      {"seconds", elapsed},
      {"threads", o.threads},
      {"recorded", !o.record_dir.empty()},
      {"transcode", o.transcode},
      {"sent", sent},
      {"received", received},
      {"lost", lost},
      {"loss_pct", sent == 0 ? 0.0 : 100.0 * static_cast<double>(lost) / static_cast<double>(sent)},
      {"late", late},
      {"missing_by_sequence", missing},
      {"jitter_ms_mean", jitter_sum / static_cast<double>(clients.size())},
      {"jitter_ms_max", jitter_max},
      {"engine_jitter_lost", engine_lost},
      {"engine_jitter_late", engine_late},
      {"engine_dropped", engine_dropped},
      {"recorded_frames", recorded_frames},
      {"send_errors", send_errors},
      {"sender_late_ticks", late_ticks},
      {"cpu_s", cpu},
      {"cpu_clients_s", sender_cpu + receiver_cpu},
      {"cpu_engine_s", cpu - sender_cpu - receiver_cpu},
      {"cpu_engine_pct_of_core", 100.0 * (cpu - sender_cpu - receiver_cpu) / elapsed},
  };
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
