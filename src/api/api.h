// The REST API: every endpoint of api/openapi.yaml on one http::Router.
// Handlers authenticate (session cookie with CSRF token, or bearer token),
// check the caller's role and scope (access/rbac.h, docs/rbac.md), then read
// or change the directory, the live centre or the history. Errors are
// application/problem+json with a message that says what is wrong.
// Thread-safety: handlers run on the HTTP server's threads; every service
// they use is thread-safe, and the live centre is reached through Ask/Submit.
#pragma once

#include <filesystem>
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
#include "ivr/menu.h"
#include "http/ws_hub.h"
#include "recordings/recording_control.h"
#include "recordings/recording_store.h"
#include "reporting/cdr_repository.h"
#include "script_desk/script_store.h"
#include "script_desk/sessions.h"
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
  // A practice call (S-17) for `agent`, who must be ready: offered to them as
  // a call to `number` for `queue`; the simulated person answers at once and
  // stays on the line. The call carries the tag "training".
  virtual core::Result<core::CallId> PlacePracticeCall(core::AgentId agent, core::QueueId queue,
                                                       core::TenantId tenant, std::string number) = 0;
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

class TrainingCalls;

// Call scripts: their versions, the operators' sessions, practice calls, and
// the hub for supervisors' alerts and the simulated callers' lines.
struct ScriptServices {
  storage::Database& db;
  script_desk::ScriptStore& store;
  script_desk::ScriptSessions& sessions;
  TrainingCalls& training;
  http::WsHub& hub;
};

// Agents' SIP phones: the accounts admins set and the registrations now.
// Thread-safety: any thread.
class PhoneControl {
 public:
  virtual ~PhoneControl() = default;
  // Sets the SIP account of `user` (SIP user name = `login`) with `password`.
  virtual core::Status SetSipPassword(core::UserId user, const std::string& login, const std::string& password) = 0;
  // {"configured": bool, "registered": bool, "contacts": [{"contact", "expires_at", "source"}]}
  virtual nlohmann::json Phone(core::UserId user) = 0;
};

// IVR menus: stored, validated, voiced and put to work on the SIP numbers.
// Thread-safety: any thread (Save and Delete block while new words are synthesised).
class IvrControl {
 public:
  virtual ~IvrControl() = default;
  virtual core::Result<std::vector<ivr::Menu>> Menus() = 0;
  virtual core::Result<std::optional<ivr::Menu>> Find(std::int64_t id) = 0;
  // Creates (id 0) or replaces the menu. kInvalidArgument names what is
  // wrong; kAlreadyExists when a number already reaches a queue or another menu.
  virtual core::Result<ivr::Menu> Save(ivr::Menu menu) = 0;
  virtual core::Status Delete(std::int64_t id) = 0;
  // The menu that `number` reaches, if any (queues may not take its numbers).
  virtual std::optional<std::int64_t> MenuWithNumber(const std::string& number) = 0;
};

// Call recordings: their rows and policies, the data dir their files lie
// under, and the telephony's pause control (absent without SIP telephony:
// pausing answers that the call is not recorded).
struct RecordingServices {
  recordings::RecordingStore& store;
  std::filesystem::path data_dir;
  recordings::RecordingControl* control = nullptr;
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
  ScriptServices* scripts = nullptr;  // absent: the script endpoints answer 503
  PhoneControl* phones = nullptr;     // absent: the SIP account endpoints answer 503
  RecordingServices* recordings = nullptr;  // absent: the recording endpoints answer 503
  IvrControl* ivr = nullptr;                // absent: the IVR endpoints answer 503
};

void AddRoutes(http::Router& router, ApiServices& services);

}  // namespace cc::api
