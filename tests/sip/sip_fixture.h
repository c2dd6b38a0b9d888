// The harness of the SIP tests: `callcenter serve --demo --sip-listen` on free
// ports, sipp runs as callers and as the agents' phones (scenario files beside
// the tests), a baresip softphone, an RTP listener, and readers of what
// happened (interaction log, call records, recordings) over the API.
// Thread-safety: one test thread.
#pragma once

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/api/api_fixture.h"
#include "tests/server_process.h"

namespace cc::testing {
namespace sip_fixture {

using nlohmann::json;
namespace fs = std::filesystem;

inline std::uint16_t FreeUdpPort() {
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

// Whether `port` can be bound on loopback for UDP right now.
inline bool UdpPortFree(std::uint16_t port) {
  int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  const bool free = ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return free;
}

// A port for sipp's -mp: sipp binds it for audio and the port two above for
// video, and exits 254 at start when either is taken.
inline std::uint16_t FreeMediaPort() {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::uint16_t port = FreeUdpPort();
    if (port < 65534 && UdpPortFree(static_cast<std::uint16_t>(port + 2))) return port;
  }
  return FreeUdpPort();
}

// One sipp run, started now; Wait() returns its exit code (or -1 when it had to be killed).
class Sipp {
 public:
  // Runs in `log`'s folder: the scenarios' audio files (caller.wav, agent.wav) are there.
  Sipp(const fs::path& log, std::vector<std::string> args) {
    std::vector<std::string> argv = {"sipp"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      // One open file for both streams: sipp's errors (stderr) are not
      // overwritten by the screen it prints at exit (stdout).
      std::FILE* f = std::freopen(log.c_str(), "w", stdout);
      (void)f;
      ::dup2(STDOUT_FILENO, STDERR_FILENO);
      if (::chdir(log.parent_path().c_str()) != 0) _exit(126);
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      execvp("sipp", raw.data());
      _exit(127);
    }
  }
  ~Sipp() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  int Wait(std::chrono::seconds limit = std::chrono::seconds(30)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return -1;
  }

 private:
  pid_t pid_ = -1;
};

// baresip as an agent's real softphone: registers as `user`, answers every
// call at once, sends `source` (an 8 kHz WAV) as its microphone and dumps
// what it hears to `dir`/dumps/*-dec.wav (the sndfile module).
// How a baresip runs: as a phone that registers and answers by itself (the
// default), or as a caller that dials `dial` at start; over UDP or TLS.
struct BaresipSetup {
  bool tls = false;
  std::string dial;  // a caller: no registration, dials this URI at start
  std::string mediaenc;  // "srtp-mand": SRTP (SDES) or no call
};

class Baresip {
 public:
  Baresip(const fs::path& dir, const std::string& registrar, const std::string& user, const std::string& password,
          const fs::path& source, BaresipSetup setup = {}) {
    fs::create_directories(dir / "dumps");
    // baresip binds its SIP port for UDP and TCP and the next one for TLS; the control port must differ.
    const auto tcp_free = [](std::uint16_t port) {
      int s = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(port);
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      const bool free = ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
      ::close(s);
      return free;
    };
    control_port_ = FreeUdpPort();
    std::uint16_t sip_port = 0;
    for (int attempt = 0; attempt < 50; ++attempt) {
      sip_port = FreeUdpPort();
      if (sip_port < 65535 && sip_port != control_port_ && sip_port + 1 != control_port_ && tcp_free(sip_port) &&
          tcp_free(static_cast<std::uint16_t>(sip_port + 1))) {
        break;
      }
    }
    std::ofstream(dir / "config") << "poll_method epoll\n"
                                  << "sip_listen 127.0.0.1:" << sip_port << "\n"
                                  << "net_interface 127.0.0.1\n"
                                  << "audio_player alsa,null\naudio_alert alsa,null\n"
                                  << "audio_source aufile," << source.string() << "\n"
                                  << "module_path /usr/lib/baresip/modules\n"
                                  << "module g711.so\nmodule aufile.so\nmodule alsa.so\nmodule sndfile.so\nmodule srtp.so\n"
                                  << "module_app account.so\nmodule_app menu.so\nmodule_app ctrl_tcp.so\n"
                                  << "ctrl_tcp_listen 127.0.0.1:" << control_port_ << "\n"
                                  << "snd_path " << (dir / "dumps").string() << "\n";
    std::ofstream(dir / "accounts") << "<sip:" << user << "@" << registrar << (setup.tls ? ";transport=tls" : "")
                                    << ">;auth_pass=" << password << ";answermode=auto;regint="
                                    << (setup.dial.empty() ? 300 : 0) << ";audio_codecs=PCMU,PCMA"
                                    << (setup.mediaenc.empty() ? "" : ";mediaenc=" + setup.mediaenc) << "\n";
    std::ofstream(dir / "contacts");
    const std::string log = (dir / "baresip.log").string();
    const std::string config = dir.string();
    const std::string command = "/dial " + setup.dial;
    pid_ = fork();
    if (pid_ == 0) {
      std::FILE* f = std::freopen(log.c_str(), "w", stdout);
      std::FILE* g = std::freopen(log.c_str(), "a", stderr);
      (void)f;
      (void)g;
      if (setup.dial.empty()) {
        execlp("baresip", "baresip", "-f", config.c_str(), "-t", "90", static_cast<char*>(nullptr));
      } else {
        execlp("baresip", "baresip", "-f", config.c_str(), "-t", "90", "-e", command.c_str(),
               static_cast<char*>(nullptr));
      }
      _exit(127);
    }
  }
  ~Baresip() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 20; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }

  // Hangs up its call, through the ctrl_tcp control port (netstring JSON).
  bool Hangup() const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(control_port_);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    const std::string body = R"({"command":"hangup","token":"t1"})";
    const std::string frame = std::to_string(body.size()) + ":" + body + ",";
    ok = ok && ::write(fd, frame.data(), frame.size()) == static_cast<ssize_t>(frame.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::close(fd);
    return ok;
  }

 private:
  pid_t pid_ = -1;
  std::uint16_t control_port_ = 0;
};

// The dominant frequency of one channel of a 16-bit stereo WAV, from the zero
// crossings of its audible samples (0 when the channel is silent).
// One channel of a 16-bit WAV's samples.
inline std::vector<std::int16_t> ChannelSamples(const fs::path& wav, int channel, int channels = 2) {
  const std::string bytes = [&] {
    std::ifstream in(wav, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }();
  std::vector<std::int16_t> samples;
  const auto data = bytes.find("data");
  if (data == std::string::npos) return samples;
  const std::size_t frame = 2 * static_cast<std::size_t>(channels);
  for (std::size_t i = data + 8 + 2 * static_cast<std::size_t>(channel); i + 1 < bytes.size(); i += frame) {
    samples.push_back(static_cast<std::int16_t>(static_cast<unsigned char>(bytes[i]) |
                                                (static_cast<unsigned char>(bytes[i + 1]) << 8)));
  }
  return samples;
}

inline double ChannelHz(const fs::path& wav, int channel, int channels = 2) {
  const std::vector<std::int16_t> samples = ChannelSamples(wav, channel, channels);
  std::size_t audible = 0, crossings = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if (std::abs(samples[i]) < 300 && std::abs(samples[i - 1]) < 300) continue;
    ++audible;
    if ((samples[i - 1] < 0) != (samples[i] < 0)) ++crossings;
  }
  return audible < 4000 ? 0 : crossings / 2.0 / (static_cast<double>(audible) / 8000.0);
}

inline std::string Read(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

// Counts the RTP that reaches one UDP port on loopback while it lives: the
// caller's side of the media, for checks that announcements and music arrive.
class RtpListener {
 public:
  RtpListener() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] {
      while (!stop_) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        unsigned char buf[2048];
        const auto n = ::recv(fd_, buf, sizeof buf, 0);
        // RTP version 2, G.711 (PT 0 or 8) with a 12-byte header.
        if (n <= 12 || (buf[0] >> 6) != 2) continue;
        const int pt = buf[1] & 0x7f;
        if (pt != 0 && pt != 8) continue;
        ++packets_;
        const unsigned char silence = pt == 0 ? 0xff : 0xd5;
        for (ssize_t i = 12; i < n; ++i) {
          if ((buf[i] & 0x7f) != (silence & 0x7f)) {
            ++audible_;
            break;
          }
        }
      }
    });
  }
  ~RtpListener() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::uint16_t port() const { return port_; }
  int packets() const { return packets_; }
  int audible() const { return audible_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> packets_{0};
  std::atomic<int> audible_{0};
  std::thread thread_;
};

inline std::vector<fs::path> Wavs(const fs::path& data) {
  std::vector<fs::path> wavs;
  if (fs::exists(data / "recordings")) {
    for (const auto& e : fs::recursive_directory_iterator(data / "recordings")) {
      if (e.path().extension() == ".wav") wavs.push_back(e.path());
    }
  }
  return wavs;
}

class SipCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cc-sip-" + std::to_string(getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // The tones the two sides send, as mu-law WAV for sipp's rtp_stream.
    for (auto [name, hz] : {std::pair{"caller.wav", 400}, std::pair{"agent.wav", 1000}}) {
      const std::string cmd = "sox -n -r 8000 -c 1 -e u-law " + (dir_ / name).string() + " synth 5 sine " +
                              std::to_string(hz) + " vol 0.5";
      ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    ASSERT_NO_FATAL_FAILURE(StartServer("serve.out"));
    std::smatch m;
    std::string out = server_->Output();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("password '([^']+)'"))) << out;
    admin_password_ = m[1];
    const json logins = json::parse(Read(dir_ / "data" / "demo-logins.json"));
    for (const auto& l : logins) {
      if (l.value("login", "") == "sip01") sip01_password_ = l.value("password", "");
      if (l.value("login", "") == "sip02") sip02_password_ = l.value("password", "");
    }
    ASSERT_FALSE(sip01_password_.empty()) << logins.dump();
  }
  void TearDown() override {
    server_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Starts (or, after a crash, restarts) the server on the same data dir.
  void StartServer(const std::string& out_name, std::vector<std::string> extra = {}) {
    server_.reset();  // one server per data dir
    std::vector<std::string> args = {"--demo", "--no-bots", "--no-traffic", "--sip-listen", "127.0.0.1:0"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ServerProcess>(dir_ / "data", dir_ / out_name, args);
    http_port_ = server_->Port();
    ASSERT_NE(http_port_, 0) << server_->Output();
    std::smatch m;
    std::string out = server_->Output();
    for (int i = 0; i < 100 && !std::regex_search(out, m, std::regex("listening sip=127\\.0\\.0\\.1:([0-9]+)")); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      out = server_->Output();
    }
    ASSERT_TRUE(std::regex_search(out, m, std::regex("listening sip=127\\.0\\.0\\.1:([0-9]+)"))) << out;
    sip_port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
  }

  // sip01's phone: a sipp UAS running `scenario` for `calls` calls, registered
  // to the server with the right password.
  std::unique_ptr<Sipp> Phone(const char* scenario, std::vector<std::string> extra = {}, int calls = 1,
                              int talk_ms = 0, const std::string& user = "sip01") {
    const std::uint16_t port = FreeUdpPort();
    std::vector<std::string> args = {"-sf", Scenario(scenario).string(), "-i", "127.0.0.1", "-p", std::to_string(port),
                                     "-mp", std::to_string(FreeMediaPort()), "-m", std::to_string(calls),
                                     "-nostdin", "-timeout", "60s", "-timeout_error"};
    if (talk_ms > 0) args.insert(args.end(), {"-d", std::to_string(talk_ms)});
    args.insert(args.end(), extra.begin(), extra.end());
    auto phone = std::make_unique<Sipp>(dir_ / (user + "-" + scenario + ".log"), args);
    EXPECT_EQ(Register(user == "sip01" ? sip01_password_ : sip02_password_, "uac-register.xml", port, user), 0)
        << Read(dir_ / "uac-register.xml.log");
    return phone;
  }

  // Presses `event` (0-9; 10 = *, 11 = #) as RFC 4733 telephone-events (payload type 101, as the
  // scenarios offer) sent to the server's RTP port `port`: three updates and three end packets, 20 ms apart.
  // The nth press of a call (0, 1, ...) gets its own sequence numbers and timestamp, as a phone sends them.
  static void PressKey(std::uint16_t port, int event, int nth = 0) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const std::uint32_t ssrc = 0x4b455931, timestamp = 160000 + 8000 * static_cast<std::uint32_t>(nth);
    for (int i = 0; i < 6; ++i) {
      const bool end = i >= 3;
      const std::uint16_t seq = static_cast<std::uint16_t>(1000 + 10 * nth + i);
      const std::uint16_t duration = static_cast<std::uint16_t>(end ? 800 : 160 * (i + 1));
      unsigned char p[16] = {0x80, static_cast<unsigned char>((i == 0 ? 0x80 : 0) | 101),
                             static_cast<unsigned char>(seq >> 8), static_cast<unsigned char>(seq),
                             static_cast<unsigned char>(timestamp >> 24), static_cast<unsigned char>(timestamp >> 16),
                             static_cast<unsigned char>(timestamp >> 8), static_cast<unsigned char>(timestamp),
                             static_cast<unsigned char>(ssrc >> 24), static_cast<unsigned char>(ssrc >> 16),
                             static_cast<unsigned char>(ssrc >> 8), static_cast<unsigned char>(ssrc),
                             static_cast<unsigned char>(event), static_cast<unsigned char>((end ? 0x80 : 0) | 10),
                             static_cast<unsigned char>(duration >> 8), static_cast<unsigned char>(duration)};
      ASSERT_EQ(::sendto(fd, p, sizeof p, 0, reinterpret_cast<sockaddr*>(&to), sizeof to), 16);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::close(fd);
  }

  std::string Target() const { return "127.0.0.1:" + std::to_string(sip_port_); }
  fs::path Scenario(const char* name) const { return fs::path(CC_SIP_SCENARIOS) / name; }

  int Register(const std::string& password, const char* scenario, std::uint16_t contact_port,
               const std::string& user = "sip01") {
    Sipp reg(dir_ / (std::string(scenario) + ".log"),
             {Target(), "-sf", Scenario(scenario).string(), "-s", user, "-au", user, "-ap", password,
              "-key", "contact_port", std::to_string(contact_port), "-i", "127.0.0.1", "-p",
              std::to_string(FreeUdpPort()), "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error"});
    return reg.Wait();
  }

  std::unique_ptr<Sipp> Call(const char* scenario, int talk_ms, std::vector<std::string> extra = {},
                             const std::string& number = "100") {
    std::vector<std::string> args = {Target(), "-sf", Scenario(scenario).string(), "-s", number, "-d",
                                     std::to_string(talk_ms), "-i", "127.0.0.1", "-p", std::to_string(FreeUdpPort()),
                                     "-mp", std::to_string(FreeMediaPort()), "-m", "1", "-nostdin", "-timeout", "60s",
                                     "-timeout_error"};
    args.insert(args.end(), extra.begin(), extra.end());
    return std::make_unique<Sipp>(dir_ / (std::string(scenario) + ".log"), args);
  }
  // The centre's RTP port for a caller whose sipp runs with -trace_msg into
  // `trace` (from the 200 OK's SDP); 0 when it has not answered within 10 s.
  static std::uint16_t AnsweredMediaPort(const fs::path& trace) {
    for (int i = 0; i < 100; ++i) {
      std::smatch m;
      const std::string text = fs::exists(trace) ? Read(trace) : std::string();
      const auto answer = text.find("SIP/2.0 200 OK");
      const std::string rest = answer == std::string::npos ? std::string() : text.substr(answer);
      if (std::regex_search(rest, m, std::regex("m=audio ([0-9]+)"))) return static_cast<std::uint16_t>(std::stoi(m[1]));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }

  std::string Log(const char* scenario) const {
    // Callers' logs are named for the scenario, phones' for the user and the scenario.
    const fs::path caller = dir_ / (std::string(scenario) + ".log");
    return fs::exists(caller) ? Read(caller) : Read(dir_ / ("sip01-" + std::string(scenario) + ".log"));
  }

  std::unique_ptr<ApiSession> Admin() {
    auto admin = std::make_unique<ApiSession>(http_port_);
    EXPECT_EQ(admin->Login("admin", admin_password_).status, 200);
    return admin;
  }

  // The demo SIP line's queue rings agents this long before the offer expires.
  void SetRingTimeout(int seconds) {
    auto session = Admin();
    ApiSession& admin = *session;
    for (auto q : admin.Get("/api/queues").Json()) {
      if (q.value("name", "") != "Линия SIP") continue;
      q["ring_timeout_s"] = seconds;
      const auto id = q["id"].get<std::int64_t>();
      auto r = admin.Send("PUT", "/api/queues/" + std::to_string(id), q);
      ASSERT_EQ(r.status, 200) << r.body;
      return;
    }
    FAIL() << "no demo SIP queue";
  }

  // The call record (CDR) of `call`, once the call has finished.
  json CallRecord(std::int64_t call) {
    auto session = Admin();
    ApiSession& admin = *session;
    for (int attempt = 0; attempt < 50; ++attempt) {
      auto r = admin.Get("/api/calls/" + std::to_string(call));
      if (r.status == 200) return r.Json();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return json();
  }

  // The interaction log's `type` records about `agent` (agent events carry no call).
  std::vector<json> AgentLog(const std::string& type, std::int64_t agent) {
    auto session = Admin();
    std::vector<json> out;
    const json page = session->Get("/api/interactions?from_seq=1&limit=1000").Json();
    for (const auto& r : page["records"]) {
      if (r.value("type", "") == type && r["event"].value("agent", std::int64_t{-2}) == agent) out.push_back(r);
    }
    return out;
  }

  // The call the first record of `log` names; -1 when the log is empty.
  static std::int64_t FirstCall(const std::vector<json>& log) {
    return log.empty() ? -1 : log.front().value("call", std::int64_t{-1});
  }

  // The interaction log's records of the first call to 100, by type, once it has ended.
  std::vector<json> CallLog() {
    std::vector<json> records;
    for (int attempt = 0; attempt < 50; ++attempt) {
      records = CallLogSoFar();
      for (const auto& r : records) {
        const std::string type = r.value("type", "");
        if (type == "call.ended" || type == "call.abandoned" || type == "call.interrupted") return records;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return records;
  }


  // Waits (up to 10 s) until a call's recording file exists: the call is answered and bridged.
  bool WaitUntilRecorded() {
    for (int i = 0; i < 100; ++i) {
      if (!Wavs(dir_ / "data").empty()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  // sip01, on its desk, consults sip02 (signed in and ready on theirs) about
  // the call sip01 talks on, until the consult connects; sip02's id in `sip02`.
  void DeskConsultsSip02(ApiSession& desk, ApiSession& colleague, std::int64_t* sip02) {
    *sip02 = UserId("sip02");
    ASSERT_EQ(desk.Login("sip01", sip01_password_).status, 200);
    ASSERT_EQ(colleague.Login("sip02", sip02_password_).status, 200);
    for (int i = 0; i < 50 && colleague.Get("/api/agent").Json().value("state", "") != "ready"; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    auto r = desk.Post("/api/agent/consult", json{{"to", "agent"}, {"agent", *sip02}});
    ASSERT_LT(r.status, 300) << r.body;
    const std::vector<json> log = AwaitLog("consult.connected");
    ASSERT_TRUE(Has(log, "consult.connected")) << Types(log);
  }

  std::int64_t UserId(const std::string& login) {
    auto session = Admin();
    for (const auto& u : session->Get("/api/users").Json()) {
      if (u.value("login", "") == login) return u.value("id", std::int64_t{-1});
    }
    return -1;
  }

  // Restarts the server with [sip.trunk] at a free local port; returns the port.
  std::uint16_t StartWithTrunk() {
    const std::uint16_t port = FreeUdpPort();
    std::ofstream(dir_ / "trunk.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << port << "\"\n";
    StartServer("with-trunk.out", {"--config", (dir_ / "trunk.toml").string()});
    return port;
  }

  // A sipp UAS at the trunk's port playing the outside world (start it early: sipp needs a moment).
  std::unique_ptr<Sipp> OutsideWorld(std::uint16_t trunk_port, const char* scenario = "uas-agent-answers.xml") {
    return std::make_unique<Sipp>(dir_ / "outside.log",
                                  std::vector<std::string>{"-sf", Scenario(scenario).string(), "-i", "127.0.0.1", "-p",
                                                           std::to_string(trunk_port), "-mp",
                                                           std::to_string(FreeMediaPort()), "-m", "1", "-nostdin",
                                                           "-timeout", "60s", "-timeout_error"});
  }

  // The first call's records once one of type `type` is there (up to 10 s), or what there is then.
  std::vector<json> AwaitLog(const std::string& type) {
    std::vector<json> log;
    for (int i = 0; i < 100 && !Has(log, type); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      log = CallLogSoFar();
    }
    return log;
  }

  // The records of the first call to `dialled` so far (the call may still go on).
  std::vector<json> CallLogSoFar(const std::string& dialled = "100") {
    ApiSession admin(http_port_);
    EXPECT_EQ(admin.Login("admin", admin_password_).status, 200);
    std::vector<json> records;
    std::optional<std::int64_t> call;
    const json page = admin.Get("/api/interactions?from_seq=1&limit=1000").Json();
    for (const auto& r : page["records"]) {
      if (!call && r.value("type", "") == "call.received" && r["event"].value("dialled", "") == dialled) {
        call = r["event"].value("call", std::int64_t{0});
      }
      if (call && r.contains("call") && r["call"].is_number() && r["call"].get<std::int64_t>() == *call) {
        records.push_back(r);
      }
    }
    return records;
  }

  // A callback to `number` on the demo SIP line, due now.
  void ScheduleCallback(const std::string& number) {
    auto session = Admin();
    json line;
    for (const auto& q : session->Get("/api/queues").Json()) {
      if (q.value("name", "") == "Линия SIP") line = q;
    }
    ASSERT_TRUE(line.is_object());
    char due[32];
    const std::time_t now = std::time(nullptr);
    std::strftime(due, sizeof due, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    auto r = session->Post("/api/callbacks", json{{"queue_id", line["id"]},
                                                 {"tenant_id", line["tenant"]},
                                                 {"number", number},
                                                 {"due_at", due},
                                                 {"reason", "asked to be called back"}});
    ASSERT_EQ(r.status, 201) << r.body;
  }

  // The offer on `desk` once there is one (up to 10 s), or null.
  static json AwaitOffer(ApiSession& desk) {
    for (int i = 0; i < 100; ++i) {
      const json me = desk.Get("/api/agent").Json();
      if (me.contains("offer") && me["offer"].is_object()) return me["offer"];
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return json();
  }

  static bool Has(const std::vector<json>& log, const std::string& type) {
    for (const auto& r : log) {
      if (r.value("type", "") == type) return true;
    }
    return false;
  }
  static std::vector<json> All(const std::vector<json>& log, const std::string& type) {
    std::vector<json> out;
    for (const auto& r : log) {
      if (r.value("type", "") == type) out.push_back(r);
    }
    return out;
  }
  static std::string Types(const std::vector<json>& log) {
    std::string s;
    for (const auto& r : log) s += r.value("type", "") + " ";
    return s;
  }

  fs::path dir_;
  std::unique_ptr<ServerProcess> server_;
  std::uint16_t http_port_ = 0;
  std::uint16_t sip_port_ = 0;
  std::string admin_password_;
  std::string sip01_password_;
  std::string sip02_password_;
};

}  // namespace sip_fixture
}  // namespace cc::testing
