// The agent's day through the API, with calls injected into the simulated
// centre: offer, answer, hold, consult, transfer, hang up, wrap-up with a
// disposition, and the call detail record that results. Bad requests get a
// problem with a message and change nothing.
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class AgentLifecycleTest : public ApiTest {};

json Desk(ApiSession& s) { return s.Get("/api/agent").Json(); }

TEST_F(AgentLifecycleTest, OfferAnswerHoldConsultTransferWrapUp) {
  auto admin = As("admin");
  auto op1 = As("op01");
  auto op2 = As("op02");
  const auto op2_id = op2->Get("/api/me").Json().value("id", 0ull);
  const auto sales = QueueId(*admin, "Продажи");
  const auto orders = QueueId(*admin, "Заказы");

  auto r = op1->Post("/api/agent/login");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "not-ready");
  r = op1->Post("/api/agent/ready");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "ready");

  r = admin->Post("/api/sim/calls", {{"queue", sales}, {"caller", "+79161234567"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto call = r.Json().value("call", 0ull);
  ASSERT_GT(call, 0u);

  auto desk = WaitFor(*op1, "/api/agent", [](const json& d) { return !d["offer"].is_null(); });
  EXPECT_EQ(desk["state"], "reserved");
  EXPECT_EQ(desk["offer"]["call"], call);
  EXPECT_EQ(desk["offer"]["caller"], "+79161234567");

  r = op1->Post("/api/agent/accept", {{"call", call}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "on-call");
  EXPECT_EQ(r.Json()["call"]["caller"], "+79161234567");

  // Answering twice or getting ready during a call is refused with a reason.
  r = op1->Post("/api/agent/accept", {{"call", call}});
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_FALSE(r.Json().value("detail", "").empty());
  EXPECT_EQ(r.headers.GetOr("Content-Type"), "application/problem+json");

  r = op1->Post("/api/agent/hold");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "on-hold");
  r = op1->Post("/api/agent/resume");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "on-call");

  // Consult op02, who is ready, then return to the caller.
  ASSERT_EQ(op2->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op2->Post("/api/agent/ready").status, 200);
  // The desk lists where a call can go: queues, signed-in colleagues, the team's lead.
  auto targets = op1->Get("/api/agent/transfer-targets");
  ASSERT_EQ(targets.status, 200) << targets.body;
  const json listed = targets.Json();
  bool sees_orders = false, sees_op2 = false, sees_self = false;
  for (const auto& q : listed["queues"]) sees_orders |= q["id"] == orders;
  for (const auto& a : listed["agents"]) {
    sees_op2 |= a["id"] == op2_id && a["state"] == "ready";
    sees_self |= a["name"] == op1->Get("/api/me").Json()["name"];
  }
  EXPECT_TRUE(sees_orders) << targets.body;
  EXPECT_TRUE(sees_op2);
  EXPECT_FALSE(sees_self);
  ASSERT_EQ(listed["team_leads"].size(), 1u) << targets.body;
  EXPECT_EQ(listed["team_leads"][0]["id"], UserId("lead1"));

  r = op1->Post("/api/agent/consult", {{"to", "agent"}, {"agent", op2_id}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto d2 = WaitFor(*op2, "/api/agent", [](const json& d) { return !d["offer"].is_null(); });
  EXPECT_EQ(d2["offer"]["kind"], "consult");
  r = op2->Post("/api/agent/accept", {{"call", call}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = op1->Post("/api/agent/consult/complete", {{"outcome", "return"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "on-call");
  EXPECT_EQ(r.Json()["call"]["consulting"], false);

  // op02 finishes the consult's after-call work and is ready again.
  WaitFor(*op2, "/api/agent", [](const json& d) { return d["state"] != "on-call"; });
  if (Desk(*op2)["state"] == "wrap-up") {
    ASSERT_EQ(op2->Post("/api/agent/ready").status, 200);
  }

  // Blind transfer to the orders queue: op01 goes to wrap-up, op02 gets the caller.
  r = op1->Post("/api/agent/transfer", {{"to", "queue"}, {"queue", orders}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "wrap-up");
  d2 = WaitFor(*op2, "/api/agent", [call](const json& d) {
    return !d["offer"].is_null() && d["offer"]["call"] == call;
  });
  r = op2->Post("/api/agent/accept", {{"call", call}});
  ASSERT_EQ(r.status, 200) << r.body;
  r = op2->Post("/api/agent/hangup");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["state"], "wrap-up");
  // Wrap-up still says whom the call was with and on which line.
  EXPECT_EQ(r.Json()["wrap_up"]["caller"], "+79161234567");
  EXPECT_EQ(r.Json()["wrap_up"]["queue"], orders);
  EXPECT_EQ(Desk(*op1)["wrap_up"]["caller"], "+79161234567");

  // An unknown disposition is refused and leaves the agent in wrap-up.
  r = op2->Post("/api/agent/wrap-up", {{"disposition", "no-such-code"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(Desk(*op2)["state"], "wrap-up");
  r = op2->Post("/api/agent/wrap-up", {{"disposition", "sale"}, {"note", "ordered two kettles"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.Json()["state"], "wrap-up");
  ASSERT_EQ(op1->Post("/api/agent/wrap-up", {{"disposition", "info"}}).status, 200);

  auto cdr = WaitFor(*admin, "/api/calls/" + std::to_string(call),
                     [](const json& c) { return c.contains("outcome") && c.contains("disposition") && c["disposition"].is_string() &&
                                              !c["disposition"].get<std::string>().empty(); });
  EXPECT_EQ(cdr["outcome"], "completed");
  EXPECT_EQ(cdr["caller"], "+79161234567");
  EXPECT_GE(cdr.value("transfers", 0), 1);
  EXPECT_EQ(cdr["agent"], op2_id);
  EXPECT_EQ(cdr["disposition"], "sale");
  EXPECT_GT(cdr.value("hold_ms", 0), -1);

  auto list = admin->Get("/api/calls?queue=" + std::to_string(orders)).Json();
  ASSERT_TRUE(list["calls"].is_array());
  EXPECT_FALSE(list["calls"].empty());
}

TEST_F(AgentLifecycleTest, BadRequestsAreProblemsAndChangeNothing) {
  auto op = As("op03");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);

  // Malformed JSON.
  auto raw = op->client().Post("/api/agent/not-ready", "{\"reason\": ",
                               http::Headers{{"X-CSRF-Token", op->csrf()}});
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->status, 400);
  EXPECT_EQ(raw->headers.GetOr("Content-Type"), "application/problem+json");
  // Wrong types and unknown values.
  EXPECT_EQ(op->Post("/api/agent/accept", {{"call", "seven"}}).status, 400);
  EXPECT_EQ(op->Post("/api/agent/not-ready", {{"reason", "nap"}}).status, 400);
  EXPECT_EQ(op->Post("/api/agent/transfer", {{"to", "moon"}}).status, 409);  // not on a call
  // Answering without an offer.
  auto r = op->Post("/api/agent/accept", {{"call", 999999}});
  EXPECT_GE(r.status, 400);
  EXPECT_LT(r.status, 500);
  EXPECT_EQ(op->Post("/api/agent/hangup").status, 409);
  EXPECT_EQ(op->Get("/api/agent").Json()["state"], "not-ready");
  // A body over the limit is refused before any handler runs.
  std::string big(2 * 1024 * 1024, 'x');
  auto huge = op->client().Post("/api/agent/not-ready", "{\"reason\":\"" + big + "\"}",
                                http::Headers{{"X-CSRF-Token", op->csrf()}});
  ASSERT_TRUE(huge.has_value());
  EXPECT_EQ(huge->status, 413);
}

TEST_F(AgentLifecycleTest, SupervisorForcesStateAndSeesTheWallboard) {
  auto sup = As("supervisor");
  auto op = As("op04");
  const auto op_id = op->Get("/api/me").Json().value("id", 0ull);
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  auto r = sup->Post("/api/agents/" + std::to_string(op_id) + "/state", {{"state", "ready"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(op->Get("/api/agent").Json()["state"], "ready");

  auto snap = sup->Get("/api/realtime").Json();
  ASSERT_TRUE(snap["queues"].is_array());
  EXPECT_EQ(snap["queues"].size(), 5u);
  bool seen = false;
  for (const auto& a : snap["agents"]) {
    if (a["agent"] == op_id) {
      seen = true;
      EXPECT_EQ(a["state"], "ready");
      EXPECT_TRUE(a["since"].is_string());
      EXPECT_GE(a["time_in_state_ms"].get<long long>(), 0);
    } else if (a["state"] == "logged-out" && a["calls"] == 0) {
      // Nobody logged this seat in yet: no time in state to show (not "since 1970").
      EXPECT_TRUE(a["since"].is_null()) << a.dump();
      EXPECT_TRUE(a["time_in_state_ms"].is_null()) << a.dump();
    }
  }
  EXPECT_TRUE(seen);
  r = sup->Post("/api/agents/" + std::to_string(op_id) + "/state", {{"state", "sleeping"}});
  EXPECT_EQ(r.status, 400);
}

TEST_F(AgentLifecycleTest, AdminsSteerTheSimulation) {
  auto admin = As("admin");
  auto r = admin->Post("/api/sim/bots", {{"enabled", false}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["bots_enabled"], false);
  r = admin->Post("/api/sim/traffic", {{"paused", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["traffic_paused"], true);
  EXPECT_EQ(admin->Post("/api/sim/traffic", {{"paused", "yes"}}).status, 400);
  EXPECT_EQ(admin->Post("/api/sim/calls", {{"queue", 999}}).status, 404);
  EXPECT_EQ(As("supervisor")->Post("/api/sim/bots", {{"enabled", true}}).status, 403);
}

}  // namespace
}  // namespace cc::testing
