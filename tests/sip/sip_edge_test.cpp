// The SIP port as an attacker meets it, against `callcenter serve --sip-listen`
// with sipp: a replayed digest answer is challenged again; an existing and a
// made-up account get the same answers; a flood from one address is banned
// within 2 s while calls from another address complete; a stranger dialling an
// outside number gets 404 and nothing reaches the trunk; every refusal is one
// log line that the shipped fail2ban filter (deploy/fail2ban) matches.
#include <arpa/inet.h>

#include <ctime>
#include <iomanip>
#include <sstream>

#include "tests/sip/sip_fixture.h"

namespace cc::testing {
namespace {

using namespace sip_fixture;  // NOLINT: the harness of every test below

class SipEdgeTest : public SipCallTest {
 protected:
  // sipp sending `scenario` once as `user` with `password`, its messages traced to `name`.msg.
  int RunAs(const std::string& name, const char* scenario, const std::string& user, const std::string& password) {
    Sipp sipp(dir_ / (name + ".log"),
              {Target(), "-sf", Scenario(scenario).string(), "-s", user, "-au", user, "-ap", password, "-key",
               "contact_port", std::to_string(FreeUdpPort()), "-i", "127.0.0.1", "-p", std::to_string(FreeUdpPort()),
               "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error", "-trace_msg", "-message_file",
               (dir_ / (name + ".msg")).string()});
    return sipp.Wait();
  }

  // The responses sipp received in a -trace_msg file: each as its status line
  // and the names of its header fields, in order (values differ by nature: tags, nonces).
  static std::vector<std::string> ReceivedShapes(const fs::path& trace) {
    std::vector<std::string> shapes;
    std::istringstream in(Read(trace));
    std::string line;
    bool in_message = false;
    std::string shape;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find("message received") != std::string::npos) {
        in_message = true;
        shape.clear();
        continue;
      }
      if (!in_message) continue;
      if (shape.empty()) {
        if (line.rfind("SIP/2.0 ", 0) == 0) shape = line;
        continue;
      }
      if (line.empty()) {
        shapes.push_back(shape);
        in_message = false;
        continue;
      }
      shape += " | " + line.substr(0, line.find(':'));
    }
    return shapes;
  }

  // The fail2ban filter's failregex as an ECMAScript regex whose group 1 is the host.
  static std::regex Fail2banFilter() {
    std::istringstream in(Read(fs::path(CC_DEPLOY_DIR) / "fail2ban/filter.d/callcenter-sip.conf"));
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("failregex = ", 0) != 0) continue;
      std::string expr = line.substr(std::string("failregex = ").size());
      const auto host = expr.find("<HOST>");
      if (host != std::string::npos) expr.replace(host, 6, "([0-9a-fA-F.:]+)");
      return std::regex(expr);
    }
    ADD_FAILURE() << "no failregex in the fail2ban filter";
    return std::regex("$^");
  }

  // What fail2ban would take from `line` as the failing host ("" when the filter does not match):
  // the time stamp (its datepattern) is cut off first.
  static std::string Fail2banHost(const std::string& line) {
    static const std::regex stamp(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)");
    static const std::regex filter = Fail2banFilter();
    const std::string rest = std::regex_replace(line, stamp, "", std::regex_constants::format_first_only);
    std::smatch m;
    return std::regex_search(rest, m, filter) ? std::string(m[1]) : std::string();
  }

  // Sends `message` over UDP from 127.0.0.1 to the server; the first answer's status line ("" if none in 2 s).
  std::string Exchange(const std::string& message) const {
    const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(sip_port_);
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    ::sendto(fd, message.data(), message.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    pollfd p{fd, POLLIN, 0};
    std::string answer;
    if (::poll(&p, 1, 2000) > 0) {
      char buf[4096];
      const auto n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) answer.assign(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return answer.substr(0, answer.find("\r\n"));
  }

  std::vector<std::string> SecurityLines() const {
    std::vector<std::string> out;
    std::istringstream in(server_->Log());
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("sip security:") != std::string::npos) out.push_back(line);
    }
    return out;
  }

  // When the server logged `line` (local time, as spdlog writes it).
  static std::chrono::system_clock::time_point LoggedAt(const std::string& line) {
    std::tm tm{};
    std::istringstream in(line.substr(0, 19));
    in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
    tm.tm_isdst = -1;
    const int millis = std::stoi(line.substr(20, 3));
    return std::chrono::system_clock::from_time_t(std::mktime(&tm)) + std::chrono::milliseconds(millis);
  }
};

TEST_F(SipEdgeTest, AReplayedDigestAnswerIsChallengedAgainNotAccepted) {
  EXPECT_EQ(RunAs("replay", "uac-register-replayed.xml", "sip01", sip01_password_), 0) << Read(dir_ / "replay.log");
  const auto shapes = ReceivedShapes(dir_ / "replay.msg");
  ASSERT_EQ(shapes.size(), 3u) << Read(dir_ / "replay.msg");
  EXPECT_EQ(shapes[1].rfind("SIP/2.0 200", 0), 0u) << shapes[1];
  EXPECT_EQ(shapes[2].rfind("SIP/2.0 401", 0), 0u) << shapes[2];
}

TEST_F(SipEdgeTest, AnExistingAndAMadeUpAccountGetTheSameAnswers) {
  ASSERT_EQ(RunAs("known", "uac-register-wrong-password.xml", "sip01", "guess"), 0) << Read(dir_ / "known.log");
  ASSERT_EQ(RunAs("unknown", "uac-register-wrong-password.xml", "nobody42", "guess"), 0) << Read(dir_ / "unknown.log");
  const auto known = ReceivedShapes(dir_ / "known.msg");
  const auto unknown = ReceivedShapes(dir_ / "unknown.msg");
  ASSERT_EQ(known.size(), 2u) << Read(dir_ / "known.msg");
  EXPECT_EQ(known, unknown);  // 401 then 403, the same header fields in the same order
  // Each refusal is one line fail2ban matches, naming the address.
  const auto lines = SecurityLines();
  ASSERT_EQ(lines.size(), 2u) << server_->Log();
  for (const auto& line : lines) {
    EXPECT_NE(line.find("auth-failed"), std::string::npos) << line;
    EXPECT_EQ(Fail2banHost(line), "127.0.0.1") << line;
  }
  EXPECT_EQ(Fail2banHost("2026-11-28T10:00:00.000 info sip: call 5 from 100 to 100 (127.0.0.1:5070)"), "");
}

TEST_F(SipEdgeTest, AFloodFromOneAddressIsBannedWithinTwoSecondsWhileCallsFromAnotherComplete) {
  auto phone = Phone("uas-agent-answers.xml");
  const auto started = std::chrono::system_clock::now();
  Sipp flood(dir_ / "flood.log", {Target(), "-sf", Scenario("uac-register-flood.xml").string(), "-s", "flood", "-i",
                                  "127.0.0.2", "-p", std::to_string(FreeUdpPort()), "-r", "100", "-m", "300", "-nr",
                                  "-nostdin", "-timeout", "20s", "-trace_msg", "-message_file",
                                  (dir_ / "flood.msg").string()});
  auto caller = Call("uac-caller-talks-then-hangs-up.xml", 3000);
  EXPECT_EQ(caller->Wait(), 0) << Log("uac-caller-talks-then-hangs-up.xml");
  EXPECT_NE(flood.Wait(std::chrono::seconds(30)), -1);
  EXPECT_TRUE(Has(CallLog(), "call.answered")) << Types(CallLog());

  std::vector<std::string> bans;
  for (const auto& line : SecurityLines()) {
    if (line.find("banned") != std::string::npos) bans.push_back(line);
  }
  ASSERT_EQ(bans.size(), 1u) << server_->Log();
  EXPECT_EQ(Fail2banHost(bans[0]), "127.0.0.2") << bans[0];
  EXPECT_LT(LoggedAt(bans[0]) - started, std::chrono::seconds(2)) << bans[0];
  // Once banned, the flooding address hears nothing: the requests before the ban were
  // challenged, the few already on their way when it began refused, the rest dropped unread.
  std::size_t challenged = 0;
  const auto answers = ReceivedShapes(dir_ / "flood.msg");
  for (const auto& a : answers) challenged += a.rfind("SIP/2.0 401", 0) == 0 ? 1 : 0;
  EXPECT_EQ(challenged, 60u);
  EXPECT_LE(answers.size(), 80u) << "answers to 300 REGISTERs";
}

TEST_F(SipEdgeTest, ARequestWithTooManyHeaderFieldsIsRefusedWith400) {
  auto request = [&](int extra) {
    std::string m = "REGISTER sip:127.0.0.1:" + std::to_string(sip_port_) + " SIP/2.0\r\n" +
                    "Via: SIP/2.0/UDP 127.0.0.1:5999;rport;branch=z9hG4bK-many" + std::to_string(extra) + "\r\n" +
                    "From: <sip:sip01@127.0.0.1>;tag=many\r\nTo: <sip:sip01@127.0.0.1>\r\n" +
                    "Call-ID: many-" + std::to_string(extra) + "@127.0.0.1\r\nCSeq: 1 REGISTER\r\n" +
                    "Contact: <sip:sip01@127.0.0.1:5999>\r\nMax-Forwards: 70\r\n";
    for (int i = 0; i < extra; ++i) m += "X-Padding: " + std::to_string(i) + "\r\n";
    return m + "Content-Length: 0\r\n\r\n";
  };
  EXPECT_EQ(Exchange(request(10)), "SIP/2.0 401 Unauthorized");
  EXPECT_EQ(Exchange(request(150)), "SIP/2.0 400 Too Many Header Fields");
  bool logged = false;
  for (const auto& line : SecurityLines()) logged |= line.find("malformed") != std::string::npos;
  EXPECT_TRUE(logged) << server_->Log();
}

TEST_F(SipEdgeTest, AStrangerDiallingAnOutsideNumberGetsNotFoundAndNothingReachesTheTrunk) {
  const std::uint16_t trunk_port = FreeUdpPort();
  std::ofstream(dir_ / "trunk.toml") << "[sip.trunk]\naddress = \"127.0.0.1:" << trunk_port << "\"\n";
  ASSERT_NO_FATAL_FAILURE(StartServer("with-trunk.out", {"--config", (dir_ / "trunk.toml").string()}));
  Sipp trunk(dir_ / "trunk.log", {"-sf", Scenario("uas-customer-answers-then-hangs-up.xml").string(), "-i",
                                  "127.0.0.1", "-p", std::to_string(trunk_port), "-mp", std::to_string(FreeMediaPort()),
                                  "-m", "1", "-nostdin", "-timeout", "4s", "-trace_msg", "-message_file",
                                  (dir_ / "trunk.msg").string()});
  Sipp stranger(dir_ / "stranger.log", {Target(), "-sf", Scenario("uac-number-is-not-found.xml").string(), "-s",
                                        "+493012345678", "-i", "127.0.0.1", "-p", std::to_string(FreeUdpPort()),
                                        "-mp", std::to_string(FreeMediaPort()), "-m", "1", "-nostdin", "-timeout",
                                        "15s", "-timeout_error"});
  EXPECT_EQ(stranger.Wait(), 0) << Read(dir_ / "stranger.log");
  trunk.Wait();
  const std::string seen = fs::exists(dir_ / "trunk.msg") ? Read(dir_ / "trunk.msg") : std::string();
  EXPECT_EQ(seen.find("INVITE sip:"), std::string::npos) << seen;
  bool logged = false;
  for (const auto& line : SecurityLines()) logged |= line.find("no-route") != std::string::npos;
  EXPECT_TRUE(logged) << server_->Log();
}

}  // namespace
}  // namespace cc::testing
