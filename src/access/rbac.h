// Authorization rules as pure functions: which role may do which action
// (Allows), and which objects a principal may see (tenant and agent scope).
// This table is the source of docs/rbac.md (RbacTableMarkdown() prints it;
// a test keeps the document equal to it) and the API's authorization tests
// check every endpoint against it.
// Thread-safety: pure functions over constant data.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "access/principal.h"
#include "core/ids.h"

namespace cc::access {

enum class Action {
  kReadMe,  // GET /api/me: own user, role, team, tenants
  kChangeOwnPassword,
  kManageOwnTokens,      // create, list and revoke one's own API tokens
  kReadOwnAgent,         // own agent state, offers, calls, today's figures
  kControlOwnAgent,      // log in to queues, ready/not ready, answer, transfer, wrap up
  kReadRealtimeTeam,     // live view of the agents of the teams one leads
  kReadRealtimeCentre,   // live view of every queue and agent
  kForceAgentState,      // force another agent's state or log them out
  kReadOperatorFigures,  // per-operator figures of today
  kReadHistory,          // interaction history and call detail records
  kReadConfig,           // queues, skills, disposition and not-ready codes
  kManageQueues,         // queues, skills, memberships
  kManageCodes,          // disposition and not-ready codes
  kReadUsers,
  kManageUsers,  // create, update, disable users; set passwords and tenants
  kManageTeams,
  kReadDepartments,
  kManageDepartments,
  kManageTenants,
  kReadAudit,
  kSimControl,    // inject simulated calls, pause traffic, switch bots
  kManageTokens,  // list and revoke other users' API tokens
  // CRM (docs/rbac.md: object scope of each).
  kReadCustomers,         // customer cards, search, caller lookup, timelines
  kManageCustomers,       // create and update customers, record consents
  kManagePersonalData,    // export everything held on a person, erase it
  kReadCatalogue,         // products, prices, discounts, promotions, quotes
  kManageCatalogue,       // products, categories, price lists, discounts, promotions
  kTakeOrders,            // create, change and confirm orders
  kReadOrders,            // orders (managers: only those assigned to them)
  kWorkOrders,            // move orders through fulfilment (managers: their own)
  kAssignOrders,          // reassign orders, set managers' regions and categories
  kOpenCases,             // record a complaint, remark, suggestion or request
  kReadCases,
  kWorkCases,             // move cases through their statuses
  kManageCaseCategories,  // case categories: department and SLA
  kScheduleCallbacks,     // schedule and cancel callbacks
  kReadCallbacks,
  // Call scripts and the playbook.
  kReadScripts,          // scripts, situations, versions, queue assignments
  kManageScripts,        // publish versions, assign scripts to queues
  kReadScriptAnalytics,  // how steps and situations are used, outcomes, practice calls
  kRunTraining,          // place practice calls (operators: for themselves; leads: their team)
  // Call recordings.
  kReadRecordings,          // recordings' metadata (operators: own calls; leads: their teams')
  kListenRecordings,        // play and download any recording in scope (everyone: their own calls')
  kManageRecordingPolicy,   // queues' recording policies (record, retention)
};

inline constexpr std::array<Action, 44> kAllActions = {
    Action::kReadMe,
    Action::kChangeOwnPassword,
    Action::kManageOwnTokens,
    Action::kReadOwnAgent,
    Action::kControlOwnAgent,
    Action::kReadRealtimeTeam,
    Action::kReadRealtimeCentre,
    Action::kForceAgentState,
    Action::kReadOperatorFigures,
    Action::kReadHistory,
    Action::kReadConfig,
    Action::kManageQueues,
    Action::kManageCodes,
    Action::kReadUsers,
    Action::kManageUsers,
    Action::kManageTeams,
    Action::kReadDepartments,
    Action::kManageDepartments,
    Action::kManageTenants,
    Action::kReadAudit,
    Action::kSimControl,
    Action::kManageTokens,
    Action::kReadCustomers,
    Action::kManageCustomers,
    Action::kManagePersonalData,
    Action::kReadCatalogue,
    Action::kManageCatalogue,
    Action::kTakeOrders,
    Action::kReadOrders,
    Action::kWorkOrders,
    Action::kAssignOrders,
    Action::kOpenCases,
    Action::kReadCases,
    Action::kWorkCases,
    Action::kManageCaseCategories,
    Action::kScheduleCallbacks,
    Action::kReadCallbacks,
    Action::kReadScripts,
    Action::kManageScripts,
    Action::kReadScriptAnalytics,
    Action::kRunTraining,
    Action::kReadRecordings,
    Action::kListenRecordings,
    Action::kManageRecordingPolicy};

// "me.read", "agent.force_state", ... (the names docs/rbac.md uses).
std::string_view ToString(Action action);

// Whether `role` may perform `action` on objects in its scope.
bool Allows(Role role, Action action);
inline bool Allows(const Principal& principal, Action action) {
  return Allows(principal.role, action);
}

// Admins and directors see every tenant; everyone else only their own.
bool SeesAllTenants(const Principal& principal);
bool CanSeeTenant(const Principal& principal, core::TenantId tenant);

// Whether the agent (a user, in `agent_team` if any) is in the principal's
// scope: oneself always; team leads the teams they lead; supervisors, admins
// and directors everyone; other roles nobody else.
bool CanSeeAgent(const Principal& principal, core::UserId agent_user,
                 std::optional<core::TeamId> agent_team);

// Allows() and the agent scope together: the check an endpoint about one agent
// makes. Own-agent actions require agent_user to be the principal.
bool AllowsOnAgent(const Principal& principal, Action action, core::UserId agent_user,
                   std::optional<core::TeamId> agent_team);

// The roles x actions table in Markdown, as docs/rbac.md shows it.
std::string RbacTableMarkdown();

}  // namespace cc::access
