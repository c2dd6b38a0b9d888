#include "telephony/media/inband_dtmf.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "telephony/media/g711.h"

namespace cc::telephony::media {
namespace {

// Samples of `key` as two sine tones (the DTMF matrix), `ms` long, then `gap_ms` of silence.
std::vector<std::int16_t> Tone(char key, int ms, int gap_ms = 60) {
  static const char* keys = "123A456B789C*0#D";
  static const double low[] = {697, 770, 852, 941};
  static const double high[] = {1209, 1336, 1477, 1633};
  const int i = static_cast<int>(std::string_view(keys).find(key));
  std::vector<std::int16_t> out;
  for (int n = 0; n < 8 * ms; ++n) {
    const double t = n / 8000.0;
    out.push_back(static_cast<std::int16_t>(
        6000 * (std::sin(2 * std::numbers::pi * low[i / 4] * t) + std::sin(2 * std::numbers::pi * high[i % 4] * t))));
  }
  out.resize(out.size() + static_cast<std::size_t>(8 * gap_ms), 0);
  return out;
}

std::string Hear(InbandDtmf& rx, const std::vector<std::int16_t>& samples) {
  std::string heard;
  for (std::size_t at = 0; at < samples.size(); at += 160) {
    const std::size_t n = std::min<std::size_t>(160, samples.size() - at);
    heard += rx.Feed(std::span(samples).subspan(at, n));
  }
  return heard;
}

TEST(InbandDtmf, HearsEachKeyOnceInTwentyMillisecondFrames) {
  InbandDtmf rx;
  std::vector<std::int16_t> audio;
  for (char k : std::string("2019#*")) {
    const auto tone = Tone(k, 100);
    audio.insert(audio.end(), tone.begin(), tone.end());
  }
  EXPECT_EQ(Hear(rx, audio), "2019#*");
}

TEST(InbandDtmf, HearsKeysThroughMuLawAsOnAPhoneLine) {
  InbandDtmf rx;
  const auto tone = Tone('7', 80);
  std::vector<std::uint8_t> line(tone.size());
  EncodeMuLaw(tone, line);
  std::vector<std::int16_t> decoded(tone.size());
  DecodeMuLaw(line, decoded);
  EXPECT_EQ(Hear(rx, decoded), "7");
}

TEST(InbandDtmf, SpeechLikeSingleTonesAndTooShortBlipsAreNotKeys) {
  InbandDtmf rx;
  std::vector<std::int16_t> audio;
  for (int n = 0; n < 8000; ++n) {  // one second of a 400 Hz tone (the test callers' voice)
    audio.push_back(static_cast<std::int16_t>(8000 * std::sin(2 * std::numbers::pi * 400 * n / 8000.0)));
  }
  const auto blip = Tone('5', 20);  // shorter than Q.24's 40 ms minimum
  audio.insert(audio.end(), blip.begin(), blip.end());
  EXPECT_EQ(Hear(rx, audio), "");
}

}  // namespace
}  // namespace cc::telephony::media
