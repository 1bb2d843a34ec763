#pragma once
// The output of `check` and `derive`: JSON exactly as spec/register-format.md gives it, and readable text.
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/json_writer.hpp"
#include "model/time.hpp"
#include "rules/finding.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::io {

// One finding as the API writes it, with its message in a language; with `subject_name`, the subject carries its name
// too (the web pages' findings).
void WriteFindingJson(JsonWriter& o, const rules::Finding& f, std::string_view message,
                      const std::string* subject_name = nullptr);

std::string FindingsJson(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, rules::Lang lang, bool pretty = true);
// A page of selected findings with the summary of all selected: {as_of, findings, summary, total, limit, offset}.
struct FindingsPage {
  size_t offset = 0;
  size_t limit = 100;
};
std::string FindingsPageJson(std::span<const rules::Finding* const> selected, const FindingsPage& page,
                             const rules::RegisterIndex& index, model::Timestamp as_of, rules::Lang lang);
// Grouped by severity, then by subject.
std::string FindingsText(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, rules::Lang lang);

std::string DeriveJson(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, bool pretty = true);
std::string DeriveText(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, rules::Lang lang);

// The same four as a stream: each hands its output to `write` piece by piece, in order, byte for byte what the
// function above returns, formatting blocks of it on `threads` threads (0: one per core) while the caller's thread
// writes. Memory stays at a few blocks whatever the size of the register. False when a write failed.
using WriteOutput = std::function<bool(std::string_view)>;
bool WriteFindingsJson(const WriteOutput& write, const std::vector<rules::Finding>& findings,
                       const rules::RegisterIndex& index, model::Timestamp as_of, rules::Lang lang, bool pretty = true,
                       unsigned threads = 0);
bool WriteFindingsText(const WriteOutput& write, const std::vector<rules::Finding>& findings,
                       const rules::RegisterIndex& index, model::Timestamp as_of, rules::Lang lang,
                       unsigned threads = 0);
bool WriteDeriveJson(const WriteOutput& write, const rules::RegisterIndex& index, const rules::Rulebook& rulebook,
                     bool pretty = true, unsigned threads = 0);
bool WriteDeriveText(const WriteOutput& write, const rules::RegisterIndex& index, const rules::Rulebook& rulebook,
                     rules::Lang lang, unsigned threads = 0);

}  // namespace ansvar::io
