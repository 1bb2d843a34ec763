#pragma once
// The provider's signing keys: a JSON Web Key Set (RFC 7517) made into OpenSSL public keys. RSA keys (2048 bits
// or more) and EC keys on P-256 and P-384; other keys (symmetric, encryption-only, unknown curves) are skipped.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "oidc/error.hpp"

typedef struct evp_pkey_st EVP_PKEY;  // NOLINT: OpenSSL's own forward declaration

namespace ansvar::oidc {

enum class KeyType { kRsa, kEcP256, kEcP384 };

struct PublicKey {
  std::string kid;  // "" when the JWK has none
  std::string alg;  // the JWK's "alg", "" when absent
  KeyType type = KeyType::kRsa;
  std::shared_ptr<EVP_PKEY> key;
};

struct KeySet {
  std::vector<PublicKey> keys;
};

// Parses a JWKS document; an error when it is not JSON or holds no usable signing key.
Result<KeySet> ParseJwks(std::string_view json);

}  // namespace ansvar::oidc
