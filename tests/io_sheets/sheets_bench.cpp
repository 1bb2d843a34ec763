// Figures for spreadsheets and reports (not a test): the import of a 10,000-system workbook, and the export of a
// national register's records of processing. Usage: sheets_bench [--municipalities N] (default 290).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "app/exports.hpp"
#include "app/spreadsheet_import.hpp"
#include "io/spreadsheet/reader.hpp"
#include "test_support.hpp"

using namespace ansvar;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point since) { return std::chrono::duration<double, std::milli>(Clock::now() - since).count(); }

void Line(const std::string& what, double ms, const std::string& extra = {}) {
  std::printf("%-62s %10.0f ms  %s\n", what.c_str(), ms, extra.c_str());
  std::fflush(stdout);
}

std::string TenThousandSystems() {
  return test::WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Systemförteckning");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    const char* headings[] = {"Systemnamn",       "Kategori",   "Förvaltning",   "Används av",      "Systemägare",
                              "Systemförvaltare", "Leverantör", "PUB-avtal",     "Personuppgifter", "I drift sedan",
                              "Konfidentialitet", "Riktighet",  "Tillgänglighet"};
    for (lxw_col_t c = 0; c < 13; ++c) worksheet_write_string(ws, 0, c, headings[c], nullptr);
    for (lxw_row_t r = 1; r <= 10000; ++r) {
      worksheet_write_string(ws, r, 0, ("System " + std::to_string(r)).c_str(), nullptr);
      worksheet_write_string(ws, r, 1, r % 3 ? "Verksamhetssystem" : "Digitalt verktyg", nullptr);
      worksheet_write_string(ws, r, 2, "Bygg- och miljöförvaltningen", nullptr);
      worksheet_write_string(ws, r, 3, "bmf; ksf", nullptr);
      worksheet_write_string(ws, r, 4, "Förvaltningschef Bygg och miljö", nullptr);
      worksheet_write_string(ws, r, 5, "Systemförvaltare bygglov", nullptr);
      worksheet_write_string(ws, r, 6, "Leverantören AB", nullptr);
      worksheet_write_number(ws, r, 7, 44000 + r % 1500, date);
      worksheet_write_string(ws, r, 8, r % 4 ? "Ja" : "Nej", nullptr);
      worksheet_write_string(ws, r, 9, "2019-01-01", nullptr);
      for (lxw_col_t c = 10; c < 13; ++c) worksheet_write_number(ws, r, c, r % 4, nullptr);
    }
  });
}

// A national register: each municipality with its committees, administrations, people, systems and the records
// of processing of every committee.
model::Register National(int municipalities) {
  model::Register reg;
  const char* committee_names[] = {"Kommunstyrelsen", "Nämnden för Service", "Byggnadsnämnden", "Miljönämnden",
                                   "Socialnämnden",   "Utbildningsnämnden",  "Kulturnämnden",   "Tekniska nämnden"};
  for (int m = 0; m < municipalities; ++m) {
    const std::string k = "k" + std::to_string(m);
    model::Organization org;
    org.id = model::OrganizationId(k);
    org.name = "Kommun " + std::to_string(m);
    org.dpo = model::PersonId(k + "-p0");
    reg.organizations.push_back(org);
    for (int c = 0; c < 8; ++c) {
      model::Committee com;
      com.id = model::CommitteeId(k + "-c" + std::to_string(c));
      com.organization = org.id;
      com.name = committee_names[c];
      com.kind = c == 0   ? model::CommitteeKind::kExecutiveBoard
                 : c == 1 ? model::CommitteeKind::kServiceCommittee
                          : model::CommitteeKind::kCommittee;
      reg.committees.push_back(com);
      model::Administration a;
      a.id = model::AdministrationId(k + "-a" + std::to_string(c));
      a.organization = org.id;
      a.name = std::string(committee_names[c]) + "s förvaltning";
      a.committees = {com.id};
      reg.administrations.push_back(a);
    }
    for (int p = 0; p < 40; ++p) {
      model::Person person;
      person.id = model::PersonId(k + "-p" + std::to_string(p));
      person.name = "Person " + std::to_string(p) + " i kommun " + std::to_string(m);
      person.administration = model::AdministrationId(k + "-a" + std::to_string(p % 8));
      person.title = p % 8 == 0 ? model::Title::kAdministrationDirector : model::Title::kEmployee;
      person.email = "p" + std::to_string(p) + "@" + k + ".se";
      reg.people.push_back(person);
    }
    for (int s = 0; s < 520; ++s) {
      model::System sys;
      sys.id = model::SystemId(k + "-s" + std::to_string(s));
      sys.name = "System " + std::to_string(s);
      sys.owner_administration = model::AdministrationId(k + "-a" + std::to_string(s % 8));
      sys.used_by = {*sys.owner_administration};
      sys.supplier = "Leverantör " + std::to_string(s % 50);
      sys.personal_data = s % 3 != 0;
      sys.roles = {{model::RoleKind::kOwner, model::PersonId(k + "-p" + std::to_string((s % 5) * 8)), std::nullopt}};
      reg.systems.push_back(std::move(sys));
    }
    for (int c = 0; c < 8; ++c) {
      for (int a = 0; a < 12; ++a) {
        model::ProcessingActivity act;
        act.id = model::ProcessingActivityId(k + "-c" + std::to_string(c) + "-pa" + std::to_string(a));
        act.controller = model::CommitteeId(k + "-c" + std::to_string(c));
        act.name = "Behandling " + std::to_string(a) + " hos " + committee_names[c];
        act.process_code = std::to_string(c) + "." + std::to_string(a);
        act.purposes = {"Handläggning av ärenden enligt lag", "Uppföljning och statistik"};
        act.legal_basis = model::LegalBasis::kPublicTask;
        act.systems = {model::SystemId(k + "-s" + std::to_string((c * 12 + a) % 520))};
        act.data_subjects = {"Sökande", "Medarbetare"};
        act.data_categories = {"Namn", "Personnummer", "Kontaktuppgifter"};
        act.recipients = {"Handläggare", "Andra myndigheter enligt lag"};
        act.retention = "Gallras efter tio år enligt dokumenthanteringsplanen";
        act.security_measures = "Behörighetsstyrning, loggning, kryptering i vila och under överföring";
        reg.processing_activities.push_back(std::move(act));
      }
    }
  }
  return reg;
}

}  // namespace

int main(int argc, char** argv) {
  int municipalities = 290;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--municipalities") == 0) municipalities = std::atoi(argv[i + 1]);

  std::printf("Import of a 10,000-system workbook (13 columns: roles, dates as serials and as text, classification)\n");
  auto t = Clock::now();
  const std::string book = TenThousandSystems();
  Line("write the workbook (libxlsxwriter)", Ms(t), std::to_string(book.size() / 1024) + " KB");
  t = Clock::now();
  const auto read = io::sheets::ReadXlsx(book);
  Line("read it (libzip + pugixml)", Ms(t));
  if (!read.book) return 1;
  test::TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  t = Clock::now();
  const auto plan = app::PlanImport(service->Current().reg, *read.book, {});
  Line("plan it row by row against the register", Ms(t),
       std::to_string(plan.created) + " to create, " + std::to_string(plan.errors) + " errors");
  t = Clock::now();
  auto dry = app::ImportSpreadsheet(*service, book, {}, true, {"bench", "Bench"});
  Line("dry run, whole use case (read, plan, validate, Diff, report)", Ms(t),
       dry.ok() ? std::to_string(dry.value().json.size() / 1024) + " KB of report" : dry.error().detail);
  t = Clock::now();
  auto done = app::ImportSpreadsheet(*service, book, {}, false, {"bench", "Bench"});
  Line("import, whole use case (… ReplaceWith into SQLite, audit)", Ms(t), done.ok() ? "applied" : done.error().detail);
  t = Clock::now();
  auto again = app::ImportSpreadsheet(*service, book, {}, true, {"bench", "Bench"});
  Line("dry run of the same file again (10,000 unchanged rows)", Ms(t),
       again.ok() ? std::to_string(again.value().plan.unchanged) + " unchanged" : again.error().detail);
  t = Clock::now();
  app::ExportRequest sys;
  sys.what = app::ExportWhat::kSystems;
  auto exported = app::Export(*service, sys);
  Line("export the 10,007 systems as .xlsx", Ms(t),
       exported.ok() ? std::to_string(exported.value().bytes.size() / 1024) + " KB" : "");

  std::printf("\nA national register: %d municipalities\n", municipalities);
  t = Clock::now();
  const auto national = National(municipalities);
  Line("generate", Ms(t),
       std::to_string(national.systems.size()) + " systems, " + std::to_string(national.processing_activities.size()) +
           " processing activities, " + std::to_string(national.committees.size()) + " committees");
  test::TempDir ndir;
  t = Clock::now();
  auto nservice = test::ServiceWith(ndir, national);
  Line("load into the service (SQLite)", Ms(t));
  auto run = [&](const std::string& what, app::ExportRequest q) {
    const auto start = Clock::now();
    auto file = app::Export(*nservice, q);
    Line(what, Ms(start), file.ok() ? std::to_string(file.value().bytes.size() / 1024) + " KB" : file.error().detail);
  };
  t = Clock::now();
  { const auto snapshot = nservice->Current(); }
  Line("a snapshot of it (RegisterService::Current(), every export starts so)", Ms(t));
  app::ExportRequest q;
  q.what = app::ExportWhat::kRopa;
  q.format = app::ExportFormat::kXlsx;
  run("records of processing, whole country, .xlsx", q);
  q.format = app::ExportFormat::kCsv;
  run("records of processing, whole country, .csv", q);
  q.format = app::ExportFormat::kPdf;
  q.organization = "k0";
  run("records of processing, one municipality (8 committees), PDF", q);
  q.organization.clear();
  q.committee = "k1-c2";
  run("records of processing, one committee, PDF", q);
  q.committee.clear();
  run("records of processing, whole country, PDF", q);
  return 0;
}
