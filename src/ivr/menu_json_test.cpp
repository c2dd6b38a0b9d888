#include "ivr/menu_json.h"

#include <gtest/gtest.h>

#include "ivr/test_menu.h"

namespace cc::ivr {
namespace {

TEST(IvrMenuJson, ReadsBackWhatItWrites) {
  Menu menu = testing::ShopMenu();
  menu.hours->holidays.push_back({std::chrono::year{2026} / 12 / 31, {{9 * 60, 15 * 60}}});
  menu.invalid_say = "No such key.";
  auto back = MenuFromJson(ToJson(menu));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, menu);
  EXPECT_EQ(ToJson(menu)["hours"]["week"]["mon"][0], "09:00-18:00");
  EXPECT_EQ(ToJson(menu)["hours"]["holidays"][1]["date"], "2026-12-31");
}

TEST(IvrMenuJson, DefaultsForTimeoutsRetriesAndLanguage) {
  auto menu = MenuFromJsonText(R"({"tenant":1,"name":"m","numbers":["1"],"start":"a","operator_queue":1,
      "nodes":{"a":{"say":"hi","keys":{"0":{"action":"operator"}}}}})");
  ASSERT_TRUE(menu) << menu.error().message;
  EXPECT_EQ(menu->language, "ru");
  EXPECT_EQ(menu->nodes.at("a").timeout_s, 6);
  EXPECT_EQ(menu->nodes.at("a").retries, 2);
  EXPECT_FALSE(menu->hours);
}

struct BadCase {
  const char* body;
  const char* message;
};

class IvrMenuJsonErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(IvrMenuJsonErrors, NameWhatIsWrong) {
  auto menu = MenuFromJsonText(GetParam().body);
  ASSERT_FALSE(menu);
  EXPECT_EQ(menu.error().code, core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(menu.error().message, GetParam().message);
}

#define MENU(nodes, extra)                                                                     \
  R"({"tenant":1,"name":"m","numbers":["1"],"start":"a","operator_queue":1,"nodes":)" nodes \
  extra "}"

INSTANTIATE_TEST_SUITE_P(
    Bodies, IvrMenuJsonErrors,
    ::testing::Values(
        BadCase{"[1]", "the menu must be a JSON object"},
        BadCase{"{", "the menu is not valid JSON: [json.exception.parse_error.101] parse error at line 1, "
                     "column 2: syntax error while parsing object key - unexpected end of input; expected "
                     "string literal"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{"x":{"action":"operator"}}}})", ""),
                "nodes.a.keys: 'x' is not a phone key (0-9, * or #)"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{"1":{"action":"queue"}}}})", ""),
                "nodes.a.keys.1: 'queue' is required"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{"1":{"action":"dance"}}}})", ""),
                "nodes.a.keys.1: 'dance' is not an action (queue, menu, callback, message, operator)"},
        BadCase{MENU(R"({"a":{"say":"x","timeout_s":0,"keys":{}}})", ""),
                "nodes.a: 'timeout_s' must be an integer from 1 to 60"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{"1":{"action":"message"}}}})", ""),
                "nodes.a.keys.1: 'say' is required"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{}}})", R"(,"hours":{"week":{"mon":["9:00-18:00"]}})"),
                "hours.week.mon: '9:00-18:00' is not a range like \"09:00-18:00\""},
        BadCase{MENU(R"({"a":{"say":"x","keys":{}}})", R"(,"hours":{"week":{"mon":["18:00-09:00"]}})"),
                "hours.week.mon: '18:00-09:00' ends before it starts"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{}}})", R"(,"hours":{"week":{"monday":[]}})"),
                "hours.week: 'monday' is not a day (mon, tue, wed, thu, fri, sat, sun)"},
        BadCase{MENU(R"({"a":{"say":"x","keys":{}}})", R"(,"hours":{"holidays":[{"date":"2027-02-30"}]})"),
                "hours.holidays[0]: '2027-02-30' is not a date like 2027-01-01"},
        BadCase{R"({"tenant":1,"name":"m","numbers":["1"],"start":"a","operator_queue":1,"nodes":{},"language":"de"})",
                "'language' must be \"ru\" or \"en\", not 'de'"},
        BadCase{R"({"tenant":0,"name":"m"})", "'tenant' must be an integer from 1 to 4294967295"}));

}  // namespace
}  // namespace cc::ivr
