#pragma once
// One entity of the register (a system, a person, …) in the JSON of the exchange format: what the REST API
// reads and writes, and what the audit trail keeps as before and after images.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"
#include "model/validate.hpp"

namespace ansvar::io {

template <class T>
struct EntityRead {
  std::optional<T> value;  // set when there are no problems
  std::vector<model::Problem> problems;
};

// Reads one entity (types and enums checked; references are checked against a register by the caller).
// `root` prefixes the problem paths ("$" for a request body).
template <class T>
EntityRead<T> ReadEntity(std::string_view json, const std::string& root = "$");

template <class T>
std::string WriteEntity(const T& entity, bool pretty = false);

}  // namespace ansvar::io
