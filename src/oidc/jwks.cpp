#include "oidc/jwks.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <nlohmann/json.hpp>

#include "oidc/base64url.hpp"

namespace ansvar::oidc {
namespace {

using Json = nlohmann::json;

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Bn = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM, OSSL_PARAM_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;

std::optional<std::string> Member(const Json& jwk, const char* name) {
  const auto it = jwk.find(name);
  if (it == jwk.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> Bytes(const Json& jwk, const char* name) {
  const auto text = Member(jwk, name);
  if (!text) return std::nullopt;
  return Base64UrlDecode(*text);
}

Bn BigNum(const std::string& bytes) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes
  return Bn(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr));
}

std::shared_ptr<EVP_PKEY> FromParams(const char* type, OSSL_PARAM_BLD* bld) {
  const Params params(OSSL_PARAM_BLD_to_param(bld));
  const PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return nullptr;
  EVP_PKEY* key = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) return nullptr;
  return {key, EVP_PKEY_free};
}

std::shared_ptr<EVP_PKEY> RsaKey(const Json& jwk) {
  const auto n = Bytes(jwk, "n"), e = Bytes(jwk, "e");
  if (!n || !e || n->empty() || e->empty()) return nullptr;
  const Bn bn_n = BigNum(*n), bn_e = BigNum(*e);
  const ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bn_n || !bn_e || !bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1)
    return nullptr;
  auto key = FromParams("RSA", bld.get());
  // Shorter RSA keys are breakable; no provider worth trusting signs with them (RFC 7518 §3.3).
  if (key && EVP_PKEY_get_bits(key.get()) < 2048) return nullptr;
  return key;
}

std::shared_ptr<EVP_PKEY> EcKey(const Json& jwk, KeyType& type) {
  const auto crv = Member(jwk, "crv");
  const auto x = Bytes(jwk, "x"), y = Bytes(jwk, "y");
  if (!crv || !x || !y) return nullptr;
  size_t size = 0;
  const char* group = nullptr;
  if (*crv == "P-256")
    size = 32, group = "prime256v1", type = KeyType::kEcP256;
  else if (*crv == "P-384")
    size = 48, group = "secp384r1", type = KeyType::kEcP384;
  else
    return nullptr;
  if (x->size() != size || y->size() != size) return nullptr;
  std::string point = "\x04" + *x + *y;  // an uncompressed point (SEC 1 §2.3.3)
  const ParamBld bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
    return nullptr;
  return FromParams("EC", bld.get());  // fromdata checks that the point is on the curve
}

}  // namespace

Result<KeySet> ParseJwks(std::string_view json) {
  const Json doc = Json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array())
    return Error{ErrorCode::kUnavailable, "the provider's JWKS is not a JSON key set"};
  KeySet set;
  for (const auto& jwk : doc["keys"]) {
    if (!jwk.is_object()) continue;
    if (const auto use = Member(jwk, "use"); use && *use != "sig") continue;
    PublicKey key;
    key.kid = Member(jwk, "kid").value_or("");
    key.alg = Member(jwk, "alg").value_or("");
    const auto kty = Member(jwk, "kty").value_or("");
    if (kty == "RSA")
      key.type = KeyType::kRsa, key.key = RsaKey(jwk);
    else if (kty == "EC")
      key.key = EcKey(jwk, key.type);
    if (key.key) set.keys.push_back(std::move(key));
  }
  if (set.keys.empty()) return Error{ErrorCode::kUnavailable, "the provider's JWKS holds no usable signing key"};
  return set;
}

}  // namespace ansvar::oidc
