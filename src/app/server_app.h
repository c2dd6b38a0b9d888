// One running centre server: storage, identity, the live centre with its
// simulated world, the CDR projector and the HTTP/WebSocket front, wired
// together. `callcenter serve` runs one; the API tests start one in-process
// on port 0.
// Thread-safety: Start() and Stop() from one controlling thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "access/passwords.h"
#include "access/sessions.h"
#include "app/demo_centre.h"
#include "app/sip_world.h"
#include "app/store.h"
#include "core/result.h"
#include "http/server.h"

namespace cc::app {

struct ServerSettings {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;
  StoreOptions store;
  std::string time_zone = "UTC";
  int http_threads = 4;
  std::string tls_certificate;
  std::string tls_key;
  access::SessionOptions sessions;
  std::vector<std::string> allowed_origins;
  std::string web_root = "web/dist";  // the built web app (see http::StaticFiles)
  bool demo = false;
  bool bots = true;
  bool traffic = true;
  std::uint64_t seed = 42;
  double traffic_multiplier = 1.0;
  access::PasswordCost password_cost = access::PasswordCost::kInteractive;
  std::chrono::milliseconds snapshot_period = std::chrono::seconds(1);
  SipSettings sip;  // off by default
  centre::DialPlanRules dial_plan;  // outside numbers the centre may call (validated by the config)
};

// What a start produced for the operator to read.
struct StartInfo {
  http::Endpoint endpoint;
  std::string url;
  std::optional<std::string> admin_password;  // set only on the very first start
  std::vector<DemoLogin> demo_logins;
  std::vector<core::CallId> interrupted;  // calls the previous run left open
  std::optional<std::string> sip;  // "ADDRESS:PORT" when SIP telephony runs
  std::optional<std::string> sips;  // "ADDRESS:PORT" of SIP over TLS when it runs
};

class ServerApp {
 public:
  explicit ServerApp(ServerSettings settings);
  ~ServerApp();
  ServerApp(const ServerApp&) = delete;
  ServerApp& operator=(const ServerApp&) = delete;

  core::Result<StartInfo> Start();
  // Stops taking requests, drains, stops the centre, flushes the log and CDRs.
  void Stop();

 private:
  struct Parts;
  ServerSettings settings_;
  std::unique_ptr<Parts> parts_;
};

// Prints what a newcomer needs: the URL and the logins.
void PrintStartInfo(const StartInfo& info, const ServerSettings& settings, std::ostream& out);

}  // namespace cc::app
