// ServerContext: what every connection of one Server shares — options, the
// router, metrics, the WebSocket hub and the session registry. Internal to cc_http.
// Thread-safety: immutable after Start() except `stopping` and the registry.
#pragma once

#include <atomic>

#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"
#include "http/session_registry.h"

namespace cc::http {

struct ServerContext {
  ServerOptions options;
  Router router;
  Metrics* metrics = nullptr;
  SessionRegistry registry;
  std::atomic<bool> stopping{false};
};

}  // namespace cc::http
