// WebSocket fan-out benchmark server: every connected client is subscribed to
// "stats", and once a second one message {"seq":N,"sent_at_us":T,...} of about
// --size bytes is serialised once and published through cc::http::WsHub.
#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <iostream>
#include <thread>

#include "http/server.h"
#include "http/ws_hub.h"

namespace {
std::atomic<bool> stop{false};
void OnSignal(int) { stop = true; }
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"WebSocket fan-out benchmark server"};
  cc::http::ServerOptions options;
  options.port = 0;
  options.threads = 1;
  std::size_t size = 1024;
  int interval_ms = 1000;
  app.add_option("--port", options.port, "TCP port on 127.0.0.1 (0: any)");
  app.add_option("--threads", options.threads, "io threads")->check(CLI::PositiveNumber);
  app.add_option("--size", size, "approximate message size in bytes");
  app.add_option("--interval-ms", interval_ms, "publish interval");
  CLI11_PARSE(app, argc, argv);

  cc::http::WsHub hub;
  options.websocket.path = "/ws";
  options.websocket.hub = &hub;
  options.websocket.authorize = [](const cc::http::Request&) -> cc::core::Result<cc::http::WsClient> {
    return cc::http::WsClient{"bench", {"stats"}, nullptr};
  };
  cc::http::Server server(options, cc::http::Router{});
  auto endpoint = server.Start();
  if (!endpoint) {
    std::cerr << endpoint.error().message << "\n";
    return 1;
  }
  std::cout << "listening http=" << endpoint->ToString() << std::endl;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);

  std::string padding(size > 80 ? size - 80 : 0, 'x');
  auto next = std::chrono::steady_clock::now();
  for (std::uint64_t seq = 0; !stop; ++seq) {
    next += std::chrono::milliseconds(interval_ms);
    while (!stop && std::chrono::steady_clock::now() < next) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (stop) break;
    auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    auto text = std::make_shared<const std::string>(
        fmt::format(R"({{"seq":{},"sent_at_us":{},"pad":"{}"}})", seq, now_us, padding));
    std::size_t reached = hub.Publish("stats", text);
    if (seq % 10 == 0) std::cerr << "published seq " << seq << " to " << reached << " clients\n";
  }
  server.Stop();
}
