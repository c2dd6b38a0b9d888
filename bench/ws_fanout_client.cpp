// WebSocket fan-out load client: opens N connections to a URL (with optional
// headers), reads messages carrying "sent_at_us" (system_clock microseconds
// at publish) and reports delivery latency percentiles and lost connections.
// One io thread by default: two threads sharing the one core add a scheduling tail.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <fmt/format.h>
#include <iostream>
#include <map>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

struct Shared {
  std::string host, port, target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::atomic<int> connected{0}, failed{0}, lost{0};
  std::atomic<bool> done{false};
  std::mutex mutex;
  std::vector<std::int64_t> latencies_us;  // GUARDED_BY(mutex)
  std::map<std::int64_t, std::pair<int, std::int64_t>> per_tick;  // sent_at_us -> (over 150 ms, slowest); GUARDED_BY(mutex)
};

std::int64_t NowUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The load client reads frames itself instead of through Beast's websocket
// stream: it must measure when the server's bytes arrive, not how fast a
// general-purpose client parses and UTF-8-validates 5,000 messages a second
// on the one core it has. Server frames are unmasked; pings are answered.
struct Frame {
  std::size_t header = 0;  // 0 = incomplete
  std::size_t length = 0;
  unsigned opcode = 0;
};

Frame ParseFrameHeader(const unsigned char* p, std::size_t size) {
  Frame f;
  if (size < 2) return f;
  f.opcode = p[0] & 0x0f;
  std::size_t length = p[1] & 0x7f;
  std::size_t header = 2;
  if (length == 126) {
    if (size < 4) return f;
    length = (std::size_t{p[2]} << 8) | p[3];
    header = 4;
  } else if (length == 127) {
    if (size < 10) return f;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | p[i];
    header = 10;
  }
  if (size < header + length) return f;
  f.header = header;
  f.length = length;
  return f;
}

asio::awaitable<void> Read(std::shared_ptr<beast::tcp_stream> stream,
                           std::shared_ptr<beast::flat_buffer> buffer, Shared& shared) {
  for (;;) {
    for (;;) {
      const auto* p = static_cast<const unsigned char*>(buffer->data().data());
      Frame frame = ParseFrameHeader(p, buffer->size());
      if (frame.header == 0) break;
      std::string_view payload(reinterpret_cast<const char*>(p) + frame.header, frame.length);
      if (frame.opcode == 0x9) {  // ping: answer with a masked pong (mask 0)
        std::string pong{"\x8a"};
        pong += static_cast<char>(0x80 | std::min<std::size_t>(payload.size(), 125));
        pong.append(4, '\0');
        pong += payload.substr(0, 125);
        co_await asio::async_write(*stream, asio::buffer(pong), kTuple);
      } else if (frame.opcode == 0x8) {
        if (!shared.done) ++shared.lost;
        co_return;
      } else {
        std::int64_t now = NowUs();
        // The key sorts near the end of the snapshot: search from there.
        auto at = payload.rfind("\"sent_at_us\":");
        if (at != std::string_view::npos) {
          std::int64_t sent = std::strtoll(payload.data() + at + 13, nullptr, 10);
          std::lock_guard lock(shared.mutex);
          shared.latencies_us.push_back(now - sent);
          auto& t = shared.per_tick[sent];
          if (now - sent > 150000) ++t.first;
          t.second = std::max(t.second, now - sent);
        }
      }
      buffer->consume(frame.header + frame.length);
    }
    auto [ec, n] = co_await stream->async_read_some(buffer->prepare(64 * 1024), kTuple);
    if (ec) {
      if (!shared.done) ++shared.lost;
      co_return;
    }
    buffer->commit(n);
  }
}

// Opens connections first..last one after the other.
asio::awaitable<void> Connector(int count, Shared& shared, tcp::resolver::results_type endpoints) {
  auto executor = co_await asio::this_coro::executor;
  for (int i = 0; i < count; ++i) {
    auto stream = std::make_shared<beast::tcp_stream>(executor);
    stream->expires_after(std::chrono::seconds(10));
    auto [connect_error, endpoint] = co_await stream->async_connect(endpoints, kTuple);
    if (connect_error) {
      ++shared.failed;
      continue;
    }
    http::request<http::empty_body> request{http::verb::get, shared.target, 11};
    request.set(http::field::host, shared.host + ":" + shared.port);
    request.set(http::field::upgrade, "websocket");
    request.set(http::field::connection, "Upgrade");
    request.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
    request.set(http::field::sec_websocket_version, "13");
    for (const auto& [name, value] : shared.headers) request.set(name, value);
    auto [write_error, written] = co_await http::async_write(*stream, request, kTuple);
    auto buffer = std::make_shared<beast::flat_buffer>();
    http::response_parser<http::empty_body> parser;
    auto [read_error, read] =
        write_error ? std::tuple(write_error, std::size_t{0})
                    : co_await http::async_read_header(*stream, *buffer, parser, kTuple);
    if (write_error || read_error || parser.get().result() != http::status::switching_protocols) {
      if (shared.failed++ == 0) {
        std::cerr << "handshake failed: "
                  << (write_error ? write_error.message()
                      : read_error ? read_error.message()
                                   : "status " + std::to_string(parser.get().result_int()))
                  << "\n";
      }
      continue;
    }
    stream->expires_never();
    ++shared.connected;
    asio::co_spawn(executor, Read(stream, buffer, shared), asio::detached);
  }
}

int main(int argc, char** argv) {
  CLI::App app{"WebSocket fan-out load client"};
  std::string url;
  int connections = 5000, threads = 1, seconds = 30, connectors = 32, warmup = 3;
  bool per_tick = false;
  std::vector<std::string> header_args;
  app.add_option("url", url, "ws://HOST:PORT/PATH")->required();
  app.add_option("--connections,-n", connections, "connections to open");
  app.add_option("--header,-H", header_args, "'Name: value', repeatable");
  app.add_option("--seconds", seconds, "how long to measure after all connections are open");
  app.add_option("--warmup", warmup, "seconds to wait after all connections are open before measuring");
  app.add_flag("--per-tick", per_tick, "print each snapshot's slowest delivery (to stderr)");
  app.add_option("--threads", threads, "io threads");
  app.add_option("--connectors", connectors, "connections opened in parallel");
  CLI11_PARSE(app, argc, argv);

  Shared shared;
  std::smatch match;
  if (!std::regex_match(url, match, std::regex(R"(ws://([^:/]+):(\d+)(/.*)?)"))) {
    std::cerr << "url must look like ws://127.0.0.1:8080/ws\n";
    return 2;
  }
  shared.host = match[1];
  shared.port = match[2];
  shared.target = match[3].matched ? std::string(match[3]) : "/";
  for (const std::string& h : header_args) {
    auto colon = h.find(':');
    if (colon == std::string::npos) {
      std::cerr << "header '" << h << "' must be 'Name: value'\n";
      return 2;
    }
    shared.headers.emplace_back(h.substr(0, colon), h.substr(h.find_first_not_of(' ', colon + 1)));
  }

  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, static_cast<rlim_t>(connections) + 256);
  setrlimit(RLIMIT_NOFILE, &limit);

  asio::io_context io(threads);
  auto endpoints = tcp::resolver(io).resolve(shared.host, shared.port);
  auto started = std::chrono::steady_clock::now();
  for (int c = 0; c < connectors; ++c) {
    int share = connections / connectors + (c < connections % connectors ? 1 : 0);
    asio::co_spawn(io, Connector(share, shared, endpoints), asio::detached);
  }
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back([&] { io.run(); });

  while (shared.connected + shared.failed < connections) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  double connect_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << fmt::format("{} connected, {} failed in {:.1f} s; warming up {} s, measuring {} s\n",
                           shared.connected.load(), shared.failed.load(), connect_s, warmup, seconds);
  // The server is still finishing the last handshakes and sends everyone a
  // full snapshot after joins: the steady 1 Hz delivery starts after that.
  std::this_thread::sleep_for(std::chrono::seconds(warmup));
  {
    std::lock_guard lock(shared.mutex);
    shared.latencies_us.clear();
    shared.per_tick.clear();
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  shared.done = true;
  std::vector<std::int64_t> samples;
  {
    std::lock_guard lock(shared.mutex);
    samples.swap(shared.latencies_us);
  }
  io.stop();
  if (per_tick) {
    for (const auto& [sent, t] : shared.per_tick) {
      std::cerr << fmt::format("snapshot sent at {} ms: slowest {} ms, {} over 150 ms\n", sent / 1000, t.second / 1000,
                               t.first);
    }
  }
  for (auto& t : pool) t.join();

  std::sort(samples.begin(), samples.end());
  auto pct = [&](double p) -> double {
    if (samples.empty()) return 0;
    return samples[std::min(samples.size() - 1, static_cast<std::size_t>(p * samples.size()))] / 1000.0;
  };
  std::cout << fmt::format(
      "connections={} failed={} lost={} messages={} p50_ms={:.2f} p90_ms={:.2f} p99_ms={:.2f} max_ms={:.2f}\n",
      shared.connected.load(), shared.failed.load(), shared.lost.load(), samples.size(), pct(0.5), pct(0.9),
      pct(0.99),
      samples.empty() ? 0.0 : samples.back() / 1000.0);
  return 0;
}
