#include "io/rulebook_sources.hpp"

#include <simdjson.h>

#include <map>
#include <set>

#include "io/rulebook_json.hpp"

namespace ansvar::io {
namespace {

// The leaves in the order written (RulebookJson's order: the numbers, the lists, the categories, the rules).
using Leaves = std::map<std::vector<std::string>, std::string>;
using Ordered = std::vector<std::pair<std::vector<std::string>, std::string>>;

// Every leaf (a value that is not an object) of a JSON object, by its path, as minified JSON.
void Flatten(simdjson::dom::element e, std::vector<std::string>& path, Ordered& out) {
  simdjson::dom::object obj;
  if (e.get(obj) == simdjson::SUCCESS) {
    for (auto field : obj) {
      path.emplace_back(field.key);
      Flatten(field.value, path, out);
      path.pop_back();
    }
    return;
  }
  out.emplace_back(path, simdjson::minify(e));
}

Ordered OrderedLeaves(std::string_view json) {
  Ordered out;
  if (json.empty()) return out;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(simdjson::padded_string(json)).get(root) != simdjson::SUCCESS) return out;
  std::vector<std::string> path;
  Flatten(root, path, out);
  return out;
}

Leaves LeavesOf(std::string_view json) {
  Leaves out;
  for (auto& [path, value] : OrderedLeaves(json)) out.emplace(std::move(path), std::move(value));
  return out;
}

// The overrides of a level only when they apply cleanly (as EffectiveRulebook and ApplyOrganizationRulebooks do).
bool Apply(rules::Rulebook& rb, const std::string& overrides) {
  if (overrides.empty()) return false;
  return ApplyRulebookJson(rb, overrides, "$.rulebook").empty();
}

}  // namespace

std::string_view ToString(RulebookSource s) {
  switch (s) {
    case RulebookSource::kDefault:
      return "default";
    case RulebookSource::kFile:
      return "file";
    case RulebookSource::kRegister:
      return "register";
    case RulebookSource::kOrganization:
      return "organization";
  }
  return "default";
}

std::vector<RulebookSettingSource> RulebookSources(const rules::Rulebook& base, const model::Register& reg,
                                                   const model::Organization* organization) {
  rules::Rulebook file_level = base;
  file_level.organizations.reset();
  rules::Rulebook register_level = file_level;
  const bool register_applies = Apply(register_level, reg.rulebook_overrides);
  rules::Rulebook org_level = register_level;
  const bool org_applies = organization != nullptr && Apply(org_level, organization->rulebook_overrides);

  const Leaves defaults = LeavesOf(RulebookJson(rules::Rulebook::Default()));
  const Leaves file = LeavesOf(RulebookJson(file_level));
  const Leaves reg_values = LeavesOf(RulebookJson(register_level));
  const Ordered effective = OrderedLeaves(RulebookJson(org_level));
  const Leaves reg_set = register_applies ? LeavesOf(reg.rulebook_overrides) : Leaves{};
  const Leaves org_set = org_applies ? LeavesOf(organization->rulebook_overrides) : Leaves{};

  std::vector<RulebookSettingSource> out;
  out.reserve(effective.size());
  for (const auto& [path, value] : effective) {
    RulebookSettingSource s;
    s.path = path;
    s.value = value;
    const auto& key = path;  // a plain reference: clang 14 cannot capture a structured binding
    const auto at = [&](const Leaves& l) {
      const auto it = l.find(key);
      return it == l.end() ? std::string("null") : it->second;
    };
    if (org_set.contains(path)) {
      s.source = RulebookSource::kOrganization;
      s.inherited = at(reg_values);
    } else if (reg_set.contains(path)) {
      s.source = RulebookSource::kRegister;
      s.inherited = at(file);
    } else {
      const auto def = at(defaults);
      s.source = def == at(file) ? RulebookSource::kDefault : RulebookSource::kFile;
      s.inherited = def;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace ansvar::io
