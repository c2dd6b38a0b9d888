#include "ivr/menu.h"

#include <gtest/gtest.h>

#include "ivr/test_menu.h"

namespace cc::ivr {
namespace {

using namespace std::chrono;

core::LocalDateTime At(year_month_day date, int hour, int minute) {
  return {date, hours(hour) + minutes(minute), {}};
}

TEST(IvrHours, OpenOnWeekdaysWithinTheRangeOnly) {
  const Hours hours = *testing::ShopMenu().hours;
  const auto monday = year{2026} / November / 30;
  EXPECT_FALSE(IsOpen(hours, At(monday, 8, 59)));
  EXPECT_TRUE(IsOpen(hours, At(monday, 9, 0)));
  EXPECT_TRUE(IsOpen(hours, At(monday, 17, 59)));
  EXPECT_FALSE(IsOpen(hours, At(monday, 18, 0)));
  const auto saturday = year{2026} / November / 28;
  EXPECT_FALSE(IsOpen(hours, At(saturday, 12, 0)));
  const auto friday = year{2026} / November / 27;
  EXPECT_TRUE(IsOpen(hours, At(friday, 12, 0)));
}

TEST(IvrHours, AHolidayOverridesItsWeekday) {
  Hours hours = *testing::ShopMenu().hours;
  const auto new_year = year{2027} / January / 1;  // a Friday
  EXPECT_FALSE(IsOpen(hours, At(new_year, 12, 0)));
  hours.holidays.push_back({year{2026} / December / 31, {{9 * 60, 15 * 60}}});
  EXPECT_TRUE(IsOpen(hours, At(year{2026} / December / 31, 14, 59)));
  EXPECT_FALSE(IsOpen(hours, At(year{2026} / December / 31, 15, 0)));
}

TEST(IvrMenu, TextsListEverythingTheCallerMayHearOnce) {
  const Menu menu = testing::ShopMenu();
  const auto texts = Texts(menu);
  EXPECT_EQ(texts.size(), 5u);  // two nodes, the callback's words, closed, the default for a wrong key
  EXPECT_NE(std::find(texts.begin(), texts.end(), DefaultInvalidSay("en")), texts.end());
  EXPECT_NE(std::find(texts.begin(), texts.end(), "We will call you back."), texts.end());
}

}  // namespace
}  // namespace cc::ivr
