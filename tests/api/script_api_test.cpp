// Call scripts over real HTTP with the demo company: the operator's script
// panel on a live (simulated) call, playbook situations doing what they say
// (an abusive caller's call ends and is logged so; a quality complaint opens
// a case and books a callback; the caller goes back to the head of the queue
// and supervisors hear of it), the sales script waiting for the confirmed
// order, publishing with validation and versions, and a practice call.
#include <thread>

#include "app/demo_centre.h"
#include "crm/pricing.h"
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class ScriptApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = As("admin");
    for (const auto& t : admin_->Get("/api/tenants").Json()) {
      if (t.value("name", "") == app::kDemoCompany) tenant_ = t.value("id", 0ull);
    }
    ASSERT_NE(tenant_, 0u);
  }

  // `login` signed in and ready, answering a call from `caller` to `queue`.
  std::unique_ptr<ApiSession> OnCall(const std::string& login, const std::string& queue, const std::string& caller,
                                     std::uint64_t* call = nullptr) {
    auto op = As(login);
    EXPECT_EQ(op->Post("/api/agent/login").status, 200);
    EXPECT_EQ(op->Post("/api/agent/ready").status, 200);
    const auto placed = admin_->Post("/api/sim/calls", {{"queue", QueueId(*admin_, queue)}, {"caller", caller}});
    EXPECT_EQ(placed.status, 201) << placed.body;
    json desk = WaitFor(*op, "/api/agent", [](const json& d) { return d["offer"].is_object(); });
    const std::uint64_t id = desk["offer"].value("call", 0ull);
    EXPECT_EQ(op->Post("/api/agent/accept", {{"call", id}}).status, 200);
    if (call != nullptr) *call = id;
    return op;
  }

  static json Move(ApiSession& op, const std::string& move, const json& body = json::object()) {
    auto r = op.Post("/api/agent/script/" + move, body);
    EXPECT_EQ(r.status, 200) << move << ": " << r.body;
    return r.Json();
  }

  static json Open(ApiSession& op, const std::string& code, const std::string& language) {
    auto r = op.Post("/api/agent/playbook/" + code, {{"language", language}});
    EXPECT_EQ(r.status, 200) << code << ": " << r.body;
    return r.Json();
  }

  // The types and script events of one call's log.
  std::vector<std::string> LogOf(std::uint64_t call) {
    std::vector<std::string> out;
    auto r = admin_->Get("/api/calls/" + std::to_string(call) + "/log");
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = r.Json();
  for (const auto& rec : body["records"]) {
      const json& e = rec["event"];
      std::string line = rec.value("type", "");
      if (e.contains("action")) line += " " + e.value("action", "");
      if (e.contains("outcome") && e["outcome"].is_string()) line += " " + e.value("outcome", "");
      out.push_back(line);
    }
    return out;
  }

  static bool Has(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  }

  std::unique_ptr<ApiSession> admin_;
  std::uint64_t tenant_ = 0;
};

TEST_F(ScriptApiTest, TheQueueScriptGreetsWithTheCompanyAndTheOperator) {
  auto op = OnCall("op01", "Продажи", "+79151000000");
  json s = op->Get("/api/agent/script?language=ru").Json();
  ASSERT_TRUE(s["main"].is_object()) << s.dump();
  EXPECT_EQ(s["main"]["code"], "inbound_sales");
  const std::string greet = s["main"]["step"]["text"];
  EXPECT_NE(greet.find("ООО «Бета»"), std::string::npos) << greet;
  const std::string me = op->Get("/api/me").Json().value("name", "");
  ASSERT_FALSE(me.empty());
  EXPECT_NE(greet.find(me), std::string::npos) << greet;
  // The caller is a known customer: the card's name fills the next texts.
  s = Move(*op, "next");
  s = Move(*op, "choose", {{"option", 0}});
  EXPECT_NE(s["main"]["step"]["text"].get<std::string>().find("Смирнов"), std::string::npos) << s.dump();
  // Wrong moves are refused with words and change nothing.
  auto wrong = op->Post("/api/agent/script/choose", {{"option", 7}});
  EXPECT_EQ(wrong.status, 409) << wrong.body;  // a say step has nothing to choose
  EXPECT_NE(wrong.Json().value("detail", "").find("nothing to choose"), std::string::npos) << wrong.body;
  EXPECT_EQ(op->Get("/api/agent/script").Json()["main"]["step"]["id"], s["main"]["step"]["id"]);
  // Without a call there is nothing to move.
  auto idle = As("op02");
  EXPECT_TRUE(idle->Get("/api/agent/script").Json()["call"].is_null());
  EXPECT_EQ(idle->Post("/api/agent/script/next").status, 409);
}

TEST_F(ScriptApiTest, AnAbusiveCallerIsWarnedThenTheCallEndsAsAbusive) {
  std::uint64_t call = 0;
  auto op = OnCall("op01", "Продажи", "+79151000011", &call);
  auto playbook = op->Get("/api/agent/playbook?language=en").Json();
  ASSERT_EQ(playbook.size(), 17u);
  json s = Open(*op, "S-02", "en");
  EXPECT_EQ(s["situation"]["code"], "S-02");
  EXPECT_NE(s["situation"]["step"]["text"].get<std::string>().find("respect"), std::string::npos);
  s = Move(*op, "next");                    // the warning
  s = Move(*op, "choose", {{"option", 1}});  // the insults go on
  s = Move(*op, "next");                    // the last word
  ASSERT_EQ(s["situation"]["step"]["action"]["outcome"], "abusive");
  s = Move(*op, "next");  // end the call
  EXPECT_TRUE(s["situation"]["ended"].get<bool>());
  EXPECT_FALSE(s["live"].get<bool>());
  EXPECT_EQ(op->Get("/api/agent").Json()["state"], "wrap-up");
  const auto log = LogOf(call);
  EXPECT_TRUE(Has(log, "script.outcome end_call abusive")) << ::testing::PrintToString(log);
  EXPECT_TRUE(Has(log, "agent.left_call"));
}

TEST_F(ScriptApiTest, AQualityComplaintOpensACaseWithTheTimeAndBooksACallback) {
  auto op = OnCall("op07", "Жалобы", "+79151000000");
  ASSERT_EQ(op->Get("/api/agent/script?language=ru").Json()["main"]["code"], "complaint");
  Open(*op, "S-07", "ru");
  Move(*op, "next");
  json s = Move(*op, "next", {{"value", "Курьер бросил коробку у двери и уехал"}});
  EXPECT_EQ(s["situation"]["step"]["collect"]["input"], "datetime");
  auto bad = op->Post("/api/agent/script/next", {{"value", "вчера вечером"}});
  EXPECT_EQ(bad.status, 400);
  Move(*op, "next", {{"value", "2026-11-27T18:30"}});
  s = Move(*op, "next");  // the case
  ASSERT_EQ(s["done"].size(), 1u);
  const std::uint64_t case_id = s["done"][0].value("case_id", 0ull);
  ASSERT_NE(case_id, 0u);
  Move(*op, "next");
  const std::string due = crm::FormatDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() +
                                                                                 std::chrono::hours(48))) +
                          "T11:00";
  Move(*op, "next", {{"value", due}});
  s = Move(*op, "next");  // the callback
  ASSERT_EQ(s["done"].size(), 2u);
  EXPECT_EQ(s["done"][1]["action"], "schedule_callback");
  s = Move(*op, "next");  // back to the complaint script
  EXPECT_TRUE(s["situation"].is_null());
  EXPECT_EQ(s["main"]["code"], "complaint");

  auto qa = As("qa");
  json opened = qa->Get("/api/cases/" + std::to_string(case_id)).Json();
  EXPECT_EQ(opened["category"], "quality") << opened.dump();
  const std::string details = opened.value("details", "");
  EXPECT_NE(details.find("Курьер бросил коробку"), std::string::npos) << details;
  EXPECT_NE(details.find("2026-11-27T18:30"), std::string::npos) << details;
  json callbacks = admin_->Get("/api/callbacks?tenant_id=" + std::to_string(tenant_) + "&status=scheduled").Json();
  ASSERT_FALSE(callbacks.empty());
  EXPECT_EQ(callbacks[0]["number"], "+79151000000");
}

TEST_F(ScriptApiTest, ABookedCallbackIsOfferedLaterWithTheNumberToCall) {
  // S-10 books the callback through the desk; here it falls due at once.
  auto op = As("op01");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);
  const std::string due = core::FormatUtc(
      std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now()));
  auto booked = op->Post("/api/callbacks", {{"tenant_id", tenant_},
                                            {"number", "+79151000044"},
                                            {"reason", "the operator's computer froze (S-10)"},
                                            {"due_at", due},
                                            {"queue_id", QueueId(*admin_, "Продажи")}});
  ASSERT_EQ(booked.status, 201) << booked.body;
  json desk = WaitFor(*op, "/api/agent", [](const json& d) { return d["offer"].is_object(); });
  EXPECT_EQ(desk["offer"]["kind"], "callback");
  EXPECT_EQ(desk["offer"]["caller"], "+79151000044");
}

TEST_F(ScriptApiTest, RequeueingPutsTheCallerBackAndAlertsTheSupervisors) {
  auto supervisor = As("supervisor");
  http::Headers extra;
  extra.Set("Cookie", supervisor->CookieHeader());
  auto ws = http::testing::WsTestClient::Connect("127.0.0.1", port_, "/ws", extra);
  ASSERT_TRUE(ws.has_value());
  std::uint64_t call = 0;
  auto op = OnCall("op01", "Продажи", "+79151000012", &call);
  Open(*op, "S-11", "ru");
  Move(*op, "next");
  json s = Move(*op, "next");  // hold
  EXPECT_EQ(op->Get("/api/agent").Json()["call"]["on_hold"], true);
  s = Move(*op, "next");
  s = Move(*op, "next");  // back to the head of the queue
  EXPECT_FALSE(s["live"].get<bool>());
  json alert;
  for (int i = 0; i < 50 && alert.is_null(); ++i) {
    auto text = (*ws)->Read(std::chrono::milliseconds(100));
    if (!text) continue;
    auto j = json::parse(*text, nullptr, false);
    if (j.is_object() && j.value("type", "") == "alert") alert = j;
  }
  ASSERT_TRUE(alert.is_object());
  EXPECT_EQ(alert["kind"], "requeued");
  EXPECT_EQ(alert["call"], call);
  EXPECT_EQ(alert["queue_name"], "Продажи");
  EXPECT_TRUE(Has(LogOf(call), "call.requeued"));
}

TEST_F(ScriptApiTest, TransferringToASpecialistKeepsTheOperatorOnTheLineUntilTheyAnswer) {
  std::uint64_t call = 0;
  auto op = OnCall("op01", "Продажи", "+79151000013", &call);
  // The lead gets ready only now, so the caller cannot be offered to them first.
  auto lead = As("lead1");
  ASSERT_EQ(lead->Post("/api/agent/login").status, 200);
  ASSERT_EQ(lead->Post("/api/agent/ready").status, 200);
  Open(*op, "S-06", "en");
  Move(*op, "choose", {{"option", 2}});  // a specialist
  json s = Move(*op, "next");             // "I'll stay on the line"
  ASSERT_EQ(s["situation"]["step"]["action"]["kind"], "transfer");
  EXPECT_EQ(s["situation"]["step"]["action"]["stage"], "consult");
  s = Move(*op, "next");  // the consult: the caller holds, the lead's desk rings
  EXPECT_EQ(s["situation"]["step"]["action"]["stage"], "transfer");
  EXPECT_EQ(op->Get("/api/agent").Json()["call"]["on_hold"], true);
  // Until the specialist answers, the hand-over is refused and the operator keeps the caller.
  auto early = op->Post("/api/agent/script/next");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_NE(early.Json().value("detail", "").find("not answered"), std::string::npos) << early.body;
  json offer = WaitFor(*lead, "/api/agent", [](const json& d) { return d["offer"].is_object(); });
  ASSERT_EQ(lead->Post("/api/agent/accept", {{"call", offer["offer"].value("call", 0ull)}}).status, 200);
  s = Move(*op, "next");  // hand over
  EXPECT_TRUE(s["situation"]["ended"].get<bool>());
  EXPECT_FALSE(s["live"].get<bool>());
  json desk = WaitFor(*lead, "/api/agent", [call](const json& d) {
    return d["call"].is_object() && d["call"].value("call", 0ull) == call && d["state"] == "on-call";
  });
  EXPECT_EQ(desk["call"]["caller"], "+79151000013");
  const auto log = LogOf(call);
  EXPECT_TRUE(Has(log, "consult.started")) << ::testing::PrintToString(log);
  EXPECT_TRUE(Has(log, "consult.connected")) << ::testing::PrintToString(log);
  EXPECT_TRUE(Has(log, "call.transferred")) << ::testing::PrintToString(log);
}

TEST_F(ScriptApiTest, TheSalesScriptGoesOnOnlyOnceTheOrderIsConfirmed) {
  std::uint64_t call = 0;
  auto op = OnCall("op02", "Продажи", "+79151000000", &call);
  op->Get("/api/agent/script?language=ru");
  Move(*op, "next");
  Move(*op, "choose", {{"option", 0}});
  Move(*op, "next");
  Move(*op, "choose", {{"option", 1}});  // straight to the order
  for (int i = 0; i < 3; ++i) Move(*op, "next");
  json s = Move(*op, "choose", {{"option", 0}});
  ASSERT_EQ(s["main"]["step"]["action"]["kind"], "create_order");
  auto early = op->Post("/api/agent/script/next");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.Json().value("detail", "").find("order panel"), std::string::npos) << early.body;
  const std::string day =
      crm::FormatDate(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now() + std::chrono::hours(48)));
  auto order = op->Post("/api/orders", {{"tenant_id", tenant_},
                                        {"customer_id", 1},
                                        {"call_id", call},
                                        {"lines", {{{"product_id", 1}, {"quantity", 2}}}},
                                        {"delivery",
                                         {{"address", "Москва, ул. Лесная, д. 5"},
                                          {"region", "Москва"},
                                          {"date", day},
                                          {"window_from", "10:00"},
                                          {"window_to", "14:00"}}},
                                        {"receivers", {{{"name", "Пётр Сидоров"}, {"may_accept", true}, {"may_pay", true}}}},
                                        {"payment_on_delivery", true},
                                        {"confirm", true}});
  ASSERT_EQ(order.status, 201) << order.body;
  const std::string number = std::to_string(order.Json().value("id", 0ull));
  s = Move(*op, "next");
  const std::string text = s["main"]["step"]["text"];
  EXPECT_NE(text.find(number), std::string::npos) << text;
  EXPECT_NE(text.find("Пётр Сидоров"), std::string::npos) << text;
  EXPECT_NE(text.find("10:00–14:00"), std::string::npos) << text;
  EXPECT_EQ(text.find("[?"), std::string::npos) << text;
}

TEST_F(ScriptApiTest, PublishingIsValidatedVersionedAndLeavesCallsOnTheirVersion) {
  auto supervisor = As("supervisor");
  const std::string q = "?tenant_id=" + std::to_string(tenant_) + "&language=ru";
  json current = supervisor->Get("/api/scripts/complaint" + q).Json();
  ASSERT_EQ(current["version"], 1);
  EXPECT_EQ(current["queues"].size(), 1u);
  auto op = OnCall("op07", "Жалобы", "+79151000013");
  ASSERT_EQ(op->Get("/api/agent/script?language=ru").Json()["main"]["version"], 1);

  json broken = current["script"];
  const std::string start = broken["start"];
  broken["steps"][start]["next"] = "nowhere";
  auto refused = supervisor->Post("/api/scripts", {{"tenant_id", tenant_}, {"code", "complaint"}, {"script", broken}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  ASSERT_FALSE(refused.Json()["problems"].empty());
  EXPECT_EQ(refused.Json()["problems"][0]["step"], start);
  auto checked = supervisor->Post("/api/scripts/validate", {{"script", broken}});
  EXPECT_EQ(checked.status, 200);
  EXPECT_FALSE(checked.Json()["problems"].empty());
  EXPECT_EQ(op->Post("/api/scripts", {{"tenant_id", tenant_}, {"code", "complaint"}, {"script", current["script"]}}).status,
            403);

  json changed = current["script"];
  changed["name"] = "Жалоба клиента (новая редакция)";
  auto published = supervisor->Post("/api/scripts", {{"tenant_id", tenant_}, {"code", "complaint"}, {"script", changed}});
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_EQ(published.Json()["version"], 2);
  EXPECT_EQ(supervisor->Get("/api/scripts/complaint" + q).Json()["versions"], json({1, 2}));
  EXPECT_EQ(supervisor->Get("/api/scripts/complaint" + q + "&version=1").Json()["script"]["name"], current["script"]["name"]);
  // The call in progress keeps the version it started with.
  EXPECT_EQ(op->Get("/api/agent/script?language=ru").Json()["main"]["version"], 1);
  // QA reads, and sees what was used; an operator does not see analytics.
  auto qa = As("qa");
  EXPECT_EQ(qa->Get("/api/scripts?tenant_id=" + std::to_string(tenant_)).status, 200);
  auto analytics = qa->Get("/api/scripts/analytics?tenant_id=" + std::to_string(tenant_));
  ASSERT_EQ(analytics.status, 200) << analytics.body;
  bool counted = false;
  const json figures = analytics.Json();
  for (const auto& row : figures["by_agent"]) counted = counted || row["code"] == "complaint";
  EXPECT_TRUE(counted) << analytics.body;
  EXPECT_EQ(op->Get("/api/scripts/analytics?tenant_id=" + std::to_string(tenant_)).status, 403);
  // A queue runs scripts, not situations.
  const std::string queue = std::to_string(QueueId(*admin_, "Жалобы"));
  EXPECT_EQ(supervisor->Send("PUT", "/api/queues/" + queue + "/script", {{"code", "S-02"}}).status, 400);
  EXPECT_EQ(supervisor->Send("PUT", "/api/queues/" + queue + "/script", {{"code", nullptr}}).status, 200);
}

TEST_F(ScriptApiTest, APracticeCallPlaysTheSituationToTheOperator) {
  auto op = As("op03");
  ASSERT_EQ(op->Post("/api/agent/login").status, 200);
  ASSERT_EQ(op->Post("/api/agent/ready").status, 200);
  auto placed = op->Post("/api/training/calls", {{"situation", "S-05"}, {"language", "en"}});
  ASSERT_EQ(placed.status, 201) << placed.body;
  const std::uint64_t call = placed.Json().value("call", 0ull);
  json s = WaitFor(*op, "/api/agent/script?language=en",
                   [](const json& j) { return j["training"].is_object() && !j["training"]["lines"].empty(); });
  EXPECT_EQ(s["call"], call);
  EXPECT_EQ(s["training"]["situation"], "S-05");
  Open(*op, "S-05", "en");
  Move(*op, "next");
  Move(*op, "choose", {{"option", 1}});
  Move(*op, "next");
  Move(*op, "next");
  auto lead = As("lead1");
  json calls = lead->Get("/api/training/calls?tenant_id=" + std::to_string(tenant_)).Json();
  ASSERT_EQ(calls.size(), 1u) << calls.dump();
  EXPECT_EQ(calls[0]["situation"], "S-05");
  EXPECT_EQ(calls[0]["outcome"], "silent_line");
  EXPECT_GE(calls[0]["steps"].get<int>(), 4);
  // Real-call analytics leave practice out.
  json real = lead->Get("/api/scripts/analytics?tenant_id=" + std::to_string(tenant_)).Json();
  EXPECT_TRUE(real["outcomes"].empty()) << real.dump();
  // An operator practises alone: not for a colleague.
  EXPECT_EQ(op->Post("/api/training/calls", {{"situation", "S-05"}, {"agent_id", UserId("op04")}}).status, 404);
}

}  // namespace
}  // namespace cc::testing

namespace cc::testing {
namespace {

// A centre whose dial plan allows Russian numbers only.
class DialPlanApiTest : public ScriptApiTest {
 protected:
  void Adjust(app::ServerSettings& s) override { s.dial_plan.allow = {"7*", "8*"}; }
};

TEST_F(DialPlanApiTest, AnOperatorCannotTransferAbroadButAlwaysTo112) {
  auto op = OnCall("op01", "Продажи", "+79151000014");
  auto abroad = op->Post("/api/agent/transfer", {{"to", "external"}, {"number", "+44 20 7946 0000"}});
  EXPECT_EQ(abroad.status, 403) << abroad.body;
  EXPECT_NE(abroad.Json().value("detail", "").find("dial plan does not allow calls to +44 20 7946 0000"),
            std::string::npos)
      << abroad.body;
  EXPECT_EQ(op->Get("/api/agent").Json()["state"], "on-call");  // nothing happened to the call
  auto consult = op->Post("/api/agent/consult", {{"to", "external"}, {"number", "0049301234567"}});
  EXPECT_EQ(consult.status, 403) << consult.body;
  // S-15: the emergency line is outside the plan's patterns but always allowed.
  auto emergency = op->Post("/api/agent/transfer", {{"to", "external"}, {"number", "112"}});
  EXPECT_EQ(emergency.status, 200) << emergency.body;
}

}  // namespace
}  // namespace cc::testing
