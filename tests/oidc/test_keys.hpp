#pragma once
// Keys made by OpenSSL in the test, their JWKs, and a signer of compact JWS: what a provider does, in a few lines.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "oidc/base64url.hpp"

namespace ansvar::oidc::testing {

using Json = nlohmann::json;
using Pkey = std::shared_ptr<EVP_PKEY>;

inline Pkey RsaKey(unsigned bits = 2048) { return {EVP_RSA_gen(bits), EVP_PKEY_free}; }
inline Pkey EcKey() { return {EVP_EC_gen("P-256"), EVP_PKEY_free}; }

inline std::string BnParam(const Pkey& key, const char* name, size_t pad = 0) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), name, &bn) != 1) throw std::runtime_error("no such key parameter");
  std::string out(pad ? pad : static_cast<size_t>(BN_num_bytes(bn)), '\0');
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(out.size()));
  BN_free(bn);
  return out;
}

inline Json Jwk(const Pkey& key, const std::string& kid) {
  if (EVP_PKEY_is_a(key.get(), "RSA"))
    return {{"kty", "RSA"},
            {"kid", kid},
            {"use", "sig"},
            {"n", Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_RSA_N))},
            {"e", Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_RSA_E))}};
  return {{"kty", "EC"},
          {"kid", kid},
          {"crv", "P-256"},
          {"x", Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, 32))},
          {"y", Base64UrlEncode(BnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, 32))}};
}

inline std::string Sign(const Pkey& key, const std::string& alg, const std::string& input) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  if (EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key.get()) != 1)
    throw std::runtime_error("sign init");
  if (alg == "PS256") {
    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
  }
  size_t size = 0;
  // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast)
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  EVP_DigestSign(ctx.get(), nullptr, &size, in, input.size());
  std::string sig(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &size, in, input.size()) != 1)
    throw std::runtime_error("sign");
  sig.resize(size);
  if (alg != "ES256") return sig;
  // DER → R || S (RFC 7518 §3.4)
  const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
  ECDSA_SIG* es = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
  std::string raw(64, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(es), reinterpret_cast<unsigned char*>(raw.data()), 32);
  BN_bn2binpad(ECDSA_SIG_get0_s(es), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
  // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
  ECDSA_SIG_free(es);
  return raw;
}

inline std::string HmacSha256(const std::string& secret, const std::string& input) {
  unsigned char out[32];
  unsigned int size = 0;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), out, &size);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
  return {reinterpret_cast<const char*>(out), size};
}

// A compact JWS of `header` and `claims`, signed with `key` by header["alg"].
inline std::string Jwt(const Json& header, const Json& claims, const Pkey& key) {
  const std::string input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
  return input + "." + Base64UrlEncode(Sign(key, header.at("alg").get<std::string>(), input));
}

}  // namespace ansvar::oidc::testing
