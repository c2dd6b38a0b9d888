// Request: one HTTP request as route handlers see it — decoded path and query,
// headers, cookies, body, the peer's address and the route's path parameters.
// Plain data without Beast types. Thread-safety: value type; not synchronised.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "http/headers.h"

namespace cc::http {

using Params = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;          // upper case as sent: "GET", "POST", ...
  std::string target;          // raw request target: "/api/x?y=1"
  std::string path;            // percent-decoded path without the query: "/api/x"
  Params query;                // decoded query parameters in order
  Headers headers;
  Params cookies;              // from the Cookie header
  std::string body;
  std::string remote_address;  // "127.0.0.1:54321"
  std::string route;           // the matched pattern, "/api/agents/{id}"; empty if none
  Params path_params;          // {"id", "42"} for "/api/agents/42"

  std::optional<std::string_view> Header(std::string_view name) const { return headers.Get(name); }
  // First query parameter with this name.
  std::optional<std::string_view> Query(std::string_view name) const;
  std::optional<std::string_view> Cookie(std::string_view name) const;
  // The path parameter named in the route pattern; "" if the route has none by that name.
  std::string_view PathParam(std::string_view name) const;
};

// Decodes %XX escapes (and '+' as space when `plus_is_space`); malformed escapes are an error.
core::Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// "a=1&b=x%20y" -> {{"a","1"},{"b","x y"}}.
core::Result<Params> ParseQueryString(std::string_view query);

// "sid=abc; theme=dark" -> {{"sid","abc"},{"theme","dark"}}; malformed pairs are skipped.
Params ParseCookieHeader(std::string_view header);

// Fills path and query from a raw target; a target that is not an absolute path is an error.
core::Status ParseTarget(std::string_view target, Request& request);

// The body as JSON. Errors (kInvalidArgument) say what is wrong: wrong or missing
// Content-Type, an empty body, or malformed JSON with the parser's position.
core::Result<nlohmann::json> ParseJsonBody(const Request& request);

}  // namespace cc::http
