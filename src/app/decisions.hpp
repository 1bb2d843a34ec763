#pragma once
// Decisions, reports and approvals as acts done in Ansvar (issue 14, cooperation-and-decisions.md §3–4), and each
// person's tasks:
//  - deciding on a system's processor under delegation: the signed-in account's person, the delegation that entitles
//    them today (the same reading as R-DPA-DECISION-AUTHORITY, rules/entitlement.hpp), the committees and the date
//    come from the register, never from what is typed;
//  - reporting delegated decisions to the committee (anmälan av delegationsbeslut, KL 7 kap. 8 §): the decisions not
//    yet reported, and marking them reported at a meeting in one act;
//  - approving a management plan or follow-up report: the budget holder (else the owner) of the system, stamped with
//    the approving account (model::Document::approved_by_account: performed, not recorded);
//  - "Mina uppgifter": what falls due for a person, what waits for their decision or approval, what they are asked
//    to fix, each with its action.
// Results are model values and small structs; http/decision_routes.cpp writes them as JSON.
#include <optional>
#include <string>
#include <vector>

#include "app/exports.hpp"
#include "app/register_service.hpp"
#include "auth/account.hpp"
#include "model/register.hpp"
#include "rules/due.hpp"

namespace ansvar::app {

// One committee that must decide on the system's processor, and what the acting person holds for it.
struct CommitteeEntitlement {
  model::Committee committee;
  std::optional<model::Delegation> delegation;  // the acting person's, valid today; none: not theirs to decide
  bool decided = false;                         // a decision covering this committee exists
};

// What the system page shows around a DPA decision (GET /api/v1/systems/{id}/dpa_decision).
struct DecisionView {
  model::System system;
  model::DelegationMatter matter = model::DelegationMatter::kDecideDpa;
  model::Date today;
  std::optional<model::Person> person;  // the acting person (none: the account is not linked)
  std::vector<CommitteeEntitlement> committees;
  std::vector<model::DpaDecision> decisions;  // on this system, oldest first
  bool entitled = false;                      // may decide now for at least one undecided committee
  std::string why_not;                        // when not entitled: why, in Swedish / English
  bool power_of_attorney = false;             // several controllers: the owner signs with powers of attorney
  std::optional<model::Person> owner;
};

// What a person chooses when deciding; everything else comes from the register and the account.
struct DecideInput {
  std::optional<std::string> processor;  // default: the system's supplier
  std::optional<std::string> diary_number;
};

// A delegated decision awaiting its report to the committee, with what the list shows.
struct DelegatedDecisionLine {
  model::DpaDecision decision;
  std::string system_name;
  std::string decided_by_name;
  std::string delegation_text;  // the delegation's decision ("BN 2024-09-24 § 101")
  model::Date report_due;       // decided_on + delegation_report_days
  bool overdue = false;
};

struct UnreportedList {
  model::Committee committee;
  model::Date today;
  int report_days = 0;  // the committee's rulebook's delegation_report_days
  std::vector<DelegatedDecisionLine> lines;
  bool may_report = false;  // whether the asking account may mark them reported
};

struct ReportInput {
  std::vector<std::string> decisions;  // the ids, each a delegated decision of the committee not yet reported
  std::optional<model::Date> reported_on;
  std::string reported_at;  // the meeting and paragraph, e.g. "BN 2025-02-11 § 7"
};

// One thing a person is asked to do, with its action.
struct Task {
  std::string kind;  // "decide", "approve", "report", "breach", "measure", "due", "fix"
  std::string rule;  // the rule that asks it
  std::string title;
  std::string subject_type, subject_id, subject_name;
  std::optional<model::Date> due;
  std::optional<model::Timestamp> due_at;  // a clock in hours (a breach's authority notice): the instant itself
  std::string state;    // due items, breaches, measures: upcoming, due, overdue; findings: the severity
  std::string action;   // decide, approve, report, write, hold, review, notify, inform, fix
  std::string link;     // where the web UI does it
  std::string act;      // the API act that does it ("POST /api/v1/…"), "" when it is done by editing
  std::string key;      // stable while it is the same task: calendar UIDs and the reminder log
  std::string due_key;  // the due item it stands for (rules::DueItem::Key), "" when none
};

struct TaskList {
  std::string account;
  std::string scope;  // "person", "dpo", "administration"
  std::optional<model::Person> person;
  model::Date today;
  std::vector<Task> items;
  // The keys (rules::DueItem::Key) of the due items the list asks for as an act or a breach clock instead: a calendar
  // or a digest that shows due items leaves these out.
  std::vector<std::string> replaced;
};

// The tasks a calendar feed and a digest carry beside the due items (all but the due items themselves and the
// findings to fix): breach clocks, decisions, approvals, reports and measures.
bool CarriedBesideDueItems(const Task& t);

class Decisions {
 public:
  explicit Decisions(RegisterService& service) : s_(service) {}

  Result<DecisionView> View(const std::string& system, const auth::Account& account) const;
  // Records the acting person's decision on the system's processor for every undecided committee they hold a valid
  // delegation of today. kForbidden naming why when none.
  Result<Versioned> Decide(const std::string& system, const DecideInput& input, const auth::Account& account,
                           const Actor& actor);

  Result<UnreportedList> Unreported(const std::string& committee, const auth::Account& account) const;
  // Marks the decisions reported at a meeting, all or none, in one transaction (one audit entry each).
  Result<std::vector<model::DpaDecision>> Report(const std::string& committee, const ReportInput& input,
                                                 const auth::Account& account, const Actor& actor);

  // The budget holder (else the owner) approves a management plan or follow-up report of the system.
  Result<Versioned> Approve(const std::string& system, const std::string& document, int64_t if_match,
                            const auth::Account& account, const Actor& actor);

  // "Mina uppgifter": one list of what waits for the account's person (its scope's for a DPO and a data protection
  // contact). The page, the calendar feed and the e-mail digest are all made from it, so they cannot disagree.
  Result<TaskList> Tasks(const auth::Account& account, rules::Lang lang) const;
  // The same for a person of the register as the calendar feed and the digest see them: as the enabled account
  // linked to the person (when exactly one is), else as a reader linked to the person.
  Result<TaskList> PersonTasks(const std::string& person, rules::Lang lang) const;

  // The decision document (PDF): the decision, its legal ground, the delegation, the processor, the diary number.
  Result<ExportFile> DecisionDocument(const std::string& decision, rules::Lang lang) const;
  // The power of attorney for the owner to sign the DPA on behalf of a committee of the decision (PDF).
  Result<ExportFile> PowerOfAttorneyDocument(const std::string& decision, const std::string& committee,
                                             rules::Lang lang) const;
  // The unreported list as PDF or xlsx (the annex of the meeting's "anmälan av delegationsbeslut").
  Result<ExportFile> UnreportedExport(const std::string& committee, ExportFormat format, rules::Lang lang) const;

 private:
  // With the service's lock held (a Reader's or a Writer's, shared or alone): whether the account reports for the
  // committee, the account's person, and the decision view for that person.
  bool MayReport(const RegisterService::Locked& r, const auth::Account& account,
                 const model::Committee& committee) const;
  Result<model::Person> ActingPersonLocked(const RegisterService::Locked& r, const auth::Account& account) const;
  Result<DecisionView> ViewLocked(const RegisterService::Locked& r, const std::string& system,
                                  const std::optional<model::Person>& person, std::string why_not) const;
  RegisterService& s_;
};

}  // namespace ansvar::app
