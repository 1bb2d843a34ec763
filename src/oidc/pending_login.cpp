#include "oidc/pending_login.hpp"

#include <vector>

namespace ansvar::oidc {

std::string EncodePendingLogin(const PendingLogin& login) {
  return "v1\n" + login.nonce + "\n" + login.code_verifier + "\n" + login.browser_hash + "\n" +
         SafeReturnPath(login.return_to);
}

std::optional<PendingLogin> DecodePendingLogin(std::string_view text) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (true) {
    const auto end = text.find('\n', at);
    lines.emplace_back(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  if (lines.size() != 5 || lines[0] != "v1" || lines[1].empty() || lines[2].empty() || lines[3].empty())
    return std::nullopt;
  return PendingLogin{lines[1], lines[2], lines[3], SafeReturnPath(lines[4])};
}

std::string SafeReturnPath(std::string_view wanted) {
  if (wanted.empty() || wanted.size() > 2000 || wanted[0] != '/') return "/";
  if (wanted.size() > 1 && (wanted[1] == '/' || wanted[1] == '\\')) return "/";
  for (const char ch : wanted) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == '\\') return "/";
  }
  return std::string(wanted);
}

}  // namespace ansvar::oidc
