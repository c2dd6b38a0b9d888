// What each role may do and see, spot-checked against the intent of
// docs/rbac.md, and the document's table kept equal to the code's.
#include "access/rbac.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace cc::access {
namespace {

using core::TeamId;
using core::TenantId;
using core::UserId;

Principal As(Role role, std::uint32_t user = 1) {
  Principal p;
  p.user = UserId(user);
  p.login = "u" + std::to_string(user);
  p.role = role;
  p.tenants = {TenantId(1)};
  return p;
}

TEST(Role, RoundTripsItsNames) {
  for (Role role : kAllRoles) {
    auto parsed = ParseRole(ToString(role));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(ToString(Role::kOfficeManager), "office_manager");
  auto bad = ParseRole("Admin");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("unknown role 'Admin'"), std::string::npos);
}

TEST(Rbac, EveryoneHasTheirOwnPage) {
  for (Role role : kAllRoles) {
    EXPECT_TRUE(Allows(role, Action::kReadMe)) << ToString(role);
    EXPECT_TRUE(Allows(role, Action::kChangeOwnPassword)) << ToString(role);
    EXPECT_TRUE(Allows(role, Action::kManageOwnTokens)) << ToString(role);
  }
}

TEST(Rbac, OperatorWorksTheirOwnDesktopOnly) {
  EXPECT_TRUE(Allows(Role::kOperator, Action::kControlOwnAgent));
  EXPECT_TRUE(Allows(Role::kOperator, Action::kReadConfig));
  for (Action a : {Action::kReadRealtimeTeam, Action::kReadRealtimeCentre, Action::kForceAgentState,
                   Action::kReadHistory, Action::kReadUsers, Action::kManageUsers,
                   Action::kReadAudit, Action::kSimControl}) {
    EXPECT_FALSE(Allows(Role::kOperator, a)) << ToString(a);
  }
}

TEST(Rbac, TeamLeadForcesStateOnlyInTheTeamTheyLead) {
  Principal lead = As(Role::kTeamLead, 10);
  lead.led_teams = {TeamId(3)};
  EXPECT_TRUE(AllowsOnAgent(lead, Action::kForceAgentState, UserId(11), TeamId(3)));
  EXPECT_TRUE(AllowsOnAgent(lead, Action::kReadOperatorFigures, UserId(11), TeamId(3)));
  EXPECT_FALSE(AllowsOnAgent(lead, Action::kForceAgentState, UserId(12), TeamId(4)));
  EXPECT_FALSE(AllowsOnAgent(lead, Action::kForceAgentState, UserId(13), std::nullopt));
  EXPECT_FALSE(Allows(lead, Action::kReadRealtimeCentre));
  EXPECT_TRUE(Allows(lead, Action::kReadRealtimeTeam));
}

TEST(Rbac, SupervisorSeesTheCentreButManagesNothing) {
  Principal sup = As(Role::kSupervisor);
  EXPECT_TRUE(Allows(sup, Action::kReadRealtimeCentre));
  EXPECT_TRUE(AllowsOnAgent(sup, Action::kForceAgentState, UserId(99), TeamId(7)));
  EXPECT_TRUE(Allows(sup, Action::kReadHistory));
  EXPECT_FALSE(Allows(sup, Action::kManageUsers));
  EXPECT_FALSE(Allows(sup, Action::kManageQueues));
  EXPECT_FALSE(Allows(sup, Action::kReadAudit));
}

TEST(Rbac, QaAndManagerReadHistoryOnly) {
  for (Role role : {Role::kQa, Role::kManager}) {
    EXPECT_TRUE(Allows(role, Action::kReadHistory)) << ToString(role);
    EXPECT_FALSE(Allows(role, Action::kReadRealtimeCentre)) << ToString(role);
    EXPECT_FALSE(Allows(role, Action::kControlOwnAgent)) << ToString(role);
    EXPECT_FALSE(Allows(role, Action::kReadUsers)) << ToString(role);
  }
}

TEST(Rbac, OfficeManagerKeepsDepartmentsAndReadsUsers) {
  EXPECT_TRUE(Allows(Role::kOfficeManager, Action::kReadUsers));
  EXPECT_TRUE(Allows(Role::kOfficeManager, Action::kManageDepartments));
  EXPECT_FALSE(Allows(Role::kOfficeManager, Action::kManageUsers));
  EXPECT_FALSE(Allows(Role::kOfficeManager, Action::kReadHistory));
}

TEST(Rbac, AdminMayDoEverythingDirectorReadsEverything) {
  for (Action a : kAllActions) EXPECT_TRUE(Allows(Role::kAdmin, a)) << ToString(a);
  for (Action a : {Action::kReadRealtimeCentre, Action::kReadHistory, Action::kReadUsers,
                   Action::kReadAudit, Action::kReadDepartments, Action::kReadOperatorFigures}) {
    EXPECT_TRUE(Allows(Role::kDirector, a)) << ToString(a);
  }
  for (Action a : {Action::kManageUsers, Action::kManageQueues, Action::kForceAgentState,
                   Action::kSimControl, Action::kControlOwnAgent, Action::kManageTokens}) {
    EXPECT_FALSE(Allows(Role::kDirector, a)) << ToString(a);
  }
}

TEST(Rbac, OwnAgentActionsApplyToOneselfOnly) {
  Principal sup = As(Role::kSupervisor, 5);
  EXPECT_TRUE(AllowsOnAgent(sup, Action::kControlOwnAgent, UserId(5), std::nullopt));
  EXPECT_FALSE(AllowsOnAgent(sup, Action::kControlOwnAgent, UserId(6), std::nullopt));
  Principal op = As(Role::kOperator, 7);
  EXPECT_TRUE(CanSeeAgent(op, UserId(7), TeamId(1)));
  EXPECT_FALSE(CanSeeAgent(op, UserId(8), TeamId(1)));
}

TEST(Rbac, TenantsAreScopedExceptForAdminAndDirector) {
  for (Role role : kAllRoles) {
    Principal p = As(role);
    EXPECT_TRUE(CanSeeTenant(p, TenantId(1))) << ToString(role);
    bool all = role == Role::kAdmin || role == Role::kDirector;
    EXPECT_EQ(CanSeeTenant(p, TenantId(2)), all) << ToString(role);
  }
}

TEST(Rbac, DocumentShowsTheTableTheCodeImplements) {
  std::ifstream in(CC_SOURCE_DIR "/docs/rbac.md");
  ASSERT_TRUE(in) << "docs/rbac.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(RbacTableMarkdown()), std::string::npos)
      << "docs/rbac.md must contain this table exactly:\n"
      << RbacTableMarkdown();
}

}  // namespace
}  // namespace cc::access
