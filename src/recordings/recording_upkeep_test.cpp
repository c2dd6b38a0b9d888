// The upkeep of recording files: a recording a crash cut short is repaired
// at start (or marked missing), and recordings past their queue's retention
// are deleted — the file gone, the row marked, an audit entry written.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "recordings/recording_store.h"
#include "recordings/testing/recording_fixture.h"

namespace cc::recordings {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace): the fixture's constants

class RecordingUpkeepTest : public RecordingFixture {};

TEST_F(RecordingUpkeepTest, ACrashedRecordingIsRepairedAndFinishedAtStart) {
  const auto start = Start(42);
  const auto id = store_->Begin(start).value();
  WriteWav(start.path, 2 * 8000 + 400, /*close=*/false);  // 2.05 s, header never finished
  const auto file = data_dir_ / start.path;
  // The crash also cut the last sample frame in half.
  std::filesystem::resize_file(file, std::filesystem::file_size(file) - 3);
  const auto missing = store_->Begin(Start(43)).value();  // its file never made it to disk
  const auto finished = store_->Begin(Start(44)).value();
  WriteWav(Start(44).path, 800);
  ASSERT_TRUE(store_->Finish(finished, kMorning + core::Seconds(1), 800));

  auto report = store_->RepairUnfinished(data_dir_, kMorning + core::Seconds(3600));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->repaired, 1);
  EXPECT_EQ(report->missing, 1);
  EXPECT_EQ(report->unreadable, 0);

  auto repaired = store_->Get(id).value();
  ASSERT_TRUE(repaired);
  EXPECT_EQ(repaired->frames, 2u * 8000 + 399);  // the half frame is gone
  EXPECT_EQ(repaired->ended_at, kMorning + core::Duration(2049));
  EXPECT_TRUE(repaired->repaired);
  EXPECT_FALSE(repaired->deleted());
  // The file now plays: its header holds what it holds.
  std::ifstream in(file, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(bytes.size(), 44u + (2u * 8000 + 399) * 4);
  const std::uint32_t data_size = bytes[40] | (bytes[41] << 8) | (bytes[42] << 16) | (std::uint32_t{bytes[43]} << 24);
  EXPECT_EQ(data_size, (2u * 8000 + 399) * 4);

  auto gone = store_->Get(missing).value();
  ASSERT_TRUE(gone);
  EXPECT_TRUE(gone->deleted());
  EXPECT_EQ(gone->deleted_reason, "missing");
  EXPECT_TRUE(gone->finished());

  EXPECT_EQ(store_->Get(finished).value()->frames, 800u);  // a finished one is left alone
  EXPECT_FALSE(store_->Get(finished).value()->repaired);
  // Running again finds nothing left to do.
  auto second = store_->RepairUnfinished(data_dir_, kMorning + core::Seconds(3600)).value();
  EXPECT_EQ(second.repaired + second.missing + second.unreadable, 0);
}

TEST_F(RecordingUpkeepTest, AnotherNodesRecordingsAreLeftToIt) {
  const auto theirs = store_->Begin(Start(9001)).value();
  const auto mine = store_->Begin(Start(12)).value();
  auto report = store_->RepairUnfinished(data_dir_, kMorning, [](core::CallId c) { return c.value() < 9000; });
  ASSERT_TRUE(report);
  EXPECT_EQ(report->missing, 1);
  EXPECT_TRUE(store_->Get(mine).value()->deleted());
  EXPECT_FALSE(store_->Get(theirs).value()->deleted());
  EXPECT_FALSE(store_->Get(theirs).value()->finished());
}

TEST_F(RecordingUpkeepTest, ANonWavFileIsKeptAndTheRowFinishedEmpty) {
  const auto start = Start(5);
  const auto id = store_->Begin(start).value();
  std::filesystem::create_directories((data_dir_ / start.path).parent_path());
  std::ofstream(data_dir_ / start.path) << "not audio";
  auto report = store_->RepairUnfinished(data_dir_, kMorning).value();
  EXPECT_EQ(report.unreadable, 1);
  auto row = store_->Get(id).value();
  EXPECT_TRUE(row->finished());
  EXPECT_EQ(row->frames, 0u);
  EXPECT_FALSE(row->deleted());
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / start.path));
}

TEST_F(RecordingUpkeepTest, RecordingsPastTheirQueuesRetentionAreDeletedAndAudited) {
  ASSERT_TRUE(store_->SetPolicy(kVip, true, 7));
  const auto sales = Start(1, kOp1, kSales);
  const auto vip = Start(2, kOp1, kVip);
  const auto live = Start(3, kOp1, kVip);
  const auto sales_id = store_->Begin(sales).value();
  const auto vip_id = store_->Begin(vip).value();
  const auto live_id = store_->Begin(live).value();  // still being recorded
  for (const auto* s : {&sales, &vip, &live}) WriteWav(s->path, 800);
  ASSERT_TRUE(store_->Finish(sales_id, kMorning + core::Seconds(60), 800));
  ASSERT_TRUE(store_->Finish(vip_id, kMorning + core::Seconds(60), 800));

  // Six days on nothing has expired.
  EXPECT_EQ(store_->DeleteExpired(data_dir_, kMorning + std::chrono::days(6), *audit_).value(), 0);
  // Eight days on the VIP queue's week has passed; the sales queue keeps 90 days.
  const core::Timestamp week_later = kMorning + std::chrono::days(8);
  auto deleted = store_->DeleteExpired(data_dir_, week_later, *audit_);
  ASSERT_TRUE(deleted) << deleted.error().message;
  EXPECT_EQ(*deleted, 1);
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / vip.path));
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / sales.path));
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / live.path));
  auto row = store_->Get(vip_id).value();
  EXPECT_EQ(row->deleted_at, week_later);
  EXPECT_EQ(row->deleted_reason, "retention");
  EXPECT_FALSE(store_->Get(sales_id).value()->deleted());
  EXPECT_FALSE(store_->Get(live_id).value()->deleted());

  auto entries = audit_->Query({.action = "recording.delete"});
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 1u);
  const auto& e = entries->front();
  EXPECT_EQ(e.actor_login, "system");
  EXPECT_EQ(e.object_type, "recording");
  EXPECT_EQ(e.object_id, std::to_string(vip_id.value()));
  EXPECT_EQ(e.detail.value("call_id", 0), 2);
  EXPECT_EQ(e.detail.value("retention_days", 0), 7);

  // A second pass deletes nothing twice; 91 days on the sales one goes too.
  EXPECT_EQ(store_->DeleteExpired(data_dir_, week_later, *audit_).value(), 0);
  EXPECT_EQ(store_->DeleteExpired(data_dir_, kMorning + std::chrono::days(91), *audit_).value(), 1);
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / sales.path));
  EXPECT_EQ(audit_->Query({.action = "recording.delete"}).value().size(), 2u);
}

TEST_F(RecordingUpkeepTest, DeletionGoesInBatchesOfTheLimitAndSkipsOtherNodes) {
  ASSERT_TRUE(store_->SetPolicy(kSales, true, 1));
  for (std::uint64_t call = 1; call <= 5; ++call) {
    const auto s = Start(call);
    WriteWav(s.path, 80);
    ASSERT_TRUE(store_->Finish(store_->Begin(s).value(), kMorning, 80));
  }
  const auto later = kMorning + std::chrono::days(2);
  auto odd = [](core::CallId c) { return c.value() % 2 == 1; };  // calls 1, 3, 5 are this node's
  EXPECT_EQ(store_->DeleteExpired(data_dir_, later, *audit_, odd, 2).value(), 2);
  EXPECT_EQ(store_->DeleteExpired(data_dir_, later, *audit_, odd, 2).value(), 1);
  EXPECT_EQ(store_->DeleteExpired(data_dir_, later, *audit_, odd, 2).value(), 0);
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / Start(2).path));
  EXPECT_TRUE(std::filesystem::exists(data_dir_ / Start(4).path));
  EXPECT_FALSE(std::filesystem::exists(data_dir_ / Start(5).path));
}

}  // namespace
}  // namespace cc::recordings
