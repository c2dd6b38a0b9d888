// The SRTP crypto suites (RFC 4568 names) the media engine can run.
#pragma once

#include <string_view>

namespace cc::telephony::media {

inline bool SrtpSuiteSupported(std::string_view suite) {
  return suite == "AES_CM_128_HMAC_SHA1_80" || suite == "AES_CM_128_HMAC_SHA1_32";
}

}  // namespace cc::telephony::media
