// Response: what a route handler returns — status, headers, body and content
// type — plus helpers for JSON bodies and RFC 9457 problem details.
// Thread-safety: value type; not synchronised.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "http/headers.h"

namespace cc::http {

struct Response {
  int status = 200;
  Headers headers;  // extra fields; Content-Type and Content-Length are set by the server
  std::string body;
  std::string content_type = "text/plain; charset=utf-8";
};

Response Text(int status, std::string body);
// `value` serialised as application/json.
Response Json(int status, const nlohmann::json& value);
// application/problem+json: {"type":"about:blank","title":...,"status":...,"detail":...}.
Response Problem(int status, std::string_view title, std::string_view detail);
// The HTTP status for an error code: kInvalidArgument 400, kUnauthenticated 401,
// kPermissionDenied 403, kNotFound 404, kAlreadyExists and kFailedPrecondition 409,
// kResourceExhausted 429, kUnavailable 503, kInternal 500.
int StatusFor(core::ErrorCode code);
// A problem response for an error, with the error's message as its detail.
Response ProblemFrom(const core::Error& error);
// The standard reason phrase ("Not Found"); "Unknown" for codes it does not know.
std::string_view ReasonPhrase(int status);

}  // namespace cc::http
