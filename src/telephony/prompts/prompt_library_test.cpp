#include "telephony/prompts/prompt_library.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "telephony/media/wav.h"
#include "telephony/prompts/prompt_ids.h"

namespace cc::telephony::prompts {
namespace {

namespace fs = std::filesystem;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr double kRate = media::kWavSampleRate;

std::vector<std::string> Names(const std::vector<media::ClipPtr>& clips) {
  std::vector<std::string> names;
  for (const auto& clip : clips) names.push_back(clip->name);
  return names;
}

int Peak(const std::vector<std::int16_t>& samples) {
  int peak = 0;
  for (const auto s : samples) peak = std::max(peak, std::abs(static_cast<int>(s)));
  return peak;
}

// A fresh directory under the test's temporary directory, removed afterwards.
class OverrideDir {
 public:
  explicit OverrideDir(const std::string& name)
      : path_(fs::path(testing::TempDir()) / ("prompts_test_" + name)) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~OverrideDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

  // A 440 Hz tone of `frames` samples, mono 8 kHz like a centre's recording.
  void WriteTone(const std::string& relative, std::size_t frames) const {
    fs::create_directories((path_ / relative).parent_path());
    auto writer = media::WavWriter::Create(path_ / relative, media::WavChannels::kMono);
    ASSERT_TRUE(writer) << writer.error().message;
    std::vector<std::int16_t> samples(frames);
    for (std::size_t i = 0; i < frames; ++i) samples[i] = (i % 18 < 9) ? 8000 : -8000;
    if (frames > 0) {
      ASSERT_TRUE(writer->AppendMono(samples));
    }
    ASSERT_TRUE(writer->Close());
  }
  void WriteText(const std::string& relative, const std::string& text) const {
    fs::create_directories((path_ / relative).parent_path());
    std::ofstream(path_ / relative) << text;
  }

 private:
  fs::path path_;
};

TEST(GeneratedPrompts, EveryPromptExistsInBothLanguagesAsAudibleEightKilohertzMono) {
  for (const auto language : kLanguages) {
    for (const auto id : kPromptIds) {
      const fs::path file = BuiltPromptsDir() / language / (std::string(id) + ".wav");
      const auto samples = media::ReadMonoWav(file);  // fails unless 8 kHz mono 16-bit PCM
      ASSERT_TRUE(samples) << samples.error().message;
      const double secs = static_cast<double>(samples->size()) / kRate;
      EXPECT_GE(secs, 0.5) << file;
      EXPECT_LE(secs, 10.0) << file;
      EXPECT_GT(Peak(*samples), 8000) << file << " is nearly silent";
    }
  }
}

TEST(GeneratedPrompts, MusicIsAnAudibleLoopOfAtLeastTenSeconds) {
  const auto samples = media::ReadMonoWav(BuiltPromptsDir() / "music.wav");
  ASSERT_TRUE(samples) << samples.error().message;
  EXPECT_GE(static_cast<double>(samples->size()) / kRate, 10.0);
  EXPECT_LE(static_cast<double>(samples->size()) / kRate, 30.0);
  EXPECT_GT(Peak(*samples), 4000);
}

TEST(GeneratedPrompts, NoLanguageHasAPromptOutsideTheContract) {
  for (const auto language : kLanguages) {
    for (const auto& entry : fs::directory_iterator(BuiltPromptsDir() / language)) {
      const std::string id = entry.path().stem().string();
      EXPECT_NE(std::find(kPromptIds.begin(), kPromptIds.end(), id), kPromptIds.end())
          << entry.path() << ": add the id to kPromptIds or remove the text";
    }
  }
}

TEST(PromptLibrary, LoadsEveryClipAndNamesIt) {
  const auto library = PromptLibrary::Load(BuiltPromptsDir());
  ASSERT_TRUE(library) << library.error().message;
  EXPECT_EQ(library->Music()->name, "music");
  const auto goodbye = library->Clip("en", "goodbye");
  ASSERT_TRUE(goodbye);
  EXPECT_EQ((*goodbye)->name, "en/goodbye");
  EXPECT_FALSE((*goodbye)->samples.empty());
  const auto unknown = library->Clip("en", "good_bye");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
}

TEST(PromptLibrary, QueuePositionPlaysThePlaceThenTheWait) {
  const auto library = PromptLibrary::Load(BuiltPromptsDir());
  ASSERT_TRUE(library) << library.error().message;
  EXPECT_EQ(Names(library->ForPrompt("ru", Prompt::kQueuePosition, 3, seconds(150))),
            (std::vector<std::string>{"ru/position_3", "ru/wait_3"}));
  EXPECT_EQ(Names(library->ForPrompt("en", Prompt::kQueuePosition, 12, minutes(20))),
            (std::vector<std::string>{"en/position_many", "en/wait_long"}));
  EXPECT_EQ(Names(library->ForPrompt("en", Prompt::kNoAgents, 1, minutes(1))),
            (std::vector<std::string>{"en/no_agents"}));
  EXPECT_EQ(Names(library->ForPrompt("en-GB", Prompt::kCallbackOffer, 1, minutes(1))),
            (std::vector<std::string>{"en/callback_offer"}));
}

TEST(PromptLibrary, AnUnknownLanguageFallsBackToRussian) {
  const auto library = PromptLibrary::Load(BuiltPromptsDir());
  ASSERT_TRUE(library) << library.error().message;
  EXPECT_EQ(Names(library->ForPrompt("de", Prompt::kNoAgents, 1, minutes(1))),
            (std::vector<std::string>{"ru/no_agents"}));
}

TEST(PromptLibrary, SequencePlaysTheNamedPromptsInOrder) {
  const auto library = PromptLibrary::Load(BuiltPromptsDir());
  ASSERT_TRUE(library) << library.error().message;
  const auto clips = library->Sequence("en", {"recorded", "important"});
  ASSERT_TRUE(clips) << clips.error().message;
  EXPECT_EQ(Names(*clips), (std::vector<std::string>{"en/recorded", "en/important"}));
  const auto bad = library->Sequence("en", {"recorded", "nonsense"});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("nonsense"), std::string::npos);
}

TEST(PromptLibrary, ACentresRecordingReplacesOnlyTheSameFile) {
  const OverrideDir own("replace");
  own.WriteTone("ru/goodbye.wav", 12345);
  own.WriteTone("music.wav", 8000 * 12);
  const auto library = PromptLibrary::Load(BuiltPromptsDir(), own.path());
  ASSERT_TRUE(library) << library.error().message;

  const auto replaced = library->Clip("ru", "goodbye");
  ASSERT_TRUE(replaced);
  EXPECT_EQ((*replaced)->samples.size(), 12345u);
  EXPECT_EQ(library->Music()->samples.size(), 8000u * 12);

  const auto generated = media::ReadMonoWav(BuiltPromptsDir() / "en" / "goodbye.wav");
  ASSERT_TRUE(generated);
  const auto untouched = library->Clip("en", "goodbye");
  ASSERT_TRUE(untouched);
  EXPECT_EQ((*untouched)->samples, *generated);
}

TEST(PromptLibrary, ABrokenRecordingFailsTheLoadNamingTheFile) {
  const OverrideDir own("broken");
  own.WriteText("en/queue_full.wav", "this is not a WAV file");
  const auto library = PromptLibrary::Load(BuiltPromptsDir(), own.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message.find((own.path() / "en" / "queue_full.wav").string()),
            std::string::npos)
      << library.error().message;
}

TEST(PromptLibrary, ARecordingInTheWrongFormatFailsSayingWhatItHolds) {
  const OverrideDir own("stereo");
  {
    fs::create_directories(own.path() / "ru");
    auto writer =
        media::WavWriter::Create(own.path() / "ru" / "connecting.wav", media::WavChannels::kStereo);
    ASSERT_TRUE(writer);
    const std::vector<std::int16_t> side(800, 1000);
    ASSERT_TRUE(writer->AppendStereo(side, side));
    ASSERT_TRUE(writer->Close());
  }
  const auto library = PromptLibrary::Load(BuiltPromptsDir(), own.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message.find("connecting.wav"), std::string::npos);
  EXPECT_NE(library.error().message.find("2 channel"), std::string::npos)
      << library.error().message;
}

TEST(PromptLibrary, AnEmptyRecordingFailsTheLoad) {
  const OverrideDir own("empty");
  own.WriteTone("music.wav", 0);
  const auto library = PromptLibrary::Load(BuiltPromptsDir(), own.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message.find("music.wav"), std::string::npos);
  EXPECT_NE(library.error().message.find("no sound"), std::string::npos);
}

TEST(PromptLibrary, AMisspeltRecordingNameFailsInsteadOfBeingIgnored) {
  const OverrideDir own("misspelt");
  own.WriteTone("ru/good_bye.wav", 8000);
  own.WriteText("README.txt", "our own prompts, recorded 2026-03");  // not a .wav: ignored
  const auto library = PromptLibrary::Load(BuiltPromptsDir(), own.path());
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message.find("good_bye.wav"), std::string::npos)
      << library.error().message;
}

TEST(PromptLibrary, AMissingDirectoryIsAnError) {
  EXPECT_FALSE(PromptLibrary::Load(BuiltPromptsDir() / "no-such-dir"));
  const auto library =
      PromptLibrary::Load(BuiltPromptsDir(), fs::path(testing::TempDir()) / "prompts_test_none");
  ASSERT_FALSE(library);
  EXPECT_NE(library.error().message.find("prompts_test_none"), std::string::npos);
}

}  // namespace
}  // namespace cc::telephony::prompts
