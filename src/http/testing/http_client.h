// Test clients for servers built on cc_http: HttpClient (keep-alive, cookie
// jar, optional HTTPS without certificate checks) and WsTestClient (upgrade,
// background reading with timeouts, close). For tests and benchmarks only.
// Thread-safety: one client per thread; WsTestClient's Read/Send/Close may be
// called from one test thread while its own io thread reads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/headers.h"
#include "http/request.h"

namespace cc::http::testing {

struct ClientResponse {
  int status = 0;
  Headers headers;
  std::string body;
  // The body as JSON; a discarded value if it is not JSON.
  nlohmann::json Json() const;
};

struct ClientOptions {
  bool tls = false;  // HTTPS; the server certificate is not verified
  std::chrono::milliseconds timeout = std::chrono::seconds(5);
};

class HttpClient {
 public:
  HttpClient(std::string host, std::uint16_t port, ClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  core::Result<ClientResponse> Get(std::string_view path, const Headers& headers = {});
  // Content-Type defaults to application/json when the body is not empty.
  core::Result<ClientResponse> Post(std::string_view path, std::string body, const Headers& headers = {});
  core::Result<ClientResponse> Delete(std::string_view path, const Headers& headers = {});
  // Any method. Transport failures (refused, timeout) are errors; HTTP statuses are not.
  core::Result<ClientResponse> Send(std::string_view method, std::string_view path, std::string body,
                                    const Headers& headers = {});

  // Cookies set by the server (Set-Cookie), sent back on every request.
  const Params& cookies() const { return cookies_; }
  void ClearCookies() { cookies_.clear(); }
  // TCP connections opened so far (1 after any number of keep-alive requests).
  int connections_opened() const { return connections_opened_; }
  void Disconnect();

 private:
  struct Impl;
  void StoreCookies(const Headers& headers);

  std::unique_ptr<Impl> impl_;
  Params cookies_;
  int connections_opened_ = 0;
};

class WsTestClient {
 public:
  // Opens a WebSocket at `path`. A refused upgrade is an error whose code follows the
  // HTTP status (401 kUnauthenticated, 403 kPermissionDenied, 404 kNotFound, ...) and
  // whose message holds the status and body.
  static core::Result<std::unique_ptr<WsTestClient>> Connect(const std::string& host, std::uint16_t port,
                                                             const std::string& path, const Headers& headers = {},
                                                             ClientOptions options = {});
  ~WsTestClient();
  WsTestClient(const WsTestClient&) = delete;
  WsTestClient& operator=(const WsTestClient&) = delete;

  // The next text message; kUnavailable if none arrives in time, kFailedPrecondition
  // once the connection is closed. Reading starts with the first call.
  core::Result<std::string> Read(std::chrono::milliseconds timeout);
  core::Status Send(std::string_view text);
  // Sends a close frame and waits for the server's.
  core::Status Close();
  // The close code the server sent, once the connection has been closed by it.
  std::optional<int> close_code() const;
  bool closed() const;

  struct Impl;

 private:
  explicit WsTestClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace cc::http::testing
