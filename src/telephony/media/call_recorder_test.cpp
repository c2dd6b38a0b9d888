#include "telephony/media/call_recorder.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <vector>

namespace cc::telephony::media {
namespace {

class CallRecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("cc_call_recorder_" + std::to_string(::getpid()) + ".wav");
  }
  void TearDown() override { std::filesystem::remove(path_); }

  CallRecorder Make(std::size_t batch) {
    auto writer = WavWriter::Create(path_, WavChannels::kStereo);
    EXPECT_TRUE(writer.has_value());
    return CallRecorder(std::move(*writer), path_, batch);
  }
  std::uintmax_t DataBytes() const { return std::filesystem::file_size(path_) - 44; }

  std::filesystem::path path_;
};

TEST_F(CallRecorderTest, WritesInBatchesAndEverythingOnFinish) {
  CallRecorder recorder = Make(320);
  const std::vector<std::int16_t> left(160, 100);
  const std::vector<std::int16_t> right(160, -100);
  ASSERT_TRUE(recorder.Append(left, right).has_value());
  EXPECT_EQ(DataBytes(), 0U);  // gathered, not yet written
  EXPECT_EQ(recorder.frames(), 160U);
  ASSERT_TRUE(recorder.Append(left, right).has_value());
  EXPECT_EQ(DataBytes(), 320U * 4);
  ASSERT_TRUE(recorder.Append(left, {}).has_value());  // a silent agent is padded
  const auto summary = recorder.Finish();
  ASSERT_TRUE(summary.has_value()) << summary.error().message;
  EXPECT_EQ(summary->frames, 480U);
  EXPECT_EQ(summary->path, path_);
  EXPECT_EQ(DataBytes(), 480U * 4);
}

TEST_F(CallRecorderTest, PausedTicksAreNotWritten) {
  CallRecorder recorder = Make(1000);
  const std::vector<std::int16_t> frame(160, 1);
  ASSERT_TRUE(recorder.Append(frame, frame).has_value());
  ASSERT_TRUE(recorder.Pause(true).has_value());
  EXPECT_EQ(DataBytes(), 160U * 4);  // what was gathered goes out before the pause
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(recorder.Append(frame, frame).has_value());
  ASSERT_TRUE(recorder.Pause(false).has_value());
  ASSERT_TRUE(recorder.Append(frame, frame).has_value());
  EXPECT_EQ(recorder.Finish()->frames, 320U);
}

}  // namespace
}  // namespace cc::telephony::media
