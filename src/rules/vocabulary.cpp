#include "rules/vocabulary.hpp"

#include <array>
#include <utility>

namespace ansvar::rules {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;  // sv, en

template <class E, size_t N>
std::string_view Pick(const std::array<Pair, N>& table, E v, Lang lang) {
  static_assert(N == model::kEnumCount<E>);
  const auto& p = table[static_cast<size_t>(v)];
  return lang == Lang::kSv ? p.first : p.second;
}

}  // namespace

std::string_view Label(model::RoleKind v, Lang lang) {
  static constexpr std::array<Pair, 15> kT = {{{"ägare", "owner"},
                                               {"budgetansvarig", "budget holder"},
                                               {"systemförvaltare", "system steward"},
                                               {"tjänsteförvaltare", "service steward"},
                                               {"huvudansvarig superanvändare", "lead superuser"},
                                               {"områdesansvarig", "area manager"},
                                               {"systemadministratör", "system administrator"},
                                               {"teknisk systemförvaltare", "technical steward"},
                                               {"produktägare", "product owner"},
                                               {"superanvändare", "superuser"},
                                               {"informationsägare", "information owner"},
                                               {"informationsförvaltare", "information steward"},
                                               {"processägare", "process owner"},
                                               {"processledare", "process leader"},
                                               {"leverantör", "supplier"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::Category v, Lang lang) {
  static constexpr std::array<Pair, 7> kT = {{{"publik tjänst", "public service"},
                                              {"myndighetstjänst", "authority service"},
                                              {"kommersiell tjänst", "commercial service"},
                                              {"digitalt verktyg", "digital tool"},
                                              {"verksamhetssystem", "business system"},
                                              {"plattform", "platform"},
                                              {"IT-infrastruktur", "IT infrastructure"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::DocumentKind v, Lang lang) {
  static constexpr std::array<Pair, 13> kT = {
      {{"grundavtal", "base contract"},
       {"PUB-avtal", "data processing agreement"},
       {"förvaltningsplan", "management plan"},
       {"uppföljningsrapport", "follow-up report"},
       {"SLA", "SLA"},
       {"avtal om gemensamt personuppgiftsansvar", "joint controller arrangement"},
       {"konsekvensbedömning", "DPIA"},
       {"tröskelanalys", "threshold analysis"},
       {"överföringsbedömning", "transfer impact assessment"},
       {"informationsklassning", "information classification"},
       {"handlingsplan", "action plan"},
       {"logguppföljningsrapport", "log review report"},
       {"ändringslogg", "change log"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::Title v, Lang lang) {
  static constexpr std::array<Pair, 6> kT = {{{"kommundirektör", "municipal director"},
                                              {"biträdande kommundirektör", "deputy municipal director"},
                                              {"förvaltningschef", "administration director"},
                                              {"verksamhetschef för Digitalt center", "head of the Digital center"},
                                              {"chef", "manager"},
                                              {"medarbetare", "employee"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::ForumKind v, Lang lang) {
  static constexpr std::array<Pair, 7> kT = {{{"avtalsuppföljning", "contract review"},
                                              {"intern dialog", "internal dialogue"},
                                              {"utvecklingsråd", "development council"},
                                              {"användarforum", "user forum"},
                                              {"avstämningsmöte", "checkpoint meeting"},
                                              {"leverantörsmöte", "supplier meeting"},
                                              {"förvaltarforum", "steward forum"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::Scope v, Lang lang) {
  static constexpr std::array<Pair, 2> kT = {
      {{"kommungemensamt", "municipality-wide"}, {"förvaltningsspecifikt", "administration-specific"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::Lifecycle v, Lang lang) {
  static constexpr std::array<Pair, 5> kT = {{{"planerat", "planned"},
                                              {"upphandling", "procurement"},
                                              {"aktivt", "active"},
                                              {"under avveckling", "retiring"},
                                              {"avvecklat", "retired"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(Severity v, Lang lang) {
  switch (v) {
    case Severity::kError:
      return lang == Lang::kSv ? "Fel" : "Errors";
    case Severity::kWarning:
      return lang == Lang::kSv ? "Varningar" : "Warnings";
    case Severity::kInfo:
      return lang == Lang::kSv ? "Information" : "Information";
  }
  return "";
}

std::string_view Label(model::CooperationDocumentKind v, Lang lang) {
  static constexpr std::array<Pair, 7> kT = {
      {{"samverkansavtal", "cooperation agreement"},
       {"bilaga om samverkansorganisationen", "organization appendix"},
       {"bilaga om ledningssystemet", "management system appendix"},
       {"bilaga om ekonomi", "economy appendix"},
       {"arrangemang om gemensamt personuppgiftsansvar", "joint controller arrangement"},
       {"risk- och sårbarhetsanalys", "risk and vulnerability analysis"},
       {"annat dokument", "other document"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::CooperationForm v, Lang lang) {
  static constexpr std::array<Pair, 5> kT = {{{"avtalssamverkan", "contract cooperation"},
                                              {"gemensam nämnd", "common committee"},
                                              {"kommunalförbund", "federation of municipalities"},
                                              {"bolag", "company"},
                                              {"annan form", "other form"}}};
  return Pick(kT, v, lang);
}

std::string_view Label(model::GroupKind v, Lang lang) {
  static constexpr std::array<Pair, 4> kT = {{{"styrgrupp", "steering group"},
                                              {"arbetsgrupp", "working group"},
                                              {"ledningsgrupp", "management group"},
                                              {"annan grupp", "other group"}}};
  return Pick(kT, v, lang);
}

}  // namespace ansvar::rules
