#include "rules/rulebook.hpp"

#include <algorithm>

namespace ansvar::rules {
namespace {

using model::Category;
using model::DocumentKind;
using model::ForumKind;
using model::RoleKind;
using model::Title;

using F = ForumLevel;

// model.md §4.3, columns: development council, user forum, checkpoint meeting, supplier meeting, contract review,
// steward forum. The internal dialogue is an alternative to the contract review, never required itself.
std::array<ForumLevel, model::kEnumCount<ForumKind>> Forums(F dev, F user, F checkpoint, F supplier, F contract,
                                                            F steward) {
  std::array<ForumLevel, model::kEnumCount<ForumKind>> f{};
  f[static_cast<size_t>(ForumKind::kDevelopmentCouncil)] = dev;
  f[static_cast<size_t>(ForumKind::kUserForum)] = user;
  f[static_cast<size_t>(ForumKind::kCheckpointMeeting)] = checkpoint;
  f[static_cast<size_t>(ForumKind::kSupplierMeeting)] = supplier;
  f[static_cast<size_t>(ForumKind::kContractReview)] = contract;
  f[static_cast<size_t>(ForumKind::kStewardForum)] = steward;
  f[static_cast<size_t>(ForumKind::kInternalDialogue)] = F::kNo;
  return f;
}

template <class E>
bool SortByName(E a, E b) {
  return model::ToString(a) < model::ToString(b);
}

}  // namespace

Rulebook Rulebook::Default() {
  Rulebook rb;
  using enum RoleKind;
  using enum DocumentKind;
  // model.md §3.1 (K: Roller) and §4.1 (K: Dokumentation), §4.3 (K: Forum).
  rb.For(Category::kPublicService) = {
      {kLeadSuperuser}, {}, {}, Forums(F::kNo, F::kNo, F::kAsNeeded, F::kNo, F::kNo, F::kNo)};
  rb.For(Category::kAuthorityService) = {
      {kLeadSuperuser}, {}, {}, Forums(F::kNo, F::kNo, F::kAsNeeded, F::kYes, F::kNo, F::kNo)};
  rb.For(Category::kCommercialService) = {{kOwner, kBudgetHolder, kLeadSuperuser},
                                          {kBudgetHolder},
                                          {kDpa},
                                          Forums(F::kNo, F::kNo, F::kAsNeeded, F::kAsNeeded, F::kNo, F::kNo)};
  rb.For(Category::kDigitalTool) = {{kOwner, kBudgetHolder, kLeadSuperuser, kTechnicalSteward, kProcessOwner},
                                    {},
                                    {kBaseContract, kDpa, kManagementPlan, kFollowUpReport},
                                    Forums(F::kAsNeeded, F::kAsNeeded, F::kYes, F::kYes, F::kMandatory, F::kYes)};
  rb.For(Category::kBusinessSystem) = {{kOwner, kBudgetHolder, kSystemSteward, kTechnicalSteward, kProcessOwner},
                                       {},
                                       {kBaseContract, kDpa, kManagementPlan, kFollowUpReport, kSla},
                                       Forums(F::kYes, F::kYes, F::kYes, F::kYes, F::kMandatory, F::kYes)};
  rb.For(Category::kPlatform) = {{kOwner, kBudgetHolder, kServiceSteward, kTechnicalSteward, kProcessOwner},
                                 {},
                                 {kBaseContract, kDpa, kManagementPlan, kFollowUpReport, kSla},
                                 Forums(F::kYes, F::kYes, F::kYes, F::kYes, F::kMandatory, F::kYes)};
  rb.For(Category::kItInfrastructure) = {{kOwner, kBudgetHolder, kAreaManager, kProductOwner},
                                         {},
                                         {kBaseContract, kDpa, kManagementPlan, kFollowUpReport, kSla},
                                         Forums(F::kYes, F::kAsNeeded, F::kAsNeeded, F::kYes, F::kMandatory, F::kYes)};

  rb.procurement_roles = {kOwner, kBudgetHolder, kTechnicalSteward};
  rb.owner_titles = {Title::kAdministrationDirector, Title::kDeputyMunicipalDirector};
  rb.infrastructure_owner_titles = {Title::kDigitalCenterHead};
  rb.manager_titles = {Title::kMunicipalDirector, Title::kDeputyMunicipalDirector, Title::kAdministrationDirector,
                       Title::kDigitalCenterHead, Title::kManager};
  rb.dpa_clauses = {"28.3.a",
                    "28.3.b",
                    "28.3.c",
                    "28.3.d",
                    "28.3.e",
                    "28.3.f",
                    "28.3.g",
                    "28.3.h",
                    "audit_information",
                    "erase_or_return",
                    "staff_confidentiality"};
  rb.standing_documents = {kBaseContract, kDpa, kSla};
  rb.diary_documents = {kBaseContract, kDpa, kManagementPlan, kActionPlan};
  rb.eea_countries = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
                      "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
  using K = model::CooperationDocumentKind;
  rb.cooperation_documents = {K::kCooperationAgreement, K::kOrganizationAppendix, K::kManagementSystemAppendix,
                              K::kEconomyAppendix, K::kJointControllerArrangement};
  rb.cooperation_duties = {
      "information_to_subjects", "data_subject_requests", "breach_handling", "breach_notification", "dpia",
      "security_measures",       "processor_agreement",   "contact_point"};
  rb.cooperation_stakeholders = {"lawyer",   "dpo",     "information_security_coordinator",
                                 "registry", "archive", "security_chief"};
  return rb;
}

const Rulebook& Rulebook::ForOrganization(std::string_view organization) const {
  if (organizations == nullptr) return *this;
  const auto it = organizations->find(organization);
  return it == organizations->end() ? *this : it->second;
}

std::vector<model::RoleKind> MandatoryRoles(const Rulebook& rb, model::Category c, bool fee) {
  const auto& cat = rb.For(c);
  std::vector<model::RoleKind> out;
  for (auto r : cat.mandatory_roles) {
    const bool fee_only =
        std::find(cat.roles_only_with_fee.begin(), cat.roles_only_with_fee.end(), r) != cat.roles_only_with_fee.end();
    if (!fee_only || fee) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), SortByName<model::RoleKind>);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<model::DocumentKind> MandatoryDocuments(const Rulebook& rb, model::Category c, bool personal_data) {
  std::vector<model::DocumentKind> out;
  for (auto d : rb.For(c).mandatory_documents)
    if (d != DocumentKind::kDpa || personal_data) out.push_back(d);
  std::sort(out.begin(), out.end(), SortByName<model::DocumentKind>);
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool Requires(const Rulebook& rb, model::Category c, model::DocumentKind kind) {
  const auto& docs = rb.For(c).mandatory_documents;
  return std::find(docs.begin(), docs.end(), kind) != docs.end();
}

}  // namespace ansvar::rules
