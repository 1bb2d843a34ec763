#include "rules/catalog.hpp"

#include <gtest/gtest.h>

#include "rules/rulebook.hpp"

namespace ansvar::rules {
namespace {

TEST(Catalog, EveryRuleIdHasItsOwnEntryAndCode) {
  for (size_t i = 0; i < AllRules().size(); ++i) {
    const auto& r = AllRules()[i];
    EXPECT_EQ(static_cast<size_t>(r.id), i) << r.code;
    EXPECT_EQ(ParseRuleCode(r.code), r.id);
    EXPECT_TRUE(r.code.starts_with("R-"));
    EXPECT_FALSE(r.title_sv.empty() || r.title_en.empty() || r.text_sv.empty() || r.source.empty()) << r.code;
  }
}

TEST(Rulebook, DefaultsFollowTheCategoryTables) {
  const auto rb = Rulebook::Default();
  using model::Category;
  using model::RoleKind;
  EXPECT_EQ(MandatoryRoles(rb, Category::kCommercialService, false),
            (std::vector<RoleKind>{RoleKind::kLeadSuperuser, RoleKind::kOwner}));
  EXPECT_EQ(MandatoryRoles(rb, Category::kCommercialService, true),
            (std::vector<RoleKind>{RoleKind::kBudgetHolder, RoleKind::kLeadSuperuser, RoleKind::kOwner}));
  EXPECT_EQ(MandatoryDocuments(rb, Category::kDigitalTool, false).size(), 3u);  // no DPA without personal data
  EXPECT_TRUE(MandatoryDocuments(rb, Category::kPublicService, true).empty());
}

}  // namespace
}  // namespace ansvar::rules
