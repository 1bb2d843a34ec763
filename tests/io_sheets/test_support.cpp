#include "test_support.hpp"

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include "io/register_reader.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace ansvar::test {

TempDir::TempDir() {
  std::random_device rd;
  dir_ = std::filesystem::temp_directory_path() / ("ansvar-sheets-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(dir_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string WriteWorkbook(const std::function<void(lxw_workbook*)>& fill) {
  TempDir dir;
  const std::string path = dir.Path("book.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) throw std::runtime_error("workbook_new");
  fill(wb);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("workbook_close");
  return ReadBytes(path);
}

std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts) {
  TempDir dir;
  const std::string path = dir.Path("parts.zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (z == nullptr) throw std::runtime_error("zip_open");
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    if (s == nullptr || zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(s);
      zip_discard(z);
      throw std::runtime_error("zip_file_add");
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close");  // reads the buffers now: they must live until here
  return ReadBytes(path);
}

std::string MinimalXlsx(const std::string& sheet_body, const std::string& shared_strings, const std::string& styles,
                        const std::string& workbook_pr) {
  const std::string ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const std::string rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type=")" +
      rel + R"(/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (!shared_strings.empty())
    rels += R"(<Relationship Id="rId2" Type=")" + rel + R"(/sharedStrings" Target="sharedStrings.xml"/>)";
  if (!styles.empty()) rels += R"(<Relationship Id="rId3" Type=")" + rel + R"(/styles" Target="/xl/styles.xml"/>)";
  rels += "</Relationships>";
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type=")" +
           rel + R"(/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml", R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns=")" + ns + R"(" xmlns:r=")" + rel +
                              R"(">)" + workbook_pr +
                              R"(<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels", rels},
      {"xl/worksheets/sheet1.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns=")" + ns + R"(">)" + sheet_body + "</worksheet>"}};
  if (!shared_strings.empty())
    parts.push_back({"xl/sharedStrings.xml", R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns=")" + ns + R"(">)" +
                                                 shared_strings + "</sst>"});
  if (!styles.empty())
    parts.push_back({"xl/styles.xml", R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns=")" + ns + R"(">)" +
                                          styles + "</styleSheet>"});
  return MakeZip(parts);
}

model::Register ExampleRegister() {
  auto read = io::ReadRegisterFile(std::string(ANSVAR_SHARED_DIR) + "/spec/examples/kungsbacka-small.json");
  if (!read.reg) throw std::runtime_error("the example register does not read: " + io::FormatProblems(read.problems));
  return *read.reg;
}

std::unique_ptr<app::RegisterService> ServiceWith(const TempDir& dir, const model::Register& reg) {
  auto service = std::make_unique<app::RegisterService>(
      store::OpenSqliteStore(dir.Path("register.db")), rules::Rulebook::Default(),
      [] { return model::Timestamp::FromSeconds(1739145600); });  // 2025-02-10
  auto r = service->ReplaceWith(reg, {"test", "Test"}, std::nullopt);
  if (!r.ok()) throw std::runtime_error("the register does not load: " + r.error().detail);
  return service;
}

namespace {
int Run(const std::string& command) { return std::system(command.c_str()); }
}  // namespace

std::vector<double> InkPerPage(const std::string& pdf, const TempDir& dir) {
  const std::string in = dir.Path("render.pdf"), prefix = dir.Path("page");
  WriteBytes(in, pdf);
  if (Run(std::string(ANSVAR_PDFTOPPM) + " -gray -r 40 '" + in + "' '" + prefix + "' 2>/dev/null") != 0) return {};
  std::vector<double> out;
  std::vector<std::filesystem::path> pages;
  for (const auto& e : std::filesystem::directory_iterator(dir.Path("")))
    if (e.path().filename().string().starts_with("page")) pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  for (const auto& p : pages) {
    // P5 (binary greymap): "P5\n<w> <h>\n255\n" then w*h bytes.
    std::ifstream f(p, std::ios::binary);
    std::string magic;
    size_t w = 0, h = 0, max = 0;
    f >> magic >> w >> h >> max;
    f.get();
    std::string pixels(w * h, '\0');
    f.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
    size_t ink = 0;
    for (const char c : pixels) ink += static_cast<unsigned char>(c) < 200;
    out.push_back(pixels.empty() ? 0 : static_cast<double>(ink) / static_cast<double>(pixels.size()));
  }
  return out;
}

std::string PdfText(const std::string& pdf, const TempDir& dir) {
  const std::string in = dir.Path("text.pdf"), out = dir.Path("text.txt");
  WriteBytes(in, pdf);
  if (Run("pdftotext -enc UTF-8 '" + in + "' '" + out + "' 2>/dev/null") != 0) return {};
  return ReadBytes(out);
}

}  // namespace ansvar::test
