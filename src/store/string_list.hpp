#pragma once
// Short lists of plain strings kept in one TEXT column as a JSON array of strings ("[]" when empty), so that the
// database can still query them (SQLite's json_each(), PostgreSQL's ::jsonb). Shared by the backends.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ansvar::store {

std::string EncodeStringList(const std::vector<std::string>& items);
// nullopt when the text is not a JSON array of strings.
std::optional<std::vector<std::string>> DecodeStringList(std::string_view text);

}  // namespace ansvar::store
