#include "http/server.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <future>
#include <optional>
#include <thread>

#include "http/beast_fwd.h"
#include "http/http_session.h"
#include "http/server_context.h"

namespace cc::http {

std::string Endpoint::ToString() const {
  return address.find(':') != std::string::npos ? fmt::format("[{}]:{}", address, port)
                                                 : fmt::format("{}:{}", address, port);
}

struct Server::Impl {
  // Declared first so that it outlives the io_context, whose destruction
  // destroys the remaining sessions.
  ServerContext ctx;
  std::optional<asio::ssl::context> tls;
  std::unique_ptr<asio::io_context> io;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
  bool running = false;

  core::Status Validate() const;
  core::Status LoadTls();
  core::Result<Endpoint> Listen();
  asio::awaitable<void> AcceptLoop();
  void Teardown();
};

core::Status Server::Impl::Validate() const {
  const ServerOptions& o = ctx.options;
  if (o.threads < 1) return core::Fail(core::ErrorCode::kInvalidArgument, "http: threads must be at least 1");
  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      "http: HTTPS needs both a certificate file and a key file");
  }
  const WebSocketOptions& ws = o.websocket;
  if (!ws.path.empty() && (ws.hub == nullptr || !ws.authorize)) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("http: WebSocket path '{}' needs a hub and an authorizer", ws.path));
  }
  if (!ws.path.empty() && ws.max_queued_messages == 0) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "http: max_queued_messages must be at least 1");
  }
  return {};
}

core::Status Server::Impl::LoadTls() {
  const ServerOptions& o = ctx.options;
  if (o.tls_cert_file.empty()) return {};
  tls.emplace(asio::ssl::context::tls_server);
  tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
  BoostError error;
  tls->use_certificate_chain_file(o.tls_cert_file, error);
  if (error) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("http: cannot load TLS certificate '{}': {}", o.tls_cert_file, error.message()));
  }
  tls->use_private_key_file(o.tls_key_file, asio::ssl::context::pem, error);
  if (error) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("http: cannot load TLS key '{}': {}", o.tls_key_file, error.message()));
  }
  return {};
}

core::Result<Endpoint> Server::Impl::Listen() {
  const ServerOptions& o = ctx.options;
  std::string wanted = Endpoint{o.address, o.port}.ToString();
  BoostError error;
  auto address = asio::ip::make_address(o.address, error);
  if (error) {
    return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("http: '{}' is not an IP address", o.address));
  }
  tcp::endpoint endpoint(address, o.port);
  acceptor = std::make_unique<tcp::acceptor>(asio::make_strand(*io));
  acceptor->open(endpoint.protocol(), error);
  if (!error) acceptor->set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor->bind(endpoint, error);
  if (!error) acceptor->listen(asio::socket_base::max_listen_connections, error);
  if (error == asio::error::address_in_use) {
    return core::Fail(core::ErrorCode::kUnavailable, fmt::format("{} is in use", wanted));
  }
  if (error == asio::error::access_denied) {
    return core::Fail(core::ErrorCode::kPermissionDenied, fmt::format("not allowed to listen on {}", wanted));
  }
  if (error) {
    return core::Fail(core::ErrorCode::kUnavailable, fmt::format("cannot listen on {}: {}", wanted, error.message()));
  }
  auto local = acceptor->local_endpoint(error);
  return Endpoint{local.address().to_string(), local.port()};
}

asio::awaitable<void> Server::Impl::AcceptLoop() {
  for (;;) {
    // One io thread serialises every handler already: a strand per connection
    // would only add a type-erased hop to each operation (bench/README.md).
    auto executor = ctx.options.threads > 1 ? asio::any_io_executor(asio::make_strand(*io))
                                            : asio::any_io_executor(io->get_executor());
    auto [error, socket] = co_await acceptor->async_accept(executor, kAwaitTuple);
    if (error == asio::error::operation_aborted || !acceptor->is_open()) co_return;
    if (error) {
      // Typically out of file descriptors: back off instead of spinning.
      spdlog::warn("http: accept failed: {}", error.message());
      asio::steady_timer pause(acceptor->get_executor(), std::chrono::milliseconds(50));
      co_await pause.async_wait(kAwaitTuple);
      continue;
    }
    BoostError ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    StartHttpSession(ctx, std::move(socket), tls ? &*tls : nullptr);
  }
}

void Server::Impl::Teardown() {
  if (io) io->stop();
  for (auto& thread : threads) thread.join();
  threads.clear();
  acceptor.reset();
  io.reset();
}

Server::Server(ServerOptions options, Router router, Metrics* metrics) : impl_(std::make_unique<Impl>()) {
  impl_->ctx.options = std::move(options);
  impl_->ctx.router = std::move(router);
  impl_->ctx.metrics = metrics;
}

Server::~Server() { Stop(std::chrono::milliseconds(0)); }

core::Result<Endpoint> Server::Start() {
  if (impl_->running) return core::Fail(core::ErrorCode::kFailedPrecondition, "http: the server is running already");
  if (auto valid = impl_->Validate(); !valid) return tl::unexpected(valid.error());
  if (auto loaded = impl_->LoadTls(); !loaded) return tl::unexpected(loaded.error());
  impl_->io = std::make_unique<asio::io_context>(impl_->ctx.options.threads);
  auto endpoint = impl_->Listen();
  if (!endpoint) {
    impl_->Teardown();
    return endpoint;
  }
  impl_->ctx.stopping = false;
  asio::co_spawn(impl_->acceptor->get_executor(), impl_->AcceptLoop(), [](std::exception_ptr failure) {
    if (failure) spdlog::error("http: the accept loop failed");
  });
  for (int i = 0; i < impl_->ctx.options.threads; ++i) {
    impl_->threads.emplace_back([io = impl_->io.get()] { io->run(); });
  }
  impl_->running = true;
  spdlog::info("http: listening on {}{}", endpoint->ToString(), impl_->tls ? " (HTTPS)" : "");
  return endpoint;
}

void Server::Stop(std::chrono::milliseconds drain_timeout) {
  if (!impl_->running) return;
  impl_->running = false;
  impl_->ctx.stopping = true;
  std::promise<void> closed;
  asio::dispatch(impl_->acceptor->get_executor(), [this, &closed] {
    BoostError ignored;
    impl_->acceptor->close(ignored);
    closed.set_value();
  });
  closed.get_future().wait();
  impl_->ctx.registry.ShutdownAll();
  if (!impl_->ctx.registry.WaitEmpty(drain_timeout)) {
    spdlog::warn("http: {} connections still open after the drain timeout; closing them",
                 impl_->ctx.registry.size());
  }
  impl_->Teardown();
  spdlog::info("http: stopped");
}

std::size_t Server::ConnectionCount() const { return impl_->ctx.registry.size(); }

}  // namespace cc::http
