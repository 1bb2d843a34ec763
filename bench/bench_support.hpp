#pragma once
// Shared by the two bench executables: where the default register lives and how it is written.
#include <cstdio>
#include <filesystem>
#include <string>

#include "io/register_writer.hpp"
#include "model/register.hpp"

namespace ansvar::bench {

// bench/out/national.json in the source tree (ANSVAR_BENCH_OUT_DIR is set by bench/CMakeLists.txt).
inline std::string DefaultRegisterPath() { return std::string(ANSVAR_BENCH_OUT_DIR) + "/national.json"; }
// bench/out/flat.json: the register of the second generator (flat_register.hpp).
inline std::string DefaultFlatRegisterPath() { return std::string(ANSVAR_BENCH_OUT_DIR) + "/flat.json"; }

inline bool WriteFile(const std::string& path, const std::string& text) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  return std::fclose(f) == 0 && ok;
}

inline bool WriteRegisterFile(const model::Register& reg, const std::string& path, size_t& bytes) {
  const std::string text = io::WriteRegister(reg, /*pretty=*/false);
  bytes = text.size();
  return WriteFile(path, text);
}

}  // namespace ansvar::bench
