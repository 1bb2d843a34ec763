#pragma once
// The publication of a cooperation's essence (art. 26.2) as Ansvar keeps it beside the register: a document of the
// store's collection "essence_publications", one per cooperation, each change in the store's document trail.
#include <optional>
#include <string>
#include <string_view>

#include "model/time.hpp"

namespace ansvar::io {

struct EssencePublication {
  std::string cooperation;
  model::Timestamp published_at;
  std::string published_by;  // the account that published it
};

std::string WriteEssencePublication(const EssencePublication& p);
// Nullopt when the text is not a publication (the caller treats it as unpublished and says so).
std::optional<EssencePublication> ReadEssencePublication(std::string_view json);

}  // namespace ansvar::io
