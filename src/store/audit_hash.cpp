// The hash of an audit entry, shared by every backend so that a trail can move between them and still verify.
//
// SHA-256 (libsodium) over an unambiguous encoding: a domain tag, then each field as an 8-byte little-endian
// length followed by its bytes, in this order: prev_hash, seq, at, actor_id, actor_name, kind, entity_id, action,
// before_json, after_json. seq and at are written as decimal text (at as UTC seconds since the epoch), kind as its
// wire name ("system"). Length prefixes make "ab"+"c" and "a"+"bc" hash differently.
//
// An entry that names the credential that made it (a session or an API token, issue 17) is hashed under the domain
// tag "ansvar-audit/2" with the credential as one more field at the end; an entry without one is hashed as before,
// so that trails written before the credential was recorded still verify, and a credential cannot be removed from
// an entry (nor added to one) without breaking its hash.
#include <sodium.h>

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace ansvar::store {
namespace {

constexpr std::string_view kDomain = "ansvar-audit/1";
constexpr std::string_view kDomainWithCredential = "ansvar-audit/2";

void EnsureSodium() {
  static const int init = sodium_init();  // thread-safe once; returns 1 when already initialised
  if (init < 0) throw std::runtime_error("libsodium could not be initialised");
}

class Hasher {
 public:
  Hasher() { crypto_hash_sha256_init(&state_); }

  void Field(std::string_view bytes) {
    std::array<unsigned char, 8> len{};
    uint64_t n = bytes.size();
    for (auto& b : len) {
      b = static_cast<unsigned char>(n & 0xffU);
      n >>= 8;
    }
    crypto_hash_sha256_update(&state_, len.data(), len.size());
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): libsodium takes bytes
    crypto_hash_sha256_update(&state_, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  }

  std::string Hex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&state_, digest.data());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
  }

 private:
  crypto_hash_sha256_state state_{};
};

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  EnsureSodium();
  Hasher h;
  h.Field(e.credential.empty() ? kDomain : kDomainWithCredential);
  h.Field(e.prev_hash);
  h.Field(std::to_string(e.seq));
  h.Field(std::to_string(e.at.seconds()));
  h.Field(e.actor_id);
  h.Field(e.actor_name);
  h.Field(ToString(e.kind));
  h.Field(e.entity_id);
  h.Field(e.action);
  h.Field(e.before_json);
  h.Field(e.after_json);
  if (!e.credential.empty()) h.Field(e.credential);
  return h.Hex();
}

// The trail of the documents kept beside the register (operational messages): the same encoding under its own
// domain tag, with the collection in place of the kind.
std::string DocumentAuditHash(const DocumentAuditEntry& e) {
  EnsureSodium();
  Hasher h;
  h.Field(e.credential.empty() ? "ansvar-document-audit/1" : "ansvar-document-audit/2");
  h.Field(e.prev_hash);
  h.Field(std::to_string(e.seq));
  h.Field(std::to_string(e.at.seconds()));
  h.Field(e.actor_id);
  h.Field(e.actor_name);
  h.Field(e.collection);
  h.Field(e.document_id);
  h.Field(e.action);
  h.Field(e.before_json);
  h.Field(e.after_json);
  if (!e.credential.empty()) h.Field(e.credential);
  return h.Hex();
}

}  // namespace ansvar::store
