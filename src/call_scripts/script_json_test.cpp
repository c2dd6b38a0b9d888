#include "call_scripts/script_json.h"

#include <gtest/gtest.h>

#include <fstream>

#include "call_scripts/testing/sales_script.h"

namespace cc::call_scripts {
namespace {

using nlohmann::json;

json Sales() {
  return json::parse(testing::kSalesScriptJson);
}

std::string ErrorOf(const json& body) {
  auto script = ScriptFromJson(body);
  return script ? std::string("(accepted)") : script.error().message;
}

TEST(ScriptJson, ReadsTheSalesScript) {
  auto script = ScriptFromJson(Sales());
  ASSERT_TRUE(script) << script.error().message;
  EXPECT_EQ(script->id, ScriptId(7));
  EXPECT_EQ(script->tenant, core::TenantId(1));
  EXPECT_EQ(script->version, 3);
  EXPECT_EQ(script->language, Language::kRu);
  EXPECT_EQ(script->start, "greet");
  EXPECT_EQ(script->steps.size(), 13u);
  const auto& need = std::get<Ask>(script->steps.at("need").body);
  ASSERT_EQ(need.options.size(), 3u);
  EXPECT_EQ(need.options[2].next, "complaint");
  const auto& transfer = std::get<Action>(script->steps.at("to_delivery").body);
  EXPECT_EQ(transfer.kind, ActionKind::kTransfer);
  EXPECT_EQ(transfer.transfer.to, TransferTarget::kQueue);
  EXPECT_EQ(transfer.transfer.id, "delivery");
  EXPECT_EQ(std::get<Collect>(script->steps.at("window").body).target, CollectTarget::kOrder);
}

TEST(ScriptJson, RoundTripsExactly) {
  const json original = Sales();
  auto script = ScriptFromJson(original);
  ASSERT_TRUE(script);
  EXPECT_EQ(ToJson(*script), original);
  auto again = ScriptFromJson(ToJson(*script));
  ASSERT_TRUE(again);
  EXPECT_EQ(ToJson(*again), original);
}

TEST(ScriptJson, RoundTripsEveryActionKind) {
  const json body = {
      {"tenant_id", 2},
      {"name", "Playbook"},
      {"version", 1},
      {"language", "en"},
      {"start", "a"},
      {"steps",
       {{"a", {{"kind", "action"}, {"action", "hold"}, {"next", "b"}}},
        {"b", {{"kind", "action"}, {"action", "schedule_callback"}, {"next", "c"}}},
        {"c",
         {{"kind", "action"}, {"action", "open_case"}, {"category", "quality"}, {"next", "d"}}},
        {"d", {{"kind", "action"}, {"action", "transfer"}, {"to", "team_lead"}, {"stay", true}, {"next", "e"}}},
        {"e",
         {{"kind", "action"}, {"action", "consult_supervisor_then_transfer"}, {"number", "112"}}},
        {"f", {{"kind", "action"}, {"action", "requeue_at_head_and_alert"}}},
        {"g", {{"kind", "action"}, {"action", "create_order"}, {"next", "h"}}},
        {"h", {{"kind", "action"}, {"action", "end_call"}, {"outcome", "abusive"}}},
        {"i", {{"kind", "jump"}, {"to", "a"}}},
        {"j", {{"kind", "action"}, {"action", "return"}}},
        {"k",
         {{"kind", "collect"},
          {"label", "When?"},
          {"target", "call"},
          {"field", "callback_time"},
          {"input", "datetime"},
          {"next", "b"}}}}}};
  auto script = ScriptFromJson(body);
  ASSERT_TRUE(script) << script.error().message;
  EXPECT_EQ(ToJson(*script), body);
}

TEST(ScriptJson, ReturnTakesNoNextAndInputMustBeKnown) {
  json body = {{"tenant_id", 2}, {"name", "S"}, {"version", 1}, {"language", "en"}, {"start", "a"},
               {"steps", {{"a", {{"kind", "action"}, {"action", "return"}, {"next", "a"}}}}}};
  auto script = ScriptFromJson(body);
  ASSERT_FALSE(script);
  EXPECT_NE(script.error().message.find("'next' is not a field"), std::string::npos) << script.error().message;
  body["steps"]["a"] = {{"kind", "collect"}, {"label", "L"}, {"target", "call"}, {"field", "f"}, {"input", "date"}};
  script = ScriptFromJson(body);
  ASSERT_FALSE(script);
  EXPECT_NE(script.error().message.find("unknown collect input 'date'"), std::string::npos) << script.error().message;
}

TEST(ScriptJson, ErrorsNameTheStepAndTheField) {
  json body = Sales();
  body["steps"]["to_delivery"]["stay"] = "yes";
  EXPECT_EQ(ErrorOf(body), "step 'to_delivery': 'stay' must be true or false");

  body = Sales();
  body["steps"]["greet"]["next"] = 5;
  EXPECT_EQ(ErrorOf(body), "step 'greet': 'next' must be a string");

  body = Sales();
  body["steps"]["greet"]["kind"] = "sing";
  EXPECT_EQ(ErrorOf(body),
            "step 'greet': 'kind': unknown step kind 'sing'; expected one of say, ask, collect, "
            "action, jump");

  body = Sales();
  body["steps"]["need"]["options"][1].erase("label");
  EXPECT_EQ(ErrorOf(body), "step 'need': option 2: 'label' is required");

  body = Sales();
  body["steps"]["end"]["number"] = "112";
  EXPECT_EQ(ErrorOf(body), "step 'end': 'number' is not a field of an action step");

  body = Sales();
  body["steps"]["identify"]["target"] = "customer";
  EXPECT_EQ(ErrorOf(body),
            "step 'identify': 'target': unknown collect target 'customer'; expected one of call, "
            "order");

  body = Sales();
  body["version"] = 0;
  EXPECT_EQ(ErrorOf(body), "'version' must be an integer from 1 to 1000000");

  body = Sales();
  body.erase("language");
  EXPECT_EQ(ErrorOf(body), "'language' is required");

  body = Sales();
  body["steps"]["bad id"] = {{"kind", "jump"}, {"to", "greet"}};
  EXPECT_EQ(ErrorOf(body), "step 'bad id': a step id may hold only letters, digits, '_' and '-'");
}

TEST(ScriptJson, RejectsTextThatIsNotJson) {
  auto script = ScriptFromJsonText("{\"name\": ");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(script.error().message.find("not valid JSON"), std::string::npos);
}

// fuzz/regressions/call_script/number-overflow.json: json::parse throws
// out_of_range, not parse_error, for a number too large for a double.
TEST(ScriptJson, RejectsANumberTooLargeForADouble) {
  auto script = ScriptFromJsonText(R"({"tenant_id":1e999})");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_NE(script.error().message.find("not valid JSON"), std::string::npos);
}

// Found by fuzz/call_script_fuzz.cpp (fuzz/regressions/call_script/): parsed
// from text, 0 is an unsigned JSON number, whose lower bound went unchecked.
TEST(ScriptJson, ZeroFromTextIsBelowTheRangeToo) {
  auto script = ScriptFromJsonText(
      R"({"tenant_id":1,"name":"","version":0,"language":"en","start":"","steps":{}})");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().message, "'version' must be an integer from 1 to 1000000");

  script = ScriptFromJsonText(
      R"({"tenant_id":0,"name":"","version":1,"language":"en","start":"","steps":{}})");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().message, "'tenant_id' must be an integer from 1 to 4294967295");

  script = ScriptFromJsonText(
      R"({"id":0,"tenant_id":1,"name":"","version":1,"language":"en","start":"","steps":{}})");
  ASSERT_FALSE(script);
  EXPECT_EQ(script.error().message, "'id' must be an integer from 1 to 9223372036854775807");
}

// The schema in api/ must know every kind the code knows.
TEST(ScriptJson, SchemaListsEveryKindTheCodeKnows) {
  std::ifstream in(CC_SOURCE_DIR "/api/call_script.schema.json");
  ASSERT_TRUE(in) << "api/call_script.schema.json is missing";
  const json schema = json::parse(in);
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  auto names = [](auto all) {
    json out = json::array();
    for (auto value : all) out.push_back(ToString(value));
    return out;
  };
  EXPECT_EQ(schema["$defs"]["step"]["properties"]["kind"]["enum"], names(kAllStepKinds));
  EXPECT_EQ(schema["$defs"]["action"]["properties"]["action"]["enum"], names(kAllActionKinds));
  EXPECT_EQ(schema["properties"]["language"]["enum"], names(kAllLanguages));
  const json& step_rules = schema["$defs"]["step"]["allOf"];
  EXPECT_EQ(step_rules[2]["then"]["properties"]["target"]["enum"], names(kAllCollectTargets));
  EXPECT_EQ(step_rules[2]["then"]["properties"]["input"]["enum"], names(kAllCollectInputs));
  const json& action_rules = schema["$defs"]["action"]["allOf"];
  EXPECT_EQ(action_rules[1]["then"]["properties"]["to"]["enum"], names(kAllTransferTargets));
}

}  // namespace
}  // namespace cc::call_scripts
