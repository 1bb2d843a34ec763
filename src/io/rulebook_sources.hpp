#pragma once
// Where each value of an organization's effective rulebook comes from (cooperation-and-decisions.md §1): the
// built-in default, the rulebook file the server was started with, the register's "rulebook", or the organization's
// own. Computed with the same merge as the rules use (ApplyRulebookJson level by level), never a second one.
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"
#include "rules/rulebook.hpp"

namespace ansvar::io {

enum class RulebookSource { kDefault, kFile, kRegister, kOrganization };
std::string_view ToString(RulebookSource s);

// One setting: a leaf of the rulebook's JSON (a number, a flag, a date, a list, a rule's enabled or severity).
struct RulebookSettingSource {
  std::vector<std::string> path;  // {"dpia_threshold"}, {"categories", "commercial_service", "mandatory_documents"}
  std::string value;              // the effective value as JSON
  RulebookSource source = RulebookSource::kDefault;
  std::string inherited;  // the value one level down (what removing this level's override falls back to), JSON
};

// `base`: the defaults with the rulebook file's settings (the server's base rulebook). `organization`: null for the
// register's own effective rulebook. Stored overrides were checked when written; a level that does not apply (a
// problem) is left out, as EffectiveRulebook does.
std::vector<RulebookSettingSource> RulebookSources(const rules::Rulebook& base, const model::Register& reg,
                                                   const model::Organization* organization);

}  // namespace ansvar::io
