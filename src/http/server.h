// Server: the HTTP/1.1 (optionally HTTPS) and WebSocket listener. Requests go
// to a Router; upgrades on the configured path go through the application's
// authorizer into a WsHub. Beast stays behind the pimpl.
// Thread-safety: Start() and Stop() from one controlling thread; handlers and
// WebSocket callbacks run on the server's io threads, concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/router.h"
#include "http/ws_hub.h"

namespace cc::http {

// Decides whether an upgrade request may open a WebSocket: an error becomes the
// HTTP answer (kUnauthenticated 401, kPermissionDenied 403, ...).
using WsAuthorizer = std::function<core::Result<WsClient>(const Request&)>;
// A text message from a client; runs on an io thread.
using WsMessageHandler = std::function<void(WsClientId, const WsClient&, std::string_view text)>;

struct WebSocketOptions {
  std::string path;                          // e.g. "/ws"; empty: no WebSockets
  WsHub* hub = nullptr;                      // must outlive the server
  WsAuthorizer authorize;                    // required with a path
  WsMessageHandler on_message;               // optional
  std::vector<std::string> allowed_origins;  // besides same-origin, e.g. "https://wall.example.com"
  std::size_t max_queued_messages = 256;     // a client further behind is closed (1008)
  std::size_t max_message_bytes = 64 * 1024;
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);  // pings at half of it
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0: any free port
  int threads = 4;
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies get 413
  std::size_t max_header_bytes = 16 * 1024;  // larger headers get 431
  std::chrono::milliseconds read_timeout = std::chrono::seconds(30);  // to receive a request once it starts
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);  // keep-alive wait for the next one
  std::string tls_cert_file;                 // both set: the listener is HTTPS only
  std::string tls_key_file;
  std::string server_name = "callcenter";    // the Server header
  WebSocketOptions websocket;
};

struct Endpoint {
  std::string address;
  std::uint16_t port = 0;
  std::string ToString() const;  // "127.0.0.1:8080", "[::1]:8080"
};

class Server {
 public:
  // `metrics` may be null; otherwise it must outlive the server.
  Server(ServerOptions options, Router router, Metrics* metrics = nullptr);
  ~Server();  // Stop(0) if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the io threads. Errors name the address ("127.0.0.1:8080 is in use"),
  // the TLS file that failed, or the inconsistent option.
  core::Result<Endpoint> Start();
  // Stops accepting, lets in-flight requests finish, closes idle keep-alive
  // connections and WebSockets (close 1001), waits up to drain_timeout, then joins.
  void Stop(std::chrono::milliseconds drain_timeout = std::chrono::seconds(5));

  // Open connections (HTTP and WebSocket).
  std::size_t ConnectionCount() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::http
