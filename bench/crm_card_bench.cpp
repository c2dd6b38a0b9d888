// From the offer to the caller's customer card on the agent's WebSocket
// (bench/README.md, "CRM"). Starts the demo server in-process on port 0
// (its 1,000 customers; with --live also the bots and the generated callers),
// logs an operator in over HTTP, keeps them ready, and injects calls from
// customers' numbers one after another. For each offer the server stamps
// `offered_at_us` when the desk with the offer is published; the client
// measures until the {"type":"customer"} message arrives.
//
//   crm_card_bench [--calls 300] [--live]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/server_app.h"
#include "http/testing/http_client.h"

namespace {

using nlohmann::json;
using namespace cc;

std::int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"offer -> customer card latency"};
  int calls = 300;
  bool live = false;
  cli.add_option("--calls", calls, "calls to inject");
  cli.add_flag("--live", live, "bots and generated callers on (a busy centre)");
  CLI11_PARSE(cli, argc, argv);

  const auto dir = std::filesystem::temp_directory_path() / ("crm-card-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  app::ServerSettings s;
  s.port = 0;
  s.store.data_dir = dir.string();
  s.demo = true;
  s.bots = live;
  s.traffic = live;
  s.traffic_multiplier = live ? 20 : 1;
  s.password_cost = access::PasswordCost::kMinimum;
  app::ServerApp server(s);
  auto info = server.Start();
  if (!info) {
    std::fprintf(stderr, "start: %s\n", info.error().message.c_str());
    return 1;
  }
  const auto port = info->endpoint.port;
  std::string op_password;
  for (const auto& l : info->demo_logins) {
    if (l.login == "op30") op_password = l.password;
  }
  http::testing::HttpClient admin("127.0.0.1", port);
  http::testing::HttpClient op("127.0.0.1", port);
  auto login = [](http::testing::HttpClient& c, const std::string& user, const std::string& password) {
    auto r = c.Post("/api/login", json{{"login", user}, {"password", password}}.dump());
    return r && r->status == 200 ? r->Json().value("csrf_token", "") : std::string();
  };
  const std::string admin_csrf = login(admin, "admin", info->admin_password.value_or(""));
  const std::string op_csrf = login(op, "op30", op_password);
  if (admin_csrf.empty() || op_csrf.empty()) {
    std::fprintf(stderr, "login failed\n");
    return 1;
  }
  http::Headers admin_h;
  admin_h.Set("X-CSRF-Token", admin_csrf);
  http::Headers op_h;
  op_h.Set("X-CSRF-Token", op_csrf);
  // Take the seat from the bot and become ready.
  (void)admin.Post("/api/sim/bots", json{{"enabled", live}}.dump(), admin_h);
  (void)op.Post("/api/agent/login", "{}", op_h);
  std::uint64_t sales = 0;
  if (auto q = admin.Get("/api/queues", admin_h)) {
    for (const auto& queue : q->Json()) {
      if (queue.value("name", "") == "Продажи") sales = queue.value("id", 0ull);
    }
  }
  std::string cookies;
  for (const auto& [k, v] : op.cookies()) cookies += (cookies.empty() ? "" : "; ") + k + "=" + v;
  http::Headers ws_h;
  ws_h.Set("Cookie", cookies);
  auto ws = http::testing::WsTestClient::Connect("127.0.0.1", port, "/ws", ws_h);
  if (!ws) {
    std::fprintf(stderr, "ws: %s\n", ws.error().message.c_str());
    return 1;
  }
  std::vector<double> ms;
  int missing = 0;
  for (int i = 0; i < calls; ++i) {
    (void)op.Post("/api/agent/ready", "{}", op_h);
    const std::string caller = "+7915" + std::to_string(1000000 + (i % 1000) * 37);
    auto injected = admin.Post("/api/sim/calls", json{{"queue", sales}, {"caller", caller}}.dump(), admin_h);
    if (!injected || injected->status != 201) {
      std::fprintf(stderr, "inject failed\n");
      return 1;
    }
    const auto call = injected->Json().value("call", 0ull);
    bool got = false;
    for (int k = 0; k < 200 && !got; ++k) {
      auto text = (*ws)->Read(std::chrono::milliseconds(50));
      if (!text) continue;
      const auto received = NowUs();
      auto m = json::parse(*text, nullptr, false);
      if (m.is_object() && m["type"] == "customer" && m["call"] == call) {
        ms.push_back(static_cast<double>(received - m.value("offered_at_us", received)) / 1000.0);
        got = true;
      }
    }
    if (!got) ++missing;
    (void)op.Post("/api/agent/accept", json{{"call", call}}.dump(), op_h);
    (void)op.Post("/api/agent/hangup", "{}", op_h);
    (void)op.Post("/api/agent/wrap-up", json{{"disposition", "info"}}.dump(), op_h);
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("| offer -> customer card on the agent's WebSocket | %s | %zu cards, %d calls not offered to us | p50 %.2f ms | p99 %.2f ms | max %.2f ms |\n",
              live ? "busy demo (bots, callers x20)" : "quiet demo", ms.size(), missing, at(0.5), at(0.99),
              ms.empty() ? 0.0 : ms.back());
  server.Stop();
  std::filesystem::remove_all(dir);
  // In a busy centre some injected calls go to a bot agent first: no card for us then.
  return missing == 0 || live ? 0 : 1;
}
