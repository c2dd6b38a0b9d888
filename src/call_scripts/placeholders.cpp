#include "call_scripts/placeholders.h"

#include <algorithm>

namespace cc::call_scripts {

namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

// Calls `on_text(piece)` for plain text and `on_name(name)` for each placeholder.
template <typename OnText, typename OnName>
void Scan(std::string_view text, OnText on_text, OnName on_name) {
  std::size_t plain_from = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '{') {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && IsNameChar(text[end])) ++end;
    if (end == i + 1 || end >= text.size() || text[end] != '}') {
      ++i;
      continue;
    }
    on_text(text.substr(plain_from, i - plain_from));
    on_name(text.substr(i + 1, end - i - 1));
    i = end + 1;
    plain_from = i;
  }
  on_text(text.substr(plain_from));
}

}  // namespace

const std::vector<std::string>& KnownPlaceholders() {
  static const std::vector<std::string> kKnown = {
      "caller_name",         "operator_name",         "company",        "product_line",
      "customer.name",       "customer.phone",        "customer.email", "customer.city",
      "customer.address",    "order.number",          "order.items",    "order.total",
      "order.delivery_date", "order.delivery_window", "order.address",  "order.receiver",
  };
  return kKnown;
}

bool IsKnownPlaceholder(std::string_view name) {
  const auto& known = KnownPlaceholders();
  return std::find(known.begin(), known.end(), name) != known.end();
}

std::vector<std::string> PlaceholdersIn(std::string_view text) {
  std::vector<std::string> names;
  Scan(
      text, [](std::string_view) {}, [&names](std::string_view name) { names.emplace_back(name); });
  return names;
}

std::vector<std::string> Unknown(std::string_view text) {
  std::vector<std::string> unknown;
  for (const std::string& name : PlaceholdersIn(text)) {
    if (IsKnownPlaceholder(name)) continue;
    if (std::find(unknown.begin(), unknown.end(), name) == unknown.end()) unknown.push_back(name);
  }
  return unknown;
}

std::string MissingMark(std::string_view name) {
  return "[?" + std::string(name) + "]";
}

std::string Fill(std::string_view text, const PlaceholderValues& values) {
  std::string out;
  out.reserve(text.size());
  Scan(
      text, [&out](std::string_view piece) { out += piece; },
      [&out, &values](std::string_view name) {
        if (!IsKnownPlaceholder(name)) {
          out += '{';
          out += name;
          out += '}';
          return;
        }
        const auto it = values.find(std::string(name));
        out += (it == values.end() || it->second.empty()) ? MissingMark(name) : it->second;
      });
  return out;
}

}  // namespace cc::call_scripts
