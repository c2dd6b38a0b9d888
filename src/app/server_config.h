// The server's configuration file (TOML) for `callcenter serve`: where it
// listens, where its data lives, the centre's time zone, HTTPS, sessions and
// the demo. Errors name FILE:LINE and the key; unknown keys are errors.
// examples/callcenter.toml shows every key.
// Thread-safety: functions and value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "centre/dial_plan.h"
#include "core/result.h"
#include "core/time.h"

namespace cc::app {

struct ListenAddress {
  std::string address = "127.0.0.1";  // an IPv4 or IPv6 literal, without brackets
  std::uint16_t port = 8080;          // 0: any free port
};

// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0", "localhost:8080" (as 127.0.0.1).
core::Result<ListenAddress> ParseListen(std::string_view text);

struct DemoConfig {
  bool enabled = false;
  bool bots = true;
  bool traffic = true;
  std::uint64_t seed = 42;
};

// A trunk peer ([[sip.peers]]): calls from its address are let in; with a
// user and password its INVITEs must carry that digest login.
struct SipPeerConfig {
  std::string name;
  std::string host;        // an IP address
  std::uint16_t port = 0;  // 0: any source port
  std::string user;
  std::string password;
};

// [sip.security]: limits at the SIP port per source address (see
// telephony/sip/edge_guard.h). Trunk peers and the trunk are always trusted.
struct SipSecurityConfig {
  int flood_requests = 60;  // more requests than this from one address within flood_window_seconds: a ban
  int flood_window_seconds = 2;
  int auth_failures = 5;  // more failed logins than this within auth_window_seconds: a ban
  int auth_window_seconds = 60;
  int ban_seconds = 600;
  std::vector<std::string> trusted;  // IP addresses never limited
  int max_message_bytes = 65536;     // bigger SIP messages are refused
  int max_headers = 100;             // a request with more header fields gets 400
  int max_calls_per_source = 100;    // calls at once from one untrusted address
};

// SIP telephony ([sip]): off unless enabled here or by --sip-listen.
struct SipConfig {
  bool enabled = false;
  ListenAddress listen{"127.0.0.1", 5060};  // UDP and TCP; RTP binds the same address
  std::uint16_t rtp_min = 20000;             // "rtp_ports = \"20000-29999\""
  std::uint16_t rtp_max = 29999;
  int media_threads = 1;
  std::string realm = "callcenter";
  std::string language = "ru";  // of the prompts callers hear: ru or en
  std::string prompts_dir;      // the centre's own recordings (relative to the config file)
  // [sip.trunk]: the peer that carries calls to outside numbers (external
  // transfers such as 112), with an optional digest account.
  std::string trunk_address;  // "HOST:PORT"; empty: no trunk
  std::string trunk_user;
  std::string trunk_password;
  // inbound = "open" (default: anyone may call the centre's numbers) or
  // "peers" (only the peers below and the trunk's address).
  bool inbound_open = true;
  std::vector<SipPeerConfig> peers;
  SipSecurityConfig security;
  // [sip.tls]: SIP over TLS on the listen address; port 0 picks a free one.
  bool tls = false;
  std::uint16_t tls_port = 5061;
  std::string tls_certificate;  // PEM files, relative to the config file
  std::string tls_key;
  std::string tls_srtp = "accept";  // SRTP on TLS dialogs: "off", "accept" (when offered) or "require"
};

struct ServerConfig {
  ListenAddress listen;
  std::string data_dir = "var";
  std::string time_zone = "UTC";  // validated with core::TimeZone
  int http_threads = 4;
  // Both set or both empty; relative paths are resolved against the config
  // file's directory.
  std::string https_certificate;
  std::string https_key;
  std::string database_url;  // "" = SQLite in data_dir; sqlite:FILE; postgresql://...
  core::Duration session_idle = std::chrono::minutes(30);
  core::Duration session_absolute = std::chrono::hours(12);
  std::vector<std::string> allowed_origins;  // extra Origins the WebSocket accepts
  std::string web_root = "web/dist";  // the built web app; relative to the config file's folder when set there
  DemoConfig demo;
  SipConfig sip;
  centre::DialPlanRules dial_plan;  // [dial_plan]: outside numbers the centre may call
};

core::Result<ServerConfig> LoadServerConfig(const std::string& path);
// `source_name` names the text in messages; `base_dir` resolves relative paths.
core::Result<ServerConfig> ParseServerConfig(std::string_view text, std::string_view source_name,
                                             const std::string& base_dir);

}  // namespace cc::app
