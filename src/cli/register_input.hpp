#pragma once
// Loading a register and its effective rulebook for a command: defaults, then the register's "rulebook" object,
// then --rulebook FILE. Problems go to stderr with their JSON path.
#include <optional>
#include <string>

#include "model/register.hpp"
#include "rules/catalog.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::cli {

struct LoadedRegister {
  model::Register reg;
  rules::Rulebook rulebook;
};

std::optional<LoadedRegister> LoadRegister(const std::string& path, const std::string& rulebook_file);
std::optional<rules::Lang> ParseLang(const std::string& lang);
bool WriteOutput(const std::string& text, const std::string& output_file);

}  // namespace ansvar::cli
