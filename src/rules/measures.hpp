#pragma once
// The measures register (issue 15): every model::Measure of the register with where it comes from and what holds
// it — a DPIA's (its processing activity), a classification's or a contract review's (its system), a breach's (its
// incident) — so that one list per system, administration and organization shows them all, and R-MEASURE-OVERDUE
// judges them alike.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/register.hpp"
#include "rules/finding.hpp"

namespace ansvar::rules {

enum class MeasureSource { kDpia, kClassification, kBreach, kContractReview };
std::string_view ToString(MeasureSource s);
std::optional<MeasureSource> ParseMeasureSource(std::string_view s);

struct MeasureRef {
  MeasureSource source = MeasureSource::kDpia;
  SubjectType holder_type = SubjectType::kSystem;  // system, processing activity or incident
  std::string holder_id;
  std::vector<std::string> systems;  // the systems it concerns (the holder, or the activity's or breach's system)
  size_t index = 0;                  // its position in the holder's list
  const model::Measure* measure = nullptr;
};

// Every measure of the register, in register order. The one place that knows where measures are kept.
std::vector<MeasureRef> CollectMeasures(const model::Register& reg);

// A measure past its due date and neither done nor cancelled.
bool Overdue(const model::Measure& m, model::Date today);
// Open (planned or in progress).
bool Open(const model::Measure& m);

}  // namespace ansvar::rules
