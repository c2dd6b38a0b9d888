// A time zone from the IANA database (TZif files under /usr/share/zoneinfo):
// UTC offsets, local dates and local midnights. libstdc++ 12 has no
// std::chrono::tzdb, so the file is read here: the 64-bit (v2+) section, or
// the 32-bit one of a v1 file, and the POSIX TZ rule in the footer for
// instants after the last listed transition. "UTC" needs no file.
// Thread-safety: an immutable value once loaded; safe to share and copy.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/time.h"

namespace cc::core {

// A wall-clock reading in some zone.
struct LocalDateTime {
  std::chrono::year_month_day date;
  Duration time_of_day{0};  // since local midnight, [0, 24h)
  Duration offset{0};       // local minus UTC at that instant

  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

class TimeZone {
 public:
  // Loads NAME ("Europe/Moscow") from `zoneinfo_dir`. Names are validated: no
  // absolute paths, no ".." parts, only letters, digits and "/_+-".
  static Result<TimeZone> Load(std::string_view name,
                               std::string_view zoneinfo_dir = "/usr/share/zoneinfo");
  static TimeZone Utc();

  const std::string& name() const { return name_; }

  Duration OffsetAt(Timestamp t) const;
  LocalDateTime ToLocal(Timestamp t) const;
  // The first instant of the local day that contains `t` (normally local 00:00).
  Timestamp StartOfDay(Timestamp t) const;
  // The first instant of the local day after the one that contains `t`.
  Timestamp NextMidnight(Timestamp t) const;
  // The first instant of local date `date` in this zone.
  Timestamp StartOfDate(std::chrono::sys_days date) const;

 private:
  // One half of a POSIX TZ rule ("M3.5.0/2"): the day of the year and the
  // local time of day (in the offset in force before it) of the change.
  struct RuleDate {
    enum class Kind { kJulianNoLeap, kZeroBasedDay, kMonthWeekDay };
    Kind kind = Kind::kMonthWeekDay;
    int day = 0;    // Jn: 1..365; n: 0..365; M: weekday 0 (Sunday)..6
    int month = 0;  // M only
    int week = 0;   // M only: 1..5, 5 = the last
    std::int64_t time_seconds = 7200;
  };
  // The footer rule "CET-1CEST,M3.5.0,M10.5.0/3"; offsets in seconds east of UTC.
  struct PosixRule {
    std::int64_t std_offset = 0;
    std::optional<std::int64_t> dst_offset;
    RuleDate start;
    RuleDate end;
  };
  class PosixParser;
  static std::int64_t RuleDateUtc(const RuleDate& d, int year, std::int64_t offset);

  std::int64_t OffsetSeconds(std::int64_t utc_seconds) const;
  std::int64_t RuleOffset(std::int64_t utc_seconds) const;
  static Result<TimeZone> Parse(std::string name, const std::string& bytes);

  std::string name_ = "UTC";
  std::vector<std::int64_t> transitions_;  // UTC seconds, ascending
  std::vector<std::int64_t> offset_after_;  // offset from transitions_[i] on
  std::int64_t initial_offset_ = 0;         // before the first transition
  std::optional<PosixRule> rule_;           // after the last transition
};

}  // namespace cc::core
