#include "http/router.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace cc::http {

namespace {

[[noreturn]] void BadRoute(std::string_view why, std::string_view pattern) {
  std::fprintf(stderr, "http::Router: %.*s: '%.*s'\n", static_cast<int>(why.size()), why.data(),
               static_cast<int>(pattern.size()), pattern.data());
  std::abort();
}

// Splits "/a/b" into {"a","b"}; "/" is one empty segment.
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  path.remove_prefix(1);
  while (true) {
    auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return parts;
}

}  // namespace

Router& Router::Add(std::string method, std::string_view pattern, Handler handler) {
  if (pattern.empty() || pattern.front() != '/') BadRoute("pattern must start with '/'", pattern);
  if (!handler) BadRoute("empty handler", pattern);
  Route route{std::move(method), std::string(pattern), {}, std::move(handler)};
  for (std::string_view part : SplitPath(pattern)) {
    bool open = part.find('{') != std::string_view::npos, close = part.find('}') != std::string_view::npos;
    if (open || close) {
      if (part.size() < 3 || part.front() != '{' || part.back() != '}' ||
          part.substr(1, part.size() - 2).find_first_of("{}") != std::string_view::npos) {
        BadRoute("a parameter must be a whole segment like {id}", pattern);
      }
      route.segments.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      route.segments.push_back({std::string(part), false});
    }
  }
  for (const Route& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      BadRoute(fmt::format("duplicate route for {}", route.method), pattern);
    }
  }
  routes_.push_back(std::move(route));
  return *this;
}

Router& Router::SetFallback(Handler handler) {
  fallback_ = std::move(handler);
  return *this;
}

bool Router::Matches(const Route& route, const std::vector<std::string>& segments) {
  if (route.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Segment& s = route.segments[i];
    if (s.is_param ? segments[i].empty() : s.text != segments[i]) return false;
  }
  return true;
}

Response Router::Dispatch(Request& request) const {
  std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (raw_path.empty() || raw_path.front() != '/') {
    return Problem(400, "Bad Request", fmt::format("request target '{}' is not an absolute path", request.target));
  }
  std::vector<std::string> segments;
  for (std::string_view part : SplitPath(raw_path)) {
    auto decoded = PercentDecode(part, false);
    if (!decoded) return ProblemFrom(decoded.error());
    segments.push_back(std::move(*decoded));
  }

  const Route* found = nullptr;
  std::vector<std::string_view> allowed;
  for (const Route& route : routes_) {
    if (!Matches(route, segments)) continue;
    if (route.method == request.method) {
      found = &route;
      break;
    }
    allowed.push_back(route.method);
  }
  if (found == nullptr) {
    if (allowed.empty()) {
      if (fallback_ && request.method == "GET") {
        request.route = "(static)";
        return fallback_(request);
      }
      return Problem(404, "Not Found", fmt::format("no resource at {}", request.path));
    }
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    std::string allow = fmt::format("{}", fmt::join(allowed, ", "));
    Response response =
        Problem(405, "Method Not Allowed", fmt::format("{} does not allow {}; allowed: {}", request.path,
                                                       request.method, allow));
    response.headers.Set("Allow", allow);
    // The route is known, so metrics can attribute the 405 to it.
    for (const Route& route : routes_) {
      if (Matches(route, segments)) {
        request.route = route.pattern;
        break;
      }
    }
    return response;
  }

  request.route = found->pattern;
  request.path_params.clear();
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (found->segments[i].is_param) request.path_params.emplace_back(found->segments[i].text, segments[i]);
  }
  try {
    return found->handler(request);
  } catch (const std::exception& e) {
    spdlog::error("http: handler for {} {} threw: {}", request.method, found->pattern, e.what());
  } catch (...) {
    spdlog::error("http: handler for {} {} threw a non-standard exception", request.method, found->pattern);
  }
  return Problem(500, "Internal Server Error", "the server failed to handle this request; the error is logged");
}

}  // namespace cc::http
