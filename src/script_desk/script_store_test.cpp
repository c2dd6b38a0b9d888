#include "script_desk/script_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "call_scripts/script_json.h"
#include "call_scripts/testing/sales_script.h"
#include "script_desk/analytics.h"
#include "script_desk/content.h"
#include "script_desk/script_log.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::script_desk {
namespace {

using call_scripts::Language;

const core::TenantId kBeta(2);
const core::Timestamp kNow = core::ParseUtc("2026-11-28T09:00:00Z").value();

class ScriptStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    std::vector<storage::Migration> all = storage::InteractionLog::Migrations();
    all.push_back(ScriptStore::Migration(static_cast<int>(all.size()) + 1));
    ASSERT_TRUE(db_->db().Migrate(all));
    store_ = std::make_unique<ScriptStore>(db_->db());
  }

  call_scripts::Script Sales() {
    auto s = call_scripts::ScriptFromJsonText(call_scripts::testing::kSalesScriptJson).value();
    s.tenant = kBeta;
    return s;
  }

  std::unique_ptr<storage::testing::TestDatabase> db_;
  std::unique_ptr<ScriptStore> store_;
};

TEST_F(ScriptStoreTest, EachPublishIsANewVersionAndOldOnesStay) {
  auto first = store_->Publish("inbound_sales", ScriptKind::kScript, Sales(), core::UserId(5), kNow);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->script->version, 1);  // the body's own version (3) does not count
  auto changed = Sales();
  changed.name = "Продажи, весна";
  auto second = store_->Publish("inbound_sales", ScriptKind::kScript, changed, core::UserId(5), kNow);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->script->version, 2);

  auto latest = store_->Get(kBeta, "inbound_sales", Language::kRu).value();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->script->name, "Продажи, весна");
  auto old = store_->Get(kBeta, "inbound_sales", Language::kRu, 1).value();
  ASSERT_TRUE(old);
  EXPECT_EQ(old->script->name, "Входящие продажи");
  EXPECT_EQ(store_->Versions(kBeta, "inbound_sales", Language::kRu).value(), (std::vector<int>{1, 2}));
  EXPECT_FALSE(store_->Get(kBeta, "inbound_sales", Language::kEn).value());
  EXPECT_FALSE(store_->Get(core::TenantId(3), "inbound_sales", Language::kRu).value());

  auto list = store_->List(kBeta).value();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].version, 2);
}

TEST_F(ScriptStoreTest, InvalidScriptsAndKindChangesAreRefused) {
  auto broken = Sales();
  broken.steps.erase("farewell");
  auto refused = store_->Publish("inbound_sales", ScriptKind::kScript, broken, std::nullopt, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("farewell"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(store_->List(kBeta).value().empty());

  ASSERT_TRUE(store_->Publish("inbound_sales", ScriptKind::kScript, Sales(), std::nullopt, kNow));
  auto as_situation = store_->Publish("inbound_sales", ScriptKind::kSituation, Sales(), std::nullopt, kNow);
  ASSERT_FALSE(as_situation);
  EXPECT_NE(as_situation.error().message.find("is a script"), std::string::npos);
  EXPECT_FALSE(store_->Publish("bad code!", ScriptKind::kScript, Sales(), std::nullopt, kNow));
}

TEST_F(ScriptStoreTest, QueuesRunScriptsNotSituations) {
  ASSERT_TRUE(store_->Publish("inbound_sales", ScriptKind::kScript, Sales(), std::nullopt, kNow));
  ASSERT_TRUE(store_->Publish("S-99", ScriptKind::kSituation, Sales(), std::nullopt, kNow));
  EXPECT_FALSE(store_->QueueScript(core::QueueId(1)).value());
  ASSERT_TRUE(store_->AssignQueue(kBeta, core::QueueId(1), "inbound_sales"));
  EXPECT_EQ(store_->QueueScript(core::QueueId(1)).value(), "inbound_sales");
  EXPECT_FALSE(store_->AssignQueue(kBeta, core::QueueId(2), "S-99"));
  EXPECT_FALSE(store_->AssignQueue(kBeta, core::QueueId(2), "missing"));
  EXPECT_EQ(store_->Assignments(kBeta).value().at("inbound_sales"), (std::vector<std::uint32_t>{1}));
  ASSERT_TRUE(store_->AssignQueue(kBeta, core::QueueId(1), std::nullopt));
  EXPECT_FALSE(store_->QueueScript(core::QueueId(1)).value());
}

TEST_F(ScriptStoreTest, TheProductContentPublishesInBothLanguages) {
  auto count = PublishContent(*store_, kBeta, kNow);
  ASSERT_TRUE(count) << count.error().message;
  int scripts = 0;
  for (const auto& file : EmbeddedContent()) scripts += file.path.starts_with("training/") ? 0 : 1;
  EXPECT_EQ(*count, scripts);
  // Each situation has its simulated caller for practice, in both languages.
  for (Language language : call_scripts::kAllLanguages) {
    for (int n = 1; n <= 17; ++n) {
      const std::string code = fmt::format("S-{:02}", n);
      EXPECT_GE(CallerLines(code, language).size(), 3u) << code;
      EXPECT_EQ(CallerLines(code, language).size(), CallerLines(code, Language::kRu).size()) << code;
    }
  }
  EXPECT_TRUE(CallerLines("S-99", Language::kEn).empty());
  for (const char* code : {"inbound_sales", "complaint", "outbound_promo", "survey", "S-01", "S-15", "S-17"}) {
    for (Language language : call_scripts::kAllLanguages) {
      auto got = store_->Get(kBeta, code, language).value();
      ASSERT_TRUE(got) << code;
      EXPECT_EQ(got->script->tenant, kBeta);
    }
  }
  EXPECT_EQ(store_->Get(kBeta, "S-02", Language::kEn).value()->kind, ScriptKind::kSituation);
  EXPECT_EQ(store_->Get(kBeta, "complaint", Language::kEn).value()->kind, ScriptKind::kScript);
}

TEST_F(ScriptStoreTest, AnalyticsCountStepsSituationsAndOutcomesByQueueAndOperator) {
  auto write = [&](CallContext ctx, std::vector<UseRecord> records) {
    ASSERT_TRUE(db_->db().Write(UseStatements(ctx, records)).get());
  };
  auto use = [](std::string code, ScriptKind kind, std::string step, std::string event, std::string outcome = "") {
    UseRecord u;
    u.at = kNow;
    u.code = std::move(code);
    u.kind = kind;
    u.version = 1;
    u.step = std::move(step);
    u.event = std::move(event);
    u.outcome = std::move(outcome);
    return u;
  };
  const CallContext a{core::CallId(1), kBeta, core::QueueId(1), core::AgentId(7)};
  const CallContext b{core::CallId(2), kBeta, core::QueueId(3), core::AgentId(8)};
  CallContext practice{core::CallId(3), kBeta, core::QueueId(1), core::AgentId(7)};
  practice.training = true;
  write(a, {use("inbound_sales", ScriptKind::kScript, "greet", "shown"),
            use("S-02", ScriptKind::kSituation, "warn", "shown"),
            use("S-02", ScriptKind::kSituation, "end", "outcome", "abusive")});
  write(b, {use("S-02", ScriptKind::kSituation, "warn", "shown"), use("S-02", ScriptKind::kSituation, "warn", "shown")});
  write(practice, {use("S-05", ScriptKind::kSituation, "prompt", "shown")});

  AnalyticsFilter f;
  f.tenant = kBeta;
  f.from = kNow - std::chrono::hours(1);
  f.to = kNow + std::chrono::hours(1);
  auto all = Analyse(db_->db(), f).value();
  ASSERT_EQ(all.situations.size(), 1u);  // the practice call is not counted
  EXPECT_EQ(all.situations[0].code, "S-02");
  EXPECT_EQ(all.situations[0].calls, 2);
  ASSERT_EQ(all.outcomes.size(), 1u);
  EXPECT_EQ(all.outcomes[0].outcome, "abusive");
  std::int64_t warn_shown = 0;
  for (const auto& s : all.steps) warn_shown += s.step == "warn" ? s.uses : 0;
  EXPECT_EQ(warn_shown, 3);
  EXPECT_EQ(all.by_agent.size(), 3u);  // inbound_sales/7, S-02/7, S-02/8

  f.queue = core::QueueId(3);
  auto queue3 = Analyse(db_->db(), f).value();
  ASSERT_EQ(queue3.by_agent.size(), 1u);
  EXPECT_EQ(queue3.by_agent[0].id, 8u);
  f.queue.reset();
  f.training = true;
  EXPECT_EQ(Analyse(db_->db(), f).value().situations.at(0).code, "S-05");
  f.training = false;
  f.from = kNow + std::chrono::minutes(1);
  EXPECT_TRUE(Analyse(db_->db(), f).value().steps.empty());

  // The same uses are in the interaction log, with the call.
  storage::InteractionLog log(db_->db());
  auto records = log.ReadFrom(0, 100).value();
  int outcomes = 0;
  for (const auto& r : records) outcomes += r.type == "script.outcome" && r.call_id == 1 ? 1 : 0;
  EXPECT_EQ(outcomes, 1);
}

}  // namespace
}  // namespace cc::script_desk
