#include "http/response.h"

#include <nlohmann/json.hpp>

#include "http/json_text.h"

namespace cc::http {

Response Text(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response Json(int status, const nlohmann::json& value) {
  Response response;
  response.status = status;
  response.body = JsonText(value);
  response.content_type = "application/json";
  return response;
}

Response Problem(int status, std::string_view title, std::string_view detail) {
  nlohmann::json problem = {{"type", "about:blank"},
                            {"title", std::string(title)},
                            {"status", status},
                            {"detail", std::string(detail)}};
  Response response = Json(status, problem);
  response.content_type = "application/problem+json";
  return response;
}

int StatusFor(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::kInvalidArgument: return 400;
    case core::ErrorCode::kUnauthenticated: return 401;
    case core::ErrorCode::kPermissionDenied: return 403;
    case core::ErrorCode::kNotFound: return 404;
    case core::ErrorCode::kAlreadyExists: return 409;
    case core::ErrorCode::kFailedPrecondition: return 409;
    case core::ErrorCode::kResourceExhausted: return 429;
    case core::ErrorCode::kUnavailable: return 503;
    case core::ErrorCode::kInternal: return 500;
  }
  return 500;
}

Response ProblemFrom(const core::Error& error) {
  int status = StatusFor(error.code);
  return Problem(status, ReasonPhrase(status), error.message);
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 426: return "Upgrade Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return "Unknown";
  }
}

}  // namespace cc::http
