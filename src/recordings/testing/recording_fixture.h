// Test support: a fresh database (SQLite or PostgreSQL, as the run selects)
// with the tables recordings need, a RecordingStore and an audit log on it,
// and a data dir of the test's own, removed at the end.
// Thread-safety: one test at a time.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <vector>

#include "access/audit_log.h"
#include "access/schema.h"
#include "recordings/recording_store.h"
#include "storage/id_allocator.h"
#include "storage/interaction_log.h"
#include "storage/testing/test_database.h"
#include "telephony/media/wav.h"

namespace cc::recordings::testing {

inline const core::TenantId kBeta(2);
inline const core::QueueId kSales(11);
inline const core::QueueId kVip(12);
inline const core::AgentId kOp1(101);
inline const core::AgentId kOp2(102);
inline const core::Timestamp kMorning = core::ParseUtc("2026-11-28T09:00:00Z").value();

class RecordingFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = storage::testing::TestDatabase::Create();
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    std::vector<storage::Migration> all = storage::InteractionLog::Migrations();  // 1
    all.push_back(access::AccessMigration());                                  // 2
    all.push_back(storage::IdAllocator::Migration(3));
    all.push_back(RecordingStore::Migration(4));
    ASSERT_TRUE(db_->db().Migrate(all));
    store_ = std::make_unique<RecordingStore>(db_->db());
    audit_ = std::make_unique<access::AuditLog>(db_->db());
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    data_dir_ = std::filesystem::temp_directory_path() /
                ("cc_recordings_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(data_dir_);
    std::filesystem::create_directories(data_dir_);
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }

  RecordingStart Start(std::uint64_t call, core::AgentId agent = kOp1, core::QueueId queue = kSales,
                       core::Timestamp at = kMorning) {
    return {core::CallId(call), kBeta, queue, agent, "recordings/2026/11/28/call-" + std::to_string(call) + ".wav",
            at};
  }

  // Writes `frames` stereo frames to the recording's file and, unless
  // `close` is false, closes it (otherwise its header keeps the empty sizes,
  // as after a crash).
  void WriteWav(const std::string& relative, std::size_t frames, bool close = true) {
    const auto path = data_dir_ / relative;
    std::filesystem::create_directories(path.parent_path());
    auto writer = telephony::media::WavWriter::Create(path, telephony::media::WavChannels::kStereo);
    ASSERT_TRUE(writer) << writer.error().message;
    std::vector<std::int16_t> caller(frames, 1000), agent(frames, -1000);
    ASSERT_TRUE(writer->AppendStereo(caller, agent));
    if (close) {
      ASSERT_TRUE(writer->Close());
    } else {
      // Dropping an unclosed writer would finish the header: keep the
      // crash's file by copying it before the writer goes.
      const auto copy = path.string() + ".crash";
      std::filesystem::copy_file(path, copy);
      writer = core::Fail(core::ErrorCode::kInternal, "dropped");
      std::filesystem::rename(copy, path);
    }
  }

  std::unique_ptr<storage::testing::TestDatabase> db_;
  std::unique_ptr<RecordingStore> store_;
  std::unique_ptr<access::AuditLog> audit_;
  std::filesystem::path data_dir_;
};

}  // namespace cc::recordings::testing
