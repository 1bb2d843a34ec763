// The bodies of the decision acts (io/decision_json.hpp), and a document's approval stamp in ansvar-register/1.
#include "io/decision_json.hpp"

#include <gtest/gtest.h>

#include "io/entity_json.hpp"

namespace ansvar::io {
namespace {

TEST(DecisionJson, ReadsAReport) {
  const auto r = ReadReportRequest(R"({"decisions":["a","b"],"reported_on":"2026-02-11","reported_at":"BN § 7"})");
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.decisions, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(model::FormatDate(*r.reported_on), "2026-02-11");
  EXPECT_EQ(r.reported_at, "BN § 7");
}

TEST(DecisionJson, NamesEachBadField) {
  const auto r = ReadReportRequest(R"({"decisions":"a","reported_on":"11.2.2026","decided_by":"p1"})");
  std::vector<std::string> paths;
  for (const auto& p : r.problems) paths.push_back(p.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"$.decisions", "$.reported_on", "$.decided_by"}));
  EXPECT_EQ(ReadDecideRequest("not json").problems.at(0).path, "$");
  const auto d = ReadDecideRequest(R"({"processor":"Vklass AB","diary_number":null})");
  EXPECT_TRUE(d.problems.empty());
  EXPECT_EQ(d.processor, "Vklass AB");
  EXPECT_FALSE(d.diary_number);
  EXPECT_TRUE(ReadDecideRequest("").problems.empty());  // nothing chosen: everything from the register
}

TEST(DecisionJson, AnApprovalStampRoundTripsAndIsAbsentWhenRecorded) {
  const std::string performed =
      R"({"id":"s","name":"S","category":"business_system","scope":"administration_specific","lifecycle":"active","documents":[)"
      R"({"id":"p","kind":"management_plan","year":2027,"approved_on":"2026-12-06","approved_by":"p1",)"
      R"("approved_by_account":"anna"},{"id":"q","kind":"management_plan","year":2026,"approved_by":"p1"}]})";
  const auto read = ReadEntity<model::System>(performed);
  ASSERT_TRUE(read.value) << (read.problems.empty() ? "" : read.problems[0].path + read.problems[0].message);
  EXPECT_EQ(read.value->documents[0].approved_by_account, "anna");
  EXPECT_FALSE(read.value->documents[1].approved_by_account);
  const auto written = WriteEntity(*read.value);
  EXPECT_NE(written.find(R"("approved_by_account":"anna")"), std::string::npos);
  EXPECT_EQ(written.find("approved_by_account"), written.rfind("approved_by_account"));  // the recorded one has none
  EXPECT_EQ(ReadEntity<model::System>(written).value, read.value);
}

}  // namespace
}  // namespace ansvar::io
