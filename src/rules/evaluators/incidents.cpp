// Personal data breaches: model.md §5.4 and cooperation-and-decisions.md §2, §5 (K: Incidentrapportering;
// GDPR art. 33–34).
#include <algorithm>

#include "rules/derive.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

Detail Deadline(model::Timestamp t) { return {{"deadline", model::FormatTimestamp(t)}}; }

// A clock that runs from awareness: an error when `done` (or, while not done, as-of) is past the deadline; an info
// reminder while it runs.
void Clock(const EvalContext& ctx, Sink& out, RuleId rule, const model::Incident& inc, int hours,
           const std::optional<model::Timestamp>& done) {
  const auto deadline = inc.aware_at.AddHours(hours);
  const auto t = done.value_or(ctx.as_of);
  if (t > deadline)
    out.Add(rule, Severity::kError, SubjectType::kIncident, inc.id.str(), Deadline(deadline));
  else if (!done && ctx.as_of >= inc.aware_at)
    out.Add(rule, Severity::kInfo, SubjectType::kIncident, inc.id.str(), Deadline(deadline));
}

// R-INC-HANDLER: the committee the model names investigates, documents and notifies. On a system of a cooperation
// whose arrangement gives breach handling to "each" party, the handler is one of the incident's controllers.
void Handler(const EvalContext& ctx, const model::Incident& inc, Sink& out) {
  const auto* system = inc.system ? ctx.index.FindSystem(inc.system->str()) : nullptr;
  if (system == nullptr) return;
  const auto rule = IncidentHandlerRule(ctx.index, *system);
  if (rule.each_controller) {
    const bool among =
        inc.handler && std::find(inc.controllers.begin(), inc.controllers.end(), *inc.handler) != inc.controllers.end();
    if (!among) out.Add(RuleId::kIncHandler, Severity::kError, SubjectType::kIncident, inc.id.str());
    return;
  }
  if (rule.committee != nullptr && inc.handler != rule.committee->id)
    out.Add(RuleId::kIncHandler, Severity::kError, SubjectType::kIncident, inc.id.str(),
            {{"expected", rule.committee->id.str()}});
}

// R-INC-CONTENT (art. 33.3 a–d): a notified breach documents every field of the notification.
void Content(const model::Incident& inc, Sink& out) {
  if (!inc.notified_authority_at) return;
  auto missing = [&](const char* field) {
    out.Add(RuleId::kIncContent, Severity::kWarning, SubjectType::kIncident, inc.id.str(),
            {{"field", std::string(field)}});
  };
  if (inc.description.empty()) missing("description");
  if (inc.subject_categories.empty()) missing("subject_categories");
  if (!inc.approx_subjects) missing("approx_subjects");
  if (inc.record_categories.empty()) missing("record_categories");
  if (!inc.approx_records) missing("approx_records");
  if (inc.likely_consequences.empty()) missing("likely_consequences");
  if (inc.measures.empty()) missing("measures");
}

// R-INC-AFFECTED: on a system of several controller committees, the documentation goes to every one of them within
// the notification period (K: "skickar dokumentationen till samtliga berörda nämnder").
void Affected(const EvalContext& ctx, const Rulebook& rb, const model::Incident& inc, Sink& out) {
  const auto* system = inc.system ? ctx.index.FindSystem(inc.system->str()) : nullptr;
  if (system == nullptr || ctx.index.Controllers(ctx.index.IndexOf(*system)).size() < 2) return;
  const auto deadline = inc.aware_at.AddHours(rb.authority_notice_hours);
  if (ctx.as_of <= deadline) return;
  if (!inc.affected_informed_on || *inc.affected_informed_on > deadline.date())
    out.Add(RuleId::kIncAffected, Severity::kWarning, SubjectType::kIncident, inc.id.str(), Deadline(deadline));
}

}  // namespace

void EvaluateIncidents(const EvalContext& ctx, Sink& out) {
  for (const auto& inc : ctx.reg().incidents) {
    const auto& rb = ctx.ForControllers(inc.controllers);
    out.Judge(rb);
    // R-INC-DPO: the DPO is always informed.
    if (!inc.dpo_informed) out.Add(RuleId::kIncDpo, Severity::kError, SubjectType::kIncident, inc.id.str());

    Handler(ctx, inc, out);

    // R-INC-72H: notified to IMY within 72 hours of awareness unless assessed as no risk (null: not yet assessed,
    // the clock runs). A recorded delay reason does not make a late notification timely.
    if (inc.assessment != model::Assessment::kNoRisk)
      Clock(ctx, out, RuleId::kInc72h, inc, rb.authority_notice_hours, inc.notified_authority_at);

    // R-INC-SUBJECTS: with a likely high risk, data subjects informed without undue delay.
    if (inc.assessment == model::Assessment::kHighRisk)
      Clock(ctx, out, RuleId::kIncSubjects, inc, rb.subjects_notice_hours, inc.subjects_informed_at);

    // The breach record rules apply once the organization keeps its breach records here (breach_records_from).
    if (rb.breach_records_from && inc.aware_at.date() >= *rb.breach_records_from) {
      Content(inc, out);
      Affected(ctx, rb, inc, out);
    }
  }
}

}  // namespace ansvar::rules::internal
