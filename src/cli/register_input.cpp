#include "cli/register_input.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "io/register_reader.hpp"
#include "io/rulebook_json.hpp"

namespace ansvar::cli {

std::optional<LoadedRegister> LoadRegister(const std::string& path, const std::string& rulebook_file) {
  auto read = io::ReadRegisterFile(path);
  if (!read.reg) {
    std::cerr << "ansvar: " << path << " is not a usable register:\n" << io::FormatProblems(read.problems);
    return std::nullopt;
  }
  LoadedRegister loaded{std::move(*read.reg), rules::Rulebook::Default()};
  if (!loaded.reg.rulebook_overrides.empty()) {
    auto problems = io::ApplyRulebookJson(loaded.rulebook, loaded.reg.rulebook_overrides, "$.rulebook");
    if (!problems.empty()) {
      std::cerr << "ansvar: " << path << " has a bad rulebook:\n" << io::FormatProblems(problems);
      return std::nullopt;
    }
  }
  if (!rulebook_file.empty()) {
    auto problems = io::ApplyRulebookFile(loaded.rulebook, rulebook_file);
    if (!problems.empty()) {
      std::cerr << "ansvar: bad rulebook file:\n" << io::FormatProblems(problems);
      return std::nullopt;
    }
  }
  if (auto problems = io::ApplyOrganizationRulebooks(loaded.rulebook, loaded.reg); !problems.empty()) {
    std::cerr << "ansvar: " << path << " has a bad organization rulebook:\n" << io::FormatProblems(problems);
    return std::nullopt;
  }
  return loaded;
}

std::optional<rules::Lang> ParseLang(const std::string& lang) {
  if (lang == "sv") return rules::Lang::kSv;
  if (lang == "en") return rules::Lang::kEn;
  return std::nullopt;
}

bool WriteOutput(const std::string& text, const std::string& output_file) {
  if (output_file.empty() || output_file == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::ofstream out(output_file, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

}  // namespace ansvar::cli
