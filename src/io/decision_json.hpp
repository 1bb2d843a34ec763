#pragma once
// The bodies of the decision acts (http/decision_routes.cpp): what a person chooses, nothing the register knows.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"
#include "model/validate.hpp"

namespace ansvar::io {

// POST /api/v1/systems/{id}/dpa_decision: {"processor"?: "…", "diary_number"?: "…"}.
struct DecideRequest {
  std::optional<std::string> processor;
  std::optional<std::string> diary_number;
  std::vector<model::Problem> problems;
};
DecideRequest ReadDecideRequest(std::string_view json);

// POST /api/v1/committees/{id}/delegated_decisions/report:
// {"decisions": ["id", …], "reported_on": "YYYY-MM-DD", "reported_at": "BN 2025-02-11 § 7"}.
struct ReportRequest {
  std::vector<std::string> decisions;
  std::optional<model::Date> reported_on;
  std::string reported_at;
  std::vector<model::Problem> problems;
};
ReportRequest ReadReportRequest(std::string_view json);

// POST /api/v1/measures/{source}/{holder}/{measure}/status: {"status": "done", "done_on"?: "YYYY-MM-DD"}.
struct MeasureStatusRequest {
  std::string status;
  std::optional<std::string> done_on;
  std::vector<model::Problem> problems;
};
MeasureStatusRequest ReadMeasureStatusRequest(std::string_view json);

}  // namespace ansvar::io
