#include "model/id_syntax.hpp"

#include <algorithm>

namespace ansvar::model {

bool ValidIdSyntax(std::string_view id) {
  // Characters, not bytes: the reader has checked that the text is UTF-8, so every byte of 0x80 or more belongs to a
  // letter outside ASCII (an id such as "förskola" is written by people), and a continuation byte starts none.
  const auto characters =
      std::count_if(id.begin(), id.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  return !id.empty() && static_cast<size_t>(characters) <= kMaxIdLength &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                  c == '-' || static_cast<unsigned char>(c) >= 0x80;
         });
}

std::optional<std::string> IdSyntaxProblem(std::string_view id) {
  if (ValidIdSyntax(id)) return std::nullopt;
  return std::string(id.size() > kMaxIdLength ? "id:t är längre än 100 tecken / the id is longer than 100 characters"
                                              : "ogiltigt id: bokstäver, siffror, punkt, understreck och bindestreck / "
                                                "invalid id: only letters, digits, '.', '_' and '-'");
}

}  // namespace ansvar::model
