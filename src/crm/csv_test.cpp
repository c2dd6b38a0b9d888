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

// Found by fuzz/csv_fuzz.cpp (fuzz/regressions/csv/): a first field that
// starts with a byte-order mark lost it when written and read back.
TEST(Csv, AFieldStartingWithAByteOrderMarkReadsBack) {
  auto rows = ParseCsv("\"\"\xEF\xBB\xBFsku,");
  ASSERT_TRUE(rows) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0], (CsvRow{"\xEF\xBB\xBFsku", ""}));
  auto again = ParseCsv(CsvLine((*rows)[0]));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, *rows);
}

}  // namespace
}  // namespace cc::crm
