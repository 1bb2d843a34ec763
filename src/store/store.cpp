#include "store/store.hpp"

#include <array>

namespace ansvar::store {
namespace {
constexpr std::array<std::string_view, kKindCount> kNames = {
    "organization",       "committee",        "administration", "person",
    "system",             "delegation",       "power_of_attorney", "processing_activity",
    "processor_record",   "incident",         "data_subject_request", "agreement"};
static_assert(std::variant_size_v<Entity> == kKindCount);
}  // namespace

std::string_view ToString(Kind kind) { return kNames[static_cast<size_t>(kind)]; }

std::optional<Kind> ParseKind(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Kind>(i);
  return std::nullopt;
}

Kind KindOf(const Entity& e) { return static_cast<Kind>(e.index()); }

std::string IdOf(const Entity& e) {
  return std::visit([](const auto& x) { return x.id.str(); }, e);
}

}  // namespace ansvar::store
