#pragma once
// The rulebook as JSON: overrides read from a rulebook file or a register's "rulebook" object, and the
// effective rulebook written out (`ansvar rulebook`) as the starting point of a municipality's own.
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"
#include "model/validate.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::io {

// Applies the settings present in `json` (an object) onto `rulebook`; absent settings keep their value.
// Problems name their path under `root` ("$.rulebook.dpia_threshold").
std::vector<model::Problem> ApplyRulebookJson(rules::Rulebook& rulebook, std::string_view json,
                                              const std::string& root = "$");
// Gives every organization with a "rulebook" of its own its effective rulebook (cooperation-and-decisions.md §1):
// `rulebook` (the defaults with the register's and any file's overrides applied) with the organization's overrides
// on top, key by key. On a problem (paths "$.organizations[i].rulebook…") nothing changes.
std::vector<model::Problem> ApplyOrganizationRulebooks(rules::Rulebook& rulebook, const model::Register& reg);
// `base` (the defaults, with a rulebook file's settings) with the register's and its organizations' overrides applied.
// Stored overrides were checked when written; a problem leaves that level's overrides out.
rules::Rulebook EffectiveRulebook(rules::Rulebook base, const model::Register& reg);
std::vector<model::Problem> ApplyRulebookFile(rules::Rulebook& rulebook, const std::string& path);

std::string RulebookJson(const rules::Rulebook& rulebook);

// The JSON Schema of what RulebookJson writes, made from what it writes for the defaults (every category, every rule,
// every setting), so that the API's description cannot drift from the writer. `overrides`: the schema of a rulebook's
// overrides (a register's or an organization's "rulebook"): the same settings, none required, other keys let through
// as the reader ignores them.
std::string RulebookJsonSchema(bool overrides);

}  // namespace ansvar::io
