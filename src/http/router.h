// Router: maps (method, path pattern) to a synchronous handler. Patterns are
// literal segments and {name} parameters: "/api/agents/{id}/state".
// Unknown paths get a 404 problem, a known path with another method a 405
// with Allow, and a handler that throws a 500 problem (logged).
// Thread-safety: Add() only before the server starts; Dispatch() is const and
// safe from any number of threads.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.h"
#include "http/response.h"

namespace cc::http {

// Runs on a server io thread; it may block briefly (e.g. on a future).
using Handler = std::function<Response(Request&)>;

class Router {
 public:
  // A malformed pattern or a duplicate (method, pattern) is a programming error and aborts.
  Router& Add(std::string method, std::string_view pattern, Handler handler);

  // Sets request.route and request.path_params and runs the matching handler.
  Response Dispatch(Request& request) const;

  // Answers GET requests that match no route (e.g. the web app's files); its
  // request.route is "(static)". Without one they get the 404 problem.
  Router& SetFallback(Handler handler);

  std::size_t size() const { return routes_.size(); }

 private:
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<Segment> segments;
    Handler handler;
  };

  static bool Matches(const Route& route, const std::vector<std::string>& segments);

  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace cc::http
