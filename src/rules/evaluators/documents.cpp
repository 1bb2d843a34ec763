// Standing documents of a system: model.md §4.1 (K: Dokumentation) and §4.2 (R-CONTRACT-EXPIRY, R-DIARIUM).
#include <algorithm>

#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {

using model::DocumentKind;

void EvaluateDocuments(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s)) return;
  const auto& rb = ctx.rulebook;
  auto has = [&](DocumentKind kind) {
    return std::any_of(s.documents.begin(), s.documents.end(), [&](const auto& d) { return d.kind == kind; });
  };

  // R-DOC-MANDATORY: the standing documents of the category table; the DPA only with personal data.
  for (auto kind : rb.standing_documents) {
    if (!Requires(rb, s.category, kind)) continue;
    if (kind == DocumentKind::kDpa && !s.personal_data) continue;
    if (!has(kind))
      out.System(RuleId::kDocMandatory, Severity::kError, s, {{"kind", std::string(model::ToString(kind))}});
  }

  // R-CONTRACT-EXPIRY: the base contract with the latest valid_to counts; one without valid_to never ends.
  const model::Document* latest = nullptr;
  bool open_ended = false;
  for (const auto& d : s.documents) {
    if (d.kind != DocumentKind::kBaseContract) continue;
    if (!d.valid_to)
      open_ended = true;
    else if (latest == nullptr || *d.valid_to > *latest->valid_to)
      latest = &d;
  }
  if (latest != nullptr && !open_ended) {
    const model::Date end = *latest->valid_to;
    Detail detail{{"document", latest->id.str()}, {"valid_to", model::FormatDate(end)}};
    if (end < ctx.today)
      out.System(RuleId::kContractExpiry, Severity::kError, s, std::move(detail));
    else if (end <= ctx.today.AddDays(rb.contract_notice_days))
      out.System(RuleId::kContractExpiry, Severity::kWarning, s, std::move(detail));
  }

  // R-DIARIUM: base contracts, DPAs, management plans and action plans carry a diary number.
  std::vector<std::string> undiaried;
  for (const auto& d : s.documents)
    if (std::find(rb.diary_documents.begin(), rb.diary_documents.end(), d.kind) != rb.diary_documents.end() &&
        (!d.diary_number || d.diary_number->empty()))
      undiaried.push_back(d.id.str());
  if (!undiaried.empty()) out.System(RuleId::kDiarium, Severity::kWarning, s, {{"documents", undiaried}});
}

}  // namespace ansvar::rules::internal
