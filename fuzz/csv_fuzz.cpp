// CSV files uploaded to the customer and product import (crm::ParseCsv).
// Property: the records written back (CsvLine) parse to the same records.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "crm/csv.h"

using namespace cc::crm;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto rows = ParseCsv(text);
  if (!rows) {
    FUZZ_CHECK(!rows.error().message.empty());
    return 0;
  }
  std::string written;
  for (const CsvRow& row : *rows) {
    FUZZ_CHECK(!row.empty());
    written += CsvLine(row);
  }
  const auto again = ParseCsv(written);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(*again == *rows);
  return 0;
}
