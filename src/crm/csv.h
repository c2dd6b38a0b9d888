// CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double
// quotes when they hold commas, quotes or line breaks, "" for a quote, CRLF
// or LF line ends, UTF-8 (a leading byte-order mark is skipped).
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace cc::crm {

using CsvRow = std::vector<std::string>;

// Every record, the header included. An unterminated quote is an error
// naming the line it started on; empty lines are skipped.
core::Result<std::vector<CsvRow>> ParseCsv(std::string_view text);

// One record with CRLF, quoting fields that need it.
std::string CsvLine(const CsvRow& fields);

}  // namespace cc::crm
