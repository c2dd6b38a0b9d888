// Phone numbers as the CRM stores and looks them up: E.164 ("+79161234567").
// Operators type numbers in every local habit (8 916 123-45-67, +7 (916)...,
// 00 44 20 ...); the caller's number arrives from telephony in yet another
// form. Both go through NormalizePhone so that lookups are exact matches.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace cc::crm {

// Normalises a phone number to E.164. Spaces, dashes, dots and parentheses
// are ignored. Russian habits are understood: a leading 8 on an 11-digit
// number and a bare 10-digit number are Russian (+7). "00" starts an
// international number. Fails with kInvalidArgument naming the text when
// what is left is not 8 to 15 digits or holds other characters.
core::Result<std::string> NormalizePhone(std::string_view text);

// "+79161234567" -> "+7 916 123-45-67" for Russian numbers; others unchanged.
std::string FormatPhone(std::string_view e164);

}  // namespace cc::crm
