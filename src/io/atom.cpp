#include "io/atom.hpp"

namespace ansvar::io {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string WriteAtom(const AtomFeed& feed) {
  std::string o = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  auto element = [&](std::string_view indent, std::string_view name, std::string_view text) {
    o += indent;
    o += '<';
    o += name;
    o += '>';
    o += XmlEscape(text);
    o += "</";
    o += name;
    o += ">\n";
  };
  auto link = [&](std::string_view indent, std::string_view rel, std::string_view href, std::string_view type) {
    o += std::string(indent) + "<link rel=\"" + std::string(rel) + "\" href=\"" + XmlEscape(href) + "\"";
    if (!type.empty()) o += " type=\"" + std::string(type) + "\"";
    o += "/>\n";
  };
  element("  ", "id", feed.id);
  element("  ", "title", feed.title);
  element("  ", "updated", model::FormatTimestamp(feed.updated));
  o += "  <author><name>Ansvar</name></author>\n";
  o += "  <generator>Ansvar</generator>\n";
  if (!feed.self_link.empty()) link("  ", "self", feed.self_link, "application/atom+xml");
  if (!feed.alternate_link.empty()) link("  ", "alternate", feed.alternate_link, "text/html");
  for (const auto& e : feed.entries) {
    o += "  <entry>\n";
    element("    ", "id", e.id);
    element("    ", "title", e.title);
    element("    ", "published", model::FormatTimestamp(e.published));
    element("    ", "updated", model::FormatTimestamp(e.updated));
    if (!e.link.empty()) link("    ", "alternate", e.link, "text/html");
    for (const auto& [scheme, term] : e.categories)
      o += "    <category scheme=\"" + XmlEscape(scheme) + "\" term=\"" + XmlEscape(term) + "\"/>\n";
    if (!e.summary.empty()) o += "    <summary type=\"text\">" + XmlEscape(e.summary) + "</summary>\n";
    o += "    <content type=\"text\">" + XmlEscape(e.content) + "</content>\n";
    o += "  </entry>\n";
  }
  o += "</feed>\n";
  return o;
}

}  // namespace ansvar::io
