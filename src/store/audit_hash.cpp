// The hash of an audit entry, shared by every backend so that a trail can move between them and still verify.
//
// SHA-256 (OpenSSL's EVP: its SHA-NI/AVX kernels hash a national import's 520 MB of images in a fraction of the time
// libsodium's portable code took) over an unambiguous encoding: a domain tag, then each field as an 8-byte
// little-endian length followed by its bytes, in this order: prev_hash, seq, at, actor_id, actor_name, kind, entity_id,
// action, before_json, after_json. seq and at are written as decimal text (at as UTC seconds since the epoch), kind as
// its wire name ("system"). Length prefixes make "ab"+"c" and "a"+"bc" hash differently.
//
// An entry that names the credential that made it (a session or an API token, issue 17) is hashed under the domain
// tag "ansvar-audit/2" with the credential as one more field at the end; an entry without one is hashed as before,
// so that trails written before the credential was recorded still verify, and a credential cannot be removed from
// an entry (nor added to one) without breaking its hash.
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/audit_chain.hpp"
#include "store/store.hpp"

namespace ansvar::store {
namespace {

constexpr std::string_view kDomain = "ansvar-audit/1";
constexpr std::string_view kDomainWithCredential = "ansvar-audit/2";

// SHA-256 fetched once (an implicit fetch on every init costs about a microsecond: 0.6 s over a national import).
const EVP_MD* Sha256() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                  &EVP_MD_free);
  if (!md) throw std::runtime_error("OpenSSL: SHA-256 is not available");
  return md.get();
}

// Each field as an 8-byte little-endian length and its bytes. Short fields are gathered in a buffer and hashed in
// one update with the next long one: an entry has a dozen fields, most of them a few bytes.
class Hasher {
 public:
  Hasher() : ctx_(Context()) {
    if (EVP_DigestInit_ex2(ctx_, Sha256(), nullptr) != 1) throw std::runtime_error("OpenSSL: SHA-256 init failed");
  }

  void Field(std::string_view bytes) {
    uint64_t n = bytes.size();
    for (int i = 0; i < 8; ++i) {
      buffer_.push_back(static_cast<char>(n & 0xffU));
      n >>= 8;
    }
    if (bytes.size() < kShort) {
      buffer_.append(bytes);
      return;
    }
    Flush();
    Update(bytes);
  }

  std::string Hex() {
    Flush();
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_, digest.data(), &size) != 1 || size != 32)
      throw std::runtime_error("OpenSSL: SHA-256 failed");
    static constexpr std::string_view kHex = "0123456789abcdef";
    std::string hex(size_t{64}, '0');
    for (size_t i = 0; i < 32; ++i) {
      hex[2 * i] = kHex[digest[i] >> 4U];
      hex[2 * i + 1] = kHex[digest[i] & 0xfU];
    }
    return hex;
  }

 private:
  static constexpr size_t kShort = 256;

  // One context per thread, reused: EVP_DigestInit_ex2 resets it.
  static EVP_MD_CTX* Context() {
    thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx) throw std::runtime_error("OpenSSL: out of memory");
    return ctx.get();
  }
  void Update(std::string_view bytes) {
    if (EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1) throw std::runtime_error("OpenSSL: SHA-256 failed");
  }
  void Flush() {
    if (buffer_.empty()) return;
    Update(buffer_);
    buffer_.clear();
  }

  EVP_MD_CTX* ctx_;
  std::string buffer_;
};

}  // namespace

namespace internal {

std::string AuditHashOf(const AuditFields& f) {
  Hasher h;
  h.Field(f.credential.empty() ? kDomain : kDomainWithCredential);
  h.Field(f.prev_hash);
  h.Field(std::to_string(f.seq));
  h.Field(std::to_string(f.at_seconds));
  h.Field(f.actor_id);
  h.Field(f.actor_name);
  h.Field(f.kind);
  h.Field(f.entity_id);
  h.Field(f.action);
  h.Field(f.before_json);
  h.Field(f.after_json);
  if (!f.credential.empty()) h.Field(f.credential);
  return h.Hex();
}

}  // namespace internal

std::string AuditHash(const AuditEntry& e) {
  return internal::AuditHashOf({e.prev_hash, e.seq, e.at.seconds(), e.actor_id, e.actor_name, ToString(e.kind),
                                e.entity_id, e.action, e.before_json, e.after_json, e.credential});
}

// The trail of the documents kept beside the register (operational messages): the same encoding under its own
// domain tag, with the collection in place of the kind.
std::string DocumentAuditHash(const DocumentAuditEntry& e) {
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
