#include "core/time_zone.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cc::core {
namespace {

using namespace std::chrono_literals;
using std::chrono::sys_days;

Timestamp Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
  const sys_days day{std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)};
  return Timestamp(day) + std::chrono::hours(h) + std::chrono::minutes(min) +
         std::chrono::seconds(s);
}

TimeZone Zone(std::string_view name) {
  auto zone = TimeZone::Load(name);
  EXPECT_TRUE(zone) << zone.error().message;
  return zone ? *zone : TimeZone::Utc();
}

TEST(TimeZone, UtcNeedsNoFileAndHasWholeDays) {
  auto utc = TimeZone::Load("UTC", "/nonexistent");
  ASSERT_TRUE(utc);
  EXPECT_EQ(utc->name(), "UTC");
  const Timestamp t = Utc(2026, 11, 27, 8, 30);
  EXPECT_EQ(utc->OffsetAt(t), 0ms);
  EXPECT_EQ(utc->StartOfDay(t), Utc(2026, 11, 27));
  EXPECT_EQ(utc->NextMidnight(t), Utc(2026, 11, 28));
  const LocalDateTime local = utc->ToLocal(t);
  EXPECT_EQ(local.date, std::chrono::year(2026) / 11 / 27);
  EXPECT_EQ(local.time_of_day, 8h + 30min);
}

TEST(TimeZone, MoscowIsPlusThreeSince2014AndWasPlusFourIn2012) {
  const TimeZone moscow = Zone("Europe/Moscow");
  EXPECT_EQ(moscow.name(), "Europe/Moscow");
  EXPECT_EQ(moscow.OffsetAt(Utc(2012, 6, 1, 12)), 4h);
  EXPECT_EQ(moscow.OffsetAt(Utc(2012, 12, 1, 12)), 4h);
  EXPECT_EQ(moscow.OffsetAt(Utc(2014, 10, 25, 21, 59, 59)), 4h);
  EXPECT_EQ(moscow.OffsetAt(Utc(2014, 10, 25, 22)), 3h);
  EXPECT_EQ(moscow.OffsetAt(Utc(2026, 11, 27, 8)), 3h);
  EXPECT_EQ(moscow.OffsetAt(Utc(2045, 7, 1)), 3h);  // past the table: the footer rule
  // 23:30 UTC is already tomorrow in Moscow; its day started at 21:00 UTC.
  const Timestamp late = Utc(2026, 11, 27, 23, 30);
  EXPECT_EQ(moscow.ToLocal(late).date, std::chrono::year(2026) / 11 / 28);
  EXPECT_EQ(moscow.ToLocal(late).time_of_day, 2h + 30min);
  EXPECT_EQ(moscow.StartOfDay(late), Utc(2026, 11, 27, 21));
  EXPECT_EQ(moscow.NextMidnight(late), Utc(2026, 11, 28, 21));
}

TEST(TimeZone, BerlinHasA23HourAndA25HourDay) {
  const TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_EQ(berlin.OffsetAt(Utc(2026, 3, 29, 0, 59, 59)), 1h);
  EXPECT_EQ(berlin.OffsetAt(Utc(2026, 3, 29, 1)), 2h);
  const Timestamp spring = Utc(2026, 3, 29, 12);
  EXPECT_EQ(berlin.StartOfDay(spring), Utc(2026, 3, 28, 23));
  EXPECT_EQ(berlin.NextMidnight(spring), Utc(2026, 3, 29, 22));
  EXPECT_EQ(berlin.NextMidnight(spring) - berlin.StartOfDay(spring), 23h);

  EXPECT_EQ(berlin.OffsetAt(Utc(2026, 10, 25, 0, 59, 59)), 2h);
  EXPECT_EQ(berlin.OffsetAt(Utc(2026, 10, 25, 1)), 1h);
  const Timestamp autumn = Utc(2026, 10, 25, 12);
  EXPECT_EQ(berlin.StartOfDay(autumn), Utc(2026, 10, 24, 22));
  EXPECT_EQ(berlin.NextMidnight(autumn) - berlin.StartOfDay(autumn), 25h);
  // The repeated hour: 00:30 and 01:30 UTC both read 02:30 local.
  EXPECT_EQ(berlin.ToLocal(Utc(2026, 10, 25, 0, 30)).time_of_day, 2h + 30min);
  EXPECT_EQ(berlin.ToLocal(Utc(2026, 10, 25, 1, 30)).time_of_day, 2h + 30min);
}

TEST(TimeZone, BerlinAfterTheTableFollowsTheFooterRule) {
  const TimeZone berlin = Zone("Europe/Berlin");
  EXPECT_EQ(berlin.OffsetAt(Utc(2040, 3, 25, 0, 59, 59)), 1h);
  EXPECT_EQ(berlin.OffsetAt(Utc(2040, 3, 25, 1)), 2h);
  EXPECT_EQ(berlin.OffsetAt(Utc(2040, 7, 1)), 2h);
  EXPECT_EQ(berlin.OffsetAt(Utc(2040, 12, 1)), 1h);
  const Timestamp spring = Utc(2040, 3, 25, 12);
  EXPECT_EQ(berlin.NextMidnight(spring) - berlin.StartOfDay(spring), 23h);
}

TEST(TimeZone, KolkataIsFiveAndAHalfHoursAhead) {
  const TimeZone kolkata = Zone("Asia/Kolkata");
  const Timestamp t = Utc(2026, 11, 27, 8);
  EXPECT_EQ(kolkata.OffsetAt(t), 5h + 30min);
  EXPECT_EQ(kolkata.ToLocal(t).time_of_day, 13h + 30min);
  EXPECT_EQ(kolkata.StartOfDay(t), Utc(2026, 11, 26, 18, 30));
  EXPECT_EQ(kolkata.NextMidnight(t), Utc(2026, 11, 27, 18, 30));
}

TEST(TimeZone, HavanaSkipsMidnightInSpringAndRepeatsItInAutumn) {
  const TimeZone havana = Zone("America/Havana");
  // 2026-03-08: clocks jump from 00:00 to 01:00, so the day starts at 01:00.
  const Timestamp spring_start = havana.StartOfDay(Utc(2026, 3, 8, 12));
  EXPECT_EQ(spring_start, Utc(2026, 3, 8, 5));
  EXPECT_EQ(havana.ToLocal(spring_start).time_of_day, 1h);
  // 2026-11-01: 01:00 goes back to 00:00; the day starts at the first midnight.
  const Timestamp autumn = Utc(2026, 11, 1, 12);
  EXPECT_EQ(havana.StartOfDay(autumn), Utc(2026, 11, 1, 4));
  EXPECT_EQ(havana.NextMidnight(autumn) - havana.StartOfDay(autumn), 25h);
}

TEST(TimeZone, UnknownZoneIsAClearError) {
  auto zone = TimeZone::Load("Mars/Olympus_Mons");
  ASSERT_FALSE(zone);
  EXPECT_EQ(zone.error().code, ErrorCode::kNotFound);
  EXPECT_NE(zone.error().message.find("unknown time zone 'Mars/Olympus_Mons'"), std::string::npos);
}

TEST(TimeZone, PathTricksAreRejected) {
  for (const char* name : {"../../etc/passwd", "/etc/localtime", "Europe/../../../etc/passwd", "",
                           "Europe//Berlin", "Europe/Berlin/", "Europe/Berlin\n"}) {
    auto zone = TimeZone::Load(name);
    ASSERT_FALSE(zone) << name;
    EXPECT_EQ(zone.error().code, ErrorCode::kInvalidArgument) << name;
  }
}

class TimeZoneFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("cc_tz_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "Test");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }
  std::filesystem::path dir_;
};

std::string Be32(std::int32_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  return {static_cast<char>(u >> 24), static_cast<char>(u >> 16), static_cast<char>(u >> 8),
          static_cast<char>(u)};
}

TEST_F(TimeZoneFiles, VersionOneFileIsRead) {
  // v1, no transitions, one type: UTC+2 "XT".
  std::string file = "TZif" + std::string(16, '\0');
  for (int count : {0, 0, 0, 0, 1, 3}) file += Be32(count);
  file += Be32(7200) + std::string("\0\0", 2) + std::string("XT\0", 3);
  Write("Test/Fixed", file);
  auto zone = TimeZone::Load("Test/Fixed", dir_.string());
  ASSERT_TRUE(zone) << zone.error().message;
  EXPECT_EQ(zone->OffsetAt(Utc(2026, 1, 1)), 2h);
  EXPECT_EQ(zone->StartOfDay(Utc(2026, 1, 1, 12)), Utc(2025, 12, 31, 22));
}

TEST_F(TimeZoneFiles, GarbageAndTruncatedFilesAreRefused) {
  Write("Test/Garbage", "this is not a zone file at all, not even close to one......");
  auto garbage = TimeZone::Load("Test/Garbage", dir_.string());
  ASSERT_FALSE(garbage);
  EXPECT_NE(garbage.error().message.find("not a TZif file"), std::string::npos);

  std::string truncated = "TZif2" + std::string(15, '\0');
  for (int count : {0, 0, 0, 5, 1, 4}) truncated += Be32(count);
  Write("Test/Short", truncated);
  auto short_file = TimeZone::Load("Test/Short", dir_.string());
  ASSERT_FALSE(short_file);
  EXPECT_NE(short_file.error().message.find("truncated"), std::string::npos);
}

}  // namespace
}  // namespace cc::core
