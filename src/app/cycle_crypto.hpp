#pragma once
// SHA-256 and random tokens for the annual cycle (calendar feed tokens, reminder digests' Message-IDs), with
// libsodium. Internal to app/.
#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string>
#include <string_view>

namespace ansvar::app::internal {

inline void EnsureSodium() {
  static const int init = sodium_init();  // thread-safe once
  if (init < 0) throw std::runtime_error("libsodium could not be initialised");
}

inline std::string HexOf(const unsigned char* bytes, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, n);
  hex.resize(n * 2);
  return hex;
}

inline std::string Sha256Hex(std::string_view text) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libsodium takes bytes
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return HexOf(digest.data(), digest.size());
}

// `bytes` random bytes from the system's CSPRNG, as hex.
inline std::string RandomHex(size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libsodium takes bytes
  return HexOf(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
}

}  // namespace ansvar::app::internal
