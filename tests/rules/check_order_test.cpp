// The order of rules::Check's findings: severity, subject (type, then id), rule, detail; one per finding. The
// check sorts by integer keys made of the first bytes of the subject's id and falls back to the whole comparison;
// this register has ids that share long prefixes, ids longer than the key and ids that are prefixes of others.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/register_reader.hpp"
#include "rules/check.hpp"
#include "rules/register_index.hpp"
#include "rules/rulebook.hpp"

namespace ansvar {
namespace {

using nlohmann::json;

bool ReferenceBefore(const rules::Finding& a, const rules::Finding& b) {
  if (a.severity != b.severity) return a.severity < b.severity;
  if (a.subject != b.subject) return a.subject < b.subject;
  if (a.rule != b.rule) return a.rule < b.rule;
  return a.detail < b.detail;
}

TEST(CheckOrder, FindingsAreSortedBySeveritySubjectRuleAndDetailWhateverTheIdLengths) {
  std::ifstream in(std::filesystem::path(ANSVAR_TEST_DATA) / "rules" / "base_register.json");
  json doc = json::parse(in);
  const json model = doc["systems"][0];
  // Systems without roles or documents: several findings each, of several rules and severities.
  const char* ids[] = {"sys-a-very-long-identifier-2",
                       "sys-a-very-long-identifier-10",
                       "sys-a-very-long-identifier-1",
                       "sys-a-very-long-identifier",
                       "sys-a-very-long-identifie",
                       "sys-a-very-lon",
                       "sys-a-very-long",
                       "sys-a-very-lo",
                       "x",
                       "x-",
                       "sys-a-very-long-identifier-1b",
                       "raindance-2"};
  for (const char* id : ids) {
    json s = model;
    s["id"] = id;
    s["roles"] = json::array({{{"role", "owner"}, {"person", "p-bkd"}}});
    s["documents"] = json::array();
    doc["systems"].push_back(s);
  }
  const auto read = io::ReadRegister(doc.dump());
  ASSERT_TRUE(read.reg) << io::FormatProblems(read.problems);
  const rules::RegisterIndex index(*read.reg);
  const auto rulebook = rules::Rulebook::Default();
  for (unsigned threads : {1u, 2u}) {
    const auto findings = rules::Check(index, rulebook, {read.reg->as_of.value(), threads});
    ASSERT_GT(findings.size(), 3 * std::size(ids));
    for (size_t i = 1; i < findings.size(); ++i)
      ASSERT_TRUE(ReferenceBefore(findings[i - 1], findings[i]))
          << "finding " << i << " (" << findings[i].subject.id << ") after " << findings[i - 1].subject.id;
    for (const char* id : ids)
      EXPECT_TRUE(std::any_of(findings.begin(), findings.end(), [&](const auto& f) { return f.subject.id == id; }))
          << id;
  }
}

// From 2,000 systems the check shares its work between threads, which take the register-wide families and chunks
// of systems in turn: whatever the number of threads, the same findings in the same order.
TEST(CheckOrder, ALargeRegisterGivesTheSameFindingsOnAnyNumberOfThreads) {
  std::ifstream in(std::filesystem::path(ANSVAR_TEST_DATA) / "rules" / "base_register.json");
  json doc = json::parse(in);
  const json systems = doc["systems"];
  ASSERT_FALSE(systems.empty());
  for (size_t i = 0; doc["systems"].size() < 2100; ++i) {
    json s = systems[i % systems.size()];
    s["id"] = "sys-copy-" + std::to_string(i);
    if (i % 3 == 0) s["roles"] = json::array();                                 // findings of the roles
    if (i % 5 == 0 && !s.contains("transfer")) s["documents"] = json::array();  // and of the documents
    doc["systems"].push_back(s);
  }
  const auto read = io::ReadRegister(doc.dump());
  ASSERT_TRUE(read.reg) << io::FormatProblems(read.problems);
  const rules::RegisterIndex index(*read.reg);
  const auto rulebook = rules::Rulebook::Default();
  const auto one = rules::Check(index, rulebook, {read.reg->as_of.value(), 1});
  ASSERT_GT(one.size(), 2000u);
  // Findings of register-wide families too (subjects other than systems), so that their tasks are compared.
  ASSERT_TRUE(
      std::any_of(one.begin(), one.end(), [](const auto& f) { return f.subject.type != rules::SubjectType::kSystem; }));
  for (unsigned threads : {2u, 3u, 8u}) {
    const auto many = rules::Check(index, rulebook, {read.reg->as_of.value(), threads});
    ASSERT_EQ(many.size(), one.size()) << threads << " threads";
    EXPECT_TRUE(many == one) << threads << " threads";
  }
}

}  // namespace
}  // namespace ansvar
