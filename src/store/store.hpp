#pragma once
// The repository of the register: the interface every storage backend implements (SQLite: store/sqlite/,
// PostgreSQL: store/postgres/). It knows the model, nothing of HTTP or JSON: the audit trail's before and
// after images arrive as text made by the caller (app/), and the store keeps and chains them.
//
// Contract (tests/store/store_contract_test.cpp runs it against every backend):
//  - Migrate() brings an empty or older database to the current schema, versioned, idempotent.
//  - Load() returns the whole register as stored, with each entity's version.
//  - Apply() writes a batch of changes in ONE transaction: all or nothing. A change whose expected_version
//    does not match the stored version (or a create of an existing id, or an update/delete of a missing one)
//    throws ConflictError and changes nothing. Each change gets a new version (1 on create, +1 on update) and
//    one audit entry; the audit entries are hash-chained.
//  - ReplaceRegister() replaces the whole register atomically with the audit entries given.
//  - The audit trail is append-only: VerifyAudit() recomputes the chain and reports the first broken entry.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "model/register.hpp"
#include "model/validate.hpp"

namespace ansvar::store {

// The collections of the register that are kept entity by entity (the model's Collection).
using Kind = model::Collection;
inline constexpr size_t kKindCount = 12;
std::string_view ToString(Kind kind);  // "organization", "committee", …, "data_subject_request"
std::optional<Kind> ParseKind(std::string_view name);

using Entity = std::variant<model::Organization, model::Committee, model::Administration, model::Person, model::System,
                            model::Delegation, model::PowerOfAttorney, model::ProcessingActivity,
                            model::ProcessorRecord, model::Incident, model::DataSubjectRequest, model::Agreement>;
Kind KindOf(const Entity& e);
std::string IdOf(const Entity& e);

struct EntityKey {
  Kind kind = Kind::kSystem;
  std::string id;
  friend auto operator<=>(const EntityKey&, const EntityKey&) = default;
};

// Who made a change: an account id (or "cli", "demo") and a display name.
struct Actor {
  std::string id;
  std::string name;
};

struct Change {
  EntityKey key;
  std::optional<Entity> after;              // nullopt: delete
  std::optional<int64_t> expected_version;  // nullopt with `after`: create (must not exist); with delete: any
  std::string before_json;                  // the audit images, canonical JSON ("" when none)
  std::string after_json;
};

struct AuditEntry {
  int64_t seq = 0;
  model::Timestamp at;
  std::string actor_id;
  std::string actor_name;
  Kind kind = Kind::kSystem;
  std::string entity_id;
  std::string action;  // "create" | "update" | "delete"
  std::string before_json;
  std::string after_json;
  std::string prev_hash;  // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;       // hex SHA-256 over prev_hash and this entry's fields
};

struct AuditFilter {
  std::optional<Kind> kind;
  std::optional<std::string> entity_id;
  std::optional<std::string> actor_id;
  std::optional<model::Timestamp> from;  // inclusive
  std::optional<model::Timestamp> to;    // inclusive
  std::optional<int64_t> after_seq;      // entries with seq > after_seq
  size_t limit = 1000;
  bool newest_first = true;
};

struct AuditVerification {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> first_bad_seq;
  std::string reason;
};

struct Snapshot {
  model::Register reg;
  std::map<EntityKey, int64_t> versions;
  int64_t last_audit_seq = 0;
};

struct Committed {
  int64_t last_audit_seq = 0;
  std::vector<int64_t> versions;  // the new version of each change, in order (0 for a delete)
};

// A change lost a race or contradicts what is stored; nothing was written.
class ConflictError : public std::runtime_error {
 public:
  ConflictError(EntityKey key, std::string message) : std::runtime_error(std::move(message)), key_(std::move(key)) {}
  [[nodiscard]] const EntityKey& key() const { return key_; }

 private:
  EntityKey key_;
};

// The backend failed (I/O, constraint, connection); the message is safe to log, the transaction was rolled back.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The hash of an audit entry: SHA-256 over prev_hash and the entry's fields (store/audit_hash.cpp).
std::string AuditHash(const AuditEntry& e);

class Store {
 public:
  virtual ~Store() = default;

  virtual int SchemaVersion() = 0;
  virtual int Migrate() = 0;  // returns the number of migrations applied

  virtual Snapshot Load() = 0;
  virtual Committed Apply(const std::vector<Change>& changes, const Actor& actor, model::Timestamp at) = 0;
  // Replaces everything; `audit` holds one change per created, updated or deleted entity (versions ignored).
  virtual Committed ReplaceRegister(const model::Register& reg, const std::vector<Change>& audit, const Actor& actor,
                                    model::Timestamp at) = 0;

  virtual std::vector<AuditEntry> ReadAudit(const AuditFilter& filter) = 0;
  virtual AuditVerification VerifyAudit() = 0;
  // The last audit seq, cheap: other instances' writes show up as a larger number.
  virtual int64_t LastAuditSeq() = 0;
};

}  // namespace ansvar::store
