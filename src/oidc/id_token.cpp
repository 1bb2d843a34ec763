#include "oidc/id_token.hpp"

#include <openssl/bn.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>

#include "oidc/base64url.hpp"
#include "oidc/crypto.hpp"

namespace ansvar::oidc {
namespace {

using Json = nlohmann::json;

enum class Family { kRsaPkcs1, kRsaPss, kEcdsa };

struct Algorithm {
  std::string_view name;
  Family family;
  const EVP_MD* (*digest)();
  KeyType ec_curve;  // for kEcdsa only
};

constexpr Algorithm kAlgorithms[] = {
    {"RS256", Family::kRsaPkcs1, EVP_sha256, KeyType::kRsa}, {"RS384", Family::kRsaPkcs1, EVP_sha384, KeyType::kRsa},
    {"RS512", Family::kRsaPkcs1, EVP_sha512, KeyType::kRsa}, {"PS256", Family::kRsaPss, EVP_sha256, KeyType::kRsa},
    {"PS384", Family::kRsaPss, EVP_sha384, KeyType::kRsa},   {"PS512", Family::kRsaPss, EVP_sha512, KeyType::kRsa},
    {"ES256", Family::kEcdsa, EVP_sha256, KeyType::kEcP256}, {"ES384", Family::kEcdsa, EVP_sha384, KeyType::kEcP384},
};

const Algorithm* FindAlgorithm(std::string_view name) {
  for (const auto& a : kAlgorithms)
    if (a.name == name) return &a;
  return nullptr;
}

bool Fits(const PublicKey& key, const Algorithm& alg) {
  if (!key.alg.empty() && key.alg != alg.name) return false;
  return alg.family == Family::kEcdsa ? key.type == alg.ec_curve : key.type == KeyType::kRsa;
}

// JWS carries an ECDSA signature as R || S of fixed size (RFC 7518 §3.4); OpenSSL verifies DER.
std::optional<std::string> EcdsaToDer(std::string_view raw, KeyType curve) {
  const size_t half = curve == KeyType::kEcP256 ? 32 : 48;
  if (raw.size() != 2 * half) return std::nullopt;
  // NOLINTBEGIN(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  BIGNUM* r = BN_bin2bn(bytes, static_cast<int>(half), nullptr);
  BIGNUM* s = BN_bin2bn(bytes + half, static_cast<int>(half), nullptr);
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r), BN_free(s);
    return std::nullopt;
  }
  const int size = i2d_ECDSA_SIG(sig.get(), nullptr);
  if (size <= 0) return std::nullopt;
  std::string der(static_cast<size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  // NOLINTEND(cppcoreguidelines-pro-type-reinterpret-cast)
  if (i2d_ECDSA_SIG(sig.get(), &out) != size) return std::nullopt;
  return der;
}

bool VerifySignature(const PublicKey& key, const Algorithm& alg, std::string_view input, std::string_view signature) {
  std::string der;
  if (alg.family == Family::kEcdsa) {
    auto converted = EcdsaToDer(signature, alg.ec_curve);
    if (!converted) return false;
    der = std::move(*converted);
    signature = der;
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, alg.digest(), nullptr, key.key.get()) != 1) return false;
  if (alg.family == Family::kRsaPss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
                                        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) != 1))
    return false;
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): OpenSSL takes bytes
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

std::optional<Json> JsonPart(std::string_view part) {
  const auto bytes = Base64UrlDecode(part);
  if (!bytes) return std::nullopt;
  Json doc = Json::parse(*bytes, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  return doc;
}

std::optional<int64_t> NumericDate(const Json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_float()) return static_cast<int64_t>(it->get<double>());
  return it->get<int64_t>();
}

bool AllowedTenant(const std::string& tid, const std::vector<std::string>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const std::string& a) {
    return a.size() == tid.size() && std::equal(a.begin(), a.end(), tid.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
  });
}

std::string ExpectedIssuer(const std::string& issuer, const Json& claims) {
  const auto at = issuer.find("{tenantid}");
  if (at == std::string::npos) return issuer;
  const auto tid = claims.find("tid");
  if (tid == claims.end() || !tid->is_string()) return issuer;  // cannot match: iss never holds the braces
  const auto t = tid->get<std::string>();
  if (t.empty() ||
      !std::all_of(t.begin(), t.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '-'; }))
    return issuer;
  return issuer.substr(0, at) + t + issuer.substr(at + 10);
}

}  // namespace

Result<IdToken> VerifyIdToken(std::string_view token, const KeySet& keys, const IdTokenCheck& check) {
  // A compact JWS has exactly three parts; five would be an encrypted JWT, which we never asked for.
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return InvalidToken("the ID token is not a signed JWT (JWS compact serialization)");
  const auto header = JsonPart(token.substr(0, dot1));
  const auto claims = JsonPart(token.substr(dot1 + 1, dot2 - dot1 - 1));
  const auto signature = Base64UrlDecode(token.substr(dot2 + 1));
  if (!header || !claims || !signature) return InvalidToken("the ID token is not well-formed base64url JSON");

  // The header: an allowed asymmetric algorithm (never "none", never HMAC), no extension we do not understand.
  const auto alg_it = header->find("alg");
  if (alg_it == header->end() || !alg_it->is_string()) return InvalidToken("the ID token names no algorithm");
  const auto alg_name = alg_it->get<std::string>();
  const Algorithm* alg = FindAlgorithm(alg_name);
  if (!alg || std::find(check.algorithms.begin(), check.algorithms.end(), alg_name) == check.algorithms.end())
    return InvalidToken("the ID token's algorithm \"" + alg_name.substr(0, 16) + "\" is not allowed");
  if (header->contains("crit")) return InvalidToken("the ID token has critical header extensions");
  std::string kid;
  if (const auto k = header->find("kid"); k != header->end()) {
    if (!k->is_string()) return InvalidToken("the ID token's kid is not a string");
    kid = k->get<std::string>();
  }

  // The signature, by the key the header names (or, without a kid, by any key that fits the algorithm).
  const std::string_view input = token.substr(0, dot2);
  bool named = false, verified = false;
  for (const auto& key : keys.keys) {
    if (!kid.empty() && key.kid != kid) continue;
    named = named || !kid.empty();
    if (!Fits(key, *alg)) continue;
    if (VerifySignature(key, *alg, input, *signature)) {
      verified = true;
      break;
    }
  }
  if (!kid.empty() && !named)
    return Error{ErrorCode::kUnknownKey, "the ID token is signed by a key the provider does not list"};
  if (!verified) return InvalidToken("the ID token's signature does not verify");

  // The claims (OIDC Core §3.1.3.7 steps 2-3, 9-11).
  IdToken out;
  for (const auto& [name, value] : claims->items())
    if (value.is_string()) out.claims[name] = value.get<std::string>();
  out.issuer = out.Claim("iss");
  out.subject = out.Claim("sub");
  // A provider shared by many organizations (Entra ID's "organizations" and "common"): only the allowed tenants.
  if (check.issuer.find("{tenantid}") != std::string::npos) {
    const auto tid = claims->find("tid");
    if (tid == claims->end() || !tid->is_string() || !AllowedTenant(tid->get<std::string>(), check.allowed_tenants))
      return InvalidToken("the ID token comes from a tenant this server does not accept (--oidc-allowed-tenant)");
  }
  if (out.issuer.empty() || out.issuer != ExpectedIssuer(check.issuer, *claims))
    return InvalidToken("the ID token was issued by another issuer");
  if (out.subject.empty() || out.subject.size() > 255) return InvalidToken("the ID token has no valid subject (sub)");
  const auto aud = claims->find("aud");
  bool for_us = false;
  size_t audiences = 0;
  if (aud != claims->end() && aud->is_string())
    audiences = 1, for_us = aud->get<std::string>() == check.client_id;
  else if (aud != claims->end() && aud->is_array())
    for (const auto& a : *aud)
      ++audiences, for_us = for_us || (a.is_string() && a.get<std::string>() == check.client_id);
  if (!for_us) return InvalidToken("the ID token is meant for another client (aud)");
  const auto azp = claims->find("azp");
  if (azp != claims->end() && (!azp->is_string() || azp->get<std::string>() != check.client_id))
    return InvalidToken("the ID token was issued to another party (azp)");
  if (audiences > 1 && azp == claims->end()) return InvalidToken("the ID token has several audiences and no azp");
  const auto exp = NumericDate(*claims, "exp"), iat = NumericDate(*claims, "iat"), nbf = NumericDate(*claims, "nbf");
  if (!exp || !iat) return InvalidToken("the ID token lacks exp or iat");
  if (check.now >= *exp + check.leeway) return InvalidToken("the ID token has expired");
  if (*iat > check.now + check.leeway) return InvalidToken("the ID token was issued in the future (iat)");
  if (*iat < check.now - check.max_age - check.leeway) return InvalidToken("the ID token is stale (iat)");
  if (nbf && *nbf > check.now + check.leeway) return InvalidToken("the ID token is not valid yet (nbf)");
  const auto nonce = out.Claim("nonce");
  if (check.nonce.empty() || !ConstantTimeEquals(nonce, check.nonce))
    return InvalidToken("the ID token's nonce is not this sign-in's");
  if (const auto v = claims->find("email_verified"); v != claims->end()) {
    if (v->is_boolean())
      out.email_verified = v->get<bool>();
    else if (v->is_string())
      out.email_verified = v->get<std::string>() == "true";  // some providers send text
  }
  out.issued_at = *iat, out.expires_at = *exp;
  return out;
}

}  // namespace ansvar::oidc
