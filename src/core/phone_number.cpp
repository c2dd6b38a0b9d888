#include "core/phone_number.h"

namespace cc::core {

std::string DigitsOf(std::string_view number) {
  std::string digits;
  for (char c : number) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits;
}

}  // namespace cc::core
