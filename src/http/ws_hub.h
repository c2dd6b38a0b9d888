// WsHub: the registry of connected WebSocket clients and their channel
// subscriptions. Publish() hands the same serialised buffer to every client
// subscribed to a channel (no per-client serialisation); each connection
// queues it without blocking the publisher and drops itself if it falls too
// far behind.
// Thread-safety: every member function is safe from any thread. It calls
// WsConnection methods without holding its lock.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/ids.h"
#include "core/result.h"

namespace cc::http {

struct WsClientTag {
  static constexpr const char* kPrefix = "ws-";
};
using WsClientId = core::StrongId<WsClientTag>;

// WebSocket close codes the server uses (RFC 6455 section 7.4.1).
enum class WsCloseCode : std::uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,        // server shutting down
  kPolicyViolation = 1008,  // e.g. the client fell too far behind
  kTooBig = 1009,
};

// Who a WebSocket client is, as the application's authorizer decided at upgrade.
struct WsClient {
  std::string name;                      // for logs, e.g. "user-7"
  std::vector<std::string> channels;     // initial subscriptions
  std::shared_ptr<const void> context;   // the application's own data for this client
};

// The hub's view of one connected socket. Implemented by the server; tests may fake it.
// Thread-safety: implementations must accept calls from any thread and never block.
class WsConnection {
 public:
  virtual ~WsConnection() = default;
  // Queues one text message; a connection that is too far behind closes itself instead.
  virtual void Send(std::shared_ptr<const std::string> text) = 0;
  // Sends a close frame after the message being written, dropping the rest.
  virtual void Close(WsCloseCode code, std::string reason) = 0;
};

class WsHub {
 public:
  WsHub() = default;
  WsHub(const WsHub&) = delete;
  WsHub& operator=(const WsHub&) = delete;

  // Registers a connection with its initial channels; returns its id.
  WsClientId Attach(std::shared_ptr<WsConnection> connection, const std::vector<std::string>& channels);
  void Detach(WsClientId id);

  // Sends `text` to every client subscribed to `channel`; returns how many.
  std::size_t Publish(std::string_view channel, std::shared_ptr<const std::string> text);
  // Sends to one client; kNotFound if it is not connected.
  core::Status Send(WsClientId id, std::shared_ptr<const std::string> text);
  core::Status Subscribe(WsClientId id, std::string_view channel);
  core::Status Unsubscribe(WsClientId id, std::string_view channel);
  // Closes one client (kNotFound if it is not connected).
  core::Status Close(WsClientId id, WsCloseCode code, std::string reason);

  std::size_t ClientCount() const;
  std::size_t SubscriberCount(std::string_view channel) const;
  // How many times a client has joined `channel` so far: grows with every
  // join, so a publisher can tell that someone new needs the whole picture.
  std::uint64_t JoinCount(std::string_view channel) const;

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using ChannelSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
  struct Entry {
    std::shared_ptr<WsConnection> connection;
    ChannelSet channels;
  };

  std::shared_ptr<WsConnection> Find(WsClientId id) const;

  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 1;                                // GUARDED_BY(mutex_)
  std::unordered_map<WsClientId, Entry> clients_;            // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::unordered_set<WsClientId>, StringHash, std::equal_to<>>
      channels_;                                             // GUARDED_BY(mutex_)
  std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>>
      joins_;                                                // GUARDED_BY(mutex_)
};

}  // namespace cc::http
