#pragma once
// Calendar dates and instants of the register. Dates are civil dates (no zone); instants are UTC seconds.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ansvar::model {

class Date {
 public:
  constexpr Date() = default;
  static Date FromDays(int32_t days_since_epoch);
  static Date FromYmd(int year, unsigned month, unsigned day);

  [[nodiscard]] int32_t days() const { return days_; }
  [[nodiscard]] int year() const;
  [[nodiscard]] unsigned month() const;
  [[nodiscard]] unsigned day() const;

  [[nodiscard]] Date AddDays(int32_t n) const { return FromDays(days_ + n); }
  // Calendar months; a day past the end of the target month is clamped to its last day (31 Jan + 1 = 28/29 Feb).
  [[nodiscard]] Date AddMonths(int months) const;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;

 private:
  int32_t days_ = 0;
};

class Timestamp {
 public:
  constexpr Timestamp() = default;
  static Timestamp FromSeconds(int64_t seconds_since_epoch);
  static Timestamp StartOf(Date date);

  [[nodiscard]] int64_t seconds() const { return seconds_; }
  [[nodiscard]] Date date() const;  // the UTC calendar date
  [[nodiscard]] Timestamp AddHours(int64_t hours) const { return FromSeconds(seconds_ + hours * 3600); }

  friend bool operator==(const Timestamp&, const Timestamp&) = default;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;

 private:
  int64_t seconds_ = 0;
};

// Strict ISO 8601 calendar date, "YYYY-MM-DD", a real day of the calendar.
std::optional<Date> ParseDate(std::string_view text);
// RFC 3339 date-time ("2025-02-01T09:00:00Z", "...+01:00", optional fraction, which is truncated).
std::optional<Timestamp> ParseTimestamp(std::string_view text);
// Either of the two; a bare date means 00:00:00 UTC of that date.
std::optional<Timestamp> ParseDateOrTimestamp(std::string_view text);

std::string FormatDate(Date date);
std::string FormatTimestamp(Timestamp ts);  // always UTC, "YYYY-MM-DDThh:mm:ssZ"

}  // namespace ansvar::model
