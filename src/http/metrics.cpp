#include "http/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace cc::http {

namespace {
const char* const kClassNames[5] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
}  // namespace

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("http_requests_total")
                   .Help("HTTP requests by method, route pattern and status class")
                   .Register(*registry_);
  durations_ = &prometheus::BuildHistogram()
                    .Name("http_request_duration_seconds")
                    .Help("Time from a complete request to its response being handed to the socket")
                    .Register(*registry_);
  ws_clients_ = &prometheus::BuildGauge()
                     .Name("websocket_clients")
                     .Help("Connected WebSocket clients")
                     .Register(*registry_)
                     .Add({});
}

Metrics::~Metrics() = default;

Metrics::Series& Metrics::SeriesFor(std::string_view method, std::string_view route) {
  if (route.empty()) route = "unmatched";
  std::string key;
  key.reserve(method.size() + 1 + route.size());
  key.append(method).append(" ").append(route);
  std::lock_guard lock(mutex_);
  auto it = series_.find(key);
  if (it != series_.end()) return it->second;
  Series series;
  for (int i = 0; i < 5; ++i) {
    series.by_class[i] = &requests_->Add(
        {{"method", std::string(method)}, {"route", std::string(route)}, {"status", kClassNames[i]}});
  }
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                   0.05,   0.1,   0.25,   0.5,   1,    2.5};
  series.duration = &durations_->Add({{"method", std::string(method)}, {"route", std::string(route)}}, kBuckets);
  return series_.emplace(std::move(key), series).first->second;
}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             std::chrono::steady_clock::duration elapsed) {
  Series& series = SeriesFor(method, route);
  int index = status / 100 - 1;
  if (index >= 0 && index < 5) series.by_class[index]->Increment();
  series.duration->Observe(std::chrono::duration<double>(elapsed).count());
}

void Metrics::SetWebSocketClients(std::size_t count) { ws_clients_->Set(static_cast<double>(count)); }

std::string Metrics::Serialize() const { return prometheus::TextSerializer().Serialize(registry_->Collect()); }

Response Metrics::Handle(Request&) const {
  Response response = Text(200, Serialize());
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return response;
}

}  // namespace cc::http
