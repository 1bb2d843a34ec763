#pragma once
// iCalendar (RFC 5545) for the calendar feeds of the annual cycle: a VCALENDAR of VEVENTs, lines folded at 75
// octets (never inside a UTF-8 sequence), TEXT values escaped, CRLF line ends, DTSTAMP on every event.
// Dates are all-day events (VALUE=DATE, DTEND the next day, exclusive); instants (the 72-hour clock of a breach)
// are UTC date-times ("…Z"), so no VTIMEZONE is needed. UIDs are the caller's, stable across feeds and updates,
// so a subscribed calendar replaces an event when it changes instead of adding a second one.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"

namespace ansvar::io {

struct CalendarEvent {
  std::string uid;
  std::optional<model::Date> date;          // an all-day event on this date, or
  std::optional<model::Timestamp> instant;  // an event at this instant
  std::string summary;
  std::string description;
  std::vector<std::string> categories;
  std::string url;  // absolute, or ""
};

struct Calendar {
  std::string name;  // X-WR-CALNAME and NAME (RFC 7986)
  std::string description;
  model::Timestamp stamp;  // DTSTAMP of every event: when the feed was generated
  std::vector<CalendarEvent> events;
};

std::string WriteICalendar(const Calendar& calendar);

// Building blocks, exposed for the tests.
std::string EscapeICalText(std::string_view text);  // \\ \; \, \n
std::string EscapeICalUri(
    std::string_view uri);  // a URI value: controls, space, non-ASCII and "<>\\^`{|} percent-encoded
std::string FoldICalLine(std::string_view line);  // one content line, folded, ending in CRLF
// "R-PLAN-ANNUAL/system/raindance/2026/approve" → "r-plan-annual.system.raindance.2026.approve@ansvar": letters,
// digits, '-', '.', '_' kept (lower-cased), anything else as "_XX" (its octets in hex), then "@ansvar".
std::string CalendarUid(std::string_view key);

}  // namespace ansvar::io
