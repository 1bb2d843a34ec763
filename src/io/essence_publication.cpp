#include "io/essence_publication.hpp"

#include <simdjson.h>

#include "io/internal/json_out.hpp"

namespace ansvar::io {

std::string WriteEssencePublication(const EssencePublication& p) {
  internal::JsonOut o(false);
  o.BeginObject();
  o.Field("cooperation", p.cooperation);
  o.Field("published_at", model::FormatTimestamp(p.published_at));
  o.Field("published_by", p.published_by);
  o.EndObject();
  return o.Take();
}

std::optional<EssencePublication> ReadEssencePublication(std::string_view json) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  if (parser.parse(simdjson::padded_string(json)).get(obj) != simdjson::SUCCESS) return std::nullopt;
  std::string_view cooperation, at, by;
  if (obj["cooperation"].get(cooperation) != simdjson::SUCCESS || obj["published_at"].get(at) != simdjson::SUCCESS)
    return std::nullopt;
  if (obj["published_by"].get(by) != simdjson::SUCCESS) by = {};
  const auto ts = model::ParseTimestamp(at);
  if (!ts) return std::nullopt;
  return EssencePublication{std::string(cooperation), *ts, std::string(by)};
}

}  // namespace ansvar::io
