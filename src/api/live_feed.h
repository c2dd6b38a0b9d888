// The WebSocket side of the live centre. Clients connect to /ws with their
// session cookie or bearer token; each is subscribed to what its role may
// see: "agent:<id>" (own desk, offers and call events, at once), and one of
// "realtime:all", "realtime:tenant:<id>" or "realtime:team:<id>" (the
// wallboard every second, serialised once per channel: all queues and the
// agent rows that changed, everything when someone joins; plus agent state
// changes at once). docs/api.md lists the messages.
// Thread-safety: Authorize() runs on HTTP threads; the CentreListener
// methods and the snapshot timer run on the core loop; WsHub is thread-safe.
#pragma once

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "api/api.h"
#include "api/guard.h"
#include "centre/centre.h"
#include "api/crm_notifier.h"
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
  // What a realtime channel's subscribers were last sent.
  struct ChannelState {
    std::map<std::uint64_t, std::string> rows;  // agent id -> its row as sent
    std::uint64_t joins = 0;                    // WsHub::JoinCount at that time
    int ticks_since_full = 0;
  };

  void Tick();
  void Publish(const std::string& channel, const nlohmann::json& message);
  // A new offer with a caller's number: finds the customers with that number
  // off the loop and sends them to the agent ({"type":"customer"}).
  void SendCustomerCard(core::AgentId agent, const centre::DeskCall& offer);
  // Publishes a realtime snapshot: every queue, and only the agent rows that
  // changed since the last one unless someone joined the channel (or once a
  // minute): then all of them, marked "full".
  void PublishSnapshot(const std::string& channel, nlohmann::json snapshot);

  ApiServices& services_;
  http::WsHub& hub_;
  Guard guard_;
  std::chrono::milliseconds period_;
  boost::asio::steady_timer timer_;
  bool running_ = false;  // core loop only
  std::unordered_map<std::string, ChannelState> sent_;  // core loop only
  std::unordered_map<std::uint64_t, core::CallId> carded_;  // agent -> call whose card was sent; loop only
  boost::asio::thread_pool lookups_{1};  // customer lookups for offers, off the core loop
};

}  // namespace cc::api
