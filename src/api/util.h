// Small helpers shared by the route files: reading ids and fields from a
// request with errors that name the field, waiting for the live centre's
// acknowledgement, and turning results into responses.
// Thread-safety: pure functions (Await blocks the calling HTTP thread).
#pragma once

#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "centre/centre.h"
#include "core/result.h"
#include "http/request.h"
#include "http/response.h"

namespace cc::api {

// The JSON body, or {} when the request has no body at all.
core::Result<nlohmann::json> BodyOrEmpty(const http::Request& request);
// A positive integer path parameter ("/api/queues/{id}").
core::Result<std::uint64_t> PathId(const http::Request& request, std::string_view name = "id");
// A required positive integer field of a JSON object.
core::Result<std::uint64_t> IdField(const nlohmann::json& body, const std::string& field);
// A required non-empty string field.
core::Result<std::string> TextField(const nlohmann::json& body, const std::string& field);
// An optional string field ("" when absent); wrong type is an error.
core::Result<std::string> OptionalText(const nlohmann::json& body, const std::string& field);
// An integer query parameter within [min, max], or `fallback` when absent.
core::Result<long long> QueryInt(const http::Request& request, std::string_view name,
                                 long long fallback, long long min, long long max);

// Waits for the centre: first whether the engine took the input, then for the
// log write holding its events (acknowledged = durable).
core::Status Await(std::future<centre::Ack> ack);

http::Response Ok(const nlohmann::json& body);
http::Response Created(const nlohmann::json& body);
http::Response NoContent();
http::Response Error(const core::Error& error);

template <typename T>
http::Response Reply(const core::Result<T>& result, int status = 200) {
  if (!result) return Error(result.error());
  return http::Json(status, nlohmann::json(*result));
}

}  // namespace cc::api
