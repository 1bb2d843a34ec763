#pragma once
// Printable reports as PDF, laid out with Pango and drawn with cairo: UTF-8 throughout, DejaVu Sans embedded as
// a subset, A4, running header and "Sida N av M" on every page, tables whose headings repeat on each page.
#include <string>
#include <utility>
#include <vector>

namespace ansvar::io::sheets {

struct PdfBlock {
  enum class Kind {
    kHeading,     // a section heading (level 1)
    kSubheading,  // level 2
    kParagraph,
    kNote,    // small grey text
    kFields,  // label: value pairs, as a form
    kTable,
    kPageBreak,
  };
  Kind kind = Kind::kParagraph;
  std::string text;
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::string> headings;  // kTable
  std::vector<double> widths;         // kTable: relative column widths (missing: equal)
  std::vector<std::vector<std::string>> rows;
};

struct PdfDocument {
  std::string title;            // on the first page, and in the PDF's metadata
  std::string header;           // at the top of every page
  std::string language = "sv";  // "sv" or "en": the page numbers
  bool landscape = false;
  std::vector<PdfBlock> blocks;
};

// The PDF's bytes. Throws std::runtime_error when cairo fails. Safe to call from several threads (serialised).
std::string RenderPdf(const PdfDocument& document);

}  // namespace ansvar::io::sheets
