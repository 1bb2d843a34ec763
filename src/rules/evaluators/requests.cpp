// Data subject requests: model.md §5.6 (K: De registrerades rättigheter; GDPR art. 12.3; 7 kap. 2 § dataskyddslagen).
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

void EvaluateRequests(const EvalContext& ctx, Sink& out) {
  for (const auto& r : ctx.reg().data_subject_requests) {
    const auto& rb = ctx.ForControllers(r.controllers);
    out.Judge(rb);
    // R-DSAR-DEADLINE: decided within dsar_months (+ the extension when a reason is recorded); on the deadline day
    // is on time.
    const bool extended = r.extended_reason && !r.extended_reason->empty();
    const auto deadline = r.received_on.AddMonths(rb.dsar_months + (extended ? rb.dsar_extension_months : 0));
    Detail late{{"reason", std::string("deadline")}, {"deadline", model::FormatDate(deadline)}};
    if (r.decided_on ? *r.decided_on > deadline : ctx.today > deadline)
      out.Add(RuleId::kDsarDeadline, Severity::kError, SubjectType::kDataSubjectRequest, r.id.str(), std::move(late));
    else if (!r.decided_on)
      out.Add(RuleId::kDsarDeadline, Severity::kInfo, SubjectType::kDataSubjectRequest, r.id.str(), std::move(late));

    // A refusal is an appealable decision and must say so.
    if ((r.outcome == model::RequestOutcome::kRefused || r.outcome == model::RequestOutcome::kPartlyRefused) &&
        !r.appeal_notice)
      out.Add(RuleId::kDsarDeadline, Severity::kError, SubjectType::kDataSubjectRequest, r.id.str(),
              {{"reason", std::string("appeal_notice")}});
  }
}

}  // namespace ansvar::rules::internal
