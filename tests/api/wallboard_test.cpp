// What the wallboard and the team lead's view read beyond /api/realtime:
// teams and queue memberships for the filters, today's per-interval series,
// and each operator's orders, cases and not-ready time — each scoped like
// the realtime view (supervisor: the centre, team lead: their team).
#include <map>
#include <thread>

#include "app/demo_centre.h"
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class WallboardTest : public ApiTest {};

const json* Row(const json& rows, std::uint64_t agent) {
  for (const json& r : rows) {
    if (r.value("agent", 0ull) == agent) return &r;
  }
  return nullptr;
}

TEST_F(WallboardTest, DirectoryNamesTeamsAndQueuesWithinScope) {
  const auto op01 = UserId("op01");
  const auto op11 = UserId("op11");
  auto sup = As("supervisor");
  auto r = sup->Get("/api/wallboard/directory");
  ASSERT_EQ(r.status, 200) << r.body;
  const json all = r.Json();
  ASSERT_GE(all["teams"].size(), 2u);
  for (const json& t : all["teams"]) EXPECT_FALSE(t.value("name", "").empty());
  const json* a = Row(all["agents"], op01);
  ASSERT_NE(a, nullptr);
  EXPECT_FALSE((*a)["team"].is_null());
  EXPECT_FALSE((*a)["queues"].empty()) << a->dump();
  EXPECT_NE(Row(all["agents"], op11), nullptr);

  // lead1 leads op01's team: that team only, and none of lead2's operators.
  auto lead = As("lead1");
  r = lead->Get("/api/wallboard/directory");
  ASSERT_EQ(r.status, 200) << r.body;
  const json mine = r.Json();
  ASSERT_EQ(mine["teams"].size(), 1u);
  EXPECT_EQ(mine["teams"][0]["id"], (*a)["team"]);
  EXPECT_NE(Row(mine["agents"], op01), nullptr);
  EXPECT_EQ(Row(mine["agents"], op11), nullptr);

  EXPECT_EQ(As("op01")->Get("/api/wallboard/directory").status, 403);
  EXPECT_EQ(As("manager")->Get("/api/wallboard/intervals").status, 403);
}

TEST_F(WallboardTest, IntervalsCountTodaysFinishedCallsPerQueue) {
  auto admin = As("admin");
  auto op = As("op01");
  const auto sales = QueueId(*admin, "Продажи");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);
  auto r = admin->Post("/api/sim/calls", {{"queue", sales}, {"caller", "+79161234567"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto call = r.Json().value("call", 0ull);
  WaitFor(*op, "/api/agent", [](const json& d) { return !d["offer"].is_null(); });
  ASSERT_EQ(op->Post("/api/agent/accept", {{"call", call}}).status, 200);
  ASSERT_EQ(op->Post("/api/agent/hangup").status, 200);
  ASSERT_EQ(op->Post("/api/agent/wrap-up", {{"disposition", "info"}}).status, 200);
  WaitFor(*admin, "/api/calls/" + std::to_string(call), [](const json& c) { return c.contains("outcome"); });

  auto sup = As("supervisor");
  auto sum = [sales](const json& body, const char* field) {
    int n = 0;
    for (const json& q : body["queues"]) {
      if (q.value("queue", 0ull) != sales) continue;
      for (const json& v : q[field]) n += v.get<int>();
    }
    return n;
  };
  const json body = sup->Get("/api/wallboard/intervals?minutes=15").Json();
  EXPECT_EQ(body["interval_minutes"], 15);
  ASSERT_FALSE(body["starts_ms"].empty());
  for (const json& q : body["queues"]) EXPECT_EQ(q["offered"].size(), body["starts_ms"].size());
  EXPECT_EQ(sum(body, "offered"), 1);
  EXPECT_EQ(sum(body, "answered"), 1);
  EXPECT_EQ(sum(body, "abandoned"), 0);
  EXPECT_EQ(sum(body, "answered_within_sl"), 1);
  // The last interval holds the call; its service level is 100 %.
  for (const json& q : body["queues"]) {
    if (q.value("queue", 0ull) == sales) {
      EXPECT_DOUBLE_EQ(q["service_level"].back().get<double>(), 100.0);
    }
  }
  EXPECT_EQ(sup->Get("/api/wallboard/intervals?minutes=7").status, 400);
}

TEST_F(WallboardTest, OperatorsShowCasesAndNotReadyTimeToTheirLead) {
  const auto op01 = UserId("op01");
  const auto op11 = UserId("op11");
  auto op = As("op01");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);  // lands in not-ready
  std::uint64_t tenant = 0;
  for (const json& t : As("admin")->Get("/api/tenants").Json()) {
    if (t.value("name", "") == app::kDemoCompany) tenant = t.value("id", 0ull);
  }
  auto lead = As("lead1");
  // The demo seeds cases of today; count from what is there.
  const json before = lead->Get("/api/wallboard/operators").Json();
  ASSERT_NE(Row(before["agents"], op01), nullptr) << before.dump();
  const int cases_before = (*Row(before["agents"], op01))["cases"].get<int>();
  const int orders_before = (*Row(before["agents"], op01))["orders"].get<int>();
  auto opened = op->Post("/api/cases", {{"tenant_id", tenant},
                                        {"kind", "complaint"},
                                        {"category", "courier"},
                                        {"summary", "Курьер опоздал"}});
  ASSERT_EQ(opened.status, 201) << opened.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);

  auto r = lead->Get("/api/wallboard/operators");
  ASSERT_EQ(r.status, 200) << r.body;
  const json first = r.Json();
  const json* row = Row(first["agents"], op01);
  ASSERT_NE(row, nullptr) << r.body;
  EXPECT_EQ((*row)["cases"], cases_before + 1);
  EXPECT_EQ((*row)["orders"], orders_before);
  EXPECT_GE((*row)["not_ready_ms"].get<std::int64_t>(), 250);
  EXPECT_EQ(Row(first["agents"], op11), nullptr);

  // Ready now: the not-ready time stops growing.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const json later = lead->Get("/api/wallboard/operators").Json();
  const json* again = Row(later["agents"], op01);
  ASSERT_NE(again, nullptr);
  EXPECT_LT((*again)["not_ready_ms"].get<std::int64_t>(), (*row)["not_ready_ms"].get<std::int64_t>() + 250);

  EXPECT_EQ(As("op02")->Get("/api/wallboard/operators").status, 403);
  EXPECT_EQ(As("qa")->Get("/api/wallboard/operators").status, 403);
}

// Every role on the three endpoints: the live roles may, the others get 403.
TEST_F(WallboardTest, OnlyTheLiveRolesMayRead) {
  const std::map<std::string, bool> may = {{"op01", false},    {"lead1", true},   {"supervisor", true},
                                           {"qa", false},      {"manager", false}, {"office", false},
                                           {"admin", true},    {"director", true}};
  for (const auto& [login, allowed] : may) {
    auto s = As(login);
    for (const char* path : {"/api/wallboard/directory", "/api/wallboard/intervals", "/api/wallboard/operators"}) {
      EXPECT_EQ(s->Get(path).status, allowed ? 200 : 403) << login << " " << path;
    }
  }
  ApiSession anonymous(port_);
  EXPECT_EQ(anonymous.Get("/api/wallboard/directory").status, 401);
}

}  // namespace
}  // namespace cc::testing
