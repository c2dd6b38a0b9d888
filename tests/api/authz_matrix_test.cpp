// Every endpoint called as every role: allowed or 403 exactly as the rules of
// access/rbac.h say (docs/rbac.md is generated from the same table and kept
// equal to it by access_rbac_test). Plus scope across teams and tenants, and
// 401 for anonymous callers.
#include <vector>

#include "access/rbac.h"
#include "core/time.h"
#include "crm/pricing.h"
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using access::Action;
using nlohmann::json;

struct Endpoint {
  std::string method;
  std::string path;
  json body;
  std::vector<Action> any_of;  // allowed when the role has one of these
};

class AuthzMatrixTest : public ApiTest {};

TEST_F(AuthzMatrixTest, EveryRoleOnEveryEndpoint) {
  auto admin = As("admin");
  const std::string op01 = std::to_string(UserId("op01"));
  std::uint64_t tenant = 0;  // the demo company (the first tenant is the admin's "default")
  for (const auto& t : admin->Get("/api/tenants").Json()) {
    if (t.value("name", "") == app::kDemoCompany) tenant = t.value("id", 0ull);
  }
  ASSERT_NE(tenant, 0u);
  std::uint64_t department = 0;
  for (const auto& d : admin->Get("/api/departments?tenant=" + std::to_string(tenant)).Json()) {
    if (d.value("tenant", 0ull) == tenant || d.value("tenant_id", 0ull) == tenant) department = d.value("id", 0ull);
  }
  ASSERT_NE(department, 0u);
  const auto sales = QueueId(*admin, "Продажи");
  const std::string tomorrow = crm::FormatDate(std::chrono::floor<std::chrono::days>(
      std::chrono::system_clock::now() + std::chrono::hours(48)));
  const std::string in_an_hour = core::FormatUtc(
      std::chrono::time_point_cast<core::Duration>(std::chrono::system_clock::now() + std::chrono::hours(1)));
  int serial = 0;
  auto endpoints = [&]() {
    ++serial;
    const std::string n = std::to_string(serial);
    return std::vector<Endpoint>{
        {"GET", "/api/me", {}, {Action::kReadMe}},
        {"GET", "/api/tokens", {}, {Action::kManageOwnTokens}},
        {"GET", "/api/agent", {}, {Action::kReadOwnAgent}},
        {"GET", "/api/agent/transfer-targets", {}, {Action::kControlOwnAgent}},
        {"POST", "/api/agent/not-ready", {{"reason", "break"}}, {Action::kControlOwnAgent}},
        {"GET", "/api/realtime", {}, {Action::kReadRealtimeCentre, Action::kReadRealtimeTeam}},
        {"POST", "/api/agents/" + op01 + "/state", {{"state", "not-ready"}}, {Action::kForceAgentState}},
        {"GET", "/api/agents/" + op01 + "/figures", {}, {Action::kReadOperatorFigures}},
        {"GET", "/api/calls", {}, {Action::kReadHistory}},
        {"GET", "/api/users/" + op01 + "/sip", {}, {Action::kReadUsers}},
        {"PUT", "/api/users/" + op01 + "/sip", {{"password", "phone-secret-" + n}}, {Action::kManageUsers}},
        {"GET", "/api/queues", {}, {Action::kReadConfig}},
        {"GET", "/api/ivr/menus", {}, {Action::kReadConfig}},
        {"POST", "/api/ivr/menus", {{"name", "no nodes yet"}}, {Action::kManageQueues}},
        {"GET", "/api/skills", {}, {Action::kReadConfig}},
        {"POST", "/api/skills", {{"name", "skill" + n}, {"tenant", tenant}}, {Action::kManageQueues}},
        {"POST", "/api/codes",
         {{"kind", "disposition"}, {"code", "c" + n}, {"label", "Code " + n}, {"tenant", tenant}},
         {Action::kManageCodes}},
        {"GET", "/api/users", {}, {Action::kReadUsers}},
        {"POST", "/api/users",
         {{"login", "user" + n}, {"password", "long-enough-" + n}, {"role", "operator"}, {"tenants", {tenant}}},
         {Action::kManageUsers}},
        {"GET", "/api/teams", {}, {Action::kReadUsers}},
        {"POST", "/api/teams", {{"name", "Team " + n}, {"tenant", tenant}}, {Action::kManageTeams}},
        {"GET", "/api/departments", {}, {Action::kReadDepartments}},
        {"POST", "/api/departments", {{"name", "Dept " + n}, {"tenant", tenant}}, {Action::kManageDepartments}},
        {"POST", "/api/tenants", {{"name", "Company " + n}}, {Action::kManageTenants}},
        {"GET", "/api/audit", {}, {Action::kReadAudit}},
        {"GET", "/api/sim", {}, {Action::kSimControl}},
        {"GET", "/api/customers?q=смир", {}, {Action::kReadCustomers}},
        {"GET", "/api/customers/lookup?number=%2B74950000001", {}, {Action::kReadCustomers}},
        {"POST", "/api/customers", {{"tenant_id", tenant}, {"name", "Клиент " + n}}, {Action::kManageCustomers}},
        {"GET", "/api/customers/1/export", {}, {Action::kManagePersonalData}},
        {"GET", "/api/catalogue/products?q=чай", {}, {Action::kReadCatalogue}},
        {"POST", "/api/catalogue/products", {{"tenant_id", tenant}, {"sku", "NEW-" + n}, {"name", "Новинка " + n}},
         {Action::kManageCatalogue}},
        {"POST", "/api/quotes", {{"tenant_id", tenant}, {"lines", {{{"product_id", 1}, {"quantity", 2}}}}},
         {Action::kReadCatalogue}},
        {"POST", "/api/orders",
         {{"tenant_id", tenant},
          {"customer_id", 1},
          {"lines", {{{"product_id", 1}, {"quantity", 1}}}},
          {"delivery", {{"address", "Москва"}, {"date", tomorrow}, {"window_from", "10:00"}, {"window_to", "14:00"}}}},
         {Action::kTakeOrders}},
        {"GET", "/api/orders", {}, {Action::kReadOrders}},
        {"GET", "/api/managers?tenant_id=" + std::to_string(tenant), {}, {Action::kAssignOrders}},
        {"POST", "/api/cases",
         {{"tenant_id", tenant}, {"kind", "complaint"}, {"category", "quality"}, {"summary", "Жалоба " + n}},
         {Action::kOpenCases}},
        {"GET", "/api/cases", {}, {Action::kReadCases}},
        {"PUT", "/api/case-categories",
         {{"tenant_id", tenant}, {"code", "cat" + n}, {"label", "Категория " + n}, {"department_id", department},
          {"sla_minutes", 60}},
         {Action::kManageCaseCategories}},
        {"GET", "/api/callbacks", {}, {Action::kReadCallbacks}},
        {"POST", "/api/callbacks",
         {{"tenant_id", tenant}, {"number", "+79161234567"}, {"reason", "обещали перезвонить"},
          {"due_at", in_an_hour}, {"queue_id", sales}},
         {Action::kScheduleCallbacks}},
        {"GET", "/api/agent/script", {}, {Action::kControlOwnAgent}},
        {"GET", "/api/agent/playbook", {}, {Action::kControlOwnAgent}},
        {"GET", "/api/scripts?tenant_id=" + std::to_string(tenant), {}, {Action::kReadScripts}},
        {"POST", "/api/scripts/validate", {{"script", {{"tenant_id", tenant}}}}, {Action::kReadScripts}},
        {"POST", "/api/scripts", {{"tenant_id", tenant}, {"code", "c" + n}}, {Action::kManageScripts}},
        {"GET", "/api/scripts/analytics?tenant_id=" + std::to_string(tenant), {}, {Action::kReadScriptAnalytics}},
        {"GET", "/api/training/calls?tenant_id=" + std::to_string(tenant), {}, {Action::kReadScriptAnalytics}},
        {"POST", "/api/training/calls", {{"situation", "S-05"}}, {Action::kRunTraining}},
        {"GET", "/api/recordings", {}, {Action::kReadRecordings}},
        {"GET", "/api/queues/" + std::to_string(sales) + "/recording", {}, {Action::kManageRecordingPolicy}},
        {"PUT", "/api/queues/" + std::to_string(sales) + "/recording", {{"record", true}, {"retention_days", 90}},
         {Action::kManageRecordingPolicy}},
        {"POST", "/api/agent/recording", {{"paused", true}}, {Action::kControlOwnAgent}},
    };
  };

  const std::vector<std::pair<std::string, access::Role>> people = {
      {"op05", access::Role::kOperator},   {"lead1", access::Role::kTeamLead},
      {"supervisor", access::Role::kSupervisor}, {"qa", access::Role::kQa},
      {"manager", access::Role::kManager}, {"office", access::Role::kOfficeManager},
      {"admin", access::Role::kAdmin},     {"director", access::Role::kDirector}};
  int checked = 0;
  for (const auto& [login, role] : people) {
    auto s = As(login);
    for (const auto& e : endpoints()) {
      bool allowed = false;
      for (auto a : e.any_of) allowed = allowed || access::Allows(role, a);
      auto r = s->Send(e.method, e.path, e.body);
      if (allowed) {
        EXPECT_NE(r.status, 403) << login << " " << e.method << " " << e.path << ": " << r.body;
        EXPECT_NE(r.status, 401) << login << " " << e.method << " " << e.path;
        EXPECT_LT(r.status, 500) << login << " " << e.method << " " << e.path << ": " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << login << " " << e.method << " " << e.path << ": " << r.body;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8 * 53);

  // Anonymous callers get 401 everywhere.
  ApiSession anonymous(port_);
  for (const auto& e : endpoints()) {
    EXPECT_EQ(anonymous.Send(e.method, e.path, e.body).status, 401) << e.method << " " << e.path;
  }
  // Denials are in the audit log.
  auto audit = admin->Get("/api/audit?action=access&limit=500").Json();
  ASSERT_TRUE(audit.is_array());
  EXPECT_GT(audit.size(), 10u);
  EXPECT_EQ(audit[0]["outcome"], "denied");
}

TEST_F(AuthzMatrixTest, TeamLeadsSteerOnlyTheirTeam) {
  auto lead1 = As("lead1");
  auto lead2 = As("lead2");
  auto op01_session = As("op01");
  ASSERT_EQ(op01_session->Post("/api/agent/login").status, 200);
  const std::string op01 = std::to_string(UserId("op01"));  // team 1
  EXPECT_EQ(lead1->Post("/api/agents/" + op01 + "/state", {{"state", "not-ready"}}).status, 200);
  EXPECT_EQ(lead2->Post("/api/agents/" + op01 + "/state", {{"state", "not-ready"}}).status, 403);
  EXPECT_EQ(lead2->Get("/api/agents/" + op01 + "/figures").status, 403);
  // A lead's realtime view holds their team only.
  auto view = lead2->Get("/api/realtime").Json();
  for (const auto& a : view["agents"]) EXPECT_NE(std::to_string(a.value("agent", 0ull)), op01);
  EXPECT_FALSE(view["agents"].empty());
  // An operator cannot steer a colleague.
  auto op02 = As("op02");
  EXPECT_EQ(op02->Post("/api/agents/" + op01 + "/state", {{"state", "ready"}}).status, 403);
}

TEST_F(AuthzMatrixTest, TenantsDoNotSeeEachOther) {
  auto admin = As("admin");
  auto gamma = admin->Post("/api/tenants", {{"name", "ООО «Гамма»"}});
  ASSERT_EQ(gamma.status, 201) << gamma.body;
  const auto gamma_id = gamma.Json().value("id", 0ull);
  auto created = admin->Post("/api/users", {{"login", "gsup"},
                                            {"password", "gamma-secret-1"},
                                            {"role", "supervisor"},
                                            {"tenants", {gamma_id}}});
  ASSERT_EQ(created.status, 201) << created.body;
  passwords_["gsup"] = "gamma-secret-1";
  auto gsup = As("gsup");
  auto view = gsup->Get("/api/realtime").Json();
  EXPECT_TRUE(view["queues"].empty()) << view.dump();
  EXPECT_TRUE(view["agents"].empty());
  EXPECT_EQ(gsup->Get("/api/agents/" + std::to_string(UserId("op01")) + "/figures").status, 403);
  auto users = gsup->Get("/api/users");
  if (users.status == 200) {
    for (const auto& u : users.Json()) EXPECT_EQ(u["login"], "gsup");
  }
  EXPECT_TRUE(gsup->Get("/api/queues").Json().empty());
}

}  // namespace
}  // namespace cc::testing
