// Logging in and out over real HTTP: the session cookie, CSRF on every state
// change, server-side logout, idle expiry, bearer tokens and throttling.
#include "tests/api/api_fixture.h"

namespace cc::testing {
namespace {

using nlohmann::json;

class AuthTest : public ApiTest {
 protected:
  void Adjust(app::ServerSettings& s) override {
    s.sessions.idle_timeout = std::chrono::milliseconds(1500);
  }
};

TEST_F(AuthTest, LoginSetsAStrictHttpOnlyCookieAndReturnsCsrf) {
  ApiSession s(port_);
  auto r = s.Login("supervisor", passwords_.at("supervisor"));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string cookie(r.headers.GetOr("Set-Cookie"));
  EXPECT_NE(cookie.find("cc_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_FALSE(r.Json().value("csrf_token", "").empty());
  EXPECT_EQ(r.Json()["role"], "supervisor");
  EXPECT_EQ(s.Get("/api/me").Json()["login"], "supervisor");
  // A reloaded page learns the same CSRF token from /api/me.
  EXPECT_EQ(s.Get("/api/me").Json().value("csrf_token", ""), r.Json().value("csrf_token", "x"));

  // A second login rotates the session: the old cookie stops working.
  const std::string old_cookie = s.CookieHeader();
  ASSERT_EQ(s.Login("supervisor", passwords_.at("supervisor")).status, 200);
  http::testing::HttpClient other("127.0.0.1", port_);
  auto stale = other.Get("/api/me", http::Headers{{"Cookie", old_cookie}});
  ASSERT_TRUE(stale.has_value());
  EXPECT_EQ(stale->status, 401);
}

TEST_F(AuthTest, WrongPasswordAndUnknownLoginLookTheSame) {
  ApiSession s(port_);
  auto wrong = s.Login("supervisor", "not-the-password");
  auto unknown = s.Login("nobody-here", "not-the-password");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.Json()["detail"], unknown.Json()["detail"]);
  EXPECT_EQ(s.Post("/api/login", {{"login", 5}}).status, 400);
}

TEST_F(AuthTest, StateChangesNeedTheCsrfToken) {
  auto op = As("op06");
  const std::string csrf = op->csrf();
  op->SetCsrf("");
  auto r = op->Post("/api/agent/login");
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.Json().value("detail", "").find("CSRF"), std::string::npos);
  op->SetCsrf("forged");
  EXPECT_EQ(op->Post("/api/agent/login").status, 403);
  EXPECT_EQ(op->Get("/api/agent").Json()["state"], "logged-out");  // nothing happened
  op->SetCsrf(csrf);
  EXPECT_EQ(op->Post("/api/agent/login").status, 200);
}

TEST_F(AuthTest, LogoutEndsTheSessionOnTheServer) {
  auto s = As("qa");
  const std::string cookie = s->CookieHeader();
  EXPECT_EQ(s->Post("/api/logout").status, 204);
  http::testing::HttpClient other("127.0.0.1", port_);
  auto r = other.Get("/api/me", http::Headers{{"Cookie", cookie}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->status, 401);
}

TEST_F(AuthTest, IdleSessionsExpire) {
  auto s = As("manager");
  EXPECT_EQ(s->Get("/api/me").status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  EXPECT_EQ(s->Get("/api/me").status, 401);
}

TEST_F(AuthTest, BearerTokensWorkWithoutCsrfAndCanBeRevoked) {
  auto s = As("director");
  auto created = s->Post("/api/tokens", {{"name", "wallboard"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string token = created.Json().value("token", "");
  ASSERT_EQ(token.rfind("cct_", 0), 0u);
  ApiSession api(port_);
  api.SetBearer(token);
  EXPECT_EQ(api.Get("/api/me").Json()["login"], "director");
  EXPECT_FALSE(api.Get("/api/me").Json().contains("csrf_token"));  // bearers need none
  EXPECT_EQ(api.Get("/api/realtime").status, 200);
  for (const auto& t : s->Get("/api/tokens").Json()) EXPECT_FALSE(t.contains("token"));
  EXPECT_EQ(s->Send("DELETE", "/api/tokens/" + std::to_string(created.Json().value("id", 0))).status, 204);
  EXPECT_EQ(api.Get("/api/me").status, 401);
  api.SetBearer("cct_made-up");
  EXPECT_EQ(api.Get("/api/me").status, 401);
}

TEST_F(AuthTest, DisablingAUserEndsTheirSessionsAndTokensAtOnce) {
  auto op = As("op09");
  auto token = op->Post("/api/tokens", {{"name", "script"}}).Json().value("token", "");
  ApiSession api(port_);
  api.SetBearer(token);
  EXPECT_EQ(op->Get("/api/me").status, 200);  // both are now known (and cached) as valid
  EXPECT_EQ(api.Get("/api/me").status, 200);
  auto admin = As("admin");
  auto r = admin->Send("PATCH", "/api/users/" + std::to_string(UserId("op09")), {{"disabled", true}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(op->Get("/api/me").status, 401);
  EXPECT_EQ(api.Get("/api/me").status, 401);
}

TEST_F(AuthTest, RepeatedFailuresLockTheLoginForAWhile) {
  ApiSession s(port_);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.Login("office", "guess-" + std::to_string(i)).status, 401);
  auto locked = s.Login("office", passwords_.at("office"));
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.Json().value("detail", "").empty());
  // Another user is not affected.
  EXPECT_EQ(s.Login("qa", passwords_.at("qa")).status, 200);
  auto admin = As("admin");
  auto audit = admin->Get("/api/audit?action=login&limit=20").Json();
  int failed = 0;
  for (const auto& e : audit) failed += e["outcome"] == "failed";
  EXPECT_GE(failed, 5);
}

}  // namespace
}  // namespace cc::testing
