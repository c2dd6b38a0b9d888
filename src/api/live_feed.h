// The WebSocket side of the live centre. Clients connect to /ws with their
// session cookie or bearer token; each is subscribed to what its role may
// see: "agent:<id>" (own desk, offers and call events, at once), and one of
// "realtime:all", "realtime:tenant:<id>" or "realtime:team:<id>" (the
// wallboard snapshot every second, serialised once per channel, plus agent
// state changes at once). docs/api.md lists the messages.
// Thread-safety: Authorize() runs on HTTP threads; the CentreListener
// methods and the snapshot timer run on the core loop; WsHub is thread-safe.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>

#include "api/api.h"
#include "api/guard.h"
#include "centre/centre.h"
#include "http/ws_hub.h"

namespace cc::api {

class LiveFeed final : public centre::CentreListener {
 public:
  LiveFeed(ApiServices& services, http::WsHub& hub,
           std::chrono::milliseconds period = std::chrono::seconds(1));
  ~LiveFeed() override;

  // The WebSocket upgrade check: who is connecting and their channels.
  core::Result<http::WsClient> Authorize(const http::Request& request) const;
  // Starts the periodic snapshots (on the centre's loop) / stops them.
  void Start();
  void Stop();

  void OnEvents(const std::vector<acd::Event>& events) override;
  void OnDesk(const centre::Desk& desk) override;

 private:
  void Tick();
  void Publish(const std::string& channel, const nlohmann::json& message);

  ApiServices& services_;
  http::WsHub& hub_;
  Guard guard_;
  std::chrono::milliseconds period_;
  boost::asio::steady_timer timer_;
  bool running_ = false;  // core loop only
};

}  // namespace cc::api
