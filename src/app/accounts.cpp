// Accounts: documents of "accounts" in the store (each change in its document trail), and their passwords' Argon2id
// hashes in records "password/<id>", kept out of the append-only trail.
#include "app/accounts.hpp"

#include <algorithm>
#include <cctype>

#include "app/account_store.hpp"
#include "app/password_hash.hpp"
#include "io/account_json.hpp"

namespace ansvar::app {
namespace {

using internal::kAccounts;

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ValidEmail(const std::string& e) {
  const auto at = e.find('@');
  return e.size() <= 254 && at != std::string::npos && at > 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string::npos && e.find_first_of(" \t\r\n<>\"") == std::string::npos;
}

// The account's fields that depend on each other and on the register.
std::vector<model::Problem> Check(const auth::Account& a, const Accounts::Exists& exists) {
  std::vector<model::Problem> p;
  if (a.name.empty()) p.push_back({"$.name", "must not be empty"});
  if (a.name.size() > 200) p.push_back({"$.name", "at most 200 characters"});
  if (!a.email.empty() && !ValidEmail(a.email)) p.push_back({"$.email", "not an e-mail address"});
  if (a.role == auth::Role::kDataProtectionContact && a.administration.empty())
    p.push_back({"$.administration", "a data_protection_contact needs the administration they are the contact of"});
  if (a.role != auth::Role::kDataProtectionContact && !a.administration.empty())
    p.push_back({"$.administration", "only a data_protection_contact has an administration"});
  if (a.role == auth::Role::kSteward && a.person.empty())
    p.push_back({"$.person", "a steward needs the person of the register whose systems they keep"});
  if (exists) {
    if (!a.administration.empty() && !exists(model::Collection::kAdministration, a.administration))
      p.push_back({"$.administration", "administration \"" + a.administration + "\" does not exist"});
    if (!a.person.empty() && !exists(model::Collection::kPerson, a.person))
      p.push_back({"$.person", "person \"" + a.person + "\" does not exist"});
  }
  return p;
}

void Apply(auth::Account& a, const AccountChange& c) {
  if (c.name) a.name = *c.name;
  if (c.email) a.email = Lower(*c.email);
  if (c.role) a.role = *c.role;
  if (c.administration) a.administration = *c.administration;
  if (c.person) a.person = *c.person;
  if (c.disabled) a.disabled = *c.disabled;
  if (c.oidc_subject) a.oidc_subject = *c.oidc_subject;
  if (c.single_sign_on) a.single_sign_on = *c.single_sign_on;
}

bool EnabledAdmin(const auth::Account& a) { return a.role == auth::Role::kAdmin && !a.disabled; }

}  // namespace

bool ValidAccountId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@' || c == '-';
  });
}

std::optional<std::string> PasswordProblem(std::string_view password) {
  if (password.size() > 1024) return "at most 1024 bytes";
  // Characters, not bytes: UTF-8 continuation bytes do not count.
  const auto chars = std::count_if(password.begin(), password.end(),
                                   [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
  if (chars < 12) return "at least 12 characters";
  return std::nullopt;
}

Accounts::Accounts(store::Beside& store, Clock clock, AccountSettings settings)
    : store_(store), clock_(std::move(clock)), settings_(settings) {}

Result<auth::Account> Accounts::Create(const std::string& raw_id, const AccountChange& change,
                                       const store::Actor& actor) {
  const std::string id = Lower(raw_id);
  if (!ValidAccountId(id))
    return Invalid("the account is not valid", {{"$.id", "1 to 100 of a-z, 0-9, '.', '_', '@', '-'"}});
  if (!change.role) return Invalid("the account is not valid", {{"$.role", "missing required field"}});
  if (change.password && !change.password->empty())
    if (auto problem = PasswordProblem(*change.password))
      return Invalid("the password is not accepted", {{"$.password", *problem}});
  auth::Account a;
  a.id = id;
  a.name = id;
  a.created_at = clock_();
  Apply(a, change);
  if (auto problems = Check(a, exists_); !problems.empty()) return Invalid("the account is not valid", problems);
  try {
    store_.PutDocument(std::string(kAccounts), id, io::WriteStoredAccount(a), std::nullopt, actor, a.created_at);
    if (change.password && !change.password->empty()) internal::StorePassword(store_, id, *change.password, clock_());
  } catch (const store::ConflictError&) {
    return Error{ErrorCode::kConflict,
                 "Finns redan / Already exists",
                 "account \"" + id + "\" already exists",
                 {{"$.id", "finns redan / already exists"}}};
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return a;
}

Result<auth::Account> Accounts::Update(const std::string& id, const AccountChange& change, const store::Actor& actor) {
  if (change.password && !change.password->empty())
    if (auto problem = PasswordProblem(*change.password))
      return Invalid("the password is not accepted", {{"$.password", *problem}});
  try {
    // A concurrent change of the same account: read again and apply once more (the trail keeps both).
    for (int attempt = 0;; ++attempt) {
      const auto doc = store_.GetDocument(std::string(kAccounts), id);
      if (!doc) return NotFound("account \"" + id + "\" finns inte / does not exist");
      auto read = io::ReadStoredAccount(doc->json);
      if (!read.problems.empty()) return internal::Unreadable(id);
      auth::Account a = read.value;
      const bool was_admin = EnabledAdmin(a);
      Apply(a, change);
      if (auto problems = Check(a, exists_); !problems.empty()) return Invalid("the account is not valid", problems);
      if (was_admin && !EnabledAdmin(a)) {
        const auto all = List();
        if (!all.ok()) return all.error();
        const auto admins = std::count_if(all.value().begin(), all.value().end(), EnabledAdmin);
        if (admins <= 1)
          return Error{ErrorCode::kConflict,
                       "Konflikt / Conflict",
                       "this is the last enabled admin: make another account admin first",
                       {}};
      }
      try {
        store_.PutDocument(std::string(kAccounts), id, io::WriteStoredAccount(a), doc->version, actor, clock_());
      } catch (const store::ConflictError&) {
        if (attempt < 3) continue;
        throw;
      }
      if (change.password) {
        if (change.password->empty())
          store_.DeleteRecord(internal::PasswordKey(id));
        else
          internal::StorePassword(store_, id, *change.password, clock_());
      }
      // A new password or a disabled account: whoever is signed in as it is signed out.
      if (change.password || a.disabled) EndSessionsOf(id);
      return a;
    }
  } catch (const store::ConflictError& e) {
    return Error{ErrorCode::kConflict, "Konflikt / Conflict", e.what(), {}};
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
}

Result<auth::Account> Accounts::Get(const std::string& id) const {
  try {
    const auto doc = store_.GetDocument(std::string(kAccounts), Lower(id));
    if (!doc) return NotFound("account \"" + id + "\" finns inte / does not exist");
    auto read = io::ReadStoredAccount(doc->json);
    if (!read.problems.empty()) return internal::Unreadable(id);
    return read.value;
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
}

Result<std::vector<auth::Account>> Accounts::List() const {
  std::vector<auth::Account> out;
  try {
    for (const auto& d : store_.ListDocuments(std::string(kAccounts))) {
      auto read = io::ReadStoredAccount(d.json);
      if (!read.problems.empty()) return internal::Unreadable(d.id);
      out.push_back(std::move(read.value));
    }
  } catch (const store::StoreError& e) {
    return internal::Unavailable(e);
  }
  return out;
}

std::optional<auth::Account> Accounts::Find(AccountMatch by, const std::string& value) const {
  if (value.empty()) return std::nullopt;
  if (by == AccountMatch::kId) {
    auto a = Get(value);
    return a.ok() ? std::optional(a.value()) : std::nullopt;
  }
  const auto all = List();
  if (!all.ok()) return std::nullopt;
  const std::string wanted = by == AccountMatch::kEmail ? Lower(value) : value;
  std::optional<auth::Account> found;
  for (const auto& a : all.value()) {
    const std::string& have = by == AccountMatch::kEmail ? a.email : a.oidc_subject;
    if (have.empty() || have != wanted) continue;
    if (found) return std::nullopt;  // two accounts: ambiguous
    found = a;
  }
  return found;
}

bool Accounts::HasPassword(const std::string& id) const {
  try {
    return store_.GetRecord(internal::PasswordKey(Lower(id))).has_value();
  } catch (const store::StoreError&) {
    return false;
  }
}

bool Accounts::Empty() const { return store_.ListDocuments(std::string(kAccounts)).empty(); }

void Accounts::SetReferenceCheck(Exists exists) { exists_ = std::move(exists); }

}  // namespace ansvar::app
