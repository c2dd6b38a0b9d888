#include "crm/phone.h"

#include <fmt/format.h>

namespace cc::crm {

core::Result<std::string> NormalizePhone(std::string_view text) {
  std::string digits;
  bool plus = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') {
      continue;
    } else {
      return core::Fail(core::ErrorCode::kInvalidArgument,
                        fmt::format("\"{}\" is not a phone number: unexpected character '{}'",
                                    text, c));
    }
  }
  if (!plus) {
    if (digits.starts_with("00")) {
      digits.erase(0, 2);
    } else if (digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) {
      digits[0] = '7';
    } else if (digits.size() == 10) {
      digits.insert(digits.begin(), '7');
    }
  }
  if (digits.size() < 8 || digits.size() > 15 || digits[0] == '0') {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("\"{}\" is not a phone number: expected 8 to 15 digits with "
                                  "the country code, e.g. +7 916 123-45-67",
                                  text));
  }
  digits.insert(digits.begin(), '+');
  return digits;
}

std::string FormatPhone(std::string_view e164) {
  if (e164.size() == 12 && e164.starts_with("+7")) {
    return fmt::format("+7 {} {}-{}-{}", e164.substr(2, 3), e164.substr(5, 3), e164.substr(8, 2),
                       e164.substr(10, 2));
  }
  return std::string(e164);
}

}  // namespace cc::crm
