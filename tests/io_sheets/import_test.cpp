// Importing the register from spreadsheets as municipalities keep them: merged headings, empty rows, trailing
// spaces, dates as serials and as text, duplicates, unknown people; all or nothing; the round trip.
#include <gtest/gtest.h>

#include <chrono>

#include "app/exports.hpp"
#include "app/sheet_fields.hpp"
#include "app/spreadsheet_import.hpp"
#include "io/register_reader.hpp"
#include "io/spreadsheet/reader.hpp"
#include "test_support.hpp"

namespace ansvar::app {
namespace {

using test::TempDir;

ImportPlan Plan(const model::Register& reg, const std::string& bytes, const ImportOptions& options = {}) {
  auto read = io::sheets::ReadSpreadsheet(bytes, options.file_name);
  EXPECT_TRUE(read.book) << (read.problems.empty()
                                 ? ""
                                 : io::sheets::Where(read.problems[0]) + " " + read.problems[0].message);
  if (!read.book) return {};
  return PlanImport(reg, *read.book, options);
}

const RowReport* RowAt(const ImportPlan& plan, const std::string& sheet, size_t row) {
  for (const auto& r : plan.rows)
    if (r.sheet == sheet && r.row == row) return &r;
  return nullptr;
}

std::string Issues(const ImportPlan& plan) {
  std::string out;
  for (const auto& p : plan.Problems()) out += p.path + ": " + p.message + "\n";
  return out;
}

const model::System* SystemNamed(const model::Register& reg, const std::string& name) {
  for (const auto& s : reg.systems)
    if (s.name == name) return &s;
  return nullptr;
}

// The register of most municipalities: a title, headings over two rows with merged cells, notes, gaps.
std::string RealLookingWorkbook() {
  return test::WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Systemförteckning");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_merge_range(ws, 0, 0, 0, 8, "Systemförteckning Kungsbacka kommun 2025", nullptr);
    worksheet_merge_range(ws, 1, 0, 2, 0, "Systemnamn", nullptr);
    worksheet_merge_range(ws, 1, 1, 2, 1, "Kategori", nullptr);
    worksheet_merge_range(ws, 1, 2, 1, 3, "Ansvar", nullptr);
    worksheet_write_string(ws, 2, 2, "Systemagare", nullptr);  // no å/ä/ö
    worksheet_write_string(ws, 2, 3, " FÖRVALTNING ", nullptr);
    worksheet_merge_range(ws, 1, 4, 2, 4, "PUB-avtal", nullptr);
    worksheet_merge_range(ws, 1, 5, 2, 5, "I drift sedan", nullptr);
    worksheet_merge_range(ws, 1, 6, 2, 6, "Leverantör", nullptr);
    worksheet_merge_range(ws, 1, 7, 2, 7, "Personuppgifter", nullptr);
    worksheet_merge_range(ws, 1, 8, 2, 8, "Kommentar", nullptr);
    auto row = [&](lxw_row_t r, std::vector<const char*> cells) {
      for (size_t c = 0; c < cells.size(); ++c)
        if (cells[c] != nullptr) worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), cells[c], nullptr);
    };
    row(3, {"Ecos ", "Verksamhetssystem", "Förvaltningschef Bygg och miljö", "Bygg- och miljöförvaltningen", nullptr,
            "2019-05-01", "Sokigo AB  ", "Ja", "uppdaterad av Åsa"});
    worksheet_write_number(ws, 3, 4, 44197, date);  // 2021-01-01 as a serial
    // Row 5 is empty.
    row(5, {"  Nytt ärendesystem", "digitalt verktyg", "Biträdande kommundirektör", "ksf", "Nej", "1.3.2024",
            "Leverantören AB", "nej"});
    row(6, {"Nytt ärendesystem", "Digitalt verktyg", nullptr, "ksf"});               // a duplicate of row 6
    row(7, {"Okänt system", "Plattform", "Kalle Anka", "sf"});                       // an unknown person
    row(8, {"Felkategori", "Kaffebryggare", nullptr, "sf", nullptr, "31/02/2024"});  // unknown category, no such day
    row(9, {"   ", " ", nullptr, nullptr});                                          // only spaces: empty
    worksheet_write_number(ws, 10, 5, 45000, nullptr);                               // a serial shown as a number
    row(10, {"Serienummer", "Plattform", nullptr, "sf"});
  });
}

TEST(SpreadsheetImport, RealLookingSheetRowByRowAndCellByCell) {
  const auto reg = test::ExampleRegister();
  const auto plan = Plan(reg, RealLookingWorkbook());
  ASSERT_EQ(plan.sheets.size(), 1u);
  EXPECT_EQ(plan.sheets[0].kind, "systems");
  EXPECT_EQ(plan.sheets[0].header_row, 3u);
  EXPECT_EQ(plan.skipped, 2u);  // rows 5 and 10

  const auto* ecos = RowAt(plan, "Systemförteckning", 4);
  ASSERT_NE(ecos, nullptr);
  EXPECT_EQ(ecos->action, "update") << Issues(plan);
  EXPECT_EQ(ecos->entity_id, "ecos");
  std::map<std::string, std::pair<std::string, std::string>> changes;
  for (const auto& c : ecos->changes) changes[c.field] = {c.before, c.after};
  EXPECT_EQ(changes["supplier"].second, "Sokigo AB");  // trailing spaces trimmed
  EXPECT_EQ(changes["active_since"].second, "2019-05-01");
  EXPECT_FALSE(changes.contains("name"));  // "Ecos " is Ecos

  const auto* created = RowAt(plan, "Systemförteckning", 6);
  ASSERT_NE(created, nullptr);
  EXPECT_EQ(created->action, "create");
  EXPECT_EQ(created->entity_id, "nytt-arendesystem");
  const auto* sys = SystemNamed(plan.next, "Nytt ärendesystem");
  ASSERT_NE(sys, nullptr);
  EXPECT_EQ(sys->category, model::Category::kDigitalTool);
  EXPECT_EQ(sys->owner_administration, model::AdministrationId("ksf"));
  EXPECT_EQ(sys->active_since, model::ParseDate("2024-03-01"));  // 1.3.2024, day first
  ASSERT_EQ(sys->roles.size(), 1u);
  EXPECT_EQ(sys->roles[0].person, model::PersonId("p-bkd"));
  EXPECT_TRUE(sys->documents.empty());  // PUB-avtal: Nej
  EXPECT_FALSE(sys->personal_data);

  const auto* ecos_after = SystemNamed(plan.next, "Ecos");
  ASSERT_NE(ecos_after, nullptr);
  bool dpa_dated = false;
  for (const auto& d : ecos_after->documents)
    if (d.kind == model::DocumentKind::kDpa) dpa_dated = d.signed_on == model::ParseDate("2021-01-01");
  EXPECT_TRUE(dpa_dated);

  const auto* dup = RowAt(plan, "Systemförteckning", 7);
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->action, "error");
  EXPECT_NE(dup->issues.at(0).message.find("rad 6"), std::string::npos);
  const auto problems = plan.Problems();
  auto has = [&](const std::string& where, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const auto& p) { return p.path == where && p.message.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(has("Systemförteckning!A7", "dubblett"));
  EXPECT_TRUE(has("Systemförteckning!C8", "Kalle Anka"));
  EXPECT_TRUE(has("Systemförteckning!B9", "Kaffebryggare"));
  EXPECT_TRUE(has("Systemförteckning!F9", "31/02/2024"));
  EXPECT_EQ(plan.errors, 4u) << Issues(plan);
  EXPECT_FALSE(plan.ok());
  const auto* serial = SystemNamed(plan.next, "Serienummer");
  ASSERT_NE(serial, nullptr);
  EXPECT_EQ(serial->active_since, model::ParseDate("2023-03-15"));
  // The note column is known to be a note: no warning about it.
  for (const auto& i : plan.issues) EXPECT_EQ(i.message.find("Kommentar"), std::string::npos) << i.message;
}

TEST(SpreadsheetImport, AllOrNothing) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  const auto before = service->Current();
  const auto bad = ImportSpreadsheet(*service, RealLookingWorkbook(), {}, false, {"t", "T"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(bad.error().problems.size(), 4u);
  EXPECT_EQ(service->Current().seq, before.seq);
  EXPECT_EQ(service->Current().reg, before.reg);
  // A dry run of a good file changes nothing either; the import then applies every row.
  const std::string good =
      "Systemnamn;Kategori;Systemägare;Förvaltning\r\nLönesystem;Verksamhetssystem;Ekonomichef;ksf\r\n"
      "Ecos;Verksamhetssystem;Förvaltningschef Bygg och miljö;bmf\r\n";
  ImportOptions csv;
  csv.file_name = "system.csv";
  const auto dry = ImportSpreadsheet(*service, good, csv, true, {"t", "T"});
  ASSERT_TRUE(dry.ok()) << dry.error().detail;
  EXPECT_TRUE(dry.value().plan.ok()) << Issues(dry.value().plan);
  EXPECT_EQ(dry.value().plan.created, 1u);
  EXPECT_EQ(service->Current().seq, before.seq);
  EXPECT_NE(dry.value().json.find("\"action\":\"create\""), std::string::npos);
  const auto done = ImportSpreadsheet(*service, good, csv, false, {"t", "T"});
  ASSERT_TRUE(done.ok()) << done.error().detail;
  EXPECT_NE(done.value().json.find("\"applied\":{\"created\":1"), std::string::npos)
      << done.value().json.substr(0, 300);
  EXPECT_NE(SystemNamed(service->Current().reg, "Lönesystem"), nullptr);
  // The register changed since the dry run: the import that names its version is refused.
  csv.expected_seq = before.seq;
  const auto stale = ImportSpreadsheet(*service, good, csv, false, {"t", "T"});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
}

TEST(SpreadsheetImport, CorruptFilesAndBombsChangeNothing) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  const auto seq = service->Current().seq;
  const std::string xlsx = RealLookingWorkbook();
  std::string bomb = "Systemnamn;Kategori\r\n";
  for (int i = 0; i < 210000; ++i) bomb += "s;Plattform\r\n";
  ImportOptions csv;
  csv.file_name = "bomb.csv";
  for (const auto& [bytes, options] : std::vector<std::pair<std::string, ImportOptions>>{
           {xlsx.substr(0, xlsx.size() / 2), {}}, {bomb, csv}, {std::string(70000, ';'), csv}, {"", csv}}) {
    const auto r = ImportSpreadsheet(*service, bytes, options, false, {"t", "T"});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_FALSE(r.error().problems.empty());
  }
  EXPECT_EQ(service->Current().seq, seq);
}

TEST(SpreadsheetImport, EnglishHeadingsInAWindows1252CsvAndPeopleFirst) {
  const auto reg = test::ExampleRegister();
  // Windows-1252: "Åsa Öberg", "Förvaltningen för Service".
  const std::string people =
      "Name;Email;Administration;Title\r\n\xC5sa \xD6"
      "berg;asa@example.se;F\xF6rvaltningen f\xF6r Service;Chef\r\n";
  ImportOptions o;
  o.file_name = "people.csv";
  const auto plan = Plan(reg, people, o);
  ASSERT_TRUE(plan.ok()) << Issues(plan);
  EXPECT_EQ(plan.sheets[0].kind, "people");
  const auto& p = plan.next.people.back();
  EXPECT_EQ(p.name, "Åsa Öberg");
  EXPECT_EQ(p.administration, model::AdministrationId("sf"));
  EXPECT_EQ(p.title, model::Title::kManager);

  // A workbook with people and systems: the systems name the new people, whatever the order of the sheets.
  const std::string book = test::WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* s = workbook_add_worksheet(wb, "System");
    worksheet_write_string(s, 0, 0, "System name", nullptr);
    worksheet_write_string(s, 0, 1, "Category", nullptr);
    worksheet_write_string(s, 0, 2, "System owner", nullptr);
    worksheet_write_string(s, 0, 3, "Budgetansvarig", nullptr);
    worksheet_write_string(s, 1, 0, "Nytt HR", nullptr);
    worksheet_write_string(s, 1, 1, "business_system", nullptr);
    worksheet_write_string(s, 1, 2, "Bo Ek", nullptr);
    worksheet_write_string(s, 1, 3, "bo.ek@example.se; Ekonomichef", nullptr);
    lxw_worksheet* p2 = workbook_add_worksheet(wb, "Personer");
    worksheet_write_string(p2, 0, 0, "Namn", nullptr);
    worksheet_write_string(p2, 0, 1, "E-post", nullptr);
    worksheet_write_string(p2, 0, 2, "Forvaltning", nullptr);
    worksheet_write_string(p2, 1, 0, "Bo Ek", nullptr);
    worksheet_write_string(p2, 1, 1, "bo.ek@example.se", nullptr);
    worksheet_write_string(p2, 1, 2, "ksf", nullptr);
  });
  const auto both = Plan(reg, book);
  ASSERT_TRUE(both.ok()) << Issues(both);
  const auto* hr = SystemNamed(both.next, "Nytt HR");
  ASSERT_NE(hr, nullptr);
  ASSERT_EQ(hr->roles.size(), 3u);
  EXPECT_EQ(hr->roles[0].person, model::PersonId("bo-ek"));
  EXPECT_EQ(hr->roles[1].person, model::PersonId("bo-ek"));  // found by e-mail
  EXPECT_EQ(hr->roles[2].person, model::PersonId("p-mgr-ksf"));
}

TEST(SpreadsheetImport, UnknownPeopleAreErrorsUnlessTheMappingCreatesThem) {
  const auto reg = test::ExampleRegister();
  const std::string csv = "Systemnamn;Systemägare\nX;Ny Person\n";
  ImportOptions o;
  o.file_name = "x.csv";
  const auto refused = Plan(reg, csv, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.Problems().at(0).path, "CSV!B2");
  o.mapping.create_missing_people = true;
  const auto created = Plan(reg, csv, o);
  ASSERT_TRUE(created.ok()) << Issues(created);
  EXPECT_EQ(created.next.people.back().name, "Ny Person");
  EXPECT_EQ(created.warnings, 2u);  // the person is created; the system has no category
}

TEST(SpreadsheetImport, ProcessingActivitiesShareNamesAcrossCommittees) {
  const auto reg = test::ExampleRegister();
  const std::string csv =
      "Behandling;Personuppgiftsansvarig;Ändamål;Rättslig grund;System;Gallring\n"
      "Bygglovshandläggning;Byggnadsnämnden;\"Pröva ansökningar; Tillsyn\";Myndighetsutövning;Ecos;10 år\n"
      "Bygglovshandläggning;mh;Samråd;6.1 e;ecos, Raindance;Bevaras\n";
  ImportOptions o;
  o.file_name = "ropa.csv";
  const auto plan = Plan(reg, csv, o);
  ASSERT_TRUE(plan.ok()) << Issues(plan);
  EXPECT_EQ(plan.sheets[0].kind, "activities");
  EXPECT_EQ(RowAt(plan, "CSV", 2)->action, "update");
  EXPECT_EQ(RowAt(plan, "CSV", 2)->entity_id, "pa-bygglov");
  EXPECT_EQ(RowAt(plan, "CSV", 3)->action, "create");
  const auto& mh = plan.next.processing_activities.back();
  EXPECT_EQ(mh.controller, model::CommitteeId("mh"));
  EXPECT_EQ(mh.legal_basis, model::LegalBasis::kPublicTask);
  EXPECT_EQ(mh.systems, (std::vector<model::SystemId>{model::SystemId("ecos"), model::SystemId("raindance")}));
  for (const auto& a : plan.next.processing_activities)
    if (a.id.str() == "pa-bygglov") {
      EXPECT_EQ(a.purposes, (std::vector<std::string>{"Pröva ansökningar", "Tillsyn"}));
    }
}

TEST(SpreadsheetImport, AMappingNamesOddHeadingsAndSheets) {
  const auto reg = test::ExampleRegister();
  const std::string csv = "Sys.namn;Ansv.;Typ av system;Okänd kolumn\nEcos;Ekonomichef;Verksamhetssystem;x\n";
  ImportOptions o;
  o.file_name = "x.csv";
  const auto unmapped = Plan(reg, csv, o);
  EXPECT_FALSE(unmapped.ok());  // nothing tells what the sheet holds
  o.mapping.sheets["CSV"] = "systems";
  o.mapping.columns = {
      {"Sys.namn", "name"}, {"Ansv.", "role:owner"}, {"Typ av system", "category"}, {"Okänd kolumn", "ignore"}};
  const auto mapped = Plan(reg, csv, o);
  ASSERT_TRUE(mapped.ok()) << Issues(mapped);
  EXPECT_EQ(mapped.warnings, 0u) << mapped.issues.at(0).message;
  EXPECT_EQ(RowAt(mapped, "CSV", 2)->action, "update");
  o.mapping.columns["Ansv."] = "role:chief";
  EXPECT_FALSE(Plan(reg, csv, o).ok());  // a field the mapping invents is an error at its heading
}

TEST(SpreadsheetImport, NamesTheRegisterHoldsTwiceNeedAnId) {
  auto reg = test::ExampleRegister();
  auto twin = reg.systems.front();
  twin.id = model::SystemId("raindance-2");
  reg.systems.push_back(twin);
  ImportOptions o;
  o.file_name = "x.csv";
  const auto plan = Plan(reg, "Systemnamn;Leverantör\nRaindance;Visma\n", o);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.Problems().at(0).path, "CSV!A2");
  const auto by_id = Plan(reg, "Id;Systemnamn;Leverantör\nraindance-2;Raindance;Visma\n", o);
  ASSERT_TRUE(by_id.ok()) << Issues(by_id);
  EXPECT_EQ(by_id.updated, 1u);
}

// Exported, then imported: nothing changes, in either language and format.
TEST(SpreadsheetImport, RoundTripsChangeNothing) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  for (const auto what : {ExportWhat::kSystems, ExportWhat::kRopa}) {
    for (const auto format : {ExportFormat::kXlsx, ExportFormat::kCsv}) {
      for (const auto lang : {rules::Lang::kSv, rules::Lang::kEn}) {
        ExportRequest q;
        q.what = what, q.format = format, q.lang = lang;
        auto file = Export(*service, q);
        ASSERT_TRUE(file.ok()) << file.error().detail;
        ImportOptions o;
        o.file_name = file.value().file_name;
        const auto dry = ImportSpreadsheet(*service, file.value().bytes, o, true, {"t", "T"});
        ASSERT_TRUE(dry.ok()) << o.file_name << ": " << dry.error().detail;
        const auto& plan = dry.value().plan;
        EXPECT_TRUE(plan.ok()) << o.file_name << "\n" << Issues(plan);
        EXPECT_EQ(plan.created + plan.updated, 0u) << o.file_name << "\n" << ImportReportText(plan, true, 20);
        EXPECT_GT(plan.unchanged, 4u) << o.file_name;
        EXPECT_EQ(plan.next, service->Current().reg) << o.file_name;
      }
    }
  }
  // Changing one cell of the exported workbook changes that field and nothing else.
  ExportRequest q;
  q.what = ExportWhat::kSystems, q.format = ExportFormat::kCsv;
  auto file = Export(*service, q);
  ASSERT_TRUE(file.ok());
  std::string csv = file.value().bytes;
  const auto at = csv.find("Sokigo");
  if (at != std::string::npos) {
    csv.replace(at, 6, "Sokigo Nordic");
    ImportOptions o;
    o.file_name = "x.csv";
    const auto plan = ImportSpreadsheet(*service, csv, o, true, {"t", "T"});
    ASSERT_TRUE(plan.ok());
    EXPECT_EQ(plan.value().plan.updated, 1u);
    for (const auto& r : plan.value().plan.rows)
      if (r.action == "update") {
        EXPECT_EQ(r.changes.size(), 1u);
      }
  }
}

// The demo municipality: 41 systems, names with commas and ampersands, every role kind; exported and imported back.
TEST(SpreadsheetImport, TheDemoRegisterRoundTrips) {
  auto read = io::ReadRegisterFile(std::string(ANSVAR_EXAMPLES_DIR) + "/demo-register.json");
  ASSERT_TRUE(read.reg) << io::FormatProblems(read.problems);
  TempDir dir;
  auto service = test::ServiceWith(dir, *read.reg);
  for (const auto what : {ExportWhat::kSystems, ExportWhat::kRopa}) {
    for (const auto format : {ExportFormat::kXlsx, ExportFormat::kCsv}) {
      ExportRequest q;
      q.what = what, q.format = format;
      auto file = Export(*service, q);
      ASSERT_TRUE(file.ok());
      ImportOptions o;
      o.file_name = file.value().file_name;
      const auto dry = ImportSpreadsheet(*service, file.value().bytes, o, true, {"t", "T"});
      ASSERT_TRUE(dry.ok()) << dry.error().detail;
      EXPECT_TRUE(dry.value().plan.ok()) << o.file_name << "\n" << Issues(dry.value().plan);
      EXPECT_EQ(dry.value().plan.created + dry.value().plan.updated, 0u)
          << ImportReportText(dry.value().plan, true, 10);
      EXPECT_EQ(dry.value().plan.next, service->Current().reg) << o.file_name;
    }
  }
}

TEST(SpreadsheetImport, TenThousandRows) {
  const auto reg = test::ExampleRegister();
  const std::string bytes = test::WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "System");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    const char* headings[] = {"Systemnamn", "Kategori",  "Förvaltning",     "Systemägare",
                              "Leverantör", "PUB-avtal", "Personuppgifter", "Används av"};
    for (lxw_col_t c = 0; c < 8; ++c) worksheet_write_string(ws, 0, c, headings[c], nullptr);
    for (lxw_row_t r = 1; r <= 10000; ++r) {
      const std::string name = "System " + std::to_string(r);
      worksheet_write_string(ws, r, 0, name.c_str(), nullptr);
      worksheet_write_string(ws, r, 1, r % 2 ? "Verksamhetssystem" : "Digitalt verktyg", nullptr);
      worksheet_write_string(ws, r, 2, "Bygg- och miljöförvaltningen", nullptr);
      worksheet_write_string(ws, r, 3, "Förvaltningschef Bygg och miljö", nullptr);
      worksheet_write_string(ws, r, 4, "Leverantör AB", nullptr);
      worksheet_write_number(ws, r, 5, 44000 + r % 1000, date);
      worksheet_write_string(ws, r, 6, "Ja", nullptr);
      worksheet_write_string(ws, r, 7, "bmf; ksf", nullptr);
    }
  });
  const auto start = std::chrono::steady_clock::now();
  const auto plan = Plan(reg, bytes);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(plan.ok()) << Issues(plan);
  EXPECT_EQ(plan.created, 10000u);
  EXPECT_EQ(plan.next.systems.size(), reg.systems.size() + 10000);
  std::cout << "10,000 rows read and planned in " << ms << " ms (" << bytes.size() << " bytes)\n";
}

TEST(SheetText, HeadingsAndValuesFoldAsPeopleWriteThem) {
  using namespace sheet;
  EXPECT_EQ(FoldHeading(" System-ÄGARE "), "systemagare");
  EXPECT_EQ(FoldHeading("Systemägare"), FoldHeading("systemagare"));
  EXPECT_EQ(FoldName("  Åsa\u00a0 ÖBERG  "), "åsa öberg");
  EXPECT_EQ(CleanText("\u00a0 Ecos \t\n"), "Ecos");
  EXPECT_EQ(CleanText("'=1+1"), "=1+1");
  EXPECT_EQ(CleanText("'vanlig"), "'vanlig");
  EXPECT_EQ(Slug("Bygg- och miljöförvaltningen"), "bygg-och-miljoforvaltningen");
  EXPECT_EQ(SplitList("a; b\n- c,d", false), (std::vector<std::string>{"a", "b", "c,d"}));
  EXPECT_EQ(SplitList("a; b\n- c,d", true), (std::vector<std::string>{"a", "b", "c", "d"}));
  auto date = [](std::string text) { return ParseDate(Value{nullptr, std::move(text)}); };
  EXPECT_EQ(date("2024-03-01"), model::ParseDate("2024-03-01"));
  EXPECT_EQ(date("2024-3-1 00:00"), model::ParseDate("2024-03-01"));
  EXPECT_EQ(date("20240301"), model::ParseDate("2024-03-01"));
  EXPECT_EQ(date("01.03.2024"), model::ParseDate("2024-03-01"));
  EXPECT_EQ(date("1/3/2024"), model::ParseDate("2024-03-01"));
  EXPECT_EQ(date("45352"), model::ParseDate("2024-03-01"));
  EXPECT_FALSE(date("2024-02-30"));
  EXPECT_FALSE(date("mars 2024"));
  EXPECT_FALSE(date("1-2"));
  EXPECT_EQ(ParseBool(" JA "), true);
  EXPECT_EQ(ParseBool("x"), true);
  EXPECT_EQ(ParseBool("Nej"), false);
  EXPECT_FALSE(ParseBool("kanske"));
}

}  // namespace
}  // namespace ansvar::app
