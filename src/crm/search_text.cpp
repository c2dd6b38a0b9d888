#include "crm/search_text.h"

#include <algorithm>
#include <cstdint>

namespace cc::crm {

namespace {

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes come out
// as U+FFFD so that malformed input cannot break the folding.
char32_t Next(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC0 ? 1 : -1;
  if (extra < 0 || i + static_cast<std::size_t>(extra) > s.size()) return 0xFFFD;
  char32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i]);
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (b & 0x3F);
    ++i;
  }
  return cp;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// The folded letter or digit, or 0 for a separator.
char32_t Fold(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return cp;
  if (cp == 0x0401 || cp == 0x0451) return 0x0435;       // Ё ё -> е
  if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;    // А-Я -> а-я
  if (cp >= 0x0430 && cp <= 0x044F) return cp;           // а-я
  if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;    // Ѐ-Џ -> ѐ-џ
  if (cp >= 0x0450 && cp <= 0x045F) return cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;  // Latin-1 capitals
  if (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) return cp;
  if (cp >= 0x0100 && cp <= 0x024F) return cp;  // Latin extended: kept
  return 0;
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && std::find(words.begin(), words.end(), word) == words.end()) {
      words.push_back(word);
    }
    word.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t folded = Fold(Next(text, i));
    if (folded == 0) {
      flush();
    } else {
      Append(word, folded);
    }
  }
  flush();
  return words;
}

std::vector<std::string> QueryWords(std::string_view query, std::size_t max_words) {
  auto words = SearchWords(query);
  if (words.size() > max_words) words.resize(max_words);
  return words;
}

std::string SortKey(std::string_view text) {
  std::string key;
  std::string word;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t folded = Fold(Next(text, i));
    if (folded == 0) {
      if (!word.empty()) key += (key.empty() ? "" : " ") + word;
      word.clear();
    } else {
      Append(word, folded);
    }
  }
  if (!word.empty()) key += (key.empty() ? "" : " ") + word;
  return key;
}

std::string PrefixEnd(const std::string& prefix) {
  // Words hold only letters and digits, all below U+10FFFF, whose UTF-8 form
  // (F4 8F BF BF) sorts after every other code point's.
  return prefix + "\xF4\x8F\xBF\xBF";
}

}  // namespace cc::crm
