#include <gtest/gtest.h>

#include <thread>

#include "http/server.h"
#include "http/testing/http_client.h"

namespace cc::http {
namespace {

using testing::WsTestClient;
using namespace std::chrono_literals;

// Waits until `condition` holds, up to `limit`; true if it did.
template <class Condition>
bool Eventually(Condition condition, std::chrono::milliseconds limit = 5s) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

class WebSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.websocket.path = "/ws";
    options.websocket.hub = &hub_;
    options.websocket.max_queued_messages = 16;
    options.websocket.authorize = [](const Request& request) -> core::Result<WsClient> {
      std::string_view token = request.headers.GetOr("Authorization");
      if (token == "Bearer supervisor") return WsClient{"sup", {"stats"}, nullptr};
      if (token == "Bearer agent") return WsClient{"agent-1", {"agent-1"}, nullptr};
      if (token == "Bearer banned") return core::Fail(core::ErrorCode::kPermissionDenied, "user is disabled");
      return core::Fail(core::ErrorCode::kUnauthenticated, "log in first");
    };
    options.websocket.on_message = [this](WsClientId id, const WsClient&, std::string_view text) {
      if (text.starts_with("subscribe:")) {
        (void)hub_.Subscribe(id, text.substr(10));
        (void)hub_.Send(id, std::make_shared<const std::string>("subscribed"));
      }
    };
    server_ = std::make_unique<Server>(options, Router{}, &metrics_);
    auto endpoint = server_->Start();
    ASSERT_TRUE(endpoint) << endpoint.error().message;
    port_ = endpoint->port;
  }

  void TearDown() override { server_->Stop(2s); }

  core::Result<std::unique_ptr<WsTestClient>> Connect(std::string token, Headers extra = {}) {
    if (!token.empty()) extra.Set("Authorization", "Bearer " + token);
    return WsTestClient::Connect("127.0.0.1", port_, "/ws", extra);
  }

  WsHub hub_;
  Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(WebSocketTest, UpgradeWithoutCredentialsIsRefusedBeforeUpgrade) {
  auto anonymous = Connect("");
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code, core::ErrorCode::kUnauthenticated);
  EXPECT_NE(anonymous.error().message.find("log in first"), std::string::npos);
  auto banned = Connect("banned");
  ASSERT_FALSE(banned);
  EXPECT_EQ(banned.error().code, core::ErrorCode::kPermissionDenied);
  EXPECT_EQ(hub_.ClientCount(), 0u);
}

TEST_F(WebSocketTest, CrossOriginUpgradeIsRefused) {
  auto foreign = Connect("supervisor", {{"Origin", "http://evil.example"}});
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kPermissionDenied);
  auto same = Connect("supervisor", {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}});
  ASSERT_TRUE(same) << same.error().message;
}

TEST_F(WebSocketTest, PublishReachesSubscribedClientsOnly) {
  auto supervisor = Connect("supervisor");
  auto agent = Connect("agent");
  ASSERT_TRUE(supervisor && agent);
  ASSERT_TRUE(Eventually([&] { return hub_.ClientCount() == 2; }));
  EXPECT_NE(metrics_.Serialize().find("websocket_clients 2"), std::string::npos);

  EXPECT_EQ(hub_.Publish("stats", std::make_shared<const std::string>(R"({"waiting":4})")), 1u);
  auto received = (*supervisor)->Read(2s);
  ASSERT_TRUE(received) << received.error().message;
  EXPECT_EQ(*received, R"({"waiting":4})");
  auto nothing = (*agent)->Read(200ms);
  ASSERT_FALSE(nothing);
  EXPECT_EQ(nothing.error().code, core::ErrorCode::kUnavailable);
}

TEST_F(WebSocketTest, ClientMessagesReachTheHandler) {
  auto agent = Connect("agent");
  ASSERT_TRUE(agent);
  ASSERT_TRUE((*agent)->Send("subscribe:stats"));
  auto reply = (*agent)->Read(2s);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(*reply, "subscribed");
  hub_.Publish("stats", std::make_shared<const std::string>("tick"));
  auto tick = (*agent)->Read(2s);
  ASSERT_TRUE(tick);
  EXPECT_EQ(*tick, "tick");
}

TEST_F(WebSocketTest, SlowClientIsDroppedWithoutHoldingUpOthers) {
  auto slow = Connect("supervisor");  // never reads
  auto fast = Connect("supervisor");
  ASSERT_TRUE(slow && fast);
  ASSERT_TRUE(Eventually([&] { return hub_.ClientCount() == 2; }));
  std::string payload(64 * 1024, 'x');
  int sent = 0;
  auto deadline = std::chrono::steady_clock::now() + 20s;
  while (hub_.ClientCount() == 2 && std::chrono::steady_clock::now() < deadline) {
    std::string message = std::to_string(sent) + payload;
    hub_.Publish("stats", std::make_shared<const std::string>(message));
    auto received = (*fast)->Read(2s);
    ASSERT_TRUE(received) << "message " << sent << ": " << received.error().message;
    ASSERT_EQ(*received, message);
    ++sent;
  }
  EXPECT_EQ(hub_.ClientCount(), 1u) << "the slow client was never dropped after " << sent << " messages";
  hub_.Publish("stats", std::make_shared<const std::string>("after"));
  auto after = (*fast)->Read(2s);
  ASSERT_TRUE(after);
  EXPECT_EQ(*after, "after");
}

TEST_F(WebSocketTest, StopClosesWebSocketsWithGoingAway) {
  auto supervisor = Connect("supervisor");
  ASSERT_TRUE(supervisor);
  ASSERT_TRUE(Eventually([&] { return hub_.ClientCount() == 1; }));
  EXPECT_FALSE((*supervisor)->Read(10ms));  // starts reading
  auto started = std::chrono::steady_clock::now();
  server_->Stop(2s);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1500ms);
  ASSERT_TRUE(Eventually([&] { return (*supervisor)->closed(); }));
  EXPECT_EQ((*supervisor)->close_code(), 1001);
  EXPECT_EQ(hub_.ClientCount(), 0u);
}

}  // namespace
}  // namespace cc::http
