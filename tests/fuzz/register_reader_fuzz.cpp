// Any bytes given to the register reader give a register or problems with a path; never a crash.
// When a register comes back, writing and reading it again gives the same register, and check runs on it.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "io/register_reader.hpp"
#include "io/register_writer.hpp"
#include "io/rulebook_json.hpp"
#include "rules/check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = ansvar::io::ReadRegister(text);
  if (!result.reg) {
    if (result.problems.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  auto again = ansvar::io::ReadRegister(ansvar::io::WriteRegister(*result.reg, false));
  if (!again.reg || !(*again.reg == *result.reg)) std::abort();
  auto rulebook = ansvar::rules::Rulebook::Default();
  if (!result.reg->rulebook_overrides.empty())
    (void)ansvar::io::ApplyRulebookJson(rulebook, result.reg->rulebook_overrides);
  (void)ansvar::rules::Check(*result.reg, rulebook, {ansvar::model::Timestamp::FromSeconds(1739145600)});
  return 0;
}
