// What the CRM route files share: the tenant scope of a caller, the tenant
// named in a body or query (checked against the caller's tenants), and the
// CRM services (a 503 problem when the server runs without them).
// Thread-safety: pure functions over their arguments.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

#include "access/principal.h"
#include "api/api.h"
#include "api/guard.h"
#include "crm/tenant_scope.h"
#include "http/request.h"
#include "http/router.h"

namespace cc::api {

crm::TenantScope ScopeOf(const access::Principal& who);

// The CRM, or kUnavailable.
core::Result<CrmServices*> Crm(ApiServices& s);
// The call-script services, or kUnavailable when the server runs without them.
core::Result<ScriptServices*> Scripts(ApiServices& s);

// A CRM route: authenticates and checks `action` (a denial is audited),
// finds the CRM (503 without it), then runs `handler`.
using CrmHandler = std::function<http::Response(http::Request&, const Caller&, CrmServices&)>;
http::Handler CrmRoute(ApiServices& s, Guard guard, access::Action action, CrmHandler handler);

// "tenant_id" from the body, or the caller's only tenant when absent; a
// tenant the caller may not see is kPermissionDenied.
core::Result<core::TenantId> BodyTenant(const Caller& c, const nlohmann::json& body);
// "?tenant_id=" likewise.
core::Result<core::TenantId> QueryTenant(const Caller& c, const http::Request& r);

// kNotFound (not 403) for a record of a tenant the caller may not see, so
// that ids of other client companies cannot be probed.
core::Status CheckTenant(const Caller& c, core::TenantId tenant, const std::string& what);

// A record read by id (`found`, as the repositories' Get returns it) that the
// caller may see: kNotFound when it does not exist or is another tenant's.
template <typename T>
core::Result<T> Visible(const Caller& c, core::Result<std::optional<T>> found, const std::string& what) {
  if (!found) return tl::unexpected(found.error());
  if (!*found) return core::Fail(core::ErrorCode::kNotFound, what + " does not exist");
  if (auto ok = CheckTenant(c, (*found)->input.tenant, what); !ok) return tl::unexpected(ok.error());
  return std::move(**found);
}

// The optional "comment" text of a body ("" when absent or not a text).
std::string CommentOf(const nlohmann::json& body);

// An optional "?name=" positive id.
core::Result<std::optional<std::uint64_t>> QueryId(const http::Request& r, std::string_view name);

}  // namespace cc::api
