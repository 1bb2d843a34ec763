// The exports an auditor asks for: records of processing per committee, the processor record, the findings with
// the rule texts, as PDF rendered page by page, and as .xlsx/.csv.
#include <gtest/gtest.h>

#include "app/exports.hpp"
#include "io/spreadsheet/reader.hpp"
#include "test_support.hpp"

namespace ansvar::app {
namespace {

using test::TempDir;

std::string Pdf(const RegisterService& service, ExportWhat what, const std::string& committee,
                const std::string& org = {}, rules::Lang lang = rules::Lang::kSv) {
  ExportRequest q;
  q.what = what, q.format = ExportFormat::kPdf, q.committee = committee, q.organization = org, q.lang = lang;
  q.as_of = model::ParseDateOrTimestamp("2025-02-10");
  auto file = Export(service, q);
  EXPECT_TRUE(file.ok()) << (file.ok() ? "" : file.error().detail);
  if (!file.ok()) return {};
  EXPECT_EQ(file.value().content_type, "application/pdf");
  return file.value().bytes;
}

void ExpectRendered(const std::string& pdf, const TempDir& dir) {
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto ink = test::InkPerPage(pdf, dir);
  ASSERT_FALSE(ink.empty()) << "pdftoppm rendered nothing";
  for (size_t i = 0; i < ink.size(); ++i) EXPECT_GT(ink[i], 0.002) << "page " << i + 1 << " is blank";
}

TEST(Exports, RecordOfProcessingPerCommitteeAsPdf) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  const std::string pdf = Pdf(*service, ExportWhat::kRopa, "bn");
  ExpectRendered(pdf, dir);
  const std::string text = test::PdfText(pdf, dir);
  for (const char* s :
       {"Registerförteckning – Byggnadsnämnden", "artikel 30.1", "Bygglovshandläggning", "Dataskyddsombud", "Ändamål",
        "Rättslig grund", "Kategorier av registrerade", "Gallring", "Säkerhetsåtgärder", "Sida 1 av"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  EXPECT_EQ(text.find("Miljötillsyn"), std::string::npos);  // another committee's activity
  // The whole organization, and in English.
  const std::string all = test::PdfText(Pdf(*service, ExportWhat::kRopa, "", "kba", rules::Lang::kEn), dir);
  for (const char* s : {"Record of processing activities", "Miljötillsyn", "Ekonomiadministration", "Page 1 of"})
    EXPECT_NE(all.find(s), std::string::npos) << s;
}

TEST(Exports, ProcessorRecordAsPdfXlsxAndCsv) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  const std::string pdf = Pdf(*service, ExportWhat::kProcessorRecord, "service");
  ExpectRendered(pdf, dir);
  const std::string text = test::PdfText(pdf, dir);
  for (const char* s : {"Förteckning som personuppgiftsbiträde – Nämnden för Service", "Katalogtjänst för inloggning",
                        "Byggnadsnämnden"})
    EXPECT_NE(text.find(s), std::string::npos) << s;
  for (const auto format : {ExportFormat::kXlsx, ExportFormat::kCsv}) {
    ExportRequest q;
    q.what = ExportWhat::kProcessorRecord, q.format = format, q.committee = "service";
    auto file = Export(*service, q);
    ASSERT_TRUE(file.ok());
    const auto read = io::sheets::ReadSpreadsheet(file.value().bytes, file.value().file_name);
    ASSERT_TRUE(read.book);
    bool found = false;
    for (const auto& row : read.book->sheets[0].rows)
      for (const auto& c : row) found = found || c.text == "Katalogtjänst för inloggning";
    EXPECT_TRUE(found) << file.value().file_name;
  }
}

TEST(Exports, FindingsWithTheRuleTextsPerCommitteeAndOrganization) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  for (const auto& [committee, org] : std::vector<std::pair<std::string, std::string>>{{"mh", ""}, {"", "kba"}}) {
    const std::string pdf = Pdf(*service, ExportWhat::kFindings, committee, org);
    ExpectRendered(pdf, dir);
    const std::string text = test::PdfText(pdf, dir);
    EXPECT_NE(text.find("Avvikelser mot regelboken"), std::string::npos);
    EXPECT_NE(text.find("R-DELEG-KF33"), std::string::npos);
    EXPECT_NE(text.find("Källa:"), std::string::npos);  // the rule's source, under its text
  }
  ExportRequest q;
  q.what = ExportWhat::kFindings, q.format = ExportFormat::kXlsx, q.administration = "fgf";
  q.as_of = model::ParseDateOrTimestamp("2025-02-10");
  auto file = Export(*service, q);
  ASSERT_TRUE(file.ok());
  const auto read = io::sheets::ReadXlsx(file.value().bytes);
  ASSERT_TRUE(read.book);
  bool mashie = false;
  for (const auto& row : read.book->sheets[0].rows)
    for (const auto& c : row) mashie = mashie || c.text == "Mashie";
  EXPECT_TRUE(mashie);
}

TEST(Exports, WhatDoesNotExistIsSaid) {
  TempDir dir;
  auto service = test::ServiceWith(dir, test::ExampleRegister());
  ExportRequest q;
  q.what = ExportWhat::kSystems, q.format = ExportFormat::kPdf;
  EXPECT_EQ(Export(*service, q).error().code, ErrorCode::kBadRequest);
  q.format = ExportFormat::kXlsx, q.committee = "nope";
  EXPECT_EQ(Export(*service, q).error().code, ErrorCode::kNotFound);
  q.committee = "bn", q.organization = "kba";
  EXPECT_EQ(Export(*service, q).error().code, ErrorCode::kBadRequest);
  EXPECT_FALSE(ParseExportWhat("everything"));
  EXPECT_EQ(ParseExportFormat("pdf"), ExportFormat::kPdf);
}

}  // namespace
}  // namespace ansvar::app
