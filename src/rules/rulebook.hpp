#pragma once
// The rulebook: the tables and numbers of the governance model (spec/model.md) as data.
// Default() gives the values of the steering documents; a municipality overrides them with a rulebook file
// or the register's "rulebook" object (see io/rulebook_json.hpp) instead of changing code.
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/enums.hpp"
#include "model/time.hpp"
#include "rules/catalog.hpp"

namespace ansvar::rules {

// How strongly a forum is recommended for a category (model.md §4.3).
enum class ForumLevel { kNo, kAsNeeded, kYes, kMandatory };

struct CategoryRules {
  std::vector<model::RoleKind> mandatory_roles;          // R-ROLE-MANDATORY (§3.1)
  std::vector<model::RoleKind> roles_only_with_fee;      // of those, mandatory only when the system has a fee
  std::vector<model::DocumentKind> mandatory_documents;  // R-DOC-MANDATORY, R-PLAN-ANNUAL, R-REPORT-ANNUAL (§4.1)
  std::array<ForumLevel, model::kEnumCount<model::ForumKind>> forums{};  // §4.3; kMandatory: R-FORUM-CONTRACT-REVIEW
};

struct RuleSetting {
  bool enabled = true;
  std::optional<Severity> severity;  // replaces the severity of the rule's error and warning findings
};

struct MonthDay {
  unsigned month = 1;
  unsigned day = 1;
};

struct Rulebook {
  std::array<CategoryRules, model::kEnumCount<model::Category>> categories;

  // R-ROLE-PROCUREMENT: appointed before procurement starts (where mandatory for the category).
  std::vector<model::RoleKind> procurement_roles;
  // R-ROLE-OWNER-TITLE
  std::vector<model::Title> owner_titles;
  std::vector<model::Title> infrastructure_owner_titles;
  // R-ROLE-BUDGET-MANAGER: "manager or above".
  std::vector<model::Title> manager_titles;
  // R-DPA-CLAUSES: art. 28.3 a–h and the three further duties.
  std::vector<std::string> dpa_clauses;
  // Standing documents checked by R-DOC-MANDATORY; the annual ones have rules of their own.
  std::vector<model::DocumentKind> standing_documents;
  // R-DIARIUM
  std::vector<model::DocumentKind> diary_documents;
  // EU/EEA (R-TRANSFER-TIA): ISO 3166-1 alpha-2.
  std::vector<std::string> eea_countries;

  int dpia_threshold = 2;              // R-DPIA-REQUIRED: "two or more" (EDPB reading; K also says "more than two")
  int contract_notice_days = 180;      // R-CONTRACT-EXPIRY
  int access_review_months = 12;       // R-ACCESS-REVIEW
  int log_review_months = 12;          // R-LOG-REVIEW
  int authority_notice_hours = 72;     // R-INC-72H (art. 33.1)
  int subjects_notice_hours = 72;      // R-INC-SUBJECTS: "without undue delay", made concrete
  bool require_dpa_delegation = true;  // R-DELEG-KF33
  int dsar_months = 1;                 // R-DSAR-DEADLINE (art. 12.3)
  int dsar_extension_months = 2;
  int lis_review_months = 12;              // R-LIS-REVIEW
  int classification_max_age_months = 36;  // R-CLASSIFICATION: a classification older than this is redone
  int measure_due_soon_days = 30;          // the task list: measures falling due within this many days
  MonthDay plan_deadline{12, 31};          // R-PLAN-ANNUAL: next year's plan approved by
  MonthDay plan_reminder{8, 1};            // work starts in August
  MonthDay report_deadline{3, 31};         // R-REPORT-ANNUAL
  int reminder_days = 30;                  // info findings this many days before a deadline
  int message_stale_days = 3;              // R-MSG-STALE: a resolved or expired operational message taken down within
  bool scope_users_needs_two_administrations = true;  // R-SCOPE-USERS is meaningless with one administration
  // Retention (years), informational (K: Gallring).
  int retention_management_plan_years = 10;
  int retention_change_log_years = 10;
  int retention_log_review_report_years = 10;

  // Cooperations (cooperation-and-decisions.md §2).
  std::vector<model::CooperationDocumentKind> cooperation_documents;  // R-COOP-DOCUMENTS
  std::vector<std::string> cooperation_duties;                        // R-COOP-RESPONSIBILITY
  std::vector<std::string> cooperation_stakeholders;                  // R-COOP-CONSULTED
  // Decisions (§3): R-DPA-DECISION applies to DPAs signed on or after this date (null: off).
  std::optional<model::Date> dpa_decisions_from;
  int delegation_report_days = 60;  // R-DELEG-REPORT
  // Breach records (§5): R-INC-CONTENT and R-INC-AFFECTED apply from this awareness date (null: off).
  std::optional<model::Date> breach_records_from;

  std::array<RuleSetting, kRuleCount> rules{};

  // The effective rulebooks of the organizations that have overrides of their own (cooperation-and-decisions.md §1),
  // by organization id: this rulebook with the organization's settings applied. Null: one rulebook for all.
  // Filled by io::ApplyOrganizationRulebooks.
  std::shared_ptr<const std::map<std::string, Rulebook, std::less<>>> organizations;

  // The effective rulebook of an organization: its own when it has overrides, else this one.
  [[nodiscard]] const Rulebook& ForOrganization(std::string_view organization) const;

  [[nodiscard]] const CategoryRules& For(model::Category c) const { return categories[static_cast<size_t>(c)]; }
  [[nodiscard]] CategoryRules& For(model::Category c) { return categories[static_cast<size_t>(c)]; }
  [[nodiscard]] const RuleSetting& Setting(RuleId id) const { return rules[static_cast<size_t>(id)]; }
  [[nodiscard]] RuleSetting& Setting(RuleId id) { return rules[static_cast<size_t>(id)]; }

  // The defaults of the steering documents (model.md).
  static Rulebook Default();
};

// Mandatory roles of a system of this category, given whether it has a fee (sorted by wire name).
std::vector<model::RoleKind> MandatoryRoles(const Rulebook& rb, model::Category c, bool fee);
// Mandatory documents (annual ones included); the DPA only when the system processes personal data.
std::vector<model::DocumentKind> MandatoryDocuments(const Rulebook& rb, model::Category c, bool personal_data);
bool Requires(const Rulebook& rb, model::Category c, model::DocumentKind kind);

}  // namespace ansvar::rules
