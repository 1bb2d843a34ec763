#pragma once
// Personal data breaches from the first report to the authority (issue 15; model.md §5.4, cooperation-and-decisions.md
// §5; K: Incidentrapportering):
//  - intake: any signed-in account reports a breach in a short form (what happened, when it was discovered, which
//    system, whose data); it becomes an incident of the register at once, routed by the rules (R-INC-HANDLER: the
//    handler committee; the data protection contacts of the administrations it concerns; the DPO informed), the
//    72-hour clock (the rulebook's authority_notice_hours) running from the reported discovery;
//  - the reporter follows the status of their own reports and sees nothing else of the register;
//  - who is told: breach_notices.cpp sends one e-mail per recipient, recorded so that none is sent twice;
//  - the notification to the authority (IMY's form "Anmälan av personuppgiftsincident") made from the record, with
//    every field the form asks and the missing ones named (breach_documents.cpp renders it);
//  - statistics per cause, system and quarter for the follow-up.
// Reports are kept beside the register as store records "incident-report/<account>/<incident>" (who reported what:
// the register format has no accounts); the incident itself is an ordinary, audited entity of the register.
#include <optional>
#include <string>
#include <vector>

#include "app/register_service.hpp"
#include "auth/account.hpp"
#include "auth/policy.hpp"

namespace ansvar::app {

// What an employee reports through the internal e-service.
struct BreachReport {
  std::string what_happened;
  model::Timestamp discovered_at;
  std::optional<model::Timestamp> occurred_at;
  std::string system;          // a system of the register, or "" (unknown)
  std::string administration;  // the administration concerned; needed when no system is named
  std::string whose_data;      // whose personal data, in the reporter's words
};

// Where a breach stands, as its reporter sees it.
enum class BreachStatus {
  kReceived,  // reported, not yet assessed by the handler
  kAssessed,  // assessed; not (yet) notified to the authority
  kNotified,  // notified to the authority
  kClosed,    // assessed (and notified when needed), every measure of the action plan done or cancelled
};
std::string_view ToString(BreachStatus s);
BreachStatus StatusOf(const model::Incident& incident);

// One person told of a new breach: by e-mail (when an address is known) and on their task list.
struct BreachRecipient {
  std::string key;   // "account:<id>" or "person:<id>": the notice log's key
  std::string name;  // shown to the reporter: whom the report went to
  std::string email;
  std::string role;  // "dpo" or "data_protection_contact"
};

struct ReportReceipt {
  model::Incident incident;
  int64_t version = 0;
  model::Timestamp reported_at;
  model::Timestamp deadline;  // discovered + the rulebook's authority_notice_hours
  std::string handler_name;   // the handler committee by R-INC-HANDLER ("" when the register cannot say)
  std::vector<BreachRecipient> routed_to;
};

// A report as its reporter follows it.
struct OwnReport {
  std::string incident;
  model::Timestamp reported_at;
  BreachReport report;
  BreachStatus status = BreachStatus::kReceived;
  std::string system_name;
};

// A breach on someone's task list: new (not yet assessed) or with its clock running.
struct BreachTask {
  model::Incident incident;
  std::string system_name;
  std::string handler_name;
  std::optional<model::Timestamp> deadline;  // the authority notice's end; none when assessed no risk
  BreachStatus status = BreachStatus::kReceived;
};

// One field of the authority's form, filled from the record.
struct NotificationField {
  std::string key;  // the register field (or "controller", "contact"), stable for clients
  std::string label_sv, label_en;
  std::string value;     // "" when the record lacks it
  bool required = true;  // the form needs it; a required field without a value is named as missing
};
struct NotificationSection {
  std::string title_sv, title_en;
  std::vector<NotificationField> fields;
};
struct NotificationForm {
  std::string incident;
  model::Timestamp made_at;
  bool complete = false;             // no required field missing
  std::vector<std::string> missing;  // keys of the required fields without a value
  std::vector<NotificationSection> sections;
};

struct BreachCount {
  std::string key, label;  // cause / system id / "2026-Q1"
  int total = 0;
  int notified = 0;
};
struct BreachStatistics {
  int total = 0;
  int notified = 0;
  int not_notified = 0;
  std::vector<BreachCount> by_cause, by_system, by_quarter;
};

// Who may read one breach of the register: the policy's decision (auth/policy.hpp) over a register in memory.
bool MayReadIncident(const auth::Principal& who, const model::Incident& incident, const model::Register& reg);

class IncidentReports {
 public:
  explicit IncidentReports(RegisterService& service) : s_(service) {}

  // Intake: validates the report (problems name the field), creates the incident (audited as the reporter), records
  // the report beside the register. kInvalid for a bad report; the incident register is not changed then.
  Result<ReportReceipt> Report(const BreachReport& report, const auth::Principal& who, const Actor& actor);
  // The account's own reports, newest first.
  Result<std::vector<OwnReport>> Mine(const std::string& account) const;
  // The breaches on the principal's task list: for the DPO and admins all that are open, for a data protection
  // contact those of its administration; none for other roles.
  Result<std::vector<BreachTask>> Tasks(const auth::Principal& who) const;
  // Who is told of the breach (the DPO of its organization and every dpo account; the data protection contact
  // accounts of the administrations it concerns), from the register and the accounts.
  Result<std::vector<BreachRecipient>> Recipients(const model::Incident& incident) const;
  // The notification to the authority, from the record as it is now.
  Result<NotificationForm> Notification(const std::string& incident_id) const;
  // Counts per cause, system and quarter of discovery (Europe/Stockholm); `administration`: only the breaches that
  // concern it (a data protection contact's view), "" for all.
  Result<BreachStatistics> Statistics(const std::string& administration) const;

 private:
  RegisterService& s_;
};

}  // namespace ansvar::app
