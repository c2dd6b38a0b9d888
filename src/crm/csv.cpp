#include "crm/csv.h"

#include <fmt/format.h>

namespace cc::crm {

core::Result<std::vector<CsvRow>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool field_started = false;
  int line = 1;
  int quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool empty = row.size() == 1 && row[0].empty();
    if (!empty) rows.push_back(std::move(row));
    row.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started && field.empty()) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  if (quoted) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("line {}: a quoted field is never closed", quote_line));
  }
  if (!field.empty() || !row.empty()) end_row();
  return rows;
}

std::string CsvLine(const CsvRow& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    const std::string& f = fields[i];
    // A leading byte-order mark is quoted too: at the start of a file ParseCsv
    // would skip it as the file's own.
    if (f.find_first_of(",\"\r\n") == std::string::npos && !f.starts_with("\xEF\xBB\xBF")) {
      out += f;
      continue;
    }
    out.push_back('"');
    for (char c : f) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out += "\r\n";
  return out;
}

}  // namespace cc::crm
