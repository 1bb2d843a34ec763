#include "app/password_hash.hpp"

#include <sodium.h>

#include <stdexcept>

#include "app/cycle_crypto.hpp"

namespace ansvar::app::internal {

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("the password could not be hashed (out of memory)");
  return out;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  EnsureSodium();
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool NeedsRehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void VerifyNothing(std::string_view password) {
  // A hash of a random password made once: verifying against it does the full Argon2id work and never succeeds.
  static const std::string dummy = HashPassword(RandomHex(32));
  (void)VerifyPassword(password, dummy);
}

}  // namespace ansvar::app::internal
