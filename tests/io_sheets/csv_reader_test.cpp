// The .csv reader: the encodings and separators Swedish offices use, RFC 4180 quoting, and bombs.
#include <gtest/gtest.h>

#include "app/sheet_fields.hpp"
#include "io/spreadsheet/reader.hpp"
#include "io/spreadsheet/writer.hpp"

namespace ansvar::io::sheets {
namespace {

std::vector<std::vector<std::string>> Texts(const ReadResult& r) {
  std::vector<std::vector<std::string>> out;
  if (!r.book) return out;
  for (const auto& row : r.book->sheets.at(0).rows) {
    out.emplace_back();
    for (const auto& c : row) out.back().push_back(c.text);
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, SemicolonsInWindows1252AsSwedishExcelSavesThem) {
  // "Systemägare;Förvaltning\r\nÅsa Öberg;Bygg- och miljö\r\n" in Windows-1252, with a euro sign and an en dash.
  const std::string bytes =
      "System\xE4gare;F\xF6rvaltning\r\n\xC5sa \xD6"
      "berg;Bygg \x96 milj\xF6 \x80\r\n";
  const auto r = ReadCsv(bytes);
  EXPECT_EQ(Texts(r), (Rows{{"Systemägare", "Förvaltning"}, {"Åsa Öberg", "Bygg – miljö €"}}));
}

TEST(CsvReader, Utf8WithAByteOrderMarkAndCommas) {
  const auto r = ReadCsv("\xEF\xBB\xBFNamn,Leverantör\nÅsa,\"Tieto, Evry\"\n");
  EXPECT_EQ(Texts(r), (Rows{{"Namn", "Leverantör"}, {"Åsa", "Tieto, Evry"}}));
}

TEST(CsvReader, Utf16AsExcelsUnicodeTextWithTabs) {
  std::string bytes = "\xFF\xFE";
  for (const char16_t c : std::u16string(u"Namn\tÄgare\r\nEcos\tÅsa\r\n")) {
    bytes += static_cast<char>(c & 0xFF);
    bytes += static_cast<char>(c >> 8);
  }
  EXPECT_EQ(Texts(ReadCsv(bytes)), (Rows{{"Namn", "Ägare"}, {"Ecos", "Åsa"}}));
  EXPECT_FALSE(ReadCsv("\xFF\xFE\x41").book);  // odd length
}

TEST(CsvReader, QuotingLineBreaksAndEmptyRows) {
  const auto r = ReadCsv("a;b;c\r\n\"x;y\";\"rad 1\nrad 2\";\"sa \"\"hej\"\"\"\r\n\r\n;;\rslut;\"\";\n\n\n");
  // Rows are sparse (issue 17): empty cells after the last filled one are not kept.
  EXPECT_EQ(Texts(r), (Rows{{"a", "b", "c"}, {"x;y", "rad 1\nrad 2", "sa \"hej\""}, {}, {}, {"slut"}}));
}

TEST(CsvReader, TheDelimiterIsTheCommonestInTheFirstLine) {
  EXPECT_EQ(Texts(ReadCsv("a,b;c,d\n")), (Rows{{"a", "b;c", "d"}}));
  EXPECT_EQ(Texts(ReadCsv("\n\na;b,c;d\n")), (Rows{{}, {}, {"a", "b,c", "d"}}));
  // A title line without separators above semicolon-separated headings.
  EXPECT_EQ(Texts(ReadCsv("Systemförteckning, 2025\n\nNamn;Ägare\nEcos;Åsa\n")),
            (Rows{{"Systemförteckning, 2025"}, {}, {"Namn", "Ägare"}, {"Ecos", "Åsa"}}));
  EXPECT_EQ(Texts(ReadCsv("a\tb\n")), (Rows{{"a", "b"}}));
  EXPECT_EQ(Texts(ReadCsv("ensam\n")), (Rows{{"ensam"}}));
  CsvOptions forced;
  forced.delimiter = ',';
  EXPECT_EQ(Texts(ReadCsv("a;b,c\n", {}, forced)), (Rows{{"a;b", "c"}}));
}

TEST(CsvReader, WrongEncodingsNameTheirCell) {
  // Valid UTF-8 ("ä") and a stray Windows-1252 byte in the same file: the cell with the stray byte is named.
  const auto mixed = ReadCsv("Namn;Ägare\nEcos;Gr\xE4n\n");
  ASSERT_FALSE(mixed.book);
  EXPECT_EQ(Where(mixed.problems.at(0)), "CSV!B2");
  const auto binary = ReadCsv(std::string("a;b\nc;d\0e\n", 11));
  ASSERT_FALSE(binary.book);
  EXPECT_EQ(Where(binary.problems.at(0)), "CSV!B2");
  const auto open = ReadCsv("a;b\nc;\"never closed\nd;e\n");
  ASSERT_FALSE(open.book);
  EXPECT_EQ(Where(open.problems.at(0)), "CSV!B2");
}

TEST(CsvReader, BombsStopAtTheLimits) {
  const auto wide = ReadCsv(std::string(5000, ';') + "\n");
  ASSERT_FALSE(wide.book);
  EXPECT_EQ(wide.problems.at(0).column, 1001u);
  std::string tall;
  for (int i = 0; i < 200100; ++i) tall += "x\n";
  const auto many = ReadCsv(tall);
  ASSERT_FALSE(many.book);
  EXPECT_EQ(many.problems.at(0).row, 200001u);
  const auto fat = ReadCsv("a;" + std::string(40000, 'x') + "\n");
  ASSERT_FALSE(fat.book);
  EXPECT_EQ(Where(fat.problems.at(0)), "CSV!B1");
  const auto quote = ReadCsv("a;\"" + std::string(40000, 'x'));
  ASSERT_FALSE(quote.book);
  EXPECT_EQ(Where(quote.problems.at(0)), "CSV!B1");
  Limits small;
  small.max_input_bytes = 10;
  EXPECT_FALSE(ReadCsv(std::string(11, 'a'), small).book);
  Limits cells;
  cells.max_cells = 5;
  EXPECT_FALSE(ReadCsv("a;b;c\nd;e;f\n", cells).book);
}

TEST(CsvWriter, WritesWhatTheReaderReadsAndDisarmsFormulas) {
  Table t;
  t.headings = {"Namn", "Text", "Tal"};
  t.rows = {{TextCell("=HYPERLINK(\"x\")"), TextCell("a;b\n\"c\""), NumberCell(-5)},
            {TextCell(" mellanslag "), Cell{}, DateCell(0)}};
  const std::string csv = WriteCsv(t);
  EXPECT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "Namn;Text;Tal\r\n"));
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos);  // Excel shows it as text
  EXPECT_NE(csv.find(";-5\r\n"), std::string::npos);                     // numbers are left alone
  const auto back = Texts(ReadCsv(csv));
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(app::sheet::CleanText(back[1][0]), "=HYPERLINK(\"x\")");  // the importer takes the apostrophe away
  EXPECT_EQ(back[1][1], "a;b\n\"c\"");
  EXPECT_EQ(back[2][0], " mellanslag ");
  EXPECT_EQ(back[2][2], "1970-01-01");
}

}  // namespace
}  // namespace ansvar::io::sheets
