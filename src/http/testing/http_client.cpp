#include "http/testing/http_client.h"

#include <fmt/format.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "http/beast_fwd.h"
#include "http/response.h"

namespace cc::http::testing {

namespace {

core::ErrorCode CodeForStatus(int status) {
  switch (status) {
    case 400: return core::ErrorCode::kInvalidArgument;
    case 401: return core::ErrorCode::kUnauthenticated;
    case 403: return core::ErrorCode::kPermissionDenied;
    case 404: return core::ErrorCode::kNotFound;
    case 409: return core::ErrorCode::kFailedPrecondition;
    case 429: return core::ErrorCode::kResourceExhausted;
    case 503: return core::ErrorCode::kUnavailable;
    default: return core::ErrorCode::kInternal;
  }
}

// Runs the io_context until the operation started by `start` calls its handler or the stream times out.
template <class Start>
BoostError RunOp(asio::io_context& io, Start start) {
  BoostError result = asio::error::timed_out;
  bool done = false;
  start([&](BoostError error, auto&&...) {
    result = error;
    done = true;
  });
  io.restart();
  io.run();
  return done ? result : BoostError(asio::error::timed_out);
}

}  // namespace

nlohmann::json ClientResponse::Json() const { return nlohmann::json::parse(body, nullptr, false); }

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  ClientOptions options;
  asio::io_context io;
  asio::ssl::context tls_context{asio::ssl::context::tls_client};
  std::optional<PlainStream> plain;
  std::optional<TlsStream> tls;
  beast::flat_buffer buffer;

  bool connected() const { return plain.has_value() || tls.has_value(); }
  PlainStream& lowest() { return plain ? *plain : beast::get_lowest_layer(*tls); }

  BoostError Connect() {
    tcp::resolver resolver(io);
    BoostError error;
    auto endpoints = resolver.resolve(host, std::to_string(port), error);
    if (error) return error;
    PlainStream stream(io);
    stream.expires_after(options.timeout);
    error = RunOp(io, [&](auto handler) { stream.async_connect(endpoints, handler); });
    if (error) return error;
    buffer.clear();
    if (!options.tls) {
      plain.emplace(std::move(stream));
      return {};
    }
    tls.emplace(std::move(stream), tls_context);
    tls->set_verify_mode(asio::ssl::verify_none);
    beast::get_lowest_layer(*tls).expires_after(options.timeout);
    error = RunOp(io, [&](auto handler) { tls->async_handshake(asio::ssl::stream_base::client, handler); });
    if (error) tls.reset();
    return error;
  }

  void Close() {
    if (connected()) {
      BoostError ignored;
      lowest().socket().close(ignored);
    }
    plain.reset();
    tls.reset();
  }

  template <class Stream>
  BoostError Exchange(Stream& stream, BeastRequest& request, bhttp::response<bhttp::string_body>& response) {
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    BoostError error = RunOp(io, [&](auto handler) { bhttp::async_write(stream, request, handler); });
    if (error) return error;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (request.method() == bhttp::verb::head) parser.skip(true);
    beast::get_lowest_layer(stream).expires_after(options.timeout);
    error = RunOp(io, [&](auto handler) { bhttp::async_read(stream, buffer, parser, handler); });
    if (!error) response = parser.release();
    return error;
  }

  BoostError Exchange(BeastRequest& request, bhttp::response<bhttp::string_body>& response) {
    return plain ? Exchange(*plain, request, response) : Exchange(*tls, request, response);
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port, ClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->options = options;
}

HttpClient::~HttpClient() { impl_->Close(); }

void HttpClient::Disconnect() { impl_->Close(); }

core::Result<ClientResponse> HttpClient::Get(std::string_view path, const Headers& headers) {
  return Send("GET", path, "", headers);
}

core::Result<ClientResponse> HttpClient::Post(std::string_view path, std::string body, const Headers& headers) {
  return Send("POST", path, std::move(body), headers);
}

core::Result<ClientResponse> HttpClient::Delete(std::string_view path, const Headers& headers) {
  return Send("DELETE", path, "", headers);
}

core::Result<ClientResponse> HttpClient::Send(std::string_view method, std::string_view path, std::string body,
                                              const Headers& headers) {
  BeastRequest request;
  request.method_string(method);
  request.target(path);
  request.version(11);
  request.set(bhttp::field::host, fmt::format("{}:{}", impl_->host, impl_->port));
  for (const auto& [name, value] : headers.fields()) request.insert(name, value);
  if (!body.empty() && !headers.Has("Content-Type")) request.set(bhttp::field::content_type, "application/json");
  if (!cookies_.empty() && !headers.Has("Cookie")) {
    std::string cookie;
    for (const auto& [name, value] : cookies_) cookie += (cookie.empty() ? "" : "; ") + name + "=" + value;
    request.set(bhttp::field::cookie, cookie);
  }
  request.body() = std::move(body);
  request.prepare_payload();

  bhttp::response<bhttp::string_body> response;
  BoostError error;
  for (int attempt = 0; attempt < 2; ++attempt) {
    bool reused = impl_->connected();
    if (!reused) {
      error = impl_->Connect();
      if (error) {
        return core::Fail(core::ErrorCode::kUnavailable,
                          fmt::format("cannot connect to {}:{}: {}", impl_->host, impl_->port, error.message()));
      }
      ++connections_opened_;
    }
    error = impl_->Exchange(request, response);
    if (!error) break;
    impl_->Close();
    // A reused keep-alive connection may have been closed by the server meanwhile: retry once.
    if (!reused) break;
  }
  if (error) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("{} {} failed: {}", method, path, error.message()));
  }
  ClientResponse result;
  result.status = static_cast<int>(response.result_int());
  for (const auto& field : response) result.headers.Add(std::string(field.name_string()), std::string(field.value()));
  result.body = std::move(response.body());
  StoreCookies(result.headers);
  if (!response.keep_alive()) impl_->Close();
  return result;
}

void HttpClient::StoreCookies(const Headers& headers) {
  for (const auto& [name, value] : headers.fields()) {
    if (!EqualsIgnoreCase(name, "Set-Cookie")) continue;
    std::string_view pair = std::string_view(value).substr(0, value.find(';'));
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(pair.substr(0, eq));
    std::string cookie_value(pair.substr(eq + 1));
    bool expired = cookie_value.empty() || value.find("Max-Age=0") != std::string::npos;
    std::erase_if(cookies_, [&](const auto& c) { return c.first == key; });
    if (!expired) cookies_.emplace_back(std::move(key), std::move(cookie_value));
  }
}

struct WsTestClient::Impl {
  ClientOptions options;
  asio::io_context io;
  websocket::stream<PlainStream> ws{io};
  std::thread thread;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
  beast::flat_buffer buffer;

  mutable std::mutex mutex;
  std::condition_variable arrived;
  std::deque<std::string> messages;  // GUARDED_BY(mutex)
  bool reading = false;              // GUARDED_BY(mutex)
  bool ended = false;                // GUARDED_BY(mutex)
  std::optional<int> close_code;     // GUARDED_BY(mutex)

  void ReadNext() {
    ws.async_read(buffer, [this](BoostError error, std::size_t) {
      std::lock_guard lock(mutex);
      if (error) {
        ended = true;
        if (ws.reason().code != websocket::close_code::none) close_code = ws.reason().code;
      } else {
        messages.push_back(beast::buffers_to_string(buffer.data()));
        buffer.consume(buffer.size());
      }
      arrived.notify_all();
      if (!error) asio::post(io, [this] { ReadNext(); });
    });
  }

  template <class F>
  auto OnIo(F f) {
    std::packaged_task<decltype(f())()> task(std::move(f));
    auto result = task.get_future();
    asio::post(io, std::move(task));
    return result.get();
  }
};

WsTestClient::WsTestClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WsTestClient::~WsTestClient() {
  impl_->OnIo([this] {
    BoostError ignored;
    beast::get_lowest_layer(impl_->ws).socket().close(ignored);
    return 0;
  });
  impl_->work.reset();
  impl_->io.stop();
  impl_->thread.join();
}

core::Result<std::unique_ptr<WsTestClient>> WsTestClient::Connect(const std::string& host, std::uint16_t port,
                                                                  const std::string& path, const Headers& headers,
                                                                  ClientOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  tcp::resolver resolver(impl->io);
  BoostError error;
  auto endpoints = resolver.resolve(host, std::to_string(port), error);
  auto& lowest = beast::get_lowest_layer(impl->ws);
  lowest.expires_after(options.timeout);
  if (!error) error = RunOp(impl->io, [&](auto handler) { lowest.async_connect(endpoints, handler); });
  if (error) {
    return core::Fail(core::ErrorCode::kUnavailable,
                      fmt::format("cannot connect to {}:{}: {}", host, port, error.message()));
  }
  impl->ws.set_option(websocket::stream_base::decorator([&headers](websocket::request_type& request) {
    for (const auto& [name, value] : headers.fields()) request.set(name, value);
  }));
  websocket::response_type response;
  lowest.expires_after(options.timeout);
  error = RunOp(impl->io, [&](auto handler) {
    impl->ws.async_handshake(response, fmt::format("{}:{}", host, port), path, handler);
  });
  impl->ws.set_option(websocket::stream_base::decorator([](websocket::request_type&) {}));
  if (error) {
    int status = static_cast<int>(response.result_int());
    if (error == websocket::error::upgrade_declined && status != 0) {
      return core::Fail(CodeForStatus(status), fmt::format("{} {}", status, response.body()));
    }
    return core::Fail(core::ErrorCode::kUnavailable, fmt::format("WebSocket handshake failed: {}", error.message()));
  }
  lowest.expires_never();
  impl->ws.text(true);
  impl->work.emplace(impl->io.get_executor());
  impl->io.restart();
  impl->thread = std::thread([io = &impl->io] { io->run(); });
  return std::unique_ptr<WsTestClient>(new WsTestClient(std::move(impl)));
}

core::Result<std::string> WsTestClient::Read(std::chrono::milliseconds timeout) {
  std::unique_lock lock(impl_->mutex);
  if (!impl_->reading) {
    impl_->reading = true;
    asio::post(impl_->io, [impl = impl_.get()] { impl->ReadNext(); });
  }
  impl_->arrived.wait_for(lock, timeout, [&] { return !impl_->messages.empty() || impl_->ended; });
  if (!impl_->messages.empty()) {
    std::string message = std::move(impl_->messages.front());
    impl_->messages.pop_front();
    return message;
  }
  if (impl_->ended) return core::Fail(core::ErrorCode::kFailedPrecondition, "the WebSocket is closed");
  return core::Fail(core::ErrorCode::kUnavailable, fmt::format("no message within {} ms", timeout.count()));
}

core::Status WsTestClient::Send(std::string_view text) {
  auto done = std::make_shared<std::promise<BoostError>>();
  auto message = std::make_shared<std::string>(text);
  asio::post(impl_->io, [impl = impl_.get(), done, message] {
    impl->ws.async_write(asio::buffer(*message),
                         [done, message](BoostError error, std::size_t) { done->set_value(error); });
  });
  auto future = done->get_future();
  if (future.wait_for(impl_->options.timeout) != std::future_status::ready) {
    return core::Fail(core::ErrorCode::kUnavailable, "WebSocket send timed out");
  }
  if (auto error = future.get()) {
    return core::Fail(core::ErrorCode::kUnavailable, "WebSocket send failed: " + error.message());
  }
  return {};
}

core::Status WsTestClient::Close() {
  auto done = std::make_shared<std::promise<BoostError>>();
  asio::post(impl_->io, [impl = impl_.get(), done] {
    impl->ws.async_close(websocket::close_code::normal, [done](BoostError error) { done->set_value(error); });
  });
  auto future = done->get_future();
  if (future.wait_for(impl_->options.timeout) != std::future_status::ready) {
    return core::Fail(core::ErrorCode::kUnavailable, "WebSocket close timed out");
  }
  if (auto error = future.get()) {
    return core::Fail(core::ErrorCode::kUnavailable, "WebSocket close failed: " + error.message());
  }
  return {};
}

std::optional<int> WsTestClient::close_code() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->close_code;
}

bool WsTestClient::closed() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->ended;
}

}  // namespace cc::http::testing
