// WsSession: one accepted WebSocket connection. It reads client messages,
// writes hub messages from a bounded queue (one write in flight), answers
// pings, and closes itself when it falls more than max_queued_messages behind.
// Internal to cc_http (included by http_session.cpp only).
// Thread-safety: Send/Close/Shutdown from any thread (they post to the
// connection's strand); everything else runs on that strand.
#pragma once

#include <spdlog/spdlog.h>

#include <atomic>
#include <deque>
#include <exception>
#include <memory>
#include <string>

#include "http/beast_fwd.h"
#include "http/server_context.h"
#include "http/ws_hub.h"

namespace cc::http {

// How long a closing connection may take to send its close frame before the socket is dropped.
inline constexpr std::chrono::seconds kWsCloseGrace{2};

template <class Stream>
class WsSession final : public Session, public WsConnection, public std::enable_shared_from_this<WsSession<Stream>> {
 public:
  WsSession(ServerContext& ctx, Stream&& stream, WsClient client, std::string remote)
      : ctx_(ctx),
        ws_(std::move(stream)),
        executor_(ws_.get_executor()),
        timer_(executor_),
        client_(std::move(client)),
        remote_(std::move(remote)) {}

  ~WsSession() override {
    if (registry_id_ != 0) ctx_.registry.Remove(registry_id_);
  }

  void Register() { registry_id_ = ctx_.registry.Add(this->weak_from_this()); }

  // Completes the upgrade, then reads until the connection ends.
  asio::awaitable<void> Run(BeastRequest request) {
    const WebSocketOptions& opts = ctx_.options.websocket;
    ws_.set_option(websocket::stream_base::decorator(
        [name = ctx_.options.server_name](websocket::response_type& res) { res.set(bhttp::field::server, name); }));
    ws_.read_message_max(opts.max_message_bytes);
    beast::get_lowest_layer(ws_).expires_after(ctx_.options.read_timeout);
    auto [accept_error] = co_await ws_.async_accept(request, kAwaitTuple);
    if (accept_error) co_return;
    beast::get_lowest_layer(ws_).expires_never();
    auto timeout = websocket::stream_base::timeout::suggested(beast::role_type::server);
    timeout.idle_timeout = opts.idle_timeout;
    timeout.keep_alive_pings = true;
    ws_.set_option(timeout);
    ws_.text(true);
    // One frame per message: the shared buffer goes out in one gathered write
    // instead of being cut and copied into write_buffer_bytes-sized frames.
    ws_.auto_fragment(false);

    id_ = opts.hub->Attach(this->shared_from_this(), client_.channels);
    UpdateGauge();
    spdlog::debug("http: WebSocket {} open for {} from {}", id_.value(), client_.name, remote_);
    if (ctx_.stopping) Shutdown();

    beast::flat_buffer buffer;
    for (;;) {
      auto [error, bytes] = co_await ws_.async_read(buffer, kAwaitTuple);
      if (error) {
        spdlog::debug("http: WebSocket {} ({}) ended: {}", id_.value(), client_.name, error.message());
        break;
      }
      if (ws_.got_text() && opts.on_message) {
        std::string_view text(static_cast<const char*>(buffer.data().data()), buffer.size());
        try {
          opts.on_message(id_, client_, text);
        } catch (const std::exception& e) {
          spdlog::error("http: WebSocket message handler threw: {}", e.what());
        }
      }
      buffer.consume(bytes);
    }
    timer_.cancel();
    opts.hub->Detach(id_);
    UpdateGauge();
  }

  void Shutdown() override { Close(WsCloseCode::kGoingAway, "server shutting down"); }

  void Send(std::shared_ptr<const std::string> text) override {
    if (close_requested_.load()) return;
    std::size_t limit = ctx_.options.websocket.max_queued_messages;
    if (queued_.fetch_add(1) >= limit) {
      queued_.fetch_sub(1);
      spdlog::warn("http: closing WebSocket {} ({}, {}): more than {} messages behind", id_.value(), client_.name,
                   remote_, limit);
      Close(WsCloseCode::kPolicyViolation, "too slow: too many messages queued");
      return;
    }
    asio::post(executor_, [self = this->shared_from_this(), text = std::move(text)]() mutable {
      if (self->closing_) {
        self->queued_.fetch_sub(1);
        return;
      }
      self->queue_.push_back(std::move(text));
      self->WriteNext();
    });
  }

  void Close(WsCloseCode code, std::string reason) override {
    if (close_requested_.exchange(true)) return;
    asio::post(executor_, [self = this->shared_from_this(), code, reason = std::move(reason)]() mutable {
      self->BeginClose(code, std::move(reason));
    });
  }

 private:
  void WriteNext() {
    if (writing_ || queue_.empty()) return;
    writing_ = true;
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](BoostError error, std::size_t) { self->OnWritten(error); });
  }

  void OnWritten(BoostError error) {
    writing_ = false;
    queue_.pop_front();
    queued_.fetch_sub(1);
    if (error) {
      Drop();
    } else if (closing_) {
      SendCloseFrame();
    } else {
      WriteNext();
    }
  }

  void BeginClose(WsCloseCode code, std::string reason) {
    closing_ = true;
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), reason);
    std::size_t keep = writing_ ? 1 : 0;
    queued_.fetch_sub(queue_.size() - keep);
    queue_.resize(keep);
    timer_.expires_after(kWsCloseGrace);
    timer_.async_wait([self = this->shared_from_this()](BoostError error) {
      if (!error) self->Drop();
    });
    if (!writing_) SendCloseFrame();
  }

  void SendCloseFrame() {
    if (close_sent_ || !ws_.is_open()) return;
    close_sent_ = true;
    ws_.async_close(close_reason_, [self = this->shared_from_this()](BoostError) {});
  }

  // Ends the connection without a close handshake (the peer is stuck or gone).
  void Drop() { beast::get_lowest_layer(ws_).close(); }

  void UpdateGauge() {
    if (ctx_.metrics) ctx_.metrics->SetWebSocketClients(ctx_.options.websocket.hub->ClientCount());
  }

  ServerContext& ctx_;
  websocket::stream<Stream> ws_;
  typename websocket::stream<Stream>::executor_type executor_;
  asio::steady_timer timer_;
  WsClient client_;
  std::string remote_;
  std::uint64_t registry_id_ = 0;
  WsClientId id_;
  std::atomic<std::size_t> queued_{0};        // messages accepted by Send and not yet written
  std::atomic<bool> close_requested_{false};
  std::deque<std::shared_ptr<const std::string>> queue_;  // strand only
  bool writing_ = false;                                   // strand only
  bool closing_ = false;                                   // strand only
  bool close_sent_ = false;                                // strand only
  websocket::close_reason close_reason_;                   // strand only
};

}  // namespace cc::http
