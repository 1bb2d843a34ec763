// The store contract for what is kept beside the register (store.hpp "Beside the register"): keyed records
// (the reminder log, sessions, throttles) and JSON documents with their own hash-chained trail (operational
// messages, calendar tokens, accounts). Run for every backend like the rest of the contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "store_contract.hpp"

namespace ansvar::store::testing {
namespace {

model::Timestamp T(const char* text) { return *model::ParseTimestamp(text); }

const Actor kAnna{"anna", "Anna Dataskydd"};

TEST_P(StoreContract, RecordsAreInsertedOnceSwappedOnlyFromWhatIsStoredAndListedByPrefix) {
  const Record a{"reminder/p1/R-PLAN-ANNUAL/2026", "sending", "pid-1", T("2026-01-01T08:00:00Z")};
  EXPECT_FALSE(store_->GetRecord(a.key));
  EXPECT_TRUE(store_->RecordOnce(a));
  EXPECT_FALSE(store_->RecordOnce({a.key, "sending", "pid-2", T("2026-01-01T08:00:01Z")}));
  EXPECT_EQ(store_->GetRecord(a.key), a);

  EXPECT_FALSE(store_->SwapRecord({a.key, "sending", "pid-2", a.at}, {a.key, "sent", "", a.at}));
  EXPECT_EQ(store_->GetRecord(a.key), a);
  const Record sent{a.key, "sent", "", T("2026-01-01T08:00:05Z")};
  EXPECT_TRUE(store_->SwapRecord(a, sent));
  EXPECT_EQ(store_->GetRecord(a.key), sent);

  store_->PutRecord({"reminder/p2/x", "s", "{\"å\":\"ä\"}", a.at});
  store_->PutRecord({"reminder/p2/x", "t", "ny", a.at});  // replaces
  store_->PutRecord({"reminders-other", "s", "", a.at});  // shares the first letters only
  store_->PutRecord({"session/abc", "s", "", a.at});
  const auto listed = store_->ListRecords("reminder/");
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].key, "reminder/p1/R-PLAN-ANNUAL/2026");  // sorted by key
  EXPECT_EQ(listed[1].data, "ny");
  EXPECT_EQ(store_->ListRecords("").size(), 4u);

  EXPECT_TRUE(store_->DeleteRecord("session/abc"));
  EXPECT_FALSE(store_->DeleteRecord("session/abc"));
  Reopen();
  EXPECT_EQ(store_->GetRecord(a.key), sent);
  EXPECT_FALSE(store_->GetRecord("session/abc"));
}

TEST_P(StoreContract, OnlyOneOfManyWritersClaimsARecord) {
  std::atomic<int> claimed = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      if (store_->RecordOnce({"claim/1", "sending", "writer-" + std::to_string(i), T("2026-01-01T00:00:00Z")}))
        ++claimed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed.load(), 1);
}

TEST_P(StoreContract, DocumentsHaveVersionsAndATrail) {
  const auto t1 = T("2026-03-01T10:00:00Z");
  EXPECT_EQ(store_->PutDocument("accounts", "anna", R"({"id":"anna","role":"dpo"})", std::nullopt, kAnna, t1), 1);
  EXPECT_THROW(store_->PutDocument("accounts", "anna", "{}", std::nullopt, kAnna, t1), ConflictError);
  EXPECT_THROW(store_->PutDocument("accounts", "anna", "{}", 7, kAnna, t1), ConflictError);  // stale version
  EXPECT_THROW(store_->PutDocument("accounts", "bo", "{}", 1, kAnna, t1), ConflictError);    // does not exist
  EXPECT_EQ(store_->PutDocument("accounts", "anna", R"({"id":"anna","role":"admin"})", 1, kAnna, t1), 2);
  // The same id in another collection is another document.
  EXPECT_EQ(store_->PutDocument("api_tokens", "anna", "{}", std::nullopt, kAnna, t1), 1);

  const auto doc = store_->GetDocument("accounts", "anna");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->version, 2);
  EXPECT_EQ(doc->json, R"({"id":"anna","role":"admin"})");
  EXPECT_FALSE(store_->GetDocument("accounts", "nobody"));
  EXPECT_EQ(store_->ListDocuments("accounts").size(), 1u);

  EXPECT_THROW(store_->DeleteDocument("accounts", "anna", 1, kAnna, t1), ConflictError);
  EXPECT_EQ(store_->GetDocument("accounts", "anna")->version, 2);  // a refused delete changes nothing
  store_->DeleteDocument("accounts", "anna", 2, kAnna, T("2026-03-02T10:00:00Z"));
  EXPECT_FALSE(store_->GetDocument("accounts", "anna"));
  EXPECT_THROW(store_->DeleteDocument("accounts", "anna", std::nullopt, kAnna, t1), ConflictError);

  Reopen();
  const auto trail = store_->ReadDocumentAudit("accounts", "anna", 0);
  ASSERT_EQ(trail.size(), 3u);  // newest first
  EXPECT_EQ(trail[0].action, "delete");
  EXPECT_EQ(trail[1].action, "update");
  EXPECT_EQ(trail[1].before_json, R"({"id":"anna","role":"dpo"})");
  EXPECT_EQ(trail[2].action, "create");
  EXPECT_EQ(trail[2].actor_name, "Anna Dataskydd");
  EXPECT_EQ(store_->ReadDocumentAudit("accounts", "", 1).size(), 1u);
  // One chain over every collection, each entry's hash over its predecessor's.
  auto all = store_->ReadDocumentAudit("accounts", "", 0);
  const auto tokens = store_->ReadDocumentAudit("api_tokens", "", 0);
  all.insert(all.end(), tokens.begin(), tokens.end());
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.seq < y.seq; });
  ASSERT_EQ(all.size(), 4u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].hash, DocumentAuditHash(all[i])) << "entry " << all[i].seq;
    if (i > 0) {
      EXPECT_EQ(all[i].prev_hash, all[i - 1].hash) << "entry " << all[i].seq;
    }
  }
}

TEST_P(StoreContract, ConcurrentDocumentWritersLoseNoUpdate) {
  const auto t = T("2026-03-01T10:00:00Z");
  store_->PutDocument("operational_messages", "m1", "0", std::nullopt, kAnna, t);
  std::atomic<int> won = 0, lost = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      try {
        store_->PutDocument("operational_messages", "m1", std::to_string(i + 1), 1, kAnna, t);
        ++won;
      } catch (const ConflictError&) {
        ++lost;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(lost.load(), 5);
  EXPECT_EQ(store_->GetDocument("operational_messages", "m1")->version, 2);
  EXPECT_EQ(store_->ReadDocumentAudit("operational_messages", "m1", 0).size(), 2u);
}

}  // namespace
}  // namespace ansvar::store::testing
