#include "http/json_text.h"

#include <charconv>
#include <string_view>

namespace cc::http {

namespace {

using nlohmann::json;

// Strict UTF-8 (no overlong forms, surrogates or code points past U+10FFFF),
// the same rule nlohmann's decoder applies.
bool ValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    std::size_t need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
    } else if (c == 0xE0) {
      need = 2, lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      need = 2;
    } else if (c == 0xED) {
      need = 2, hi = 0x9F;
    } else if (c == 0xF0) {
      need = 3, lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      need = 3;
    } else if (c == 0xF4) {
      need = 3, hi = 0x8F;
    } else {
      return false;
    }
    if (static_cast<std::size_t>(end - p) <= need) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (std::size_t i = 2; i <= need; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += need + 1;
  }
  return true;
}

void AppendEscaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default: {
        const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xF]};
        out.append(escape, sizeof escape);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

void AppendString(std::string& out, const std::string& s) {
  bool plain = true;  // nothing to escape and nothing past ASCII: copied whole
  bool ascii = true;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      ascii = false;
    } else if (c < 0x20 || c == '"' || c == '\\') {
      plain = false;
    }
  }
  if (plain && ascii) {
    out.push_back('"');
    out.append(s);
    out.push_back('"');
  } else if (ascii || ValidUtf8(s)) {
    AppendEscaped(out, s);
  } else {
    // Invalid bytes become U+FFFD exactly as nlohmann replaces them.
    out += json(s).dump(-1, ' ', false, json::error_handler_t::replace);
  }
}

template <class Int>
void AppendInt(std::string& out, Int value) {
  char buffer[24];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, end);
}

}  // namespace

void AppendJsonText(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, item] : value.get_ref<const json::object_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        AppendString(out, key);
        out.push_back(':');
        AppendJsonText(out, item);
      }
      out.push_back('}');
      return;
    }
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const json& item : value.get_ref<const json::array_t&>()) {
        if (!first) out.push_back(',');
        first = false;
        AppendJsonText(out, item);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string: AppendString(out, value.get_ref<const std::string&>()); return;
    case json::value_t::boolean: out.append(value.get<bool>() ? "true" : "false"); return;
    case json::value_t::number_integer: AppendInt(out, value.get<json::number_integer_t>()); return;
    case json::value_t::number_unsigned: AppendInt(out, value.get<json::number_unsigned_t>()); return;
    case json::value_t::null: out.append("null"); return;
    default:  // floats (nlohmann's shortest form), binary, discarded: as nlohmann writes them
      out += value.dump(-1, ' ', false, json::error_handler_t::replace);
      return;
  }
}

std::string JsonText(const json& value) {
  std::string out;
  out.reserve(256);
  AppendJsonText(out, value);
  return out;
}

}  // namespace cc::http
