#pragma once
// What a reporter sends through the internal e-service (POST /api/v1/incident_reports, issue 15):
//   {"what_happened": "…", "discovered_at": "2026-12-06T09:30:00+01:00", "occurred_at"?: "…",
//    "system"?: "id", "administration"?: "id", "whose_data"?: "…"}
// A missing or malformed field is a problem at its JSON path; unknown keys are refused, so that a typo is not lost.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"
#include "model/validate.hpp"

namespace ansvar::io {

struct BreachReportRead {
  std::string what_happened;
  std::optional<model::Timestamp> discovered_at;
  std::optional<model::Timestamp> occurred_at;
  std::string system;
  std::string administration;
  std::string whose_data;
  std::vector<model::Problem> problems;
};
BreachReportRead ReadBreachReport(std::string_view json);

}  // namespace ansvar::io
