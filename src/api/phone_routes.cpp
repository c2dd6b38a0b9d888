// Agents' SIP phones: admins set an agent's SIP password (the SIP user name
// is the login), anyone who may read the user sees whether a phone is
// registered and where. The password is kept only as a digest HA1.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/scope.h"
#include "api/seats.h"
#include "api/util.h"

namespace cc::api {
namespace {

using core::ErrorCode;
using nlohmann::json;

}  // namespace

void AddPhoneRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;
  router.Add("GET", "/api/users/{id}/sip", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadUsers);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto user = s.directory.GetUser(core::UserId(static_cast<std::uint32_t>(*id)));
    if (!user) return Error(user.error());
    if (!SharesTenant(c->who, user->tenants)) return Error(guard.Deny(*c, r, "this user"));
    if (!s.phones) return Error({ErrorCode::kUnavailable, "SIP accounts are not available on this server"});
    json phone = s.phones->Phone(user->id);
    phone["sip_user"] = user->login;
    return Ok(phone);
  });

  router.Add("PUT", "/api/users/{id}/sip", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageUsers);
    if (!c) return Error(c.error());
    auto id = PathId(r);
    if (!id) return Error(id.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    for (const auto& [key, value] : body->items()) {
      if (key != "password") return Error({ErrorCode::kInvalidArgument, "unknown field '" + key + "' (password)"});
    }
    auto password = TextField(*body, "password");
    if (!password) return Error(password.error());
    auto user = s.directory.GetUser(core::UserId(static_cast<std::uint32_t>(*id)));
    if (!user) return Error(user.error());
    if (!SharesTenant(c->who, user->tenants)) return Error(guard.Deny(*c, r, "this user"));
    if (!TakesCalls(user->role)) {
      return Error({ErrorCode::kInvalidArgument, "only operators and team leads take calls on a phone"});
    }
    if (!s.phones) return Error({ErrorCode::kUnavailable, "SIP accounts are not available on this server"});
    if (auto st = s.phones->SetSipPassword(user->id, user->login, *password); !st) return Error(st.error());
    guard.Audit(*c, r, "user.sip", "user", std::to_string(*id));
    json phone = s.phones->Phone(user->id);
    phone["sip_user"] = user->login;
    return Ok(phone);
  });
}

}  // namespace cc::api
