#include "rules/measures.hpp"

#include <array>

namespace ansvar::rules {
namespace {

constexpr std::array<std::string_view, 4> kSourceNames = {"dpia", "classification", "breach", "contract_review"};

}  // namespace

std::string_view ToString(MeasureSource s) { return kSourceNames[static_cast<size_t>(s)]; }

std::optional<MeasureSource> ParseMeasureSource(std::string_view s) {
  for (size_t i = 0; i < kSourceNames.size(); ++i)
    if (kSourceNames[i] == s) return static_cast<MeasureSource>(i);
  return std::nullopt;
}

bool Open(const model::Measure& m) {
  return m.status == model::MeasureStatus::kPlanned || m.status == model::MeasureStatus::kInProgress;
}

bool Overdue(const model::Measure& m, model::Date today) { return Open(m) && m.due && *m.due < today; }

std::vector<MeasureRef> CollectMeasures(const model::Register& reg) {
  std::vector<MeasureRef> out;
  auto add = [&](MeasureSource source, SubjectType type, const std::string& holder, std::vector<std::string> systems,
                 const std::vector<model::Measure>& measures) {
    for (size_t i = 0; i < measures.size(); ++i) out.push_back({source, type, holder, systems, i, &measures[i]});
  };
  for (const auto& s : reg.systems) {
    if (s.classification)
      add(MeasureSource::kClassification, SubjectType::kSystem, s.id.str(), {s.id.str()}, s.classification->measures);
    for (const auto& f : s.forums)
      if (f.kind == model::ForumKind::kContractReview)
        add(MeasureSource::kContractReview, SubjectType::kSystem, s.id.str(), {s.id.str()}, f.measures);
  }
  for (const auto& a : reg.processing_activities) {
    if (!a.dpia) continue;
    std::vector<std::string> systems;
    for (const auto& id : a.systems) systems.push_back(id.str());
    add(MeasureSource::kDpia, SubjectType::kProcessingActivity, a.id.str(), std::move(systems), a.dpia->measures);
  }
  for (const auto& i : reg.incidents) {
    std::vector<std::string> systems;
    if (i.system) systems.push_back(i.system->str());
    add(MeasureSource::kBreach, SubjectType::kIncident, i.id.str(), std::move(systems), i.action_plan);
  }
  return out;
}

}  // namespace ansvar::rules
