// Metrics: the process's Prometheus registry plus the HTTP server's own
// families (requests by method/route/status class, request duration, connected
// WebSocket clients). Other modules add their families to registry().
// Thread-safety: all members are safe from any thread.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/request.h"
#include "http/response.h"

namespace prometheus {
class Registry;
class Counter;
class Histogram;
class Gauge;
template <typename T>
class Family;
}  // namespace prometheus

namespace cc::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

  // Counts one request; `route` is the matched pattern ("" counts as "unmatched").
  void ObserveRequest(std::string_view method, std::string_view route, int status,
                      std::chrono::steady_clock::duration elapsed);
  void SetWebSocketClients(std::size_t count);

  // Everything in the registry in the Prometheus text exposition format.
  std::string Serialize() const;
  // A ready GET /metrics handler (text/plain; version=0.0.4).
  Response Handle(Request& request) const;

 private:
  struct Series {
    prometheus::Counter* by_class[5] = {};  // 1xx..5xx
    prometheus::Histogram* duration = nullptr;
  };
  Series& SeriesFor(std::string_view method, std::string_view route);

  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  prometheus::Gauge* ws_clients_;
  std::mutex mutex_;
  std::unordered_map<std::string, Series> series_;  // GUARDED_BY(mutex_); key "METHOD route"
};

}  // namespace cc::http
