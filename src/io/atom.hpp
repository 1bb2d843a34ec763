#pragma once
// Atom (RFC 4287) for the operational messages feed: a feed of entries, text constructs XML-escaped, times RFC 3339.
#include <string>
#include <utility>
#include <vector>

#include "model/time.hpp"

namespace ansvar::io {

struct AtomEntry {
  std::string id;  // an IRI, permanent: "urn:ansvar:message:<id>"
  std::string title;
  std::string summary;
  std::string content;  // type="text"
  std::string link;     // alternate link, or ""
  model::Timestamp published;
  model::Timestamp updated;
  std::vector<std::pair<std::string, std::string>> categories;  // (scheme, term)
};

struct AtomFeed {
  std::string id;
  std::string title;
  std::string self_link;
  std::string alternate_link;
  model::Timestamp updated;
  std::vector<AtomEntry> entries;
};

std::string WriteAtom(const AtomFeed& feed);
// &, <, >, ", ' escaped; characters XML 1.0 does not allow dropped.
std::string XmlEscape(std::string_view text);

}  // namespace ansvar::io
