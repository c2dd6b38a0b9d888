// Placeholders in script texts: "{caller_name}", "{order.total}". The known
// names are listed here, in one place; the editor, the validator and the
// agent desktop all read this list.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cc::call_scripts {

// Values by placeholder name ("caller_name" -> "Анна").
using PlaceholderValues = std::map<std::string, std::string>;

// Every placeholder a script may use, without braces.
const std::vector<std::string>& KnownPlaceholders();
bool IsKnownPlaceholder(std::string_view name);

// The placeholder names used in `text`, in order, repeats included. A
// placeholder is "{" name "}" where name is made of a-z, 0-9, '_' and '.';
// other braces are plain text.
std::vector<std::string> PlaceholdersIn(std::string_view text);

// The names used in `text` that are not known, each once, in order.
std::vector<std::string> Unknown(std::string_view text);

// What Fill leaves for a known placeholder that has no value: "[?caller_name]".
std::string MissingMark(std::string_view name);

// `text` with known placeholders replaced by their values; a known one
// without a value becomes MissingMark(name); unknown ones are left as written.
std::string Fill(std::string_view text, const PlaceholderValues& values);

}  // namespace cc::call_scripts
