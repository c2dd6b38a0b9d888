#include "telephony/sip/replaces.h"

#include <cctype>

namespace cc::telephony::sip {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

core::Result<std::string> Unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    const int hi = i + 2 < s.size() ? HexDigit(s[i + 1]) : -1;
    const int lo = i + 2 < s.size() ? HexDigit(s[i + 2]) : -1;
    if (hi < 0 || lo < 0) return core::Fail(core::ErrorCode::kInvalidArgument, "a bad %-escape in the URI headers");
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

// Characters a URI header value may carry unescaped (RFC 3261 25.1: hnv-unreserved and unreserved).
bool Plain(unsigned char c) {
  return std::isalnum(c) || std::string_view("-_.!~*'()[]/?:+$").find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

core::Result<DialogRef> ParseReplaces(std::string_view value) {
  DialogRef ref;
  std::size_t start = 0;
  bool first = true;
  while (start <= value.size()) {
    const std::size_t end = std::min(value.find(';', start), value.size());
    const std::string_view part = Trim(value.substr(start, end - start));
    start = end + 1;
    if (first) {
      ref.call_id = std::string(part);
      first = false;
      continue;
    }
    const std::size_t eq = part.find('=');
    const std::string_view name = Trim(part.substr(0, eq));
    const std::string_view v = eq == std::string_view::npos ? std::string_view() : Trim(part.substr(eq + 1));
    if (IEquals(name, "to-tag")) {
      ref.to_tag = std::string(v);
    } else if (IEquals(name, "from-tag")) {
      ref.from_tag = std::string(v);
    } else if (IEquals(name, "early-only")) {
      ref.early_only = true;
    }
  }
  if (ref.call_id.empty()) return core::Fail(core::ErrorCode::kInvalidArgument, "Replaces without a Call-ID");
  if (ref.to_tag.empty() || ref.from_tag.empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "Replaces needs both to-tag and from-tag");
  }
  return ref;
}

core::Result<std::optional<DialogRef>> ReplacesInUriHeaders(std::string_view headers) {
  std::size_t start = 0;
  while (start < headers.size()) {
    const std::size_t end = std::min(headers.find('&', start), headers.size());
    const std::string_view header = headers.substr(start, end - start);
    start = end + 1;
    const std::size_t eq = header.find('=');
    if (eq == std::string_view::npos || !IEquals(header.substr(0, eq), "Replaces")) continue;
    auto value = Unescape(header.substr(eq + 1));
    if (!value) return tl::unexpected(value.error());
    auto ref = ParseReplaces(*value);
    if (!ref) return tl::unexpected(ref.error());
    return std::optional<DialogRef>(std::move(*ref));
  }
  return std::optional<DialogRef>();
}

std::string ReplacesUriValue(const DialogRef& ref) {
  const std::string text = ref.call_id + ";to-tag=" + ref.to_tag + ";from-tag=" + ref.from_tag +
                           (ref.early_only ? ";early-only" : "");
  std::string out;
  for (unsigned char c : text) {
    if (Plain(c)) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

bool NamesDialog(const DialogRef& ref, std::string_view call_id, std::string_view local_tag,
                 std::string_view remote_tag) {
  if (ref.call_id != call_id || local_tag.empty() || remote_tag.empty()) return false;
  return (ref.to_tag == local_tag && ref.from_tag == remote_tag) ||
         (ref.to_tag == remote_tag && ref.from_tag == local_tag);
}

}  // namespace cc::telephony::sip
