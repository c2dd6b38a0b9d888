// CdrProjector and CdrRepository over a real SQLite file: CDRs appear once
// the log holds the call's end, survive restarts exactly once, calls left
// open by a crash are closed as "interrupted", and the history can be
// searched and paged.
#include "reporting/cdr_projector.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "reporting/cdr_repository.h"
#include "reporting/log_consistency.h"
#include "reporting/scenario_log_for_test.h"
#include "storage/testing/test_database.h"

namespace cc::reporting {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDay = R"(
  queue sales wrapup=10
  queue support wrapup=5
  agent anna queues=sales
  agent sam queues=support
  anna ready
  sam ready
  call c1 arrives sales
  call c2 arrives support
  at 3
  anna answers c1
  sam answers c2
  call c3 arrives sales
  at 20
  hold c1
  at 25
  c3 hangs-up
  resume c1
  at 40
  transfer c1 to queue support
  at 60
  sam hangs-up c2
  at 65
  sam answers c1
  at 90
  sam hangs-up c1
  at 100
  call c4 arrives sales
  anna ready
  at 104
  anna answers c4
  at 200
)";

class CdrProjectorTest : public ::testing::Test {
 protected:
  void SetUp() override { Fresh(); }
  void TearDown() override {
    log_.reset();
    test_.reset();
  }
  // A new, empty database.
  void Fresh() {
    log_.reset();
    test_.reset();
    auto test = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(test) << test.error().message;
    test_ = std::move(*test);
    Open();
  }
  // Reopens the database, as a restart would.
  void Open() {
    log_.reset();
    auto reopened = test_->Reopen();
    ASSERT_TRUE(reopened) << reopened.error().message;
    db_ = &test_->db();
    auto schema = storage::InteractionLog::Migrations();
    schema.push_back(CdrRepository::Migration());
    schema.push_back(CdrRepository::TopicMigration(4));
    auto migrated = db_->Migrate(schema);
    ASSERT_TRUE(migrated) << migrated.error().message;
    log_ = std::make_unique<storage::InteractionLog>(*db_);
  }
  void Append(const std::vector<storage::LogRecord>& records, std::size_t from, std::size_t to) {
    std::vector<storage::LogRecord> part(records.begin() + static_cast<long>(from),
                                         records.begin() + static_cast<long>(to));
    auto done = log_->Append(std::move(part)).get();
    ASSERT_TRUE(done) << done.error().message;
  }
  std::unique_ptr<CdrProjector> Projector() {
    auto projector = CdrProjector::Open(*db_, *log_);
    EXPECT_TRUE(projector) << projector.error().message;
    return projector ? std::move(*projector) : nullptr;
  }
  // The morning of kDay with c2's disposition arriving late (a patch): the
  // records, and the CDRs one projector makes of them in one run.
  static void PlayDayWithLatePatch(ScenarioLog& day) {
    day.Run(kDay);
    day.Dispose("c2", "sam", "info", "asked about prices");
    day.Run("at 300\nanna hangs-up c4\nat 400\n");
  }
  std::vector<Cdr> ProjectInOneRun(const std::vector<storage::LogRecord>& records) {
    Append(records, 0, records.size());
    auto once = Projector();
    EXPECT_TRUE(once->Poll());
    return All();
  }
  std::vector<Cdr> All() {
    CdrRepository repo(*db_);
    CdrFilter filter;
    filter.limit = CdrRepository::kMaxLimit;
    auto page = repo.Query(filter);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->cdrs : std::vector<Cdr>{};
  }

  std::unique_ptr<storage::testing::TestDatabase> test_;
  storage::Database* db_ = nullptr;
  std::unique_ptr<storage::InteractionLog> log_;
};

TEST_F(CdrProjectorTest, RestartsMidStreamGiveTheSameCdrsAsOneRun) {
  ScenarioLog day;
  PlayDayWithLatePatch(day);
  const auto& records = day.records();
  const std::vector<Cdr> expected = ProjectInOneRun(records);
  ASSERT_EQ(expected.size(), 4u);

  // Again from an empty database, reopening it (a restart) after every few records.
  Fresh();
  for (std::size_t from = 0; from < records.size(); from += 7) {
    Append(records, from, std::min(records.size(), from + 7));
    auto projector = Projector();
    ASSERT_TRUE(projector->Poll());
    ASSERT_TRUE(projector->Poll());  // nothing new: changes nothing
    if (from % 21 == 0) Open();
  }
  EXPECT_EQ(All(), expected);
  auto c2 = CdrRepository(*db_).Find(day.Call("c2"));
  ASSERT_TRUE(c2 && *c2);
  EXPECT_EQ((*c2)->disposition, "info");
  EXPECT_EQ((*c2)->note, "asked about prices");
}

TEST_F(CdrProjectorTest, CallsOpenAtACrashAreClosedAsInterrupted) {
  ScenarioLog day;
  day.Run(kDay);  // c4 is still talking; c1 and c2 ended, their agents in wrap-up
  Append(day.records(), 0, day.records().size());
  {
    auto before_crash = Projector();
    ASSERT_TRUE(before_crash->Poll());
    EXPECT_EQ(before_crash->OpenCalls(), std::vector<core::CallId>{day.Call("c4")});
  }
  Open();  // the restart
  auto projector = Projector();
  auto closed = projector->RecoverInterrupted(day.At(1000));
  ASSERT_TRUE(closed) << closed.error().message;
  EXPECT_EQ(*closed, std::vector<core::CallId>{day.Call("c4")});
  EXPECT_TRUE(projector->OpenCalls().empty());

  auto c4 = CdrRepository(*db_).Find(day.Call("c4"));
  ASSERT_TRUE(c4 && *c4);
  EXPECT_EQ((*c4)->outcome, "interrupted");
  EXPECT_EQ((*c4)->ended_at, day.At(1000));
  EXPECT_EQ((*c4)->answered_at, day.At(104));
  EXPECT_EQ(All().size(), 4u);

  auto summary = CheckLogConsistency(*log_);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->calls, 4);
  EXPECT_TRUE(summary->open_calls.empty());

  // A second recovery finds nothing more to close and writes nothing new.
  const std::int64_t seq = projector->last_seq();
  Open();
  auto again = Projector()->RecoverInterrupted(day.At(2000));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  auto tail = log_->ReadFrom(seq + 1, 10);
  ASSERT_TRUE(tail);
  EXPECT_TRUE(tail->empty());
}

TEST_F(CdrProjectorTest, QueryFiltersAndPages) {
  ScenarioLog day;
  day.Run(kDay);
  day.Run("at 300\nanna hangs-up c4\nat 400\n");
  Append(day.records(), 0, day.records().size());
  ASSERT_TRUE(Projector()->Poll());
  CdrRepository repo(*db_);

  CdrFilter by_queue;
  by_queue.queue = day.Queue("sales");
  auto sales = repo.Query(by_queue);
  ASSERT_TRUE(sales);
  ASSERT_EQ(sales->cdrs.size(), 2u);  // c3 abandoned, c4; c1 ended in support
  EXPECT_EQ(sales->cdrs[0].call, day.Call("c4"));  // newest first
  EXPECT_EQ(sales->cdrs[1].call, day.Call("c3"));

  CdrFilter by_agent;
  by_agent.agent = day.Agent("sam");
  auto sam = repo.Query(by_agent);
  ASSERT_TRUE(sam);
  EXPECT_EQ(sam->cdrs.size(), 2u);  // c1 (after the transfer) and c2

  CdrFilter abandoned;
  abandoned.outcome = "abandoned";
  auto lost = repo.Query(abandoned);
  ASSERT_TRUE(lost);
  ASSERT_EQ(lost->cdrs.size(), 1u);
  EXPECT_EQ(lost->cdrs[0].call, day.Call("c3"));

  CdrFilter window;
  window.from = day.At(50);
  window.to = day.At(101);
  auto late = repo.Query(window);
  ASSERT_TRUE(late);
  ASSERT_EQ(late->cdrs.size(), 1u);
  EXPECT_EQ(late->cdrs[0].call, day.Call("c4"));

  CdrFilter other_tenant;
  other_tenant.tenants = std::vector<core::TenantId>{core::TenantId(2)};
  auto none = repo.Query(other_tenant);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->cdrs.empty());
  other_tenant.tenants = std::vector<core::TenantId>{core::TenantId(2), core::TenantId(1)};
  EXPECT_EQ(repo.Query(other_tenant)->cdrs.size(), 4u);
  other_tenant.tenants = std::vector<core::TenantId>{};
  EXPECT_TRUE(repo.Query(other_tenant)->cdrs.empty());

  CdrFilter paged;
  paged.limit = 3;
  auto first = repo.Query(paged);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->cdrs.size(), 3u);
  ASSERT_FALSE(first->next_cursor.empty());
  paged.cursor = first->next_cursor;
  auto second = repo.Query(paged);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->cdrs.size(), 1u);
  EXPECT_TRUE(second->next_cursor.empty());
  std::vector<Cdr> both = first->cdrs;
  both.push_back(second->cdrs[0]);
  EXPECT_EQ(both, All());

  paged.limit = 501;
  EXPECT_EQ(repo.Query(paged).error().code, core::ErrorCode::kInvalidArgument);
  paged.limit = 10;
  paged.cursor = "garbage";
  EXPECT_EQ(repo.Query(paged).error().code, core::ErrorCode::kInvalidArgument);
}

TEST_F(CdrProjectorTest, ConsistencyCheckFindsDoubleEndsAndGaps) {
  ScenarioLog day;
  day.Run("queue sales\ncall c1 arrives sales\nat 10\nc1 hangs-up\n");
  std::vector<storage::LogRecord> records = day.records();
  records.push_back(CallInterruptedRecord(day.At(20), day.Call("c1")));
  Append(records, 0, records.size());
  auto summary = CheckLogConsistency(*log_);
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("already ended"), std::string::npos)
      << summary.error().message;

  auto gap = db_->Write({{"DELETE FROM interaction_log WHERE seq = 2", {}}}).get();
  ASSERT_TRUE(gap);
  summary = CheckLogConsistency(*log_);
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("expected sequence 2"), std::string::npos)
      << summary.error().message;
}

// Two nodes on one database both run a projector over the shared log, record
// by record: neither fails when the other has moved the position first, and
// together they leave the same CDRs as one projector.
TEST_F(CdrProjectorTest, TwoProjectorsOnOneDatabaseAgreeWithOne) {
  ScenarioLog day;
  PlayDayWithLatePatch(day);
  const auto& records = day.records();
  const std::vector<Cdr> expected = ProjectInOneRun(records);
  ASSERT_EQ(expected.size(), 4u);

  Fresh();
  auto other_db = test_->OpenAnother();
  ASSERT_TRUE(other_db) << other_db.error().message;
  storage::InteractionLog other_log(**other_db);
  auto a = Projector();
  auto b = CdrProjector::Open(**other_db, other_log);
  ASSERT_TRUE(b) << b.error().message;
  for (std::size_t from = 0; from < records.size(); ++from) {
    Append(records, from, from + 1);
    // Both read the same new record; the second to store finds the position
    // moved, reloads and carries on without an error.
    ASSERT_TRUE(a->Poll());
    ASSERT_TRUE((*b)->Poll());
  }
  ASSERT_TRUE(a->Poll());
  ASSERT_TRUE((*b)->Poll());
  EXPECT_EQ(a->last_seq(), (*b)->last_seq());
  EXPECT_EQ(All(), expected);
}

}  // namespace
}  // namespace cc::reporting
