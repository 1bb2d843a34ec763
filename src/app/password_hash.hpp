#pragma once
// Password hashes: Argon2id by libsodium's crypto_pwhash_str at the interactive limits (OPSLIMIT_INTERACTIVE,
// MEMLIMIT_INTERACTIVE: about 64 MiB and a few tenths of a second), self-describing strings ("$argon2id$v=19$…")
// with their own random salt. Internal to app/.
#include <string>
#include <string_view>

namespace ansvar::app::internal {

// The hash of `password` (throws std::runtime_error when out of memory).
std::string HashPassword(std::string_view password);
// Whether `password` matches `hash`; false for a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);
// Whether `hash` was made with other limits than today's (verify succeeded: hash it again).
bool NeedsRehash(const std::string& hash);
// The same work as a real check against a hash no password matches: an unknown user name costs what a wrong
// password does, so that timing does not tell which names exist.
void VerifyNothing(std::string_view password);

}  // namespace ansvar::app::internal
