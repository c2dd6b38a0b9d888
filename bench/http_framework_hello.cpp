// The same "hello" as bench/http_hello.cpp, served through cc::http::Server
// with its Router and Metrics, to measure what the framework costs.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "http/metrics.h"
#include "http/server.h"

int main(int argc, char** argv) {
  CLI::App app{"Hello through the cc_http framework"};
  cc::http::ServerOptions options;
  options.port = 0;
  options.threads = 1;
  app.add_option("--port", options.port, "TCP port on 127.0.0.1 (0: any)");
  app.add_option("--threads", options.threads, "io threads")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // io threads inherit the mask

  cc::http::Metrics metrics;
  cc::http::Router router;
  router.Add("GET", "/", [](cc::http::Request&) { return cc::http::Text(200, "hello"); });
  router.Add("GET", "/metrics", [&](cc::http::Request& r) { return metrics.Handle(r); });
  cc::http::Server server(options, std::move(router), &metrics);
  auto endpoint = server.Start();
  if (!endpoint) {
    std::cerr << endpoint.error().message << "\n";
    return 1;
  }
  std::cout << "listening http=" << endpoint->ToString() << std::endl;
  int received = 0;
  sigwait(&signals, &received);
  server.Stop();
}
