// Logging in and out, who am I, one's own password and API tokens.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/util.h"

namespace cc::api {

namespace {

using core::ErrorCode;
using nlohmann::json;

// Built field by field: an initializer list would copy every nested value
// (this runs on every GET /api/me and login).
json PrincipalJson(const access::Principal& p) {
  json j(json::value_t::object);
  j["id"] = p.user.value();
  j["login"] = p.login;
  j["name"] = p.display_name;
  j["role"] = access::ToString(p.role);
  j["team"] = p.team ? json(p.team->value()) : json(nullptr);
  json& led = j["led_teams"] = json(json::value_t::array);
  for (auto t : p.led_teams) led.push_back(t.value());
  json& tenants = j["tenants"] = json(json::value_t::array);
  for (auto t : p.tenants) tenants.push_back(t.value());
  j["agent"] = p.user.value();
  return j;
}

std::string SessionCookie(const std::string& token, long long max_age_s, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie, token,
                     max_age_s, secure ? "; Secure" : "");
}

json TokenJson(const access::ApiTokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"created_at", core::FormatUtc(t.created_at)},
          {"revoked", t.revoked}};
}

}  // namespace

void AddAuthRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("POST", "/api/login", [&s](http::Request& r) {
    auto body = http::ParseJsonBody(r);
    if (!body) return Error(body.error());
    if (!body->is_object()) return Error({ErrorCode::kInvalidArgument, "the body must be a JSON object"});
    auto login = TextField(*body, "login");
    if (!login) return Error(login.error());
    auto password = TextField(*body, "password");
    if (!password) return Error(password.error());
    std::string previous(r.Cookie(kSessionCookie).value_or(""));
    const core::Timestamp now = s.clock.Now();
    auto result = s.auth.Login(*login, *password, r.remote_address, now, previous);
    if (!result) return Error(result.error());
    json j = PrincipalJson(result->principal);
    j["csrf_token"] = result->csrf_token;
    j["expires_at"] = core::FormatUtc(result->expires_at);
    auto response = Ok(j);
    const long long max_age =
        std::chrono::duration_cast<std::chrono::seconds>(result->expires_at - now).count();
    response.headers.Add("Set-Cookie", SessionCookie(result->session_token, max_age, s.secure_cookies));
    response.headers.Set("Cache-Control", "no-store");
    return response;
  });

  router.Add("POST", "/api/logout", [&s, guard](http::Request& r) {
    auto caller = guard.Authenticate(r);
    if (!caller) return Error(caller.error());
    if (caller->cookie) {
      std::string token(r.Cookie(kSessionCookie).value_or(""));
      if (auto st = s.auth.Logout(token, r.remote_address, s.clock.Now()); !st) return Error(st.error());
    }
    auto response = NoContent();
    response.headers.Add("Set-Cookie", SessionCookie("", 0, s.secure_cookies));
    return response;
  });

  router.Add("GET", "/api/me", [guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kReadMe);
    if (!caller) return Error(caller.error());
    json j = PrincipalJson(caller->who);
    // A page reloaded in the browser learns its session's CSRF token here
    // (same-origin only: the cookie is SameSite=Strict and there is no CORS).
    if (caller->cookie) j["csrf_token"] = caller->csrf_token;
    auto response = Ok(j);
    response.headers.Set("Cache-Control", "no-store");
    return response;
  });

  router.Add("POST", "/api/me/password", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kChangeOwnPassword);
    if (!caller) return Error(caller.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto old_password = TextField(*body, "old_password");
    if (!old_password) return Error(old_password.error());
    auto new_password = TextField(*body, "new_password");
    if (!new_password) return Error(new_password.error());
    std::string session(r.Cookie(kSessionCookie).value_or(""));
    auto st = s.auth.ChangePassword(caller->who, *old_password, *new_password, session,
                                    r.remote_address, s.clock.Now());
    if (!st) return Error(st.error());
    return NoContent();
  });

  router.Add("GET", "/api/tokens", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kManageOwnTokens);
    if (!caller) return Error(caller.error());
    auto list = s.tokens.List(caller->who.user);
    if (!list) return Error(list.error());
    json out = json::array();
    for (const auto& t : *list) out.push_back(TokenJson(t));
    return Ok(out);
  });

  router.Add("POST", "/api/tokens", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kManageOwnTokens);
    if (!caller) return Error(caller.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    auto name = TextField(*body, "name");
    if (!name) return Error(name.error());
    auto created = s.tokens.Create(caller->who.user, *name, s.clock.Now());
    if (!created) return Error(created.error());
    guard.Audit(*caller, r, "token.create", "api_token", std::to_string(created->info.id));
    json j = TokenJson(created->info);
    j["token"] = created->token;
    return Created(j);
  });

  router.Add("DELETE", "/api/tokens/{id}", [&s, guard](http::Request& r) {
    auto caller = guard.Require(r, Action::kManageOwnTokens);
    if (!caller) return Error(caller.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    if (auto st = s.tokens.Revoke(caller->who, static_cast<std::int64_t>(*id)); !st) {
      return Error(st.error());
    }
    guard.Audit(*caller, r, "token.revoke", "api_token", std::to_string(*id));
    return NoContent();
  });
}

}  // namespace cc::api
