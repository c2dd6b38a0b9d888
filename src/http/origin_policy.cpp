#include "http/origin_policy.h"

#include "http/headers.h"

namespace cc::http {

bool IsOriginAllowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed) {
  for (const std::string& entry : allowed) {
    if (EqualsIgnoreCase(entry, origin)) return true;
  }
  auto scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos || host.empty()) return false;
  std::string_view scheme = origin.substr(0, scheme_end);
  std::string_view authority = origin.substr(scheme_end + 3);
  if (authority.empty() || authority.find('/') != std::string_view::npos) return false;
  if (EqualsIgnoreCase(authority, host)) return true;
  // "http://h" matches Host "h:80", "https://h" matches "h:443".
  std::string_view default_port = EqualsIgnoreCase(scheme, "https") ? ":443"
                                  : EqualsIgnoreCase(scheme, "http") ? ":80"
                                                                      : "";
  if (default_port.empty()) return false;
  std::string with_port = std::string(authority) + std::string(default_port);
  if (EqualsIgnoreCase(with_port, host)) return true;
  return EqualsIgnoreCase(authority, std::string(host) + std::string(default_port));
}

}  // namespace cc::http
