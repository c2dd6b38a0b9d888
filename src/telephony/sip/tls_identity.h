// The server's TLS identity for SIP: checks that a certificate and its key
// are readable PEM and belong together (sofia-sip would start anyway and
// fail every handshake), then writes them where sofia-sip looks: agent.pem
// (certificate, then key) in a private folder.
// Thread-safety: plain function; touches only `work_dir`.
#pragma once

#include <string>

#include "core/result.h"

namespace cc::telephony::sip {

// The folder to give sofia-sip (TPTAG_CERTIFICATE), or an error naming the
// file that is wrong and why.
core::Result<std::string> PrepareTlsIdentity(const std::string& certificate, const std::string& key,
                                             const std::string& work_dir);

}  // namespace cc::telephony::sip
