// Where each value of an organization's effective rulebook comes from (io/rulebook_sources.hpp): the same merge as
// EffectiveRulebook, level by level — default, the server's rulebook file, the register, the organization — with the
// value each level falls back to, and an organization without overrides following the register.
#include "io/rulebook_sources.hpp"

#include <gtest/gtest.h>

#include "io/rulebook_json.hpp"

namespace ansvar::io {
namespace {

const RulebookSettingSource& At(const std::vector<RulebookSettingSource>& all, std::vector<std::string> path) {
  for (const auto& s : all)
    if (s.path == path) return s;
  ADD_FAILURE() << "no setting " << path.front();
  static RulebookSettingSource none;
  return none;
}

model::Register TwoOrganizations() {
  model::Register reg;
  reg.rulebook_overrides = R"({"dpia_threshold":3,"rules":{"R-DIARIUM":{"severity":"error"}}})";
  auto& a = reg.organizations.emplace_back();
  a.id = model::OrganizationId("falun");
  a.name = "Falu kommun";
  a.rulebook_overrides =
      R"({"dpia_threshold":4,"require_dpa_delegation":false,"categories":{"business_system":{"mandatory_documents":["dpa"]}}})";
  auto& b = reg.organizations.emplace_back();
  b.id = model::OrganizationId("mora");
  b.name = "Mora kommun";
  return reg;
}

TEST(RulebookSources, EachLevelNamedWithWhatItFallsBackTo) {
  rules::Rulebook base = rules::Rulebook::Default();
  ASSERT_TRUE(ApplyRulebookJson(base, R"({"lis_review_months":6})").empty());  // a --rulebook file
  const auto reg = TwoOrganizations();
  const auto all = RulebookSources(base, reg, &reg.organizations[0]);

  const auto& threshold = At(all, {"dpia_threshold"});
  EXPECT_EQ(threshold.value, "4");
  EXPECT_EQ(threshold.source, RulebookSource::kOrganization);
  EXPECT_EQ(threshold.inherited, "3");  // the register's
  const auto& delegation = At(all, {"require_dpa_delegation"});
  EXPECT_EQ(delegation.value, "false");
  EXPECT_EQ(delegation.inherited, "true");
  const auto& docs = At(all, {"categories", "business_system", "mandatory_documents"});
  EXPECT_EQ(docs.source, RulebookSource::kOrganization);
  EXPECT_EQ(docs.value, R"(["dpa"])");
  const auto& severity = At(all, {"rules", "R-DIARIUM", "severity"});
  EXPECT_EQ(severity.source, RulebookSource::kRegister);
  EXPECT_EQ(severity.value, R"("error")");
  EXPECT_EQ(severity.inherited, "null");
  const auto& lis = At(all, {"lis_review_months"});
  EXPECT_EQ(lis.source, RulebookSource::kFile);
  EXPECT_EQ(lis.value, "6");
  EXPECT_EQ(lis.inherited, "12");
  EXPECT_EQ(At(all, {"contract_notice_days"}).source, RulebookSource::kDefault);
  // Another category's settings stay as they were: objects merge, only the leaf written is the organization's.
  EXPECT_EQ(At(all, {"categories", "business_system", "mandatory_roles"}).source, RulebookSource::kDefault);
}

TEST(RulebookSources, ValuesAreThoseOfTheEffectiveRulebook) {
  const auto reg = TwoOrganizations();
  const auto effective = EffectiveRulebook(rules::Rulebook::Default(), reg);
  for (const auto* org : {&reg.organizations[0], &reg.organizations[1]}) {
    const auto& rb = effective.ForOrganization(org->id.str());
    const auto all = RulebookSources(rules::Rulebook::Default(), reg, org);
    EXPECT_EQ(At(all, {"dpia_threshold"}).value, std::to_string(rb.dpia_threshold)) << org->id.str();
    EXPECT_EQ(At(all, {"require_dpa_delegation"}).value, rb.require_dpa_delegation ? "true" : "false");
  }
  // Mora has no overrides of its own: the register's values, and nothing from an organization.
  const auto mora = RulebookSources(rules::Rulebook::Default(), reg, &reg.organizations[1]);
  EXPECT_EQ(At(mora, {"dpia_threshold"}).source, RulebookSource::kRegister);
  for (const auto& s : mora) EXPECT_NE(s.source, RulebookSource::kOrganization);
  // Without an organization: the register's own rulebook.
  const auto registers = RulebookSources(rules::Rulebook::Default(), reg, nullptr);
  EXPECT_EQ(At(registers, {"dpia_threshold"}).value, "3");
  EXPECT_EQ(registers.size(), mora.size());
}

TEST(RulebookSources, OverridesThatDoNotApplyAreLeftOutAsTheRulesLeaveThemOut) {
  auto reg = TwoOrganizations();
  reg.organizations[0].rulebook_overrides = R"({"dpia_threshold":-5})";
  const auto all = RulebookSources(rules::Rulebook::Default(), reg, &reg.organizations[0]);
  EXPECT_EQ(At(all, {"dpia_threshold"}).value, "3");
  EXPECT_EQ(At(all, {"dpia_threshold"}).source, RulebookSource::kRegister);
}

}  // namespace
}  // namespace ansvar::io
