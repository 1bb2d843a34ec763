#include "io/icalendar.hpp"

#include <cstdio>

namespace ansvar::io {
namespace {

constexpr size_t kMaxOctets = 75;  // RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding CRLF

std::string Compact(model::Date d) {
  const auto iso = model::FormatDate(d);  // YYYY-MM-DD
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

std::string Compact(model::Timestamp t) {
  const auto iso = model::FormatTimestamp(t);  // YYYY-MM-DDThh:mm:ssZ
  return Compact(t.date()) + "T" + iso.substr(11, 2) + iso.substr(14, 2) + iso.substr(17, 2) + "Z";
}

void Line(std::string& out, std::string_view name, std::string_view value) {
  std::string line(name);
  line += ':';
  line += value;
  out += FoldICalLine(line);
}

}  // namespace

std::string EscapeICalText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case ';':
        out += "\\;";
        break;
      case ',':
        out += "\\,";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF writes the line break
        out += "\\n";
        break;
      default:
        // Other control characters are not allowed in TEXT (RFC 5545 §3.3.11): a tab stays, the rest go.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        if (c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::string EscapeICalUri(std::string_view uri) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(uri.size());
  for (const char ch : uri) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || std::string_view("\"<>\\^`{|}").find(ch) != std::string_view::npos) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string FoldICalLine(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  size_t pos = 0;
  size_t budget = kMaxOctets;  // the first line has 75 octets; a continuation line has 74 after its leading space
  while (line.size() - pos > budget) {
    size_t cut = pos + budget;
    // Never split a UTF-8 sequence: back up to the start of the character (a byte that is not 10xxxxxx).
    while (cut > pos && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    if (cut == pos) cut = pos + budget;  // not UTF-8 at all: cut where the octets say
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    budget = kMaxOctets - 1;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string CalendarUid(std::string_view key) {
  std::string out;
  for (const char ch : key) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')
      out += ch;
    else if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if (c == '/')
      out += '.';
    else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "_%02x", c);
      out += hex;
    }
  }
  return out + "@ansvar";
}

std::string WriteICalendar(const Calendar& cal) {
  std::string out;
  Line(out, "BEGIN", "VCALENDAR");
  Line(out, "VERSION", "2.0");
  Line(out, "PRODID", "-//Ansvar//Ansvar arshjul 0.1//SV");
  Line(out, "CALSCALE", "GREGORIAN");
  Line(out, "METHOD", "PUBLISH");
  Line(out, "NAME", EscapeICalText(cal.name));
  Line(out, "X-WR-CALNAME", EscapeICalText(cal.name));
  if (!cal.description.empty()) {
    Line(out, "DESCRIPTION", EscapeICalText(cal.description));
    Line(out, "X-WR-CALDESC", EscapeICalText(cal.description));
  }
  // How often a subscribing client should fetch the feed again (RFC 7986; Outlook reads X-PUBLISHED-TTL).
  Line(out, "REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
  Line(out, "X-PUBLISHED-TTL", "PT1H");
  const std::string stamp = Compact(cal.stamp);
  for (const auto& e : cal.events) {
    Line(out, "BEGIN", "VEVENT");
    Line(out, "UID", e.uid);
    Line(out, "DTSTAMP", stamp);
    if (e.date) {
      Line(out, "DTSTART;VALUE=DATE", Compact(*e.date));
      Line(out, "DTEND;VALUE=DATE", Compact(e.date->AddDays(1)));
    } else if (e.instant) {
      Line(out, "DTSTART", Compact(*e.instant));  // no DTEND: the event ends when it starts (a deadline)
    }
    Line(out, "SUMMARY", EscapeICalText(e.summary));
    if (!e.description.empty()) Line(out, "DESCRIPTION", EscapeICalText(e.description));
    if (!e.categories.empty()) {
      std::string cats;
      for (const auto& c : e.categories) cats += (cats.empty() ? "" : ",") + EscapeICalText(c);
      Line(out, "CATEGORIES", cats);
    }
    if (!e.url.empty()) Line(out, "URL", EscapeICalUri(e.url));  // a URI value: no CR, LF or space can end it
    Line(out, "TRANSP", "TRANSPARENT");                          // a deadline does not make anyone busy
    Line(out, "END", "VEVENT");
  }
  Line(out, "END", "VCALENDAR");
  return out;
}

}  // namespace ansvar::io
