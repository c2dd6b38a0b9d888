#include "http/ws_hub.h"

#include <gtest/gtest.h>

#include <vector>

namespace cc::http {
namespace {

class FakeConnection : public WsConnection {
 public:
  void Send(std::shared_ptr<const std::string> text) override { received.push_back(std::move(text)); }
  void Close(WsCloseCode code, std::string) override { closed_with = code; }

  std::vector<std::shared_ptr<const std::string>> received;
  std::optional<WsCloseCode> closed_with;
};

TEST(WsHubTest, PublishReachesSubscribersOnlyWithTheSameBuffer) {
  WsHub hub;
  auto supervisor = std::make_shared<FakeConnection>();
  auto other = std::make_shared<FakeConnection>();
  auto agent = std::make_shared<FakeConnection>();
  hub.Attach(supervisor, {"stats"});
  hub.Attach(other, {"stats", "agent-2"});
  hub.Attach(agent, {"agent-1"});

  auto message = std::make_shared<const std::string>(R"({"waiting":3})");
  EXPECT_EQ(hub.Publish("stats", message), 2u);
  ASSERT_EQ(supervisor->received.size(), 1u);
  ASSERT_EQ(other->received.size(), 1u);
  EXPECT_EQ(supervisor->received[0].get(), message.get()) << "one serialised buffer for everybody";
  EXPECT_EQ(other->received[0].get(), message.get());
  EXPECT_TRUE(agent->received.empty());
  EXPECT_EQ(hub.Publish("nobody", message), 0u);
}

TEST(WsHubTest, SubscribeUnsubscribeAndDetach) {
  WsHub hub;
  auto client = std::make_shared<FakeConnection>();
  WsClientId id = hub.Attach(client, {});
  EXPECT_EQ(hub.ClientCount(), 1u);
  ASSERT_TRUE(hub.Subscribe(id, "queue-1"));
  EXPECT_EQ(hub.SubscriberCount("queue-1"), 1u);
  hub.Publish("queue-1", std::make_shared<const std::string>("a"));
  ASSERT_TRUE(hub.Unsubscribe(id, "queue-1"));
  hub.Publish("queue-1", std::make_shared<const std::string>("b"));
  EXPECT_EQ(client->received.size(), 1u);

  hub.Detach(id);
  EXPECT_EQ(hub.ClientCount(), 0u);
  auto gone = hub.Subscribe(id, "queue-1");
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(hub.Send(id, std::make_shared<const std::string>("x")));
}

TEST(WsHubTest, SendAndCloseOneClient) {
  WsHub hub;
  auto client = std::make_shared<FakeConnection>();
  WsClientId id = hub.Attach(client, {});
  ASSERT_TRUE(hub.Send(id, std::make_shared<const std::string>("direct")));
  ASSERT_EQ(client->received.size(), 1u);
  ASSERT_TRUE(hub.Close(id, WsCloseCode::kPolicyViolation, "bye"));
  EXPECT_EQ(client->closed_with, WsCloseCode::kPolicyViolation);
}

}  // namespace
}  // namespace cc::http
