// One log line per request refused at the SIP port, in one shape a fail2ban
// filter matches (deploy/fail2ban/filter.d/callcenter-sip.conf):
//
//   sip security: EVENT source=ADDRESS port=PORT transport=udp DETAIL
//
// EVENT is one of auth-failed (wrong password or unknown user), refused (a
// stranger at a centre that takes calls from its peers only), no-route (a
// number the centre does not have), malformed, too-many-calls, banned.
// DETAIL may quote what the request said, made safe with LogSafe.
// Thread-safety: any thread (spdlog).
#pragma once

#include <string>
#include <string_view>

#include "telephony/sip/sip_stack.h"

namespace cc::telephony::sip {

void LogSecurityEvent(std::string_view event, const Peer& source, std::string_view detail);

// `text` with quotes, backslashes and control characters replaced by '?' and
// cut to 64 characters, so a request cannot forge or split log lines.
std::string LogSafe(std::string_view text);

}  // namespace cc::telephony::sip
