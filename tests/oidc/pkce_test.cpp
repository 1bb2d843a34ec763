// PKCE S256 and base64url against RFC 7636 Appendix B and RFC 4648.
#include "oidc/pkce.hpp"

#include <gtest/gtest.h>

#include <set>

#include "oidc/base64url.hpp"

namespace ansvar::oidc {
namespace {

TEST(Pkce, VerifierOfRfc7636AppendixBOctets) {
  const unsigned char octets[] = {116, 24,  223, 180, 151, 153, 224, 37,  79, 250, 96, 125, 216, 173, 187, 186,
                                  22,  212, 37,  77,  105, 214, 191, 240, 91, 88,  5,  88,  83,  132, 141, 121};
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  const std::string bytes(reinterpret_cast<const char*>(octets), sizeof octets);
  EXPECT_EQ(Base64UrlEncode(bytes), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
}

TEST(Pkce, S256ChallengeOfRfc7636AppendixB) {
  EXPECT_EQ(S256Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(Pkce, VerifiersAre43UnreservedCharactersAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto v = MakeCodeVerifier();
    ASSERT_EQ(v.size(), 43u);  // 32 bytes; RFC 7636 §4.1 allows 43 to 128
    for (char c : v) ASSERT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << v;
    seen.insert(v);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Base64Url, RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 70; ++n) {
    const auto decoded = Base64UrlDecode(Base64UrlEncode(bytes));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, bytes);
    bytes += static_cast<char>(n * 37 + 200);
  }
}

TEST(Base64Url, RefusesPaddingForeignCharactersAndNonCanonicalText) {
  EXPECT_EQ(Base64UrlDecode("Zm9v").value_or("?"), "foo");
  EXPECT_FALSE(Base64UrlDecode("Zm8="));   // padding
  EXPECT_FALSE(Base64UrlDecode("Zm+v"));   // base64, not base64url
  EXPECT_FALSE(Base64UrlDecode("Zm9vY"));  // a length no encoder makes
  EXPECT_FALSE(Base64UrlDecode("Zm9="));   // padding again
  EXPECT_FALSE(Base64UrlDecode("Zm9"));    // "fo" is "Zm8": the leftover bits of "Zm9" are not zero
  EXPECT_EQ(Base64UrlDecode("Zm8").value_or("?"), "fo");
}

}  // namespace
}  // namespace ansvar::oidc
