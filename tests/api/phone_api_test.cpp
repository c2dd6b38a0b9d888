// Agents' SIP accounts over the API: admins set the password (kept as a
// digest hash), the answer says whether a phone is registered, mistakes are
// 400 with a JSON body, and the change is audited.
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class PhoneApiTest : public ApiTest {};

TEST_F(PhoneApiTest, AnAdminSetsAnOperatorsSipPasswordAndItIsAudited) {
  auto admin = As("admin");
  const std::string op01 = std::to_string(UserId("op01"));
  auto before = admin->Get("/api/users/" + op01 + "/sip");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_FALSE(before.Json()["configured"].get<bool>());
  EXPECT_EQ(before.Json().value("sip_user", ""), "op01");

  auto set = admin->Send("PUT", "/api/users/" + op01 + "/sip", {{"password", "phone-secret-1"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_TRUE(set.Json()["configured"].get<bool>());
  EXPECT_FALSE(set.Json()["registered"].get<bool>());
  EXPECT_EQ(set.body.find("phone-secret-1"), std::string::npos);

  bool audited = false;
  for (const json& e : admin->Get("/api/audit?action=user.sip").Json()) {
    audited = audited || e.dump().find(op01) != std::string::npos;
  }
  EXPECT_TRUE(audited);
}

TEST_F(PhoneApiTest, MistakesAreRefusedWithAReason) {
  auto admin = As("admin");
  const std::string op01 = std::to_string(UserId("op01"));
  auto short_password = admin->Send("PUT", "/api/users/" + op01 + "/sip", {{"password", "short"}});
  EXPECT_EQ(short_password.status, 400);
  EXPECT_NE(short_password.Json().dump().find("8 characters"), std::string::npos) << short_password.body;
  auto unknown = admin->Send("PUT", "/api/users/" + op01 + "/sip", {{"pass", "phone-secret-1"}});
  EXPECT_EQ(unknown.status, 400);
  const std::string qa = std::to_string(UserId("qa"));
  auto no_calls = admin->Send("PUT", "/api/users/" + qa + "/sip", {{"password", "phone-secret-1"}});
  EXPECT_EQ(no_calls.status, 400);
  EXPECT_NE(no_calls.body.find("take calls"), std::string::npos) << no_calls.body;
  auto operator_session = As("op02");
  EXPECT_EQ(operator_session->Send("PUT", "/api/users/" + op01 + "/sip", {{"password", "phone-secret-1"}}).status, 403);
}

}  // namespace
}  // namespace cc::testing
