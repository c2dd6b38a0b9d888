#include "core/time.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace cc::core {

std::string FormatUtc(Timestamp t) {
  auto secs = std::chrono::floor<std::chrono::seconds>(t);
  auto ms = (t - secs).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", secs, ms);
}

namespace {

bool Digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

Result<Timestamp> ParseUtc(std::string_view text) {
  auto bad = [&] {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("\"{}\" is not a time with a zone, e.g. 2026-11-27T10:30:00+03:00", text));
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  if (!Digits(text, 0, 4, y) || text.size() < 16 || text[4] != '-' || !Digits(text, 5, 2, mo) ||
      text[7] != '-' || !Digits(text, 8, 2, d) || (text[10] != 'T' && text[10] != ' ') ||
      !Digits(text, 11, 2, h) || text[13] != ':' || !Digits(text, 14, 2, mi)) {
    return bad();
  }
  std::size_t at = 16;
  if (at < text.size() && text[at] == ':') {
    if (!Digits(text, at + 1, 2, s)) return bad();
    at += 3;
    if (at < text.size() && text[at] == '.') {
      if (!Digits(text, at + 1, 3, ms)) return bad();
      at += 4;
    }
  }
  int offset_minutes = 0;
  if (at < text.size() && text[at] == 'Z' && at + 1 == text.size()) {
    offset_minutes = 0;
  } else if (at + 6 == text.size() && (text[at] == '+' || text[at] == '-') && text[at + 3] == ':') {
    int oh = 0, om = 0;
    if (!Digits(text, at + 1, 2, oh) || !Digits(text, at + 4, 2, om) || oh > 23 || om > 59) return bad();
    offset_minutes = (text[at] == '-' ? -1 : 1) * (oh * 60 + om);
  } else {
    return bad();
  }
  const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                         std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok() || h > 23 || mi > 59 || s > 59) return bad();
  return Timestamp(std::chrono::sys_days(date)) + std::chrono::hours(h) + std::chrono::minutes(mi) +
         std::chrono::seconds(s) + Duration(ms) - std::chrono::minutes(offset_minutes);
}

}  // namespace cc::core
