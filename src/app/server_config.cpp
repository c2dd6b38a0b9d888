#include "app/server_config.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>

#include "core/time_zone.h"
#include "core/units.h"

namespace cc::app {

using core::ErrorCode;
using core::Fail;
using core::Result;

namespace {

bool IsIp(const std::string& host, int family) {
  unsigned char buffer[16];
  return inet_pton(family, host.c_str(), buffer) == 1;
}

// Builds messages like "callcenter.toml:4: server.listen: ...".
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  tl::unexpected<core::Error> Error(const toml::node* node, std::string_view key,
                                    std::string_view what) const {
    const auto line = node != nullptr ? node->source().begin.line : 0;
    return Fail(ErrorCode::kInvalidArgument,
                line != 0 ? fmt::format("{}:{}: {}: {}", source_, line, key, what)
                          : fmt::format("{}: {}: {}", source_, key, what));
  }

  core::Status KnownKeys(const toml::table& t, std::string_view prefix,
                         std::initializer_list<std::string_view> known) const {
    for (auto&& [key, node] : t) {
      if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
      std::string list;
      for (std::string_view k : known) list += (list.empty() ? "" : ", ") + std::string(k);
      return Error(&node, Full(prefix, key.str()), "unknown key (expected one of: " + list + ")");
    }
    return {};
  }

  // The sub-table `key`, or nullptr when it is absent.
  Result<const toml::table*> Table(const toml::table& t, std::string_view prefix,
                                   std::string_view key) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return static_cast<const toml::table*>(nullptr);
    if (const toml::table* table = n->as_table()) return table;
    return Error(n, Full(prefix, key), "must be a table ([" + Full(prefix, key) + "])");
  }

  core::Status String(const toml::table& t, std::string_view prefix, std::string_view key,
                      std::string& out) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return {};
    auto v = n->value<std::string>();
    if (!v || !n->is_string()) return Error(n, Full(prefix, key), "must be a string in quotes");
    out = *v;
    return {};
  }

  core::Status Bool(const toml::table& t, std::string_view prefix, std::string_view key,
                    bool& out) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return {};
    if (!n->is_boolean()) return Error(n, Full(prefix, key), "must be true or false");
    out = *n->value<bool>();
    return {};
  }

  Result<std::optional<std::int64_t>> Int(const toml::table& t, std::string_view prefix,
                                          std::string_view key, std::int64_t min,
                                          std::int64_t max) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::optional<std::int64_t>();
    if (!n->is_integer()) return Error(n, Full(prefix, key), "must be a whole number");
    const std::int64_t v = *n->value<std::int64_t>();
    if (v < min || v > max) {
      return Error(n, Full(prefix, key), fmt::format("must be between {} and {}", min, max));
    }
    return std::optional<std::int64_t>(v);
  }

  core::Status Dur(const toml::table& t, std::string_view prefix, std::string_view key,
                   core::Duration& out) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) return {};
    auto s = n->value<std::string>();
    if (!s || !n->is_string()) {
      return Error(n, Full(prefix, key), "must be a duration in quotes, like \"30m\" or \"12h\"");
    }
    auto d = core::ParsePositiveDuration(*s);
    if (!d) return Error(n, Full(prefix, key), d.error().message);
    out = *d;
    return {};
  }

  static std::string Full(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
  }

 private:
  std::string source_;
};

#define CC_TRY(expr)                                     \
  do {                                                   \
    if (auto status_ = (expr); !status_) {               \
      return tl::unexpected(std::move(status_).error()); \
    }                                                    \
  } while (false)

core::Status ReadServer(const Reader& r, const toml::table& t, const std::string& base_dir,
                        ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "server",
                     {"listen", "data_dir", "time_zone", "http_threads", "https"}));
  std::string listen;
  CC_TRY(r.String(t, "server", "listen", listen));
  if (t.contains("listen")) {
    auto parsed = ParseListen(listen);
    if (!parsed) return r.Error(t.get("listen"), "server.listen", parsed.error().message);
    c.listen = *parsed;
  }
  CC_TRY(r.String(t, "server", "data_dir", c.data_dir));
  if (c.data_dir.empty()) return r.Error(t.get("data_dir"), "server.data_dir", "must not be empty");
  CC_TRY(r.String(t, "server", "time_zone", c.time_zone));
  if (auto zone = core::TimeZone::Load(c.time_zone); !zone) {
    return r.Error(t.get("time_zone"), "server.time_zone", zone.error().message);
  }
  auto threads = r.Int(t, "server", "http_threads", 1, 256);
  if (!threads) return tl::unexpected(threads.error());
  if (*threads) c.http_threads = static_cast<int>(**threads);

  auto https = r.Table(t, "server", "https");
  if (!https) return tl::unexpected(https.error());
  if (*https != nullptr) {
    const toml::table& h = **https;
    CC_TRY(r.KnownKeys(h, "server.https", {"certificate", "key"}));
    CC_TRY(r.String(h, "server.https", "certificate", c.https_certificate));
    CC_TRY(r.String(h, "server.https", "key", c.https_key));
    if (c.https_certificate.empty() != c.https_key.empty()) {
      const char* missing = c.https_certificate.empty() ? "certificate" : "key";
      return r.Error(&h, std::string("server.https.") + missing,
                     "is missing: give both certificate and key, or neither");
    }
    for (auto [key, path] : {std::pair<const char*, std::string*>{"certificate", &c.https_certificate},
                             {"key", &c.https_key}}) {
      if (path->empty()) continue;
      std::filesystem::path p(*path);
      if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
      std::error_code ec;
      if (!std::filesystem::is_regular_file(p, ec)) {
        return r.Error(h.get(key), std::string("server.https.") + key,
                       "no such file: " + p.string());
      }
      *path = p.string();
    }
  }
  return {};
}

core::Status ReadDatabase(const Reader& r, const toml::table& t, ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "database", {"url"}));
  CC_TRY(r.String(t, "database", "url", c.database_url));
  const std::string& url = c.database_url;
  if (!url.empty() && !url.starts_with("sqlite:") && !url.starts_with("postgresql://") &&
      !url.starts_with("postgres://")) {
    return r.Error(t.get("url"), "database.url",
                   "expected \"\" (SQLite in data_dir), \"sqlite:FILE\" or \"postgresql://...\"");
  }
  if (url == "sqlite:") return r.Error(t.get("url"), "database.url", "sqlite: needs a file name");
  return {};
}

core::Status ReadSecurity(const Reader& r, const toml::table& t, ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "security", {"session_idle", "session_absolute", "allowed_origins"}));
  CC_TRY(r.Dur(t, "security", "session_idle", c.session_idle));
  CC_TRY(r.Dur(t, "security", "session_absolute", c.session_absolute));
  if (c.session_idle > c.session_absolute) {
    return r.Error(t.get("session_idle"), "security.session_idle",
                   "must not be longer than security.session_absolute");
  }
  if (const toml::node* n = t.get("allowed_origins")) {
    const toml::array* list = n->as_array();
    if (list == nullptr) {
      return r.Error(n, "security.allowed_origins", "must be a list of strings");
    }
    for (const toml::node& item : *list) {
      auto origin = item.value<std::string>();
      if (!origin || !item.is_string() ||
          !(origin->starts_with("http://") || origin->starts_with("https://"))) {
        return r.Error(&item, "security.allowed_origins",
                       "each origin must be a string like \"https://wall.example.com\"");
      }
      c.allowed_origins.push_back(*origin);
    }
  }
  return {};
}

// [sip] inbound and [[sip.peers]].
core::Status ReadSipPeers(const Reader& r, const toml::table& t, ServerConfig& c) {
  std::string inbound = "open";
  CC_TRY(r.String(t, "sip", "inbound", inbound));
  if (inbound != "open" && inbound != "peers") {
    return r.Error(t.get("inbound"), "sip.inbound",
                   "must be \"open\" (anyone may call the centre's numbers) or \"peers\" (only [[sip.peers]])");
  }
  c.sip.inbound_open = inbound == "open";
  const toml::node* n = t.get("peers");
  if (n == nullptr) return {};
  const toml::array* list = n->as_array();
  if (list == nullptr || !list->is_array_of_tables()) {
    return r.Error(n, "sip.peers", "must be a list of tables ([[sip.peers]])");
  }
  for (const toml::node& item : *list) {
    const toml::table& p = *item.as_table();
    const std::string key = fmt::format("sip.peers[{}]", c.sip.peers.size());
    CC_TRY(r.KnownKeys(p, key, {"name", "address", "user", "password"}));
    SipPeerConfig peer;
    CC_TRY(r.String(p, key, "name", peer.name));
    if (peer.name.empty()) return r.Error(&p, key + ".name", "is missing: name the peer, e.g. \"provider\"");
    std::string address;
    CC_TRY(r.String(p, key, "address", address));
    if (IsIp(address, AF_INET) || IsIp(address, AF_INET6)) {
      peer.host = address;
    } else {
      auto parsed = ParseListen(address);
      if (!parsed || parsed->port == 0) {
        return r.Error(p.contains("address") ? p.get("address") : &p, key + ".address",
                       "must be the peer's IP address, with or without a port: \"192.0.2.10\" or \"192.0.2.10:5060\"");
      }
      peer.host = parsed->address;
      peer.port = parsed->port;
    }
    CC_TRY(r.String(p, key, "user", peer.user));
    CC_TRY(r.String(p, key, "password", peer.password));
    if (peer.user.empty() != peer.password.empty()) {
      return r.Error(&p, key, "set both user and password, or neither");
    }
    c.sip.peers.push_back(std::move(peer));
  }
  return {};
}

core::Status ReadSipSecurity(const Reader& r, const toml::table& t, ServerConfig& c) {
  auto table = r.Table(t, "sip", "security");
  if (!table) return tl::unexpected(table.error());
  if (*table == nullptr) return {};
  const toml::table& k = **table;
  const std::string key = "sip.security";
  CC_TRY(r.KnownKeys(k, key,
                     {"flood_requests", "flood_window_seconds", "auth_failures", "auth_window_seconds", "ban_seconds",
                      "trusted", "max_message_bytes", "max_headers", "max_calls_per_source"}));
  SipSecurityConfig& s = c.sip.security;
  const struct {
    const char* name;
    int* value;
    std::int64_t min, max;
  } ints[] = {{"flood_requests", &s.flood_requests, 1, 1'000'000},
              {"flood_window_seconds", &s.flood_window_seconds, 1, 3600},
              {"auth_failures", &s.auth_failures, 1, 1000},
              {"auth_window_seconds", &s.auth_window_seconds, 1, 86400},
              {"ban_seconds", &s.ban_seconds, 1, 7 * 86400},
              {"max_message_bytes", &s.max_message_bytes, 1024, 1 << 20},
              {"max_headers", &s.max_headers, 10, 1000},
              {"max_calls_per_source", &s.max_calls_per_source, 1, 100'000}};
  for (const auto& i : ints) {
    auto v = r.Int(k, key, i.name, i.min, i.max);
    if (!v) return tl::unexpected(v.error());
    if (*v) *i.value = static_cast<int>(**v);
  }
  const toml::node* trusted = k.get("trusted");
  if (trusted == nullptr) return {};
  const toml::array* list = trusted->as_array();
  const auto bad = [&](const toml::node* at) {
    return r.Error(at, key + ".trusted", "must be a list of IP addresses, e.g. [\"192.0.2.10\"]");
  };
  if (list == nullptr) return bad(trusted);
  for (const toml::node& item : *list) {
    const auto* text = item.as_string();
    if (text == nullptr || !(IsIp(text->get(), AF_INET) || IsIp(text->get(), AF_INET6))) return bad(&item);
    s.trusted.push_back(text->get());
  }
  return {};
}

// [sip.tls]: port, certificate and key (both required, existing files).
core::Status ReadSipTls(const Reader& r, const toml::table& t, const std::string& base_dir, ServerConfig& c) {
  auto table = r.Table(t, "sip", "tls");
  if (!table) return tl::unexpected(table.error());
  if (*table == nullptr) return {};
  const toml::table& k = **table;
  CC_TRY(r.KnownKeys(k, "sip.tls", {"enabled", "port", "certificate", "key", "srtp"}));
  CC_TRY(r.String(k, "sip.tls", "srtp", c.sip.tls_srtp));
  if (c.sip.tls_srtp != "off" && c.sip.tls_srtp != "accept" && c.sip.tls_srtp != "require") {
    return r.Error(k.get("srtp"), "sip.tls.srtp",
                   "must be \"off\", \"accept\" (SRTP when the phone offers it) or \"require\"");
  }
  c.sip.tls = true;
  CC_TRY(r.Bool(k, "sip.tls", "enabled", c.sip.tls));
  auto port = r.Int(k, "sip.tls", "port", 0, 65535);
  if (!port) return tl::unexpected(port.error());
  if (*port) c.sip.tls_port = static_cast<std::uint16_t>(**port);
  CC_TRY(r.String(k, "sip.tls", "certificate", c.sip.tls_certificate));
  CC_TRY(r.String(k, "sip.tls", "key", c.sip.tls_key));
  if (!c.sip.tls) return {};
  for (auto [key, path] : {std::pair<const char*, std::string*>{"certificate", &c.sip.tls_certificate},
                           {"key", &c.sip.tls_key}}) {
    if (path->empty()) {
      return r.Error(&k, std::string("sip.tls.") + key, "is missing: TLS needs a PEM certificate and its key");
    }
    std::filesystem::path p(*path);
    if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) {
      return r.Error(k.get(key), std::string("sip.tls.") + key, "no such file: " + p.string());
    }
    *path = p.string();
  }
  return {};
}

core::Status ReadSip(const Reader& r, const toml::table& t, const std::string& base_dir, ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "sip",
                     {"enabled", "listen", "rtp_ports", "media_threads", "realm", "language", "prompts_dir", "trunk",
                      "inbound", "peers", "security", "tls"}));
  c.sip.enabled = true;  // a [sip] table turns SIP on unless it says enabled = false
  CC_TRY(r.Bool(t, "sip", "enabled", c.sip.enabled));
  std::string listen;
  CC_TRY(r.String(t, "sip", "listen", listen));
  if (t.contains("listen")) {
    auto parsed = ParseListen(listen);
    if (!parsed) return r.Error(t.get("listen"), "sip.listen", parsed.error().message);
    c.sip.listen = *parsed;
  }
  std::string ports;
  CC_TRY(r.String(t, "sip", "rtp_ports", ports));
  if (t.contains("rtp_ports")) {
    unsigned low = 0, high = 0;
    char dash = 0;
    std::istringstream in(ports);
    if (!(in >> low >> dash >> high) || dash != '-' || !in.eof() || low < 1024 || high > 65535 ||
        low + 2 > high) {
      return r.Error(t.get("rtp_ports"), "sip.rtp_ports",
                     "must be \"LOW-HIGH\" with 1024 <= LOW and LOW + 2 <= HIGH <= 65535, e.g. \"20000-29999\"");
    }
    c.sip.rtp_min = static_cast<std::uint16_t>(low);
    c.sip.rtp_max = static_cast<std::uint16_t>(high);
  }
  auto threads = r.Int(t, "sip", "media_threads", 1, 64);
  if (!threads) return tl::unexpected(threads.error());
  if (*threads) c.sip.media_threads = static_cast<int>(**threads);
  CC_TRY(r.String(t, "sip", "realm", c.sip.realm));
  if (c.sip.realm.empty() || c.sip.realm.find('"') != std::string::npos) {
    return r.Error(t.get("realm"), "sip.realm", "must be non-empty and without quotes");
  }
  CC_TRY(r.String(t, "sip", "language", c.sip.language));
  if (c.sip.language != "ru" && c.sip.language != "en") {
    return r.Error(t.get("language"), "sip.language", "must be \"ru\" or \"en\"");
  }
  CC_TRY(r.String(t, "sip", "prompts_dir", c.sip.prompts_dir));
  if (!c.sip.prompts_dir.empty()) {
    std::filesystem::path p(c.sip.prompts_dir);
    if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) {
      return r.Error(t.get("prompts_dir"), "sip.prompts_dir", "no such folder: " + p.string());
    }
    c.sip.prompts_dir = p.string();
  }
  auto trunk = r.Table(t, "sip", "trunk");
  if (!trunk) return tl::unexpected(trunk.error());
  if (*trunk != nullptr) {
    const toml::table& k = **trunk;
    CC_TRY(r.KnownKeys(k, "sip.trunk", {"address", "user", "password"}));
    CC_TRY(r.String(k, "sip.trunk", "address", c.sip.trunk_address));
    auto parsed = ParseListen(c.sip.trunk_address);
    if (!parsed || parsed->port == 0) {
      return r.Error(k.contains("address") ? k.get("address") : &k, "sip.trunk.address",
                     "must be \"HOST:PORT\" of the peer, e.g. \"127.0.0.1:5070\"");
    }
    CC_TRY(r.String(k, "sip.trunk", "user", c.sip.trunk_user));
    CC_TRY(r.String(k, "sip.trunk", "password", c.sip.trunk_password));
    if (c.sip.trunk_user.empty() != c.sip.trunk_password.empty()) {
      return r.Error(&k, "sip.trunk", "set both user and password, or neither");
    }
  }
  CC_TRY(ReadSipSecurity(r, t, c));
  CC_TRY(ReadSipTls(r, t, base_dir, c));
  return ReadSipPeers(r, t, c);
}

core::Status ReadDialPlan(const Reader& r, const toml::table& t, ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "dial_plan", {"allow", "emergency"}));
  for (auto [name, list] : {std::pair{"allow", &c.dial_plan.allow}, std::pair{"emergency", &c.dial_plan.emergency}}) {
    const toml::node* n = t.get(name);
    if (n == nullptr) continue;
    const std::string key = std::string("dial_plan.") + name;
    const toml::array* items = n->as_array();
    if (items == nullptr) return r.Error(n, key, "must be a list of number patterns, e.g. [\"7*\", \"8800*\"]");
    list->clear();
    for (const toml::node& item : *items) {
      const auto* text = item.as_string();
      if (text == nullptr) return r.Error(&item, key, "must be a list of number patterns, e.g. [\"7*\", \"8800*\"]");
      list->push_back(text->get());
    }
  }
  if (auto plan = centre::DialPlan::Make(c.dial_plan); !plan) return r.Error(&t, "dial_plan", plan.error().message);
  return {};
}

core::Status ReadDemo(const Reader& r, const toml::table& t, ServerConfig& c) {
  CC_TRY(r.KnownKeys(t, "demo", {"enabled", "bots", "traffic", "seed"}));
  CC_TRY(r.Bool(t, "demo", "enabled", c.demo.enabled));
  CC_TRY(r.Bool(t, "demo", "bots", c.demo.bots));
  CC_TRY(r.Bool(t, "demo", "traffic", c.demo.traffic));
  auto seed = r.Int(t, "demo", "seed", 0, std::numeric_limits<std::int64_t>::max());
  if (!seed) return tl::unexpected(seed.error());
  if (*seed) c.demo.seed = static_cast<std::uint64_t>(**seed);
  return {};
}

}  // namespace

Result<ListenAddress> ParseListen(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}': {} (expected ADDRESS:PORT, like 127.0.0.1:8080 or [::1]:8080)",
                            text, why));
  };
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad("no port");
  std::string host(text.substr(0, colon));
  const std::string_view port_text = text.substr(colon + 1);
  ListenAddress out;
  if (host.starts_with('[')) {
    if (!host.ends_with(']')) return bad("unclosed '['");
    host = host.substr(1, host.size() - 2);
    if (!IsIp(host, AF_INET6)) return bad("not an IPv6 address");
  } else if (host == "localhost") {
    host = "127.0.0.1";
  } else if (!IsIp(host, AF_INET)) {
    return bad(host.find(':') != std::string::npos ? "write an IPv6 address in brackets"
                                                   : "not an IP address");
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
      port > 65535) {
    return bad("the port must be a number from 0 to 65535");
  }
  out.address = host;
  out.port = static_cast<std::uint16_t>(port);
  return out;
}

Result<ServerConfig> ParseServerConfig(std::string_view text, std::string_view source_name,
                                       const std::string& base_dir) {
  Reader r(source_name);
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}:{}: {}", source_name, e.source().begin.line, e.description()));
  }
  ServerConfig c;
  CC_TRY(r.KnownKeys(root, "", {"server", "database", "security", "web", "demo", "sip", "dial_plan"}));
  auto server = r.Table(root, "", "server");
  if (!server) return tl::unexpected(server.error());
  if (*server != nullptr) CC_TRY(ReadServer(r, **server, base_dir, c));
  auto database = r.Table(root, "", "database");
  if (!database) return tl::unexpected(database.error());
  if (*database != nullptr) CC_TRY(ReadDatabase(r, **database, c));
  auto security = r.Table(root, "", "security");
  if (!security) return tl::unexpected(security.error());
  if (*security != nullptr) CC_TRY(ReadSecurity(r, **security, c));
  auto web = r.Table(root, "", "web");
  if (!web) return tl::unexpected(web.error());
  if (*web != nullptr) {
    CC_TRY(r.KnownKeys(**web, "web", {"root"}));
    if ((*web)->contains("root")) {  // the default stays relative to where the server starts
      CC_TRY(r.String(**web, "web", "root", c.web_root));
      if (c.web_root.empty()) return r.Error((*web)->get("root"), "web.root", "must not be empty");
      if (std::filesystem::path p(c.web_root); p.is_relative()) c.web_root = (std::filesystem::path(base_dir) / p).string();
    }
  }
  auto demo = r.Table(root, "", "demo");
  if (!demo) return tl::unexpected(demo.error());
  if (*demo != nullptr) CC_TRY(ReadDemo(r, **demo, c));
  auto sip = r.Table(root, "", "sip");
  if (!sip) return tl::unexpected(sip.error());
  if (*sip != nullptr) CC_TRY(ReadSip(r, **sip, base_dir, c));
  auto dial_plan = r.Table(root, "", "dial_plan");
  if (!dial_plan) return tl::unexpected(dial_plan.error());
  if (*dial_plan != nullptr) CC_TRY(ReadDialPlan(r, **dial_plan, c));
  return c;
}

Result<ServerConfig> LoadServerConfig(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Fail(ErrorCode::kNotFound, "cannot read the config file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  const std::string base = std::filesystem::path(path).parent_path().string();
  return ParseServerConfig(text.str(), path, base.empty() ? "." : base);
}

}  // namespace cc::app
