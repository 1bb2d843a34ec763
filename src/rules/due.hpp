#pragma once
// The annual cycle (årshjul) as due items: every deadline the rules of model.md set, turned into "what is due, by
// when, for whom". Pure: the register, the rulebook and the day decide everything (the calendar feeds, the reminder
// e-mails, `ansvar due` and GET /api/v1/due are views of this list).
//
// Which rules give items, and who answers for them (the role is the register's role id, or "dpo" for the
// organization's data protection officer, "controller" / "incident_handler" for a committee):
//   R-PLAN-ANNUAL        the plan for year Y, due plan_deadline of Y-1 (31 Dec): the steward (system_steward or
//                        service_steward) writes it, starting plan_reminder (1 Aug); the budget holder approves it.
//   R-REPORT-ANNUAL      the follow-up report for Y-1, due report_deadline of Y (31 Mar): the budget holder.
//   R-FORUM-CONTRACT-REVIEW  a contract review in calendar year Y, due 31 Dec of Y: the owner.
//   R-CONTRACT-EXPIRY    the latest base contract's valid_to: the owner decides to extend or terminate; the item
//                        is due from contract_notice_days before.
//   R-ACCESS-REVIEW, R-LOG-REVIEW  the last review + the interval: the steward, else the owner.
//   R-INC-72H, R-INC-SUBJECTS  aware_at + the hours (an instant): the organization's DPO, the handler committee.
//   R-DSAR-DEADLINE      received_on + dsar_months (+ the extension): each controller committee.
//   R-LIS-REVIEW         the last management review + lis_review_months: the organization's DPO.
// An obligation with several responsible people gives one item per person; with none, one item without a person.
#include <optional>
#include <string>
#include <vector>

#include "model/time.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::rules {

enum class DueState { kUpcoming, kDue, kOverdue, kDone };
std::string_view ToString(DueState s);
std::optional<DueState> ParseDueState(std::string_view s);

// What the responsible person does.
enum class DueAction {
  kStart,    // start the work (the plan, in August)
  kWrite,    // write the document
  kApprove,  // approve the document
  kHold,     // hold the meeting (contract review)
  kDecide,   // decide (extend or terminate a contract; a data subject request)
  kReview,   // review (access rights, logs, the management system)
  kNotify,   // notify the authority (IMY)
  kInform,   // inform the data subjects
};
std::string_view ToString(DueAction a);

struct DueItem {
  RuleId rule = RuleId::kPlanAnnual;
  Severity severity = Severity::kError;  // what missing it gives (the rule's severity in the rulebook)
  Subject subject;
  DueAction action = DueAction::kApprove;
  int year = 0;     // the cycle it belongs to: the plan's or report's year, the year of the due date
  model::Date due;  // the last day; for an instant, its date in Europe/Stockholm
  std::optional<model::Timestamp> due_at;  // clocks in hours (R-INC-72H, R-INC-SUBJECTS): the instant itself
  model::Date opens;                       // from this day the item is "due" (before it: "upcoming")
  DueState state = DueState::kUpcoming;
  std::optional<model::Date> done_on;
  std::optional<std::string> person;     // person id, or none
  std::string role;                      // "budget_holder", "system_steward", "owner", "dpo", "controller", …
  std::optional<std::string> committee;  // the responsible committee (handler, controller), if any
  std::string detail;                    // what it is about beyond the subject: a document id

  // Stable across evaluations while the obligation is the same one: rule, subject, year and action (and the
  // document for a contract). Used for calendar UIDs and the reminder log.
  [[nodiscard]] std::string Key() const;
  friend bool operator==(const DueItem&, const DueItem&) = default;
};

struct DueWindow {
  model::Date from;  // inclusive
  model::Date to;    // inclusive
};

// Every item whose due date lies in the window, evaluated at `now` (its Europe/Stockholm date is "today"), sorted
// by due date, then subject, rule, action and person. Disabled rules give none.
std::vector<DueItem> DueItems(const RegisterIndex& index, const Rulebook& rulebook, model::Timestamp now,
                              DueWindow window);
// The same with a bare date as "today" (00:00 Europe/Stockholm): what the pure tests and `ansvar due` use.
std::vector<DueItem> DueItems(const RegisterIndex& index, const Rulebook& rulebook, model::Date today, model::Date from,
                              model::Date to);

// "Godkänn förvaltningsplanen för 2026" / "Approve the management plan for 2026".
std::string DueTitle(const DueItem& item, const RegisterIndex& index, Lang lang);

// Europe/Stockholm (CET/CEST, the EU rule: summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October). The offset from UTC in seconds at an instant, and the local date of an instant.
int StockholmOffsetSeconds(model::Timestamp t);
model::Date StockholmDate(model::Timestamp t);
// The instant of 00:00 local time on a date in Europe/Stockholm.
model::Timestamp StockholmMidnight(model::Date d);

}  // namespace ansvar::rules
