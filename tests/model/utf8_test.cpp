// The one Swedish-aware case folding (model/utf8.hpp): what free-text search, spreadsheet headings and names and the
// slugs of new ids rely on.
#include "model/utf8.hpp"

#include <gtest/gtest.h>

namespace ansvar::model {
namespace {

TEST(Utf8, FoldCaseLowersAsciiAndSwedishLettersOnly) {
  EXPECT_EQ(FoldCase("Åsa ÖBERG på Ängen"), "åsa öberg på ängen");
  EXPECT_EQ(FoldCase("ÉÜÆØ"), "éüæø");
  EXPECT_EQ(FoldCase("×"), "×");                       // C3 97 is a sign, not a letter
  EXPECT_EQ(FoldCase("€ – 中"), "€ – 中");             // other sequences pass unchanged
  EXPECT_EQ(FoldCase(std::string("A\xC3")), "a\xC3");  // a cut sequence is left as it is
}

TEST(Utf8, CapitalizeFirstRaisesTheFirstLetter) {
  EXPECT_EQ(CapitalizeFirst("åsa"), "Åsa");
  EXPECT_EQ(CapitalizeFirst("öberg"), "Öberg");
  EXPECT_EQ(CapitalizeFirst("kalle"), "Kalle");
  EXPECT_EQ(CapitalizeFirst(""), "");
  EXPECT_EQ(CapitalizeFirst("÷"), "÷");
}

TEST(Utf8, StripAccentGivesTheBaseLetterInEitherCase) {
  auto strip = [](std::string_view s) { return StripAccent(static_cast<unsigned char>(s[1])); };
  EXPECT_EQ(strip("å"), 'a');
  EXPECT_EQ(strip("Å"), 'a');
  EXPECT_EQ(strip("ä"), 'a');
  EXPECT_EQ(strip("Ö"), 'o');
  EXPECT_EQ(strip("ø"), 'o');
  EXPECT_EQ(strip("é"), 'e');
  EXPECT_EQ(strip("ü"), 'u');
  EXPECT_EQ(strip("ç"), 'c');
  EXPECT_EQ(strip("ñ"), 'n');
  EXPECT_EQ(strip("×"), 0);
  EXPECT_EQ(strip("æ"), 0);
}

TEST(Utf8, LowerAndUpperAreInverseOnLetters) {
  for (unsigned char t = 0x80; t <= 0x9E; ++t) {
    if (t == 0x97) continue;
    EXPECT_EQ(UpperLatin1(LowerLatin1(t)), t);
  }
}

}  // namespace
}  // namespace ansvar::model
