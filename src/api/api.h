// The REST API: every endpoint of api/openapi.yaml on one http::Router.
// Handlers authenticate (session cookie with CSRF token, or bearer token),
// check the caller's role and scope (access/rbac.h, docs/rbac.md), then read
// or change the directory, the live centre or the history. Errors are
// application/problem+json with a message that says what is wrong.
// Thread-safety: handlers run on the HTTP server's threads; every service
// they use is thread-safe, and the live centre is reached through Ask/Submit.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "access/api_tokens.h"
#include "access/audit_log.h"
#include "access/auth_service.h"
#include "access/directory.h"
#include "centre/centre.h"
#include "centre/centre_repository.h"
#include "crm/callback_desk.h"
#include "crm/case_desk.h"
#include "crm/catalogue_repository.h"
#include "crm/customer_repository.h"
#include "crm/order_desk.h"
#include "core/clock.h"
#include "http/router.h"
#include "reporting/cdr_repository.h"
#include "storage/interaction_log.h"

namespace cc::api {

// The simulated world, for demos and tests (absent with real telephony).
class SimControl {
 public:
  virtual ~SimControl() = default;
  // A caller from `caller` (withheld when empty) dials the first number of `queue` now.
  virtual core::Result<core::CallId> InjectCall(core::QueueId queue, std::string caller) = 0;
  virtual void SetTrafficPaused(bool paused) = 0;
  virtual void SetBotsEnabled(bool enabled) = 0;
  // The seat of `agent` is taken by a person: bots stop driving it.
  virtual void ReleaseSeat(core::AgentId agent) = 0;
  virtual nlohmann::json Status() = 0;
};

// The CRM's desks (customers, catalogue, orders, cases, callbacks).
struct CrmServices {
  storage::Database& db;  // for all-or-nothing imports
  crm::CustomerRepository& customers;
  crm::CatalogueRepository& catalogue;
  crm::OrderDesk& orders;
  crm::CaseDesk& cases;
  crm::CallbackDesk& callbacks;
  core::TimeZone zone;  // the centre's: "today" for prices and deliveries
};

struct ApiServices {
  access::Directory& directory;
  access::AuthService& auth;
  access::ApiTokens& tokens;
  access::AuditLog& audit;
  centre::Centre& centre;
  centre::CentreRepository& repository;
  storage::InteractionLog& log;
  reporting::CdrRepository& cdrs;
  core::Clock& clock;
  SimControl* sim = nullptr;
  std::string openapi_yaml;  // served at /api/openapi.yaml
  bool secure_cookies = false;  // HTTPS: cookies get the Secure attribute
  CrmServices* crm = nullptr;   // absent: the CRM endpoints answer 503
};

void AddRoutes(http::Router& router, ApiServices& services);

}  // namespace cc::api
