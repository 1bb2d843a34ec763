// The syntax of ids (issue 17): what may travel into URLs, iCalendar, Atom, CSV and e-mail unescaped-safe.
#include "model/id_syntax.hpp"

#include <gtest/gtest.h>

#include "model/validate.hpp"

namespace ansvar::model {
namespace {

TEST(IdSyntax, LettersDigitsDotUnderscoreAndHyphenUpToAHundred) {
  for (const char* good : {"ecos", "p-1", "S_2.v3", "a", "ABC-def_9.x", "förskola", "å"})
    EXPECT_TRUE(ValidIdSyntax(good)) << good;
  EXPECT_TRUE(ValidIdSyntax(std::string(100, 'a')));
  std::string hundred_letters;
  for (int i = 0; i < 100; ++i) hundred_letters += "ö";  // 200 bytes, 100 characters
  EXPECT_TRUE(ValidIdSyntax(hundred_letters));
  EXPECT_FALSE(ValidIdSyntax(hundred_letters + "ö"));
  for (const char* bad : {"", "a b", "a\r\nb", "a\nURL:https://evil", "a/b", "a\"b", "a;b", "a<b>", "a%0D", "a:b"})
    EXPECT_FALSE(ValidIdSyntax(bad)) << bad;
  EXPECT_FALSE(ValidIdSyntax(std::string(101, 'a')));
  EXPECT_FALSE(IdSyntaxProblem("ok").has_value());
  EXPECT_NE(IdSyntaxProblem("a\r\nb")->find("invalid id"), std::string::npos);
}

TEST(IdSyntax, ARegisterWithACrLfIdIsRefusedAtThatId) {
  Register reg;
  reg.organizations.push_back({});
  reg.organizations[0].id = OrganizationId("kba\r\nURL:https://evil.test");
  reg.organizations[0].name = "Kungsbacka";
  const auto problems = Validate(reg);
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].path, "$.organizations[0].id");
  EXPECT_NE(problems[0].message.find("invalid id"), std::string::npos);
}

}  // namespace
}  // namespace ansvar::model
