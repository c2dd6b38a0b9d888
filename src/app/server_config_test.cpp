// The server's TOML file: every key read, defaults when sections are missing,
// and each kind of mistake reported with the file, line and key.
#include "app/server_config.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace cc::app {
namespace {

using namespace std::chrono_literals;

class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "cc-config-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  // The error message for `text`, which must be refused.
  std::string ErrorFor(const std::string& text) {
    auto config = ParseServerConfig(text, "callcenter.toml", dir_.string());
    EXPECT_FALSE(config) << text;
    return config ? "" : config.error().message;
  }
  std::filesystem::path dir_;
};

TEST_F(ServerConfigTest, ReadsAFullFileAndResolvesCertificatePathsAgainstItsDirectory) {
  Write("cert.pem", "certificate");
  Write("key.pem", "key");
  const std::string path = Write("callcenter.toml", R"(
[server]
listen = "[::1]:0"
data_dir = "/srv/callcenter"
time_zone = "Europe/Moscow"
http_threads = 8
[server.https]
certificate = "cert.pem"
key = "key.pem"
[database]
url = "sqlite:/tmp/other.db"
[security]
session_idle = "15m"
session_absolute = "8h"
allowed_origins = ["https://wall.example.com", "http://10.0.0.5:3000"]
[demo]
enabled = true
bots = false
traffic = false
seed = 7
)");
  auto config = LoadServerConfig(path);
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->listen.address, "::1");
  EXPECT_EQ(config->listen.port, 0);
  EXPECT_EQ(config->data_dir, "/srv/callcenter");
  EXPECT_EQ(config->time_zone, "Europe/Moscow");
  EXPECT_EQ(config->http_threads, 8);
  EXPECT_EQ(config->https_certificate, (dir_ / "cert.pem").string());
  EXPECT_EQ(config->https_key, (dir_ / "key.pem").string());
  EXPECT_EQ(config->database_url, "sqlite:/tmp/other.db");
  EXPECT_EQ(config->session_idle, 15min);
  EXPECT_EQ(config->session_absolute, 8h);
  EXPECT_EQ(config->allowed_origins,
            (std::vector<std::string>{"https://wall.example.com", "http://10.0.0.5:3000"}));
  EXPECT_TRUE(config->demo.enabled);
  EXPECT_FALSE(config->demo.bots);
  EXPECT_FALSE(config->demo.traffic);
  EXPECT_EQ(config->demo.seed, 7u);
}

TEST_F(ServerConfigTest, MissingSectionsTakeTheDefaults) {
  auto config = ParseServerConfig("[demo]\nenabled = true\n", "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->listen.address, "127.0.0.1");
  EXPECT_EQ(config->listen.port, 8080);
  EXPECT_EQ(config->data_dir, "var");
  EXPECT_EQ(config->time_zone, "UTC");
  EXPECT_EQ(config->http_threads, 4);
  EXPECT_TRUE(config->https_certificate.empty());
  EXPECT_TRUE(config->database_url.empty());
  EXPECT_EQ(config->session_idle, 30min);
  EXPECT_EQ(config->session_absolute, 12h);
  EXPECT_TRUE(config->allowed_origins.empty());
  EXPECT_TRUE(config->demo.enabled);
  EXPECT_TRUE(config->demo.bots);
  EXPECT_EQ(config->demo.seed, 42u);
  EXPECT_EQ(config->web_root, "web/dist");
  EXPECT_TRUE(ParseServerConfig("", "empty.toml", dir_.string()));
  // An empty [web] table (as in examples/callcenter.toml) keeps the default
  // relative to where the server starts; a root given in the file is read
  // from the file's folder.
  EXPECT_EQ(ParseServerConfig("[web]\n", "c.toml", dir_.string())->web_root, "web/dist");
  EXPECT_EQ(ParseServerConfig("[web]\nroot = \"../web/dist\"\n", "c.toml", dir_.string())->web_root,
            (dir_ / "../web/dist").string());
}

TEST_F(ServerConfigTest, EachMistakeNamesTheFileLineAndKey) {
  EXPECT_EQ(ErrorFor("[server]\nlisten = \"127.0.0.1\"\n").substr(0, 35),
            "callcenter.toml:2: server.listen: '");
  EXPECT_NE(ErrorFor("[server]\nlisten = \"127.0.0.1:99999\"\n").find("0 to 65535"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server]\nlisten = \"::1:80\"\n").find("brackets"), std::string::npos);
  EXPECT_NE(ErrorFor("[server]\n\ntime_zone = \"Mars/Base\"\n")
                .find("callcenter.toml:3: server.time_zone: unknown time zone 'Mars/Base'"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server]\nhttp_threads = 0\n")
                .find("callcenter.toml:2: server.http_threads: must be between 1 and 256"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server]\nhttp_threads = \"4\"\n").find("must be a whole number"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server]\nlisten = \"127.0.0.1:80\"\nport = 80\n")
                .find("callcenter.toml:3: server.port: unknown key"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[servre]\n").find("callcenter.toml:1: servre: unknown key"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server.https]\ncertificate = \"cert.pem\"\n")
                .find("server.https.key: is missing"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[server.https]\ncertificate = \"nope.pem\"\nkey = \"nope.key\"\n")
                .find("callcenter.toml:2: server.https.certificate: no such file"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[database]\nurl = \"mysql://x\"\n").find("callcenter.toml:2: database.url"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[security]\nsession_idle = \"soon\"\n")
                .find("callcenter.toml:2: security.session_idle"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[security]\nsession_idle = \"13h\"\n").find("session_absolute"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[security]\nallowed_origins = \"https://x\"\n")
                .find("security.allowed_origins: must be a list"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[security]\nallowed_origins = [\"wall.example.com\"]\n")
                .find("callcenter.toml:2: security.allowed_origins"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[demo]\nenabled = \"yes\"\n").find("demo.enabled: must be true or false"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[demo]\nseed = -1\n").find("demo.seed"), std::string::npos);
  EXPECT_NE(ErrorFor("[server\n").find("callcenter.toml:1:"), std::string::npos);
  EXPECT_EQ(LoadServerConfig((dir_ / "missing.toml").string()).error().code,
            core::ErrorCode::kNotFound);
}

TEST(ParseListen, AcceptsAddressesWithAnyPortIncludingZero) {
  auto v4 = ParseListen("0.0.0.0:0");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->address, "0.0.0.0");
  EXPECT_EQ(v4->port, 0);
  auto v6 = ParseListen("[::1]:8443");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->address, "::1");
  EXPECT_EQ(v6->port, 8443);
  EXPECT_EQ(ParseListen("localhost:80")->address, "127.0.0.1");
  for (const char* bad : {"", ":80", "127.0.0.1:", "127.0.0.1:x", "999.1.1.1:80", "[::1:80",
                          "example.com:80", "127.0.0.1:-1"}) {
    EXPECT_FALSE(ParseListen(bad)) << bad;
  }
}


TEST_F(ServerConfigTest, ASipTableTurnsSipOnWithItsPortsAndPrompts) {
  std::filesystem::create_directories(dir_ / "our-prompts");
  auto config = ParseServerConfig(
      "[sip]\nlisten = \"127.0.0.1:5070\"\nrtp_ports = \"30000-30100\"\nmedia_threads = 2\n"
      "language = \"en\"\nprompts_dir = \"our-prompts\"\n",
      "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->sip.enabled);
  EXPECT_EQ(config->sip.listen.port, 5070);
  EXPECT_EQ(config->sip.rtp_min, 30000);
  EXPECT_EQ(config->sip.rtp_max, 30100);
  EXPECT_EQ(config->sip.media_threads, 2);
  EXPECT_EQ(config->sip.language, "en");
  EXPECT_EQ(config->sip.prompts_dir, (dir_ / "our-prompts").string());
  auto off = ParseServerConfig("[sip]\nenabled = false\n", "callcenter.toml", dir_.string());
  ASSERT_TRUE(off);
  EXPECT_FALSE(off->sip.enabled);
  auto none = ParseServerConfig("", "callcenter.toml", dir_.string());
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->sip.enabled);
}

TEST_F(ServerConfigTest, SipMistakesNameTheKeyAndLine) {
  EXPECT_NE(ErrorFor("[sip]\nrtp_ports = \"30000\"\n").find("callcenter.toml:2: sip.rtp_ports"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\nrtp_ports = \"300-400\"\n").find("sip.rtp_ports"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\nlanguage = \"de\"\n").find("sip.language"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\nprompts_dir = \"missing\"\n").find("no such folder"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\nlisten = \"nowhere\"\n").find("sip.listen"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\nport = 5060\n").find("port"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip.trunk]\naddress = \"gateway\"\n").find("callcenter.toml:2: sip.trunk.address"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip.trunk]\naddress = \"10.0.0.1:5060\"\nuser = \"centre\"\n").find("both user and password"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip.trunk]\nhost = \"10.0.0.1\"\n").find("host"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\ninbound = \"closed\"\n").find("sip.inbound"), std::string::npos);
  EXPECT_NE(ErrorFor("[[sip.peers]]\naddress = \"10.0.0.1\"\n").find("sip.peers[0].name"), std::string::npos);
  EXPECT_NE(ErrorFor("[[sip.peers]]\nname = \"p\"\naddress = \"gateway.example\"\n").find("callcenter.toml:3: sip.peers[0].address"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[[sip.peers]]\nname = \"p\"\naddress = \"10.0.0.1\"\nuser = \"u\"\n").find("both user and password"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip]\npeers = \"10.0.0.1\"\n").find("[[sip.peers]]"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip.security]\nban_seconds = 0\n").find("callcenter.toml:2: sip.security.ban_seconds"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip.security]\ntrusted = [\"office\"]\n").find("sip.security.trusted"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip.security]\nflood = 10\n").find("flood"), std::string::npos);
}

TEST_F(ServerConfigTest, TheDialPlanListsNumberPatternsAndKeepsEmergencyNumbers) {
  auto config = ParseServerConfig("[dial_plan]\nallow = [\"7*\", \"8800*\"]\n", "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->dial_plan.allow, (std::vector<std::string>{"7*", "8800*"}));
  EXPECT_EQ(config->dial_plan.emergency, centre::DialPlanRules{}.emergency);
  EXPECT_NE(ErrorFor("[dial_plan]\nallow = [\"+7*\"]\n").find("callcenter.toml:1: dial_plan"), std::string::npos);
  EXPECT_NE(ErrorFor("[dial_plan]\nallow = \"7*\"\n").find("dial_plan.allow"), std::string::npos);
  EXPECT_NE(ErrorFor("[dial_plan]\ndeny = [\"7*\"]\n").find("deny"), std::string::npos);
}

TEST_F(ServerConfigTest, TheSipPortsLimitsHaveSafeDefaultsAndCanBeSet) {
  auto config = ParseServerConfig("[sip]\n", "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->sip.security.flood_requests, 60);
  EXPECT_EQ(config->sip.security.ban_seconds, 600);
  EXPECT_TRUE(config->sip.security.trusted.empty());
  config = ParseServerConfig(
      "[sip.security]\nflood_requests = 500\nauth_failures = 3\nban_seconds = 60\ntrusted = [\"10.0.0.5\", \"::1\"]\n"
      "max_headers = 50\nmax_calls_per_source = 10\n",
      "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->sip.security.flood_requests, 500);
  EXPECT_EQ(config->sip.security.auth_failures, 3);
  EXPECT_EQ(config->sip.security.ban_seconds, 60);
  EXPECT_EQ(config->sip.security.trusted, (std::vector<std::string>{"10.0.0.5", "::1"}));
  EXPECT_EQ(config->sip.security.max_headers, 50);
  EXPECT_EQ(config->sip.security.max_calls_per_source, 10);
}

TEST_F(ServerConfigTest, ATrunkCarriesItsAddressAndAccount) {
  auto config = ParseServerConfig(
      "[sip.trunk]\naddress = \"10.0.0.1:5070\"\nuser = \"centre\"\npassword = \"s3cret\"\n", "callcenter.toml",
      dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->sip.enabled);
  EXPECT_EQ(config->sip.trunk_address, "10.0.0.1:5070");
  EXPECT_EQ(config->sip.trunk_user, "centre");
  EXPECT_EQ(config->sip.trunk_password, "s3cret");
  EXPECT_TRUE(config->sip.inbound_open);
}

TEST_F(ServerConfigTest, TrunkPeersAreKnownByAddressWithAnOptionalLogin) {
  auto config = ParseServerConfig(
      "[sip]\ninbound = \"peers\"\n"
      "[[sip.peers]]\nname = \"provider\"\naddress = \"192.0.2.10\"\nuser = \"beta\"\npassword = \"pw\"\n"
      "[[sip.peers]]\nname = \"pbx\"\naddress = \"192.0.2.20:5070\"\n",
      "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_FALSE(config->sip.inbound_open);
  ASSERT_EQ(config->sip.peers.size(), 2u);
  EXPECT_EQ(config->sip.peers[0].host, "192.0.2.10");
  EXPECT_EQ(config->sip.peers[0].port, 0);
  EXPECT_EQ(config->sip.peers[0].user, "beta");
  EXPECT_EQ(config->sip.peers[1].name, "pbx");
  EXPECT_EQ(config->sip.peers[1].port, 5070);
}

}  // namespace
}  // namespace cc::app

namespace cc::app {
namespace {

TEST_F(ServerConfigTest, SipOverTlsNeedsACertificateAndKeyThatExist) {
  Write("sip.pem", "certificate");
  Write("sip.key", "key");
  auto config = ParseServerConfig("[sip.tls]\nport = 0\ncertificate = \"sip.pem\"\nkey = \"sip.key\"\n",
                                  "callcenter.toml", dir_.string());
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_TRUE(config->sip.enabled);
  EXPECT_TRUE(config->sip.tls);
  EXPECT_EQ(config->sip.tls_port, 0);
  EXPECT_EQ(config->sip.tls_certificate, (dir_ / "sip.pem").string());
  EXPECT_EQ(config->sip.tls_key, (dir_ / "sip.key").string());
  EXPECT_NE(ErrorFor("[sip.tls]\ncertificate = \"sip.pem\"\n").find("sip.tls.key: is missing"), std::string::npos);
  EXPECT_NE(ErrorFor("[sip.tls]\ncertificate = \"nope.pem\"\nkey = \"sip.key\"\n").find("no such file"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip.tls]\nport = 70000\ncertificate = \"sip.pem\"\nkey = \"sip.key\"\n").find("sip.tls.port"),
            std::string::npos);
  EXPECT_EQ(config->sip.tls_srtp, "accept");
  EXPECT_NE(ErrorFor("[sip.tls]\nsrtp = \"maybe\"\ncertificate = \"sip.pem\"\nkey = \"sip.key\"\n").find("sip.tls.srtp"),
            std::string::npos);
  EXPECT_NE(ErrorFor("[sip.tls]\nsrtp = true\n").find("srtp"), std::string::npos);
}

}  // namespace
}  // namespace cc::app
