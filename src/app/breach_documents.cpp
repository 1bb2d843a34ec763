#include "app/breach_documents.hpp"

#include <stdexcept>

#include "io/spreadsheet/pdf_report.hpp"
#include "io/spreadsheet/writer.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kMissing = "SAKNAS / MISSING";

std::string ValueOrMissing(const NotificationField& f) {
  if (!f.value.empty()) return f.value;
  return f.required ? std::string(kMissing) : "–";
}

std::string Label(const NotificationField& f) { return f.label_sv + " / " + f.label_en; }

}  // namespace

Result<ExportFile> NotificationDocument(const NotificationForm& form, ExportFormat format) {
  const std::string stem = "anmalan-personuppgiftsincident-" + form.incident;
  try {
    if (format == ExportFormat::kPdf) {
      using K = io::sheets::PdfBlock::Kind;
      io::sheets::PdfDocument doc;
      doc.title = "Anmälan av personuppgiftsincident / Personal data breach notification";
      doc.header = "Ansvar · " + form.incident + " · " + model::FormatTimestamp(form.made_at);
      doc.blocks.push_back({K::kParagraph,
                            "Underlag till Integritetsskyddsmyndighetens formulär för anmälan av "
                            "personuppgiftsincident (GDPR art. 33), framtaget ur registret " +
                                model::FormatTimestamp(form.made_at) +
                                ". Draft for the authority's breach notification form, made from the register.",
                            {},
                            {},
                            {},
                            {}});
      if (form.complete) {
        doc.blocks.push_back({K::kNote,
                              "Alla uppgifter som formuläret kräver finns. / Every required field is filled.",
                              {},
                              {},
                              {},
                              {}});
      } else {
        std::string missing;
        for (const auto& s : form.sections)
          for (const auto& f : s.fields)
            if (f.required && f.value.empty()) missing += (missing.empty() ? "" : "; ") + f.label_sv;
        doc.blocks.push_back(
            {K::kParagraph,
             "Uppgifter saknas (anmäl i etapper om de inte hinns med inom tidsfristen) / Missing: " + missing,
             {},
             {},
             {},
             {}});
      }
      for (const auto& s : form.sections) {
        doc.blocks.push_back({K::kHeading, s.title_sv + " / " + s.title_en, {}, {}, {}, {}});
        io::sheets::PdfBlock fields{K::kFields, "", {}, {}, {}, {}};
        for (const auto& f : s.fields) fields.fields.emplace_back(Label(f), ValueOrMissing(f));
        doc.blocks.push_back(std::move(fields));
      }
      return ExportFile{io::sheets::RenderPdf(doc), "application/pdf", stem + ".pdf"};
    }
    if (format == ExportFormat::kXlsx) {
      io::sheets::Table t;
      t.name = "Anmälan";
      t.preamble = {"Anmälan av personuppgiftsincident / Personal data breach notification",
                    "Ärende / Case: " + form.incident + " · " + model::FormatTimestamp(form.made_at),
                    form.complete ? "Komplett / Complete" : "Uppgifter saknas / Fields missing"};
      t.headings = {"Avsnitt / Section", "Fält / Field", "Nyckel / Key", "Värde / Value", "Saknas / Missing"};
      t.widths = {28, 48, 22, 70, 10};
      for (const auto& s : form.sections)
        for (const auto& f : s.fields)
          t.rows.push_back({io::sheets::TextCell(s.title_sv), io::sheets::TextCell(Label(f)),
                            io::sheets::TextCell(f.key), io::sheets::TextCell(f.value),
                            io::sheets::TextCell(f.required && f.value.empty() ? "ja / yes" : "")});
      return ExportFile{io::sheets::WriteXlsx({t}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        stem + ".xlsx"};
    }
  } catch (const std::runtime_error& e) {
    return Error{ErrorCode::kUnavailable, "Filen kunde inte skapas / The file could not be made", e.what(), {}};
  }
  return BadRequest("format: pdf, xlsx or json");
}

Result<ExportFile> StatisticsWorkbook(const BreachStatistics& st) {
  auto sheet = [](std::string name, std::string title, const std::vector<BreachCount>& counts) {
    io::sheets::Table t;
    t.name = std::move(name);
    t.preamble = {std::move(title)};
    t.headings = {"Nyckel / Key", "Namn / Name", "Antal / Total", "Anmälda till IMY / Notified"};
    for (const auto& c : counts)
      t.rows.push_back({io::sheets::TextCell(c.key), io::sheets::TextCell(c.label), io::sheets::NumberCell(c.total),
                        io::sheets::NumberCell(c.notified)});
    return t;
  };
  try {
    io::sheets::Table total;
    total.name = "Totalt";
    total.preamble = {"Personuppgiftsincidenter / Personal data breaches"};
    total.headings = {"Mått / Measure", "Antal / Count"};
    total.rows = {{io::sheets::TextCell("Totalt / Total"), io::sheets::NumberCell(st.total)},
                  {io::sheets::TextCell("Anmälda / Notified"), io::sheets::NumberCell(st.notified)},
                  {io::sheets::TextCell("Ej anmälda / Not notified"), io::sheets::NumberCell(st.not_notified)}};
    return ExportFile{io::sheets::WriteXlsx({total, sheet("Orsak", "Per orsak / By cause", st.by_cause),
                                             sheet("System", "Per system / By system", st.by_system),
                                             sheet("Kvartal", "Per kvartal / By quarter", st.by_quarter)}),
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      "personuppgiftsincidenter-statistik.xlsx"};
  } catch (const std::runtime_error& e) {
    return Error{ErrorCode::kUnavailable, "Filen kunde inte skapas / The file could not be made", e.what(), {}};
  }
}

}  // namespace ansvar::app
