// Security of a system with personal data: model.md §5.6 (transfers, flows, reviews, classification).
#include <algorithm>
#include <cctype>
#include <set>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

std::optional<model::Date> Latest(std::optional<model::Date> a, std::optional<model::Date> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

const model::Document* DocumentOn(const model::System& s, const std::optional<model::DocumentId>& id,
                                  model::DocumentKind kind) {
  if (!id) return nullptr;
  for (const auto& d : s.documents)
    if (d.id == *id && d.kind == kind) return &d;
  return nullptr;
}

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void EvaluateSecurity(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s) || !s.personal_data) return;
  const auto& rb = ctx.rulebook;

  // R-TRANSFER-TIA: processing outside the EU/EEA needs a chapter 5 basis and a documented TIA.
  std::vector<std::string> third;
  for (const auto& c : s.processing_countries) {
    const auto code = Upper(c);
    if (std::find(rb.eea_countries.begin(), rb.eea_countries.end(), code) == rb.eea_countries.end())
      third.push_back(code);
  }
  if (!third.empty()) {
    const bool basis = s.transfer && s.transfer->basis && !s.transfer->basis->empty();
    const bool tia =
        s.transfer && DocumentOn(s, s.transfer->tia_document, model::DocumentKind::kTransferImpactAssessment);
    if (!basis || !tia)
      out.System(RuleId::kTransferTia, Severity::kError, s, {{"countries", third}});
    else if (s.special_categories && !s.transfer->art9_document)
      // The format has no field for the art. 9 analysis everywhere; its absence is a reminder, not an error.
      out.System(RuleId::kTransferTia, Severity::kInfo, s,
                 {{"countries", third}, {"missing", std::string("art9_document")}});
  }

  // R-FLOW-SECURITY: personal data must not flow into a system with a lower (or unknown) confidentiality level.
  if (s.classification) {
    std::set<std::string> reported;
    for (const auto& flow : s.integrations) {
      if (!flow.personal_data) continue;
      const auto* to = ctx.index.FindSystem(flow.to.str());
      if (to == nullptr) continue;
      if ((!to->classification || to->classification->confidentiality < s.classification->confidentiality) &&
          reported.insert(to->id.str()).second)
        out.System(RuleId::kFlowSecurity, Severity::kError, s, {{"to", to->id.str()}});
    }
  }

  // R-ACCESS-REVIEW and R-LOG-REVIEW: within the configured interval; exactly N months ago is within it.
  std::optional<model::Date> access, log;
  for (const auto& r : s.reviews) {
    if (r.kind == model::ReviewKind::kAccessReview)
      access = Latest(access, r.done_on);
    else
      log = Latest(log, r.done_on);
  }
  for (const auto& d : s.documents)
    if (d.kind == model::DocumentKind::kLogReviewReport) log = Latest(log, d.done_on);
  auto stale = [&](const std::optional<model::Date>& last, int months) {
    return !last || *last < ctx.today.AddMonths(-months);
  };
  auto last_detail = [](const std::optional<model::Date>& last) {
    return last ? Detail{{"last", model::FormatDate(*last)}} : Detail{};
  };
  if (stale(access, rb.access_review_months))
    out.System(RuleId::kAccessReview, Severity::kWarning, s, last_detail(access));
  if (stale(log, rb.log_review_months)) out.System(RuleId::kLogReview, Severity::kWarning, s, last_detail(log));

  // R-CLASSIFICATION: the system's information classification levels; where the classification keeps its record,
  // also its age, the owner's approval of the action plan, and KS as the classifier of a municipality-wide system.
  if (!s.classification) {
    out.System(RuleId::kClassification, Severity::kWarning, s);
    return;
  }
  const auto& c = *s.classification;
  if (c.done_on && *c.done_on < ctx.today.AddMonths(-rb.classification_max_age_months))
    out.System(RuleId::kClassification, Severity::kWarning, s,
               {{"problem", std::string("stale")},
                {"done_on", model::FormatDate(*c.done_on)},
                {"months", std::to_string(rb.classification_max_age_months)}});
  if (!c.measures.empty() && (!c.approved_on || !c.approved_by))
    out.System(RuleId::kClassification, Severity::kWarning, s, {{"problem", std::string("unapproved")}});
  if (s.scope == model::Scope::kMunicipalityWide && (c.done_on || c.decided_by)) {
    const auto* by = c.decided_by ? ctx.index.FindCommittee(c.decided_by->str()) : nullptr;
    if (by == nullptr || by->kind != model::CommitteeKind::kExecutiveBoard)
      out.System(RuleId::kClassification, Severity::kWarning, s, {{"problem", std::string("not_ks")}});
  }
}

}  // namespace ansvar::rules::internal
