// The audit log answers queries newest first, filters by time, actor, action
// and object type, pages with before_id, and keeps entries across a restart.
#include "access/audit_log.h"

#include <gtest/gtest.h>

#include "access/test_store.h"

namespace cc::access {
namespace {

using core::ErrorCode;

AuditEntry Entry(std::int64_t at_ms, std::string actor, std::string action,
                 std::string object_type = "user") {
  AuditEntry e;
  e.at = core::FromMillis(at_ms);
  e.actor_login = std::move(actor);
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = "7";
  e.remote_address = "10.0.0.1";
  return e;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Append(Entry(1000, "admin", "login", "session"));
    Append(Entry(2000, "admin", "user.create"));
    Append(Entry(3000, "cli", "user.disable"));
    Append(Entry(4000, "eve", "login", "session"));
  }
  void Append(AuditEntry e) {
    auto written = log_.Append(std::move(e)).get();
    ASSERT_TRUE(written.has_value()) << written.error().message;
  }
  std::vector<std::string> Actions(const AuditFilter& f) {
    auto rows = log_.Query(f);
    EXPECT_TRUE(rows.has_value()) << (rows ? "" : rows.error().message);
    std::vector<std::string> out;
    if (rows) {
      for (const auto& r : *rows) out.push_back(r.actor_login + ":" + r.action);
    }
    return out;
  }

  testing::TestStore store_;
  AuditLog log_{store_.db()};
};

TEST_F(AuditLogTest, NewestFirst) {
  EXPECT_EQ(Actions({}), (std::vector<std::string>{"eve:login", "cli:user.disable",
                                                   "admin:user.create", "admin:login"}));
}

TEST_F(AuditLogTest, Filters) {
  EXPECT_EQ(Actions({.actor_login = "admin"}),
            (std::vector<std::string>{"admin:user.create", "admin:login"}));
  EXPECT_EQ(Actions({.action = "login"}), (std::vector<std::string>{"eve:login", "admin:login"}));
  EXPECT_EQ(Actions({.object_type = "user"}),
            (std::vector<std::string>{"cli:user.disable", "admin:user.create"}));
  EXPECT_EQ(Actions({.from = core::FromMillis(2000), .to = core::FromMillis(4000)}),
            (std::vector<std::string>{"cli:user.disable", "admin:user.create"}));
}

TEST_F(AuditLogTest, PagesWithBeforeId) {
  auto first = log_.Query({.limit = 3});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->size(), 3u);
  auto next = log_.Query({.limit = 3, .before_id = first->back().id});
  ASSERT_TRUE(next.has_value());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ(next->front().action, "login");
  EXPECT_EQ(next->front().actor_login, "admin");
}

TEST_F(AuditLogTest, LimitIsBounded) {
  EXPECT_EQ(log_.Query({.limit = 0}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(log_.Query({.limit = 501}).error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(log_.Query({.limit = 500}).has_value());
}

TEST_F(AuditLogTest, KeepsEveryFieldAcrossAReopen) {
  AuditEntry e = Entry(5000, "boss", "queue.update", "queue");
  e.actor_user = core::UserId(3);
  e.outcome = AuditOutcome::kDenied;
  e.detail = {{"reason", "not allowed"}, {"fields", {"name"}}};
  Append(e);
  store_.Reopen();
  AuditLog reopened(store_.db());
  auto rows = reopened.Query({.limit = 1});
  ASSERT_TRUE(rows.has_value());
  ASSERT_EQ(rows->size(), 1u);
  e.id = rows->front().id;
  EXPECT_EQ(rows->front(), e);
  EXPECT_EQ(ToString(rows->front().outcome), "denied");
}

TEST_F(AuditLogTest, RefusesIncompleteEntries) {
  EXPECT_EQ(log_.Append(Entry(1, "", "login")).get().error().code, ErrorCode::kInvalidArgument);
  AuditEntry bad = Entry(1, "x", "login");
  bad.detail = nlohmann::json::array();
  EXPECT_EQ(log_.Append(bad).get().error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(log_.Query({})->size(), 4u);
}

}  // namespace
}  // namespace cc::access
