#include "call_scripts/placeholders.h"

#include <gtest/gtest.h>

namespace cc::call_scripts {
namespace {

TEST(Placeholders, FillsRussianText) {
  const PlaceholderValues values = {{"caller_name", "Мария"}, {"company", "ООО «Бета»"}};
  EXPECT_EQ(Fill("Здравствуйте, {caller_name}! Вас приветствует {company}.", values),
            "Здравствуйте, Мария! Вас приветствует ООО «Бета».");
}

TEST(Placeholders, MarksAKnownPlaceholderWithoutAValue) {
  EXPECT_EQ(Fill("Ваш заказ {order.number} принят.", {}), "Ваш заказ [?order.number] принят.");
  EXPECT_EQ(Fill("Hello, {caller_name}.", {{"caller_name", ""}}), "Hello, [?caller_name].");
}

TEST(Placeholders, LeavesUnknownPlaceholdersAndPlainBracesAsWritten) {
  EXPECT_EQ(Fill("{nickname} {not a placeholder} {} {", {{"nickname", "x"}}),
            "{nickname} {not a placeholder} {} {");
}

TEST(Placeholders, ListsUnknownNamesOnceInOrder) {
  EXPECT_EQ(Unknown("{caller_nmae}, {company}, {order.colour}, {caller_nmae}"),
            (std::vector<std::string>{"caller_nmae", "order.colour"}));
  EXPECT_TRUE(Unknown("{customer.city} {order.total} {product_line}").empty());
}

TEST(Placeholders, TheKnownListHoldsTheIssuesNames) {
  for (const char* name : {"caller_name", "operator_name", "company", "product_line"}) {
    EXPECT_TRUE(IsKnownPlaceholder(name)) << name;
  }
  EXPECT_EQ(PlaceholdersIn("{a}{b.c}"), (std::vector<std::string>{"a", "b.c"}));
}

}  // namespace
}  // namespace cc::call_scripts
