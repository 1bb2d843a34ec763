#pragma once
// The audit trails' rows, written and read the same way by every backend: the next entry of a chain, an entry's
// column values in the order of kAuditColumns, an entry read back from a row, and the check of a whole chain.
// Internal to store/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/rows/row_cursor.hpp"
#include "store/store.hpp"

namespace ansvar::store::internal {

// The columns of audit_log and of cycle_document_audit (collection and document_id in place of kind and
// entity_id), in the order of AuditValues.
inline constexpr std::string_view kAuditColumns =
    "seq, at, actor_id, actor_name, kind, entity_id, action, before_json, after_json, prev_hash, hash, credential";
inline constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor_id, actor_name, kind, entity_id, action, before_json, after_json, prev_hash, hash, "
    "credential FROM audit_log";
inline constexpr std::string_view kDocumentAuditColumns =
    "seq, at, actor_id, actor_name, collection, document_id, action, before_json, after_json, prev_hash, hash, "
    "credential";

// The last entry of a chain: its seq and hash (0 and "" for an empty trail).
struct AuditTail {
  int64_t seq = 0;
  std::string hash;
};

// The entry after `tail`, hashed; `tail` moves on to it.
AuditEntry NextAuditEntry(AuditTail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                          std::string_view action, const std::string& before_json, const std::string& after_json);
DocumentAuditEntry NextDocumentAuditEntry(AuditTail& tail, const Actor& actor, model::Timestamp at,
                                          const std::string& collection, const std::string& id, std::string_view action,
                                          const std::string& before_json, const std::string& after_json);

// The fields an audit entry's hash covers (store.hpp's AuditHash), as views: hashing needs no copy of the images.
struct AuditFields {
  std::string_view prev_hash;
  int64_t seq = 0;
  int64_t at_seconds = 0;
  std::string_view actor_id;
  std::string_view actor_name;
  std::string_view kind;
  std::string_view entity_id;
  std::string_view action;
  std::string_view before_json;
  std::string_view after_json;
  std::string_view credential;
};
std::string AuditHashOf(const AuditFields& f);

// The row of the entry after `tail`, as NextAuditEntry makes it, without copying the images: the views point into
// the arguments, which must outlive the row. `tail` moves on to it.
struct AuditRow {
  int64_t seq = 0;
  std::string at;  // FormatTimestamp
  std::string_view actor_id;
  std::string_view actor_name;
  std::string_view kind;
  std::string_view entity_id;
  std::string_view action;
  std::string_view before_json;
  std::string_view after_json;
  std::string prev_hash;
  std::string hash;
  std::string_view credential;

  // Each column value in the order of kAuditColumns, as AuditValues gives an entry's.
  template <class Put>
  void Values(Put&& put) const {
    put(seq);
    put(std::string_view(at));
    put(actor_id);
    put(actor_name);
    put(kind);
    put(entity_id);
    put(action);
    put(before_json);
    put(after_json);
    put(std::string_view(prev_hash));
    put(std::string_view(hash));
    put(credential);
  }
};
AuditRow NextAuditRow(AuditTail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                      std::string_view action, std::string_view before_json, std::string_view after_json);

// Calls `put` with each column value of an entry in the order of kAuditColumns: the seq as int64_t, the others as
// text (std::string or std::string_view).
template <class Entry, class Put>
void AuditValues(const Entry& e, Put&& put) {
  put(e.seq);
  put(model::FormatTimestamp(e.at));
  put(e.actor_id);
  put(e.actor_name);
  if constexpr (std::is_same_v<Entry, AuditEntry>) {
    put(ToString(e.kind));
    put(e.entity_id);
  } else {
    put(e.collection);
    put(e.document_id);
  }
  put(e.action);
  put(e.before_json);
  put(e.after_json);
  put(e.prev_hash);
  put(e.hash);
  put(e.credential);
}

// A row of kAuditSelect; nullopt (and why) when a column does not read as what the store writes.
std::optional<AuditEntry> ReadAuditEntry(const rows::RowCursor& row, std::string& problem);
// A row of cycle_document_audit's columns; StoreError (naming `backend`) when its time is unreadable.
DocumentAuditEntry ReadDocumentAuditEntry(const rows::RowCursor& row, std::string_view backend);

// Checks a trail entry by entry, oldest first: seqs without gaps from 1, each prev_hash the hash before, each hash
// the entry's own. Add() returns false once an entry is bad (the rest need not be read).
class AuditChainCheck {
 public:
  bool Add(const rows::RowCursor& row);
  // An entry whose row could not be read back (a compressed image that does not decompress): the trail is broken
  // there. Returns false.
  bool AddUnreadable(int64_t seq, std::string reason);
  [[nodiscard]] const AuditVerification& result() const { return v_; }

 private:
  bool Fail(int64_t seq, std::string reason);
  AuditVerification v_;
  std::string prev_hash_;
  int64_t prev_seq_ = 0;
};

}  // namespace ansvar::store::internal
