#pragma once
// Spreadsheets made for the tests: with libxlsxwriter as Excel would save them, and part by part with libzip
// where a test needs what libxlsxwriter never writes (inline strings, the 1904 date system, broken parts).
#include <xlsxwriter.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/register_service.hpp"
#include "model/register.hpp"

namespace ansvar::test {

// A directory of its own under /tmp, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  std::filesystem::path dir_;
};

std::string ReadBytes(const std::string& path);
void WriteBytes(const std::string& path, const std::string& bytes);

// A workbook written by libxlsxwriter; `fill` adds its sheets.
std::string WriteWorkbook(const std::function<void(lxw_workbook*)>& fill);
// A zip of the given parts (name, content), each deflated.
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& parts);
// A minimal .xlsx with one sheet "Blad1" whose <sheetData> (and what follows it) is `sheet_body`.
std::string MinimalXlsx(const std::string& sheet_body, const std::string& shared_strings = "",
                        const std::string& styles = "", const std::string& workbook_pr = "");

// The register of spec/examples/kungsbacka-small.json.
model::Register ExampleRegister();
// A service over a fresh SQLite file in `dir`, holding `reg`.
std::unique_ptr<app::RegisterService> ServiceWith(const TempDir& dir, const model::Register& reg);

// Renders the PDF's pages with pdftoppm (poppler) and answers, per page, the share of pixels that are not white.
// Empty when pdftoppm is missing or fails.
std::vector<double> InkPerPage(const std::string& pdf, const TempDir& dir);
// pdftotext's text of the PDF ("" when it is missing).
std::string PdfText(const std::string& pdf, const TempDir& dir);

}  // namespace ansvar::test
