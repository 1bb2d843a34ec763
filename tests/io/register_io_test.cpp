// Reading and writing ansvar-register/1: round trips, and bad documents refused with the JSON path at fault.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "io/register_reader.hpp"
#include "io/register_writer.hpp"
#include "io/rulebook_json.hpp"

namespace ansvar::io {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kExample = std::string(ANSVAR_SHARED_DIR) + "/spec/examples/kungsbacka-small.json";

std::string FirstProblem(std::string_view json) {
  auto r = ReadRegister(json);
  EXPECT_FALSE(r.reg.has_value());
  return r.problems.empty() ? std::string("<none>") : r.problems[0].path + ": " + r.problems[0].message;
}

TEST(RegisterIo, ReadsThePublicExample) {
  auto r = ReadRegisterFile(kExample);
  ASSERT_TRUE(r.reg) << FormatProblems(r.problems);
  EXPECT_EQ(r.reg->systems.size(), 7u);
  EXPECT_EQ(r.reg->systems[0].roles.size(), 5u);
  EXPECT_EQ(model::FormatDate(r.reg->as_of->date()), "2025-02-10");
}

TEST(RegisterIo, WriteThenReadGivesAnEqualRegister) {
  auto first = ReadRegisterFile(kExample);
  ASSERT_TRUE(first.reg);
  for (bool pretty : {true, false}) {
    auto second = ReadRegister(WriteRegister(*first.reg, pretty));
    ASSERT_TRUE(second.reg) << FormatProblems(second.problems);
    EXPECT_EQ(*first.reg, *second.reg);
    EXPECT_EQ(WriteRegister(*first.reg, pretty), WriteRegister(*second.reg, pretty));
  }
}

// A register large enough for the fast pass to read its systems on a second thread and to give back the pages of
// its file that the reads have passed (io/register_reader.cpp: FastPass, PageRelease): read from its file, it equals
// the register written, and so does the same text read from memory, whose pages must never be given back.
TEST(RegisterIo, ALargeRegisterReadFromItsFileEqualsTheOneWritten) {
  auto example = ReadRegisterFile(kExample);
  ASSERT_TRUE(example.reg) << FormatProblems(example.problems);
  model::Register reg = *example.reg;
  const auto systems = reg.systems;
  const auto activities = reg.processing_activities;
  for (size_t k = 1; k < 3200; ++k) {
    const std::string suffix = "-" + std::to_string(k);
    for (auto s : systems) {
      s.id = model::SystemId(s.id.str() + suffix);
      reg.systems.push_back(std::move(s));
    }
    for (auto a : activities) {
      a.id = model::ProcessingActivityId(a.id.str() + suffix);
      reg.processing_activities.push_back(std::move(a));
    }
  }
  const std::string text = WriteRegister(reg, true);
  ASSERT_GT(text.size(), size_t{48} << 20);  // more than the fast pass's steps of 16 MiB, on each of its readers

  const auto path = std::filesystem::temp_directory_path() / ("ansvar-large-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  auto from_file = ReadRegisterFile(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(from_file.reg) << FormatProblems(from_file.problems);
  EXPECT_TRUE(*from_file.reg == reg);  // not EXPECT_EQ: it would print both registers

  auto from_text = ReadRegister(text);
  ASSERT_TRUE(from_text.reg) << FormatProblems(from_text.problems);
  EXPECT_TRUE(*from_text.reg == reg);

  // A bad value near the end: the fast pass gives up after it has passed most of the text, and the exact pass reads
  // the whole text again to name the problem. From memory, nothing it needs may have been given back.
  std::string bad = text;
  const std::string value = R"("personal_data": true)";
  const size_t at = bad.rfind(value);
  ASSERT_NE(at, std::string::npos);
  bad.replace(at, value.size(), R"("personal_data": "yes")");
  const auto problems = ReadRegister(bad).problems;
  ASSERT_EQ(problems.size(), 1u) << FormatProblems(problems);
  const std::string& where = problems[0].path;  // one of the last systems: "$.systems[N].personal_data"
  ASSERT_TRUE(where.starts_with("$.systems[") && where.ends_with("].personal_data")) << where;
  EXPECT_GT(std::stoul(where.substr(10)), reg.systems.size() - systems.size()) << where;
  EXPECT_EQ(problems[0].message, "expected true or false");
}

TEST(RegisterIo, KeepsTheRulebookAndTimestampAsOf) {
  auto r = ReadRegister(R"({"format":"ansvar-register/1","as_of":"2025-02-10T12:30:00+01:00",
                           "rulebook":{ "dpia_threshold" : 3 }})");
  ASSERT_TRUE(r.reg) << FormatProblems(r.problems);
  EXPECT_EQ(r.reg->rulebook_overrides, R"({"dpia_threshold":3})");
  EXPECT_FALSE(r.reg->as_of_is_date);
  auto again = ReadRegister(WriteRegister(*r.reg));
  ASSERT_TRUE(again.reg);
  EXPECT_EQ(*again.reg, *r.reg);
}

TEST(RegisterIo, NamesThePathOfADanglingReference) {
  std::string doc = Slurp(kExample);
  const std::string from = R"("person": "p-sf2")";
  doc.replace(doc.find(from), from.size(), R"("person": "p-9")");
  EXPECT_EQ(FirstProblem(doc), "$.systems[1].roles[2].person: unknown person \"p-9\"");
}

TEST(RegisterIo, RefusesBadDocumentsWithTheirPath) {
  EXPECT_EQ(FirstProblem(R"({"format":"ansvar-register/2"})"),
            "$.format: unsupported format \"ansvar-register/2\" (expected \"ansvar-register/1\")");
  EXPECT_EQ(FirstProblem(R"({"as_of":"2025-01-01"})"),
            "$.format: missing required field (expected \"ansvar-register/1\")");
  EXPECT_EQ(FirstProblem(R"([1,2])"), "$: expected an object (an ansvar-register/1 document)");
  EXPECT_EQ(
      FirstProblem(
          R"({"format":"ansvar-register/1","systems":[{"id":"a","category":"spaceship","scope":"municipality_wide","lifecycle":"active"}]})"),
      "$.systems[0].category: unknown value \"spaceship\" (expected one of: public_service, authority_service, "
      "commercial_service, digital_tool, business_system, platform, it_infrastructure)");
  EXPECT_EQ(
      FirstProblem(
          R"({"format":"ansvar-register/1","systems":[{"id":"a","category":"platform","scope":"municipality_wide","lifecycle":"active","personal_data":"yes"}]})"),
      "$.systems[0].personal_data: expected true or false");
  EXPECT_EQ(FirstProblem(
                R"({"format":"ansvar-register/1","systems":[{"id":"a","category":"platform","lifecycle":"active"}]})"),
            "$.systems[0].scope: missing required field");
  EXPECT_EQ(FirstProblem(R"({"format":"ansvar-register/1","incidents":[{"id":"i","aware_at":"yesterday"}]})"),
            "$.incidents[0].aware_at: expected an RFC 3339 timestamp, got \"yesterday\"");
  EXPECT_EQ(
      FirstProblem(
          R"({"format":"ansvar-register/1","systems":[{"id":"a","category":"platform","scope":"municipality_wide","lifecycle":"active","classification":{"confidentiality":7}}]})"),
      "$.systems[0].classification.confidentiality: expected a level from 0 to 3");
  EXPECT_EQ(FirstProblem(R"({"format":"ansvar-register/1","people":[{"id":"a"},{"id":"a"}]})"),
            "$.people[1].id: duplicate id \"a\" (first at $.people[0])");
}

TEST(RegisterIo, TruncatedAndTrailingJsonIsRefused) {
  const std::string doc = Slurp(kExample);
  for (size_t cut : {size_t(1), doc.size() / 3, doc.size() / 2, doc.size() - 2}) {
    auto r = ReadRegister(doc.substr(0, cut));
    EXPECT_FALSE(r.reg) << cut;
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems[0].path.substr(0, 1), "$");
  }
  EXPECT_NE(FirstProblem(doc + " {}").find("invalid JSON"), std::string::npos);
}

TEST(RegisterIo, UnknownFieldsAreIgnored) {
  auto r = ReadRegister(R"({"format":"ansvar-register/1","x-extension":{"a":[1,2,{"b":null}]},
      "systems":[{"id":"a","category":"platform","scope":"municipality_wide","lifecycle":"active","colour":"blue"}]})");
  ASSERT_TRUE(r.reg) << FormatProblems(r.problems);
  EXPECT_EQ(r.reg->systems.size(), 1u);
}

TEST(RegisterIo, CollectsEveryProblemUpToTheLimit) {
  auto r =
      ReadRegister(R"({"format":"ansvar-register/1","people":[{"id":"a","title":"boss"},{"id":"b","title":"chief"}]})");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[1].path, "$.people[1].title");
}

TEST(RulebookJson, OverridesAndRoundTrips) {
  auto rb = rules::Rulebook::Default();
  auto problems = ApplyRulebookJson(rb, R"({"dpia_threshold":3,"rules":{"R-DIARIUM":{"enabled":false}},
      "categories":{"commercial_service":{"mandatory_documents":["base_contract","dpa"]}}})");
  ASSERT_TRUE(problems.empty()) << FormatProblems(problems);
  EXPECT_EQ(rb.dpia_threshold, 3);
  EXPECT_FALSE(rb.Setting(rules::RuleId::kDiarium).enabled);
  EXPECT_TRUE(rules::Requires(rb, model::Category::kCommercialService, model::DocumentKind::kBaseContract));

  auto copy = rules::Rulebook::Default();
  ASSERT_TRUE(ApplyRulebookJson(copy, RulebookJson(rb)).empty());
  EXPECT_EQ(RulebookJson(copy), RulebookJson(rb));
}

TEST(RulebookJson, BadSettingsChangeNothing) {
  auto rb = rules::Rulebook::Default();
  auto problems = ApplyRulebookJson(rb, R"({"dpia_threshold":2,"contract_notice_days":"soon"})", "$.rulebook");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$.rulebook.contract_notice_days");
  EXPECT_EQ(rb.contract_notice_days, 180);
  problems = ApplyRulebookJson(rb, R"({"rules":{"R-NOPE":{}}})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$.rules.R-NOPE");
}

}  // namespace
}  // namespace ansvar::io
