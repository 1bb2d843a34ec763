// The audit hash is shared by every backend, and a trail written today must verify in any later release: its
// encoding is pinned by a known value, and every field (and where one ends) counts.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "store/store.hpp"

namespace ansvar::store {
namespace {

AuditEntry Sample() {
  AuditEntry e;
  e.seq = 42;
  e.at = model::Timestamp::FromSeconds(1738400400);  // 2025-02-01T09:00:00Z
  e.actor_id = "alice";
  e.actor_name = "Alice Andersson";
  e.kind = Kind::kSystem;
  e.entity_id = "raindance";
  e.action = "update";
  e.before_json = R"({"name":"Raindance"})";
  e.after_json = R"({"name":"Raindance 2"})";
  e.prev_hash = "00ff";
  return e;
}

TEST(AuditHash, IsHexSha256AndPinnedByAKnownValue) {
  const std::string h = AuditHash(Sample());
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  // SHA-256 of ("ansvar-audit/1", prev_hash, seq, at seconds, actor_id, actor_name, kind, entity_id, action,
  // before_json, after_json), each as an 8-byte little-endian length and its UTF-8 bytes (checked with Python).
  EXPECT_EQ(h, "4b949f7b73368912f9069829caaa1c29e29ed17315a099fb093aa0183da7478c");
}

// An entry that names its credential (issue 17) is hashed under "ansvar-audit/2" with the credential last; one
// without keeps the encoding above, so that trails written before verify unchanged.
TEST(AuditHash, TheCredentialCountsWhenThereIsOneAndOldEntriesKeepTheirHash) {
  AuditEntry e = Sample();
  e.credential = "";
  EXPECT_EQ(AuditHash(e), "4b949f7b73368912f9069829caaa1c29e29ed17315a099fb093aa0183da7478c");
  e.credential = "session:0123456789abcdef";
  EXPECT_EQ(AuditHash(e), "690ec86ed71f381340357b32e3cf0f53592220badb5b7e57aef1d97f06a88d10");  // checked with Python
  AuditEntry other = e;
  other.credential = "token:0123456789abcdef";
  EXPECT_NE(AuditHash(other), AuditHash(e));
}

TEST(AuditHash, TheStoredHashIsNotPartOfIt) {
  AuditEntry e = Sample();
  const std::string h = AuditHash(e);
  e.hash = "anything";
  EXPECT_EQ(AuditHash(e), h);
}

TEST(AuditHash, EveryFieldCounts) {
  const std::string h = AuditHash(Sample());
  auto differs = [&](auto change) {
    AuditEntry e = Sample();
    change(e);
    return AuditHash(e) != h;
  };
  EXPECT_TRUE(differs([](AuditEntry& e) { e.prev_hash = "00fe"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.seq = 43; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.at = e.at.AddHours(1); }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.actor_id = "bob"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.actor_name = "Alice"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.kind = Kind::kPerson; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.entity_id = "ecos"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.action = "delete"; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.before_json = ""; }));
  EXPECT_TRUE(differs([](AuditEntry& e) { e.after_json += " "; }));
}

// Two entries that differ only in where one field ends and the next begins.
AuditEntry Split(std::string id, std::string name, std::string before, std::string after) {
  AuditEntry e = Sample();
  e.actor_id = std::move(id);
  e.actor_name = std::move(name);
  e.before_json = std::move(before);
  e.after_json = std::move(after);
  return e;
}

TEST(AuditHash, FieldBoundariesAreUnambiguous) {
  EXPECT_NE(AuditHash(Split("ab", "c", "", "")), AuditHash(Split("a", "bc", "", "")));
  EXPECT_NE(AuditHash(Split("a", "b", "", "x")), AuditHash(Split("a", "b", "x", "")));
}

}  // namespace
}  // namespace ansvar::store
