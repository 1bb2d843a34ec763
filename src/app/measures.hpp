#pragma once
// The measures register (issue 15): every measure of the register — DPIAs', classifications', breaches' and contract
// reviews' (rules/measures.hpp) — with its owner, due date, status and whether it is overdue, per system,
// administration, organization or person; and the owner's approval of a classification's action plan.
#include <optional>
#include <string>
#include <vector>

#include "app/breach_access.hpp"
#include "app/register_service.hpp"
#include "rules/measures.hpp"

namespace ansvar::app {

struct MeasureQuery {
  std::string system, administration, organization, person;
  std::optional<rules::MeasureSource> source;
  bool overdue_only = false;
  bool open_only = false;
  // A breach's measures tell what happened: they are listed only for those who may read the breach (breach_access.hpp).
  BreachAccess breaches;
};

struct MeasureLine {
  rules::MeasureSource source = rules::MeasureSource::kDpia;
  rules::SubjectType holder_type = rules::SubjectType::kSystem;
  std::string holder_id;
  std::string holder_name;
  std::vector<std::string> systems;
  model::Measure measure;
  std::string owner_name;
  bool overdue = false;
};

struct MeasuresReport {
  model::Date today;
  std::vector<MeasureLine> lines;
};

class MeasuresView {
 public:
  explicit MeasuresView(const RegisterService& service) : s_(service) {}
  // The measures a query selects, in register order, judged at the service's clock (Stockholm date).
  Result<MeasuresReport> List(const MeasureQuery& query) const;
  // A person's open measures that are overdue or fall due within the rulebook's measure_due_soon_days: what the
  // person's task list shows.
  Result<MeasuresReport> DueFor(const std::string& person) const;
  [[nodiscard]] model::Timestamp Now() const;

 private:
  const RegisterService& s_;
};

// The owner approves the action plan of a system's classification (K: Informationssäkerhet): only the person who
// holds the role owner of the system, signed in as the account linked to that person (app/acting_person.hpp);
// stamped with the person, the day and the account, written with If-Match like any change and audited. kForbidden
// naming why for anyone else, kConflict without a classification or when it is approved already.
Result<Versioned> ApproveClassification(RegisterService& service, const std::string& system_id,
                                        const auth::Account& account, int64_t if_match, const Actor& actor);

}  // namespace ansvar::app

namespace ansvar::app {

// The measures register as a workbook for the management review (.xlsx, or .csv): one row per measure with its
// source, what holds it, its systems, owner, due date, status and whether it is overdue.
struct MeasuresFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;
};
Result<MeasuresFile> ExportMeasures(const MeasuresView& view, const MeasureQuery& query, bool csv, rules::Lang lang);

}  // namespace ansvar::app
