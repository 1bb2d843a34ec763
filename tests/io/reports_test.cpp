// The reports of `check` and `derive` streamed in blocks on several threads: byte for byte the document written in
// one piece, whatever the number of threads and however the blocks fall.
#include "io/reports.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "io/register_reader.hpp"
#include "rules/check.hpp"

namespace ansvar::io {
namespace {

const std::string kExample = std::string(ANSVAR_SHARED_DIR) + "/spec/examples/kungsbacka-small.json";

// The public example with its systems copied `copies` times under new ids: enough items for many blocks.
model::Register Enlarged(size_t copies) {
  auto read = ReadRegisterFile(kExample);
  EXPECT_TRUE(read.reg) << FormatProblems(read.problems);
  model::Register reg = std::move(*read.reg);
  const auto systems = reg.systems;
  for (size_t k = 1; k < copies; ++k)
    for (auto s : systems) {
      s.id = model::SystemId(s.id.str() + "-" + std::to_string(k));
      reg.systems.push_back(std::move(s));
    }
  return reg;
}

// What a writer streams, collected, with the number of pieces it came in.
struct Streamed {
  std::string text;
  size_t pieces = 0;
  WriteOutput Sink() {
    return [this](std::string_view piece) {
      text.append(piece);
      ++pieces;
      return true;
    };
  }
};

// The same document laid out by nlohmann (keys in their order, one space of indent): an independent reference
// for RapidJSON's layout of the whole document.
std::string Relaid(const std::string& json) { return nlohmann::ordered_json::parse(json).dump(1) + "\n"; }

class Reports : public ::testing::Test {
 protected:
  model::Register reg = Enlarged(400);  // 2,800 systems
  rules::RegisterIndex index{reg};
  rules::Rulebook rulebook = rules::Rulebook::Default();
  model::Timestamp as_of = *reg.as_of;
  std::vector<rules::Finding> findings = rules::Check(index, rulebook, {as_of});
};

TEST_F(Reports, FindingsJsonStreamedOnTwoThreadsIsTheDocumentInOnePiece) {
  ASSERT_GT(findings.size(), 3000u);  // several blocks
  const std::string one = FindingsJson(findings, index, as_of, rules::Lang::kSv);
  EXPECT_EQ(one, Relaid(one));
  Streamed two;
  ASSERT_TRUE(WriteFindingsJson(two.Sink(), findings, index, as_of, rules::Lang::kSv, true, 2));
  EXPECT_GT(two.pieces, 3u);
  EXPECT_EQ(two.text, one);
  Streamed compact;
  ASSERT_TRUE(WriteFindingsJson(compact.Sink(), findings, index, as_of, rules::Lang::kEn, false, 2));
  EXPECT_EQ(nlohmann::ordered_json::parse(compact.text).dump(), compact.text);
  EXPECT_EQ(compact.text, FindingsJson(findings, index, as_of, rules::Lang::kEn, false));
}

TEST_F(Reports, EmptyFindingsAndRegisterKeepTheirLayout) {
  const std::vector<rules::Finding> none;
  const std::string json = FindingsJson(none, index, as_of, rules::Lang::kSv);
  EXPECT_EQ(json, Relaid(json));
  EXPECT_NE(json.find("\"findings\": [],"), std::string::npos);
  const model::Register empty;
  const rules::RegisterIndex empty_index(empty);
  const std::string derive = DeriveJson(empty_index, rulebook);
  EXPECT_EQ(derive, "{\n \"systems\": []\n}\n");
  EXPECT_EQ(DeriveJson(empty_index, rulebook, false), "{\"systems\":[]}");
}

TEST_F(Reports, FindingsTextStreamedKeepsItsGroupsAcrossBlocks) {
  const std::string one = FindingsText(findings, index, as_of, rules::Lang::kEn);
  Streamed two;
  ASSERT_TRUE(WriteFindingsText(two.Sink(), findings, index, as_of, rules::Lang::kEn, 2));
  EXPECT_EQ(two.text, one);
  // One heading per severity, however many blocks each spans.
  const auto summary = rules::Summarize(findings);
  EXPECT_NE(one.find("\nErrors (" + std::to_string(summary.error) + ")\n"), std::string::npos);
  size_t headings = 0;
  for (size_t at = one.find("\nErrors ("); at != std::string::npos; at = one.find("\nErrors (", at + 1)) ++headings;
  EXPECT_EQ(headings, 1u);
}

TEST_F(Reports, DeriveStreamedOnTwoThreadsIsTheDocumentInOnePiece) {
  const std::string one = DeriveJson(index, rulebook);
  EXPECT_EQ(one, Relaid(one));
  EXPECT_EQ(nlohmann::ordered_json::parse(one)["systems"].size(), reg.systems.size());
  Streamed two;
  ASSERT_TRUE(WriteDeriveJson(two.Sink(), index, rulebook, true, 2));
  EXPECT_EQ(two.text, one);
  const std::string text = DeriveText(index, rulebook, rules::Lang::kSv);
  Streamed text_two;
  ASSERT_TRUE(WriteDeriveText(text_two.Sink(), index, rulebook, rules::Lang::kSv, 2));
  EXPECT_EQ(text_two.text, text);
}

TEST_F(Reports, AFailedWriteStopsTheStream) {
  size_t calls = 0;
  const WriteOutput failing = [&calls](std::string_view) { return ++calls < 3; };
  EXPECT_FALSE(WriteFindingsJson(failing, findings, index, as_of, rules::Lang::kSv, true, 2));
  EXPECT_EQ(calls, 3u);
}

}  // namespace
}  // namespace ansvar::io
