#include "cli/demo_breach.hpp"

#include <iostream>

#include "app/accounts.hpp"
#include "app/cycle_service.hpp"
#include "app/incident_reports.hpp"

namespace ansvar::cli {

bool SeedDemoBreach(app::RegisterService& service) {
  app::CycleService cycle(service);
  const auto now = cycle.Now();
  app::Accounts accounts(cycle.Store(), [&cycle] { return cycle.Now(); });
  app::AccountChange reader;
  reader.role = auth::Role::kReader;
  reader.name = "Rut Rapportör (demo)";
  const auto created = accounts.Create("rut.rapportor", reader, {"demo", "Demoregister"});
  if (!created.ok()) {
    std::cerr << "ansvar: the demo's reporting reader could not be created: " << created.error().detail << "\n";
    return false;
  }
  app::BreachReport report;
  report.what_happened =
      "Ett beslut om försörjningsstöd ur Combine skickades med e-post till fel mottagare (en namne). Mottagaren har "
      "hört av sig.";
  report.discovered_at = now.AddHours(-5);
  report.occurred_at = now.AddHours(-26);
  report.system = "combine";
  report.whose_data = "Sökande av försörjningsstöd";
  const auth::Principal who{"rut.rapportor", auth::Role::kReader, "", ""};
  const auto receipt = app::IncidentReports(service).Report(report, who, {"rut.rapportor", "Rut Rapportör (demo)"});
  if (!receipt.ok()) {
    std::cerr << "ansvar: the demo's breach report failed: " << receipt.error().detail << "\n";
    return false;
  }
  return true;
}

}  // namespace ansvar::cli
