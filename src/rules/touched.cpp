#include "rules/touched.hpp"

#include <algorithm>

namespace ansvar::rules {
namespace {

// Past this many systems and people noted, evaluating everything again costs less than following the notes.
constexpr size_t kMaxNoted = 20000;

}  // namespace

void Touched::Name(const model::SystemId& system) {
  if (!everything_) named_.insert(system.str());
}

void Touched::Name(const std::vector<model::SystemId>& systems) {
  for (const auto& s : systems) Name(s);
}

void Touched::Capped() {
  if (named_.size() + people_.size() > kMaxNoted) Everything();
}

void Touched::Note(const model::System* before, const model::System* after) {
  for (const auto* s : {before, after})
    if (s != nullptr && !everything_) {
      Name(s->id);
      systems_.insert(s->id.str());
    }
  Capped();
}

void Touched::Note(const model::Person* before, const model::Person* after) {
  for (const auto* p : {before, after})
    if (p != nullptr && !everything_) people_.insert(p->id.str());
  Capped();
}

void Touched::Note(const model::ProcessingActivity* before, const model::ProcessingActivity* after) {
  for (const auto* a : {before, after})
    if (a != nullptr) Name(a->systems);
  Capped();
}

void Touched::Note(const model::ProcessorRecord* before, const model::ProcessorRecord* after) {
  for (const auto* r : {before, after})
    if (r != nullptr) Name(r->system);
  Capped();
}

void Touched::Note(const model::Agreement* before, const model::Agreement* after) {
  for (const auto* a : {before, after})
    if (a != nullptr) Name(a->systems);
  Capped();
}

void Touched::Note(const model::Cooperation* before, const model::Cooperation* after) {
  for (const auto* c : {before, after})
    if (c != nullptr) Name(c->systems);
  Capped();
}

void Touched::Note(const model::DpaDecision* before, const model::DpaDecision* after) {
  for (const auto* d : {before, after})
    if (d != nullptr) Name(d->system);
  Capped();
}

void Touched::Note(const model::PowerOfAttorney* before, const model::PowerOfAttorney* after) {
  for (const auto* f : {before, after})
    if (f != nullptr && f->system) Name(*f->system);
  Capped();
}

void Touched::Everything() {
  everything_ = true;
  named_.clear();
  systems_.clear();
  people_.clear();
}

std::vector<std::string> Touched::Systems(const model::Register& now) const {
  std::vector<std::string> out(named_.begin(), named_.end());
  if (systems_.empty() && people_.empty()) return out;
  auto written = [](const std::unordered_set<std::string>& set, const auto& id) {
    return id && set.contains(id->str());
  };
  // Each set only when it holds something: a lookup in an empty set still hashes the id (a national register's
  // 1.5 million role assignments: 50 ms).
  const bool systems = !systems_.empty(), people = !people_.empty();
  for (const auto& s : now.systems) {
    const bool reads =
        (systems && std::any_of(s.integrations.begin(), s.integrations.end(),
                                [&](const model::Integration& i) { return systems_.contains(i.to.str()); })) ||
        (people &&
         (std::any_of(s.roles.begin(), s.roles.end(), [&](const auto& r) { return written(people_, r.person); }) ||
          std::any_of(s.documents.begin(), s.documents.end(),
                      [&](const model::Document& d) { return written(people_, d.signed_by); })));
    if (reads) out.push_back(s.id.str());
  }
  return out;
}

void Touched::Clear() {
  everything_ = false;
  named_.clear();
  systems_.clear();
  people_.clear();
}

}  // namespace ansvar::rules
