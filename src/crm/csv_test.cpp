#include "crm/csv.h"

#include <gtest/gtest.h>

namespace cc::crm {
namespace {

TEST(Csv, QuotesCommasLineBreaksAndDoubledQuotes) {
  auto rows = ParseCsv("\xEF\xBB\xBFname,note\r\n\"Ромашка, ООО\",\"сказал \"\"да\"\"\nи ушёл\"\r\n\r\nПётр,\n");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (CsvRow{"name", "note"}));
  EXPECT_EQ((*rows)[1], (CsvRow{"Ромашка, ООО", "сказал \"да\"\nи ушёл"}));
  EXPECT_EQ((*rows)[2], (CsvRow{"Пётр", ""}));
}

TEST(Csv, UnclosedQuoteNamesItsLine) {
  auto rows = ParseCsv("a,b\n1,2\n3,\"open\n");
  ASSERT_FALSE(rows);
  EXPECT_EQ(rows.error().message, "line 3: a quoted field is never closed");
}

TEST(Csv, WrittenLinesReadBack) {
  const CsvRow row = {"plain", "with, comma", "with \"quote\"", "two\nlines", ""};
  auto rows = ParseCsv(CsvLine(row) + CsvLine(row));
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[1], row);
}

}  // namespace
}  // namespace cc::crm
