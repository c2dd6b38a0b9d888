#include "crm/search_text.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

using Words = std::vector<std::string>;

TEST(SearchWords, FoldsCaseInBothAlphabetsAndYoToYe) {
  EXPECT_EQ(SearchWords("Чай ЗЕЛЁНЫЙ, Green Tea"), (Words{"чай", "зеленый", "green", "tea"}));
  EXPECT_EQ(SearchWords("ёлка Ёлка елка"), (Words{"елка"}));
}

TEST(SearchWords, SplitsOnPunctuationAndKeepsDigits) {
  EXPECT_EQ(SearchWords("TEA-001/Пуэр 357г."), (Words{"tea", "001", "пуэр", "357г"}));
  EXPECT_EQ(SearchWords("  ...  "), Words{});
}

TEST(SearchWords, MalformedUtf8DoesNotBreakFolding) {
  const std::string bad = std::string("abc\xD0") + " " + "\xFF" + "def";
  const Words words = SearchWords(bad);
  ASSERT_FALSE(words.empty());
  EXPECT_EQ(words.front(), "abc");
}

TEST(QueryWords, KeepsAtMostTheGivenNumber) {
  EXPECT_EQ(QueryWords("a b c d e f g", 3), (Words{"a", "b", "c"}));
}

TEST(PrefixEnd, EveryWordWithThePrefixSortsBetween) {
  for (const std::string word : {"чай", "чайник", "чаяя", "ча9", "чa"}) {
    const bool has_prefix = word.starts_with("ча");
    const bool in_range = std::string("ча") <= word && word < PrefixEnd("ча");
    EXPECT_EQ(has_prefix, in_range) << word;
  }
}

}  // namespace
}  // namespace cc::crm
