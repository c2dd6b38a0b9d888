// `callcenter migrate`: a centre's SQLite data lands in PostgreSQL with every
// count verified; a target that already holds data and bad arguments are refused.
// Runs as "pg.*" (the PostgreSQL test cluster); skipped on the SQLite run.
#include "app/migrate_command.h"

#include <gtest/gtest.h>

#include <sstream>

#include "app/store.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"

namespace cc::app {
namespace {

MigrateOptions Options(std::string from, std::string to, std::size_t batch_rows) {
  MigrateOptions o;
  o.from = std::move(from);
  o.to = std::move(to);
  o.batch_rows = batch_rows;
  return o;
}

storage::LogRecord Ended() {
  storage::LogRecord r;
  r.at_ms = 5;
  r.type = "call.ended";
  r.call_id = 1;
  r.payload = "{}";
  return r;
}

class MigrateCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (storage::testing::TestBackend() != "postgresql") {
      GTEST_SKIP() << "needs the PostgreSQL test cluster (runs as pg.*)";
    }
    auto target = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(target) << target.error().message;
    target_ = std::move(*target);
    target_->Close();  // the command opens it itself
    source_path_ = (target_->dir() / "source.db").string();
    StoreOptions store;
    store.data_dir = target_->dir().string();
    store.database = "sqlite:" + source_path_;
    auto source = OpenStore(store);
    ASSERT_TRUE(source) << source.error().message;
    ASSERT_TRUE((*source)->Write({{"INSERT INTO tenants (id, name, time_zone) VALUES (?, ?, ?)",
                                   {std::int64_t{1}, std::string("ООО «Бета»"), std::string("Europe/Moscow")}}})
                    .get());
    storage::InteractionLog log(**source);
    std::vector<storage::LogRecord> records;
    for (int i = 0; i < 1234; ++i) {
      storage::LogRecord r;
      r.at_ms = 1'795'766'400'000 + i;
      r.type = "call.queued";
      r.call_id = i / 10 + 1;
      if (i % 3 == 0) r.agent_id = 7;
      r.payload = "{\"n\":" + std::to_string(i) + ",\"note\":\"«ёлка» 'q' ?\"}";
      records.push_back(r);
    }
    ASSERT_TRUE(log.Append(records).get());
  }

  int Run(MigrateOptions options, std::string* output = nullptr, std::string* errors = nullptr) {
    std::ostringstream out, err;
    const int code = RunMigrate(options, out, err);
    if (output) *output = out.str();
    if (errors) *errors = err.str();
    return code;
  }

  std::unique_ptr<storage::testing::TestDatabase> target_;
  std::string source_path_;
};

TEST_F(MigrateCommandTest, CopiesEveryTableAndVerifiesTheCounts) {
  MigrateOptions options = Options("sqlite:" + source_path_, target_->url(), 100);
  std::string output, errors;
  ASSERT_EQ(Run(options, &output, &errors), 0) << errors;
  EXPECT_NE(output.find("interaction_log"), std::string::npos) << output;
  EXPECT_NE(output.find("every count matches"), std::string::npos) << output;

  ASSERT_TRUE(target_->Reopen());
  storage::InteractionLog log(target_->db());
  auto all = log.ReadFrom(1, 5000);
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->size(), 1234u);
  EXPECT_EQ(all->back().seq, 1234);
  EXPECT_EQ(all->back().payload, "{\"n\":1233,\"note\":\"«ёлка» 'q' ?\"}");
  EXPECT_FALSE(all->at(1).agent_id.has_value());
  EXPECT_EQ(all->at(3).agent_id, 7);
  auto tenant = target_->db().Query({"SELECT name, time_zone FROM tenants WHERE id = 1", {}});
  ASSERT_TRUE(tenant && tenant->size() == 1);
  EXPECT_EQ(tenant->front().Text(0).value(), "ООО «Бета»");
  // The log goes on numbering after the copied records.
  ASSERT_TRUE(log.Append({Ended()}).get());
  EXPECT_EQ(log.ReadFrom(1235, 1)->at(0).type, "call.ended");
}

TEST_F(MigrateCommandTest, RefusesATargetThatHoldsDataAndBadArguments) {
  MigrateOptions options = Options("sqlite:" + source_path_, target_->url(), 500);
  ASSERT_EQ(Run(options), 0);
  std::string errors;
  EXPECT_EQ(Run(options, nullptr, &errors), 1);
  EXPECT_NE(errors.find("already holds data"), std::string::npos) << errors;

  EXPECT_EQ(Run(Options("sqlite:/no/such/file.db", target_->url(), 500), nullptr, &errors), 1);
  EXPECT_NE(errors.find("no such file"), std::string::npos) << errors;
  EXPECT_EQ(Run(Options(source_path_, target_->url(), 500), nullptr, &errors), 2);
  EXPECT_NE(errors.find("--from must be sqlite:FILE"), std::string::npos) << errors;
  EXPECT_EQ(Run(Options("sqlite:" + source_path_, "mysql://x", 500), nullptr, &errors), 2);
  EXPECT_NE(errors.find("--to must be a postgresql:// URL"), std::string::npos) << errors;
}

}  // namespace
}  // namespace cc::app
