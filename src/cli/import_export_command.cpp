// `ansvar import FILE --db DB [--dry-run] [--mapping FILE] [--sheet NAME]` and
// `ansvar export --db DB --what ropa|processor-record|systems|findings --format xlsx|csv|pdf
//                [--committee ID|--administration ID|--organization ID] -o FILE`.
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>

#include "app/exports.hpp"
#include "app/spreadsheet_import.hpp"
#include "cli/commands.hpp"
#include "cli/store_factory.hpp"
#include "io/import_mapping.hpp"

namespace ansvar::cli {
namespace {

model::Timestamp Now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

bool ReadFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

struct ImportArgs {
  std::string file, db = "ansvar.db", mapping, sheet, actor, format = "text";
  bool dry_run = false;
  bool create_people = false;
};

int RunImport(const ImportArgs& a) {
  std::string bytes;
  if (!ReadFile(a.file, bytes)) {
    std::cerr << "ansvar: kan inte läsa / cannot read " << a.file << "\n";
    return kExitInput;
  }
  app::ImportOptions options;
  options.file_name = a.file;
  options.sheet = a.sheet;
  if (!a.mapping.empty()) {
    std::string json;
    if (!ReadFile(a.mapping, json)) {
      std::cerr << "ansvar: kan inte läsa / cannot read " << a.mapping << "\n";
      return kExitInput;
    }
    auto read = io::ReadImportMapping(json);
    if (!read.mapping) {
      for (const auto& p : read.problems) std::cerr << a.mapping << ": " << p.path << ": " << p.message << "\n";
      return kExitInput;
    }
    options.mapping = std::move(*read.mapping);
  }
  if (a.create_people) options.mapping.create_missing_people = true;
  try {
    app::RegisterService service(OpenStore(a.db), rules::Rulebook::Default(), Now);
    const std::string who = a.actor.empty() ? "cli" : a.actor;
    auto result = app::ImportSpreadsheet(service, bytes, options, a.dry_run, {who, who});
    if (!result.ok()) {
      const auto& e = result.error();
      std::cerr << "ansvar: " << e.detail << "\n";
      for (const auto& p : e.problems) std::cerr << "  " << p.path << ": " << p.message << "\n";
      return kExitInput;
    }
    const auto& outcome = result.value();
    if (a.format == "json")
      std::cout << outcome.json << "\n";
    else
      std::cout << app::ImportReportText(outcome.plan, a.dry_run);
    return outcome.plan.ok() ? kExitOk : kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return kExitInput;
  }
}

struct ExportArgs {
  std::string db = "ansvar.db", what, format = "xlsx", committee, administration, organization, lang = "sv", as_of, out;
};

int RunExport(const ExportArgs& a) {
  app::ExportRequest q;
  const auto what = app::ParseExportWhat(a.what);
  const auto format = app::ParseExportFormat(a.format);
  if (!what || !format) {
    std::cerr << "ansvar: --what ropa|processor-record|systems|findings, --format xlsx|csv|pdf\n";
    return kExitInput;
  }
  q.what = *what, q.format = *format;
  q.committee = a.committee, q.administration = a.administration, q.organization = a.organization;
  q.lang = a.lang == "en" ? rules::Lang::kEn : rules::Lang::kSv;
  if (!a.as_of.empty() && !(q.as_of = model::ParseDateOrTimestamp(a.as_of))) {
    std::cerr << "ansvar: --as-of: expected a date or an RFC 3339 timestamp\n";
    return kExitInput;
  }
  try {
    app::RegisterService service(OpenStore(a.db), rules::Rulebook::Default(), Now);
    auto result = app::Export(service, q);
    if (!result.ok()) {
      std::cerr << "ansvar: " << result.error().detail << "\n";
      return kExitInput;
    }
    const std::string path = a.out.empty() ? result.value().file_name : a.out;
    std::ofstream out(path, std::ios::binary);
    out.write(result.value().bytes.data(), static_cast<std::streamsize>(result.value().bytes.size()));
    if (!out) {
      std::cerr << "ansvar: kan inte skriva / cannot write " << path << "\n";
      return kExitInput;
    }
    std::cout << path << " (" << result.value().bytes.size() << " bytes)\n";
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return kExitInput;
  }
}

}  // namespace

void AddImportExportCommands(CLI::App& app, int& exit_code) {
  auto in = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand(
      "import", "Läs in system, personer och behandlingar från .xlsx/.csv / Import from a spreadsheet");
  import->add_option("FILE", in->file, "Kalkylbladet (.xlsx eller .csv)")->required();
  import->add_option("--db", in->db, "Databas: SQLite-fil eller postgresql://-URL (standard ansvar.db)");
  import->add_flag("--dry-run", in->dry_run, "Visa vad som skulle ändras, rad för rad, utan att ändra / Report only");
  import->add_option("--mapping", in->mapping, "Kolumnmappning (JSON) / Column mapping");
  import->add_option("--sheet", in->sheet, "Bara detta blad / Only this sheet");
  import->add_option("--actor", in->actor, "Vem som läser in (revisionsspåret) / Who imports");
  import->add_flag("--create-people", in->create_people, "Skapa personer som saknas / Create missing people");
  import->add_option("--format", in->format, "text eller json")->check(CLI::IsMember({"text", "json"}));
  import->callback([in, &exit_code] { exit_code = RunImport(*in);
});

auto ex = std::make_shared<ExportArgs>();
auto* exp = app.add_subcommand("export",
                               "Registerförteckning, systemförteckning, avvikelser som fil / Export records as files");
exp->add_option("--db", ex->db, "Databas: SQLite-fil eller postgresql://-URL (standard ansvar.db)");
exp->add_option("--what", ex->what, "ropa | processor-record | systems | findings")->required();
exp->add_option("--format", ex->format, "xlsx | csv | pdf (standard xlsx)");
exp->add_option("--committee", ex->committee, "En nämnd / One committee");
exp->add_option("--administration", ex->administration, "En förvaltning / One administration");
exp->add_option("--organization", ex->organization, "En organisation / One organization");
exp->add_option("--lang", ex->lang, "sv eller en")->check(CLI::IsMember({"sv", "en"}));
exp->add_option("--as-of", ex->as_of, "Datum för avvikelserna / Findings as of");
exp->add_option("-o,--output", ex->out, "Filen att skriva / The file to write");
exp->callback([ex, &exit_code] { exit_code = RunExport(*ex); });
}  // namespace ansvar::cli

}  // namespace ansvar::cli
