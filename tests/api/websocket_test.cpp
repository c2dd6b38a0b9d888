// The live feed: an agent's WebSocket carries their offer at once; a
// supervisor's carries the wallboard snapshot every period and agents' state
// changes; strangers and other origins are refused.
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class WebSocketTest : public ApiTest {
 protected:
  std::unique_ptr<http::testing::WsTestClient> Connect(ApiSession& s, http::Headers extra = {}) {
    extra.Set("Cookie", s.CookieHeader());
    auto ws = http::testing::WsTestClient::Connect("127.0.0.1", port_, "/ws", extra);
    EXPECT_TRUE(ws.has_value()) << (ws ? "" : ws.error().message);
    return ws ? std::move(*ws) : nullptr;
  }
  // Reads messages until one satisfies `pred`, for up to ~3 s.
  template <typename Pred>
  json ReadUntil(http::testing::WsTestClient& ws, Pred pred) {
    for (int i = 0; i < 100; ++i) {
      auto text = ws.Read(std::chrono::milliseconds(100));
      if (!text) continue;
      auto j = json::parse(*text, nullptr, false);
      if (!j.is_discarded() && pred(j)) return j;
      seen_.push_back(j.is_discarded() ? *text : j.dump().substr(0, 200));
    }
    std::string seen;
    for (const auto& m : seen_) seen += "\n  " + m;
    ADD_FAILURE() << "no matching message; seen:" << seen;
    return {};
  }
  std::vector<std::string> seen_;
};

TEST_F(WebSocketTest, AgentReceivesTheirOfferAtOnce) {
  auto admin = As("admin");
  auto op = As("op07");
  auto ws = Connect(*op);
  ASSERT_TRUE(ws);
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);
  auto injected = admin->Post("/api/sim/calls", {{"queue", QueueId(*admin, "Продажи")}, {"caller", "+79990001122"}});
  ASSERT_EQ(injected.status, 201);
  const auto call = injected.Json().value("call", 0ull);
  // Both the engine's call.offered event and the desk with the offer arrive, in either order.
  json offered_event, desk;
  ReadUntil(*ws, [&](const json& m) {
    if (m["type"] == "event" && m["event"]["type"] == "call.offered") offered_event = m;
    if (m["type"] == "desk" && !m["desk"]["offer"].is_null()) desk = m;
    return !offered_event.is_null() && !desk.is_null();
  });
  EXPECT_EQ(offered_event["event"]["call"], call);
  EXPECT_EQ(desk["desk"]["offer"]["call"], call);
  EXPECT_EQ(desk["desk"]["offer"]["caller"], "+79990001122");
}

TEST_F(WebSocketTest, TheOfferBringsTheCallersCustomerCard) {
  auto admin = As("admin");
  auto op = As("op08");
  auto ws = Connect(*op);
  ASSERT_TRUE(ws);
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);
  // The demo's first customer has +7 915 100-00-00.
  auto injected = admin->Post("/api/sim/calls", {{"queue", QueueId(*admin, "Продажи")}, {"caller", "89151000000"}});
  ASSERT_EQ(injected.status, 201);
  const json card = ReadUntil(*ws, [](const json& m) { return m["type"] == "customer"; });
  EXPECT_EQ(card["call"], injected.Json().value("call", 0ull));
  EXPECT_EQ(card["number"], "+79151000000");
  ASSERT_EQ(card["matches"].size(), 1u) << card.dump();
  EXPECT_EQ(card["matches"][0]["name"], "Смирнов Алексей");
}

TEST_F(WebSocketTest, SupervisorReceivesSnapshotsAndStateChanges) {
  auto sup = As("supervisor");
  auto ws = Connect(*sup);
  ASSERT_TRUE(ws);
  // A newcomer gets everything first.
  auto snap = ReadUntil(*ws, [](const json& m) { return m["type"] == "realtime"; });
  EXPECT_EQ(snap["queues"].size(), 5u);
  EXPECT_EQ(snap["full"], true);
  ASSERT_GT(snap["agents"].size(), 10u);
  EXPECT_FALSE(snap["agents"][0].contains("time_in_state_ms"));  // counted from "since"
  auto op = As("op08");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  const auto op_id = op->Get("/api/me").Json().value("id", 0ull);
  auto change = ReadUntil(*ws, [op_id](const json& m) {
    return m["type"] == "agent_state" && m["agent"] == op_id;
  });
  EXPECT_EQ(change["state"], "not-ready");
  // Later snapshots carry every queue and only the agent rows that changed.
  auto delta = ReadUntil(*ws, [op_id](const json& m) {
    if (m["type"] != "realtime" || m["full"] != false) return false;
    for (const auto& a : m["agents"]) {
      if (a["agent"] == op_id) return true;
    }
    return false;
  });
  EXPECT_EQ(delta["queues"].size(), 5u);
  EXPECT_LT(delta["agents"].size(), snap["agents"].size());
  for (const auto& a : delta["agents"]) {
    if (a["agent"] == op_id) {
      EXPECT_EQ(a["state"], "not-ready");
    }
  }
}

TEST_F(WebSocketTest, AnonymousAndForeignOriginsAreRefused) {
  auto anonymous = http::testing::WsTestClient::Connect("127.0.0.1", port_, "/ws");
  ASSERT_FALSE(anonymous.has_value());
  EXPECT_EQ(anonymous.error().code, core::ErrorCode::kUnauthenticated);
  auto sup = As("supervisor");
  auto foreign = http::testing::WsTestClient::Connect(
      "127.0.0.1", port_, "/ws",
      http::Headers{{"Cookie", sup->CookieHeader()}, {"Origin", "https://evil.example"}});
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, core::ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cc::testing
