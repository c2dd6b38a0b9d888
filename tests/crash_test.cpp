// kill -9 under load: the demo centre runs with fast simulated traffic and
// bots while a client makes acknowledged writes (new skills through the
// admin API, an operator's state changes). The server is killed without
// warning several times; after every restart each acknowledged write is
// there, calls left open are closed as "interrupted", and at the end the
// interaction log passes the consistency check. Runs on SQLite and, as
// "pg.CrashTest...", with the server on PostgreSQL.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "app/store.h"
#include "http/testing/http_client.h"
#include "reporting/log_consistency.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"
#include "tests/api/api_fixture.h"
#include "tests/server_process.h"

namespace cc::testing {
namespace {

using nlohmann::json;

TEST(CrashTest, AcknowledgedWritesSurviveKillNine) {
  const auto dir = std::filesystem::temp_directory_path() / ("cc-crash-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  // SQLite: the default file in the data dir. PostgreSQL: a fresh schema.
  std::unique_ptr<storage::testing::TestDatabase> pg;
  std::string database;
  if (storage::testing::TestBackend() == "postgresql") {
    auto created = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(created) << created.error().message;
    pg = std::move(*created);
    pg->Close();
    database = pg->url();
  }
  auto serve = [&](int round) {
    std::vector<std::string> args = {"--demo", "--traffic-multiplier", "40"};
    if (!database.empty()) args.insert(args.end(), {"--database", database});
    return std::make_unique<ServerProcess>(dir / "data", dir / ("serve-" + std::to_string(round) + ".out"),
                                           args);
  };
  std::string admin_password;
  std::vector<std::string> acknowledged_skills;
  int acknowledged_state_changes = 0;
  std::uint64_t operator_id = 0;
  int interrupted_seen = 0;

  for (int round = 0; round < 4; ++round) {
    auto server_owner = serve(round);
    ServerProcess& server = *server_owner;
    const std::uint16_t port = server.Port();
    ASSERT_NE(port, 0) << server.Output();
    if (round == 0) {
      std::smatch m;
      std::string out = server.Output();
      ASSERT_TRUE(std::regex_search(out, m, std::regex("password '([^']+)'"))) << out;
      admin_password = m[1];
    }
    // After a restart: everything acknowledged before the kill is there.
    ApiSession admin(port);
    ASSERT_EQ(admin.Login("admin", admin_password).status, 200);
    auto skills = admin.Get("/api/skills").Json();
    for (const auto& name : acknowledged_skills) {
      bool found = false;
      for (const auto& s : skills) found = found || s.value("name", "") == name;
      EXPECT_TRUE(found) << "round " << round << ": acknowledged skill " << name << " is missing";
    }
    if (round > 0) {
      auto interrupted = admin.Get("/api/calls?outcome=interrupted&limit=500").Json();
      interrupted_seen = static_cast<int>(interrupted["calls"].size());
    }

    // Load: generated traffic and bots are running; add acknowledged writes.
    auto logins = json::parse(std::ifstream(dir / "data" / "demo-logins.json"), nullptr, false);
    ASSERT_TRUE(logins.is_array());
    std::string op_password;
    for (const auto& l : logins) {
      if (l["login"] == "op30") op_password = l["password"];
    }
    ApiSession op(port);
    ASSERT_EQ(op.Login("op30", op_password).status, 200);
    operator_id = op.Get("/api/me").Json().value("id", 0ull);
    ASSERT_EQ(op.Post("/api/agent/login").status, 200);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(1500);
    int i = 0;
    std::string last_state = "not-ready";
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string name = "crash-" + std::to_string(round) + "-" + std::to_string(i++);
      auto r = admin.Post("/api/skills", {{"name", name}});
      // Callers too, whatever the hour: the demo's generated traffic follows
      // the Moscow clock and is thin at night.
      if (i % 10 == 1) (void)admin.Post("/api/sim/calls", {{"queue", 1}, {"caller", "+74950000000"}});
      if (r.status == 201) acknowledged_skills.push_back(name);
      auto s = op.Post(i % 2 ? "/api/agent/not-ready" : "/api/agent/ready", {{"reason", "break"}});
      if (s.status == 200) {
        const std::string state = s.Json().value("state", "");
        if (state != last_state) ++acknowledged_state_changes;  // each one is at least one event
        last_state = state;
      }
    }
    // Kill in the middle of a write.
    // Its outcome is unknown by design (the server may die before or after it commits).
    std::thread writer([&admin, round] {
      (void)admin.client().Post("/api/skills",
                                json{{"name", "in-flight-" + std::to_string(round)}}.dump(),
                                http::Headers{{"X-CSRF-Token", admin.csrf()}});
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    server.Kill(SIGKILL);
    writer.join();
  }
  EXPECT_GT(acknowledged_skills.size(), 20u);
  EXPECT_GT(interrupted_seen, 0) << "fast traffic should leave calls open at every kill";

  // A last run, stopped cleanly with SIGTERM: exit 0.
  {
    auto server = serve(99);
    ASSERT_NE(server->Port(), 0);
    int status = server->Kill(SIGTERM);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << server->Output();
  }

  // The log itself: no gaps, every call ends once, every acknowledged state change is in it.
  auto db = app::OpenStore(app::StoreOptions{(dir / "data").string(), database});
  ASSERT_TRUE(db.has_value()) << db.error().message;
  storage::InteractionLog log(**db);
  auto summary = reporting::CheckLogConsistency(log);
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_TRUE(summary->open_calls.empty());
  EXPECT_GT(summary->calls, 10);
  auto changes = (*db)->Query({"SELECT COUNT(*) FROM interaction_log WHERE type = 'agent.state_changed' "
                               "AND agent_id = ?",
                               {static_cast<std::int64_t>(operator_id)}});
  ASSERT_TRUE(changes.has_value());
  EXPECT_GE(*(*changes)[0].Int(0), acknowledged_state_changes);
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cc::testing
