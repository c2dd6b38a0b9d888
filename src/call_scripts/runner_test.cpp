#include "call_scripts/runner.h"

#include <gtest/gtest.h>

#include "call_scripts/script_json.h"

namespace cc::call_scripts {
namespace {

std::shared_ptr<const Script> Callback(int version, const std::string& greeting) {
  nlohmann::json body = {
      {"tenant_id", 1},
      {"name", "Callback request"},
      {"version", version},
      {"language", "en"},
      {"start", "hello"},
      {"steps",
       {{"hello", {{"kind", "say"}, {"text", greeting}, {"next", "when"}}},
        {"when",
         {{"kind", "ask"},
          {"text", "Would you like us to call you back?"},
          {"options",
           {{{"label", "Yes, {caller_name}"}, {"next", "book"}},
            {{"label", "No"}, {"next", "bye"}}}}}},
        {"book", {{"kind", "action"}, {"action", "schedule_callback"}, {"next", "bye"}}},
        {"bye", {{"kind", "action"}, {"action", "end_call"}, {"outcome", "callback"}}}}}};
  auto script = ScriptFromJson(body);
  EXPECT_TRUE(script) << script.error().message;
  return std::make_shared<const Script>(*script);
}

TEST(Run, RefusesAnInvalidScript) {
  auto script = std::make_shared<Script>(*Callback(1, "Hello."));
  script->start = "nowhere";
  auto run = Run::Start(script);
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_NE(run.error().message.find("'nowhere'"), std::string::npos) << run.error().message;
}

TEST(Run, WrongMovesAreErrorsAndChangeNothing) {
  auto run = Run::Start(Callback(1, "Hello."));
  ASSERT_TRUE(run);
  auto choose = run->Choose(0);
  ASSERT_FALSE(choose);
  EXPECT_EQ(choose.error().message,
            "step 'hello' is a say step, not a question: there is nothing to choose");
  EXPECT_FALSE(run->Back());
  EXPECT_FALSE(run->Forward());
  ASSERT_TRUE(run->Next());
  auto out_of_range = run->Choose(2);
  ASSERT_FALSE(out_of_range);
  EXPECT_EQ(out_of_range.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(out_of_range.error().message, "step 'when' has 2 option(s); option 3 does not exist");
  auto next_on_ask = run->Next();
  ASSERT_FALSE(next_on_ask);
  EXPECT_EQ(next_on_ask.error().message, "step 'when' is a question: choose an option");
  EXPECT_EQ(run->path(), (std::vector<std::string>{"hello", "when"}));
}

TEST(Run, BackAndForwardKeepThePathRight) {
  auto run = Run::Start(Callback(1, "Hello."));
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(0));
  EXPECT_EQ(run->path(), (std::vector<std::string>{"hello", "when", "book"}));

  ASSERT_TRUE(run->Back());
  ASSERT_TRUE(run->Back());
  EXPECT_EQ(run->path(), (std::vector<std::string>{"hello"}));
  ASSERT_TRUE(run->Forward());
  EXPECT_EQ(run->path(), (std::vector<std::string>{"hello", "when"}));

  // A different choice drops what was undone.
  ASSERT_TRUE(run->Choose(1));
  EXPECT_EQ(run->path(), (std::vector<std::string>{"hello", "when", "bye"}));
  EXPECT_FALSE(run->Forward());
  EXPECT_TRUE(run->ended());
  ASSERT_TRUE(run->Back());
  EXPECT_FALSE(run->ended());
  EXPECT_EQ(run->current(), "when");
}

TEST(Run, OptionsAreFilledAndMissingValuesMarked) {
  auto run = Run::Start(Callback(1, "Hello, {caller_name}."));
  ASSERT_TRUE(run);
  EXPECT_EQ(run->View({}).text, "Hello, [?caller_name].");
  ASSERT_TRUE(run->Next());
  const StepView view = run->View({{"caller_name", "Ann"}});
  EXPECT_EQ(view.kind, StepKind::kAsk);
  EXPECT_EQ(view.options, (std::vector<std::string>{"Yes, Ann", "No"}));
  EXPECT_FALSE(view.ends);
}

TEST(Run, TheCallKeepsTheVersionItStartedWith) {
  std::shared_ptr<const Script> published = Callback(1, "Hello.");
  auto run = Run::Start(published);
  ASSERT_TRUE(run);
  published = Callback(2, "Good morning.");  // a new version is published mid-call
  EXPECT_EQ(run->version(), 1);
  EXPECT_EQ(run->View({}).text, "Hello.");
  auto copy = *run;  // the state is a value: a copy walks on alone
  ASSERT_TRUE(copy.Next());
  EXPECT_EQ(run->current(), "hello");
  EXPECT_EQ(copy.current(), "when");
}

}  // namespace
}  // namespace cc::call_scripts
