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
  // One holder's measures only (e.g. an activity's DPIA): its type and id.
  std::optional<rules::SubjectType> holder_type;
  std::string holder_id;
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
  int64_t holder_version = 0;  // the holder's ETag: what a change of the measure's status sends as If-Match
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

// A measure's status changed as one act (issue 15): by the measure's owner (the person the account is linked to),
// the DPO, or whoever may write the holder (auth::Decide: admins, stewards of the system, the data protection contact
// of the activity's or breach's administration). A breach's measures only for those who may read the breach. A done
// measure gets done_on (today in Europe/Stockholm unless given); another status clears it. Written with If-Match of
// the holder and audited like any change. kForbidden naming why, kPreconditionFailed on a stale version, kInvalid
// naming the field ($.status, $.done_on), kNotFound without the holder or the measure.
struct MeasureStatusChange {
  std::string status;                  // planned, in_progress, done or cancelled
  std::optional<std::string> done_on;  // YYYY-MM-DD, only with done
};
struct MeasureStatusResult {
  Versioned holder;
  model::Measure measure;
};
Result<MeasureStatusResult> SetMeasureStatus(RegisterService& service, rules::MeasureSource source,
                                             const std::string& holder_id, const std::string& measure_id,
                                             const MeasureStatusChange& change, const auth::Account& account,
                                             int64_t if_match, const Actor& actor);

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
