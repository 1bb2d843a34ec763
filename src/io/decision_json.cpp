#include "io/decision_json.hpp"

#include "io/internal/json_in.hpp"

namespace ansvar::io {
namespace {

using internal::JsonIn;
namespace od = simdjson::ondemand;

// Parses `json` and visits its top-level object; false (with the problem) when it is not JSON.
template <class Fn>
std::vector<model::Problem> Visit(std::string_view json, Fn&& fn, std::initializer_list<std::string_view> known) {
  const simdjson::padded_string padded(json.empty() ? std::string_view("{}") : json);
  od::parser parser;
  od::document doc;
  od::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v)))
    return {{"$", std::string("not a JSON document: ") + simdjson::error_message(e)}};
  JsonIn in("$");
  in.Object(v, [&](std::string_view k, od::value f) { fn(in, k, f); });
  auto problems = in.TakeProblems();
  (void)known;
  return problems;
}

}  // namespace

DecideRequest ReadDecideRequest(std::string_view json) {
  DecideRequest r;
  r.problems = Visit(json,
                     [&](JsonIn& in, std::string_view k, od::value f) {
                       if (k == "processor")
                         in.Get(f, r.processor);
                       else if (k == "diary_number")
                         in.Get(f, r.diary_number);
                       else
                         in.ErrorAt("$." + std::string(k), "okänt fält / unknown field");
                     },
                     {"processor", "diary_number"});
  return r;
}

ReportRequest ReadReportRequest(std::string_view json) {
  ReportRequest r;
  r.problems = Visit(json,
                     [&](JsonIn& in, std::string_view k, od::value f) {
                       if (k == "decisions")
                         in.Get(f, r.decisions);
                       else if (k == "reported_on")
                         in.Get(f, r.reported_on);
                       else if (k == "reported_at")
                         in.Get(f, r.reported_at);
                       else
                         in.ErrorAt("$." + std::string(k), "okänt fält / unknown field");
                     },
                     {"decisions", "reported_on", "reported_at"});
  return r;
}

MeasureStatusRequest ReadMeasureStatusRequest(std::string_view json) {
  MeasureStatusRequest r;
  bool has_status = false;
  r.problems = Visit(json,
                     [&](JsonIn& in, std::string_view k, od::value f) {
                       if (k == "status") {
                         in.Get(f, r.status);
                         has_status = true;
                       } else if (k == "done_on") {
                         in.Get(f, r.done_on);
                       } else {
                         in.ErrorAt("$." + std::string(k), "okänt fält / unknown field");
                       }
                     },
                     {"status", "done_on"});
  if (!has_status && r.problems.empty()) r.problems.push_back({"$.status", "saknas / missing"});
  return r;
}

}  // namespace ansvar::io
