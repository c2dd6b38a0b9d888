#include "access/rbac.h"

#include <cstdint>

namespace cc::access {

namespace {

constexpr std::uint32_t Bit(Role role) {
  return 1u << static_cast<unsigned>(role);
}

constexpr std::uint32_t kEveryone =
    Bit(Role::kOperator) | Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | Bit(Role::kQa) |
    Bit(Role::kManager) | Bit(Role::kOfficeManager) | Bit(Role::kAdmin) | Bit(Role::kDirector);
constexpr std::uint32_t kAdmin = Bit(Role::kAdmin);
constexpr std::uint32_t kAdminDirector = kAdmin | Bit(Role::kDirector);
// The people who talk to customers on calls and those who steer them.
constexpr std::uint32_t kDesk =
    Bit(Role::kOperator) | Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | kAdmin;

struct Rule {
  Action action;
  std::string_view name;
  std::uint32_t roles;
};

// The one table. Keep docs/rbac.md in step (rbac_test checks it).
constexpr std::array<Rule, kAllActions.size()> kRules = {{
    {Action::kReadMe, "me.read", kEveryone},
    {Action::kChangeOwnPassword, "me.password", kEveryone},
    {Action::kManageOwnTokens, "me.tokens", kEveryone},
    {Action::kReadOwnAgent, "agent.own.read", kEveryone},
    {Action::kControlOwnAgent, "agent.own.control",
     Bit(Role::kOperator) | Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | kAdmin},
    {Action::kReadRealtimeTeam, "realtime.team",
     Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | kAdminDirector},
    {Action::kReadRealtimeCentre, "realtime.centre", Bit(Role::kSupervisor) | kAdminDirector},
    {Action::kForceAgentState, "agent.force_state",
     Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | kAdmin},
    {Action::kReadOperatorFigures, "figures.operators",
     Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | kAdminDirector},
    {Action::kReadHistory, "history.read",
     Bit(Role::kSupervisor) | Bit(Role::kQa) | Bit(Role::kManager) | kAdminDirector},
    {Action::kReadConfig, "config.read", kEveryone},
    {Action::kManageQueues, "queues.manage", kAdmin},
    {Action::kManageCodes, "codes.manage", kAdmin},
    {Action::kReadUsers, "users.read", Bit(Role::kOfficeManager) | kAdminDirector},
    {Action::kManageUsers, "users.manage", kAdmin},
    {Action::kManageTeams, "teams.manage", kAdmin},
    {Action::kReadDepartments, "departments.read", Bit(Role::kOfficeManager) | kAdminDirector},
    {Action::kManageDepartments, "departments.manage", Bit(Role::kOfficeManager) | kAdmin},
    {Action::kManageTenants, "tenants.manage", kAdmin},
    {Action::kReadAudit, "audit.read", kAdminDirector},
    {Action::kSimControl, "sim.control", kAdmin},
    {Action::kManageTokens, "tokens.manage", kAdmin},
    {Action::kReadCustomers, "customers.read", kDesk | Bit(Role::kQa) | Bit(Role::kManager) | Bit(Role::kDirector)},
    {Action::kManageCustomers, "customers.manage", kDesk | Bit(Role::kManager)},
    {Action::kManagePersonalData, "customers.personal_data", kAdmin},
    {Action::kReadCatalogue, "catalogue.read", kEveryone},
    {Action::kManageCatalogue, "catalogue.manage", kAdmin},
    {Action::kTakeOrders, "orders.take", kDesk},
    {Action::kReadOrders, "orders.read", kDesk | Bit(Role::kQa) | Bit(Role::kManager) | Bit(Role::kDirector)},
    {Action::kWorkOrders, "orders.work", Bit(Role::kManager) | Bit(Role::kSupervisor) | kAdmin},
    {Action::kAssignOrders, "orders.assign", Bit(Role::kSupervisor) | kAdmin},
    {Action::kOpenCases, "cases.open", kDesk | Bit(Role::kQa) | Bit(Role::kManager)},
    {Action::kReadCases, "cases.read", kEveryone},
    {Action::kWorkCases, "cases.work",
     Bit(Role::kSupervisor) | Bit(Role::kQa) | Bit(Role::kManager) | Bit(Role::kOfficeManager) | kAdmin},
    {Action::kManageCaseCategories, "cases.categories", kAdmin},
    {Action::kScheduleCallbacks, "callbacks.manage", kDesk},
    {Action::kReadCallbacks, "callbacks.read", kDesk | Bit(Role::kDirector)},
    {Action::kReadScripts, "scripts.read", kDesk | Bit(Role::kQa) | Bit(Role::kDirector)},
    {Action::kManageScripts, "scripts.manage", Bit(Role::kSupervisor) | kAdmin},
    {Action::kReadScriptAnalytics, "scripts.analytics",
     Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | Bit(Role::kQa) | kAdminDirector},
    {Action::kRunTraining, "training.run", kDesk},
    {Action::kReadRecordings, "recordings.read",
     Bit(Role::kOperator) | Bit(Role::kTeamLead) | Bit(Role::kSupervisor) | Bit(Role::kQa) | kAdminDirector},
    {Action::kListenRecordings, "recordings.listen", Bit(Role::kSupervisor) | Bit(Role::kQa) | kAdmin},
    {Action::kManageRecordingPolicy, "recordings.policy", Bit(Role::kSupervisor) | kAdmin},
}};

constexpr bool TableInOrder() {
  for (std::size_t i = 0; i < kRules.size(); ++i) {
    if (kRules[i].action != kAllActions[i]) return false;
  }
  return true;
}
static_assert(TableInOrder(), "kRules must list every action in kAllActions order");

const Rule& RuleFor(Action action) {
  return kRules[static_cast<std::size_t>(action)];
}

bool IsOwnAgentAction(Action action) {
  return action == Action::kReadOwnAgent || action == Action::kControlOwnAgent;
}

}  // namespace

std::string_view ToString(Action action) {
  return RuleFor(action).name;
}

bool Allows(Role role, Action action) {
  return (RuleFor(action).roles & Bit(role)) != 0;
}

bool SeesAllTenants(const Principal& principal) {
  return principal.role == Role::kAdmin || principal.role == Role::kDirector;
}

bool CanSeeTenant(const Principal& principal, core::TenantId tenant) {
  return SeesAllTenants(principal) || principal.HasTenant(tenant);
}

bool CanSeeAgent(const Principal& principal, core::UserId agent_user,
                 std::optional<core::TeamId> agent_team) {
  if (agent_user == principal.user) return true;
  switch (principal.role) {
    case Role::kSupervisor:
    case Role::kAdmin:
    case Role::kDirector:
      return true;
    case Role::kTeamLead:
      return agent_team.has_value() && principal.Leads(*agent_team);
    default:
      return false;
  }
}

bool AllowsOnAgent(const Principal& principal, Action action, core::UserId agent_user,
                   std::optional<core::TeamId> agent_team) {
  if (!Allows(principal, action)) return false;
  if (IsOwnAgentAction(action)) return agent_user == principal.user;
  return CanSeeAgent(principal, agent_user, agent_team);
}

std::string RbacTableMarkdown() {
  std::string out = "| action |";
  std::string rule = "|---|";
  for (Role role : kAllRoles) {
    out += " " + std::string(ToString(role)) + " |";
    rule += ":-:|";
  }
  out += "\n" + rule + "\n";
  for (const Rule& r : kRules) {
    out += "| `" + std::string(r.name) + "` |";
    for (Role role : kAllRoles) out += (r.roles & Bit(role)) ? " yes |" : " — |";
    out += "\n";
  }
  return out;
}

}  // namespace cc::access
