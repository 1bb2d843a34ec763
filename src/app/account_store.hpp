#pragma once
// Where app/accounts.hpp keeps what: collection names, record keys, and the errors of a failing store. Internal to
// app/.
#include <string>
#include <string_view>

#include "app/result.hpp"
#include "store/store.hpp"

namespace ansvar::app::internal {

inline constexpr std::string_view kAccounts = "accounts";
inline constexpr std::string_view kApiTokens = "api_tokens";
inline constexpr std::string_view kPasswordPrefix = "password/";
inline constexpr std::string_view kSessionPrefix = "session/";
inline constexpr std::string_view kThrottlePrefix = "throttle/";

inline std::string PasswordKey(const std::string& account) { return std::string(kPasswordPrefix) + account; }

// Hashes `password` (Argon2id) and keeps it as the account's; the record's state names the scheme.
void StorePassword(store::Beside& store, const std::string& account, std::string_view password, model::Timestamp at);

inline Error Unavailable(const std::exception& e) {
  return {ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
}
inline Error Unreadable(const std::string& id) {
  return {ErrorCode::kUnavailable,
          "Lagringen svarar inte / Storage unavailable",
          "the stored record \"" + id + "\" is unreadable",
          {}};
}

}  // namespace ansvar::app::internal
