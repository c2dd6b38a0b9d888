// Two `callcenter serve` processes on one PostgreSQL (docs/deployment.md):
// they see the same users, tenants, sessions and history; a user created on
// one node logs in on the other; a logout on one node ends the session on the
// other within the cache lifetime; each node's calls get ids of its own.
// Runs as "pg.TwoNodes..." (skipped on SQLite, where a data dir has one server).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <thread>

#include "storage/testing/test_database.h"
#include "tests/api/api_fixture.h"
#include "tests/server_process.h"

namespace cc::testing {
namespace {

using nlohmann::json;

TEST(TwoNodes, ShareUsersSessionsAndHistory) {
  if (storage::testing::TestBackend() != "postgresql") {
    GTEST_SKIP() << "several nodes share a PostgreSQL database (runs as pg.*)";
  }
  auto created = storage::testing::TestDatabase::Create();
  ASSERT_TRUE(created) << created.error().message;
  auto pg = std::move(*created);
  pg->Close();
  const auto dir = pg->dir();

  // Node A seeds the demo centre and runs fast traffic; node B starts after it.
  ServerProcess a(dir / "a", dir / "a.out",
                  {"--demo", "--no-bots", "--traffic-multiplier", "60", "--database", pg->url()});
  const std::uint16_t port_a = a.Port();
  ASSERT_NE(port_a, 0) << a.Output();
  ServerProcess b(dir / "b", dir / "b.out", {"--database", pg->url()});
  const std::uint16_t port_b = b.Port();
  ASSERT_NE(port_b, 0) << b.Output();

  std::smatch m;
  const std::string out_a = a.Output();
  ASSERT_TRUE(std::regex_search(out_a, m, std::regex("password '([^']+)'"))) << out_a;
  const std::string admin_password = m[1];
  EXPECT_EQ(b.Output().find("password '"), std::string::npos)
      << "node B must find the administrator node A created";

  // A user created through node A logs in on node B.
  ApiSession admin_a(port_a);
  ASSERT_EQ(admin_a.Login("admin", admin_password).status, 200);
  auto created_user = admin_a.Post("/api/users", {{"login", "shared.lead"},
                                                  {"password", "a-long-enough-password"},
                                                  {"role", "team_lead"},
                                                  {"tenants", json::array({1})}});
  ASSERT_EQ(created_user.status, 201) << created_user.body;
  ApiSession lead_b(port_b);
  EXPECT_EQ(lead_b.Login("shared.lead", "a-long-enough-password").status, 200);

  // Node A's session cookie works on node B, until it logs out on node A.
  http::testing::HttpClient raw_b("127.0.0.1", port_b);
  http::Headers cookie;
  cookie.Set("Cookie", admin_a.CookieHeader());
  auto me = raw_b.Get("/api/me", cookie);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(admin_a.Post("/api/logout").status, 204);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the cache lifetime
  me = raw_b.Get("/api/me", cookie);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 401) << me->body;

  // History written by node A's calls is visible through node B.
  ApiSession admin_b(port_b);
  ASSERT_EQ(admin_b.Login("admin", admin_password).status, 200);
  int records = 0;
  for (int i = 0; i < 100 && records == 0; ++i) {
    records = static_cast<int>(admin_b.Get("/api/interactions?limit=1000").Json()["records"].size());
    if (records == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GT(records, 0);
  auto audit = admin_b.Get("/api/audit?limit=100").Json();
  bool seen = false;
  for (const auto& entry : audit) seen = seen || entry.dump().find("shared.lead") != std::string::npos;
  EXPECT_TRUE(seen) << audit.dump();

  // Calls injected on each node get ids from different blocks.
  std::set<std::uint64_t> ids;
  for (auto* session : {&admin_a, &admin_b}) {
    if (session == &admin_a) {
      ASSERT_EQ(admin_a.Login("admin", admin_password).status, 200);
    }
    auto injected = session->Post("/api/sim/calls", {{"queue", 1}, {"caller", "+74950000001"}});
    ASSERT_EQ(injected.status, 201) << injected.body;
    ids.insert(injected.Json().value("call", 0ull));
  }
  EXPECT_EQ(ids.size(), 2u);
}

}  // namespace
}  // namespace cc::testing
