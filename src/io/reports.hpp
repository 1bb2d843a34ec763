#pragma once
// The output of `check` and `derive`: JSON exactly as spec/register-format.md gives it, and readable text.
#include <string>
#include <vector>

#include "model/time.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::io {

std::string FindingsJson(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, rules::Lang lang, bool pretty = true);
// Grouped by severity, then by subject.
std::string FindingsText(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, rules::Lang lang);

std::string DeriveJson(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, bool pretty = true);
std::string DeriveText(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, rules::Lang lang);

}  // namespace ansvar::io
