#include "http/request.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace cc::http {

namespace {

std::optional<std::string_view> Find(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params) {
    if (key == name) return std::string_view(value);
  }
  return std::nullopt;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::string_view> Request::Query(std::string_view name) const {
  return Find(query, name);
}

std::optional<std::string_view> Request::Cookie(std::string_view name) const {
  return Find(cookies, name);
}

std::string_view Request::PathParam(std::string_view name) const {
  auto value = Find(path_params, name);
  return value ? *value : std::string_view();
}

core::Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return core::Fail(core::ErrorCode::kInvalidArgument,
                          fmt::format("malformed percent-escape in '{}'", text));
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

core::Result<Params> ParseQueryString(std::string_view query) {
  Params params;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    if (!key) return tl::unexpected(key.error());
    std::string value;
    if (eq != std::string_view::npos) {
      auto decoded = PercentDecode(pair.substr(eq + 1), true);
      if (!decoded) return tl::unexpected(decoded.error());
      value = std::move(*decoded);
    }
    params.emplace_back(std::move(*key), std::move(value));
  }
  return params;
}

Params ParseCookieHeader(std::string_view header) {
  Params cookies;
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view value = Trim(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    cookies.emplace_back(std::string(Trim(pair.substr(0, eq))), std::string(value));
  }
  return cookies;
}

core::Status ParseTarget(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("request target '{}' is not an absolute path", target));
  }
  auto question = target.find('?');
  auto path = PercentDecode(target.substr(0, question), false);
  if (!path) return tl::unexpected(path.error());
  request.path = std::move(*path);
  request.query.clear();
  if (question != std::string_view::npos) {
    auto query = ParseQueryString(target.substr(question + 1));
    if (!query) return tl::unexpected(query.error());
    request.query = std::move(*query);
  }
  return {};
}

core::Result<nlohmann::json> ParseJsonBody(const Request& request) {
  std::string_view type = request.headers.GetOr("Content-Type");
  std::string_view media = Trim(type.substr(0, type.find(';')));
  bool is_json = EqualsIgnoreCase(media, "application/json") ||
                 (media.size() > 5 && EqualsIgnoreCase(media.substr(media.size() - 5), "+json"));
  if (!is_json) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      type.empty() ? std::string("the request body must be JSON: send Content-Type: application/json")
                                   : fmt::format("the request body must be JSON, not '{}'", type));
  }
  if (Trim(request.body).empty()) {
    return core::Fail(core::ErrorCode::kInvalidArgument, "the request body is empty; a JSON document was expected");
  }
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return core::Fail(core::ErrorCode::kInvalidArgument,
                      fmt::format("malformed JSON at byte {}: {}", e.byte, e.what()));
  } catch (const nlohmann::json::exception& e) {
    // E.g. a number too large for a double (1e999): the document is not one we can read either.
    return core::Fail(core::ErrorCode::kInvalidArgument, fmt::format("unreadable JSON: {}", e.what()));
  }
}

}  // namespace cc::http
