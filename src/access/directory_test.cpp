// The directory keeps users, tenants, teams and departments: unique logins,
// clear not-found errors, one team per user, leads, and data that survives
// reopening the database.
#include "access/directory.h"

#include <gtest/gtest.h>

#include "access/test_store.h"

namespace cc::access {
namespace {

using core::ErrorCode;
using core::TeamId;
using core::TenantId;
using core::UserId;

const core::Timestamp kNow = core::FromMillis(1'800'000'000'000);

class DirectoryTest : public ::testing::Test {
 protected:
  NewUser Operator(std::string login) {
    NewUser u;
    u.login = std::move(login);
    u.role = Role::kOperator;
    u.password = "password-1";
    return u;
  }

  testing::TestStore store_;
  Passwords passwords_{PasswordCost::kMinimum};
  Directory directory_{store_.db(), passwords_};
};

TEST_F(DirectoryTest, CreatesAndFindsAUserWithTenants) {
  auto beta = directory_.CreateTenant("Beta", "Europe/Moscow");
  ASSERT_TRUE(beta.has_value()) << beta.error().message;
  EXPECT_EQ(beta->time_zone, "Europe/Moscow");
  NewUser n = Operator("anna");
  n.display_name = "Anna Petrova";
  n.tenants = {beta->id, beta->id};
  auto anna = directory_.CreateUser(n, kNow);
  ASSERT_TRUE(anna.has_value()) << anna.error().message;
  EXPECT_TRUE(anna->id.valid());
  EXPECT_EQ(anna->display_name, "Anna Petrova");
  EXPECT_EQ(anna->created_at, kNow);
  EXPECT_EQ(anna->tenants, std::vector<TenantId>{beta->id});
  EXPECT_FALSE(anna->disabled);

  auto by_id = directory_.GetUser(anna->id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(*by_id, *anna);
  auto by_login = directory_.FindUser("anna");
  ASSERT_TRUE(by_login.has_value());
  EXPECT_EQ(*by_login, *anna);

  auto second = directory_.CreateUser(Operator("boris"), kNow);
  ASSERT_TRUE(second.has_value());
  EXPECT_NE(second->id, anna->id);
  EXPECT_EQ(second->display_name, "boris");  // defaults to the login
  EXPECT_EQ(directory_.CountUsers().value_or(-1), 2);
  EXPECT_EQ(directory_.ListUsers()->size(), 2u);
}

TEST_F(DirectoryTest, LoginIsUnique) {
  ASSERT_TRUE(directory_.CreateUser(Operator("anna"), kNow).has_value());
  auto again = directory_.CreateUser(Operator("anna"), kNow);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().message, "login 'anna' is taken");
}

TEST_F(DirectoryTest, UnknownThingsAreNotFound) {
  auto user = directory_.GetUser(UserId(42));
  ASSERT_FALSE(user.has_value());
  EXPECT_EQ(user.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(directory_.FindUser("nobody").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(directory_.SetDisabled(UserId(42), true).error().code, ErrorCode::kNotFound);
  NewUser n = Operator("anna");
  n.tenants = {TenantId(9)};
  auto with_unknown_tenant = directory_.CreateUser(n, kNow);
  ASSERT_FALSE(with_unknown_tenant.has_value());
  EXPECT_EQ(with_unknown_tenant.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(with_unknown_tenant.error().message, "tenant 9 does not exist");
  EXPECT_EQ(directory_.FindUser("anna").error().code, ErrorCode::kNotFound);  // nothing half-made
}

TEST_F(DirectoryTest, RefusesBadLoginsAndWeakPasswords) {
  EXPECT_EQ(directory_.CreateUser(Operator("anna petrova"), kNow).error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(directory_.CreateUser(Operator(""), kNow).error().code, ErrorCode::kInvalidArgument);
  NewUser weak = Operator("anna");
  weak.password = "short";
  auto refused = directory_.CreateUser(weak, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("too short"), std::string::npos);
}

TEST_F(DirectoryTest, UpdatesDisablesAndSetsPasswords) {
  auto anna = directory_.CreateUser(Operator("anna"), kNow);
  ASSERT_TRUE(anna.has_value());
  auto updated = directory_.UpdateUser(anna->id, {.display_name = "Anna P.", .role = Role::kQa});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->display_name, "Anna P.");
  EXPECT_EQ(updated->role, Role::kQa);

  ASSERT_TRUE(directory_.SetDisabled(anna->id, true).has_value());
  EXPECT_TRUE(directory_.GetUser(anna->id)->disabled);
  EXPECT_TRUE(directory_.FindCredentials("anna")->disabled);

  ASSERT_TRUE(directory_.SetPassword(anna->id, "a new password").has_value());
  auto credentials = directory_.FindCredentials("anna");
  ASSERT_TRUE(credentials.has_value());
  EXPECT_TRUE(passwords_.Verify(credentials->password_hash, "a new password"));
  EXPECT_FALSE(passwords_.Verify(credentials->password_hash, "password-1"));
  EXPECT_EQ(directory_.SetPassword(anna->id, "").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(DirectoryTest, TeamsHaveALeadAndEachUserAtMostOneTeam) {
  auto tenant = directory_.CreateTenant("Beta");
  ASSERT_TRUE(tenant.has_value());
  NewUser lead_user = Operator("lena");
  lead_user.role = Role::kTeamLead;
  auto lena = directory_.CreateUser(lead_user, kNow);
  auto red = directory_.CreateTeam("red", tenant->id, lena->id);
  auto blue = directory_.CreateTeam("blue", tenant->id);
  ASSERT_TRUE(red.has_value() && blue.has_value());
  EXPECT_EQ(red->lead, lena->id);
  EXPECT_EQ(directory_.CreateTeam("red", tenant->id).error().code, ErrorCode::kAlreadyExists);

  NewUser n = Operator("anna");
  n.team = red->id;
  auto anna = directory_.CreateUser(n, kNow);
  ASSERT_TRUE(anna.has_value());
  EXPECT_EQ(directory_.TeamMembers(red->id).value(), std::vector<UserId>{anna->id});

  ASSERT_TRUE(directory_.SetTeam(anna->id, blue->id).has_value());
  EXPECT_TRUE(directory_.TeamMembers(red->id)->empty());
  EXPECT_EQ(directory_.TeamMembers(blue->id).value(), std::vector<UserId>{anna->id});
  EXPECT_EQ(directory_.SetTeam(anna->id, TeamId(77)).error().code, ErrorCode::kNotFound);

  auto lena_principal = directory_.LoadPrincipal(lena->id);
  ASSERT_TRUE(lena_principal.has_value());
  EXPECT_EQ(lena_principal->led_teams, std::vector<TeamId>{red->id});
  ASSERT_TRUE(directory_.SetTeamLead(red->id, std::nullopt).has_value());
  EXPECT_TRUE(directory_.LoadPrincipal(lena->id)->led_teams.empty());
  EXPECT_EQ(directory_.FindTeam("blue")->id, blue->id);
}

TEST_F(DirectoryTest, DepartmentsBelongToATenant) {
  auto beta = directory_.CreateTenant("Beta");
  auto gamma = directory_.CreateTenant("Gamma");
  ASSERT_TRUE(beta && gamma);
  EXPECT_EQ(directory_.CreateTenant("Beta").error().code, ErrorCode::kAlreadyExists);
  auto sales = directory_.CreateDepartment(beta->id, "Sales", "sales@beta.example");
  ASSERT_TRUE(sales.has_value()) << sales.error().message;
  EXPECT_EQ(sales->email, "sales@beta.example");
  EXPECT_TRUE(directory_.CreateDepartment(gamma->id, "Sales").has_value());
  EXPECT_EQ(directory_.CreateDepartment(beta->id, "Sales").error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(directory_.CreateDepartment(beta->id, "Bad", "nope").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(directory_.ListDepartments(beta->id)->size(), 1u);
  EXPECT_EQ(directory_.ListTenants()->size(), 2u);
}

TEST_F(DirectoryTest, ReplacesTenantsAndSurvivesReopening) {
  auto beta = directory_.CreateTenant("Beta");
  auto gamma = directory_.CreateTenant("Gamma");
  NewUser n = Operator("anna");
  n.tenants = {beta->id};
  auto anna = directory_.CreateUser(n, kNow);
  ASSERT_TRUE(anna.has_value());
  ASSERT_TRUE(directory_.SetUserTenants(anna->id, {gamma->id, beta->id}).has_value());
  store_.Reopen();
  Directory reopened(store_.db(), passwords_);
  auto again = reopened.FindUser("anna");
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->tenants, (std::vector<TenantId>{beta->id, gamma->id}));
}

}  // namespace
}  // namespace cc::access
