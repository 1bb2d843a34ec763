#include "store/audit_chain.hpp"

#include <utility>

namespace ansvar::store::internal {
namespace {

template <class Entry>
void Chain(Entry& e, AuditTail& tail, const Actor& actor, model::Timestamp at, std::string_view action,
           const std::string& before_json, const std::string& after_json) {
  e.seq = tail.seq + 1;
  e.at = at;
  e.actor_id = actor.id;
  e.actor_name = actor.name;
  e.credential = actor.credential;
  e.action = action;
  e.before_json = before_json;
  e.after_json = after_json;
  e.prev_hash = std::move(tail.hash);
}

}  // namespace

AuditEntry NextAuditEntry(AuditTail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                          std::string_view action, const std::string& before_json, const std::string& after_json) {
  AuditEntry e;
  e.kind = key.kind;
  e.entity_id = key.id;
  Chain(e, tail, actor, at, action, before_json, after_json);
  e.hash = AuditHash(e);
  tail.seq = e.seq;
  tail.hash = e.hash;
  return e;
}

AuditRow NextAuditRow(AuditTail& tail, const Actor& actor, model::Timestamp at, const EntityKey& key,
                      std::string_view action, std::string_view before_json, std::string_view after_json) {
  AuditRow r;
  r.seq = tail.seq + 1;
  r.at = model::FormatTimestamp(at);
  r.actor_id = actor.id;
  r.actor_name = actor.name;
  r.kind = ToString(key.kind);
  r.entity_id = key.id;
  r.action = action;
  r.before_json = before_json;
  r.after_json = after_json;
  r.credential = actor.credential;
  r.prev_hash = std::move(tail.hash);
  r.hash = AuditHashOf({r.prev_hash, r.seq, at.seconds(), r.actor_id, r.actor_name, r.kind, r.entity_id, r.action,
                        r.before_json, r.after_json, r.credential});
  tail.seq = r.seq;
  tail.hash = r.hash;
  return r;
}

DocumentAuditEntry NextDocumentAuditEntry(AuditTail& tail, const Actor& actor, model::Timestamp at,
                                          const std::string& collection, const std::string& id, std::string_view action,
                                          const std::string& before_json, const std::string& after_json) {
  DocumentAuditEntry e;
  e.collection = collection;
  e.document_id = id;
  Chain(e, tail, actor, at, action, before_json, after_json);
  e.hash = DocumentAuditHash(e);
  tail.seq = e.seq;
  tail.hash = e.hash;
  return e;
}

std::optional<AuditEntry> ReadAuditEntry(const rows::RowCursor& row, std::string& problem) {
  AuditEntry e;
  e.seq = row.Int(0);
  const auto at = model::ParseTimestamp(row.Text(1));
  if (!at) {
    problem = "unreadable time \"" + std::string(row.Text(1)) + "\"";
    return std::nullopt;
  }
  e.at = *at;
  e.actor_id = row.Text(2);
  e.actor_name = row.Text(3);
  const auto kind = ParseKind(row.Text(4));
  if (!kind) {
    problem = "unknown kind \"" + std::string(row.Text(4)) + "\"";
    return std::nullopt;
  }
  e.kind = *kind;
  e.entity_id = row.Text(5);
  e.action = row.Text(6);
  e.before_json = row.Text(7);
  e.after_json = row.Text(8);
  e.prev_hash = row.Text(9);
  e.hash = row.Text(10);
  e.credential = row.Text(11);
  return e;
}

DocumentAuditEntry ReadDocumentAuditEntry(const rows::RowCursor& row, std::string_view backend) {
  DocumentAuditEntry e;
  e.seq = row.Int(0);
  const auto at = model::ParseTimestamp(row.Text(1));
  if (!at)
    throw StoreError(std::string(backend) + ": document audit entry " + std::to_string(e.seq) +
                     " has an unreadable time");
  e.at = *at;
  e.actor_id = row.Text(2);
  e.actor_name = row.Text(3);
  e.collection = row.Text(4);
  e.document_id = row.Text(5);
  e.action = row.Text(6);
  e.before_json = row.Text(7);
  e.after_json = row.Text(8);
  e.prev_hash = row.Text(9);
  e.hash = row.Text(10);
  e.credential = row.Text(11);
  return e;
}

bool AuditChainCheck::Fail(int64_t seq, std::string reason) {
  v_.ok = false;
  v_.first_bad_seq = seq;
  v_.reason = std::move(reason);
  return false;
}

bool AuditChainCheck::AddUnreadable(int64_t seq, std::string reason) {
  if (!v_.ok) return false;
  ++v_.entries;
  return Fail(seq, std::move(reason));
}

bool AuditChainCheck::Add(const rows::RowCursor& row) {
  if (!v_.ok) return false;
  ++v_.entries;
  const int64_t seq = row.Int(0);
  if (seq != prev_seq_ + 1)
    return Fail(seq, prev_seq_ == 0 ? "the trail does not start at entry 1"
                                    : "entries " + std::to_string(prev_seq_ + 1) + " to " + std::to_string(seq - 1) +
                                          " are missing");
  std::string problem;
  auto e = ReadAuditEntry(row, problem);
  if (!e) return Fail(seq, problem);
  if (e->prev_hash != prev_hash_)
    return Fail(seq, "prev_hash does not match the hash of " + (prev_seq_ == 0 ? std::string("the start of the trail")
                                                                               : "entry " + std::to_string(prev_seq_)));
  if (AuditHash(*e) != e->hash) return Fail(seq, "the hash does not match the entry's content: it was altered");
  prev_hash_ = std::move(e->hash);
  prev_seq_ = seq;
  return true;
}

}  // namespace ansvar::store::internal
