// PDF reports: rendered with poppler's pdftoppm, every page must carry ink; the text must be there, in Swedish.
#include <gtest/gtest.h>

#include "io/spreadsheet/pdf_report.hpp"
#include "test_support.hpp"

namespace ansvar::io::sheets {
namespace {

PdfDocument Long() {
  PdfDocument doc;
  doc.title = "Registerförteckning – Byggnadsnämnden";
  doc.header = "Registerförteckning enligt artikel 30.1 · Byggnadsnämnden";
  doc.blocks.push_back(
      {PdfBlock::Kind::kParagraph, "Förteckning över behandlingar. Åäö ÅÄÖ é ü – ”citat” € 中文", {}, {}, {}, {}});
  for (int i = 0; i < 12; ++i) {
    doc.blocks.push_back({PdfBlock::Kind::kSubheading, "Behandling " + std::to_string(i), {}, {}, {}, {}});
    doc.blocks.push_back({PdfBlock::Kind::kFields,
                          "",
                          {{"Ändamål", std::string(300, 'x')}, {"Rättslig grund", "Allmänt intresse"}},
                          {},
                          {},
                          {}});
  }
  PdfBlock table{PdfBlock::Kind::kTable, "", {}, {"System", "Avvikelse"}, {0.3, 0.7}, {}};
  for (int i = 0; i < 120; ++i) table.rows.push_back({"System " + std::to_string(i), "Saknar systemförvaltare"});
  doc.blocks.push_back(table);
  doc.blocks.push_back({PdfBlock::Kind::kParagraph, std::string(20000, 'y'), {}, {}, {}, {}});  // longer than a page
  doc.blocks.push_back(
      {PdfBlock::Kind::kFields, "", {{"Cell", std::string(30000, 'z')}}, {}, {}, {}});  // a cell taller than a page
  doc.blocks.push_back({PdfBlock::Kind::kParagraph, std::string("trasig \xFF\xFE utf-8 \xC3"), {}, {}, {}, {}});
  return doc;
}

TEST(PdfReport, EveryPageIsRenderedAndCarriesInk) {
  const std::string pdf = RenderPdf(Long());
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  test::TempDir dir;
  const auto ink = test::InkPerPage(pdf, dir);
  ASSERT_GE(ink.size(), 5u) << "pdftoppm rendered no pages";
  for (size_t i = 0; i < ink.size(); ++i) EXPECT_GT(ink[i], 0.002) << "page " << i + 1 << " is blank";
  const std::string text = test::PdfText(pdf, dir);
  EXPECT_NE(text.find("Registerförteckning – Byggnadsnämnden"), std::string::npos);
  EXPECT_NE(text.find("Sida 1 av " + std::to_string(ink.size())), std::string::npos);
  EXPECT_NE(text.find("Sida " + std::to_string(ink.size()) + " av " + std::to_string(ink.size())), std::string::npos);
  EXPECT_NE(text.find("System 119"), std::string::npos);
  EXPECT_NE(text.find("Åäö ÅÄÖ"), std::string::npos);
}

TEST(PdfReport, AnEmptyDocumentIsOnePageAndEnglishPagesSayPage) {
  PdfDocument doc;
  doc.language = "en";
  doc.title = "Findings";
  doc.landscape = true;
  const std::string pdf = RenderPdf(doc);
  test::TempDir dir;
  EXPECT_EQ(test::InkPerPage(pdf, dir).size(), 1u);
  EXPECT_NE(test::PdfText(pdf, dir).find("Page 1 of 1"), std::string::npos);
}

}  // namespace
}  // namespace ansvar::io::sheets
