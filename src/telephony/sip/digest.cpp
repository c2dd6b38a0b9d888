#include "telephony/sip/digest.h"

#include <openssl/evp.h>

#include <array>
#include <cctype>

#include <fmt/format.h>

namespace cc::telephony::sip {
namespace {

core::Error Bad(std::string message) {
  return core::Error{core::ErrorCode::kInvalidArgument, "digest: " + std::move(message)};
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

void SkipSpace(std::string_view text, std::size_t& i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
}

}  // namespace

bool IsDigest(std::string_view header) {
  std::size_t i = 0;
  while (i < header.size() && (header[i] == ' ' || header[i] == '\t')) ++i;
  std::size_t end = i;
  while (end < header.size() && header[end] != ' ' && header[end] != '\t') ++end;
  return IEquals(header.substr(i, end - i), "Digest");
}

core::Result<DigestCredentials> ParseDigest(std::string_view header) {
  std::size_t i = 0;
  SkipSpace(header, i);
  std::size_t scheme_end = i;
  while (scheme_end < header.size() && header[scheme_end] != ' ' && header[scheme_end] != '\t') ++scheme_end;
  if (!IEquals(header.substr(i, scheme_end - i), "Digest")) {
    return tl::unexpected(Bad("the scheme is not Digest"));
  }
  i = scheme_end;
  DigestCredentials c;
  while (true) {
    SkipSpace(header, i);
    if (i >= header.size()) break;
    std::size_t name_start = i;
    while (i < header.size() && header[i] != '=' && header[i] != ',' && header[i] != ' ') ++i;
    std::string_view name = header.substr(name_start, i - name_start);
    SkipSpace(header, i);
    if (i >= header.size() || header[i] != '=') {
      return tl::unexpected(Bad(fmt::format("parameter '{}' has no value", name)));
    }
    ++i;
    SkipSpace(header, i);
    std::string value;
    if (i < header.size() && header[i] == '"') {
      ++i;
      bool closed = false;
      while (i < header.size()) {
        char ch = header[i++];
        if (ch == '\\' && i < header.size()) {
          value += header[i++];
        } else if (ch == '"') {
          closed = true;
          break;
        } else {
          value += ch;
        }
      }
      if (!closed) return tl::unexpected(Bad(fmt::format("parameter '{}' has no closing quote", name)));
    } else {
      std::size_t start = i;
      while (i < header.size() && header[i] != ',' && header[i] != ' ' && header[i] != '\t') ++i;
      value = std::string(header.substr(start, i - start));
    }
    if (IEquals(name, "username")) c.username = value;
    else if (IEquals(name, "realm")) c.realm = value;
    else if (IEquals(name, "nonce")) c.nonce = value;
    else if (IEquals(name, "uri")) c.uri = value;
    else if (IEquals(name, "response")) c.response = value;
    else if (IEquals(name, "algorithm")) c.algorithm = value;
    else if (IEquals(name, "qop")) c.qop = value;
    else if (IEquals(name, "nc")) c.nc = value;
    else if (IEquals(name, "cnonce")) c.cnonce = value;
    else if (IEquals(name, "opaque")) c.opaque = value;
    SkipSpace(header, i);
    if (i < header.size()) {
      if (header[i] != ',') return tl::unexpected(Bad("parameters must be separated by commas"));
      ++i;
    }
  }
  for (auto [field, label] : {std::pair{&c.username, "username"}, std::pair{&c.realm, "realm"},
                              std::pair{&c.nonce, "nonce"}, std::pair{&c.uri, "uri"},
                              std::pair{&c.response, "response"}}) {
    if (field->empty()) return tl::unexpected(Bad(fmt::format("'{}' is missing", label)));
  }
  return c;
}

std::string Md5Hex(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest.data(), &length, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int k = 0; k < length; ++k) {
    hex += kHex[digest[k] >> 4];
    hex += kHex[digest[k] & 0xf];
  }
  return hex;
}

std::string DigestHa1(std::string_view user, std::string_view realm, std::string_view password) {
  return Md5Hex(fmt::format("{}:{}:{}", user, realm, password));
}

std::string DigestResponse(std::string_view ha1, std::string_view method,
                           const DigestCredentials& c) {
  const std::string ha2 = Md5Hex(fmt::format("{}:{}", method, c.uri));
  if (c.qop.empty()) return Md5Hex(fmt::format("{}:{}:{}", ha1, c.nonce, ha2));
  return Md5Hex(fmt::format("{}:{}:{}:{}:{}:{}", ha1, c.nonce, c.nc, c.cnonce, c.qop, ha2));
}

bool DigestMatches(std::string_view ha1, std::string_view method, const DigestCredentials& c) {
  if (!c.algorithm.empty() && !IEquals(c.algorithm, "MD5")) return false;
  if (!c.qop.empty() && !IEquals(c.qop, "auth")) return false;
  if (!c.qop.empty() && (c.nc.empty() || c.cnonce.empty())) return false;
  const std::string expected = DigestResponse(ha1, method, c);
  if (expected.size() != c.response.size()) return false;
  unsigned char diff = 0;  // compare in constant time
  for (std::size_t k = 0; k < expected.size(); ++k) {
    diff |= static_cast<unsigned char>(
        expected[k] ^ static_cast<char>(std::tolower(static_cast<unsigned char>(c.response[k]))));
  }
  return diff == 0;
}

std::string DigestChallenge(std::string_view realm, std::string_view nonce, bool stale) {
  return fmt::format("Digest realm=\"{}\", nonce=\"{}\", algorithm=MD5, qop=\"auth\"{}", realm, nonce,
                     stale ? ", stale=true" : "");
}

}  // namespace cc::telephony::sip
