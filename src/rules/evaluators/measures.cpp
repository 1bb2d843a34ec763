// R-MEASURE-OVERDUE: every measure of the measures register (rules/measures.hpp) — a DPIA's, a classification's, a
// breach's or a contract review's — done or cancelled by its due date (K: Informationssäkerhet,
// Konsekvensbedömning, Incidentrapportering; GDPR art. 24.1, 32).
#include "rules/measures.hpp"

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

void EvaluateMeasures(const EvalContext& ctx, Sink& out) {
  for (const auto& ref : CollectMeasures(ctx.reg())) {
    const auto& m = *ref.measure;
    if (!Overdue(m, ctx.today)) continue;
    const Rulebook* rb = &ctx.rulebook;
    if (ref.holder_type == SubjectType::kSystem) {
      if (const auto* s = ctx.index.FindSystem(ref.holder_id)) rb = &ctx.ForSystem(*s);
    } else if (ref.holder_type == SubjectType::kProcessingActivity) {
      if (const auto* a = ctx.index.FindActivity(ref.holder_id); a && a->controller)
        rb = &ctx.ForCommittee(a->controller->str());
    } else if (ref.holder_type == SubjectType::kIncident) {  // a breach: its controllers', like the INC rules
      for (const auto& i : ctx.reg().incidents)
        if (i.id.str() == ref.holder_id) {
          rb = &ctx.ForControllers(i.controllers);
          break;
        }
    }
    out.Judge(*rb);
    Detail detail{{"source", std::string(ToString(ref.source))},
                  {"measure", m.id.empty() ? std::to_string(ref.index + 1) : m.id},
                  {"description", m.description},
                  {"due", model::FormatDate(*m.due)}};
    if (m.owner) detail.emplace_back("owner", m.owner->str());
    out.Add(RuleId::kMeasureOverdue, Severity::kWarning, ref.holder_type, ref.holder_id, std::move(detail));
  }
}

}  // namespace ansvar::rules::internal
