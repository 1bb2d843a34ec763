#include "model/time.hpp"

#include <gtest/gtest.h>

namespace ansvar::model {
namespace {

TEST(Date, ParsesOnlyRealCalendarDays) {
  EXPECT_EQ(FormatDate(*ParseDate("2024-02-29")), "2024-02-29");
  EXPECT_FALSE(ParseDate("2025-02-29"));
  EXPECT_FALSE(ParseDate("2025-13-01"));
  EXPECT_FALSE(ParseDate("2025-1-01"));
  EXPECT_FALSE(ParseDate("20250101"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(Date, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(FormatDate(ParseDate("2025-01-31")->AddMonths(1)), "2025-02-28");
  EXPECT_EQ(FormatDate(ParseDate("2024-01-31")->AddMonths(1)), "2024-02-29");
  EXPECT_EQ(FormatDate(ParseDate("2024-12-01")->AddMonths(1)), "2025-01-01");
  EXPECT_EQ(FormatDate(ParseDate("2025-03-31")->AddMonths(-1)), "2025-02-28");
  EXPECT_EQ(FormatDate(ParseDate("2025-02-10")->AddMonths(-12)), "2024-02-10");
}

TEST(Timestamp, ParsesOffsetsToUtc) {
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2025-02-01T10:00:00+01:00")), "2025-02-01T09:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2025-02-01T09:00:00.123Z")), "2025-02-01T09:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2025-03-30T01:30:00-02:30")), "2025-03-30T04:00:00Z");
  EXPECT_FALSE(ParseTimestamp("2025-02-01T09:00:00"));  // no offset
  EXPECT_FALSE(ParseTimestamp("2025-02-01T25:00:00Z"));
}

TEST(Timestamp, BareDateMeansMidnightUtc) {
  EXPECT_EQ(FormatTimestamp(*ParseDateOrTimestamp("2025-02-10")), "2025-02-10T00:00:00Z");
  EXPECT_EQ(ParseDateOrTimestamp("2025-02-10")->date(), *ParseDate("2025-02-10"));
}

TEST(Timestamp, DateOfInstantsBeforeTheEpoch) {
  EXPECT_EQ(FormatDate(ParseTimestamp("1969-12-31T23:59:59Z")->date()), "1969-12-31");
}

}  // namespace
}  // namespace ansvar::model
