#pragma once
// The syntax of an entity's id (issue 17): 1 to 100 characters, each a letter (A–Z, a–z or any letter outside
// ASCII, such as å, ä, ö), a digit, '.', '_' or '-'. Ids travel into URLs, file names, iCalendar and
// Atom lines, CSV cells and e-mails; a CR, LF, slash, quote or space in one would be an injection waiting for the
// one writer that forgets to escape. The register format (shared/spec/register-format.md) uses such ids throughout.
#include <optional>
#include <string>
#include <string_view>

namespace ansvar::model {

inline constexpr size_t kMaxIdLength = 100;

// Whether `id` has the syntax of an id.
bool ValidIdSyntax(std::string_view id);
// Why `id` is not an id, for a problem at the id's path (Swedish / English); nullopt when it is one.
std::optional<std::string> IdSyntaxProblem(std::string_view id);

}  // namespace ansvar::model
