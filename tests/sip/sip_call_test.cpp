// Real SIP calls through `callcenter serve --demo --sip-listen`, with sipp as
// the callers and as the agents' phones (scenario files beside this test,
// named for what they prove). Each test starts its own server on free ports,
// registers (or fails to register) sip01's phone, places calls to the demo's
// test number 100 and reads what happened from the interaction log over the API.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/api/api_fixture.h"
#include "tests/server_process.h"

namespace cc::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::uint16_t FreeUdpPort() {
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

// One sipp run, started now; Wait() returns its exit code (or -1 when it had to be killed).
class Sipp {
 public:
  // Runs in `log`'s folder: the scenarios' audio files (caller.wav, agent.wav) are there.
  Sipp(const fs::path& log, std::vector<std::string> args) {
    std::vector<std::string> argv = {"sipp"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = fork();
    if (pid_ == 0) {
      std::FILE* f = std::freopen(log.c_str(), "w", stdout);
      std::FILE* g = std::freopen(log.c_str(), "a", stderr);
      (void)f;
      (void)g;
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

// The dominant frequency of one channel of a 16-bit stereo WAV, from the zero
// crossings of its audible samples (0 when the channel is silent).
double ChannelHz(const fs::path& wav, int channel) {
  const std::string bytes = [&] {
    std::ifstream in(wav, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
  }();
  const auto data = bytes.find("data");
  if (data == std::string::npos) return 0;
  std::vector<std::int16_t> samples;
  for (std::size_t i = data + 8 + 2 * static_cast<std::size_t>(channel); i + 1 < bytes.size(); i += 4) {
    samples.push_back(static_cast<std::int16_t>(static_cast<unsigned char>(bytes[i]) |
                                                (static_cast<unsigned char>(bytes[i + 1]) << 8)));
  }
  std::size_t audible = 0, crossings = 0;
  for (std::size_t i = 1; i < samples.size(); ++i) {
    if (std::abs(samples[i]) < 300 && std::abs(samples[i - 1]) < 300) continue;
    ++audible;
    if ((samples[i - 1] < 0) != (samples[i] < 0)) ++crossings;
  }
  return audible < 4000 ? 0 : crossings / 2.0 / (static_cast<double>(audible) / 8000.0);
}

std::string Read(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
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
    server_ = std::make_unique<ServerProcess>(
        dir_ / "data", dir_ / "serve.out",
        std::vector<std::string>{"--demo", "--no-bots", "--no-traffic", "--sip-listen", "127.0.0.1:0"});
    http_port_ = server_->Port();
    ASSERT_NE(http_port_, 0) << server_->Output();
    std::smatch m;
    std::string out = server_->Output();
    ASSERT_TRUE(std::regex_search(out, m, std::regex("listening sip=127\\.0\\.0\\.1:([0-9]+)"))) << out;
    sip_port_ = static_cast<std::uint16_t>(std::stoi(m[1]));
    ASSERT_TRUE(std::regex_search(out, m, std::regex("password '([^']+)'"))) << out;
    admin_password_ = m[1];
    const json logins = json::parse(Read(dir_ / "data" / "demo-logins.json"));
    for (const auto& l : logins) {
      if (l.value("login", "") == "sip01") sip01_password_ = l.value("password", "");
    }
    ASSERT_FALSE(sip01_password_.empty()) << logins.dump();
  }
  void TearDown() override {
    server_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  std::string Target() const { return "127.0.0.1:" + std::to_string(sip_port_); }
  fs::path Scenario(const char* name) const { return fs::path(CC_SIP_SCENARIOS) / name; }

  int Register(const std::string& password, const char* scenario, std::uint16_t contact_port) {
    Sipp reg(dir_ / (std::string(scenario) + ".log"),
             {Target(), "-sf", Scenario(scenario).string(), "-s", "sip01", "-au", "sip01", "-ap", password,
              "-key", "contact_port", std::to_string(contact_port), "-i", "127.0.0.1", "-p",
              std::to_string(FreeUdpPort()), "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error"});
    return reg.Wait();
  }

  std::unique_ptr<Sipp> Call(const char* scenario, int talk_ms) {
    return std::make_unique<Sipp>(
        dir_ / (std::string(scenario) + ".log"),
        std::vector<std::string>{Target(), "-sf", Scenario(scenario).string(), "-s", "100", "-d", std::to_string(talk_ms), "-i",
                                 "127.0.0.1", "-p", std::to_string(FreeUdpPort()), "-mp",
                                 std::to_string(FreeUdpPort()), "-m", "1", "-nostdin", "-timeout", "30s",
                                 "-timeout_error"});
  }

  // The interaction log's records of the first call to 100, by type, once it has ended.
  std::vector<json> CallLog() {
    ApiSession admin(http_port_);
    EXPECT_EQ(admin.Login("admin", admin_password_).status, 200);
    std::vector<json> records;
    for (int attempt = 0; attempt < 50; ++attempt) {
      records.clear();
      std::optional<std::int64_t> call;
      auto page = admin.Get("/api/interactions?from_seq=1&limit=1000").Json();
      for (const auto& r : page["records"]) {
        if (!call && r.value("type", "") == "call.received" && r["event"].value("dialled", "") == "100") {
          call = r["event"].value("call", std::int64_t{0});
        }
        if (call && r.contains("call") && r["call"].is_number() && r["call"].get<std::int64_t>() == *call) {
          records.push_back(r);
        }
      }
      bool ended = false;
      for (const auto& r : records) {
        ended = ended || r.value("type", "") == "call.ended" || r.value("type", "") == "call.abandoned";
      }
      if (ended) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return records;
  }

  static bool Has(const std::vector<json>& log, const std::string& type) {
    for (const auto& r : log) {
      if (r.value("type", "") == type) return true;
    }
    return false;
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
};

TEST_F(SipCallTest, ACallerIsQueuedOfferedToTheRegisteredPhoneBridgedAndHangsUp) {
  const std::uint16_t agent_port = FreeUdpPort();
  Sipp agent(dir_ / "agent.log",
             {"-sf", Scenario("uas-agent-answers.xml").string(), "-i", "127.0.0.1", "-p", std::to_string(agent_port),
              "-mp", std::to_string(FreeUdpPort()), "-m", "1",
              "-nostdin", "-timeout", "40s", "-timeout_error"});
  ASSERT_EQ(Register(sip01_password_, "uac-register.xml", agent_port), 0) << Read(dir_ / "uac-register.xml.log");
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 4000);
  EXPECT_EQ(caller->Wait(), 0) << Read(dir_ / "uac-caller-talks-then-hangs-up.xml.log");
  EXPECT_EQ(agent.Wait(), 0) << Read(dir_ / "agent.log");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.received")) << Types(log);
  EXPECT_TRUE(Has(log, "call.offered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.ended")) << Types(log);

  // The recording: the caller's 400 Hz on the left, the agent's 1000 Hz on the right.
  std::vector<fs::path> wavs;
  if (fs::exists(dir_ / "data" / "recordings")) {
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "data" / "recordings")) {
      if (e.path().extension() == ".wav") wavs.push_back(e.path());
    }
  }
  ASSERT_EQ(wavs.size(), 1u);
  const double left = ChannelHz(wavs[0], 0), right = ChannelHz(wavs[0], 1);
  EXPECT_NEAR(left, 400, 60) << wavs[0];
  EXPECT_NEAR(right, 1000, 100) << wavs[0];
  // ... linked to the call record, finished, about as long as the conversation.
  ApiSession admin(http_port_);
  ASSERT_EQ(admin.Login("admin", admin_password_).status, 200);
  auto list = admin.Get("/api/recordings").Json()["recordings"];
  ASSERT_EQ(list.size(), 1u) << list.dump();
  EXPECT_EQ(list[0].value("call_id", std::int64_t{0}), log.front().value("call", std::int64_t{-1}));
  EXPECT_FALSE(list[0]["ended_at"].is_null());
  EXPECT_GT(list[0].value("duration_seconds", 0.0), 2.0);
}

TEST_F(SipCallTest, AWrongPasswordIsRefusedAndTheCallerWaitsUntilHangingUpInTheQueue) {
  ASSERT_EQ(Register("not-the-password", "uac-register-wrong-password.xml", FreeUdpPort()), 0)
      << Read(dir_ / "uac-register-wrong-password.xml.log");
  auto caller = Call("uac-hangup-in-queue.xml", 2500);
  EXPECT_EQ(caller->Wait(), 0) << Read(dir_ / "uac-hangup-in-queue.xml.log");
  const auto log = CallLog();
  EXPECT_TRUE(Has(log, "call.received")) << Types(log);
  EXPECT_FALSE(Has(log, "call.offered")) << Types(log);
  EXPECT_FALSE(Has(log, "call.answered")) << Types(log);
  EXPECT_TRUE(Has(log, "call.abandoned") || Has(log, "call.ended")) << Types(log);
}

}  // namespace
}  // namespace cc::testing
