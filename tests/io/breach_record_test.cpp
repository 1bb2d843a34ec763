// The breach record's extension of the format (issue 15, docs/breach-records.md): the authority form's fields and
// the action plan are read and written when present, checked (owners known, measure ids unique), and a register
// without them reads and writes byte for byte as before.
#include <gtest/gtest.h>

#include "io/breach_json.hpp"
#include "io/register_reader.hpp"
#include "io/register_writer.hpp"

namespace ansvar::io {
namespace {

constexpr std::string_view kBase = R"({"format":"ansvar-register/1",
  "people":[{"id":"p1","name":"Per"}],
  "incidents":[INCIDENT]})";

std::string With(std::string_view incident) {
  std::string doc(kBase);
  doc.replace(doc.find("INCIDENT"), 8, incident);
  return doc;
}

TEST(BreachRecord, ReadsAndWritesTheAuthorityFormFieldsAndTheActionPlan) {
  const auto r = ReadRegister(With(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z",
      "occurred_at":"2026-11-30T08:00:00Z","nature":["confidentiality","integrity"],"cause":"misdirected",
      "subjects_informed_how":"brev","cross_border":false,"reported_at":"2026-12-01T10:05:00Z",
      "action_plan":[{"id":"m1","description":"Ny rutin","owner":"p1","due":"2026-12-20","status":"in_progress"},
                     {"description":"Utbildning","status":"done","done_on":"2026-12-10"}]})"));
  ASSERT_TRUE(r.reg) << r.problems[0].path << ": " << r.problems[0].message;
  const auto& i = r.reg->incidents.at(0);
  ASSERT_TRUE(i.occurred_at);
  EXPECT_EQ(model::FormatTimestamp(*i.occurred_at), "2026-11-30T08:00:00Z");
  EXPECT_EQ(i.nature, (std::vector{model::BreachNature::kConfidentiality, model::BreachNature::kIntegrity}));
  EXPECT_EQ(i.cause, model::BreachCause::kMisdirected);
  EXPECT_EQ(i.subjects_informed_how, "brev");
  EXPECT_EQ(i.cross_border, false);
  ASSERT_EQ(i.action_plan.size(), 2u);
  EXPECT_EQ(i.action_plan[0].owner->str(), "p1");
  EXPECT_EQ(i.action_plan[0].status, model::MeasureStatus::kInProgress);
  EXPECT_EQ(i.action_plan[1].status, model::MeasureStatus::kDone);
  const auto again = ReadRegister(WriteRegister(*r.reg));
  ASSERT_TRUE(again.reg);
  EXPECT_EQ(*again.reg, *r.reg);
  const std::string written = WriteRegister(*r.reg, false);
  EXPECT_NE(written.find(R"("cause":"misdirected")"), std::string::npos);
  EXPECT_NE(written.find(R"("action_plan":[)"), std::string::npos);
}

TEST(BreachRecord, AnIncidentWithoutThemIsWrittenAsBefore) {
  const auto r = ReadRegister(With(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z"})"));
  ASSERT_TRUE(r.reg);
  const std::string written = WriteRegister(*r.reg);
  for (const char* key :
       {"occurred_at", "nature", "cause", "subjects_informed_how", "cross_border", "reported_at", "action_plan"})
    EXPECT_EQ(written.find(std::string("\"") + key + "\""), std::string::npos) << key;
}

TEST(BreachRecord, BadValuesAreNamedByTheirPath) {
  auto first = [](std::string_view incident) {
    const auto r = ReadRegister(With(incident));
    EXPECT_FALSE(r.reg);
    return r.problems.empty() ? std::string("<none>") : r.problems[0].path + ": " + r.problems[0].message;
  };
  EXPECT_TRUE(first(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z","cause":"gremlins"})")
                  .starts_with("$.incidents[0].cause: unknown value \"gremlins\" (expected one of: misdirected"));
  EXPECT_TRUE(first(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z","nature":["secrecy"]})")
                  .starts_with("$.incidents[0].nature[0]: unknown value \"secrecy\""));
  EXPECT_EQ(first(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z",
                      "action_plan":[{"description":"x","owner":"p-9","status":"planned"}]})"),
            "$.incidents[0].action_plan[0].owner: unknown person \"p-9\"");
  EXPECT_EQ(first(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z",
                      "action_plan":[{"id":"m","description":"x"},{"id":"m","description":"y"}]})"),
            "$.incidents[0].action_plan[1].id: duplicate measure id \"m\" in this action plan");
  EXPECT_EQ(first(R"({"id":"i1","aware_at":"2026-12-01T10:00:00Z","action_plan":[{"status":"planned"}]})"),
            "$.incidents[0].action_plan[0].description: missing required field");
}

TEST(BreachReportJson, ReadsTheShortFormAndNamesWhatIsWrong) {
  const auto ok = ReadBreachReport(R"({"what_happened":"Fel mottagare","discovered_at":"2026-12-06T09:30:00+01:00",
                                       "system":"ekopost","whose_data":"Sökande"})");
  ASSERT_TRUE(ok.problems.empty()) << ok.problems[0].path;
  EXPECT_EQ(model::FormatTimestamp(*ok.discovered_at), "2026-12-06T08:30:00Z");
  EXPECT_EQ(ok.system, "ekopost");
  const auto missing = ReadBreachReport(R"({"what_happened":"x"})");
  ASSERT_FALSE(missing.problems.empty());
  EXPECT_EQ(missing.problems[0].path, "$.discovered_at");
  const auto bad = ReadBreachReport(R"({"what_happened":"x","discovered_at":"igår"})");
  ASSERT_FALSE(bad.problems.empty());
  EXPECT_EQ(bad.problems[0].path, "$.discovered_at");
  const auto unknown = ReadBreachReport(R"({"what_happened":"x","discovered_at":"2026-12-06T09:30:00Z","sytem":"a"})");
  ASSERT_FALSE(unknown.problems.empty());
  EXPECT_NE(unknown.problems[0].message.find("sytem"), std::string::npos);
  EXPECT_FALSE(ReadBreachReport("not json").problems.empty());
}

}  // namespace
}  // namespace ansvar::io
