// What the administration screens need beyond the other API tests: changing
// a team's lead (PATCH /api/teams/{id}), allowed to administrators only,
// within their tenants, refused with the reason otherwise.
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class AdminWebTest : public ApiTest {};

json TeamById(ApiSession& s, std::uint64_t id) {
  for (const json& t : s.Get("/api/teams").Json()) {
    if (t.value("id", 0ull) == id) return t;
  }
  ADD_FAILURE() << "no team " << id;
  return json::object();
}

bool Leads(ApiSession& s, std::uint64_t team) {
  const json me = s.Get("/api/me").Json();
  for (const json& t : me["led_teams"]) {
    if (t.get<std::uint64_t>() == team) return true;
  }
  return false;
}

TEST_F(AdminWebTest, AdminHandsATeamToAnotherLead) {
  auto admin = As("admin");
  const auto lead1 = UserId("lead1");
  const auto op02 = UserId("op02");
  const json before = As("lead1")->Get("/api/me").Json();
  ASSERT_FALSE(before["led_teams"].empty()) << before.dump();
  const auto team = before["led_teams"][0].get<std::uint64_t>();
  EXPECT_EQ(TeamById(*admin, team)["lead"], lead1);

  auto r = admin->Send("PATCH", "/api/teams/" + std::to_string(team), {{"lead", op02}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json()["lead"], op02);
  EXPECT_EQ(r.Json()["id"], team);
  EXPECT_EQ(TeamById(*admin, team)["lead"], op02);
  // The new lead sees the team as theirs at once; the old one no longer does.
  EXPECT_TRUE(Leads(*As("op02"), team));
  EXPECT_FALSE(Leads(*As("lead1"), team));

  r = admin->Send("PATCH", "/api/teams/" + std::to_string(team), {{"lead", nullptr}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json()["lead"].is_null());
  EXPECT_TRUE(TeamById(*admin, team)["lead"].is_null());

  // The change is in the audit log.
  bool audited = false;
  for (const json& e : admin->Get("/api/audit?action=team.update").Json()) {
    if (e.value("object_id", "") == std::to_string(team)) audited = true;
  }
  EXPECT_TRUE(audited);
}

TEST_F(AdminWebTest, OnlyAdministratorsChangeTeams) {
  const json me = As("lead1")->Get("/api/me").Json();
  const auto team = me["led_teams"][0].get<std::uint64_t>();
  const auto op02 = UserId("op02");
  for (const std::string who : {"office", "director", "supervisor", "lead1", "op01"}) {
    auto r = As(who)->Send("PATCH", "/api/teams/" + std::to_string(team), {{"lead", op02}});
    EXPECT_EQ(r.status, 403) << who << ": " << r.body;
  }
  EXPECT_EQ(TeamById(*As("admin"), team)["lead"], me["id"]);
}

TEST_F(AdminWebTest, RefusesWhatCannotBeALeadAndSaysWhy) {
  auto admin = As("admin");
  const auto team = As("lead1")->Get("/api/me").Json()["led_teams"][0].get<std::uint64_t>();
  const std::string path = "/api/teams/" + std::to_string(team);

  auto r = admin->Send("PATCH", "/api/teams/999", {{"lead", nullptr}});
  EXPECT_EQ(r.status, 404) << r.body;

  r = admin->Send("PATCH", path, {{"lead", 9999}});
  EXPECT_EQ(r.status, 404) << r.body;

  r = admin->Send("PATCH", path, {{"name", "Renamed"}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.Json().value("detail", "").find("unknown field 'name'"), std::string::npos) << r.body;

  r = admin->Send("PATCH", path, json::object());
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.Json().value("detail", "").find("'lead' is required"), std::string::npos) << r.body;

  r = admin->Send("PATCH", path, {{"lead", "op02"}});
  EXPECT_EQ(r.status, 400) << r.body;

  // The administrator works for the default tenant only, not the team's company.
  const auto admin_id = admin->Get("/api/me").Json()["id"].get<std::uint64_t>();
  r = admin->Send("PATCH", path, {{"lead", admin_id}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.Json().value("detail", "").find("company"), std::string::npos) << r.body;

  // A disabled user cannot lead.
  const auto op03 = UserId("op03");
  ASSERT_EQ(admin->Send("PATCH", "/api/users/" + std::to_string(op03), {{"disabled", true}}).status, 200);
  r = admin->Send("PATCH", path, {{"lead", op03}});
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(r.Json().value("detail", "").find("disabled"), std::string::npos) << r.body;

  // Nothing of the above changed the team.
  EXPECT_EQ(TeamById(*admin, team)["lead"], UserId("lead1"));
}

TEST_F(AdminWebTest, NeedsTheCsrfToken) {
  auto admin = As("admin");
  const auto team = As("lead1")->Get("/api/me").Json()["led_teams"][0].get<std::uint64_t>();
  admin->SetCsrf("");
  auto r = admin->Send("PATCH", "/api/teams/" + std::to_string(team), {{"lead", nullptr}});
  EXPECT_EQ(r.status, 403) << r.body;
}

}  // namespace
}  // namespace cc::testing
