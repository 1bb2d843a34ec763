// API tokens for integrations: documents of "api_tokens" (id = 16 hex), each holding the SHA-256 of its token
// "ansvar_<id>_<64 hex>", never the token; created and revoked in the store's document trail. The id in the token
// finds the document at once; the hashes are compared in constant time (sodium_memcmp).
#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "app/account_store.hpp"
#include "app/accounts.hpp"
#include "app/cycle_crypto.hpp"
#include "io/account_json.hpp"

namespace ansvar::app {
namespace {

using internal::kApiTokens;
using internal::RandomHex;
using internal::Sha256Hex;

constexpr std::string_view kPrefix = "ansvar_";
constexpr size_t kIdBytes = 8;
constexpr size_t kSecretBytes = 32;

bool IsLowerHex(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// The id of a well-formed token, or "".
std::string TokenId(std::string_view token) {
  if (!token.starts_with(kPrefix)) return {};
  token.remove_prefix(kPrefix.size());
  if (token.size() != kIdBytes * 2 + 1 + kSecretBytes * 2 || token[kIdBytes * 2] != '_') return {};
  const auto id = token.substr(0, kIdBytes * 2);
  if (!IsLowerHex(id, kIdBytes * 2) || !IsLowerHex(token.substr(kIdBytes * 2 + 1), kSecretBytes * 2)) return {};
  return std::string(id);
}

constexpr std::string_view kIssuedBy = ";issued_by:";

}  // namespace

std::string TokenCredential(const auth::ApiToken& token) {
  std::string out = "token:" + token.id;
  // Issued by someone else (an admin, `ansvar user token create` as cli:…): the token acts on the account's behalf,
  // and every change made with it names its issuer beside the account (issue 17).
  if (!token.created_by.empty() && token.created_by != token.account) out += std::string(kIssuedBy) + token.created_by;
  return out;
}

std::string CredentialIssuer(std::string_view credential) {
  if (!credential.starts_with("token:")) return {};
  const auto at = credential.find(kIssuedBy);
  return at == std::string_view::npos ? std::string() : std::string(credential.substr(at + kIssuedBy.size()));
}

Result<IssuedApiToken> Accounts::CreateToken(const std::string& account_id, const std::string& name,
                                             const store::Actor& actor, std::optional<int> expires_in_days) {
  if (name.empty() || name.size() > 200)
    return Invalid("the token is not valid", {{"$.name", "a label of 1 to 200 characters: what the integration is"}});
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 3650))
    return Invalid("the token is not valid", {{"$.expires_in_days", "1 to 3650 days"}});
  auto account = Get(account_id);
  if (!account.ok()) {
    if (account.error().code == ErrorCode::kNotFound)
      return Invalid("the token is not valid", {{"$.account", "account \"" + account_id + "\" does not exist"}});
    return account.error();
  }
  IssuedApiToken out;
  auto& t = out.record;
  t.id = RandomHex(kIdBytes);
  out.token = std::string(kPrefix) + t.id + "_" + RandomHex(kSecretBytes);
  t.account = account.value().id;
  t.name = name;
  t.hash = Sha256Hex(out.token);
  t.created_at = clock_();
  t.created_by = actor.id;
  if (expires_in_days)
    t.expires_at = model::Timestamp::FromSeconds(t.created_at.seconds() + int64_t(*expires_in_days) * 86400);
  try {
    store_.PutDocument(std::string(kApiTokens), t.id, io::WriteStoredApiToken(t), std::nullopt, actor, t.created_at);
  } catch (const store::ConflictError& e) {
    return Error{ErrorCode::kConflict, "Konflikt / Conflict", e.what(), {}};
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return out;
}

Result<bool> Accounts::RevokeToken(const std::string& token_id, const store::Actor& actor) {
  try {
    const auto doc = store_.GetDocument(std::string(kApiTokens), token_id);
    if (!doc) return NotFound("API token \"" + token_id + "\" finns inte / does not exist");
    auto read = io::ReadStoredApiToken(doc->json);
    if (!read.problems.empty()) return internal::Unreadable(token_id);
    if (read.value.revoked_at) return true;  // already: nothing to change
    read.value.revoked_at = clock_();
    store_.PutDocument(std::string(kApiTokens), token_id, io::WriteStoredApiToken(read.value), doc->version, actor,
                       *read.value.revoked_at);
  } catch (const store::ConflictError& e) {
    return Error{ErrorCode::kConflict, "Konflikt / Conflict", e.what(), {}};
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return true;
}

Result<std::vector<auth::ApiToken>> Accounts::ListTokens() const {
  std::vector<auth::ApiToken> out;
  try {
    for (const auto& d : store_.ListDocuments(std::string(kApiTokens))) {
      auto read = io::ReadStoredApiToken(d.json);
      if (!read.problems.empty()) return internal::Unreadable(d.id);
      out.push_back(std::move(read.value));
    }
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return out;
}

std::optional<Authenticated> Accounts::FromToken(const std::string& token) const {
  const std::string id = TokenId(token);
  if (id.empty()) return std::nullopt;
  const auto doc = store_.GetDocument(std::string(kApiTokens), id);
  if (!doc) return std::nullopt;
  auto read = io::ReadStoredApiToken(doc->json);
  if (!read.problems.empty() || read.value.revoked_at) return std::nullopt;
  if (read.value.expires_at && clock_().seconds() >= read.value.expires_at->seconds()) return std::nullopt;
  const std::string hash = Sha256Hex(token);
  const auto& stored = read.value.hash;
  if (stored.size() != hash.size() || sodium_memcmp(stored.data(), hash.data(), hash.size()) != 0) return std::nullopt;
  const auto account_doc = store_.GetDocument(std::string(internal::kAccounts), read.value.account);
  if (!account_doc) return std::nullopt;
  auto account = io::ReadStoredAccount(account_doc->json);
  if (!account.problems.empty() || account.value.disabled) return std::nullopt;
  RecordTokenUse(read.value, account.value.name);
  return Authenticated{std::move(account.value), std::nullopt, id, TokenCredential(read.value)};
}

}  // namespace ansvar::app
