#pragma once
// UTF-8 for the whole code base: encoding one code point, for the readers that decode escapes and legacy encodings
// (store string lists, Windows-1252 CSV); and the one Swedish-aware case folding: ASCII and the Latin-1 letters
// (Å Ä Ö É Ü …, the two-byte sequences C3 80–C3 9E) lowered, for free-text search and for matching names and
// headings of a spreadsheet. Other bytes pass unchanged, so folding never breaks a sequence.
#include <cstdint>
#include <string>
#include <string_view>

namespace ansvar::model {

inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The second byte of a C3 sequence lowered (À–Þ but × become à–þ) or raised (à–þ but ÷ become À–Þ).
inline unsigned char LowerLatin1(unsigned char trail) {
  return trail >= 0x80 && trail <= 0x9E && trail != 0x97 ? static_cast<unsigned char>(trail + 0x20) : trail;
}
inline unsigned char UpperLatin1(unsigned char trail) {
  return trail >= 0xA0 && trail <= 0xBE && trail != 0xB7 ? static_cast<unsigned char>(trail - 0x20) : trail;
}

// ASCII and Latin-1 letters lowered ("Åsa ÖBERG" → "åsa öberg"); nothing else changes.
inline std::string FoldCase(std::string_view s) {
  std::string out(s);
  for (size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      out[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < out.size()) {
      out[i + 1] = static_cast<char>(LowerLatin1(static_cast<unsigned char>(out[i + 1])));
      ++i;
    }
  }
  return out;
}

// The first letter raised ("åsa" → "Åsa").
inline std::string CapitalizeFirst(std::string_view s) {
  std::string out(s);
  if (out.empty()) return out;
  const auto c = static_cast<unsigned char>(out[0]);
  if (c >= 'a' && c <= 'z')
    out[0] = static_cast<char>(c - 'a' + 'A');
  else if (c == 0xC3 && out.size() > 1)
    out[1] = static_cast<char>(UpperLatin1(static_cast<unsigned char>(out[1])));
  return out;
}

// The ASCII letter under the accent of a C3 sequence's second byte, either case (å ä à á â ã → a, ö ø ò ó ô õ → o,
// é è ê ë → e, ü ù ú û → u, í ì î ï → i, ç → c, ñ → n); 0 for any other.
inline char StripAccent(unsigned char trail) {
  switch (trail | 0x20) {
    case 0xA0:
    case 0xA1:
    case 0xA2:
    case 0xA3:
    case 0xA4:
    case 0xA5:
      return 'a';
    case 0xB2:
    case 0xB3:
    case 0xB4:
    case 0xB5:
    case 0xB6:
    case 0xB8:
      return 'o';
    case 0xA8:
    case 0xA9:
    case 0xAA:
    case 0xAB:
      return 'e';
    case 0xB9:
    case 0xBA:
    case 0xBB:
    case 0xBC:
      return 'u';
    case 0xAC:
    case 0xAD:
    case 0xAE:
    case 0xAF:
      return 'i';
    case 0xA7:
      return 'c';
    case 0xB1:
      return 'n';
    default:
      return 0;
  }
}

}  // namespace ansvar::model
