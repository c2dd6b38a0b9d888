// HTTP digest authentication as SIP uses it (RFC 2617 / RFC 3261 22.4), MD5
// only — what sofia-sip and common phones support. Parsing of the
// Authorization header the phone sent, the challenge we send, and the check
// of the response against the stored HA1 (MD5 of user:realm:password; the
// password itself is never stored).
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace cc::telephony::sip {

struct DigestCredentials {
  std::string username;
  std::string realm;
  std::string nonce;
  std::string uri;
  std::string response;
  std::string algorithm;  // empty means MD5
  std::string qop;        // "" or "auth"
  std::string nc;
  std::string cnonce;
  std::string opaque;
};

// Whether an Authorization value is in the Digest scheme (case-insensitive):
// another scheme is answered with a fresh Digest challenge, not an error.
bool IsDigest(std::string_view header);

// Reads `Digest name="value", name=value, ...`; fails on another scheme, an
// unterminated quote or a missing username, realm, nonce, uri or response.
core::Result<DigestCredentials> ParseDigest(std::string_view header);

std::string Md5Hex(std::string_view text);
std::string DigestHa1(std::string_view user, std::string_view realm, std::string_view password);

// The response a phone holding the right password computes.
std::string DigestResponse(std::string_view ha1, std::string_view method,
                           const DigestCredentials& credentials);

// Whether `credentials` prove knowledge of the password behind `ha1` for a
// request with `method`. Only MD5 and qop "auth" or none are accepted.
bool DigestMatches(std::string_view ha1, std::string_view method,
                   const DigestCredentials& credentials);

// The WWW-Authenticate / Proxy-Authenticate value for a fresh challenge.
std::string DigestChallenge(std::string_view realm, std::string_view nonce, bool stale);

}  // namespace cc::telephony::sip
