#include "script_desk/call_session.h"

#include <gtest/gtest.h>

#include "call_scripts/script_json.h"
#include "call_scripts/testing/sales_script.h"

namespace cc::script_desk {
namespace {

using nlohmann::json;

const core::Timestamp kNow = core::ParseUtc("2026-11-28T09:00:00Z").value();

class FakeWorld final : public CallWorld {
 public:
  call_scripts::PlaceholderValues Facts() override { return facts; }
  core::Result<json> Perform(const ActionRequest& request) override {
    performed.push_back(std::string(call_scripts::ToString(request.action.kind)) +
                        (request.stage.empty() ? "" : ":" + request.stage));
    if (!refuse.empty()) return core::Fail(core::ErrorCode::kFailedPrecondition, refuse);
    return json{{"ok", true}};
  }
  call_scripts::PlaceholderValues facts = {{"operator_name", "Ольга"}, {"company", "ООО «Бета»"}};
  std::vector<std::string> performed;
  std::string refuse;
};

StoredScript Stored(std::string code, ScriptKind kind, std::string_view text) {
  auto script = call_scripts::ScriptFromJsonText(text);
  EXPECT_TRUE(script) << script.error().message;
  return {std::move(code), kind, std::make_shared<const call_scripts::Script>(std::move(*script)), std::nullopt, kNow};
}

const char* kEmergency = R"({"tenant_id": 2, "name": "Emergency", "version": 4, "language": "en", "start": "stay",
  "steps": {"stay": {"kind": "say", "text": "Stay on the line.", "next": "to_112"},
            "to_112": {"kind": "action", "action": "consult_supervisor_then_transfer", "number": "112"}}})";
const char* kAside = R"({"tenant_id": 2, "name": "Aside", "version": 1, "language": "en", "start": "when",
  "steps": {"when": {"kind": "collect", "label": "When?", "target": "call", "field": "callback_time",
                     "input": "datetime", "next": "book"},
            "book": {"kind": "action", "action": "schedule_callback", "next": "back"},
            "back": {"kind": "action", "action": "return"}}})";

const char* kWarm = R"({"tenant_id": 2, "name": "Specialist", "version": 1, "language": "en", "start": "hand",
  "steps": {"hand": {"kind": "action", "action": "transfer", "to": "queue", "id": "Experts", "stay": true}}})";

CallContext Context() { return {core::CallId(17), core::TenantId(2), core::QueueId(1), core::AgentId(7)}; }

TEST(CallSession, TheSalesScriptFillsWhatItKnowsAndNeedsValuesAndOrders) {
  CallSession s(Context());
  FakeWorld world;
  ASSERT_TRUE(s.StartMain(Stored("inbound_sales", ScriptKind::kScript, call_scripts::testing::kSalesScriptJson), kNow));
  json view = s.ToJson(world.Facts());
  EXPECT_EQ(view["main"]["step"]["text"], "Добрый день! ООО «Бета», меня зовут Ольга.");
  EXPECT_EQ(view["main"]["version"], 3);
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  // A collect step needs its value; nothing moves without it.
  auto empty = s.Next(std::string("  "), false, world, kNow);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(s.ToJson(world.Facts())["main"]["step"]["id"], "identify");
  ASSERT_TRUE(s.Next(std::string(" Анна "), false, world, kNow));
  view = s.ToJson(world.Facts());
  EXPECT_EQ(view["main"]["step"]["text"], "Анна, чем я могу помочь?");
  EXPECT_EQ(view["values"]["caller_name"], "Анна");
  ASSERT_TRUE(s.Choose(0, kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  ASSERT_TRUE(s.Choose(0, kNow));
  // The order step goes on only when the world says the order is there.
  world.refuse = "confirm the order in the order panel first";
  auto early = s.Next(std::nullopt, false, world, kNow);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().message, "confirm the order in the order panel first");
  EXPECT_EQ(s.ToJson(world.Facts())["main"]["step"]["id"], "order");
  world.refuse.clear();
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_EQ(s.ToJson(world.Facts())["main"]["step"]["id"], "window");
  EXPECT_EQ(world.performed, (std::vector<std::string>{"create_order", "create_order"}));

  // Back to the order step and on again: the order is not taken twice.
  ASSERT_TRUE(s.Back(kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_EQ(world.performed.size(), 2u);

  std::vector<std::string> events;
  for (const UseRecord& u : s.TakeRecords()) events.push_back(u.step + ":" + u.event);
  EXPECT_EQ(events, (std::vector<std::string>{"greet:shown", "identify:shown", "identify:collected", "need:shown",
                                              "need:answered", "consult:shown", "decide:shown", "decide:answered",
                                              "order:shown", "order:action", "window:shown", "order:shown",
                                              "window:shown"}));
  EXPECT_TRUE(s.TakeRecords().empty());
}

TEST(CallSession, ConsultThenTransferIsTwoConfirmsAndEndsTheScript) {
  CallSession s(Context());
  FakeWorld world;
  ASSERT_TRUE(s.StartMain(Stored("S-15", ScriptKind::kSituation, kEmergency), kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_EQ(s.ToJson(world.Facts())["main"]["step"]["action"]["stage"], "consult");
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  json view = s.ToJson(world.Facts());
  EXPECT_EQ(view["main"]["step"]["action"]["stage"], "transfer");
  EXPECT_FALSE(view["main"]["ended"]);
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  view = s.ToJson(world.Facts());
  EXPECT_TRUE(view["main"]["ended"]);
  EXPECT_EQ(world.performed, (std::vector<std::string>{"consult_supervisor_then_transfer:consult",
                                                       "consult_supervisor_then_transfer:transfer"}));
  ASSERT_EQ(view["done"].size(), 2u);
  EXPECT_EQ(view["done"][0]["action"], "consult");
  EXPECT_EQ(view["done"][1]["action"], "consult_supervisor_then_transfer");
  EXPECT_FALSE(s.Next(std::nullopt, false, world, kNow));  // nothing is done twice
  EXPECT_EQ(world.performed.size(), 2u);
}

TEST(CallSession, NobodyToConsultMeansTransferAtOnce) {
  CallSession s(Context());
  FakeWorld world;
  ASSERT_TRUE(s.StartMain(Stored("S-15", ScriptKind::kSituation, kEmergency), kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  ASSERT_TRUE(s.Next(std::nullopt, true, world, kNow));
  EXPECT_EQ(world.performed, (std::vector<std::string>{"consult_supervisor_then_transfer:transfer"}));
  EXPECT_TRUE(s.ToJson(world.Facts())["main"]["ended"]);
}

TEST(CallSession, StayingOnTheLineConsultsTheTargetBeforeHandingOver) {
  CallSession s(Context());
  FakeWorld world;
  ASSERT_TRUE(s.StartMain(Stored("S-06", ScriptKind::kSituation, kWarm), kNow));
  json view = s.ToJson(world.Facts());
  EXPECT_EQ(view["main"]["step"]["action"]["stage"], "consult");
  EXPECT_EQ(view["main"]["step"]["action"]["transfer"]["stay"], true);
  // The target has not answered the consult: the hand-over is refused and can be confirmed again.
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_EQ(s.ToJson(world.Facts())["main"]["step"]["action"]["stage"], "transfer");
  world.refuse = "the consulted party has not answered yet";
  EXPECT_FALSE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_FALSE(s.ToJson(world.Facts())["main"]["ended"]);
  world.refuse.clear();
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));
  EXPECT_TRUE(s.ToJson(world.Facts())["main"]["ended"]);
  EXPECT_EQ(world.performed, (std::vector<std::string>{"transfer:consult", "transfer:transfer", "transfer:transfer"}));
}

TEST(CallSession, ASituationRunsOnTopAndReturnsToTheScript) {
  CallSession s(Context());
  FakeWorld world;
  ASSERT_TRUE(s.StartMain(Stored("inbound_sales", ScriptKind::kScript, call_scripts::testing::kSalesScriptJson), kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));  // at "identify"
  ASSERT_TRUE(s.OpenSituation(Stored("S-10", ScriptKind::kSituation, kAside), kNow));
  json view = s.ToJson(world.Facts());
  EXPECT_EQ(view["situation"]["step"]["collect"]["input"], "datetime");
  auto bad = s.Next(std::string("завтра в три"), false, world, kNow);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("2026-11-28T15:00"), std::string::npos);
  ASSERT_TRUE(s.Next(std::string("2026-11-29T15:00"), false, world, kNow));
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));  // schedule_callback
  ASSERT_TRUE(s.Next(std::nullopt, false, world, kNow));  // return
  view = s.ToJson(world.Facts());
  EXPECT_TRUE(view["situation"].is_null());
  EXPECT_EQ(view["main"]["step"]["id"], "identify");  // where the operator left it
  EXPECT_EQ(view["values"]["callback_time"], "2026-11-29T15:00");
  EXPECT_EQ(world.performed, (std::vector<std::string>{"schedule_callback"}));
}

TEST(CallSession, NoScriptMeansNoMoves) {
  CallSession s(Context());
  FakeWorld world;
  auto moved = s.Next(std::nullopt, false, world, kNow);
  ASSERT_FALSE(moved);
  EXPECT_EQ(moved.error().code, core::ErrorCode::kFailedPrecondition);
  json view = s.ToJson(world.Facts());
  EXPECT_TRUE(view["main"].is_null());
  EXPECT_EQ(view["call"], 17);
}

}  // namespace
}  // namespace cc::script_desk
