// The .xlsx reader: what Excel and libxlsxwriter write, what other programs write, and what no program should.
#include <gtest/gtest.h>
#include <zip.h>

#include <cstring>
#include <random>

#include "io/spreadsheet/reader.hpp"
#include "io/spreadsheet/writer.hpp"
#include "test_support.hpp"

namespace ansvar::io::sheets {
namespace {

using test::MinimalXlsx;

const Sheet& Only(const ReadResult& r) {
  EXPECT_TRUE(r.book.has_value()) << (r.problems.empty() ? "" : r.problems[0].message);
  return r.book->sheets.at(0);
}

std::string Text(const Sheet& s, size_t row, size_t column) {
  const Cell* c = s.At(row, column);
  return c ? c->text : "";
}

TEST(XlsxReader, ReadsWhatLibxlsxwriterWritesWithMergedHeadingsDatesAndBooleans) {
  const std::string bytes = test::WriteWorkbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Systemförteckning");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format* custom = workbook_add_format(wb);
    format_set_num_format(custom, "d mmm yyyy");
    worksheet_merge_range(ws, 0, 0, 0, 3, "Systemförteckning Kungsbacka kommun", nullptr);
    worksheet_merge_range(ws, 1, 0, 2, 0, "Systemnamn", nullptr);  // a heading over two rows
    worksheet_merge_range(ws, 1, 1, 1, 2, "Ansvariga", nullptr);   // a group over two headings
    worksheet_write_string(ws, 2, 1, "Systemägare", nullptr);
    worksheet_write_string(ws, 2, 2, "Förvaltning", nullptr);
    worksheet_write_string(ws, 2, 3, "I drift sedan", nullptr);
    worksheet_write_string(ws, 3, 0, "Ecos  ", nullptr);
    worksheet_write_number(ws, 3, 3, 44197, date);       // 2021-01-01
    worksheet_write_number(ws, 4, 3, 45292.75, custom);  // 2024-01-01 18:00
    worksheet_write_boolean(ws, 4, 1, 1, nullptr);
    worksheet_write_number(ws, 6, 1, 2.5, nullptr);
    worksheet_write_string(ws, 6, 0, "Räksmörgås – ÅÄÖ åäö é ü", nullptr);
  });
  const auto r = ReadXlsx(bytes);
  const Sheet& s = Only(r);
  EXPECT_EQ(s.name, "Systemförteckning");
  EXPECT_EQ(Text(s, 1, 4), "Systemförteckning Kungsbacka kommun");  // the title fills its merged range
  EXPECT_EQ(Text(s, 3, 1), "Systemnamn");                           // a heading merged down reads in both rows
  EXPECT_EQ(Text(s, 2, 3), "Ansvariga");
  EXPECT_EQ(Text(s, 3, 2), "Systemägare");
  EXPECT_EQ(Text(s, 4, 1), "Ecos  ");  // trailing spaces are the importer's to trim
  EXPECT_EQ(s.At(4, 4)->kind, CellKind::kDate);
  EXPECT_EQ(Text(s, 4, 4), "2021-01-01");
  EXPECT_EQ(s.At(5, 4)->kind, CellKind::kDate);
  EXPECT_EQ(Text(s, 5, 4), "2024-01-01");
  EXPECT_EQ(s.At(5, 2)->kind, CellKind::kBool);
  EXPECT_EQ(s.At(7, 2)->kind, CellKind::kNumber);
  EXPECT_EQ(Text(s, 7, 2), "2.5");
  EXPECT_EQ(Text(s, 7, 1), "Räksmörgås – ÅÄÖ åäö é ü");
  EXPECT_TRUE(s.rows.at(5).empty());  // row 6 is empty
  EXPECT_EQ(s.merged.size(), 3u);
}

TEST(XlsxReader, InlineAndRichStringsFormulasErrorsIsoDatesAndNoReferences) {
  const std::string body =
      R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Inline</t></is></c><c r="B1" t="s"><v>0</v></c>)"
      R"(<c r="C1" t="str"><f>A1&amp;"x"</f><v>Inlinex</v></c><c r="D1" t="e"><v>#N/A</v></c></row>)"
      R"(<row><c><v>7</v></c><c t="d"><v>2024-02-29T00:00:00</v></c><c t="inlineStr"><is><t>rad_x000D_två</t></is></c></row>)"
      R"(</sheetData>)";
  const std::string sst = R"(<si><r><t>Rik </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>fonetik</t></rPh></si>)";
  const auto r = ReadXlsx(MinimalXlsx(body, sst));
  const Sheet& s = Only(r);
  EXPECT_EQ(Text(s, 1, 1), "Inline");
  EXPECT_EQ(Text(s, 1, 2), "Rik text");
  EXPECT_EQ(Text(s, 1, 3), "Inlinex");
  EXPECT_EQ(s.At(1, 4)->kind, CellKind::kError);
  EXPECT_EQ(Text(s, 2, 1), "7");
  EXPECT_EQ(Text(s, 2, 2), "2024-02-29");
  EXPECT_EQ(Text(s, 2, 3), "rad\rtvå");
}

TEST(XlsxReader, DateFormatsOfTheStyleSheetAndThe1904System) {
  const std::string styles =
      R"(<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd;@"/><numFmt numFmtId="165" formatCode="&quot;kr&quot; #,##0"/></numFmts>)"
      R"(<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>)";
  const std::string body =
      R"(<sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>45000</v></c><c r="C1" s="3"><v>45000</v></c>)"
      R"(<c r="D1" s="0"><v>45000</v></c></row></sheetData>)";
  const auto r = ReadXlsx(MinimalXlsx(body, "", styles));
  const Sheet& s = Only(r);
  EXPECT_EQ(Text(s, 1, 1), "2023-03-15");
  EXPECT_EQ(Text(s, 1, 2), "2023-03-15");
  EXPECT_EQ(s.At(1, 3)->kind, CellKind::kNumber);  // "kr" is quoted text, not a date
  EXPECT_EQ(s.At(1, 4)->kind, CellKind::kNumber);
  const auto r1904 = ReadXlsx(MinimalXlsx(body, "", styles, R"(<workbookPr date1904="1"/>)"));
  EXPECT_EQ(Text(Only(r1904), 1, 1), "2027-03-16");  // 1904 system: 1462 days later
  EXPECT_EQ(Text(Only(r1904), 1, 4), "45000");
}

TEST(XlsxReader, SerialDatesAroundExcelsFictitiousLeapDay) {
  EXPECT_EQ(SerialToUnixDays(25569), 0);
  EXPECT_EQ(SerialToUnixDays(1), -25567);  // 1900-01-01
  EXPECT_EQ(SerialToUnixDays(61), SerialToUnixDays(60));
  EXPECT_EQ(*SerialToUnixDays(59) + 1, *SerialToUnixDays(61));
  EXPECT_FALSE(SerialToUnixDays(0));
  EXPECT_FALSE(SerialToUnixDays(3e6));
  for (int32_t d : {-25567, -25509, -25508, 0, 19000, 2932896}) EXPECT_EQ(SerialToUnixDays(UnixDaysToSerial(d)), d);
}

TEST(XlsxReader, WriterAndReaderAgree) {
  Table t;
  t.name = "Blad/med:tecken?";  // characters Excel forbids in a sheet name
  t.preamble = {"Rubrik"};
  t.headings = {"Namn", "Tal", "Datum"};
  t.rows = {{TextCell("=SUM(A1)"), NumberCell(3), DateCell(19000)},
            {TextCell("Åsa \"citat\""), NumberCell(0.25), Cell{}}};
  const auto r = ReadXlsx(WriteXlsx({t, t}));
  ASSERT_TRUE(r.book) << r.problems.at(0).message;
  ASSERT_EQ(r.book->sheets.size(), 2u);
  const Sheet& s = r.book->sheets[0];
  EXPECT_EQ(s.name, "Blad-med-tecken-");
  EXPECT_EQ(r.book->sheets[1].name, "Blad-med-tecken- (2)");
  EXPECT_EQ(Text(s, 1, 1), "Rubrik");
  EXPECT_EQ(Text(s, 3, 1), "Namn");
  EXPECT_EQ(Text(s, 4, 1), "=SUM(A1)");  // a string, never a formula
  EXPECT_EQ(Text(s, 4, 2), "3");
  EXPECT_EQ(s.At(4, 3)->kind, CellKind::kDate);
  EXPECT_EQ(s.At(4, 3)->text, DateCell(19000).text);
  EXPECT_EQ(Text(s, 5, 1), "Åsa \"citat\"");
}

TEST(XlsxReader, CorruptFilesAreProblemsNeverCrashes) {
  const std::string good =
      MinimalXlsx(R"(<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData>)");
  ASSERT_TRUE(ReadXlsx(good).book);
  // Truncated at every length.
  for (size_t n = 0; n < good.size(); n += 7) {
    const auto r = ReadXlsx(good.substr(0, n));
    EXPECT_FALSE(r.book) << n;
    EXPECT_FALSE(r.problems.empty()) << n;
  }
  // Bytes flipped: a workbook or problems, whatever the damage.
  std::mt19937 rng(42);
  for (int i = 0; i < 400; ++i) {
    std::string bad = good;
    for (int k = 0; k < 1 + i % 5; ++k) bad[rng() % bad.size()] = static_cast<char>(rng());
    const auto r = ReadXlsx(bad);
    EXPECT_TRUE(r.book.has_value() != !r.problems.empty());
  }
  const auto not_xml = ReadXlsx(MinimalXlsx("<sheetData><row><c><v>1</v></c></row>"));  // unclosed
  ASSERT_FALSE(not_xml.book);
  EXPECT_NE(not_xml.problems[0].message.find("XML"), std::string::npos);
  const auto bad_ref = ReadXlsx(MinimalXlsx(R"(<sheetData><row r="1"><c r="ZZZZZ1"><v>1</v></c></row></sheetData>)"));
  ASSERT_FALSE(bad_ref.book);
  EXPECT_EQ(bad_ref.problems[0].row, 1u);
  const auto bad_string = ReadXlsx(
      MinimalXlsx(R"(<sheetData><row r="2"><c r="C2" t="s"><v>99</v></c></row></sheetData>)", "<si><t>a</t></si>"));
  ASSERT_FALSE(bad_string.book);
  EXPECT_EQ(Where(bad_string.problems[0]), "Blad1!C2");
  const auto no_workbook = ReadXlsx(test::MakeZip({{"hello.txt", "hej"}}));
  ASSERT_FALSE(no_workbook.book);
  EXPECT_NE(no_workbook.problems[0].message.find("workbook.xml"), std::string::npos);
  const auto xls =
      ReadSpreadsheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'), "gammal.xls");
  ASSERT_FALSE(xls.book);
  EXPECT_NE(xls.problems[0].message.find(".xls"), std::string::npos);
}

TEST(XlsxReader, SheetsBeyondTheLimitsAreRefused) {
  Limits small;
  small.max_rows = 100;
  small.max_columns = 10;
  const auto rows =
      ReadXlsx(MinimalXlsx(R"(<sheetData><row r="101"><c r="A101"><v>1</v></c></row></sheetData>)"), small);
  ASSERT_FALSE(rows.book);
  EXPECT_EQ(rows.problems[0].row, 101u);
  const auto cols = ReadXlsx(MinimalXlsx(R"(<sheetData><row r="1"><c r="K1"><v>1</v></c></row></sheetData>)"), small);
  ASSERT_FALSE(cols.book);
  EXPECT_EQ(Where(cols.problems[0]), "Blad1!K1");
  // A sheet merged over a million rows fills only the rows that hold data.
  const auto merged = ReadXlsx(MinimalXlsx(
      R"(<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row></sheetData>)"
      R"(<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>)"));
  ASSERT_TRUE(merged.book);
  EXPECT_EQ(Only(merged).rows.size(), 3u);
  EXPECT_EQ(Text(Only(merged), 3, 1), "1");
}

TEST(XlsxReader, RowsAreSparseAndMergedAreasAreCounted) {
  // Issue 17: one filled cell at column 1,000 is one cell, not a thousand.
  const auto far = ReadXlsx(MinimalXlsx(R"(<sheetData><row r="1"><c r="ALL1"><v>7</v></c></row></sheetData>)"));
  ASSERT_TRUE(far.book);
  const Row& row = Only(far).rows.at(0);
  EXPECT_EQ(row.size(), 1000u);
  EXPECT_EQ(row.filled(), 1u);
  EXPECT_EQ(row[999].text, "7");
  EXPECT_EQ(row[0].kind, CellKind::kEmpty);
  // Merged ranges: their area is counted before anything is filled, and their number is capped.
  Limits small;
  small.max_merged_cells = 50;
  small.max_merged_ranges = 3;
  const auto area = ReadXlsx(
      MinimalXlsx(
          R"(<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="10"><c r="J10"><v>2</v></c></row></sheetData>)"
          R"(<mergeCells><mergeCell ref="A1:J10"/></mergeCells>)"),
      small);
  ASSERT_FALSE(area.book);
  EXPECT_EQ(Where(area.problems[0]), "Blad1!A1");
  const auto many = ReadXlsx(MinimalXlsx(R"(<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>)"
                                         R"(<mergeCell ref="B1:C1"/><mergeCell ref="B2:C2"/><mergeCell ref="B3:C3"/>)"
                                         R"(<mergeCell ref="B4:C4"/></mergeCells>)"),
                             small);
  ASSERT_FALSE(many.book);
  EXPECT_EQ(Where(many.problems[0]), "Blad1!B4");
}

// A real zip bomb: one part that deflates 300 MB of zeros to about 300 KB, made without holding 300 MB.
zip_int64_t Zeros(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* left = static_cast<zip_uint64_t*>(state);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      *left = 300ull << 20;
      return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t n = std::min(len, *left);
      std::memset(data, '0', n);
      *left -= n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      return sizeof(*st);
    }
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

TEST(XlsxReader, AZipBombStopsAtTheCap) {
  test::TempDir dir;
  const std::string path = dir.Path("bomb.xlsx");
  const std::string plain = MinimalXlsx(R"(<sheetData/>)");
  test::WriteBytes(path, plain);
  int error = 0;
  zip_t* z = zip_open(path.c_str(), 0, &error);
  ASSERT_NE(z, nullptr);
  zip_uint64_t left = 0;
  zip_source_t* src = zip_source_function(z, Zeros, &left);
  ASSERT_GE(zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(z), 0);
  const std::string bomb = test::ReadBytes(path);
  EXPECT_LT(bomb.size(), 2u << 20);
  const auto r = ReadXlsx(bomb);
  ASSERT_FALSE(r.book);
  EXPECT_NE(r.problems[0].message.find("zip bomb"), std::string::npos) << r.problems[0].message;
}

}  // namespace
}  // namespace ansvar::io::sheets
