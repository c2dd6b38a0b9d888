#include "core/time_zone.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

namespace cc::core {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr std::int64_t kDay = 86400;

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '/' || c == '_' || c == '+' || c == '-';
    if (!ok) return false;
  }
  std::size_t begin = 0;
  while (begin <= name.size()) {
    const std::size_t end = std::min(name.find('/', begin), name.size());
    const std::string_view part = name.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    begin = end + 1;
  }
  return true;
}

// Big-endian reads over the file bytes, failing instead of reading past the end.
class ByteReader {
 public:
  explicit ByteReader(const std::string& bytes) : bytes_(bytes) {}

  bool Has(std::size_t n) const { return pos_ <= bytes_.size() && bytes_.size() - pos_ >= n; }
  std::size_t pos() const { return pos_; }
  void Skip(std::size_t n) { pos_ += n; }
  std::int64_t Signed(int width) {
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | static_cast<unsigned char>(bytes_[pos_++]);
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  unsigned Byte() { return static_cast<unsigned char>(bytes_[pos_++]); }

 private:
  const std::string& bytes_;
  std::size_t pos_ = 0;
};

struct Counts {
  std::int64_t isut, isstd, leap, time, type, chars;
  std::size_t DataSize(std::size_t time_size) const {
    return static_cast<std::size_t>(time * static_cast<std::int64_t>(time_size) + time + type * 6 +
                                    chars + leap * static_cast<std::int64_t>(time_size + 4) +
                                    isstd + isut);
  }
};

bool ReadHeader(ByteReader& in, char& version, Counts& c) {
  if (!in.Has(44)) return false;
  std::string magic;
  for (int i = 0; i < 4; ++i) magic.push_back(static_cast<char>(in.Byte()));
  if (magic != "TZif") return false;
  version = static_cast<char>(in.Byte());
  in.Skip(15);
  c = {in.Signed(4), in.Signed(4), in.Signed(4), in.Signed(4), in.Signed(4), in.Signed(4)};
  return c.isut >= 0 && c.isstd >= 0 && c.leap >= 0 && c.time >= 0 && c.type >= 1 &&
         c.chars >= 0 && c.type <= 256;
}

}  // namespace

// Reads "CET-1CEST,M3.5.0,M10.5.0/3" (POSIX TZ, with the RFC 8536 extensions).
class TimeZone::PosixParser {
 public:
  explicit PosixParser(std::string_view text) : s_(text) {}

  Result<PosixRule> Parse() {
    PosixRule rule;
    if (!Name()) return Bad("zone abbreviation");
    auto std_off = Offset();
    if (!std_off) return Bad("standard offset");
    rule.std_offset = -*std_off;
    if (AtEnd()) return rule;
    if (!Name()) return Bad("daylight abbreviation");
    rule.dst_offset = rule.std_offset + 3600;
    if (!AtEnd() && Peek() != ',') {
      auto dst_off = Offset();
      if (!dst_off) return Bad("daylight offset");
      rule.dst_offset = -*dst_off;
    }
    if (AtEnd()) {
      rule.start = {RuleDate::Kind::kMonthWeekDay, 0, 3, 2, 7200};
      rule.end = {RuleDate::Kind::kMonthWeekDay, 0, 11, 1, 7200};
      return rule;
    }
    if (!Eat(',') || !Date(rule.start) || !Eat(',') || !Date(rule.end) || !AtEnd()) {
      return Bad("daylight-saving rule");
    }
    return rule;
  }

 private:
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  bool IsDigit() const { return Peek() >= '0' && Peek() <= '9'; }

  tl::unexpected<Error> Bad(std::string_view what) const {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("bad {} in the POSIX TZ rule '{}'", what, s_));
  }

  bool Name() {
    if (Eat('<')) {
      const std::size_t close = s_.find('>', i_);
      if (close == std::string_view::npos || close == i_) return false;
      i_ = close + 1;
      return true;
    }
    const std::size_t begin = i_;
    while (!AtEnd() && ((Peek() >= 'A' && Peek() <= 'Z') || (Peek() >= 'a' && Peek() <= 'z'))) ++i_;
    return i_ - begin >= 3;
  }

  std::optional<std::int64_t> Number(int max) {
    if (!IsDigit()) return std::nullopt;
    std::int64_t v = 0;
    while (IsDigit()) {
      v = v * 10 + (Peek() - '0');
      ++i_;
      if (v > max) return std::nullopt;
    }
    return v;
  }

  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<std::int64_t> Time(int max_hours) {
    std::int64_t sign = 1;
    if (Eat('-')) {
      sign = -1;
    } else {
      Eat('+');
    }
    auto h = Number(max_hours);
    if (!h) return std::nullopt;
    std::int64_t total = *h * 3600;
    if (Eat(':')) {
      auto m = Number(59);
      if (!m) return std::nullopt;
      total += *m * 60;
      if (Eat(':')) {
        auto sec = Number(59);
        if (!sec) return std::nullopt;
        total += *sec;
      }
    }
    return sign * total;
  }

  std::optional<std::int64_t> Offset() { return Time(24); }

  bool Date(RuleDate& d) {
    if (Eat('J')) {
      auto n = Number(365);
      if (!n || *n < 1) return false;
      d = {RuleDate::Kind::kJulianNoLeap, static_cast<int>(*n), 0, 0, 7200};
    } else if (Eat('M')) {
      auto m = Number(12);
      if (!m || *m < 1 || !Eat('.')) return false;
      auto w = Number(5);
      if (!w || *w < 1 || !Eat('.')) return false;
      auto wd = Number(6);
      if (!wd) return false;
      d = {RuleDate::Kind::kMonthWeekDay, static_cast<int>(*wd), static_cast<int>(*m),
           static_cast<int>(*w), 7200};
    } else {
      auto n = Number(365);
      if (!n) return false;
      d = {RuleDate::Kind::kZeroBasedDay, static_cast<int>(*n), 0, 0, 7200};
    }
    if (Eat('/')) {
      auto t = Time(167);
      if (!t) return false;
      d.time_seconds = *t;
    }
    return true;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

Result<TimeZone> TimeZone::Load(std::string_view name, std::string_view zoneinfo_dir) {
  if (name == "UTC") return Utc();
  if (!ValidName(name)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a time zone name like \"Europe/Moscow\" or \"UTC\"", name));
  }
  const std::string path = fmt::format("{}/{}", zoneinfo_dir, name);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("unknown time zone '{}' (no file {})", name, path));
  }
  std::ostringstream bytes;
  bytes << file.rdbuf();
  auto zone = Parse(std::string(name), bytes.str());
  if (!zone) {
    return Fail(zone.error().code, fmt::format("time zone '{}' ({}): {}", name, path,
                                               zone.error().message));
  }
  return zone;
}

TimeZone TimeZone::Utc() { return TimeZone(); }

Result<TimeZone> TimeZone::Parse(std::string name, const std::string& bytes) {
  ByteReader in(bytes);
  char version = 0;
  Counts c{};
  if (!ReadHeader(in, version, c)) return Fail(ErrorCode::kInvalidArgument, "not a TZif file");
  std::size_t time_size = 4;
  if (version != '\0') {
    if (!in.Has(c.DataSize(4))) return Fail(ErrorCode::kInvalidArgument, "truncated TZif file");
    in.Skip(c.DataSize(4));
    if (!ReadHeader(in, version, c)) {
      return Fail(ErrorCode::kInvalidArgument, "missing the 64-bit TZif section");
    }
    time_size = 8;
  }
  if (!in.Has(c.DataSize(time_size))) {
    return Fail(ErrorCode::kInvalidArgument, "truncated TZif file");
  }
  std::vector<std::int64_t> times;
  for (std::int64_t i = 0; i < c.time; ++i) times.push_back(in.Signed(static_cast<int>(time_size)));
  std::vector<unsigned> indices;
  for (std::int64_t i = 0; i < c.time; ++i) indices.push_back(in.Byte());
  std::vector<std::int64_t> offsets;
  for (std::int64_t i = 0; i < c.type; ++i) {
    offsets.push_back(in.Signed(4));
    in.Skip(2);
  }
  in.Skip(static_cast<std::size_t>(c.chars + c.leap * static_cast<std::int64_t>(time_size + 4) +
                                   c.isstd + c.isut));

  TimeZone zone;
  zone.name_ = std::move(name);
  zone.initial_offset_ = offsets.front();
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (indices[i] >= offsets.size() || (i > 0 && times[i] <= times[i - 1])) {
      return Fail(ErrorCode::kInvalidArgument, "malformed transition table");
    }
    zone.transitions_.push_back(times[i]);
    zone.offset_after_.push_back(offsets[indices[i]]);
  }
  if (time_size == 8 && in.Has(1) && in.Byte() == '\n') {
    const std::size_t begin = in.pos();
    const std::size_t end = bytes.find('\n', begin);
    if (end == std::string::npos) return Fail(ErrorCode::kInvalidArgument, "unterminated footer");
    const std::string footer = bytes.substr(begin, end - begin);
    if (!footer.empty()) {
      auto rule = PosixParser(footer).Parse();
      if (!rule) return tl::unexpected(rule.error());
      zone.rule_ = *rule;
    }
  }
  return zone;
}

std::int64_t TimeZone::RuleDateUtc(const RuleDate& d, int year, std::int64_t offset) {
  const std::chrono::year y(year);
  sys_days day;
  switch (d.kind) {
    case RuleDate::Kind::kJulianNoLeap:
      day = sys_days(y / std::chrono::January / 1) + days(d.day - 1);
      if (y.is_leap() && d.day >= 60) day += days(1);
      break;
    case RuleDate::Kind::kZeroBasedDay:
      day = sys_days(y / std::chrono::January / 1) + days(d.day);
      break;
    case RuleDate::Kind::kMonthWeekDay: {
      const std::chrono::month m(static_cast<unsigned>(d.month));
      const std::chrono::weekday wd(static_cast<unsigned>(d.day));
      if (d.week == 5) {
        day = sys_days(y / m / wd[std::chrono::last]);
      } else {
        day = sys_days(y / m / wd[static_cast<unsigned>(d.week)]);
      }
      break;
    }
  }
  return day.time_since_epoch().count() * kDay + d.time_seconds - offset;
}

std::int64_t TimeZone::RuleOffset(std::int64_t utc_seconds) const {
  const PosixRule& r = *rule_;
  if (!r.dst_offset) return r.std_offset;
  const sys_days local_day = std::chrono::floor<days>(std::chrono::sys_seconds(seconds(utc_seconds + r.std_offset)));
  const int year = static_cast<int>(std::chrono::year_month_day(local_day).year());
  const std::int64_t start = RuleDateUtc(r.start, year, r.std_offset);
  const std::int64_t end = RuleDateUtc(r.end, year, *r.dst_offset);
  const bool dst = start < end ? (utc_seconds >= start && utc_seconds < end)
                               : !(utc_seconds >= end && utc_seconds < start);
  return dst ? *r.dst_offset : r.std_offset;
}

std::int64_t TimeZone::OffsetSeconds(std::int64_t utc_seconds) const {
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), utc_seconds);
  if (it == transitions_.end() && rule_) return RuleOffset(utc_seconds);
  if (it == transitions_.begin()) return initial_offset_;
  return offset_after_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

Duration TimeZone::OffsetAt(Timestamp t) const {
  const auto secs = std::chrono::floor<seconds>(t).time_since_epoch().count();
  return seconds(OffsetSeconds(secs));
}

LocalDateTime TimeZone::ToLocal(Timestamp t) const {
  const Duration offset = OffsetAt(t);
  const Timestamp local = t + offset;
  const sys_days day = std::chrono::floor<days>(local);
  return LocalDateTime{std::chrono::year_month_day(day), local - day, offset};
}

Timestamp TimeZone::StartOfDate(sys_days date) const {
  const std::int64_t midnight = date.time_since_epoch().count() * kDay;
  // Local midnight is L - o for an offset o in force at that instant; with a
  // fall-back over midnight there are two, and the day starts at the first.
  std::set<std::int64_t> candidates;
  for (std::int64_t probe : {midnight - 2 * kDay, midnight, midnight + 2 * kDay}) {
    const std::int64_t o = OffsetSeconds(probe);
    candidates.insert(o);
    candidates.insert(OffsetSeconds(midnight - o));
  }
  std::optional<std::int64_t> best;
  for (std::int64_t o : candidates) {
    const std::int64_t u = midnight - o;
    if (OffsetSeconds(u) == o && (!best || u < *best)) best = u;
  }
  if (!best) {
    // Midnight falls in a spring-forward gap: the day starts at the change.
    std::int64_t lo = midnight - 2 * kDay;
    std::int64_t hi = midnight + 2 * kDay;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (mid + OffsetSeconds(mid) >= midnight) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    best = lo;
  }
  return FromMillis(*best * 1000);
}

Timestamp TimeZone::StartOfDay(Timestamp t) const {
  return StartOfDate(sys_days(ToLocal(t).date));
}

Timestamp TimeZone::NextMidnight(Timestamp t) const {
  return StartOfDate(sys_days(ToLocal(t).date) + days(1));
}

}  // namespace cc::core
