// iCalendar output (io/icalendar.hpp): folding at 75 octets without splitting UTF-8, escaping, CRLF, the
// all-day and instant forms, stable UIDs; the Atom writer's escaping. A real parser reads the feeds in
// tests/http/test_cycle.py; here the hand rules of RFC 5545 are checked line by line.
#include "io/icalendar.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "io/atom.hpp"

namespace ansvar::io {
namespace {

std::vector<std::string> PhysicalLines(const std::string& text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    EXPECT_NE(end, std::string::npos) << "every line ends in CRLF";
    if (end == std::string::npos) break;
    out.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return out;
}

// Unfolds (RFC 5545 §3.1): a CRLF followed by one space or tab is removed.
std::string Unfold(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

TEST(ICalendar, LongLinesFoldAt75OctetsWithoutSplittingCharacters) {
  std::string summary;
  for (int i = 0; i < 40; ++i) summary += "Förvaltningsplan å ä ö ";
  const std::string line = "SUMMARY:" + EscapeICalText(summary);
  const std::string folded = FoldICalLine(line);
  const auto lines = PhysicalLines(folded);
  ASSERT_GT(lines.size(), 5u);
  for (size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 75u) << "line " << i;
    if (i > 0) {
      EXPECT_EQ(lines[i][0], ' ');
    }
    EXPECT_TRUE(ValidUtf8(i > 0 ? lines[i].substr(1) : lines[i])) << "line " << i << " splits a character";
  }
  EXPECT_EQ(Unfold(folded), line + "\r\n");
  EXPECT_EQ(FoldICalLine("UID:x"), "UID:x\r\n");
  const std::string exactly75(75, 'a');
  EXPECT_EQ(FoldICalLine(exactly75), exactly75 + "\r\n");
  EXPECT_EQ(PhysicalLines(FoldICalLine(exactly75 + "b")).size(), 2u);
}

TEST(ICalendar, TextIsEscaped) {
  EXPECT_EQ(EscapeICalText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
  EXPECT_EQ(EscapeICalText("rad 1\r\nrad 2"), "rad 1\\nrad 2");
  EXPECT_EQ(EscapeICalText(std::string("x\x01y")), "xy");
}

TEST(ICalendar, AUrlCannotEndItsLine) {
  // Issue 17: a URL built from a stored id must not carry a CR/LF that starts a property of its own.
  EXPECT_EQ(EscapeICalUri("https://a.test/systems/x\r\nATTACH:evil y"),
            "https://a.test/systems/x%0D%0AATTACH:evil%20y");
  EXPECT_EQ(EscapeICalUri("https://a.test/p?a=1&b=%41"), "https://a.test/p?a=1&b=%41");
  EXPECT_EQ(EscapeICalUri("https://a.test/\"<>\u00e5"), "https://a.test/%22%3C%3E%C3%A5");
  Calendar cal;
  cal.stamp = *model::ParseTimestamp("2025-06-01T10:00:00Z");
  CalendarEvent e;
  e.uid = "a@ansvar";
  e.date = *model::ParseDate("2025-12-31");
  e.summary = "x";
  e.url = "https://a.test/systems/x\r\nATTACH:https://evil.test";
  cal.events = {e};
  const auto text = Unfold(WriteICalendar(cal));
  EXPECT_EQ(text.find("\r\nATTACH"), std::string::npos);
  EXPECT_NE(text.find("URL:https://a.test/systems/x%0D%0AATTACH:https://evil.test\r\n"), std::string::npos);
}

TEST(ICalendar, UidsAreStableAndSafe) {
  EXPECT_EQ(CalendarUid("R-PLAN-ANNUAL/system/raindance/2026/approve/p1"),
            "r-plan-annual.system.raindance.2026.approve.p1@ansvar");
  EXPECT_EQ(CalendarUid("a b@c"), "a_20b_40c@ansvar");
}

TEST(ICalendar, AllDayEventsAndInstants) {
  Calendar cal;
  cal.name = "Årshjul, Kungsbacka";
  cal.stamp = *model::ParseTimestamp("2025-06-01T10:00:00Z");
  CalendarEvent day;
  day.uid = "a@ansvar";
  day.date = *model::ParseDate("2025-12-31");
  day.summary = "Godkänn förvaltningsplanen för 2026, Raindance";
  day.categories = {"R-PLAN-ANNUAL", "budget_holder"};
  CalendarEvent at;
  at.uid = "b@ansvar";
  at.instant = *model::ParseTimestamp("2025-03-31T23:30:00Z");
  at.summary = "Anmäl incidenten till IMY";
  cal.events = {day, at};
  const auto text = WriteICalendar(cal);
  const auto unfolded = Unfold(text);
  EXPECT_TRUE(unfolded.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  EXPECT_TRUE(unfolded.ends_with("END:VCALENDAR\r\n"));
  EXPECT_NE(unfolded.find("DTSTART;VALUE=DATE:20251231\r\nDTEND;VALUE=DATE:20260101\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTART:20250331T233000Z\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("DTSTAMP:20250601T100000Z\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("SUMMARY:Godkänn förvaltningsplanen för 2026\\, Raindance\r\n"), std::string::npos);
  EXPECT_NE(unfolded.find("CATEGORIES:R-PLAN-ANNUAL,budget_holder\r\n"), std::string::npos);
  size_t events = 0;
  for (size_t p = 0; (p = unfolded.find("BEGIN:VEVENT", p)) != std::string::npos; ++p) ++events;
  EXPECT_EQ(events, 2u);
  for (const auto& l : PhysicalLines(text)) EXPECT_LE(l.size(), 75u);
  EXPECT_EQ(text.find('\n'), text.find("\r\n") + 1);  // no bare LF
}

TEST(Atom, EscapesTextAndAttributes) {
  EXPECT_EQ(XmlEscape("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&apos;");
  EXPECT_EQ(XmlEscape(std::string("x\x02y")), "xy");
  AtomFeed feed;
  feed.id = "urn:ansvar:messages";
  feed.title = "Driftinformation";
  feed.updated = *model::ParseTimestamp("2025-06-01T10:00:00Z");
  AtomEntry e;
  e.id = "urn:ansvar:message:m1";
  e.title = "Raindance <nere>";
  e.content = "Åtgärdas & följs upp";
  e.published = e.updated = feed.updated;
  feed.entries = {e};
  const auto xml = WriteAtom(feed);
  EXPECT_NE(xml.find("<title>Raindance &lt;nere&gt;</title>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>2025-06-01T10:00:00Z</updated>"), std::string::npos);
}

}  // namespace
}  // namespace ansvar::io
