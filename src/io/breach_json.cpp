#include "io/breach_json.hpp"

#include "io/internal/json_in.hpp"

namespace ansvar::io {

BreachReportRead ReadBreachReport(std::string_view json) {
  namespace od = simdjson::ondemand;
  BreachReportRead r;
  const simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  od::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v))) {
    r.problems.push_back({"$", std::string("not a JSON document: ") + simdjson::error_message(e)});
    return r;
  }
  internal::JsonIn in("$");
  in.Object(v,
            [&](std::string_view k, od::value f) {
              if (k == "what_happened")
                in.Text(f, r.what_happened);
              else if (k == "discovered_at")
                in.Get(f, r.discovered_at);
              else if (k == "occurred_at")
                in.Get(f, r.occurred_at);
              else if (k == "system")
                in.Get(f, r.system);
              else if (k == "administration")
                in.Get(f, r.administration);
              else if (k == "whose_data")
                in.Text(f, r.whose_data);
              else
                in.Error("unknown field \"" + std::string(k) + "\"");
            },
            {"what_happened", "discovered_at"});
  r.problems = in.TakeProblems();
  if (r.problems.empty() && !r.discovered_at)
    r.problems.push_back({"$.discovered_at", "when the breach was discovered: an RFC 3339 timestamp"});
  return r;
}

}  // namespace ansvar::io
