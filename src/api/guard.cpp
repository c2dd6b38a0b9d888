#include "api/guard.h"

#include <spdlog/spdlog.h>

#include "access/secrets.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using core::Fail;

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

core::Result<Caller> Guard::Authenticate(const http::Request& request) const {
  if (auto header = request.Header("Authorization")) {
    std::string_view value = *header;
    if (!value.starts_with("Bearer ")) {
      return Fail(ErrorCode::kUnauthenticated, "the Authorization header must be 'Bearer TOKEN'");
    }
    auto who = services_.auth.AuthenticateBearer(value.substr(7));
    if (!who) return tl::unexpected(who.error());
    return Caller{std::move(*who), false, {}};
  }
  auto cookie = request.Cookie(kSessionCookie);
  if (!cookie || cookie->empty()) {
    return Fail(ErrorCode::kUnauthenticated, "log in first (POST /api/login) or send a bearer token");
  }
  auto session = services_.auth.Authenticate(*cookie, services_.clock.Now());
  if (!session) return tl::unexpected(session.error());
  if (ChangesState(request.method)) {
    auto csrf = request.Header("X-CSRF-Token");
    if (!csrf || !access::SecretEquals(*csrf, session->csrf_token)) {
      return Fail(ErrorCode::kPermissionDenied,
                  "missing or wrong X-CSRF-Token header (use the csrf_token from the login answer)");
    }
  }
  return Caller{std::move(session->principal), true, std::move(session->csrf_token)};
}

core::Result<Caller> Guard::Require(const http::Request& request, access::Action action) const {
  auto caller = Authenticate(request);
  if (!caller) return caller;
  if (!access::Allows(caller->who, action)) {
    return tl::unexpected(Deny(*caller, request, std::string(access::ToString(action))));
  }
  return caller;
}

core::Error Guard::Deny(const Caller& caller, const http::Request& request, std::string what) const {
  access::AuditEntry entry;
  entry.at = services_.clock.Now();
  entry.actor_user = caller.who.user;
  entry.actor_login = caller.who.login;
  entry.action = "access";
  entry.object_type = "endpoint";
  entry.object_id = request.method + " " + request.path;
  entry.outcome = access::AuditOutcome::kDenied;
  entry.remote_address = request.remote_address;
  entry.detail = {{"needed", what}};
  if (auto st = services_.audit.Append(std::move(entry)).get(); !st) {
    spdlog::error("audit write failed: {}", st.error().message);
  }
  return core::Error{ErrorCode::kPermissionDenied,
                     "your role (" + std::string(access::ToString(caller.who.role)) +
                         ") may not access " + what};
}

void Guard::Audit(const Caller& caller, const http::Request& request, std::string action,
                  std::string object_type, std::string object_id, nlohmann::json detail) const {
  access::AuditEntry entry;
  entry.at = services_.clock.Now();
  entry.actor_user = caller.who.user;
  entry.actor_login = caller.who.login;
  entry.action = std::move(action);
  entry.object_type = std::move(object_type);
  entry.object_id = std::move(object_id);
  entry.outcome = access::AuditOutcome::kOk;
  entry.remote_address = request.remote_address;
  entry.detail = detail.is_object() ? std::move(detail) : nlohmann::json{{"value", detail}};
  if (auto st = services_.audit.Append(std::move(entry)).get(); !st) {
    spdlog::error("audit write failed: {}", st.error().message);
  }
}

}  // namespace cc::api
