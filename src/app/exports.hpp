#pragma once
// What the supervisory authority (IMY) or an auditor asks for, as files: the record of processing per committee
// (GDPR art. 30.1), the processor record (art. 30.2), the system register, and the findings with the rule texts,
// as .xlsx, .csv or a printable PDF. The .xlsx files of the system register and the record of processing use
// the importer's columns: imported back, they change nothing.
#include <optional>
#include <string>
#include <string_view>

#include "app/register_service.hpp"

namespace ansvar::app {

enum class ExportWhat { kRopa, kProcessorRecord, kSystems, kFindings };
enum class ExportFormat { kXlsx, kCsv, kPdf };

std::optional<ExportWhat> ParseExportWhat(std::string_view s);      // ropa, processor-record, systems, findings
std::optional<ExportFormat> ParseExportFormat(std::string_view s);  // xlsx, csv, pdf

struct ExportRequest {
  ExportWhat what = ExportWhat::kRopa;
  ExportFormat format = ExportFormat::kXlsx;
  // At most one scope: a committee, an administration (the committees it works for) or an organization.
  std::string committee, administration, organization;
  rules::Lang lang = rules::Lang::kSv;
  std::optional<model::Timestamp> as_of;  // findings: evaluated then (default now); printed as the report's date
};

struct ExportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;  // e.g. "registerforteckning-bn.pdf"
};

// kBadRequest for a combination that does not exist (a PDF of the system register), kNotFound for an unknown scope.
Result<ExportFile> Export(const RegisterService& service, const ExportRequest& request);

}  // namespace ansvar::app
