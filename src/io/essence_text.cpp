#include "io/essence_text.hpp"

#include <utility>

namespace ansvar::io {
namespace {

struct Words {
  std::string_view key, sv, en;
};

constexpr Words kDuties[] = {
    {"information_to_subjects", "Informerar dig om hur dina personuppgifter behandlas",
     "Informs you about how your personal data is processed"},
    {"data_subject_requests",
     "Tar emot och besvarar din begäran när du vill använda dina rättigheter, till exempel få ett registerutdrag, "
     "rätta eller radera uppgifter",
     "Receives and answers your request when you want to use your rights, for example to get a copy of your data, "
     "correct it or have it erased"},
    {"breach_handling", "Hanterar personuppgiftsincidenter, till exempel om uppgifter kommit i fel händer",
     "Handles personal data breaches, for example if data has fallen into the wrong hands"},
    {"breach_notification",
     "Anmäler personuppgiftsincidenter till Integritetsskyddsmyndigheten (IMY) och kontaktar dig om en incident kan "
     "innebära en hög risk för dig",
     "Reports personal data breaches to the Swedish Authority for Privacy Protection (IMY) and contacts you if a "
     "breach may put you at high risk"},
    {"dpia", "Bedömer riskerna för dig innan behandlingen börjar eller ändras (konsekvensbedömning)",
     "Assesses the risks to you before the processing starts or changes (impact assessment)"},
    {"security_measures", "Ser till att dina uppgifter skyddas med lämpliga säkerhetsåtgärder",
     "Makes sure your data is protected by appropriate security measures"},
    {"processor_agreement", "Har avtalet med leverantören som driver systemet åt parterna (personuppgiftsbiträdet)",
     "Holds the agreement with the supplier that runs the system for the parties (the processor)"},
    {"contact_point", "Är kontaktpunkt för dig som har frågor om behandlingen",
     "Is the contact point for you if you have questions about the processing"},
    {"ropa", "För register över behandlingen", "Keeps the record of the processing"},
};

constexpr Words kTexts[] = {
    {"title", "Så behandlas dina personuppgifter", "How your personal data is processed"},
    {"intro",
     "Organisationerna nedan ansvarar tillsammans för dina personuppgifter i det gemensamma arbetet. De är gemensamt "
     "personuppgiftsansvariga enligt artikel 26 i dataskyddsförordningen (GDPR) och har kommit överens om vem som gör "
     "vad. Här är det viktigaste i den överenskommelsen.",
     "The organizations below are jointly responsible for your personal data in their shared work. They are joint "
     "controllers under Article 26 of the General Data Protection Regulation (GDPR) and have agreed who does what. "
     "These are the main points of that arrangement."},
    {"rights",
     "Du kan alltid vända dig till vilken som helst av organisationerna för att använda dina rättigheter, oavsett vad "
     "de har kommit överens om (artikel 26.3).",
     "You can always turn to any of the organizations to use your rights, whatever they have agreed (Article 26.3)."},
    {"parties", "Vilka ansvarar?", "Who is responsible?"},
    {"contact", "Kontakt", "Contact"},
    {"duties", "Vem gör vad för dig?", "Who does what for you?"},
    {"systems", "System som används", "Systems used"},
    {"arrangement", "Överenskommelsen undertecknades", "The arrangement was signed on"},
    {"published", "Publicerad", "Published"},
    {"party", "Organisation", "Organization"},
    {"committee", "Ansvarig nämnd", "Responsible committee"},
    {"duty", "Uppgift", "Task"},
    {"responsible", "Ansvarig", "Responsible"},
    {"email", "E-post", "Email"},
    {"contact_intro", "Kontaktpunkt för dig:", "Your contact point:"},
    {"lang_other", "In English", "På svenska"},
};

}  // namespace

std::string DutyForSubject(std::string_view duty, rules::Lang lang) {
  for (const auto& w : kDuties)
    if (w.key == duty) return std::string(lang == rules::Lang::kEn ? w.en : w.sv);
  return std::string(duty);
}

std::string PartyWord(std::string_view party_name, rules::Lang lang) {
  if (party_name == "each")
    return lang == rules::Lang::kEn ? "Each organization for its own part" : "Varje organisation för sin del";
  return std::string(party_name);
}

std::string EssenceText(std::string_view key, rules::Lang lang) {
  for (const auto& w : kTexts)
    if (w.key == key) return std::string(lang == rules::Lang::kEn ? w.en : w.sv);
  return std::string(key);
}

}  // namespace ansvar::io
