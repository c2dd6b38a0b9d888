// Origin checking for WebSocket upgrades: a browser's Origin must be the same
// origin as the Host it connects to, or one of the configured origins.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cc::http {

// `origin` is the Origin header ("https://host:port"); `host` the Host header.
// Requests without an Origin (non-browser clients) are not checked here.
bool IsOriginAllowed(std::string_view origin, std::string_view host, const std::vector<std::string>& allowed);

}  // namespace cc::http
