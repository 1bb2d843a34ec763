#pragma once
// The rulebook as JSON: overrides read from a rulebook file or a register's "rulebook" object, and the
// effective rulebook written out (`ansvar rulebook`) as the starting point of a municipality's own.
#include <string>
#include <string_view>
#include <vector>

#include "model/validate.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::io {

// Applies the settings present in `json` (an object) onto `rulebook`; absent settings keep their value.
// Problems name their path under `root` ("$.rulebook.dpia_threshold").
std::vector<model::Problem> ApplyRulebookJson(rules::Rulebook& rulebook, std::string_view json,
                                              const std::string& root = "$");
std::vector<model::Problem> ApplyRulebookFile(rules::Rulebook& rulebook, const std::string& path);

std::string RulebookJson(const rules::Rulebook& rulebook);

}  // namespace ansvar::io
