// The Authorization / Proxy-Authorization value a phone sends to REGISTER or
// INVITE (sip::IsDigest, sip::ParseDigest), and the check of its response
// (DigestMatches). Properties: what ParseDigest accepts has every required
// field; the credentials written back as a header (all values quoted) parse
// to the same credentials; a response computed with DigestResponse matches
// whenever the algorithm and qop are ones DigestMatches supports, and a
// changed response never does.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "check.h"
#include "telephony/sip/digest.h"

using namespace cc::telephony::sip;

namespace {

std::string Quoted(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Header(const DigestCredentials& c) {
  std::string out = "Digest";
  const char* separator = " ";
  for (const auto& [name, value] :
       {std::pair{"username", &c.username}, std::pair{"realm", &c.realm},
        std::pair{"nonce", &c.nonce}, std::pair{"uri", &c.uri}, std::pair{"response", &c.response},
        std::pair{"algorithm", &c.algorithm}, std::pair{"qop", &c.qop}, std::pair{"nc", &c.nc},
        std::pair{"cnonce", &c.cnonce}, std::pair{"opaque", &c.opaque}}) {
    if (value->empty()) continue;
    out += separator;
    out += name;
    out += '=';
    out += Quoted(*value);
    separator = ", ";
  }
  return out;
}

bool Same(const DigestCredentials& a, const DigestCredentials& b) {
  return a.username == b.username && a.realm == b.realm && a.nonce == b.nonce && a.uri == b.uri &&
         a.response == b.response && a.algorithm == b.algorithm && a.qop == b.qop && a.nc == b.nc &&
         a.cnonce == b.cnonce && a.opaque == b.opaque;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view header(reinterpret_cast<const char*>(data), size);
  (void)IsDigest(header);
  const auto parsed = ParseDigest(header);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().message.empty());
    return 0;
  }
  const DigestCredentials& c = *parsed;
  FUZZ_CHECK(!c.username.empty() && !c.realm.empty() && !c.nonce.empty() && !c.uri.empty() &&
             !c.response.empty());

  const std::string written = Header(c);
  FUZZ_CHECK(IsDigest(written));
  const auto again = ParseDigest(written);
  FUZZ_CHECK(again.has_value() && Same(*again, c));

  const std::string ha1 = DigestHa1(c.username, c.realm, "secret");
  (void)DigestMatches(ha1, "REGISTER", c);
  DigestCredentials answered = c;
  answered.response = DigestResponse(ha1, "REGISTER", answered);
  const bool supported =
      (c.algorithm.empty() || IEquals(c.algorithm, "MD5")) &&
      (c.qop.empty() || (IEquals(c.qop, "auth") && !c.nc.empty() && !c.cnonce.empty()));
  FUZZ_CHECK(DigestMatches(ha1, "REGISTER", answered) == supported);
  answered.response[0] = answered.response[0] == '0' ? '1' : '0';
  FUZZ_CHECK(!DigestMatches(ha1, "REGISTER", answered));
  return 0;
}
