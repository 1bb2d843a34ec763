#pragma once
// The plain-language words of a cooperation's essence for the data subjects (art. 26.2), in Swedish and English:
// what each duty of the arrangement means for the person whose data it is. One source for the public page (its JSON)
// and the PDF.
#include <string>
#include <string_view>

#include "rules/catalog.hpp"

namespace ansvar::io {

// "Informerar dig om hur dina personuppgifter behandlas"; an unknown duty: its name.
std::string DutyForSubject(std::string_view duty, rules::Lang lang);
// "Varje part för sin del" for "each", else the name given.
std::string PartyWord(std::string_view party_name, rules::Lang lang);
// The fixed texts of the essence, by key: "title", "intro", "rights", "parties", "contact", "duties", "systems",
// "arrangement", "published", "party", "committee", "duty", "responsible", "email", "lang_other".
std::string EssenceText(std::string_view key, rules::Lang lang);

}  // namespace ansvar::io
