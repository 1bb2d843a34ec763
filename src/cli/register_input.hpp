#pragma once
// Loading a register and its effective rulebook for a command: defaults, then the register's "rulebook" object,
// then --rulebook FILE. Problems go to stderr with their JSON path.
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

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

// Leaves what a command read to the end of the process instead of taking it apart when the command returns: the
// process gives its memory back whole as it ends, and freeing a national register's millions of allocations one by
// one took about 0.2 s of `check`'s CPU on a national register. Kept reachable from a static, so that leak checkers
// do not report it.
template <class T>
void LeaveToExit(T&& value) {
  // NOLINTNEXTLINE(cppcoreguidelines-owning-memory): never freed, on purpose (above)
  static auto* const kept = new std::vector<const void*>();
  // NOLINTNEXTLINE(cppcoreguidelines-owning-memory): as above
  kept->push_back(new std::decay_t<T>(std::forward<T>(value)));
}

bool WriteOutput(const std::string& text, const std::string& output_file);

}  // namespace ansvar::cli
