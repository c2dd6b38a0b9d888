// SIP over TLS with real phones: baresip registers over TLS and takes a call
// from a baresip caller that also comes over TLS; the INVITE to the phone goes
// back over the connection it registered on (the phone has no certificate of
// its own). With TLS on, a caller over UDP still gets a Contact it can reach.
// Harness: tests/sip/sip_fixture.h.
#include "tests/sip/sip_fixture.h"

namespace cc::testing {
namespace {

using namespace sip_fixture;  // NOLINT: the harness of every test below
using nlohmann::json;

class SipTlsTest : public SipCallTest {
 protected:
  // A CA and a certificate for 127.0.0.1 signed by it (EC keys: fast).
  void MakeCertificates() {
    const std::string d = dir_.string();
    const std::string cmd =
        "cd " + d + " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj '/CN=callcenter test CA' -keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE "
        "-addext keyUsage=critical,keyCertSign,cRLSign && "
        "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=127.0.0.1 "
        "-keyout server.key -out server.csr && printf 'subjectAltName=IP:127.0.0.1\\nbasicConstraints=CA:FALSE\\n' "
        "> ext.cnf && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
        "-extfile ext.cnf -out server.pem > openssl.log 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }

  // Restarts the server with [sip.tls] on a free port; returns the port.
  std::uint16_t StartWithTls(const std::string& srtp = "accept") {
    std::ofstream(dir_ / "tls.toml") << "[sip.tls]\nport = 0\ncertificate = \"server.pem\"\nkey = \"server.key\"\n"
                                     << "srtp = \"" << srtp << "\"\n";
    StartServer("tls.out", {"--config", (dir_ / "tls.toml").string()});
    std::smatch m;
    const std::string out = server_->Output();
    if (!std::regex_search(out, m, std::regex("listening sips=127\\.0\\.0\\.1:([0-9]+)"))) return 0;
    return static_cast<std::uint16_t>(std::stoi(m[1]));
  }

  fs::path Tone(const std::string& name, int hz) {
    const fs::path wav = dir_ / name;
    const std::string cmd = "sox -n -r 8000 -c 1 -b 16 -e signed-integer " + wav.string() + " synth 30 sine " +
                            std::to_string(hz) + " vol 0.5";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
    return wav;
  }

  bool Registered(const std::string& login) {
    auto session = Admin();
    const std::int64_t id = UserId(login);
    for (int i = 0; i < 100; ++i) {
      if (session->Get("/api/users/" + std::to_string(id) + "/sip").Json().value("registered", false)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  static fs::path Heard(const fs::path& baresip_dir) {
    for (const auto& e : fs::directory_iterator(baresip_dir / "dumps")) {
      if (e.path().string().ends_with("-dec.wav")) return e.path();
    }
    return {};
  }
};

TEST_F(SipTlsTest, TlsPhoneTakesTlsCaller) {
  ASSERT_NO_FATAL_FAILURE(MakeCertificates());
  const std::uint16_t tls_port = StartWithTls();
  ASSERT_NE(tls_port, 0) << server_->Output();
  // The certificate the server shows is the one configured, valid for 127.0.0.1.
  const std::string check = "echo | openssl s_client -connect 127.0.0.1:" + std::to_string(tls_port) + " -CAfile " +
                            (dir_ / "ca.pem").string() + " -verify_ip 127.0.0.1 -verify_return_error > " +
                            (dir_ / "s_client.log").string() + " 2>&1";
  EXPECT_EQ(std::system(check.c_str()), 0) << Read(dir_ / "s_client.log");
  EXPECT_NE(Read(dir_ / "s_client.log").find("Verify return code: 0 (ok)"), std::string::npos);

  const std::string server = "127.0.0.1:" + std::to_string(tls_port);
  Baresip phone(dir_ / "phone", server, "sip01", sip01_password_, Tone("agent-pcm.wav", 1000),
                {.tls = true, .dial = "", .mediaenc = ""});
  ASSERT_TRUE(Registered("sip01")) << Read(dir_ / "phone" / "baresip.log");
  {
    Baresip caller(dir_ / "caller", server, "79160000001", "-", Tone("caller-pcm.wav", 400),
                   {.tls = true, .dial = "sip:100@" + server, .mediaenc = ""});
    const auto log = AwaitLog("call.answered");
    ASSERT_TRUE(Has(log, "call.answered")) << Types(log) << Read(dir_ / "caller" / "baresip.log");
    // The phone joins after the caller has heard the recording notice; then they talk.
    ASSERT_TRUE(WaitUntilRecorded());
    std::this_thread::sleep_for(std::chrono::seconds(3));
    EXPECT_TRUE(caller.Hangup());
    const auto ended = CallLog();
    EXPECT_TRUE(Has(ended, "call.ended")) << Types(ended);
    // The phone heard the caller's 400 Hz; the recording has the caller's 400 Hz and the phone's 1000 Hz.
    const fs::path phone_heard = Heard(dir_ / "phone");
    ASSERT_FALSE(phone_heard.empty()) << Read(dir_ / "phone" / "baresip.log");
    EXPECT_NEAR(ChannelHz(phone_heard, 0, 1), 400, 60) << phone_heard;
    const auto wavs = Wavs(dir_ / "data");
    ASSERT_EQ(wavs.size(), 1u);
    EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
    EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
  }
  EXPECT_NE(Read(dir_ / "phone" / "baresip.log").find("TLS"), std::string::npos)
      << "the phone registered over TLS: " << Read(dir_ / "phone" / "baresip.log");

  // A caller over UDP reaches the same TLS phone: our answer's Contact is a
  // sip: URI it can send its ACK to (not the sips: one sofia-sip would use).
  Baresip udp_caller(dir_ / "udp-caller", Target(), "79160000002", "-", Tone("caller2-pcm.wav", 400),
                     {.tls = false, .dial = "sip:100@" + Target(), .mediaenc = ""});
  const fs::path udp_log = dir_ / "udp-caller" / "baresip.log";
  bool established = false;
  for (int i = 0; i < 100 && !established; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    established = Read(udp_log).find("Call established") != std::string::npos;
  }
  ASSERT_TRUE(established) << Read(udp_log);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  // Without a reachable Contact baresip cannot send its ACK and drops the call.
  EXPECT_EQ(Read(udp_log).find("Function not implemented"), std::string::npos) << Read(udp_log);
  EXPECT_EQ(Read(udp_log).find("session closed"), std::string::npos) << Read(udp_log);
  EXPECT_TRUE(udp_caller.Hangup());
}

// A phone that takes SRTP or nothing, registered over TLS: with srtp =
// "require" the centre offers it SRTP; a plain caller over UDP reaches it and
// they hear each other.
TEST_F(SipTlsTest, SrtpPhoneTakesPlainCaller) {
  ASSERT_NO_FATAL_FAILURE(MakeCertificates());
  const std::uint16_t tls_port = StartWithTls("require");
  ASSERT_NE(tls_port, 0) << server_->Output();
  const std::string server = "127.0.0.1:" + std::to_string(tls_port);
  Baresip phone(dir_ / "phone", server, "sip01", sip01_password_, Tone("agent-pcm.wav", 1000),
                {.tls = true, .dial = "", .mediaenc = "srtp-mand"});
  ASSERT_TRUE(Registered("sip01")) << Read(dir_ / "phone" / "baresip.log");
  Baresip caller(dir_ / "caller", Target(), "79160000001", "-", Tone("caller-pcm.wav", 400),
                 {.tls = false, .dial = "sip:100@" + Target(), .mediaenc = ""});
  const auto log = AwaitLog("call.answered");
  ASSERT_TRUE(Has(log, "call.answered")) << Types(log) << Read(dir_ / "phone" / "baresip.log");
  ASSERT_TRUE(WaitUntilRecorded());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const std::string phone_log = Read(dir_ / "phone" / "baresip.log");
  EXPECT_NE(phone_log.find("SRTP is Enabled"), std::string::npos) << phone_log;
  EXPECT_TRUE(caller.Hangup());
  const auto ended = CallLog();
  EXPECT_TRUE(Has(ended, "call.ended")) << Types(ended);
  const fs::path phone_heard = Heard(dir_ / "phone");
  ASSERT_FALSE(phone_heard.empty()) << phone_log;
  EXPECT_NEAR(ChannelHz(phone_heard, 0, 1), 400, 60) << phone_heard;
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
}

// (Short test names: baresip cuts dump file paths at 128 characters.)
TEST_F(SipTlsTest, SrtpCallerIsHeardAndHears) {
  ASSERT_NO_FATAL_FAILURE(MakeCertificates());
  const std::uint16_t tls_port = StartWithTls();
  ASSERT_NE(tls_port, 0) << server_->Output();
  const std::string server = "127.0.0.1:" + std::to_string(tls_port);
  // The agent's phone is plain (UDP, RTP); the caller comes over TLS and takes SRTP or nothing.
  Baresip phone(dir_ / "phone", Target(), "sip01", sip01_password_, Tone("agent-pcm.wav", 1000),
                {.tls = false, .dial = "", .mediaenc = ""});
  ASSERT_TRUE(Registered("sip01")) << Read(dir_ / "phone" / "baresip.log");
  Baresip caller(dir_ / "caller", server, "79160000001", "-", Tone("caller-pcm.wav", 400),
                 {.tls = true, .dial = "sip:100@" + server, .mediaenc = "srtp-mand"});
  const auto log = AwaitLog("call.answered");
  ASSERT_TRUE(Has(log, "call.answered")) << Types(log) << Read(dir_ / "caller" / "baresip.log");
  ASSERT_TRUE(WaitUntilRecorded());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const std::string caller_log = Read(dir_ / "caller" / "baresip.log");
  EXPECT_NE(caller_log.find("Call established"), std::string::npos) << caller_log;
  EXPECT_TRUE(caller.Hangup());
  const auto ended = CallLog();
  EXPECT_TRUE(Has(ended, "call.ended")) << Types(ended);
  // The phone heard the caller's 400 Hz: we decrypted it. The caller heard
  // something: baresip decodes nothing from packets that fail its check.
  const fs::path phone_heard = Heard(dir_ / "phone");
  const fs::path caller_heard = Heard(dir_ / "caller");
  ASSERT_FALSE(phone_heard.empty() || caller_heard.empty()) << caller_log;
  EXPECT_NEAR(ChannelHz(phone_heard, 0, 1), 400, 60) << phone_heard;
  EXPECT_GT(ChannelHz(caller_heard, 0, 1), 100) << caller_heard;
  const auto wavs = Wavs(dir_ / "data");
  ASSERT_EQ(wavs.size(), 1u);
  EXPECT_NEAR(ChannelHz(wavs[0], 0), 400, 60) << wavs[0];
  EXPECT_NEAR(ChannelHz(wavs[0], 1), 1000, 100) << wavs[0];
}

TEST_F(SipTlsTest, AKeyThatIsNotTheCertificatesStopsTheStartWithAMessage) {
  ASSERT_NO_FATAL_FAILURE(MakeCertificates());
  std::ofstream(dir_ / "tls.toml") << "[sip.tls]\nport = 0\ncertificate = \"server.pem\"\nkey = \"ca.key\"\n";
  const std::string out = (dir_ / "bad.out").string();
  const std::string cmd = std::string(CC_BINARY) + " serve --demo --no-bots --no-traffic --listen 127.0.0.1:0 " +
                          "--sip-listen 127.0.0.1:0 --data-dir " + (dir_ / "bad-data").string() + " --config " +
                          (dir_ / "tls.toml").string() + " > " + out + " 2>&1";
  const int status = std::system(cmd.c_str());
  EXPECT_NE(status, 0);
  EXPECT_NE(Read(out).find("does not belong to the certificate"), std::string::npos) << Read(out);
}

}  // namespace
}  // namespace cc::testing
