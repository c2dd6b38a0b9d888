#include "call_scripts/validate.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "call_scripts/script_json.h"

namespace cc::call_scripts {
namespace {

using nlohmann::json;

// A short English script that is valid: greeting, one question, goodbye.
json Valid() {
  return {
      {"tenant_id", 1},
      {"name", "Short survey"},
      {"version", 1},
      {"language", "en"},
      {"start", "hello"},
      {"steps",
       {{"hello", {{"kind", "say"}, {"text", "Hello, this is {company}."}, {"next", "q"}}},
        {"q",
         {{"kind", "ask"},
          {"text", "Do you have a minute for two questions?"},
          {"options", {{{"label", "Yes"}, {"next", "bye"}}, {{"label", "No"}, {"next", "bye"}}}}}},
        {"bye", {{"kind", "action"}, {"action", "end_call"}, {"outcome", "survey_done"}}}}}};
}

std::vector<Problem> ProblemsOf(const json& body) {
  auto script = ScriptFromJson(body);
  EXPECT_TRUE(script) << script.error().message;
  return script ? Validate(*script) : std::vector<Problem>{};
}

::testing::AssertionResult Has(const std::vector<Problem>& problems, const std::string& step,
                               const std::string& message) {
  if (std::find(problems.begin(), problems.end(), Problem{step, message}) != problems.end()) {
    return ::testing::AssertionSuccess();
  }
  auto failure = ::testing::AssertionFailure()
                 << "expected step '" << step << "': " << message << "\ngot:";
  for (const Problem& p : problems) failure << "\n  " << ToString(p);
  return failure;
}

TEST(Validate, AValidScriptHasNoProblems) {
  EXPECT_TRUE(ProblemsOf(Valid()).empty());
}

TEST(Validate, ReferenceToAMissingStep) {
  json body = Valid();
  body["steps"]["q"]["options"][1]["next"] = "thanks";
  EXPECT_TRUE(Has(ProblemsOf(body), "q", "option 'No' leads to 'thanks', which is not a step"));
}

TEST(Validate, MissingStartStep) {
  json body = Valid();
  body["start"] = "welcome";
  EXPECT_TRUE(Has(ProblemsOf(body), "", "the start step 'welcome' is not a step"));
}

TEST(Validate, UnreachableStep) {
  json body = Valid();
  body["steps"]["promo"] = {{"kind", "say"}, {"text", "We have a sale on."}, {"next", "bye"}};
  const auto problems = ProblemsOf(body);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(Has(problems, "promo", "unreachable: no path from the start step leads here"));
}

TEST(Validate, DeadEnds) {
  json body = Valid();
  body["steps"]["hello"].erase("next");
  EXPECT_TRUE(
      Has(ProblemsOf(body), "hello", "dead end: this say step does not say where to go next"));

  body = Valid();
  body["steps"]["hello"] = {{"kind", "action"}, {"action", "hold"}};
  EXPECT_TRUE(
      Has(ProblemsOf(body), "hello", "dead end: this hold step does not say where to go next"));
}

TEST(Validate, AHandOffMayEndTheScript) {
  json body = Valid();
  body["steps"]["q"]["options"][1]["next"] = "emergency";
  body["steps"]["emergency"] = {
      {"kind", "action"}, {"action", "consult_supervisor_then_transfer"}, {"number", "112"}};
  EXPECT_TRUE(ProblemsOf(body).empty());
}

TEST(Validate, UnknownPlaceholder) {
  json body = Valid();
  body["steps"]["hello"]["text"] = "Hello {caler_name}, this is {company}.";
  EXPECT_TRUE(Has(ProblemsOf(body), "hello", "the text uses the unknown placeholder {caler_name}"));
}

TEST(Validate, AskWithNoOptions) {
  json body = Valid();
  body["steps"]["q"]["options"] = json::array();
  EXPECT_TRUE(Has(ProblemsOf(body), "q", "dead end: the question offers no options"));
}

TEST(Validate, AskWithDuplicateLabels) {
  json body = Valid();
  body["steps"]["q"]["options"][1]["label"] = "Yes";
  EXPECT_TRUE(Has(ProblemsOf(body), "q", "two options are labelled 'Yes'"));
}

TEST(Validate, LoopWithNoWayOutNamesItsSteps) {
  json body = Valid();
  body["steps"]["q"]["options"][0]["next"] = "pitch";
  body["steps"]["pitch"] = {{"kind", "say"}, {"text", "Our offer is good."}, {"next", "again"}};
  body["steps"]["again"] = {
      {"kind", "ask"},
      {"text", "Shall I repeat it?"},
      {"options",
       {{{"label", "Yes"}, {"next", "pitch"}}, {{"label", "Once more"}, {"next", "pitch"}}}}};
  const auto problems = ProblemsOf(body);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(
      Has(problems, "again", "loop with no way out: from 'again', 'pitch' the call can never end"));
}

TEST(Validate, ALoopWithAWayOutIsFine) {
  json body = Valid();
  body["steps"]["q"]["options"][1]["next"] = "retry";
  body["steps"]["retry"] = {{"kind", "jump"}, {"to", "q"}};
  EXPECT_TRUE(ProblemsOf(body).empty());
}

TEST(Validate, EmptyTexts) {
  json body = Valid();
  body["steps"]["hello"]["text"] = "";
  body["steps"]["q"]["options"][0]["label"] = "";
  body["steps"]["bye"]["outcome"] = "";
  const auto problems = ProblemsOf(body);
  EXPECT_TRUE(Has(problems, "hello", "the text is empty"));
  EXPECT_TRUE(Has(problems, "q", "the label of option 1 is empty"));
  EXPECT_TRUE(Has(problems, "bye", "end_call names no outcome"));
}

TEST(Validate, EndCallWithANextStep) {
  json body = Valid();
  body["steps"]["bye"]["next"] = "hello";
  EXPECT_TRUE(Has(ProblemsOf(body), "bye",
                  "end_call ends the script, so 'next' ('hello') would never be taken"));
}

TEST(Validate, ProblemReadsWithItsStep) {
  EXPECT_EQ(ToString(Problem{"greet", "the text is empty"}), "step 'greet': the text is empty");
  EXPECT_EQ(ToString(Problem{"", "the script has no name"}), "the script has no name");
}

}  // namespace
}  // namespace cc::call_scripts
