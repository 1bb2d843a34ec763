// Personal data breaches: model.md §5.4 (K: Incidentrapportering; GDPR art. 33–34).
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
  if (t > deadline) out.Add(rule, Severity::kError, SubjectType::kIncident, inc.id.str(), Deadline(deadline));
  else if (!done && ctx.as_of >= inc.aware_at)
    out.Add(rule, Severity::kInfo, SubjectType::kIncident, inc.id.str(), Deadline(deadline));
}

}  // namespace

void EvaluateIncidents(const EvalContext& ctx, Sink& out) {
  const auto& rb = ctx.rulebook;
  for (const auto& inc : ctx.reg().incidents) {
    // R-INC-DPO: the DPO is always informed.
    if (!inc.dpo_informed) out.Add(RuleId::kIncDpo, Severity::kError, SubjectType::kIncident, inc.id.str());

    // R-INC-HANDLER: the committee the model names investigates, documents and notifies.
    if (const auto* system = inc.system ? ctx.index.FindSystem(inc.system->str()) : nullptr) {
      const auto* expected = IncidentHandler(ctx.index, *system);
      if (expected != nullptr && inc.handler != expected->id)
        out.Add(RuleId::kIncHandler, Severity::kError, SubjectType::kIncident, inc.id.str(),
                {{"expected", expected->id.str()}});
    }

    // R-INC-72H: notified to IMY within 72 hours of awareness unless assessed as no risk (null: not yet assessed,
    // the clock runs). A recorded delay reason does not make a late notification timely.
    if (inc.assessment != model::Assessment::kNoRisk)
      Clock(ctx, out, RuleId::kInc72h, inc, rb.authority_notice_hours, inc.notified_authority_at);

    // R-INC-SUBJECTS: with a likely high risk, data subjects informed without undue delay.
    if (inc.assessment == model::Assessment::kHighRisk)
      Clock(ctx, out, RuleId::kIncSubjects, inc, rb.subjects_notice_hours, inc.subjects_informed_at);
  }
}

}  // namespace ansvar::rules::internal
