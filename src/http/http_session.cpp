#include "http/http_session.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <chrono>
#include <memory>

#include "http/beast_fwd.h"
#include "http/origin_policy.h"
#include "http/response_head.h"
#include "http/ws_session.h"

namespace cc::http {

namespace {

constexpr std::size_t kReadChunk = 8192;
constexpr std::chrono::seconds kLingerTime{1};
constexpr std::size_t kLingerBytes = 16 * 1024 * 1024;

bool IsHttpParseError(const BoostError& error) {
  return &error.category() == &bhttp::make_error_code(bhttp::error::bad_target).category();
}

template <class Stream>
class HttpSession final : public Session, public std::enable_shared_from_this<HttpSession<Stream>> {
 public:
  HttpSession(ServerContext& ctx, Stream&& stream, std::string remote)
      : ctx_(ctx), stream_(std::move(stream)), executor_(stream_.get_executor()), remote_(std::move(remote)) {}

  ~HttpSession() override { Unregister(); }

  void Register() { registry_id_ = ctx_.registry.Add(this->weak_from_this()); }
  const typename Stream::executor_type& executor() const { return executor_; }

  void Shutdown() override {
    asio::post(executor_, [self = this->shared_from_this()] {
      self->shutting_down_ = true;
      if (self->idle_) beast::get_lowest_layer(self->stream_).cancel();
    });
  }

  asio::awaitable<void> Run() {
    if constexpr (kIsTls<Stream>) {
      beast::get_lowest_layer(stream_).expires_after(ctx_.options.read_timeout);
      auto [error] = co_await stream_.async_handshake(asio::ssl::stream_base::server, kAwaitTuple);
      if (error) {
        spdlog::debug("http: TLS handshake from {} failed: {}", remote_, error.message());
        co_return;
      }
    }
    bool graceful = true;
    for (;;) {
      if (buffer_.size() == 0) {
        if (shutting_down_ || ctx_.stopping) break;
        idle_ = true;
        beast::get_lowest_layer(stream_).expires_after(ctx_.options.idle_timeout);
        auto [error, bytes] = co_await stream_.async_read_some(buffer_.prepare(kReadChunk), kAwaitTuple);
        idle_ = false;
        if (error) {
          graceful = false;
          break;
        }
        buffer_.commit(bytes);
      }
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(ctx_.options.max_header_bytes));
      parser.body_limit(ctx_.options.max_body_bytes);
      // What is already buffered is parsed here; only a request that is not
      // complete yet costs another asynchronous read (with its timeout).
      BoostError error = ParseBuffered(parser);
      std::size_t bytes = 0;
      if (!error && !parser.is_header_done()) {
        beast::get_lowest_layer(stream_).expires_after(ctx_.options.read_timeout);
        std::tie(error, bytes) = co_await bhttp::async_read_header(stream_, buffer_, parser, kAwaitTuple);
      }
      if (!error && !parser.is_done()) {
        beast::get_lowest_layer(stream_).expires_after(ctx_.options.read_timeout);
        if (parser.get()[bhttp::field::expect] == "100-continue") {
          bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
          auto [write_error, written] = co_await bhttp::async_write(stream_, go_on, kAwaitTuple);
          if (write_error) break;
        }
        std::tie(error, bytes) = co_await bhttp::async_read(stream_, buffer_, parser, kAwaitTuple);
      }
      if (error) {
        if (error == bhttp::error::body_limit) {
          co_await RefuseAndLinger(Problem(413, "Content Too Large",
                                           fmt::format("the request body is larger than the limit of {} bytes",
                                                       ctx_.options.max_body_bytes)));
        } else if (error == bhttp::error::header_limit) {
          co_await RefuseAndLinger(Problem(431, "Request Header Fields Too Large",
                                           fmt::format("the request header is larger than the limit of {} bytes",
                                                       ctx_.options.max_header_bytes)));
        } else if (IsHttpParseError(error) && error != bhttp::error::end_of_stream &&
                   error != bhttp::error::partial_message) {
          co_await RefuseAndLinger(Problem(400, "Bad Request", "malformed HTTP request: " + error.message()));
        }
        graceful = false;
        break;
      }

      BeastRequest beast_request = parser.release();
      if (websocket::is_upgrade(beast_request) && !ctx_.options.websocket.path.empty()) {
        std::string_view target = beast_request.target();
        if (target.substr(0, target.find('?')) == ctx_.options.websocket.path) {
          bool upgraded = co_await TryUpgrade(std::move(beast_request));
          if (upgraded) co_return;
          continue;
        }
      }
      if (!co_await Serve(std::move(beast_request))) {
        graceful = false;
        break;
      }
    }
    if (graceful) co_await CloseGracefully();
  }

 private:
  // Feeds the bytes in buffer_ to the parser, as Beast's read operations do,
  // without going through the io_context. need_more is not an error here.
  BoostError ParseBuffered(bhttp::request_parser<bhttp::string_body>& parser) {
    BoostError error;
    while (buffer_.size() != 0 && !parser.is_done()) {
      std::size_t used = parser.put(buffer_.data(), error);
      buffer_.consume(used);
      if (error == bhttp::error::need_more) return {};
      if (error || used == 0) break;
    }
    return error;
  }

  Request Convert(BeastRequest& beast_request, Response* bad_request) {
    Request request;
    request.method = std::string(beast_request.method_string());
    request.target = std::string(beast_request.target());
    if (auto parsed = ParseTarget(request.target, request); !parsed) *bad_request = ProblemFrom(parsed.error());
    for (const auto& field : beast_request) {
      request.headers.Add(std::string(field.name_string()), std::string(field.value()));
      if (field.name() == bhttp::field::cookie) {
        for (auto& cookie : ParseCookieHeader(field.value())) request.cookies.push_back(std::move(cookie));
      }
    }
    request.body = std::move(beast_request.body());
    request.remote_address = remote_;
    return request;
  }

  // Handles one request through the router; false if the connection must end.
  asio::awaitable<bool> Serve(BeastRequest beast_request) {
    auto started = std::chrono::steady_clock::now();
    Response bad_request;
    bad_request.status = 0;
    Request request = Convert(beast_request, &bad_request);
    // HEAD is answered as GET would be, with the same head and no body (RFC 9110 9.3.2).
    const bool head_only = request.method == "HEAD";
    if (head_only) request.method = "GET";
    Response response = bad_request.status != 0 ? std::move(bad_request) : ctx_.router.Dispatch(request);
    if (head_only) request.method = "HEAD";
    bool keep_alive = beast_request.keep_alive() && !shutting_down_ && !ctx_.stopping;
    int status = response.status;
    bool ok = co_await Write(std::move(response), beast_request.version(), keep_alive, head_only);
    auto elapsed = std::chrono::steady_clock::now() - started;
    if (ctx_.metrics) {
      std::string_view method = beast_request.method() == bhttp::verb::unknown ? std::string_view("OTHER")
                                                                                : std::string_view(request.method);
      ctx_.metrics->ObserveRequest(method, request.route, status, elapsed);
    }
    spdlog::debug("http: {} {} {} -> {} in {:.2f} ms", remote_, request.method, request.target, status,
                  std::chrono::duration<double, std::milli>(elapsed).count());
    co_return ok && keep_alive;
  }

  asio::awaitable<bool> Write(Response response, unsigned version, bool keep_alive, bool head_only = false) {
    const std::string head = ResponseHead(response, version, keep_alive, ctx_.options.server_name);
    const int status = response.status >= 100 && response.status <= 599 ? response.status : 500;
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::const_buffer()};
    if (StatusHasBody(status) && !head_only) buffers[1] = asio::buffer(response.body);
    beast::get_lowest_layer(stream_).expires_after(ctx_.options.read_timeout);
    auto [error, bytes] = co_await asio::async_write(stream_, buffers, kAwaitTuple);
    co_return !error;
  }

  // Answers an unreadable request and closes, first reading what the client is
  // still sending so the answer is not lost to a TCP reset.
  asio::awaitable<void> RefuseAndLinger(Response response) {
    spdlog::debug("http: {} refused: {} {}", remote_, response.status, response.body);
    if (ctx_.metrics) ctx_.metrics->ObserveRequest("OTHER", "", response.status, {});
    if (!co_await Write(std::move(response), 11, false)) co_return;
    if constexpr (kIsTls<Stream>) {
      co_await CloseGracefully();
    } else {
      BoostError ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
      beast::get_lowest_layer(stream_).expires_after(kLingerTime);
      std::size_t drained = 0;
      while (drained < kLingerBytes) {
        buffer_.clear();
        auto [error, bytes] = co_await stream_.async_read_some(buffer_.prepare(64 * 1024), kAwaitTuple);
        if (error) break;
        drained += bytes;
      }
    }
  }

  asio::awaitable<void> CloseGracefully() {
    if constexpr (kIsTls<Stream>) {
      beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
      co_await stream_.async_shutdown(kAwaitTuple);
    } else {
      BoostError ignored;
      stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }
  }

  // Checks Origin and the authorizer; on success runs the WebSocket until it ends (true).
  asio::awaitable<bool> TryUpgrade(BeastRequest beast_request) {
    const WebSocketOptions& opts = ctx_.options.websocket;
    Response refusal;
    refusal.status = 0;
    Request request = Convert(beast_request, &refusal);
    std::optional<WsClient> client;
    if (refusal.status == 0) {
      auto origin = request.Header("Origin");
      if (origin && !IsOriginAllowed(*origin, request.headers.GetOr("Host"), opts.allowed_origins)) {
        spdlog::info("http: WebSocket from {} refused: origin '{}' is not allowed", remote_, *origin);
        refusal = Problem(403, "Forbidden", fmt::format("origin '{}' may not open a WebSocket here", *origin));
      }
    }
    if (refusal.status == 0) {
      core::Result<WsClient> authorized = core::Fail(core::ErrorCode::kInternal, "the authorizer failed");
      try {
        authorized = opts.authorize(request);
      } catch (const std::exception& e) {
        spdlog::error("http: WebSocket authorizer threw: {}", e.what());
      }
      if (authorized) {
        client = std::move(*authorized);
      } else {
        refusal = ProblemFrom(authorized.error());
      }
    }
    if (!client) {
      bool keep_alive = beast_request.keep_alive() && !ctx_.stopping;
      if (ctx_.metrics) ctx_.metrics->ObserveRequest(request.method, opts.path, refusal.status, {});
      bool written = co_await Write(std::move(refusal), beast_request.version(), keep_alive);
      if (!written || !keep_alive) {
        co_await CloseGracefully();
        co_return true;
      }
      co_return false;
    }
    if (ctx_.metrics) ctx_.metrics->ObserveRequest(request.method, opts.path, 101, {});
    Unregister();
    auto session = std::make_shared<WsSession<Stream>>(ctx_, std::move(stream_), std::move(*client), remote_);
    session->Register();
    co_await session->Run(std::move(beast_request));
    co_return true;
  }

  void Unregister() {
    if (registry_id_ != 0) ctx_.registry.Remove(registry_id_);
    registry_id_ = 0;
  }

  ServerContext& ctx_;
  Stream stream_;
  typename Stream::executor_type executor_;
  std::string remote_;
  beast::flat_buffer buffer_;
  std::uint64_t registry_id_ = 0;
  bool idle_ = false;           // strand only: waiting for the next request
  bool shutting_down_ = false;  // strand only
};

std::string RemoteAddress(const tcp::socket& socket) {
  BoostError error;
  auto endpoint = socket.remote_endpoint(error);
  if (error) return "unknown";
  auto address = endpoint.address();
  return address.is_v6() ? fmt::format("[{}]:{}", address.to_string(), endpoint.port())
                         : fmt::format("{}:{}", address.to_string(), endpoint.port());
}

void LogFailure(std::exception_ptr failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    spdlog::error("http: connection failed: {}", e.what());
  }
}

template <class Stream>
void Spawn(ServerContext& ctx, Stream&& stream, std::string remote) {
  auto session = std::make_shared<HttpSession<Stream>>(ctx, std::move(stream), std::move(remote));
  session->Register();
  asio::co_spawn(
      session->executor(), [session]() -> asio::awaitable<void> { co_await session->Run(); }, LogFailure);
}

}  // namespace

void StartHttpSession(ServerContext& ctx, tcp::socket socket, asio::ssl::context* tls) {
  std::string remote = RemoteAddress(socket);
  if (tls != nullptr) {
    Spawn(ctx, TlsStream(PlainStream(std::move(socket)), *tls), std::move(remote));
  } else {
    Spawn(ctx, PlainStream(std::move(socket)), std::move(remote));
  }
}

}  // namespace cc::http
