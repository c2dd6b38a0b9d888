#include "telephony/sip/security_log.h"

#include <spdlog/spdlog.h>

namespace cc::telephony::sip {

void LogSecurityEvent(std::string_view event, const Peer& source, std::string_view detail) {
  spdlog::warn("sip security: {} source={} port={} transport={} {}", event,
               source.address.empty() ? std::string("unknown") : source.address, source.port,
               source.transport.empty() ? std::string("udp") : source.transport, detail);
}

std::string LogSafe(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f || c == '"' || c == '\\') ? '?' : c;
  }
  return out;
}

}  // namespace cc::telephony::sip
