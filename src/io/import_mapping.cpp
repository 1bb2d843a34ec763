#include "io/import_mapping.hpp"

#include <simdjson.h>

namespace ansvar::io {

MappingRead ReadImportMapping(std::string_view json) {
  MappingRead out;
  auto problem = [&](std::string path, std::string message) {
    out.problems.push_back({std::move(path), std::move(message)});
  };
  if (json.size() > (1u << 20)) {
    problem("$", "the mapping is larger than 1 MB");
    return out;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto e = parser.parse(simdjson::padded_string(json)).get(root); e) {
    out.problems.push_back(
        model::SyntaxProblem("$", std::string("not a JSON document: ") + simdjson::error_message(e)));
    return out;
  }
  simdjson::dom::object object;
  if (root.get(object)) {
    problem("$", "expected an object");
    return out;
  }
  ImportMapping m;
  for (auto [key, value] : object) {
    const std::string k(key);
    if (k == "sheets" || k == "columns") {
      simdjson::dom::object map;
      if (value.get(map)) {
        problem("$." + k, "expected an object of strings");
        continue;
      }
      for (auto [name, target] : map) {
        std::string_view s;
        const std::string path = "$." + k + "[\"" + std::string(name) + "\"]";
        if (target.get(s)) {
          problem(path, "expected a string");
          continue;
        }
        if (k == "sheets" && s != "systems" && s != "people" && s != "activities" && s != "ignore") {
          problem(path, "expected systems, people, activities or ignore");
          continue;
        }
        (k == "sheets" ? m.sheets : m.columns)[std::string(name)] = std::string(s);
      }
    } else if (k == "header_row") {
      int64_t row = 0;
      if (value.get(row) || row < 0 || row > 1000)
        problem("$.header_row", "expected a row number from 1 to 1000");
      else
        m.header_row = static_cast<size_t>(row);
    } else if (k == "create_missing_people") {
      bool b = false;
      if (value.get(b))
        problem("$.create_missing_people", "expected true or false");
      else
        m.create_missing_people = b;
    }
    // Other keys are ignored, as the register format ignores unknown fields.
  }
  if (out.problems.empty()) out.mapping = std::move(m);
  return out;
}

}  // namespace ansvar::io
