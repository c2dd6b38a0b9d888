#include "api/crm_support.h"

#include <fmt/format.h>

#include <charconv>

#include "api/util.h"

namespace cc::api {

using core::ErrorCode;
using core::Fail;

crm::TenantScope ScopeOf(const access::Principal& who) {
  if (access::SeesAllTenants(who)) return crm::TenantScope::All();
  return crm::TenantScope::Only(who.tenants);
}

core::Result<CrmServices*> Crm(ApiServices& s) {
  if (s.crm == nullptr)
    return Fail(ErrorCode::kUnavailable, "the CRM is not running on this server");
  return s.crm;
}

core::Result<ScriptServices*> Scripts(ApiServices& s) {
  if (s.scripts == nullptr) return Fail(ErrorCode::kUnavailable, "call scripts are not running on this server");
  return s.scripts;
}

http::Handler CrmRoute(ApiServices& s, Guard guard, access::Action action, CrmHandler handler) {
  return [&s, guard, action, handler = std::move(handler)](http::Request& r) {
    auto c = guard.Require(r, action);
    if (!c) return Error(c.error());
    auto crm = Crm(s);
    if (!crm) return Error(crm.error());
    return handler(r, *c, **crm);
  };
}

namespace {

core::Result<core::TenantId> Checked(const Caller& c, std::uint64_t id) {
  if (id == 0 || id > 0xFFFFFFFFu)
    return Fail(ErrorCode::kInvalidArgument, "tenant_id must be a positive id");
  const core::TenantId tenant(static_cast<std::uint32_t>(id));
  if (!access::CanSeeTenant(c.who, tenant)) {
    return Fail(ErrorCode::kPermissionDenied, fmt::format("you may not work with tenant {}", id));
  }
  return tenant;
}

core::Result<core::TenantId> OnlyTenant(const Caller& c) {
  if (c.who.tenants.size() == 1) return c.who.tenants.front();
  return Fail(ErrorCode::kInvalidArgument,
              "tenant_id is required (you work for several client companies)");
}

}  // namespace

core::Result<core::TenantId> BodyTenant(const Caller& c, const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("tenant_id") || body["tenant_id"].is_null())
    return OnlyTenant(c);
  if (!body["tenant_id"].is_number_unsigned())
    return Fail(ErrorCode::kInvalidArgument, "tenant_id must be a positive id");
  return Checked(c, body["tenant_id"].get<std::uint64_t>());
}

core::Result<core::TenantId> QueryTenant(const Caller& c, const http::Request& r) {
  auto id = QueryId(r, "tenant_id");
  if (!id) return tl::unexpected(id.error());
  if (!*id) return OnlyTenant(c);
  return Checked(c, **id);
}

core::Status CheckTenant(const Caller& c, core::TenantId tenant, const std::string& what) {
  if (access::CanSeeTenant(c.who, tenant)) return {};
  return Fail(ErrorCode::kNotFound, what + " does not exist");
}

std::string CommentOf(const nlohmann::json& body) {
  if (body.is_object() && body.contains("comment") && body["comment"].is_string()) {
    return body["comment"].get<std::string>();
  }
  return "";
}

core::Result<std::optional<std::uint64_t>> QueryId(const http::Request& r, std::string_view name) {
  auto text = r.Query(name);
  if (!text || text->empty()) return std::optional<std::uint64_t>();
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value == 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} must be a positive id, not \"{}\"", name, *text));
  }
  return std::optional<std::uint64_t>(value);
}

}  // namespace cc::api
