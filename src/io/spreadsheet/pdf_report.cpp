// PDF with cairo and Pango. Two passes over the same layout code: the first counts the pages (for "Sida N av M"),
// the second draws. Text is laid out with Pango (line breaking, any script DejaVu covers); cairo embeds the fonts.
#include "io/spreadsheet/pdf_report.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace ansvar::io::sheets {
namespace {

constexpr double kMargin = 48;
constexpr double kTop = 62;     // content starts here
constexpr double kBottom = 58;  // and ends this far from the bottom edge
constexpr const char* kFont = "DejaVu Sans";

// Pango wants valid UTF-8: anything else becomes U+FFFD.
std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80                   ? 1
               : (c >= 0xC2 && c <= 0xDF) ? 2
               : (c >= 0xE0 && c <= 0xEF) ? 3
               : (c >= 0xF0 && c <= 0xF4) ? 4
                                          : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && n == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok && c == 0) ok = false;
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct Font {
  double size;
  bool bold;
};

class Renderer {
 public:
  Renderer(cairo_t* cr, const PdfDocument& doc, double width, double height, bool draw, int total)
      : cr_(cr), doc_(doc), width_(width), height_(height), draw_(draw), total_(total) {}

  int Run() {
    StartPage();
    if (!doc_.title.empty()) {
      Text(doc_.title, {17, true}, kMargin, ContentWidth(), 0.1);
      y_ += 6;
    }
    for (const auto& b : doc_.blocks) Block(b);
    EndPage();
    return page_;
  }

 private:
  [[nodiscard]] double ContentWidth() const { return width_ - 2 * kMargin; }
  [[nodiscard]] double Limit() const { return height_ - kBottom; }

  Layout Make(const std::string& text, Font font, double width, double max_height = 0) {
    Layout l(pango_cairo_create_layout(cr_));
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, kFont);
    pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
    pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(l.get(), static_cast<int>(std::max(10.0, width) * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    if (max_height > 0) {
      pango_layout_set_height(l.get(), static_cast<int>(max_height * PANGO_SCALE));
      pango_layout_set_ellipsize(l.get(), PANGO_ELLIPSIZE_END);
    }
    const std::string valid = ValidUtf8(text);
    pango_layout_set_text(l.get(), valid.data(), static_cast<int>(valid.size()));
    return l;
  }

  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Show(PangoLayout* l, double x, double y, double grey = 0.1) {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }

  // Running text, broken across pages line by line.
  void Text(const std::string& text, Font font, double x, double width, double grey) {
    Layout l = Make(text, font, width);
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double offset = 0;  // where on the current page the layout's top would be
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double h = static_cast<double>(logical.height) / PANGO_SCALE;
      if (first) offset = y_ - top, first = false;
      if (offset + top + h > Limit()) {
        NewPage();
        offset = y_ - top;
      }
      if (draw_) {
        const int baseline = pango_layout_iter_get_baseline(it);
        cairo_set_source_rgb(cr_, grey, grey, grey);
        cairo_move_to(cr_, x, offset + static_cast<double>(baseline) / PANGO_SCALE);
        pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      }
      y_ = offset + top + h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void Block(const PdfBlock& b) {
    using K = PdfBlock::Kind;
    switch (b.kind) {
      case K::kHeading:
      case K::kSubheading: {
        const bool h1 = b.kind == K::kHeading;
        y_ += h1 ? 12 : 8;
        Layout l = Make(b.text, {h1 ? 13.5 : 11, true}, ContentWidth());
        if (y_ + Height(l.get()) + 40 > Limit()) NewPage();  // keep a heading with what follows it
        Show(l.get(), kMargin, y_, h1 ? 0.05 : 0.15);
        y_ += Height(l.get()) + (h1 ? 5 : 3);
        if (h1 && draw_) {
          cairo_set_source_rgb(cr_, 0.7, 0.7, 0.7);
          cairo_set_line_width(cr_, 0.6);
          cairo_move_to(cr_, kMargin, y_ - 2);
          cairo_line_to(cr_, width_ - kMargin, y_ - 2);
          cairo_stroke(cr_);
        }
        break;
      }
      case K::kParagraph:
        Text(b.text, {9.5, false}, kMargin, ContentWidth(), 0.1);
        y_ += 5;
        break;
      case K::kNote:
        Text(b.text, {8, false}, kMargin, ContentWidth(), 0.35);
        y_ += 4;
        break;
      case K::kFields:
        Fields(b);
        break;
      case K::kTable:
        Table(b);
        break;
      case K::kPageBreak:
        if (y_ > kTop) NewPage();
        break;
    }
  }

  // A row of cells side by side; moves to a new page first when it does not fit. A cell taller than a page is cut.
  double Row(const std::vector<std::string>& cells, const std::vector<double>& widths, Font font, bool fill,
             bool label_bold) {
    const double pad = 2.5;
    const double max_h = Limit() - kTop - 40;
    std::vector<Layout> layouts;
    double h = 0;
    for (size_t i = 0; i < cells.size(); ++i) {
      Font f = font;
      if (label_bold && i == 0) f.bold = true;
      layouts.push_back(Make(cells[i], f, widths[i] - 2 * pad, max_h));
      h = std::max(h, Height(layouts.back().get()));
    }
    h += 2 * pad;
    if (y_ + h > Limit()) NewPage();
    double x = kMargin;
    if (draw_ && fill) {
      cairo_set_source_rgb(cr_, 0.9, 0.92, 0.95);
      cairo_rectangle(cr_, kMargin, y_, ContentWidth(), h);
      cairo_fill(cr_);
    }
    for (size_t i = 0; i < layouts.size(); ++i) {
      Show(layouts[i].get(), x + pad, y_ + pad);
      x += widths[i];
    }
    y_ += h;
    return h;
  }

  void Rule(double grey) {
    if (!draw_) return;
    cairo_set_source_rgb(cr_, grey, grey, grey);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kMargin, y_);
    cairo_line_to(cr_, width_ - kMargin, y_);
    cairo_stroke(cr_);
  }

  void Fields(const PdfBlock& b) {
    const std::vector<double> widths = {ContentWidth() * 0.3, ContentWidth() * 0.7};
    for (const auto& [label, value] : b.fields) {
      Row({label, value.empty() ? "–" : value}, widths, {9, false}, false, true);
      Rule(0.85);
    }
    y_ += 6;
  }

  void Table(const PdfBlock& b) {
    const size_t n = b.headings.size();
    if (n == 0) return;
    std::vector<double> widths(n, 1.0);
    for (size_t i = 0; i < n && i < b.widths.size(); ++i) widths[i] = std::max(0.05, b.widths[i]);
    double sum = 0;
    for (const double w : widths) sum += w;
    for (auto& w : widths) w = w / sum * ContentWidth();
    auto header = [&] { Row(b.headings, widths, {8.5, true}, true, false); };
    header();
    for (const auto& r : b.rows) {
      std::vector<std::string> cells(r.begin(), r.begin() + static_cast<std::ptrdiff_t>(std::min(r.size(), n)));
      cells.resize(n);
      // Measure first: a row that moves to a new page gets the headings again above it.
      const int before = page_;
      const double y_before = y_;
      const bool drawing = draw_;
      draw_ = false;
      Row(cells, widths, {8.5, false}, false, false);
      draw_ = drawing;
      if (page_ != before) {
        page_ = before, y_ = y_before;
        NewPage();
        header();
      } else {
        y_ = y_before;
      }
      Row(cells, widths, {8.5, false}, false, false);
      Rule(0.8);
    }
    y_ += 8;
  }

  void StartPage() {
    ++page_;
    y_ = kTop;
    if (!draw_) return;
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_paint(cr_);
    if (!doc_.header.empty()) {
      Layout l = Make(doc_.header, {7.5, false}, ContentWidth());
      Show(l.get(), kMargin, 28, 0.4);
      cairo_set_source_rgb(cr_, 0.75, 0.75, 0.75);
      cairo_set_line_width(cr_, 0.5);
      cairo_move_to(cr_, kMargin, 44);
      cairo_line_to(cr_, width_ - kMargin, 44);
      cairo_stroke(cr_);
    }
  }

  void EndPage() {
    if (!draw_) return;
    const bool sv = doc_.language != "en";
    const std::string number =
        (sv ? "Sida " : "Page ") + std::to_string(page_) + (sv ? " av " : " of ") + std::to_string(total_);
    Layout l = Make(number, {7.5, false}, ContentWidth());
    pango_layout_set_alignment(l.get(), PANGO_ALIGN_RIGHT);
    Show(l.get(), kMargin, height_ - 36, 0.4);
    if (!doc_.title.empty()) {
      Layout t = Make(doc_.title, {7.5, false}, ContentWidth() * 0.75, 12);
      Show(t.get(), kMargin, height_ - 36, 0.4);
    }
    cairo_show_page(cr_);
  }

  void NewPage() {
    // A moving row measured without drawing must not end a page for real.
    const bool drawing = draw_;
    if (drawing) EndPage();
    draw_ = drawing;
    StartPage();
  }

  cairo_t* cr_;
  const PdfDocument& doc_;
  double width_, height_;
  bool draw_;
  int total_;
  int page_ = 0;
  double y_ = kTop;
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::mutex& PdfMutex() {
  static std::mutex mu;
  return mu;
}

}  // namespace

std::string RenderPdf(const PdfDocument& doc) {
  std::lock_guard lock(PdfMutex());
  const double w = doc.landscape ? 841.89 : 595.28, h = doc.landscape ? 595.28 : 841.89;
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, w, h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw std::runtime_error("pdf: cannot create the surface");
  }
  const std::string title = ValidUtf8(doc.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Ansvar");
  cairo_t* cr = cairo_create(surface);
  const int pages = Renderer(cr, doc, w, h, false, 0).Run();
  Renderer(cr, doc, w, h, true, pages).Run();
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const auto status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("pdf: ") + cairo_status_to_string(status));
  return out;
}

}  // namespace ansvar::io::sheets
