#include "model/id_syntax.hpp"

#include <algorithm>

namespace ansvar::model {

bool ValidIdSyntax(std::string_view id) {
  return !id.empty() && id.size() <= kMaxIdLength && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

std::optional<std::string> IdSyntaxProblem(std::string_view id) {
  if (ValidIdSyntax(id)) return std::nullopt;
  return std::string(id.size() > kMaxIdLength ? "id:t är längre än 100 tecken / the id is longer than 100 characters"
                                              : "ogiltigt id: bara A–Z, a–z, 0–9, punkt, understreck och bindestreck / "
                                                "invalid id: only A-Z, a-z, 0-9, '.', '_' and '-'");
}

}  // namespace ansvar::model
