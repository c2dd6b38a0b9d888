#include "api/util.h"

#include <charconv>

namespace cc::api {

using core::ErrorCode;
using core::Fail;

core::Result<nlohmann::json> BodyOrEmpty(const http::Request& request) {
  if (request.body.empty()) return nlohmann::json::object();
  auto body = http::ParseJsonBody(request);
  if (!body) return body;
  if (!body->is_object()) return Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  return body;
}

namespace {

core::Result<std::uint64_t> ParseId(std::string_view text, const std::string& what) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > 0xFFFFFFFFull) {
    return Fail(ErrorCode::kInvalidArgument, what + " must be a positive whole number");
  }
  return value;
}

}  // namespace

core::Result<std::uint64_t> PathId(const http::Request& request, std::string_view name) {
  return ParseId(request.PathParam(name), "the id in the path");
}

core::Result<std::uint64_t> IdField(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return Fail(ErrorCode::kInvalidArgument, "'" + field + "' is required");
  const auto& v = body[field];
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0 || v.get<std::uint64_t>() > 0xFFFFFFFFull) {
    return Fail(ErrorCode::kInvalidArgument, "'" + field + "' must be a positive whole number");
  }
  return v.get<std::uint64_t>();
}

core::Result<std::string> TextField(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field)) return Fail(ErrorCode::kInvalidArgument, "'" + field + "' is required");
  if (!body[field].is_string() || body[field].get<std::string>().empty()) {
    return Fail(ErrorCode::kInvalidArgument, "'" + field + "' must be a non-empty string");
  }
  return body[field].get<std::string>();
}

core::Result<std::string> OptionalText(const nlohmann::json& body, const std::string& field) {
  if (!body.contains(field) || body[field].is_null()) return std::string();
  if (!body[field].is_string()) {
    return Fail(ErrorCode::kInvalidArgument, "'" + field + "' must be a string");
  }
  return body[field].get<std::string>();
}

core::Result<long long> QueryInt(const http::Request& request, std::string_view name,
                                 long long fallback, long long min, long long max) {
  auto text = request.Query(name);
  if (!text) return fallback;
  long long value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Fail(ErrorCode::kInvalidArgument, "query parameter '" + std::string(name) +
                                                 "' must be a whole number from " +
                                                 std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

core::Status Await(std::future<centre::Ack> ack) {
  centre::Ack a = ack.get();
  core::Status durable = a.durable.get();
  if (!a.applied) return a.applied;
  if (!durable) {
    return Fail(ErrorCode::kUnavailable, "the change could not be stored: " + durable.error().message);
  }
  return {};
}

http::Response Ok(const nlohmann::json& body) { return http::Json(200, body); }
http::Response Created(const nlohmann::json& body) { return http::Json(201, body); }
http::Response NoContent() {
  http::Response r;
  r.status = 204;
  return r;
}
http::Response Error(const core::Error& error) { return http::ProblemFrom(error); }

}  // namespace cc::api
