// Phone numbers as people and trunks write them.
#pragma once

#include <string>
#include <string_view>

namespace cc::core {

// The digits of `number` ("+7 (495) 123-45-67" -> "74951234567").
std::string DigitsOf(std::string_view number);

}  // namespace cc::core
