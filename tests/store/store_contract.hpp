#pragma once
// The store contract suite (store_contract_test.cpp) is written once against store::Store and run for every
// backend. A backend plugs in with a Backend (how to open its database and how to reach behind the store's back)
// and an INSTANTIATE_TEST_SUITE_P of StoreContract in its own file (sqlite_store_test.cpp, postgres_store_test.cpp).
// A factory may return no backend (PostgreSQL without a database to test against): the tests are then skipped.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

#include "store/store.hpp"

namespace ansvar::model {
inline void PrintTo(const Register& r, std::ostream* os) {
  *os << "Register{" << r.organizations.size() << " organizations, " << r.people.size() << " people, "
      << r.systems.size() << " systems, " << r.processing_activities.size() << " processing activities, …}";
}
}  // namespace ansvar::model

namespace ansvar::store {
inline void PrintTo(const EntityKey& k, std::ostream* os) { *os << ToString(k.kind) << " \"" << k.id << "\""; }
}  // namespace ansvar::store

namespace ansvar::store::testing {

// One test's database. Open() may be called again (a second instance, or after the first was closed): it opens
// the same data.
class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::unique_ptr<Store> Open() = 0;
  // Alters the after_json of audit entry `seq` behind the store's back (past whatever makes the trail append-only).
  virtual void TamperAuditEntry(int64_t seq, const std::string& after_json) = 0;
  // Removes audit entry `seq` behind the store's back.
  virtual void RemoveAuditEntry(int64_t seq) = 0;
};

struct BackendFactory {
  std::string name;  // the test name suffix: "Sqlite"
  std::function<std::unique_ptr<Backend>()> make;
  friend std::ostream& operator<<(std::ostream& os, const BackendFactory& f) { return os << f.name; }
};

class StoreContract : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    backend_ = GetParam().make();
    if (!backend_) GTEST_SKIP() << GetParam().name << " is not available here (for PostgreSQL: ANSVAR_TEST_PG_URL)";
    store_ = backend_->Open();
  }
  void TearDown() override {
    store_.reset();
    backend_.reset();
  }
  void Reopen() {
    store_.reset();
    store_ = backend_->Open();
  }

  std::unique_ptr<Backend> backend_;
  std::unique_ptr<Store> store_;
};

inline std::string BackendName(const ::testing::TestParamInfo<BackendFactory>& info) { return info.param.name; }

}  // namespace ansvar::store::testing
