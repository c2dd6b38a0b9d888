#include "call_scripts/testing/sales_script.h"

#include <gtest/gtest.h>

#include <memory>

#include "call_scripts/runner.h"
#include "call_scripts/script_json.h"
#include "call_scripts/validate.h"

namespace cc::call_scripts {
namespace {

std::shared_ptr<const Script> SalesScript() {
  auto script = ScriptFromJsonText(testing::kSalesScriptJson);
  EXPECT_TRUE(script) << script.error().message;
  return std::make_shared<const Script>(*script);
}

TEST(SalesScript, ValidatesClean) {
  const std::vector<Problem> problems = Validate(*SalesScript());
  for (const Problem& p : problems) ADD_FAILURE() << ToString(p);
  EXPECT_TRUE(problems.empty());
}

TEST(SalesScript, WalksAnOrderFromGreetingToFarewell) {
  auto run = Run::Start(SalesScript());
  ASSERT_TRUE(run) << run.error().message;
  const PlaceholderValues values = {
      {"company", "ООО «Бета»"},          {"operator_name", "Ольга"},
      {"caller_name", "Иван Петрович"},   {"product_line", "кофемашины"},
      {"order.items", "кофемашина КМ-2"}, {"order.delivery_window", "завтра с 10 до 14"},
      {"order.total", "24 900 ₽"}};

  EXPECT_EQ(run->View(values).text, "Добрый день! ООО «Бета», меня зовут Ольга.");
  ASSERT_TRUE(run->Next());
  EXPECT_EQ(run->View(values).kind, StepKind::kCollect);
  ASSERT_TRUE(run->Next());
  const StepView need = run->View(values);
  EXPECT_EQ(need.text, "Иван Петрович, чем я могу помочь?");
  ASSERT_EQ(need.options.size(), 3u);
  ASSERT_TRUE(run->Choose(0));
  EXPECT_EQ(run->View(values).text,
            "На кофемашины сейчас скидка десять процентов до конца месяца.");
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(0));  // yes, order
  EXPECT_EQ(run->current(), "order");
  ASSERT_TRUE(run->Next());  // the desk has created the order
  ASSERT_TRUE(run->Next());  // delivery window typed in
  EXPECT_EQ(run->View(values).text,
            "Проверим: кофемашина КМ-2, доставка завтра с 10 до 14, сумма 24 900 ₽. Всё "
            "верно?");
  ASSERT_TRUE(run->Choose(0));
  ASSERT_TRUE(run->Next());
  EXPECT_TRUE(run->ended());
  EXPECT_TRUE(run->View(values).ends);
  EXPECT_EQ(run->path(),
            (std::vector<std::string>{"greet", "identify", "need", "consult", "decide", "order",
                                      "window", "read_back", "farewell", "end"}));
  EXPECT_FALSE(run->Next());
}

TEST(SalesScript, CorrectingTheReadBackJumpsToTheDeliveryWindowAgain) {
  auto run = Run::Start(SalesScript());
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(0));
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(0));
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Next());
  ASSERT_EQ(run->current(), "read_back");
  ASSERT_TRUE(run->Choose(1));  // fix: the jump is followed, not shown
  EXPECT_EQ(run->current(), "window");
  EXPECT_EQ(run->path().back(), "window");
  EXPECT_EQ(run->path().size(), 9u);
}

TEST(SalesScript, AQuestionAboutDeliveryEndsWithATransfer) {
  auto run = Run::Start(SalesScript());
  ASSERT_TRUE(run);
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Next());
  ASSERT_TRUE(run->Choose(1));
  EXPECT_EQ(run->current(), "to_delivery");
  EXPECT_TRUE(run->ended());
}

}  // namespace
}  // namespace cc::call_scripts
