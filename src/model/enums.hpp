#pragma once
// Every closed set of the register format (spec/register-format.md), with its wire names.
// The wire name of a value is its position in EnumNames<E>::kNames; parsing an unknown name is an input error.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ansvar::model {

enum class OrganizationKind { kMunicipality, kRegion, kCompany, kFoundation };
enum class CommitteeKind { kExecutiveBoard, kServiceCommittee, kCommittee, kAudit };
enum class UnitKind { kDigitalCenter, kProcurement, kOther };
enum class Title {
  kMunicipalDirector,
  kDeputyMunicipalDirector,
  kAdministrationDirector,
  kDigitalCenterHead,
  kManager,
  kEmployee
};
enum class Category {
  kPublicService,
  kAuthorityService,
  kCommercialService,
  kDigitalTool,
  kBusinessSystem,
  kPlatform,
  kItInfrastructure
};
enum class Scope { kMunicipalityWide, kAdministrationSpecific };
enum class Hosting { kInternal, kExternal };
enum class Lifecycle { kPlanned, kProcurement, kActive, kRetiring, kRetired };
enum class RoleKind {
  kOwner,
  kBudgetHolder,
  kSystemSteward,
  kServiceSteward,
  kLeadSuperuser,
  kAreaManager,
  kSystemAdministrator,
  kTechnicalSteward,
  kProductOwner,
  kSuperuser,
  kInformationOwner,
  kInformationSteward,
  kProcessOwner,
  kProcessLeader,
  kSupplier
};
enum class DocumentKind {
  kBaseContract,
  kDpa,
  kManagementPlan,
  kFollowUpReport,
  kSla,
  kJointControllerArrangement,
  kDpia,
  kThresholdAnalysis,
  kTransferImpactAssessment,
  kClassification,
  kActionPlan,
  kLogReviewReport,
  kChangeLog
};
enum class ForumKind {
  kContractReview,
  kInternalDialogue,
  kDevelopmentCouncil,
  kUserForum,
  kCheckpointMeeting,
  kSupplierMeeting,
  kStewardForum
};
enum class ReviewKind { kAccessReview, kLogReview };
enum class DelegationMatter { kDecideDpaMunicipalityWide, kDecideDpa, kIssuePowerOfAttorneyDpa, kOther };
enum class LegalBasis { kConsent, kContract, kLegalObligation, kVitalInterests, kPublicTask, kLegitimateInterests };
// The nine criteria of art. 35.3 GDPR and IMY's list, used by the threshold analysis (R-DPIA-THRESHOLD).
enum class Criterion {
  kEvaluationScoring,
  kAutomatedDecision,
  kSystematicMonitoring,
  kSensitiveData,
  kLargeScale,
  kMatchingDatasets,
  kVulnerableSubjects,
  kInnovativeTechnology,
  kPreventsRights
};
enum class Assessment { kNoRisk, kRisk, kHighRisk };
// A measure's state (DPIA, classification, breach, contract review): one measures register follows them all.
enum class MeasureStatus { kPlanned, kInProgress, kDone, kCancelled };
// A breach's nature as the authority's form asks it (IMY: confidentiality, integrity, availability breach).
enum class BreachNature { kConfidentiality, kIntegrity, kAvailability };
// A breach's cause, for the follow-up statistics (the authority's own categories, roughly).
enum class BreachCause {
  kMisdirected,         // sent to the wrong recipient (e-mail, letter)
  kUnauthorisedAccess,  // an employee or another without the right looked
  kCyberAttack,         // phishing, malware, hacking, ransomware
  kTechnicalFault,      // a fault in a system or an integration
  kLostOrStolen,        // a device or papers lost or stolen
  kOtherHumanError,     // another mistake by a person
  kOther
};
enum class RiskLevel { kLow, kMedium, kHigh };
enum class ApprovalSource { kAnsvar, kRecorded };  // an approval performed in Ansvar, or recorded by hand
enum class RequestOutcome { kGranted, kPartlyRefused, kRefused };
enum class AgreementKind { kJointControllerArrangement, kCooperationAgreement, kOther };
// Cooperations between organizations (cooperation-and-decisions.md §2).
enum class CooperationForm { kContractCooperation, kCommonCommittee, kFederation, kCompany, kOther };
enum class GroupKind { kSteeringGroup, kWorkingGroup, kManagementGroup, kOther };
enum class CooperationDocumentKind {
  kCooperationAgreement,
  kOrganizationAppendix,
  kManagementSystemAppendix,
  kEconomyAppendix,
  kJointControllerArrangement,
  kRiskAnalysis,
  kOther,
};

template <class E>
struct EnumNames;

#define ANSVAR_ENUM_NAMES(E, ...)                                                  \
  template <>                                                                      \
  struct EnumNames<E> {                                                            \
    static constexpr auto kNames = std::to_array<std::string_view>({__VA_ARGS__}); \
    static constexpr std::string_view kWhat = #E;                                  \
  }

ANSVAR_ENUM_NAMES(OrganizationKind, "municipality", "region", "company", "foundation");
ANSVAR_ENUM_NAMES(CommitteeKind, "executive_board", "service_committee", "committee", "audit");
ANSVAR_ENUM_NAMES(UnitKind, "digital_center", "procurement", "other");
ANSVAR_ENUM_NAMES(Title, "municipal_director", "deputy_municipal_director", "administration_director",
                  "digital_center_head", "manager", "employee");
ANSVAR_ENUM_NAMES(Category, "public_service", "authority_service", "commercial_service", "digital_tool",
                  "business_system", "platform", "it_infrastructure");
ANSVAR_ENUM_NAMES(Scope, "municipality_wide", "administration_specific");
ANSVAR_ENUM_NAMES(Hosting, "internal", "external");
ANSVAR_ENUM_NAMES(Lifecycle, "planned", "procurement", "active", "retiring", "retired");
ANSVAR_ENUM_NAMES(RoleKind, "owner", "budget_holder", "system_steward", "service_steward", "lead_superuser",
                  "area_manager", "system_administrator", "technical_steward", "product_owner", "superuser",
                  "information_owner", "information_steward", "process_owner", "process_leader", "supplier");
ANSVAR_ENUM_NAMES(DocumentKind, "base_contract", "dpa", "management_plan", "follow_up_report", "sla",
                  "joint_controller_arrangement", "dpia", "threshold_analysis", "transfer_impact_assessment",
                  "classification", "action_plan", "log_review_report", "change_log");
ANSVAR_ENUM_NAMES(ForumKind, "contract_review", "internal_dialogue", "development_council", "user_forum",
                  "checkpoint_meeting", "supplier_meeting", "steward_forum");
ANSVAR_ENUM_NAMES(ReviewKind, "access_review", "log_review");
ANSVAR_ENUM_NAMES(DelegationMatter, "decide_dpa_municipality_wide", "decide_dpa", "issue_power_of_attorney_dpa",
                  "other");
ANSVAR_ENUM_NAMES(LegalBasis, "consent", "contract", "legal_obligation", "vital_interests", "public_task",
                  "legitimate_interests");
ANSVAR_ENUM_NAMES(Criterion, "evaluation_scoring", "automated_decision", "systematic_monitoring", "sensitive_data",
                  "large_scale", "matching_datasets", "vulnerable_subjects", "innovative_technology",
                  "prevents_rights");
ANSVAR_ENUM_NAMES(Assessment, "no_risk", "risk", "high_risk");
ANSVAR_ENUM_NAMES(MeasureStatus, "planned", "in_progress", "done", "cancelled");
ANSVAR_ENUM_NAMES(BreachNature, "confidentiality", "integrity", "availability");
ANSVAR_ENUM_NAMES(BreachCause, "misdirected", "unauthorised_access", "cyber_attack", "technical_fault",
                  "lost_or_stolen", "other_human_error", "other");
ANSVAR_ENUM_NAMES(RiskLevel, "low", "medium", "high");
ANSVAR_ENUM_NAMES(ApprovalSource, "ansvar", "recorded");
ANSVAR_ENUM_NAMES(RequestOutcome, "granted", "partly_refused", "refused");
ANSVAR_ENUM_NAMES(AgreementKind, "joint_controller_arrangement", "cooperation_agreement", "other");
ANSVAR_ENUM_NAMES(CooperationForm, "contract_cooperation", "common_committee", "federation", "company", "other");
ANSVAR_ENUM_NAMES(GroupKind, "steering_group", "working_group", "management_group", "other");
ANSVAR_ENUM_NAMES(CooperationDocumentKind, "cooperation_agreement", "organization_appendix",
                  "management_system_appendix", "economy_appendix", "joint_controller_arrangement", "risk_analysis",
                  "other");

#undef ANSVAR_ENUM_NAMES

template <class E>
constexpr size_t kEnumCount = EnumNames<E>::kNames.size();

template <class E>
constexpr std::string_view ToString(E value) {
  return EnumNames<E>::kNames[static_cast<size_t>(value)];
}

template <class E>
constexpr std::optional<E> ParseEnum(std::string_view name) {
  for (size_t i = 0; i < EnumNames<E>::kNames.size(); ++i)
    if (EnumNames<E>::kNames[i] == name) return static_cast<E>(i);
  return std::nullopt;
}

template <class E>
constexpr auto AllValues() {
  std::array<E, kEnumCount<E>> out{};
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<E>(i);
  return out;
}

}  // namespace ansvar::model
