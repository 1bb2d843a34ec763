#pragma once
// The columns of the register's spreadsheets, shared by import and export so that the two cannot drift apart:
// each field knows its headings (Swedish, English and the variants municipalities write), how to show its value
// in a cell, and how to read a cell back. Exporting a register and importing the file changes nothing.
// Internal to app/.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/spreadsheet/sheet.hpp"
#include "model/register.hpp"
#include "rules/catalog.hpp"

namespace ansvar::app::sheet {

// Lower case (Swedish letters too), accents and everything but letters and digits removed: how headings are
// compared ("Systemägare", " SYSTEMAGARE ", "System-ägare" are one heading).
std::string FoldHeading(std::string_view s);
// Lower case, accents kept, runs of white space made one space, trimmed: how names are compared.
std::string FoldName(std::string_view s);
// Trimmed of spaces, tabs, line breaks and no-break spaces; a leading apostrophe before = + - @ removed.
std::string CleanText(std::string_view s);
// "ägare" → "Ägare".
std::string Capitalize(std::string_view s);

// Lookups of the register being built, by id, name, "Name (id)" and (people) e-mail, kept up to date as rows
// create and rename entities; and the way a reference is written in a cell (the name, or "Name (id)" when
// the name alone would not find it again).
class Directory {
 public:
  enum class Of { kPerson, kAdministration, kCommittee, kSystem, kActivity };
  // `reg` must outlive the directory; each kind's lookups are built the first time they are needed.
  explicit Directory(const model::Register& reg) : reg_(&reg) {}

  void Put(Of of, const std::string& id, const std::string& name, const std::string& email = {});
  void Remove(Of of, const std::string& id);

  struct Found {
    std::string id;     // empty when not found
    std::string error;  // why not (unknown, ambiguous), Swedish / English
  };
  [[nodiscard]] Found Find(Of of, std::string_view text) const;
  [[nodiscard]] bool Has(Of of, const std::string& id) const;
  [[nodiscard]] std::string Show(Of of, const std::string& id) const;
  // The ids whose name folds to `name`.
  [[nodiscard]] std::vector<std::string> ByName(Of of, std::string_view name) const;

 private:
  struct Table {
    std::unordered_map<std::string, std::string> name_of;                // id → name
    std::unordered_map<std::string, std::string> email_of;               // id → e-mail
    std::unordered_map<std::string, std::vector<std::string>> by_name;   // folded name → ids
    std::unordered_map<std::string, std::vector<std::string>> by_email;  // folded e-mail → ids
  };
  static void Insert(Table& t, const std::string& id, const std::string& name, const std::string& email);
  Table& T(Of of) { return const_cast<Table&>(std::as_const(*this).T(of)); }
  [[nodiscard]] const Table& T(Of of) const;
  const model::Register* reg_;
  mutable Table tables_[5];
  mutable bool built_[5] = {};
};

// A cell as the importer reads it.
struct Value {
  const io::sheets::Cell* cell = nullptr;  // nullptr: the cell is empty
  std::string text;                        // CleanText of the cell's text
  [[nodiscard]] bool empty() const { return text.empty(); }
};

// What reading one cell found: errors stop the import, warnings are reported.
struct CellNotes {
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

struct Context {
  Directory& dir;
  const model::Register& reg;  // the register being built (for units of administrations)
  bool create_missing_people = false;
  std::vector<model::Person>* created_people = nullptr;  // people the row's cells created
};

template <class T>
struct Field {
  std::string id;          // "name", "role:owner", as a mapping file names it
  std::string heading_sv;  // the export's heading
  std::string heading_en;
  std::vector<std::string> aliases;  // other headings recognised
  std::function<io::sheets::Cell(const T&, const Directory&, rules::Lang)> format;
  std::function<void(T&, const Value&, Context&, CellNotes&)> apply;
};

const std::vector<Field<model::System>>& SystemFields();
const std::vector<Field<model::Person>>& PersonFields();
const std::vector<Field<model::ProcessingActivity>>& ActivityFields();

// Values in cells.
std::optional<bool> ParseBool(std::string_view text);
// A date cell, an Excel serial (a number, or digits as text), or text: 2024-03-01, 2024-3-1, 20240301,
// 1.3.2024, 1/3/2024 (day first, as in Sweden), with or without a time after it.
std::optional<model::Date> ParseDate(const Value& v);
// Splits a list cell on line breaks and semicolons (and commas, when `commas`); items trimmed, empty ones dropped.
std::vector<std::string> SplitList(std::string_view text, bool commas);
std::string JoinList(const std::vector<std::string>& items);

// An id made of a name: "Bygg- och miljöförvaltningen" → "bygg-och-miljoforvaltningen".
std::string Slug(std::string_view name);

}  // namespace ansvar::app::sheet
