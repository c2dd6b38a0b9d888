#include "telephony/media/wav.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <string>

namespace cc::telephony::media {
namespace {

using Bytes = std::vector<std::uint8_t>;

class WavTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("cc_media_wav_" + std::to_string(::getpid()) + "_" + info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path Path(const std::string& name) const { return dir_ / name; }

  static Bytes Contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  static void Save(const std::filesystem::path& path, const Bytes& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  static std::uint32_t Le32(const Bytes& b, std::size_t at) {
    return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (std::uint32_t{b[at + 3]} << 24);
  }
  static std::int16_t Le16(const Bytes& b, std::size_t at) {
    return static_cast<std::int16_t>(b[at] | (b[at + 1] << 8));
  }

  static std::vector<std::int16_t> Ramp(std::size_t n, int start) {
    std::vector<std::int16_t> samples(n);
    for (std::size_t i = 0; i < n; ++i)
      samples[i] = static_cast<std::int16_t>(start + static_cast<int>(i) * 97);
    return samples;
  }

  std::filesystem::path dir_;
};

TEST_F(WavTest, MonoRecordingReadsBackSampleForSample) {
  const auto path = Path("mono.wav");
  std::vector<std::int16_t> all;
  {
    auto writer = WavWriter::Create(path, WavChannels::kMono);
    ASSERT_TRUE(writer.has_value()) << writer.error().message;
    for (int frame = 0; frame < 3; ++frame) {
      const auto samples = Ramp(160, -16000 + frame * 5000);
      ASSERT_TRUE(writer->AppendMono(samples).has_value());
      all.insert(all.end(), samples.begin(), samples.end());
    }
    EXPECT_EQ(writer->frames_written(), 480U);
    ASSERT_TRUE(writer->Close().has_value());
  }
  EXPECT_EQ(std::filesystem::file_size(path), 44U + 960U);
  const auto read = ReadMonoWav(path);
  ASSERT_TRUE(read.has_value()) << read.error().message;
  EXPECT_EQ(*read, all);
}

TEST_F(WavTest, StereoPutsTheCallerLeftAndTheAgentRight) {
  const auto path = Path("stereo.wav");
  auto writer = WavWriter::Create(path, WavChannels::kStereo);
  ASSERT_TRUE(writer.has_value());
  const auto caller = Ramp(160, 100);
  const auto agent = Ramp(160, -100);
  ASSERT_TRUE(writer->AppendStereo(caller, agent).has_value());
  ASSERT_TRUE(writer->AppendStereo(caller, {}).has_value());  // the agent's packet was lost
  ASSERT_TRUE(writer->Close().has_value());

  const Bytes b = Contents(path);
  ASSERT_EQ(b.size(), 44U + 2 * 160 * 4);
  EXPECT_EQ(Le32(b, 4), b.size() - 8);   // RIFF size
  EXPECT_EQ(Le16(b, 22), 2);             // channels
  EXPECT_EQ(Le32(b, 24), 8000U);         // sample rate
  EXPECT_EQ(Le32(b, 28), 32000U);        // byte rate
  EXPECT_EQ(Le16(b, 32), 4);             // block align
  EXPECT_EQ(Le32(b, 40), 2U * 160 * 4);  // data size
  for (std::size_t i = 0; i < 160; ++i) {
    EXPECT_EQ(Le16(b, 44 + 4 * i), caller[i]);
    EXPECT_EQ(Le16(b, 44 + 4 * i + 2), agent[i]);
    EXPECT_EQ(Le16(b, 44 + 640 + 4 * i), caller[i]);
    EXPECT_EQ(Le16(b, 44 + 640 + 4 * i + 2), 0);  // silence keeps the sides in step
  }
  EXPECT_FALSE(ReadMonoWav(path).has_value());
}

TEST_F(WavTest, SamplesReachTheFileBeforeClose) {
  const auto path = Path("live.wav");
  auto writer = WavWriter::Create(path, WavChannels::kStereo);
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(writer->AppendStereo(Ramp(160, 1), Ramp(160, 2)).has_value());
  const Bytes live = Contents(path);
  EXPECT_EQ(live.size(), 44U + 640U);
  EXPECT_EQ(Le32(live, 40), 0U);  // sizes are only known at Close
  ASSERT_TRUE(writer->Close().has_value());
  EXPECT_EQ(Le32(Contents(path), 40), 640U);
  EXPECT_FALSE(writer->AppendStereo(Ramp(1, 0), Ramp(1, 0)).has_value());
}

TEST_F(WavTest, RepairMakesARecordingCutShortPlayable) {
  const auto live = Path("live.wav");
  const auto crashed = Path("crashed.wav");
  auto writer = WavWriter::Create(live, WavChannels::kStereo);
  ASSERT_TRUE(writer.has_value());
  for (int i = 0; i < 5; ++i)
    ASSERT_TRUE(writer->AppendStereo(Ramp(160, i), Ramp(160, -i)).has_value());
  // What kill -9 leaves: the flushed bytes, sizes still empty, plus half a sample frame.
  Bytes bytes = Contents(live);
  bytes.insert(bytes.end(), {0x12, 0x34, 0x56});
  Save(crashed, bytes);

  const auto frames = RepairWav(crashed);
  ASSERT_TRUE(frames.has_value()) << frames.error().message;
  EXPECT_EQ(*frames, 800U);
  const Bytes repaired = Contents(crashed);
  ASSERT_EQ(repaired.size(), 44U + 800U * 4);
  EXPECT_EQ(Le32(repaired, 4), repaired.size() - 8);
  EXPECT_EQ(Le32(repaired, 40), 800U * 4);
  EXPECT_TRUE(std::equal(repaired.begin() + 44, repaired.end(), bytes.begin() + 44));
}

TEST_F(WavTest, RepairedMonoFileReadsBack) {
  const auto live = Path("live.wav");
  const auto crashed = Path("crashed.wav");
  auto writer = WavWriter::Create(live, WavChannels::kMono);
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(writer->AppendMono(Ramp(160, 7)).has_value());
  Bytes bytes = Contents(live);
  bytes.push_back(0x01);
  Save(crashed, bytes);
  ASSERT_EQ(RepairWav(crashed), 160U);
  EXPECT_EQ(ReadMonoWav(crashed), Ramp(160, 7));
}

TEST_F(WavTest, RepairLeavesAWholeFileAlone) {
  const auto path = Path("whole.wav");
  {
    auto writer = WavWriter::Create(path, WavChannels::kMono);
    ASSERT_TRUE(writer.has_value());
    ASSERT_TRUE(writer->AppendMono(Ramp(160, 3)).has_value());
  }  // the destructor closes
  const Bytes before = Contents(path);
  EXPECT_EQ(Le32(before, 40), 320U);
  EXPECT_EQ(RepairWav(path), 160U);
  EXPECT_EQ(Contents(path), before);
}

TEST_F(WavTest, ReplacingAWriterFinishesTheFileItHeld) {
  auto first = WavWriter::Create(Path("first.wav"), WavChannels::kMono);
  auto second = WavWriter::Create(Path("second.wav"), WavChannels::kMono);
  ASSERT_TRUE(first.has_value() && second.has_value());
  ASSERT_TRUE(first->AppendMono(Ramp(160, 0)).has_value());
  *first = std::move(*second);
  EXPECT_EQ(Le32(Contents(Path("first.wav")), 40), 320U);
  EXPECT_TRUE(first->AppendMono(Ramp(80, 0)).has_value());
  EXPECT_TRUE(first->Close().has_value());
  EXPECT_EQ(Le32(Contents(Path("second.wav")), 40), 160U);
}

TEST_F(WavTest, RepairRefusesWhatItCannotRecognise) {
  const auto cut = Path("cut.wav");
  auto writer = WavWriter::Create(Path("live.wav"), WavChannels::kMono);
  ASSERT_TRUE(writer.has_value());
  Bytes bytes = Contents(Path("live.wav"));
  bytes.resize(30);  // inside the fmt chunk
  Save(cut, bytes);
  const auto cut_result = RepairWav(cut);
  ASSERT_FALSE(cut_result.has_value());
  EXPECT_NE(cut_result.error().message.find("cut.wav"), std::string::npos)
      << cut_result.error().message;

  Save(Path("text.wav"), Bytes{'h', 'e', 'l', 'l', 'o'});
  const auto text = RepairWav(Path("text.wav"));
  ASSERT_FALSE(text.has_value());
  EXPECT_NE(text.error().message.find("not a RIFF/WAVE file"), std::string::npos);
  EXPECT_FALSE(RepairWav(Path("missing.wav")).has_value());
}

TEST_F(WavTest, ReaderNamesTheFormatItCannotPlay) {
  auto writer = WavWriter::Create(Path("base.wav"), WavChannels::kMono);
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(writer->AppendMono(Ramp(8, 0)).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  const Bytes base = Contents(Path("base.wav"));

  const auto expect_error = [&](const Bytes& bytes, const std::string& words) {
    Save(Path("variant.wav"), bytes);
    const auto read = ReadMonoWav(Path("variant.wav"));
    ASSERT_FALSE(read.has_value()) << words;
    EXPECT_NE(read.error().message.find(words), std::string::npos) << read.error().message;
  };
  Bytes mulaw = base;
  mulaw[20] = 7;
  expect_error(mulaw, "format 7");
  Bytes wideband = base;
  wideband[24] = 0x80;  // 16000 Hz
  wideband[25] = 0x3E;
  expect_error(wideband, "16000 Hz");
  Bytes eight_bit = base;
  eight_bit[34] = 8;
  expect_error(eight_bit, "8 bits");
  Bytes truncated = base;
  truncated.resize(truncated.size() - 4);
  expect_error(truncated, "declares 16 bytes but the file holds 12");
  EXPECT_EQ(ReadMonoWav(Path("nowhere.wav")).error().code, core::ErrorCode::kNotFound);
}

TEST_F(WavTest, ReaderSkipsChunksItDoesNotNeed) {
  auto writer = WavWriter::Create(Path("base.wav"), WavChannels::kMono);
  ASSERT_TRUE(writer.has_value());
  ASSERT_TRUE(writer->AppendMono(Ramp(4, 10)).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  Bytes bytes = Contents(Path("base.wav"));
  // A LIST chunk of odd size (padded to even) between fmt and data, as editors write.
  const Bytes list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
  bytes.insert(bytes.begin() + 36, list.begin(), list.end());
  Save(Path("list.wav"), bytes);
  EXPECT_EQ(ReadMonoWav(Path("list.wav")), Ramp(4, 10));
}

TEST_F(WavTest, WriterRefusesTheWrongLayoutAndMissingFolders) {
  auto mono = WavWriter::Create(Path("mono.wav"), WavChannels::kMono);
  ASSERT_TRUE(mono.has_value());
  EXPECT_EQ(mono->AppendStereo(Ramp(1, 0), Ramp(1, 0)).error().code,
            core::ErrorCode::kFailedPrecondition);
  auto stereo = WavWriter::Create(Path("stereo.wav"), WavChannels::kStereo);
  ASSERT_TRUE(stereo.has_value());
  EXPECT_FALSE(stereo->AppendMono(Ramp(1, 0)).has_value());
  const auto nowhere = WavWriter::Create(Path("no/such/folder.wav"), WavChannels::kMono);
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_NE(nowhere.error().message.find("folder.wav"), std::string::npos);
}

}  // namespace
}  // namespace cc::telephony::media
