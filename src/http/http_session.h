// Entry point for one accepted TCP connection: serves HTTP/1.1 requests (after
// a TLS handshake when `tls` is set) and hands WebSocket upgrades to WsSession.
// Internal to cc_http. Thread-safety: call from the accepting strand; the
// connection then runs on the socket's own strand.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include "http/server_context.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace cc::http {

void StartHttpSession(ServerContext& ctx, boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls);

}  // namespace cc::http
