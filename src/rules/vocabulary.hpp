#pragma once
// Swedish and English names of the register's closed sets, as the steering documents use them.
#include <string_view>

#include "model/enums.hpp"
#include "rules/catalog.hpp"

namespace ansvar::rules {

std::string_view Label(model::RoleKind v, Lang lang);
std::string_view Label(model::Category v, Lang lang);
std::string_view Label(model::DocumentKind v, Lang lang);
std::string_view Label(model::Title v, Lang lang);
std::string_view Label(model::ForumKind v, Lang lang);
std::string_view Label(model::Scope v, Lang lang);
std::string_view Label(model::Lifecycle v, Lang lang);
std::string_view Label(Severity v, Lang lang);
std::string_view Label(model::CooperationDocumentKind v, Lang lang);
std::string_view Label(model::CooperationForm v, Lang lang);
std::string_view Label(model::GroupKind v, Lang lang);

}  // namespace ansvar::rules
