// Recordings on storage (SQLite and PostgreSQL): a call's recording from
// start to end, the list's filters, pauses, and the queues' policies.
#include "recordings/recording_store.h"

#include <gtest/gtest.h>

#include "recordings/testing/recording_fixture.h"

namespace cc::recordings {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's constants

class RecordingStoreTest : public RecordingFixture {};

TEST_F(RecordingStoreTest, ARecordingBegunAndFinishedReadsBack) {
  auto id = store_->Begin(Start(42));
  ASSERT_TRUE(id) << id.error().message;
  auto live = store_->Get(*id).value();
  ASSERT_TRUE(live);
  EXPECT_EQ(live->call, core::CallId(42));
  EXPECT_EQ(live->tenant, kBeta);
  EXPECT_EQ(live->queue, kSales);
  EXPECT_EQ(live->agent, kOp1);
  EXPECT_EQ(live->path, "recordings/2026/11/28/call-42.wav");
  EXPECT_EQ(live->started_at, kMorning);
  EXPECT_FALSE(live->finished());
  EXPECT_FALSE(live->deleted());

  ASSERT_TRUE(store_->AddPause(*id, core::Seconds(20)));
  ASSERT_TRUE(store_->AddPause(*id, core::Seconds(5)));
  ASSERT_TRUE(store_->Finish(*id, kMorning + core::Seconds(95), 95 * 8000));
  auto done = store_->Get(*id).value();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->ended_at, kMorning + core::Seconds(95));
  EXPECT_EQ(done->frames, 95u * 8000);
  EXPECT_EQ(done->length(), core::Seconds(95));
  EXPECT_EQ(done->pauses, 2);
  EXPECT_EQ(done->paused, core::Seconds(25));
  EXPECT_FALSE(done->repaired);

  auto again = store_->Finish(*id, kMorning + core::Seconds(99), 1);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::kFailedPrecondition);
  EXPECT_EQ(store_->Get(*id).value()->frames, 95u * 8000);  // unchanged
  auto unknown = store_->Finish(RecordingId(999999), kMorning, 1);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  EXPECT_FALSE(store_->Get(RecordingId(999999)).value());
}

TEST_F(RecordingStoreTest, PathsOutsideTheDataDirAreRefused) {
  for (const std::string bad : {"", "/etc/passwd", "../secret.wav", "recordings/../../x.wav", "recordings//a.wav",
                                "recordings/./a.wav", "recordings/"}) {
    auto start = Start(7);
    start.path = bad;
    auto refused = store_->Begin(start);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument) << bad;
  }
  auto no_agent = Start(7);
  no_agent.agent = core::AgentId();
  EXPECT_FALSE(store_->Begin(no_agent));
  RecordingFilter all;
  EXPECT_TRUE(store_->List(all).value().empty());
}

TEST_F(RecordingStoreTest, TheListFiltersByTenantCallAgentAndTimeNewestFirst) {
  const auto a = store_->Begin(Start(1, kOp1, kSales, kMorning)).value();
  const auto b = store_->Begin(Start(2, kOp2, kSales, kMorning + core::Seconds(60))).value();
  const auto c = store_->Begin(Start(3, kOp1, kVip, kMorning + core::Seconds(120))).value();
  auto other = Start(4, kOp1, kSales, kMorning + core::Seconds(180));
  other.tenant = core::TenantId(3);
  const auto d = store_->Begin(other).value();

  auto ids = [&](RecordingFilter f) {
    std::vector<RecordingId> out;
    auto list = store_->List(f);
    EXPECT_TRUE(list) << list.error().message;
    if (list) {
      for (const auto& r : *list) out.push_back(r.id);
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<RecordingId>{d, c, b, a}));
  EXPECT_EQ(ids({.tenants = std::vector{kBeta}}), (std::vector<RecordingId>{c, b, a}));
  EXPECT_TRUE(ids({.tenants = std::vector<core::TenantId>{}}).empty());
  EXPECT_EQ(ids({.tenants = std::vector{kBeta}, .agent = kOp1}), (std::vector<RecordingId>{c, a}));
  EXPECT_EQ(ids({.agents = std::vector{kOp2}}), (std::vector<RecordingId>{b}));
  EXPECT_EQ(ids({.call = core::CallId(3)}), (std::vector<RecordingId>{c}));
  EXPECT_EQ(ids({.from = kMorning + core::Seconds(60), .to = kMorning + core::Seconds(180)}),
            (std::vector<RecordingId>{c, b}));
  EXPECT_EQ(ids({.limit = 2}), (std::vector<RecordingId>{d, c}));
  EXPECT_FALSE(store_->List({.limit = 0}));
  EXPECT_FALSE(store_->List({.limit = kMaxRecordingPage + 1}));
}

TEST_F(RecordingStoreTest, AQueueRecordsForNinetyDaysUntilItsPolicyIsSet) {
  EXPECT_EQ(store_->Policy(kSales).value(), (RecordingPolicy{true, 90}));
  ASSERT_TRUE(store_->SetPolicy(kSales, false, 30));
  EXPECT_EQ(store_->Policy(kSales).value(), (RecordingPolicy{false, 30}));
  ASSERT_TRUE(store_->SetPolicy(kSales, true, 3650));
  EXPECT_EQ(store_->Policy(kSales).value(), (RecordingPolicy{true, 3650}));
  EXPECT_EQ(store_->Policy(kVip).value(), (RecordingPolicy{true, 90}));

  for (int days : {0, -1, 3651}) {
    auto refused = store_->SetPolicy(kSales, true, days);
    ASSERT_FALSE(refused) << days;
    EXPECT_EQ(refused.error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_NE(refused.error().message.find("retention_days"), std::string::npos) << refused.error().message;
  }
  EXPECT_EQ(store_->Policy(kSales).value(), (RecordingPolicy{true, 3650}));
}

}  // namespace
}  // namespace cc::recordings
