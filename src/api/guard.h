// Who is calling and whether they may: authentication from the session
// cookie (state changes also need the X-CSRF-Token header) or a bearer
// token, then the role check of access/rbac.h. Denials are audited.
// Thread-safety: safe from any thread (the services it uses are).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "access/principal.h"
#include "access/rbac.h"
#include "api/api.h"
#include "http/request.h"

namespace cc::api {

inline constexpr const char* kSessionCookie = "cc_session";

struct Caller {
  access::Principal who;
  bool cookie = false;  // authenticated by the session cookie (not a bearer token)
  std::string csrf_token;  // the session's, for cookie callers
};

class Guard {
 public:
  explicit Guard(ApiServices& services) : services_(services) {}
  core::Result<Caller> Authenticate(const http::Request& request) const;
  // Authenticates, then checks `action`; a denial is written to the audit log.
  core::Result<Caller> Require(const http::Request& request, access::Action action) const;
  // Records a denial of an object-level check (another team's agent, ...).
  core::Error Deny(const Caller& caller, const http::Request& request, std::string what) const;
  // Records a change made by `caller` (waits until it is durable; a failure is logged).
  void Audit(const Caller& caller, const http::Request& request, std::string action,
             std::string object_type, std::string object_id,
             nlohmann::json detail = nlohmann::json::object()) const;

 private:
  ApiServices& services_;
};

}  // namespace cc::api
