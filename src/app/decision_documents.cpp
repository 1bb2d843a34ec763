// The documents of decisions (issue 14 item 2–3): the decision on a processor under delegation, the power of attorney
// for the owner who signs the DPA on behalf of another committee, and the list of delegated decisions for the
// committee's next meeting ("anmälan av delegationsbeslut"), as PDF (Pango and cairo) or xlsx.
#include <algorithm>
#include <mutex>

#include "app/decisions.hpp"
#include "io/spreadsheet/pdf_report.hpp"
#include "io/spreadsheet/writer.hpp"
#include "rules/derive.hpp"
#include "rules/entitlement.hpp"

namespace ansvar::app {
namespace {

using io::sheets::PdfBlock;
using io::sheets::PdfDocument;
using K = PdfBlock::Kind;

struct Words {
  rules::Lang lang;
  [[nodiscard]] std::string operator()(std::string_view sv, std::string_view en) const {
    return std::string(lang == rules::Lang::kSv ? sv : en);
  }
};

PdfBlock Heading(std::string text, K kind = K::kHeading) { return {kind, std::move(text), {}, {}, {}, {}}; }
PdfBlock Para(std::string text, K kind = K::kParagraph) { return {kind, std::move(text), {}, {}, {}, {}}; }
PdfBlock Fields(std::vector<std::pair<std::string, std::string>> fields) {
  return {K::kFields, {}, std::move(fields), {}, {}, {}};
}

std::string Or(const std::optional<std::string>& s, std::string dflt) { return s && !s->empty() ? *s : dflt; }
std::string DateOr(const std::optional<model::Date>& d) { return d ? model::FormatDate(*d) : std::string("–"); }

std::string Safe(std::string id) {
  for (auto& c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  return id;
}

}  // namespace

Result<ExportFile> Decisions::DecisionDocument(const std::string& decision, rules::Lang lang) const {
  const Words w{lang};
  const RegisterService::Reader rd(s_);
  const auto& index = rd.index();
  const auto* x = rd.Find<model::DpaDecision>(decision);
  if (x == nullptr) return NotFound("dpa_decision \"" + decision + "\" finns inte / does not exist");
  const auto* s = index.FindSystem(x->system.str());
  const auto* by = x->decided_by ? index.FindPerson(x->decided_by->str()) : nullptr;
  std::string committees;
  for (const auto& c : x->committees) {
    if (!committees.empty()) committees += ", ";
    const auto* cc = index.FindCommittee(c.str());
    committees += cc != nullptr ? cc->name : c.str();
  }
  const model::Delegation* delegation = nullptr;
  for (const auto& c : x->committees)
    for (const auto* g : index.DelegationsOf(c.str()))
      if (x->delegation && g->id == *x->delegation) delegation = g;

  PdfDocument doc;
  doc.language = lang == rules::Lang::kEn ? "en" : "sv";
  doc.title = w("Beslut om personuppgiftsbiträde", "Decision on a processor");
  doc.header = doc.title + " · " + (s != nullptr ? s->name : x->system.str());
  doc.blocks.push_back(Fields({
      {w("Diarienummer", "Diary number"), Or(x->diary_number, "………………………")},
      {w("Beslutsdatum", "Decided on"), DateOr(x->decided_on)},
      {w("Nämnd(er)", "Committee(s)"), committees},
      {w("System", "System"), s != nullptr ? s->name + " (" + s->id.str() + ")" : x->system.str()},
      {w("Personuppgiftsbiträde", "Processor"), Or(x->processor, "–")},
  }));
  doc.blocks.push_back(Heading(w("Beslut", "Decision")));
  doc.blocks.push_back(Para(w("Nämnden/nämnderna ovan anlitar ", "The committee(s) above engage ") +
                            Or(x->processor, "–") +
                            w(" som personuppgiftsbiträde för behandlingen av personuppgifter i ",
                              " as processor for the processing of personal data in ") +
                            (s != nullptr ? s->name : x->system.str()) +
                            w(", och personuppgiftsbiträdesavtal ska tecknas med biträdet.",
                              ", and a data processing agreement is to be signed with the processor.")));
  doc.blocks.push_back(Heading(w("Rättslig grund", "Legal ground")));
  doc.blocks.push_back(Para(
      w("Den personuppgiftsansvarige får bara anlita personuppgiftsbiträden som ger tillräckliga garantier, och "
        "behandlingen ska regleras i ett avtal (dataskyddsförordningen artikel 28.1 och 28.3). Beslut om vilket "
        "personuppgiftsbiträde som ska anlitas fattas av varje nämnd (Riktlinjer för hantering av personuppgifter); "
        "nämnden har delegerat beslutet (kommunallagen 6 kap. 37 §). Ett beslut på delegation gäller som nämndens och "
        "anmäls till nämnden (kommunallagen 7 kap. 8 §).",
        "A controller may only engage processors that provide sufficient guarantees, and the processing is governed by "
        "a contract (GDPR art. 28(1) and 28(3)). Each committee decides which processor to engage (Guidelines for the "
        "handling of personal data); the committee has delegated the decision (Local Government Act ch. 6 s. 37). A "
        "decision under delegation counts as the committee's and is reported to it (ch. 7 s. 8).")));
  doc.blocks.push_back(Heading(w("Delegation", "Delegation")));
  std::vector<std::pair<std::string, std::string>> deleg;
  if (x->meeting && !x->meeting->empty()) {
    deleg.push_back({w("Fattat vid sammanträde", "Decided at a meeting"), *x->meeting});
  } else {
    deleg.push_back({w("Delegat", "Delegate"), by != nullptr ? by->name + " (" + by->id.str() + ")" : "–"});
    deleg.push_back({w("Delegation", "Delegation"),
                     delegation != nullptr
                         ? delegation->id.str() + " · " + std::string(model::ToString(delegation->matter))
                         : Or(x->delegation ? std::optional(x->delegation->str()) : std::nullopt, "–")});
    if (delegation != nullptr) {
      deleg.push_back({w("Delegationsbeslut", "Delegation decided"), delegation->decision});
      deleg.push_back({w("Giltig", "Valid"), DateOr(delegation->valid_from) + " – " + DateOr(delegation->valid_to)});
    }
    deleg.push_back({w("Anmäld till nämnden", "Reported to the committee"),
                     x->reported_on ? model::FormatDate(*x->reported_on) + " " + x->reported_at.value_or("")
                                    : w("ej ännu", "not yet")});
  }
  doc.blocks.push_back(Fields(std::move(deleg)));
  if (s != nullptr && rules::DpaDecidedBy(index, *s).which == rules::DpaDeciderCase::kEachController) {
    const auto* owner = rules::Owner(index, *s);
    doc.blocks.push_back(Para(w("Systemägaren ", "The system owner ") +
                              (owner != nullptr ? owner->name : std::string("–")) +
                              w(" tecknar avtalet för de övriga nämnderna med fullmakt från var och en.",
                                " signs the agreement for the other committees with a power of attorney from each.")));
  }
  doc.blocks.push_back(Para(w("Beslutet är fattat i Ansvar och spårbart i dess ändringslogg.",
                              "The decision was made in Ansvar and is traceable in its audit trail."),
                            K::kNote));
  const auto bytes = io::sheets::RenderPdf(doc);
  return ExportFile{bytes, "application/pdf", w("beslut-pub-", "decision-dpa-") + Safe(x->id.str()) + ".pdf"};
}

Result<ExportFile> Decisions::PowerOfAttorneyDocument(const std::string& decision, const std::string& committee,
                                                      rules::Lang lang) const {
  const Words w{lang};
  const RegisterService::Reader rd(s_);
  const auto& index = rd.index();
  const auto* x = rd.Find<model::DpaDecision>(decision);
  if (x == nullptr) return NotFound("dpa_decision \"" + decision + "\" finns inte / does not exist");
  const auto* s = index.FindSystem(x->system.str());
  if (s == nullptr || rules::DpaDecidedBy(index, *s).which != rules::DpaDeciderCase::kEachController)
    return Error{ErrorCode::kConflict,
                 "Ingen fullmakt behövs / No power of attorney needed",
                 "ägaren tecknar med fullmakt bara när flera nämnder är personuppgiftsansvariga / the owner signs with "
                 "powers of attorney only when several committees are controllers",
                 {}};
  const auto* c = index.FindCommittee(committee);
  if (c == nullptr || std::find(x->committees.begin(), x->committees.end(), c->id) == x->committees.end())
    return NotFound("committee \"" + committee + "\" is not a committee of the decision");
  const auto* owner = rules::Owner(index, *s);
  // The issuer: the director of an administration serving the committee (R-FULLMAKT-ISSUER).
  const model::Person* issuer = nullptr;
  for (const auto& p : rd.reg().people) {
    if (p.title != model::Title::kAdministrationDirector || !p.administration) continue;
    const auto* a = index.FindAdministration(p.administration->str());
    if (a != nullptr && std::find(a->committees.begin(), a->committees.end(), c->id) != a->committees.end()) {
      issuer = &p;
      break;
    }
  }
  PdfDocument doc;
  doc.language = lang == rules::Lang::kEn ? "en" : "sv";
  doc.title = w("Fullmakt att teckna personuppgiftsbiträdesavtal", "Power of attorney to sign a DPA");
  doc.header = doc.title + " · " + s->name;
  doc.blocks.push_back(Fields({
      {w("Fullmaktsgivare", "Principal"), c->name},
      {w("Fullmaktshavare", "Holder"), owner != nullptr ? owner->name + w(", systemägare", ", system owner") : "–"},
      {w("System", "System"), s->name},
      {w("Personuppgiftsbiträde", "Processor"), Or(x->processor, "–")},
      {w("Beslut", "Decision"), x->id.str() + " · " + DateOr(x->decided_on)},
      {w("Diarienummer", "Diary number"), Or(x->diary_number, "………………………")},
  }));
  doc.blocks.push_back(Para(c->name + w(" ger härmed ", " hereby authorises ") +
                            (owner != nullptr ? owner->name : std::string("–")) +
                            w(" fullmakt att för nämndens räkning underteckna personuppgiftsbiträdesavtal med ",
                              " to sign on the committee's behalf the data processing agreement with ") +
                            Or(x->processor, "–") + w(" avseende ", " concerning ") + s->name +
                            w(". Fullmakten ger rätt att underteckna, inte att besluta.",
                              ". The power of attorney gives the right to sign, "
                              "not to decide.")));
  doc.blocks.push_back(Fields({
      {w("Ort och datum", "Place and date"), "………………………"},
      {w("Underskrift", "Signature"), "………………………………………"},
      {w("Utfärdas av", "Issued by"),
       issuer != nullptr ? issuer->name + w(", förvaltningschef", ", administration director") : "–"},
  }));
  const auto bytes = io::sheets::RenderPdf(doc);
  return ExportFile{bytes, "application/pdf",
                    w("fullmakt-", "power-of-attorney-") + Safe(x->id.str()) + "-" + Safe(c->id.str()) + ".pdf"};
}

Result<ExportFile> Decisions::UnreportedExport(const std::string& committee, ExportFormat format,
                                               rules::Lang lang) const {
  const Words w{lang};
  auth::Account nobody;
  auto list = Unreported(committee, nobody);
  if (!list.ok()) return list.error();
  const auto& l = list.value();
  const std::string title =
      w("Anmälan av delegationsbeslut", "Delegated decisions reported") + " · " + l.committee.name;
  const std::vector<std::string> headings = {w("Beslut", "Decision"),
                                             w("Datum", "Date"),
                                             w("System", "System"),
                                             w("Personuppgiftsbiträde", "Processor"),
                                             w("Beslutad av", "Decided by"),
                                             w("Delegation", "Delegation"),
                                             w("Diarienummer", "Diary number"),
                                             w("Anmäls senast", "Report by")};
  std::vector<std::vector<std::string>> rows;
  for (const auto& x : l.lines)
    rows.push_back({x.decision.id.str(), DateOr(x.decision.decided_on), x.system_name,
                    x.decision.processor.value_or(""), x.decided_by_name, x.delegation_text,
                    x.decision.diary_number.value_or(""), model::FormatDate(x.report_due)});
  const std::string stem = w("delegationsbeslut-", "delegated-decisions-") + Safe(l.committee.id.str());
  if (format == ExportFormat::kPdf) {
    PdfDocument doc;
    doc.language = lang == rules::Lang::kEn ? "en" : "sv";
    doc.title = title;
    doc.header = title;
    doc.landscape = true;
    doc.blocks.push_back(Para(w("Delegationsbeslut om personuppgiftsbiträden som ännu inte anmälts till nämnden "
                                "(kommunallagen 7 kap. 8 §), per ",
                                "Delegated decisions on processors not yet reported to the committee (Local "
                                "Government Act ch. 7 s. 8), as of ") +
                              model::FormatDate(l.today) + "."));
    if (rows.empty())
      doc.blocks.push_back(Para(w("Inga beslut att anmäla.", "No decisions to report.")));
    else
      doc.blocks.push_back({K::kTable, {}, {}, headings, {1.4, 0.9, 1.2, 1.3, 1.1, 1.2, 1.0, 0.9}, rows});
    return ExportFile{io::sheets::RenderPdf(doc), "application/pdf", stem + ".pdf"};
  }
  if (format != ExportFormat::kXlsx) return BadRequest("format: pdf or xlsx");
  io::sheets::Table t;
  t.name = w("Delegationsbeslut", "Delegated decisions");
  t.preamble = {title, w("Per ", "As of ") + model::FormatDate(l.today)};
  t.headings = headings;
  for (const auto& r : rows) {
    std::vector<io::sheets::Cell> cells;
    for (const auto& v : r) cells.push_back(io::sheets::TextCell(v));
    t.rows.push_back(std::move(cells));
  }
  return ExportFile{io::sheets::WriteXlsx({t}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    stem + ".xlsx"};
}

}  // namespace ansvar::app
