#include "model/time.hpp"

#include <chrono>
#include <cstdio>

namespace ansvar::model {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;

year_month_day Ymd(int32_t d) { return year_month_day{sys_days{days{d}}}; }

// Reads exactly `width` decimal digits at text[pos].
bool Digits(std::string_view text, size_t pos, size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

Date Date::FromDays(int32_t days_since_epoch) {
  Date d;
  d.days_ = days_since_epoch;
  return d;
}

Date Date::FromYmd(int y, unsigned m, unsigned d) {
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  return FromDays(static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count()));
}

int Date::year() const { return static_cast<int>(Ymd(days_).year()); }
unsigned Date::month() const { return static_cast<unsigned>(Ymd(days_).month()); }
unsigned Date::day() const { return static_cast<unsigned>(Ymd(days_).day()); }

Date Date::AddMonths(int months) const {
  const auto ymd = Ymd(days_);
  const int total =
      static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) - 1 + months;
  const int y = total >= 0 ? total / 12 : (total - 11) / 12;
  const unsigned m = static_cast<unsigned>(total - y * 12) + 1;
  const auto last =
      std::chrono::year_month_day_last{std::chrono::year{y}, std::chrono::month_day_last{std::chrono::month{m}}}.day();
  const auto d = std::min(ymd.day(), last);
  return FromYmd(y, m, static_cast<unsigned>(d));
}

Timestamp Timestamp::FromSeconds(int64_t s) {
  Timestamp t;
  t.seconds_ = s;
  return t;
}

Timestamp Timestamp::StartOf(Date date) { return FromSeconds(static_cast<int64_t>(date.days()) * 86400); }

Date Timestamp::date() const {
  int64_t d = seconds_ / 86400;
  if (seconds_ % 86400 < 0) --d;
  return Date::FromDays(static_cast<int32_t>(d));
}

std::optional<Date> ParseDate(std::string_view t) {
  int y = 0, m = 0, d = 0;
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  if (!Digits(t, 0, 4, y) || !Digits(t, 5, 2, m) || !Digits(t, 8, 2, d)) return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date::FromYmd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Timestamp> ParseTimestamp(std::string_view t) {
  if (t.size() < 20) return std::nullopt;
  const auto date = ParseDate(t.substr(0, 10));
  if (!date || (t[10] != 'T' && t[10] != 't' && t[10] != ' ')) return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!Digits(t, 11, 2, hh) || t[13] != ':' || !Digits(t, 14, 2, mm) || t[16] != ':' || !Digits(t, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {
    ++pos;
    const size_t start = pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  if (pos >= t.size()) return std::nullopt;
  int64_t offset = 0;
  if (t[pos] == 'Z' || t[pos] == 'z') {
    ++pos;
  } else if (t[pos] == '+' || t[pos] == '-') {
    int oh = 0, om = 0;
    if (!Digits(t, pos + 1, 2, oh) || pos + 3 >= t.size() || t[pos + 3] != ':' || !Digits(t, pos + 4, 2, om))
      return std::nullopt;
    if (oh > 23 || om > 59) return std::nullopt;
    offset = (oh * 3600 + om * 60) * (t[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != t.size()) return std::nullopt;
  const int64_t secs = static_cast<int64_t>(date->days()) * 86400 + hh * 3600 + mm * 60 + std::min(ss, 59);
  return Timestamp::FromSeconds(secs - offset);
}

std::optional<Timestamp> ParseDateOrTimestamp(std::string_view text) {
  if (text.size() == 10) {
    if (auto d = ParseDate(text)) return Timestamp::StartOf(*d);
    return std::nullopt;
  }
  return ParseTimestamp(text);
}

std::string FormatDate(Date date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", date.year(), date.month(), date.day());
  return buf;
}

std::string FormatTimestamp(Timestamp ts) {
  const Date d = ts.date();
  const int64_t in_day = ts.seconds() - static_cast<int64_t>(d.days()) * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", d.year(), d.month(), d.day(),
                static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60), static_cast<int>(in_day % 60));
  return buf;
}

}  // namespace ansvar::model
