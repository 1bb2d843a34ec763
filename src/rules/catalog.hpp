#pragma once
// The catalogue of rules: every rule id of spec/model.md with its default severity, its title and text in
// Swedish and English, and the paragraph of the steering documents it comes from.
#include <optional>
#include <span>
#include <string_view>

namespace ansvar::rules {

enum class Severity { kError, kWarning, kInfo };
std::string_view ToString(Severity s);
std::optional<Severity> ParseSeverity(std::string_view s);

enum class Lang { kSv, kEn };

enum class RuleId {
  kRoleMandatory,
  kRoleProcurement,
  kRoleOwnerTitle,
  kRoleSingleOwner,
  kRoleNoOwner,
  kRoleDigitalCenter,
  kRoleBudgetManager,
  kScopeOwner,
  kScopeUsers,
  kDocMandatory,
  kPlanAnnual,
  kReportAnnual,
  kForumContractReview,
  kContractExpiry,
  kDiarium,
  kGdprController,
  kRopaFields,
  kRopaJoint,
  kRopaProcessor,
  kDpaDecider,
  kDelegKf33,
  kDpaSigner,
  kDpaFullmakt,
  kDpaClauses,
  kIncDpo,
  kIncHandler,
  kInc72h,
  kIncSubjects,
  kDpiaThreshold,
  kDpiaRequired,
  kDpiaReference,
  kTransferTia,
  kFlowSecurity,
  kAccessReview,
  kLogReview,
  kDsarDeadline,
  kClassification,
  kCoopArt26,
  kCoopSeparateDpa,
  kLisReview,
  kMsgStale,
  // cooperation-and-decisions.md §2: cooperations between organizations.
  kCoopParties,
  kCoopDecision,
  kCoopDocuments,
  kCoopResponsibility,
  kCoopEssence,
  kCoopRopa,
  kCoopRisk,
  kCoopDpa,
  kCoopConsulted,
  // §3: DPA decisions and delegated decisions.
  kDpaDecision,
  kDpaDecisionAuthority,
  kDelegReport,
  kFullmaktIssuer,
  // §4: who approves.
  kPlanApprover,
  // §5: breach records.
  kIncContent,
  kIncAffected,
  // model.md §5.5–5.6: the DPIA as a record, and measures wherever they are kept (issue 15).
  kDpiaContent,
  kDpiaPriorConsultation,
  kDpiaReview,
  kMeasureOverdue,
};
inline constexpr size_t kRuleCount = static_cast<size_t>(RuleId::kMeasureOverdue) + 1;

struct RuleInfo {
  RuleId id;
  std::string_view code;  // "R-ROLE-MANDATORY"
  Severity severity;      // the default severity of its main finding
  std::string_view title_sv;
  std::string_view title_en;
  std::string_view text_sv;
  std::string_view text_en;
  std::string_view source;  // where in the steering documents (K, D) the rule comes from
};

const RuleInfo& Info(RuleId id);
std::string_view Code(RuleId id);
std::optional<RuleId> ParseRuleCode(std::string_view code);
std::span<const RuleInfo> AllRules();

}  // namespace ansvar::rules
