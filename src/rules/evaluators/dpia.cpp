// Threshold analysis and DPIA: model.md §5.5 (K: Konsekvensbedömning; GDPR art. 35).
#include <algorithm>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

int DistinctCriteria(const model::ThresholdAnalysis& t) {
  std::array<bool, model::kEnumCount<model::Criterion>> seen{};
  int n = 0;
  for (auto c : t.criteria) {
    auto& flag = seen[static_cast<size_t>(c)];
    if (!flag) ++n;
    flag = true;
  }
  return n;
}

bool HasReferenceDpia(const model::System& s) {
  return s.scope == model::Scope::kMunicipalityWide &&
         std::any_of(s.documents.begin(), s.documents.end(),
                     [](const auto& d) { return d.kind == model::DocumentKind::kDpia; });
}

// cooperation-and-decisions.md §6: a reference DPIA counts for an activity only when it was done on or before the
// activity's start with the DPO consulted, like the activity's own.
bool ReferenceDpiaCovers(const model::System& s, const model::ProcessingActivity& a) {
  if (s.scope != model::Scope::kMunicipalityWide) return false;
  return std::any_of(s.documents.begin(), s.documents.end(), [&](const model::Document& d) {
    return d.kind == model::DocumentKind::kDpia && d.done_on && d.dpo_consulted.value_or(false) &&
           (!a.start_date || *d.done_on <= *a.start_date);
  });
}

}  // namespace

// The DPIA as a record (art. 35.7, 35.11, 36): judged only when the DPIA keeps a record beyond its date and the DPO's
// consultation, so that older registers, which keep only those two, are judged as before.
void EvaluateDpiaRecord(const EvalContext& ctx, const model::ProcessingActivity& a, Sink& out) {
  if (!a.dpia || !a.dpia->HasRecord()) return;
  const auto& d = *a.dpia;
  const auto id = a.id.str();
  // R-DPIA-CONTENT: a done DPIA holds each part of art. 35.7, and a motivation when it covers several processings.
  if (d.done_on) {
    auto missing = [&](std::string_view field) {
      out.Add(RuleId::kDpiaContent, Severity::kWarning, SubjectType::kProcessingActivity, id,
              {{"field", std::string(field)}});
    };
    if (d.description.empty()) missing("description");
    if (d.necessity_proportionality.empty()) missing("necessity_proportionality");
    if (d.risks.empty()) missing("risks");
    if (d.measures.empty()) missing("measures");
    if (!d.residual_risk) missing("residual_risk");
    if (!d.covers_activities.empty() && (!d.motivation || d.motivation->empty())) missing("motivation");
  }
  // R-DPIA-PRIOR-CONSULTATION: a high residual risk needs IMY consulted before processing starts (art. 36.1).
  if (d.residual_risk == model::RiskLevel::kHigh && !(d.prior_consultation && d.prior_consultation->sent_on))
    out.Add(RuleId::kDpiaPriorConsultation, Severity::kError, SubjectType::kProcessingActivity, id);
  // R-DPIA-REVIEW: the review date has passed (art. 35.11).
  if (d.review_on && *d.review_on < ctx.today)
    out.Add(RuleId::kDpiaReview, Severity::kWarning, SubjectType::kProcessingActivity, id,
            {{"review_on", model::FormatDate(*d.review_on)}});
}

void EvaluateDpias(const EvalContext& ctx, Sink& out) {
  for (const auto& a : ctx.reg().processing_activities) {
    const auto& rb = a.controller ? ctx.ForCommittee(a.controller->str()) : ctx.rulebook;
    out.Judge(rb);
    EvaluateDpiaRecord(ctx, a, out);
    // R-DPIA-THRESHOLD: a documented threshold analysis over the nine criteria.
    if (!a.threshold_analysis) {
      out.Add(RuleId::kDpiaThreshold, Severity::kError, SubjectType::kProcessingActivity, a.id.str());
      continue;
    }
    // R-DPIA-REQUIRED: at the threshold (default 2 distinct criteria), a DPIA before processing starts with the DPO
    // consulted, a reference DPIA of a municipality-wide system, or a motivation the DPO commented on.
    const int met = DistinctCriteria(*a.threshold_analysis);
    if (met < rb.dpia_threshold) continue;
    const bool own =
        a.dpia && a.dpia->dpo_consulted && a.dpia->done_on && (!a.start_date || *a.dpia->done_on <= *a.start_date);
    bool reference = false;
    if (!a.own_dpia_required)
      for (const auto& sid : a.systems)
        if (const auto* s = ctx.index.FindSystem(sid.str())) reference = reference || ReferenceDpiaCovers(*s, a);
    const auto& t = *a.threshold_analysis;
    const bool motivated = t.motivation && !t.motivation->empty() && t.dpo_commented;
    if (!own && !reference && !motivated)
      out.Add(RuleId::kDpiaRequired, Severity::kError, SubjectType::kProcessingActivity, a.id.str(),
              {{"criteria", int64_t(met)}});
  }
}

// R-DPIA-REFERENCE (info): KS makes a reference DPIA for a municipality-wide system that committees' processing
// reaching the threshold relies on.
void EvaluateReferenceDpia(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s) || !s.personal_data || s.scope != model::Scope::kMunicipalityWide ||
      HasReferenceDpia(s))
    return;
  for (const auto* a : ctx.index.ActivitiesOf(ctx.index.IndexOf(s))) {
    if (a->threshold_analysis && DistinctCriteria(*a->threshold_analysis) >= ctx.rulebook.dpia_threshold) {
      out.System(RuleId::kDpiaReference, Severity::kInfo, s, {{"activity", a->id.str()}});
      return;
    }
  }
}

}  // namespace ansvar::rules::internal
