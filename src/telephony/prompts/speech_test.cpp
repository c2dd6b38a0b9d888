#include "telephony/prompts/speech.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace cc::telephony::prompts {
namespace {

namespace fs = std::filesystem;

class SpeechTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cc-speech-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SpeechTest, SaysATextOnceAndKeepsItForTheNextStart) {
  Speech speech(dir_);
  auto clip = speech.Say("ru", "Для заказа нажмите один.");
  ASSERT_TRUE(clip) << clip.error().message;
  EXPECT_GT((*clip)->samples.size(), 8000u / 2);  // more than half a second of speech at 8 kHz
  auto again = speech.Say("ru", "Для заказа нажмите один.");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->get(), clip->get());  // the same clip, not synthesised again

  ASSERT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
  const fs::path file = fs::directory_iterator(dir_)->path();
  const auto written = fs::last_write_time(file);
  Speech restarted(dir_);
  auto cached = restarted.Say("ru", "Для заказа нажмите один.");
  ASSERT_TRUE(cached);
  EXPECT_EQ((*cached)->samples, (*clip)->samples);
  EXPECT_EQ(fs::last_write_time(file), written);
}

TEST_F(SpeechTest, OtherWordsOrAnotherLanguageAreAnotherClip) {
  Speech speech(dir_);
  auto one = speech.Say("en", "Press one.");
  auto two = speech.Say("en", "Press two, please.");
  auto ru = speech.Say("ru", "Press one.");
  ASSERT_TRUE(one && two && ru);
  EXPECT_NE((*one)->samples, (*two)->samples);
  EXPECT_NE((*one)->name, (*ru)->name);
  EXPECT_FALSE(speech.Say("en", ""));
}

}  // namespace
}  // namespace cc::telephony::prompts
