#include "http/json_text.h"

#include <gtest/gtest.h>

#include <random>

namespace cc::http {
namespace {

using nlohmann::json;

std::string Nlohmann(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

TEST(JsonTextTest, WritesWhatNlohmannWrites) {
  static constexpr char kControl[] = "nul \0 unit \x1f del \x7f";
  const json values[] = {
      json::object(),
      json::array(),
      nullptr,
      true,
      false,
      0,
      -1,
      std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::uint64_t>::max(),
      0.1,
      1.0,
      -2.5e-300,
      1e300,
      "",
      "plain",
      "quote \" backslash \\ slash / tab \t newline \n cr \r bs \b ff \f",
      std::string(kControl, sizeof kControl - 1),
      "Виктория Орлова — «Бета» €, 😀",
      json::parse(R"({"b":[1,2,{"x":null}],"a":"z","nested":{"k":[true,false,0.5]}})"),
  };
  for (const json& value : values) EXPECT_EQ(JsonText(value), Nlohmann(value)) << Nlohmann(value);
}

TEST(JsonTextTest, InvalidUtf8IsReplacedLikeNlohmann) {
  const std::string bad[] = {"\xff", "a\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "ok\xe2\x82", "\xe2\x28\xa1"};
  for (const std::string& s : bad) {
    EXPECT_EQ(JsonText(json(s)), Nlohmann(json(s)));
    EXPECT_EQ(JsonText(json{{s, s}}), Nlohmann(json{{s, s}}));
  }
}

// Random strings of bytes biased towards UTF-8 lead and continuation bytes,
// in random documents: the two writers never disagree.
TEST(JsonTextTest, RandomDocumentsMatchNlohmann) {
  std::mt19937 rng(20261129);
  const unsigned char interesting[] = {0x00, 0x1f, 0x20, '"', '\\', 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xdf, 0xe0,
                                       0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 'a', 0xa0, 0x9f, 0x90, 0x8f};
  auto random_string = [&] {
    std::string s;
    int length = static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) s.push_back(static_cast<char>(interesting[rng() % sizeof interesting]));
    return s;
  };
  for (int round = 0; round < 5000; ++round) {
    json doc = json::object();
    for (int i = 0; i < 4; ++i) {
      switch (rng() % 4) {
        case 0: doc[random_string()] = random_string(); break;
        case 1: doc[random_string()] = json::array({random_string(), static_cast<int>(rng()), rng() / 7.0}); break;
        case 2: doc[random_string()] = json{{random_string(), nullptr}}; break;
        default: doc[random_string()] = static_cast<std::uint64_t>(rng()) << 20; break;
      }
    }
    ASSERT_EQ(JsonText(doc), Nlohmann(doc)) << Nlohmann(doc);
  }
}

}  // namespace
}  // namespace cc::http
