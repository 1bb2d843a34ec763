#pragma once
// Registers for the store tests: one that sets every field of the model (and leaves every optional one empty
// somewhere), the public example, and a generated one of any size for timing.
#include <cstddef>
#include <string>

#include "model/register.hpp"
#include "store/store.hpp"

namespace ansvar::store::testing {

model::Register FullRegister();
// spec/examples/kungsbacka-small.json, with ids given to its delegations and processor records.
model::Register ExampleRegister();
// About `systems` systems with 10 roles, 3 documents and 2 processing activities each, in organisations of 500.
model::Register ScaledRegister(size_t systems);

// Changes as the app layer makes them; the audit images are small made-up JSON.
Change Create(Entity e);
Change Update(Entity e, int64_t expected_version);
Change Delete(Kind kind, std::string id, std::optional<int64_t> expected_version = std::nullopt);

}  // namespace ansvar::store::testing

namespace ansvar::store::testing {
// Where two registers first differ ("systems[0].documents[2]"), or "" when they are equal. For test messages.
std::string FirstDifference(const model::Register& a, const model::Register& b);
}  // namespace ansvar::store::testing
