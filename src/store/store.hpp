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
inline constexpr size_t kKindCount = 14;
std::string_view ToString(Kind kind);  // "organization", "committee", …, "cooperation", "dpa_decision"
std::optional<Kind> ParseKind(std::string_view name);

using Entity =
    std::variant<model::Organization, model::Committee, model::Administration, model::Person, model::System,
                 model::Delegation, model::PowerOfAttorney, model::ProcessingActivity, model::ProcessorRecord,
                 model::Incident, model::DataSubjectRequest, model::Agreement, model::Cooperation, model::DpaDecision>;
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
  // The credential that made the change (issue 17): "session:<first 16 hex of the session id's SHA-256>",
  // "token:<API token id>" ("token:<id>;issued_by:<issuer>" for a token created by someone other than its account:
  // it acts on the account's behalf, app::TokenCredential), or "" (the command line, the demo). Kept in the audit
  // entry and in its hash.
  std::string credential = {};
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
  std::string prev_hash;   // hex SHA-256 of the previous entry ("" for the first)
  std::string hash;        // hex SHA-256 over prev_hash and this entry's fields
  std::string credential;  // Actor::credential ("" in entries written before it was recorded)
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

// The version of every entity of a register, position for position with its collection: versions[k][i] is that of
// the i-th entity of kind k's collection (a national register's 600,000 versions as arrays, not as a sorted map of
// their keys: the start built and sorted the keys only for the service to move them into its own maps).
using EntityVersions = std::array<std::vector<int64_t>, kKindCount>;

struct Snapshot {
  model::Register reg;
  EntityVersions versions;
  int64_t last_audit_seq = 0;
  int64_t replace_count = 0;  // whole-register replaces so far, where the backend counts them (see CatchUp)

  // One entity's version by its id (0: there is none), found by a scan: for tests and tools.
  [[nodiscard]] int64_t VersionOf(Kind kind, std::string_view id) const;
  // How many versions there are (one per entity).
  [[nodiscard]] size_t VersionCount() const;
};

// What another instance may have written since a snapshot (Store::CatchUp).
struct CatchUpEntries {
  std::vector<AuditEntry> entries;  // after the given seq, oldest first
  int64_t replace_count = 0;        // as in Snapshot: when it moved, a whole-register replace happened
};

struct Committed {
  int64_t last_audit_seq = 0;
  std::vector<int64_t> versions;  // the new version of each change, in order (0 for a delete)
  int64_t replace_count = 0;      // after a ReplaceRegister: as in Snapshot (0 where the backend does not count)
};

// Why a change conflicts: what the use cases decide on (a stale version is 412, the rest 409), never the message.
enum class ConflictReason {
  kContradicts,  // contradicts what is stored in some other way
  kExists,       // a create of an id that exists
  kMissing,      // an update or delete of what does not exist
  kStale,        // the expected version is not the stored one: someone else changed it
  kReferenced,   // a delete (or an update dropping a part) of what others still refer to
  kDangling,     // a reference that does not resolve
  kUnstorable,   // a value the database cannot hold, an id twice
};

// A change lost a race or contradicts what is stored; nothing was written.
class ConflictError : public std::runtime_error {
 public:
  ConflictError(ConflictReason reason, EntityKey key, std::string message)
      : std::runtime_error(message), reason_(reason), key_(std::move(key)) {}
  ConflictError(EntityKey key, std::string message)
      : ConflictError(ConflictReason::kContradicts, std::move(key), std::move(message)) {}
  [[nodiscard]] ConflictReason reason() const { return reason_; }
  [[nodiscard]] const EntityKey& key() const { return key_; }

 private:
  ConflictReason reason_;
  EntityKey key_;
};

// The backend failed (I/O, constraint, connection); the message is safe to log, the transaction was rolled back.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The backend keeps nothing beside the register (Store's default GetRecord, PutDocument …): reads of those may be
// answered as empty, writes cannot be.
class NotSupportedError : public StoreError {
 public:
  NotSupportedError() : StoreError("not supported by this backend") {}
};

// The hash of an audit entry: SHA-256 over prev_hash and the entry's fields (store/audit_hash.cpp).
std::string AuditHash(const AuditEntry& e);

// ---- Beside the register: the annual cycle's bookkeeping (app/cycle_service.hpp). ----
// A small keyed record: a setting, a calendar feed token's hash, an entry of the reminder log.
struct Record {
  std::string key;
  std::string state;
  std::string data;
  model::Timestamp at;
  friend bool operator==(const Record&, const Record&) = default;
};

// A JSON document of a named collection kept beside the register (operational messages), with its version.
struct StoredDocument {
  std::string collection;
  std::string id;
  int64_t version = 0;
  std::string json;
};

// One change of a stored document in its own append-only, hash-chained trail (the register's audit trail knows
// only the register's kinds, see Kind).
struct DocumentAuditEntry {
  int64_t seq = 0;
  model::Timestamp at;
  std::string actor_id;
  std::string actor_name;
  std::string collection;
  std::string document_id;
  std::string action;  // "create" | "update" | "delete"
  std::string before_json;
  std::string after_json;
  std::string prev_hash;
  std::string hash;
  std::string credential;  // Actor::credential
};
// SHA-256 over prev_hash and the entry's fields, encoded as AuditHash does under its own domain tag.
std::string DocumentAuditHash(const DocumentAuditEntry& e);

// What lives beside the register (the annual cycle's bookkeeping, accounts, publications): keyed records and JSON
// documents with their own trail. A use case beside the register is given this (RegisterService::Beside), never the
// register's tables.
class Beside {
 public:
  virtual ~Beside() = default;

  // Not pure: a backend that does not keep these throws NotSupportedError (a StoreError). Each call is its own
  // transaction.
  virtual std::optional<Record> GetRecord(const std::string& key);
  virtual std::vector<Record> ListRecords(const std::string& key_prefix);  // sorted by key
  virtual void PutRecord(const Record& record);                            // insert or replace
  // Inserts `record` unless a record has its key; true when this call inserted it.
  virtual bool RecordOnce(const Record& record);
  // Replaces the record whose state, data and at equal `expected`'s (same key) with `next`; false when it differs.
  virtual bool SwapRecord(const Record& expected, const Record& next);
  virtual bool DeleteRecord(const std::string& key);

  virtual std::vector<StoredDocument> ListDocuments(const std::string& collection);  // sorted by id
  virtual std::optional<StoredDocument> GetDocument(const std::string& collection, const std::string& id);
  // Writes the document and one entry of the document audit in one transaction; `expected_version` nullopt:
  // create (ConflictError when it exists); otherwise the stored version must equal it. Returns the new version.
  virtual int64_t PutDocument(const std::string& collection, const std::string& id, const std::string& json,
                              std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at);
  // Deletes with an audit entry; ConflictError when missing or when `expected_version` differs.
  virtual void DeleteDocument(const std::string& collection, const std::string& id,
                              std::optional<int64_t> expected_version, const Actor& actor, model::Timestamp at);
  // Newest first; an empty `id` means every document of the collection; limit 0: all.
  virtual std::vector<DocumentAuditEntry> ReadDocumentAudit(const std::string& collection, const std::string& id,
                                                            size_t limit);
};

class Store : public Beside {
 public:
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
  // The audit entries after `after_seq` (oldest first, at most `limit`) and the replace count, read in one
  // snapshot, so that an instance can apply other instances' changes instead of loading everything again. Only
  // entries of Apply() can be applied so: when the replace count moved, the caller loads in full. A backend that
  // does not count replaces answers nullopt (the caller then always loads in full).
  virtual std::optional<CatchUpEntries> CatchUp(int64_t /*after_seq*/, size_t /*limit*/) { return std::nullopt; }
};

}  // namespace ansvar::store
