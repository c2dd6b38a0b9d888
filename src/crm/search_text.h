// Text search that gives the same results on SQLite and PostgreSQL: text is
// folded here, in C++, to lower-case words (Cyrillic and Latin; ё = е), and
// the databases only compare the folded words byte by byte. A query matches
// a record when every query word is a prefix of one of the record's words.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cc::crm {

// Lower-cases Latin and Cyrillic letters, turns ё into е, and splits on
// everything that is not a letter or a digit. Other scripts' letters are kept
// as they are. Words are returned once each, in the order they first appear.
std::vector<std::string> SearchWords(std::string_view text);

// The words of a query, at most `max_words` (the rest is ignored).
std::vector<std::string> QueryWords(std::string_view query, std::size_t max_words = 5);

// The key lists sort by: the folded words joined by spaces (both databases
// compare it byte by byte, so they give the same order).
std::string SortKey(std::string_view text);

// The upper bound of the byte range of words starting with `prefix`:
// every such word w satisfies prefix <= w < PrefixEnd(prefix).
std::string PrefixEnd(const std::string& prefix);

}  // namespace cc::crm
