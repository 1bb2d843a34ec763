#pragma once
// Short lists of plain strings kept in one TEXT column as a JSON array of strings ("[]" when empty), so that
// SQLite's json_each() can still query them. Internal to store/sqlite/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ansvar::store::sqlite {

std::string EncodeStringList(const std::vector<std::string>& items);
// nullopt when the text is not a JSON array of strings.
std::optional<std::vector<std::string>> DecodeStringList(std::string_view text);

}  // namespace ansvar::store::sqlite
