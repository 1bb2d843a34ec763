#pragma once
// Reading the register exchange format ansvar-register/1 (spec/register-format.md).
// A bad document never crashes the reader: every fault comes back with the JSON path to fix.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"
#include "model/validate.hpp"

namespace ansvar::io {

struct ReadResult {
  std::optional<model::Register> reg;    // set when there are no problems
  std::vector<model::Problem> problems;  // syntax, types, enums, then references (model::Validate)
};

// Parses and validates a whole register. `text` need not be padded.
ReadResult ReadRegister(std::string_view text, size_t max_problems = 100);
ReadResult ReadRegisterFile(const std::string& path, size_t max_problems = 100);

// "$.systems[3].roles[0].person: unknown person "p-9"", one per line.
std::string FormatProblems(const std::vector<model::Problem>& problems, size_t max_lines = 20);

}  // namespace ansvar::io
