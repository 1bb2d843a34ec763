#include "app/spreadsheet_import.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <unordered_map>

#include "app/sheet_fields.hpp"
#include "io/json_writer.hpp"
#include "io/spreadsheet/reader.hpp"

namespace ansvar::app {
namespace {

using io::sheets::Cell;
using io::sheets::CellKind;
using io::sheets::Sheet;
using sheet::Directory;
using Of = Directory::Of;

enum class SheetKind { kPeople, kSystems, kActivities, kIgnore };
constexpr std::string_view kKindNames[] = {"people", "systems", "activities", "ignore"};

std::optional<SheetKind> ParseKind(std::string_view s) {
  for (size_t i = 0; i < 4; ++i)
    if (kKindNames[i] == s) return static_cast<SheetKind>(i);
  return std::nullopt;
}

constexpr size_t kHeaderSearchRows = 30;

std::string CellText(const Sheet& s, size_t row, size_t column) {
  const Cell* c = s.At(row, column);
  return c == nullptr ? std::string() : sheet::CleanText(c->text);
}

size_t Width(const Sheet& s, size_t row) { return row == 0 || row > s.rows.size() ? 0 : s.rows[row - 1].size(); }

// The field a heading names for one kind of sheet: the mapping's word first, then the known headings, then the
// heading without a parenthesised remark ("Konfidentialitet (K)" → "Konfidentialitet").
template <class T>
std::optional<std::string> FieldOf(const std::string& heading, const std::vector<sheet::Field<T>>& fields,
                                   const io::ImportMapping& mapping) {
  const std::string folded = sheet::FoldHeading(heading);
  if (folded.empty()) return std::nullopt;
  for (const auto& [h, field] : mapping.columns)
    if (h == heading || sheet::FoldHeading(h) == folded) return field == "ignore" ? std::string() : field;
  auto match = [&](const std::string& f) -> std::optional<std::string> {
    for (const auto& field : fields) {
      if (f == sheet::FoldHeading(field.id) || f == sheet::FoldHeading(field.heading_sv) ||
          f == sheet::FoldHeading(field.heading_en))
        return field.id;
      for (const auto& a : field.aliases)
        if (f == sheet::FoldHeading(a)) return field.id;
    }
    return std::nullopt;
  };
  if (auto m = match(folded)) return m;
  if (const auto open = heading.find('('); open != std::string::npos && open > 0)
    return match(sheet::FoldHeading(heading.substr(0, open)));
  return std::nullopt;
}

// Headings that say "a note, not for the register": recognised so they are not reported as unknown.
bool IsRemark(const std::string& heading) {
  const std::string f = sheet::FoldHeading(heading);
  for (const char* r : {"kommentar", "kommentarer", "anteckning", "anteckningar", "ovrigt", "beskrivning", "notering",
                        "noteringar", "comment", "comments", "notes", "note", "description", "nr", "radnummer"})
    if (f == r) return true;
  return false;
}

template <class T>
size_t CountKnown(const Sheet& s, size_t row, const std::vector<sheet::Field<T>>& fields,
                  const io::ImportMapping& mapping, bool& has_name) {
  size_t n = 0;
  std::set<std::string> seen;
  has_name = false;
  for (size_t c = 1; c <= Width(s, row); ++c) {
    const auto f = FieldOf(CellText(s, row, c), fields, mapping);
    if (!f || f->empty() || !seen.insert(*f).second) continue;
    ++n;
    if (*f == "name" || *f == "id") has_name = true;
  }
  return n;
}

size_t NameHint(const std::string& sheet_name, SheetKind kind) {
  const std::string f = sheet::FoldHeading(sheet_name);
  auto has = [&](std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return f.find(w) != std::string::npos; });
  };
  switch (kind) {
    case SheetKind::kSystems:
      return has({"system", "tjanst", "applikation"}) ? 2 : 0;
    case SheetKind::kPeople:
      return has({"person", "people", "kontakt", "anstalld", "medarbetare"}) ? 2 : 0;
    case SheetKind::kActivities:
      return has({"behandl", "ropa", "registerforteckning", "processing", "artikel30", "art30"}) ? 2 : 0;
    case SheetKind::kIgnore:
      return 0;
  }
  return 0;
}

struct Detected {
  SheetKind kind = SheetKind::kIgnore;
  size_t header_row = 0;
  size_t score = 0;
};

Detected Detect(const Sheet& s, const io::ImportMapping& mapping, std::optional<SheetKind> forced) {
  Detected best;
  const size_t last = mapping.header_row > 0 ? mapping.header_row : std::min(s.rows.size(), kHeaderSearchRows);
  const size_t first = mapping.header_row > 0 ? mapping.header_row : 1;
  for (size_t r = first; r <= last; ++r) {
    for (const auto kind : {SheetKind::kPeople, SheetKind::kSystems, SheetKind::kActivities}) {
      if (forced && *forced != kind) continue;
      bool has_name = false;
      size_t n = 0;
      if (kind == SheetKind::kSystems)
        n = CountKnown(s, r, sheet::SystemFields(), mapping, has_name);
      else if (kind == SheetKind::kPeople)
        n = CountKnown(s, r, sheet::PersonFields(), mapping, has_name);
      else
        n = CountKnown(s, r, sheet::ActivityFields(), mapping, has_name);
      if (!has_name || n < (forced ? 1u : 2u)) continue;
      const size_t score = n * 4 + NameHint(s.name, kind);
      if (score > best.score) best = {kind, r, score};
    }
  }
  return best;
}

std::string KindOfEntity(SheetKind k) {
  switch (k) {
    case SheetKind::kPeople:
      return "person";
    case SheetKind::kSystems:
      return "system";
    case SheetKind::kActivities:
      return "processing_activity";
    case SheetKind::kIgnore:
      break;
  }
  return "";
}

class Planner {
 public:
  Planner(const model::Register& current, const ImportOptions& options) : options_(options), dir_(current) {
    plan_.next = current;
    for (size_t i = 0; i < plan_.next.people.size(); ++i) pos_[0][plan_.next.people[i].id.str()] = i;
    for (size_t i = 0; i < plan_.next.systems.size(); ++i) pos_[1][plan_.next.systems[i].id.str()] = i;
    for (size_t i = 0; i < plan_.next.processing_activities.size(); ++i)
      pos_[2][plan_.next.processing_activities[i].id.str()] = i;
  }

  ImportPlan Run(const io::sheets::Workbook& book) {
    struct Todo {
      const Sheet* sheet;
      Detected d;
    };
    std::vector<Todo> todo;
    bool chosen = false;
    for (const auto& s : book.sheets) {
      if (!options_.sheet.empty() && s.name != options_.sheet) continue;
      chosen = true;
      std::optional<SheetKind> forced;
      if (auto it = options_.mapping.sheets.find(s.name); it != options_.mapping.sheets.end())
        forced = ParseKind(it->second);
      if (forced == SheetKind::kIgnore) {
        plan_.sheets.push_back({s.name, "ignore", 0, 0, {}});
        continue;
      }
      const Detected d = Detect(s, options_.mapping, forced);
      if (d.score == 0) {
        const bool alone = book.sheets.size() == 1 || !options_.sheet.empty() || forced;
        Issue(
            s.name, 0, 0, "", alone,
            "hittar inga rubriker som visar vad bladet innehåller (t.ex. Systemnamn, Namn, Behandling) bland de "
            "första " +
                std::to_string(kHeaderSearchRows) +
                " raderna; ange rubrikerna i en mappning / no headings show what the sheet holds: adjust the mapping");
        plan_.sheets.push_back({s.name, "ignore", 0, 0, {}});
        continue;
      }
      todo.push_back({&s, d});
    }
    if (!chosen)
      Issue(options_.sheet, 0, 0, "", true, "arbetsboken har inget blad " + options_.sheet + " / no such sheet");
    // People first (systems name them), then systems (activities name them), then activities.
    std::stable_sort(todo.begin(), todo.end(), [](const Todo& a, const Todo& b) { return a.d.kind < b.d.kind; });
    for (const auto& t : todo) {
      switch (t.d.kind) {
        case SheetKind::kPeople:
          Import<model::Person>(*t.sheet, t.d, sheet::PersonFields(), Of::kPerson, 0);
          break;
        case SheetKind::kSystems:
          Import<model::System>(*t.sheet, t.d, sheet::SystemFields(), Of::kSystem, 1);
          break;
        case SheetKind::kActivities:
          Import<model::ProcessingActivity>(*t.sheet, t.d, sheet::ActivityFields(), Of::kActivity, 2);
          break;
        case SheetKind::kIgnore:
          break;
      }
    }
    if (plan_.rows.empty() && plan_.errors == 0 && todo.empty() == false)
      Issue(todo.front().sheet->name, 0, 0, "", false, "inga rader att läsa in / no rows to import");
    if (plan_.errors == 0) ValidateWhole();
    return std::move(plan_);
  }

 private:
  void Issue(const std::string& sheet, size_t row, size_t column, const std::string& field, bool error,
             std::string message, RowReport* into = nullptr) {
    ImportIssue issue{sheet, row, column, field, error, std::move(message)};
    (error ? plan_.errors : plan_.warnings)++;
    if (into)
      into->issues.push_back(std::move(issue));
    else
      plan_.issues.push_back(std::move(issue));
  }

  template <class T>
  std::vector<T>& Items() {
    if constexpr (std::is_same_v<T, model::Person>)
      return plan_.next.people;
    else if constexpr (std::is_same_v<T, model::System>)
      return plan_.next.systems;
    else
      return plan_.next.processing_activities;
  }

  template <class T>
  void Import(const Sheet& s, const Detected& d, const std::vector<sheet::Field<T>>& fields, Of of, size_t slot) {
    SheetReport report{s.name, std::string(kKindNames[static_cast<size_t>(d.kind)]), d.header_row, 0, {}};
    // Columns → fields.
    std::vector<std::pair<const sheet::Field<T>*, size_t>> mapped;  // in the order of the field table
    std::map<std::string, size_t> column_of;
    for (size_t c = 1; c <= Width(s, d.header_row); ++c) {
      const std::string heading = CellText(s, d.header_row, c);
      if (heading.empty()) continue;
      const auto f = FieldOf(heading, fields, options_.mapping);
      ColumnUse use{c, heading, ""};
      if (f && !f->empty()) {
        const bool known = std::any_of(fields.begin(), fields.end(), [&](const auto& x) { return x.id == *f; });
        if (!known) {
          Issue(s.name, d.header_row, c, *f, true,
                "mappningen anger fältet \"" + *f + "\", som inte finns för " + report.kind +
                    " / the mapping names an unknown field");
        } else if (column_of.contains(*f)) {
          Issue(s.name, d.header_row, c, *f, false,
                "kolumnen " + heading + " anger samma fält som kolumn " + io::sheets::ColumnName(column_of[*f]) +
                    " och läses inte / the column repeats another column's field and is not read");
        } else {
          column_of[*f] = c;
          use.field = *f;
        }
      } else if (!f && !IsRemark(heading)) {
        Issue(s.name, d.header_row, c, "", false,
              "kolumnen \"" + heading +
                  "\" känns inte igen och läses inte (ange den i en mappning) / the column is not recognised "
                  "and is not imported");
      }
      report.columns.push_back(use);
    }
    for (const auto& f : fields)
      if (column_of.contains(f.id)) mapped.push_back({&f, column_of[f.id]});
    const size_t name_col = column_of.contains("name") ? column_of["name"] : 0;
    const size_t id_col = column_of.contains("id") ? column_of["id"] : 0;
    const size_t controller_col = column_of.contains("controller") ? column_of["controller"] : 0;

    std::unordered_map<std::string, size_t> seen;  // entity id → the row that had it
    auto& items = Items<T>();
    for (size_t r = d.header_row + 1; r <= s.rows.size(); ++r) {
      bool empty = true;
      for (size_t c = 1; c <= Width(s, r) && empty; ++c) empty = CellText(s, r, c).empty();
      if (empty) {
        ++plan_.skipped;
        continue;
      }
      ++report.rows;
      RowReport row{s.name, r, "error", KindOfEntity(d.kind), "", "", {}, {}};
      const std::string id_text = id_col ? CellText(s, r, id_col) : "";
      const std::string name = name_col ? CellText(s, r, name_col) : "";
      row.name = name;
      // Which entity the row is.
      std::string id;
      if (!id_text.empty()) {
        id = id_text;
      } else if (name.empty()) {
        Issue(s.name, r, name_col, "name", true, "namn saknas / the name is missing", &row);
      } else {
        std::vector<std::string> candidates = dir_.ByName(of, name);
        if constexpr (std::is_same_v<T, model::ProcessingActivity>) {
          // Activities share names across committees: the controller tells them apart.
          std::string controller;
          if (controller_col) controller = dir_.Find(Of::kCommittee, CellText(s, r, controller_col)).id;
          std::erase_if(candidates, [&](const std::string& c) {
            const auto& a = items[pos_[slot][c]];
            return (a.controller ? a.controller->str() : std::string()) != controller;
          });
        }
        if (candidates.size() > 1) {
          Issue(s.name, r, name_col, "name", true,
                "flera i registret heter \"" + name +
                    "\"; ange id i en kolumn Id / several entities have this name: give the id",
                &row);
        } else if (candidates.size() == 1) {
          id = candidates.front();
        }
      }
      const bool exists = !id.empty() && pos_[slot].contains(id);
      if (!id.empty() || (row.issues.empty() && !name.empty())) {
        if (id.empty()) {  // a new entity gets an id made of its name
          const std::string base =
              sheet::Slug(name).empty() ? std::string(kKindNames[static_cast<size_t>(d.kind)]) : sheet::Slug(name);
          id = base;
          for (int n = 2; pos_[slot].contains(id) || seen.contains(id); ++n) id = base + "-" + std::to_string(n);
        }
        if (auto it = seen.find(id); it != seen.end()) {
          Issue(s.name, r, name_col ? name_col : id_col, name_col ? "name" : "id", true,
                "samma " + KindOfEntity(d.kind) + " som på rad " + std::to_string(it->second) +
                    " (dubblett) / the same entity as row " + std::to_string(it->second) + " (a duplicate)",
                &row);
        } else {
          seen[id] = r;
        }
      }
      row.entity_id = id;
      if (!row.issues.empty()) {
        Finish(row);
        continue;
      }
      T entity = exists ? items[pos_[slot][id]] : T{};
      entity.id = decltype(entity.id)(id);
      std::vector<model::Person> created_people;
      sheet::Context ctx{dir_, plan_.next, options_.mapping.create_missing_people, &created_people};
      std::set<std::string> empty_fields;
      for (const auto& [field, column] : mapped) {
        sheet::Value v;
        v.cell = s.At(r, column);
        v.text = CellText(s, r, column);
        if (v.text.empty()) empty_fields.insert(field->id);
        sheet::CellNotes notes;
        field->apply(entity, v, ctx, notes);
        for (auto& e : notes.errors) Issue(s.name, r, column, field->id, true, std::move(e), &row);
        for (auto& w : notes.warnings) Issue(s.name, r, column, field->id, false, std::move(w), &row);
      }
      if constexpr (std::is_same_v<T, model::System>) {
        const bool all_levels = column_of.contains("confidentiality") && column_of.contains("integrity") &&
                                column_of.contains("availability");
        if (all_levels && empty_fields.contains("confidentiality") && empty_fields.contains("integrity") &&
            empty_fields.contains("availability"))
          entity.classification = std::nullopt;
        if (!exists && (!column_of.contains("category") || empty_fields.contains("category")))
          Issue(s.name, r, column_of.contains("category") ? column_of["category"] : 0, "category", false,
                "kategori saknas: systemet läses in som verksamhetssystem / no category: read as a business system",
                &row);
      }
      if (entity.name.empty() && row.issues.empty())
        Issue(s.name, r, name_col, "name", true, "namn saknas / the name is missing", &row);
      row.name = entity.name;
      const bool failed = std::any_of(row.issues.begin(), row.issues.end(), [](const auto& i) { return i.error; });
      if (failed) {
        Finish(row);
        continue;
      }
      // Cell by cell: what the row changes, shown as the export would show it.
      const T* before = exists ? &items[pos_[slot][id]] : nullptr;
      for (const auto& [field, column] : mapped) {
        if (field->id == "id") continue;
        const std::string was = before ? field->format(*before, dir_, rules::Lang::kSv).text : std::string();
        const std::string now = field->format(entity, dir_, rules::Lang::kSv).text;
        if (was != now) row.changes.push_back({column, field->id, CellText(s, d.header_row, column), was, now});
      }
      for (auto& p : created_people) {
        pos_[0][p.id.str()] = plan_.next.people.size();
        row_of_[0][plan_.next.people.size()] = {s.name, r};
        plan_.next.people.push_back(std::move(p));
        ++plan_.created;
      }
      if (!exists) {
        row.action = "create";
        ++plan_.created;
        pos_[slot][id] = items.size();
        row_of_[slot][items.size()] = {s.name, r};
        items.push_back(std::move(entity));
        Register(items.back(), of);
      } else if (!(*before == entity)) {
        row.action = "update";
        ++plan_.updated;
        const size_t at = pos_[slot][id];
        row_of_[slot][at] = {s.name, r};
        items[at] = std::move(entity);
        Register(items[at], of);
      } else {
        row.action = "unchanged";
        ++plan_.unchanged;
      }
      plan_.rows.push_back(std::move(row));
    }
    plan_.sheets.push_back(std::move(report));
  }

  void Finish(RowReport& row) {
    row.action = "error";
    plan_.rows.push_back(std::move(row));
  }

  template <class T>
  void Register(const T& x, Of of) {
    if constexpr (std::is_same_v<T, model::Person>)
      dir_.Put(of, x.id.str(), x.name, x.email);
    else
      dir_.Put(of, x.id.str(), x.name);
  }

  // The whole register checked as ReplaceWith will check it; each fault goes to the row that made the entity.
  void ValidateWhole() {
    const auto problems = model::Validate(plan_.next, 200);
    static constexpr std::pair<std::string_view, size_t> kPrefixes[] = {
        {"$.people[", 0}, {"$.systems[", 1}, {"$.processing_activities[", 2}};
    for (const auto& p : problems) {
      RowReport* row = nullptr;
      for (const auto& [prefix, slot] : kPrefixes) {
        if (!p.path.starts_with(prefix)) continue;
        size_t index = 0;
        const char* start = p.path.data() + prefix.size();
        std::from_chars(start, p.path.data() + p.path.size(), index);
        if (auto it = row_of_[slot].find(index); it != row_of_[slot].end())
          for (auto& r : plan_.rows)
            if (r.sheet == it->second.first && r.row == it->second.second) row = &r;
      }
      if (row) {
        row->action = "error";
        Issue(row->sheet, row->row, 0, "", true, p.path + ": " + p.message, row);
      } else {
        Issue("", 0, 0, "", true,
              "registret blir ogiltigt / the register would be invalid: " + p.path + ": " + p.message);
      }
    }
  }

  const ImportOptions& options_;
  ImportPlan plan_;
  Directory dir_;
  std::unordered_map<std::string, size_t> pos_[3];  // id → position, for people, systems, activities
  std::unordered_map<size_t, std::pair<std::string, size_t>> row_of_[3];  // position → (sheet, row) that wrote it
};

void IssueJson(io::JsonWriter& o, const ImportIssue& i) {
  o.BeginObject();
  o.Field("sheet", i.sheet);
  o.Field("row", int64_t(i.row));
  o.Field("column", i.column ? io::sheets::ColumnName(i.column) : std::string());
  o.Field("cell", io::sheets::Where(i.sheet, i.row, i.column));
  o.Field("field", i.field);
  o.Field("severity", i.error ? "error" : "warning");
  o.Field("message", i.message);
  o.EndObject();
}

}  // namespace

std::vector<model::Problem> ImportPlan::Problems(size_t limit) const {
  std::vector<model::Problem> out;
  auto add = [&](const ImportIssue& i) {
    if (i.error && out.size() < limit) out.push_back({io::sheets::Where(i.sheet, i.row, i.column), i.message});
  };
  for (const auto& i : issues) add(i);
  for (const auto& r : rows)
    for (const auto& i : r.issues) add(i);
  return out;
}

ImportPlan PlanImport(const model::Register& current, const io::sheets::Workbook& book, const ImportOptions& options) {
  return Planner(current, options).Run(book);
}

std::string ImportReportJson(const ImportPlan& plan, const ImportOptions& options, bool dry_run,
                             const RegisterChanges* applied) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("dry_run", dry_run);
  o.Field("ok", plan.ok());
  o.Field("file", options.file_name);
  o.Field("register_version", plan.base_seq);
  o.Key("sheets");
  o.BeginArray();
  for (const auto& s : plan.sheets) {
    o.BeginObject();
    o.Field("name", s.name);
    o.Field("kind", s.kind);
    o.Field("header_row", int64_t(s.header_row));
    o.Field("rows", int64_t(s.rows));
    o.Key("columns");
    o.BeginArray();
    for (const auto& c : s.columns) {
      o.BeginObject();
      o.Field("column", io::sheets::ColumnName(c.column));
      o.Field("heading", c.heading);
      o.Key("field");
      if (c.field.empty())
        o.Null();
      else
        o.String(c.field);
      o.EndObject();
    }
    o.EndArray();
    o.EndObject();
  }
  o.EndArray();
  o.Key("summary");
  o.BeginObject();
  o.Field("created", int64_t(plan.created));
  o.Field("updated", int64_t(plan.updated));
  o.Field("unchanged", int64_t(plan.unchanged));
  o.Field("skipped_empty_rows", int64_t(plan.skipped));
  o.Field("errors", int64_t(plan.errors));
  o.Field("warnings", int64_t(plan.warnings));
  o.EndObject();
  o.Key("rows");
  o.BeginArray();
  for (const auto& r : plan.rows) {
    o.BeginObject();
    o.Field("sheet", r.sheet);
    o.Field("row", int64_t(r.row));
    o.Field("action", r.action);
    o.Field("entity_type", r.entity_type);
    o.Field("entity_id", r.entity_id);
    o.Field("name", r.name);
    o.Key("changes");
    o.BeginArray();
    for (const auto& c : r.changes) {
      o.BeginObject();
      o.Field("column", io::sheets::ColumnName(c.column));
      o.Field("field", c.field);
      o.Field("heading", c.heading);
      o.Field("before", c.before);
      o.Field("after", c.after);
      o.EndObject();
    }
    o.EndArray();
    o.Key("problems");
    o.BeginArray();
    for (const auto& i : r.issues) IssueJson(o, i);
    o.EndArray();
    o.EndObject();
  }
  o.EndArray();
  o.Key("problems");
  o.BeginArray();
  for (const auto& i : plan.issues) IssueJson(o, i);
  o.EndArray();
  if (applied != nullptr) {
    o.Key("applied");
    o.BeginObject();
    o.Field("created", int64_t(applied->created));
    o.Field("updated", int64_t(applied->updated));
    o.Field("deleted", int64_t(applied->deleted));
    o.Field("unchanged", int64_t(applied->unchanged));
    o.EndObject();
  }
  o.EndObject();
  return o.Take();
}

std::string ImportReportText(const ImportPlan& plan, bool dry_run, size_t max_rows) {
  std::string out;
  auto issue = [&](const ImportIssue& i) {
    out +=
        "  " + io::sheets::Where(i.sheet, i.row, i.column) + (i.error ? "  FEL: " : "  varning: ") + i.message + "\n";
  };
  for (const auto& s : plan.sheets) {
    out += "Blad " + s.name + ": " + s.kind;
    if (s.header_row)
      out += ", rubriker på rad " + std::to_string(s.header_row) + ", " + std::to_string(s.rows) + " rader";
    out += "\n";
    for (const auto& c : s.columns)
      out += "  " + io::sheets::ColumnName(c.column) + " \"" + c.heading + "\" → " +
             (c.field.empty() ? "(läses inte)" : c.field) + "\n";
  }
  for (const auto& i : plan.issues) issue(i);
  // Errors first, then the rows that change something; unchanged rows are only counted.
  std::vector<const RowReport*> shown;
  for (const auto& r : plan.rows)
    if (r.action == "error") shown.push_back(&r);
  for (const auto& r : plan.rows)
    if (r.action != "error" && (r.action != "unchanged" || !r.issues.empty())) shown.push_back(&r);
  size_t n = 0;
  for (const auto* r : shown) {
    if (n++ == max_rows) {
      out += "… och " + std::to_string(shown.size() - max_rows) + " rader till / and more rows\n";
      break;
    }
    static const std::map<std::string, std::string> kAction = {
        {"create", "ny"}, {"update", "ändras"}, {"unchanged", "oförändrad"}, {"error", "FEL"}};
    out += r->sheet + "!" + std::to_string(r->row) + "  " + kAction.at(r->action) + "  " + r->entity_type + " " +
           r->entity_id + (r->name.empty() ? "" : " \"" + r->name + "\"") + "\n";
    for (const auto& c : r->changes)
      out +=
          "  " + io::sheets::ColumnName(c.column) + " " + c.heading + ": \"" + c.before + "\" → \"" + c.after + "\"\n";
    for (const auto& i : r->issues) issue(i);
  }
  out += std::string(dry_run ? "Provläsning" : "Import") + ": " + std::to_string(plan.created) + " nya, " +
         std::to_string(plan.updated) + " ändrade, " + std::to_string(plan.unchanged) + " oförändrade, " +
         std::to_string(plan.errors) + " fel, " + std::to_string(plan.warnings) + " varningar" +
         (plan.ok() ? "" : " – inget har ändrats / nothing was changed") + "\n";
  return out;
}

Result<ImportOutcome> ImportSpreadsheet(RegisterService& service, std::string_view bytes, const ImportOptions& options,
                                        bool dry_run, const Actor& actor) {
  auto read = io::sheets::ReadSpreadsheet(bytes, options.file_name);
  if (!read.book) {
    std::vector<model::Problem> problems;
    for (const auto& p : read.problems) problems.push_back({io::sheets::Where(p), p.message});
    return Invalid("filen kan inte läsas; inget har ändrats / the file cannot be read; nothing was changed", problems);
  }
  auto snapshot = service.Current();
  if (options.expected_seq && *options.expected_seq != snapshot.seq)
    return Error{ErrorCode::kPreconditionFailed,
                 "Ändrad av någon annan / Changed by someone else",
                 "registret har ändrats sedan provläsningen; provläs igen / the register changed since the dry run: "
                 "run it again",
                 {}};
  ImportOutcome out{PlanImport(snapshot.reg, *read.book, options), "", false};
  out.plan.base_seq = snapshot.seq;
  snapshot.reg = {};  // the plan holds its own copy
  if (dry_run) {
    if (out.plan.ok()) {
      // What ReplaceWith would do, by the service's own account (it validates the whole register too).
      auto diff = service.Diff(out.plan.next);
      if (!diff.ok()) {
        for (const auto& p : diff.error().problems)
          out.plan.issues.push_back({"", 0, 0, "", true, p.path + ": " + p.message});
        out.plan.errors += diff.error().problems.size();
      }
    }
    out.json = ImportReportJson(out.plan, options, true, nullptr);
    return out;
  }
  if (!out.plan.ok())
    return Invalid("importen har " + std::to_string(out.plan.errors) +
                       " fel; inget har ändrats / the import has errors; nothing was changed",
                   out.plan.Problems());
  auto applied = service.ReplaceWith(std::move(out.plan.next), actor, options.expected_seq.value_or(out.plan.base_seq));
  if (!applied.ok()) return applied.error();
  out.applied = true;
  out.json = ImportReportJson(out.plan, options, false, &applied.value());
  return out;
}

}  // namespace ansvar::app
