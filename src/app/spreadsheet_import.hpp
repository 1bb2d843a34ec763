#pragma once
// Importing the register from spreadsheets: systems (with their roles), people and processing activities from
// .xlsx or .csv, as municipalities keep them. The headings are recognised in Swedish and English (mapping can
// adjust them); each row becomes a new or changed entity of the current register; every fault names its sheet,
// row and column. A dry run reports what would change, cell by cell; an import applies all of it or nothing.
//
// A row updates the entity with its id, else the one with its name (for activities: its name and controller),
// else creates one. Columns present in the sheet are authoritative (an empty cell clears an optional field);
// columns absent leave the fields as they are; nothing is deleted.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/register_service.hpp"
#include "io/import_mapping.hpp"
#include "io/spreadsheet/sheet.hpp"

namespace ansvar::app {

struct ImportOptions {
  std::string file_name;  // tells .csv from .xlsx when the content does not
  std::string sheet;      // only this sheet ("": every sheet whose headings show what it holds)
  io::ImportMapping mapping;
  std::optional<int64_t> expected_seq;  // apply only over this version of the register (412 otherwise)
};

struct ImportIssue {
  std::string sheet;
  size_t row = 0;     // 1-based; 0: the whole sheet or file
  size_t column = 0;  // 1-based; 0: the whole row
  std::string field;
  bool error = true;  // false: a warning
  std::string message;
};

struct FieldChange {
  size_t column = 0;
  std::string field, heading, before, after;
};

struct RowReport {
  std::string sheet;
  size_t row = 0;
  std::string action;  // create, update, unchanged, error
  std::string entity_type, entity_id, name;
  std::vector<FieldChange> changes;
  std::vector<ImportIssue> issues;
};

struct ColumnUse {
  size_t column = 0;
  std::string heading;
  std::string field;  // "": not imported
};

struct SheetReport {
  std::string name;
  std::string kind;  // systems, people, activities, ignore
  size_t header_row = 0;
  size_t rows = 0;  // data rows read (empty rows not counted)
  std::vector<ColumnUse> columns;
};

struct ImportPlan {
  model::Register next;  // the register as the import would leave it
  int64_t base_seq = 0;  // the version of the register it was planned against
  std::vector<SheetReport> sheets;
  std::vector<RowReport> rows;
  std::vector<ImportIssue> issues;  // not tied to one row: the file, a sheet, a heading
  size_t errors = 0, warnings = 0;
  size_t created = 0, updated = 0, unchanged = 0, skipped = 0;
  [[nodiscard]] bool ok() const { return errors == 0; }
  // Every error as {"Blad1!C7", message}, in sheet and row order.
  [[nodiscard]] std::vector<model::Problem> Problems(size_t limit = 500) const;
};

// Plans the import of `book` into `current` (checked whole with model::Validate; its faults land on their rows).
ImportPlan PlanImport(const model::Register& current, const io::sheets::Workbook& book, const ImportOptions& options);

// {dry_run, ok, file, register_version, sheets, summary, rows, problems[, applied]}.
// `applied`: what ReplaceWith changed, when it ran.
std::string ImportReportJson(const ImportPlan& plan, const ImportOptions& options, bool dry_run,
                             const RegisterChanges* applied);
// Row by row for a terminal, at most `max_rows` rows (errors first).
std::string ImportReportText(const ImportPlan& plan, bool dry_run, size_t max_rows = 200);

struct ImportOutcome {
  ImportPlan plan;
  std::string json;  // ImportReportJson
  bool applied = false;
};

// The use case: read the file, plan against RegisterService::Current(); a dry run reports (Diff), an import
// applies with ReplaceWith (all or nothing; 412 when the register changed since it was read). A file that
// cannot be read, and an import with errors, come back as kInvalid with each problem at its sheet!cell.
Result<ImportOutcome> ImportSpreadsheet(RegisterService& service, std::string_view bytes, const ImportOptions& options,
                                        bool dry_run, const Actor& actor);

}  // namespace ansvar::app
