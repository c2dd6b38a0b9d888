// IVR menus: everyone who reads the centre's configuration sees the menus of
// their tenants; those who manage queues create, change and delete them. The
// body is the menu's JSON (ivr/menu_json.h); validation messages name the
// node and key that are wrong.
#include <nlohmann/json.hpp>

#include "api/routes.h"
#include "api/util.h"
#include "ivr/menu_json.h"

namespace cc::api {
namespace {

using core::ErrorCode;
using nlohmann::json;

core::Status Available(ApiServices& s) {
  if (!s.ivr) return core::Fail(ErrorCode::kUnavailable, "IVR menus are not available on this server");
  return {};
}

// The menu the path names, if it exists and the caller sees its tenant (a denial is audited).
core::Result<ivr::Menu> MenuInPath(ApiServices& s, const Guard& guard, const Caller& c, http::Request& r) {
  auto id = PathId(r);
  if (!id) return tl::unexpected(id.error());
  auto menu = s.ivr->Find(static_cast<std::int64_t>(*id));
  if (!menu) return tl::unexpected(menu.error());
  if (!*menu) return core::Fail(ErrorCode::kNotFound, "there is no IVR menu " + std::to_string(*id));
  if (!access::CanSeeTenant(c.who, (*menu)->tenant)) return tl::unexpected(guard.Deny(c, r, "this IVR menu"));
  return **menu;
}

}  // namespace

void AddIvrRoutes(http::Router& router, ApiServices& s, Guard guard) {
  using access::Action;

  router.Add("GET", "/api/ivr/menus", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadConfig);
    if (!c) return Error(c.error());
    if (auto a = Available(s); !a) return Error(a.error());
    auto menus = s.ivr->Menus();
    if (!menus) return Error(menus.error());
    json out = json::array();
    for (const auto& m : *menus) {
      if (access::CanSeeTenant(c->who, m.tenant)) out.push_back(ivr::ToJson(m));
    }
    return Ok({{"menus", out}});
  });

  router.Add("GET", "/api/ivr/menus/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kReadConfig);
    if (!c) return Error(c.error());
    if (auto a = Available(s); !a) return Error(a.error());
    auto menu = MenuInPath(s, guard, *c, r);
    if (!menu) return Error(menu.error());
    return Ok(ivr::ToJson(*menu));
  });

  auto save = [&s, guard](http::Request& r, bool create) {
    auto c = guard.Require(r, Action::kManageQueues);
    if (!c) return Error(c.error());
    if (auto a = Available(s); !a) return Error(a.error());
    auto body = BodyOrEmpty(r);
    if (!body) return Error(body.error());
    if (!body->is_object()) return Error({ErrorCode::kInvalidArgument, "the menu must be a JSON object"});
    std::int64_t id = 0;
    if (!create) {
      auto existing = MenuInPath(s, guard, *c, r);
      if (!existing) return Error(existing.error());
      id = existing->id;
    }
    if (!body->contains("tenant")) {
      if (c->who.tenants.empty()) return Error({ErrorCode::kInvalidArgument, "'tenant' is required"});
      (*body)["tenant"] = c->who.tenants.front().value();
    }
    auto menu = ivr::MenuFromJson(*body);
    if (!menu) return Error(menu.error());
    if (!access::CanSeeTenant(c->who, menu->tenant)) {
      return Error({ErrorCode::kPermissionDenied, "you may not manage tenant " + std::to_string(menu->tenant.value())});
    }
    menu->id = id;
    auto saved = s.ivr->Save(std::move(*menu));
    if (!saved) return Error(saved.error());
    guard.Audit(*c, r, create ? "ivr.menu.create" : "ivr.menu.update", "ivr_menu", std::to_string(saved->id),
                ivr::ToJson(*saved));
    return create ? Created(ivr::ToJson(*saved)) : Ok(ivr::ToJson(*saved));
  };
  router.Add("POST", "/api/ivr/menus", [save](http::Request& r) { return save(r, true); });
  router.Add("PUT", "/api/ivr/menus/{id}", [save](http::Request& r) { return save(r, false); });

  router.Add("DELETE", "/api/ivr/menus/{id}", [&s, guard](http::Request& r) {
    auto c = guard.Require(r, Action::kManageQueues);
    if (!c) return Error(c.error());
    if (auto a = Available(s); !a) return Error(a.error());
    auto menu = MenuInPath(s, guard, *c, r);
    if (!menu) return Error(menu.error());
    if (auto d = s.ivr->Delete(menu->id); !d) return Error(d.error());
    guard.Audit(*c, r, "ivr.menu.delete", "ivr_menu", std::to_string(menu->id));
    return NoContent();
  });
}

}  // namespace cc::api
