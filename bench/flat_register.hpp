#pragma once
// A second, simpler generator of a national register, of another shape than synthetic_register.hpp and written
// as another tool would write it: every municipality alike (executive board, service committee, six committees,
// audit; eight administrations), about 490 systems each with few roles and documents, about 350 processing
// activities, nothing else. The text is pretty-printed with two spaces, keys in alphabetical order, non-ASCII
// escaped as \uXXXX (what Python's json.dump(sort_keys=True, indent=2) writes), absent values as null.
// It is written straight to text, not through io/: a register the reader has never seen the like of.
#include <cstdint>
#include <string>

namespace ansvar::bench {

struct FlatOptions {
  uint64_t seed = 1;
  int municipalities = 290;
  int systems = 490;     // per municipality (±10 %)
  int activities = 350;  // per municipality (±10 %)
  std::string as_of = "2025-06-15";
};

// Writes the register to `path`; false when it cannot. `bytes`: its size.
bool WriteFlatRegister(const FlatOptions& options, const std::string& path, size_t& bytes);

}  // namespace ansvar::bench
