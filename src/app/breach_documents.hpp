#pragma once
// The breach documents as files (issue 15): the notification to the authority as a printable PDF (Pango and cairo,
// like the other reports) or an .xlsx of the same fields, and the follow-up statistics as .xlsx. The JSON form of
// both is written by the HTTP layer (http/incident_routes.cpp).
#include "app/exports.hpp"
#include "app/incident_reports.hpp"

namespace ansvar::app {

// format: kPdf or kXlsx (kBadRequest otherwise). A required field without a value is printed as missing.
Result<ExportFile> NotificationDocument(const NotificationForm& form, ExportFormat format);
Result<ExportFile> StatisticsWorkbook(const BreachStatistics& statistics);

}  // namespace ansvar::app
