// Records of processing (behandlingsregister): model.md §5.1–5.2 (K: Hantering av personuppgifter,
// Behandlingsregister; GDPR art. 30).
#include <algorithm>

#include "rules/derive.hpp"
#include "rules/evaluators/context.hpp"

namespace ansvar::rules::internal {
namespace {

bool Blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}
bool Blank(const std::vector<std::string>& list) {
  return std::all_of(list.begin(), list.end(), [](const std::string& s) { return Blank(s); });
}

void Field(Sink& out, const model::ProcessingActivity& a, const char* field) {
  out.Add(RuleId::kRopaFields, Severity::kError, SubjectType::kProcessingActivity, a.id.str(),
          {{"field", std::string(field)}});
}

// R-ROPA-JOINT: an activity of `other` that lists one of `a`'s systems and names a's controller back.
bool NamedBack(const RegisterIndex& index, const model::ProcessingActivity& a, const model::CommitteeId& other) {
  for (const auto& sid : a.systems) {
    const auto* system = index.FindSystem(sid.str());
    if (system == nullptr) continue;
    for (const auto* q : index.ActivitiesOf(index.IndexOf(*system)))
      if (q->controller == other && std::find(q->joint_controllers.begin(), q->joint_controllers.end(),
                                              *a.controller) != q->joint_controllers.end())
        return true;
  }
  return false;
}

}  // namespace

void EvaluateProcessingActivities(const EvalContext& ctx, Sink& out) {
  for (const auto& a : ctx.reg().processing_activities) {
    out.Judge(a.controller ? ctx.ForCommittee(a.controller->str()) : ctx.rulebook);
    // R-GDPR-CONTROLLER: each committee is controller for its processing; controllership cannot be delegated.
    if (!a.controller) out.Add(RuleId::kGdprController, Severity::kError, SubjectType::kProcessingActivity, a.id.str());

    // R-ROPA-FIELDS: the art. 30.1 fields plus system and legal basis (transfers may be empty).
    if (Blank(a.purposes)) Field(out, a, "purposes");
    if (!a.legal_basis) Field(out, a, "legal_basis");
    if (a.systems.empty()) Field(out, a, "systems");
    if (Blank(a.data_subjects)) Field(out, a, "data_subjects");
    if (Blank(a.data_categories)) Field(out, a, "data_categories");
    if (Blank(a.recipients)) Field(out, a, "recipients");
    if (Blank(a.retention)) Field(out, a, "retention");
    if (Blank(a.security_measures)) Field(out, a, "security_measures");

    // R-ROPA-JOINT: each joint controller lists the processing and names the others back.
    if (!a.controller) continue;
    for (const auto& other : a.joint_controllers) {
      if (other == *a.controller) continue;
      if (!NamedBack(ctx.index, a, other))
        out.Add(RuleId::kRopaJoint, Severity::kError, SubjectType::kProcessingActivity, a.id.str(),
                {{"committee", other.str()}});
    }
  }
}

// R-ROPA-PROCESSOR: a system run by the Service committee's Digital center (hosting: internal) with personal data
// needs Service's art. 30.2 record for it, naming every controller committee but Service itself.
void EvaluateProcessorRecord(const EvalContext& ctx, const model::System& s, Sink& out) {
  if (!EvalContext::InOperation(s) || !s.personal_data) return;
  const auto* service = InternalProcessor(ctx.index, s);
  if (service == nullptr) return;
  const size_t i = ctx.index.IndexOf(s);
  std::vector<const model::Committee*> needed;
  for (const auto* c : ctx.index.Controllers(i))
    if (c != service) needed.push_back(c);
  if (needed.empty()) return;
  const auto records = ctx.index.ProcessorRecordsOf(i);
  const bool kept = std::any_of(records.begin(), records.end(), [&](const model::ProcessorRecord* r) {
    return r->committee == service->id && std::all_of(needed.begin(), needed.end(), [&](const model::Committee* c) {
             return std::find(r->committees.begin(), r->committees.end(), c->id) != r->committees.end();
           });
  });
  if (!kept) out.System(RuleId::kRopaProcessor, Severity::kError, s, {{"committee", service->id.str()}});
}

}  // namespace ansvar::rules::internal
