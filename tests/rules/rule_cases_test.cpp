// Rule cases as data: tests/rules/cases/*.json, each a list of cases for one rule, run against
// tests/rules/base_register.json (a municipality with no error or warning findings) changed by a JSON Patch
// (RFC 6902). Every case states the exact findings of its rule: a case with none says the rule does not fire.
//
// Case file:
// { "rule": "R-ROLE-MANDATORY",
//   "cases": [ { "name": "...", "as_of": "2025-02-10", "rulebook": { ... }, "include_info": false,
//                "patch": [ { "op": "remove", "path": "/systems/0/roles/2" } ],
//                "expect": [ { "severity": "error", "subject": { "type": "system", "id": "raindance" },
//                              "detail": { "role": "system_steward" } } ] } ] }
// Detail keys of an expected finding must match; further keys of the actual finding are not compared.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/register_reader.hpp"
#include "io/rulebook_json.hpp"
#include "rules/check.hpp"

namespace ansvar {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json Load(const fs::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

json DetailJson(const rules::Finding& f) {
  json d = json::object();
  for (const auto& [k, v] : f.detail) std::visit([&](const auto& x) { d[k] = x; }, v);
  return d;
}

json FindingJson(const rules::Finding& f) {
  return {{"severity", rules::ToString(f.severity)},
          {"subject", {{"type", rules::ToString(f.subject.type)}, {"id", f.subject.id}}},
          {"detail", DetailJson(f)}};
}

bool Matches(const json& expected, const json& actual) {
  if (expected.at("severity") != actual.at("severity") || expected.at("subject") != actual.at("subject")) return false;
  const json& detail = expected.contains("detail") ? expected.at("detail") : json::object();
  for (const auto& [k, v] : detail.items()) {
    if (!actual.at("detail").contains(k) || actual.at("detail").at(k) != v) return false;
  }
  return true;
}

class RuleCase : public testing::Test {
 public:
  RuleCase(json base, std::string rule, json c) : base_(std::move(base)), rule_(std::move(rule)), case_(std::move(c)) {}

  void TestBody() override {
    json doc = base_;
    if (case_.contains("patch")) doc = doc.patch(case_.at("patch"));
    if (case_.contains("as_of")) doc["as_of"] = case_.at("as_of");
    auto read = io::ReadRegister(doc.dump());
    ASSERT_TRUE(read.reg.has_value()) << "the case's register is not valid:\n" << io::FormatProblems(read.problems);
    auto rulebook = rules::Rulebook::Default();
    if (!read.reg->rulebook_overrides.empty()) {
      ASSERT_TRUE(io::ApplyRulebookJson(rulebook, read.reg->rulebook_overrides).empty());
    }
    if (case_.contains("rulebook")) {
      auto problems = io::ApplyRulebookJson(rulebook, case_.at("rulebook").dump());
      ASSERT_TRUE(problems.empty()) << io::FormatProblems(problems);
    }
    {
      auto problems = io::ApplyOrganizationRulebooks(rulebook, *read.reg);  // cooperation-and-decisions.md §1
      ASSERT_TRUE(problems.empty()) << io::FormatProblems(problems);
    }
    const auto as_of = *read.reg->as_of;
    const bool include_info = case_.value("include_info", false);
    json actual = json::array();
    for (const auto& f : rules::Check(*read.reg, rulebook, {as_of}))
      if (rules::Code(f.rule) == rule_ && (include_info || f.severity != rules::Severity::kInfo))
        actual.push_back(FindingJson(f));

    json unmatched = actual;
    json missing = json::array();
    for (const auto& e : case_.value("expect", json::array())) {
      auto it = std::find_if(unmatched.begin(), unmatched.end(), [&](const json& a) { return Matches(e, a); });
      if (it == unmatched.end())
        missing.push_back(e);
      else
        unmatched.erase(it);
    }
    EXPECT_TRUE(missing.empty() && unmatched.empty())
        << rule_ << ": " << case_.value("name", "") << "\n  missing: " << missing.dump()
        << "\n  extra: " << unmatched.dump();
  }

 private:
  json base_;
  std::string rule_;
  json case_;
};

std::string TestName(std::string s) {
  for (auto& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

// Registers one test per case before main runs (gtest_discover_tests lists them as ctest tests).
const bool kRegistered = [] {
  const fs::path dir = fs::path(ANSVAR_TEST_DATA) / "rules";
  if (!fs::exists(dir / "base_register.json") || !fs::exists(dir / "cases")) return false;  // BaseRegisterIsClean fails
  const json base = Load(dir / "base_register.json");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "cases"))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const json suite = Load(file);
    const std::string rule = suite.at("rule");
    int n = 0;
    for (const auto& c : suite.at("cases")) {
      const std::string name = std::to_string(++n) + "_" + TestName(c.value("name", "case"));
      testing::RegisterTest(("RuleCase_" + TestName(rule)).c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                            [=]() -> testing::Test* { return new RuleCase(base, rule, c); });
    }
  }
  return true;
}();

// The base register has no error or warning finding: each case's findings come from its patch alone.
TEST(RuleCases, BaseRegisterIsClean) {
  const json base = Load(fs::path(ANSVAR_TEST_DATA) / "rules" / "base_register.json");
  auto read = io::ReadRegister(base.dump());
  ASSERT_TRUE(read.reg) << io::FormatProblems(read.problems);
  json found = json::array();
  for (const auto& f : rules::Check(*read.reg, rules::Rulebook::Default(), {*read.reg->as_of}))
    if (f.severity != rules::Severity::kInfo) {
      auto j = FindingJson(f);
      j["rule"] = rules::Code(f.rule);
      found.push_back(j);
    }
  EXPECT_TRUE(found.empty()) << found.dump(1);
}

// Every rule that the register format makes checkable has cases, and each has one that fires and one that does not.
TEST(RuleCases, EveryCheckableRuleHasFiringAndQuietCases) {
  const fs::path dir = fs::path(ANSVAR_TEST_DATA) / "rules" / "cases";
  for (const auto& info : rules::AllRules()) {
    if (info.id == rules::RuleId::kDpaDecider || info.id == rules::RuleId::kMsgStale) continue;  // derive; messages
    const fs::path file = dir / (std::string(info.code) + ".json");
    if (!fs::exists(file)) {
      ADD_FAILURE() << "no cases for " << info.code << " (" << file << ")";
      continue;
    }
    bool fires = false, quiet = false;
    const json suite = Load(file);
    for (const auto& c : suite.at("cases")) {
      const bool empty = c.value("expect", json::array()).empty();
      fires = fires || !empty;
      quiet = quiet || empty;
    }
    EXPECT_TRUE(fires && quiet) << info.code << ": needs a case that fires and one that does not";
  }
}

}  // namespace
}  // namespace ansvar
