#pragma once
// The column mapping of a spreadsheet import, as JSON (a --mapping file, or the mapping parameter of
// POST /api/v1/imports): which sheet holds what, which heading means which field, where the headings are.
//
//   { "sheets":  { "Blad1": "systems", "Kontakter": "people", "Gammalt": "ignore" },
//     "columns": { "Sys.namn": "name", "Ansvarig": "role:owner", "Kommentar": "ignore" },
//     "header_row": 3,                  // optional: otherwise found from the headings
//     "create_missing_people": false }  // optional: a role naming an unknown person creates the person
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/validate.hpp"

namespace ansvar::io {

struct ImportMapping {
  std::map<std::string, std::string> sheets;   // sheet name → systems | people | activities | ignore
  std::map<std::string, std::string> columns;  // heading as written → field id ("ignore": not read)
  size_t header_row = 0;                       // 1-based; 0: found from the headings
  bool create_missing_people = false;
};

struct MappingRead {
  std::optional<ImportMapping> mapping;  // set when there are no problems
  std::vector<model::Problem> problems;  // paths like $.columns["Sys.namn"]
};

// Shape and types only; whether a field id exists for a sheet's kind is checked by the importer.
MappingRead ReadImportMapping(std::string_view json);

}  // namespace ansvar::io
