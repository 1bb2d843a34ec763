#include "app/exports.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

#include "app/sheet_fields.hpp"
#include "io/spreadsheet/pdf_report.hpp"
#include "io/spreadsheet/writer.hpp"
#include "rules/register_index.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::app {
namespace {

using io::sheets::Cell;
using io::sheets::PdfBlock;
using io::sheets::PdfDocument;
using io::sheets::Table;
using rules::Lang;
using sheet::Directory;
using Of = Directory::Of;
using K = PdfBlock::Kind;

// EU/EEA (register-format.md): the 27 member states and IS, LI, NO.
bool InEea(const std::string& code) {
  static const std::set<std::string> kEea = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
                                             "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL",
                                             "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"};
  return kEea.contains(code);
}

struct Words {
  Lang lang;
  [[nodiscard]] std::string operator()(std::string_view sv, std::string_view en) const {
    return std::string(lang == Lang::kSv ? sv : en);
  }
};

// Which committees (and so which activities and records) a request concerns, and how to name that.
struct Scope {
  std::set<std::string> committees;  // empty with `all`: every committee
  bool all = true;
  std::string id;     // for the file name
  std::string title;  // for the document's heading
  const model::Organization* organization = nullptr;
  std::string administration;  // the systems register: owned or used by
};

Result<Scope> ScopeOf(const model::Register& reg, const ExportRequest& r, const Words& w) {
  Scope s;
  const int given = !r.committee.empty() + !r.administration.empty() + !r.organization.empty();
  if (given > 1) return BadRequest("give at most one of committee, administration and organization");
  auto org = [&](const std::string& id) -> const model::Organization* {
    for (const auto& o : reg.organizations)
      if (o.id.str() == id) return &o;
    return nullptr;
  };
  if (!r.committee.empty()) {
    const auto it = std::find_if(reg.committees.begin(), reg.committees.end(),
                                 [&](const auto& c) { return c.id.str() == r.committee; });
    if (it == reg.committees.end()) return NotFound("committee \"" + r.committee + "\" does not exist");
    s.all = false, s.committees = {r.committee}, s.id = r.committee, s.title = it->name,
    s.organization = org(it->organization.str());
  } else if (!r.administration.empty()) {
    const auto it = std::find_if(reg.administrations.begin(), reg.administrations.end(),
                                 [&](const auto& a) { return a.id.str() == r.administration; });
    if (it == reg.administrations.end()) return NotFound("administration \"" + r.administration + "\" does not exist");
    s.all = false, s.id = r.administration, s.title = it->name, s.organization = org(it->organization.str());
    s.administration = r.administration;
    for (const auto& c : it->committees) s.committees.insert(c.str());
  } else if (!r.organization.empty()) {
    const auto* o = org(r.organization);
    if (o == nullptr) return NotFound("organization \"" + r.organization + "\" does not exist");
    s.all = false, s.id = r.organization, s.title = o->name, s.organization = o;
    for (const auto& c : reg.committees)
      if (c.organization == o->id) s.committees.insert(c.id.str());
  } else {
    s.id = "alla";
    s.title = reg.organizations.size() == 1 ? reg.organizations.front().name : w("alla nämnder", "all committees");
    if (reg.organizations.size() == 1) s.organization = &reg.organizations.front();
  }
  return s;
}

std::string Today(const ExportRequest& r) {
  if (r.as_of) return model::FormatDate(r.as_of->date());
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return model::FormatDate(
      model::Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count()).date());
}

std::string Dpo(const model::Register& reg, const model::Organization* org, const Words& w) {
  if (org == nullptr || !org->dpo) return w("inget dataskyddsombud registrerat", "no data protection officer recorded");
  for (const auto& p : reg.people)
    if (p.id == *org->dpo) return p.name + (p.email.empty() ? "" : ", " + p.email);
  return org->dpo->str();
}

template <class T>
std::vector<std::string> Headings(const std::vector<const sheet::Field<T>*>& fields, Lang lang) {
  std::vector<std::string> out;
  for (const auto* f : fields) out.push_back(lang == Lang::kSv ? f->heading_sv : f->heading_en);
  return out;
}

template <class T>
std::vector<Cell> Row(const T& x, const std::vector<const sheet::Field<T>*>& fields, const Directory& dir, Lang lang) {
  std::vector<Cell> out;
  for (const auto* f : fields) out.push_back(f->format(x, dir, lang));
  return out;
}

template <class T>
std::vector<const sheet::Field<T>*> All(const std::vector<sheet::Field<T>>& fields) {
  std::vector<const sheet::Field<T>*> out;
  for (const auto& f : fields) out.push_back(&f);
  return out;
}

std::string CommitteeName(const model::Register& reg, const std::optional<model::CommitteeId>& id) {
  if (!id) return {};
  for (const auto& c : reg.committees)  // a few thousand at most, and once per record
    if (c.id == *id) return c.name;
  return id->str();
}

ExportFile File(std::string bytes, ExportFormat f, const std::string& stem) {
  switch (f) {
    case ExportFormat::kXlsx:
      return {std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem + ".xlsx"};
    case ExportFormat::kCsv:
      return {std::move(bytes), "text/csv; charset=utf-8", stem + ".csv"};
    case ExportFormat::kPdf:
      break;
  }
  return {std::move(bytes), "application/pdf", stem + ".pdf"};
}

std::string Value(const Cell& c) { return c.text; }

// ---- the record of processing (art. 30.1) ------------------------------------------------------------------------

Result<ExportFile> Ropa(const model::Register& reg, const ExportRequest& r, const Scope& scope, const Words& w) {
  const Directory dir(reg);
  const auto fields = All(sheet::ActivityFields());
  // By committee, in the register's order; activities without a controller last (only in the whole record).
  std::vector<std::pair<const model::Committee*, std::vector<const model::ProcessingActivity*>>> groups;
  std::unordered_map<std::string, std::vector<const model::ProcessingActivity*>> by_controller;
  for (const auto& a : reg.processing_activities)
    by_controller[a.controller ? a.controller->str() : std::string()].push_back(&a);
  for (const auto& c : reg.committees) {
    if (!scope.all && !scope.committees.contains(c.id.str())) continue;
    auto& acts = by_controller[c.id.str()];
    if (!acts.empty() || !scope.all) groups.push_back({&c, std::move(acts)});
  }
  if (scope.all && !by_controller[""].empty()) groups.push_back({nullptr, std::move(by_controller[""])});
  std::unordered_map<std::string, const model::System*> systems;
  for (const auto& s : reg.systems) systems.emplace(s.id.str(), &s);
  const std::string title = w("Registerförteckning – ", "Record of processing activities – ") + scope.title;
  const std::string stem = w("registerforteckning-", "record-of-processing-") + scope.id;
  const std::string dpo = Dpo(reg, scope.organization, w);
  if (r.format != ExportFormat::kPdf) {
    Table t;
    t.name = w("Registerförteckning", "Record of processing");
    t.preamble = {title,
                  w("Förteckning över behandlingar enligt artikel 30.1 i dataskyddsförordningen (EU) 2016/679.",
                    "Record of processing activities under Article 30(1) of the General Data Protection Regulation "
                    "(EU) 2016/679."),
                  w("Dataskyddsombud: ", "Data protection officer: ") + dpo, w("Utskriven ", "Printed ") + Today(r)};
    t.headings = Headings(fields, r.lang);
    for (const auto& [c, acts] : groups)
      for (const auto* a : acts) t.rows.push_back(Row(*a, fields, dir, r.lang));
    if (r.format == ExportFormat::kCsv) return File(io::sheets::WriteCsv(t), r.format, stem);
    return File(io::sheets::WriteXlsx({t}), r.format, stem);
  }
  PdfDocument doc;
  doc.title = title;
  doc.header = w("Registerförteckning enligt artikel 30.1 dataskyddsförordningen · ",
                 "Record of processing, GDPR art. 30(1) · ") +
               scope.title + " · " + Today(r);
  doc.language = r.lang == Lang::kSv ? "sv" : "en";
  doc.blocks.push_back(
      {K::kParagraph,
       w("Förteckning över de behandlingar av personuppgifter som utförs under den personuppgiftsansvariges ansvar, "
         "enligt artikel 30.1 i dataskyddsförordningen (EU) 2016/679.",
         "The processing activities under the controller's responsibility, as Article 30(1) of the General Data "
         "Protection Regulation (EU) 2016/679 requires them to be recorded."),
       {},
       {},
       {},
       {}});
  for (const auto& [c, acts] : groups) {
    doc.blocks.push_back(
        {K::kHeading, c ? c->name : w("Utan personuppgiftsansvarig", "Without a controller"), {}, {}, {}, {}});
    std::vector<std::pair<std::string, std::string>> head = {
        {w("Personuppgiftsansvarig", "Controller"), c ? c->name : "–"},
        {w("Organisation", "Organisation"), scope.organization ? scope.organization->name : ""},
        {w("Dataskyddsombud", "Data protection officer"), dpo},
        {w("Antal behandlingar", "Processing activities"), std::to_string(acts.size())},
        {w("Utskriven", "Printed"), Today(r)}};
    if (c)
      for (const auto& o : reg.organizations)
        if (o.id == c->organization) head[1].second = o.name;
    doc.blocks.push_back({K::kFields, "", head, {}, {}, {}});
    if (acts.empty())
      doc.blocks.push_back(
          {K::kNote,
           w("Nämnden har inga registrerade behandlingar.", "The committee has no recorded processing."),
           {},
           {},
           {},
           {}});
    for (const auto* a : acts) {
      std::string heading = a->name;
      if (!a->process_code.empty()) heading += " (" + a->process_code + ")";
      doc.blocks.push_back({K::kSubheading, heading, {}, {}, {}, {}});
      PdfBlock b{K::kFields, "", {}, {}, {}, {}};
      for (const auto* f : fields) {
        if (f->id == "name" || f->id == "process_code" || f->id == "controller") continue;
        b.fields.push_back({r.lang == Lang::kSv ? f->heading_sv : f->heading_en, Value(f->format(*a, dir, r.lang))});
      }
      // What the systems tell an auditor: who supplies them and where the data goes.
      std::vector<std::string> suppliers;
      for (const auto& id : a->systems)
        if (const auto it = systems.find(id.str()); it != systems.end() && it->second->supplier)
          suppliers.push_back(it->second->name + ": " + *it->second->supplier);
      if (!suppliers.empty())
        b.fields.push_back({w("Systemens leverantörer", "Suppliers of the systems"), sheet::JoinList(suppliers)});
      std::string dpia = w("ej genomförd", "not done");
      if (a->dpia && a->dpia->done_on)
        dpia = w("genomförd ", "done ") + model::FormatDate(*a->dpia->done_on) +
               (a->dpia->dpo_consulted ? w(", dataskyddsombudet rådfrågat", ", the DPO consulted") : "");
      if (a->threshold_analysis && a->threshold_analysis->done_on)
        dpia += w("; tröskelanalys ", "; threshold analysis ") + model::FormatDate(*a->threshold_analysis->done_on);
      b.fields.push_back({w("Konsekvensbedömning", "Data protection impact assessment"), dpia});
      doc.blocks.push_back(std::move(b));
    }
  }
  return File(io::sheets::RenderPdf(doc), r.format, stem);
}

// ---- the processor record (art. 30.2) ------------------------------------------------------------------------------

Result<ExportFile> ProcessorRecord(const model::Register& reg, const ExportRequest& r, const Scope& scope,
                                   const Words& w) {
  const Directory dir(reg);
  std::map<std::string, const model::System*> systems;
  for (const auto& s : reg.systems) systems[s.id.str()] = &s;
  const std::vector<std::string> headings = {"Id",
                                             w("Personuppgiftsbiträde (nämnd)", "Processor (committee)"),
                                             w("System", "System"),
                                             w("Avser", "Subject"),
                                             w("Kategorier av behandling", "Categories of processing"),
                                             w("För personuppgiftsansvariga", "On behalf of the controllers"),
                                             w("Leverantör (underbiträde)", "Supplier (sub-processor)"),
                                             w("Behandlingsländer", "Processing countries"),
                                             w("Överföring till tredje land", "Transfers to third countries"),
                                             w("Informationsklassning (K/R/T)", "Classification (C/I/A)")};
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : reg.processor_records) {
    if (!scope.all && !scope.committees.contains(p.committee.str())) continue;
    const auto it = systems.find(p.system.str());
    const model::System* s = it == systems.end() ? nullptr : it->second;
    std::vector<std::string> controllers;
    for (const auto& c : p.committees) controllers.push_back(dir.Show(Of::kCommittee, c.str()));
    std::string transfers;
    if (s) {
      std::vector<std::string> outside;
      for (const auto& c : s->processing_countries)
        if (!InEea(c)) outside.push_back(c);
      if (!outside.empty()) {
        transfers = sheet::JoinList(outside);
        if (s->transfer && s->transfer->basis) transfers += " (" + *s->transfer->basis + ")";
      } else {
        transfers = w("Nej", "No");
      }
    }
    std::string levels;
    if (s && s->classification)
      levels = std::to_string(s->classification->confidentiality) + "/" + std::to_string(s->classification->integrity) +
               "/" + std::to_string(s->classification->availability);
    rows.push_back({p.id.str(), CommitteeName(reg, p.committee), s ? s->name : p.system.str(), p.subject,
                    sheet::JoinList(p.processing_categories), sheet::JoinList(controllers),
                    s && s->supplier ? *s->supplier : "", s ? sheet::JoinList(s->processing_countries) : "", transfers,
                    levels});
  }
  const std::string title =
      w("Förteckning som personuppgiftsbiträde – ", "Record of processing as a processor – ") + scope.title;
  const std::string stem = w("bitradesforteckning-", "processor-record-") + scope.id;
  const std::string dpo = Dpo(reg, scope.organization, w);
  if (r.format != ExportFormat::kPdf) {
    Table t;
    t.name = w("Biträdesförteckning", "Processor record");
    t.preamble = {
        title,
        w("Förteckning över kategorier av behandling som utförs för den personuppgiftsansvariges räkning, enligt "
          "artikel 30.2 i dataskyddsförordningen.",
          "Categories of processing carried out on behalf of controllers, under Article 30(2) GDPR."),
        w("Dataskyddsombud: ", "Data protection officer: ") + dpo, w("Utskriven ", "Printed ") + Today(r)};
    t.headings = headings;
    for (const auto& row : rows) {
      std::vector<Cell> cells;
      for (const auto& v : row) cells.push_back(io::sheets::TextCell(v));
      t.rows.push_back(std::move(cells));
    }
    if (r.format == ExportFormat::kCsv) return File(io::sheets::WriteCsv(t), r.format, stem);
    return File(io::sheets::WriteXlsx({t}), r.format, stem);
  }
  PdfDocument doc;
  doc.title = title;
  doc.header =
      w("Biträdesförteckning enligt artikel 30.2 dataskyddsförordningen · ", "Processor record, GDPR art. 30(2) · ") +
      scope.title + " · " + Today(r);
  doc.language = r.lang == Lang::kSv ? "sv" : "en";
  doc.blocks.push_back({K::kFields,
                        "",
                        {{w("Personuppgiftsbiträde", "Processor"), scope.title},
                         {w("Dataskyddsombud", "Data protection officer"), dpo},
                         {w("Antal uppdrag", "Records"), std::to_string(rows.size())},
                         {w("Utskriven", "Printed"), Today(r)}},
                        {},
                        {},
                        {}});
  if (rows.empty())
    doc.blocks.push_back(
        {K::kNote, w("Inga registrerade uppdrag som biträde.", "No records as a processor."), {}, {}, {}, {}});
  for (const auto& row : rows) {
    doc.blocks.push_back({K::kSubheading, row[2] + " – " + row[3], {}, {}, {}, {}});
    PdfBlock b{K::kFields, "", {}, {}, {}, {}};
    for (size_t i = 1; i < row.size(); ++i) b.fields.push_back({headings[i], row[i]});
    doc.blocks.push_back(std::move(b));
  }
  return File(io::sheets::RenderPdf(doc), r.format, stem);
}

// ---- the system register ---------------------------------------------------------------------------------------

Result<ExportFile> Systems(const model::Register& reg, const ExportRequest& r, const Scope& scope, const Words& w) {
  if (r.format == ExportFormat::kPdf)
    return BadRequest(
        "the system register is exported as xlsx or csv; PDF is for the records of processing and the findings");
  const Directory dir(reg);
  const rules::RegisterIndex index(reg);
  std::set<std::string> admins;
  if (scope.organization && !r.organization.empty())
    for (const auto& a : reg.administrations)
      if (a.organization == scope.organization->id) admins.insert(a.id.str());
  std::vector<const model::System*> selected;
  for (const auto& s : reg.systems) {
    bool in = scope.all;
    if (!r.committee.empty())
      for (const auto* c : index.Controllers(index.IndexOf(s))) in = in || c->id.str() == r.committee;
    if (!r.administration.empty()) {
      in = s.owner_administration && s.owner_administration->str() == r.administration;
      for (const auto& u : s.used_by) in = in || u.str() == r.administration;
    }
    if (!r.organization.empty()) {
      in = s.owner_administration && admins.contains(s.owner_administration->str());
      for (const auto& u : s.used_by) in = in || admins.contains(u.str());
    }
    if (in) selected.push_back(&s);
  }
  // Every column but the roles nobody holds (the owner's is always there).
  std::set<std::string> roles_used = {"role:owner"};
  for (const auto* s : selected)
    for (const auto& role : s->roles) roles_used.insert("role:" + std::string(model::ToString(role.role)));
  std::vector<const sheet::Field<model::System>*> fields;
  for (const auto& f : sheet::SystemFields())
    if (!f.id.starts_with("role:") || roles_used.contains(f.id)) fields.push_back(&f);
  Table t;
  t.name = w("System", "Systems");
  t.preamble = {w("Systemförteckning – ", "System register – ") + scope.title, w("Utskriven ", "Printed ") + Today(r)};
  t.headings = Headings(fields, r.lang);
  for (const auto* s : selected) t.rows.push_back(Row(*s, fields, dir, r.lang));
  const std::string stem = w("systemforteckning-", "system-register-") + scope.id;
  if (r.format == ExportFormat::kCsv) return File(io::sheets::WriteCsv(t), r.format, stem);
  // The people the systems name, on a sheet of their own: the workbook imports back into the same register.
  std::set<std::string> named;
  for (const auto* s : selected)
    for (const auto& role : s->roles)
      if (role.person) named.insert(role.person->str());
  Table people;
  people.name = w("Personer", "People");
  const auto person_fields = All(sheet::PersonFields());
  people.headings = Headings(person_fields, r.lang);
  for (const auto& p : reg.people)
    if (scope.all || named.contains(p.id.str())) people.rows.push_back(Row(p, person_fields, dir, r.lang));
  return File(io::sheets::WriteXlsx({t, people}), r.format, stem);
}

// ---- findings with the rule texts -------------------------------------------------------------------------------

Result<ExportFile> Findings(const RegisterService& service, const model::Register& reg, const ExportRequest& r,
                            const Scope& scope, const Words& w) {
  std::vector<RegisterService::FindingLine> lines;
  model::Timestamp as_of;
  auto select = [&](const std::string& committee, const std::string& administration) -> std::optional<Error> {
    FindingsQuery q;
    q.committee = committee, q.administration = administration, q.as_of = r.as_of, q.lang = r.lang;
    auto got = service.SelectFindings(q);
    if (!got.ok()) return got.error();
    as_of = got.value().as_of;
    for (auto& l : got.value().lines) lines.push_back(std::move(l));
    return std::nullopt;
  };
  if (!r.organization.empty()) {
    // An organization's findings: those of its committees and administrations, each once.
    for (const auto& c : scope.committees)
      if (auto e = select(c, "")) return *e;
    for (const auto& a : reg.administrations)
      if (a.organization.str() == r.organization)
        if (auto e = select("", a.id.str())) return *e;
    if (scope.committees.empty()) as_of = r.as_of.value_or(as_of);
    std::set<std::string> seen;
    std::erase_if(lines, [&](const auto& l) {
      return !seen.insert(std::string(rules::Code(l.finding.rule)) + "|" + l.finding.subject.id + "|" + l.message)
                  .second;
    });
  } else if (auto e = select(r.committee, r.administration)) {
    return *e;
  }
  // By severity, then rule, then subject.
  std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
    if (a.finding.severity != b.finding.severity) return a.finding.severity < b.finding.severity;
    if (a.finding.rule != b.finding.rule) return rules::Code(a.finding.rule) < rules::Code(b.finding.rule);
    return a.subject_name < b.subject_name;
  });
  const bool sv = r.lang == Lang::kSv;
  const std::string date = model::FormatDate(as_of.date());
  const std::string title = w("Avvikelser mot regelboken – ", "Findings against the rulebook – ") + scope.title;
  const std::string stem = w("avvikelser-", "findings-") + scope.id;
  auto subject_type = [&](rules::SubjectType t) {
    switch (t) {
      case rules::SubjectType::kSystem:
        return w("System", "System");
      case rules::SubjectType::kCommittee:
        return w("Nämnd", "Committee");
      case rules::SubjectType::kProcessingActivity:
        return w("Behandling", "Processing activity");
      case rules::SubjectType::kIncident:
        return w("Incident", "Incident");
      case rules::SubjectType::kDataSubjectRequest:
        return w("Begäran från registrerad", "Data subject request");
      case rules::SubjectType::kOrganization:
        return w("Organisation", "Organisation");
      case rules::SubjectType::kDocument:
        return w("Dokument", "Document");
      case rules::SubjectType::kCooperation:
        return w("Samverkan", "Cooperation");
      case rules::SubjectType::kDpaDecision:
        return w("Beslut om biträde", "DPA decision");
      case rules::SubjectType::kPowerOfAttorney:
        return w("Fullmakt", "Power of attorney");
    }
    return std::string();
  };
  auto severity = [&](rules::Severity s) {
    switch (s) {
      case rules::Severity::kError:
        return w("Fel", "Error");
      case rules::Severity::kWarning:
        return w("Varning", "Warning");
      case rules::Severity::kInfo:
        return w("Information", "Information");
    }
    return std::string();
  };
  if (r.format != ExportFormat::kPdf) {
    Table t;
    t.name = w("Avvikelser", "Findings");
    t.preamble = {title, w("Bedömt ", "Evaluated ") + date};
    t.headings = {w("Allvarlighet", "Severity"),
                  w("Regel", "Rule"),
                  w("Regelns rubrik", "Rule title"),
                  w("Avser", "Subject type"),
                  "Id",
                  w("Namn", "Name"),
                  w("Avvikelse", "Finding"),
                  w("Källa", "Source")};
    for (const auto& l : lines) {
      const auto& info = rules::Info(l.finding.rule);
      std::vector<Cell> row;
      for (const auto& v : {severity(l.finding.severity), std::string(info.code),
                            std::string(sv ? info.title_sv : info.title_en), subject_type(l.finding.subject.type),
                            l.finding.subject.id, l.subject_name, l.message, std::string(info.source)})
        row.push_back(io::sheets::TextCell(v));
      t.rows.push_back(std::move(row));
    }
    if (r.format == ExportFormat::kCsv) return File(io::sheets::WriteCsv(t), r.format, stem);
    return File(io::sheets::WriteXlsx({t}), r.format, stem);
  }
  PdfDocument doc;
  doc.title = title;
  doc.header = title + " · " + w("bedömt ", "evaluated ") + date;
  doc.language = sv ? "sv" : "en";
  size_t counts[3] = {0, 0, 0};
  for (const auto& l : lines) ++counts[static_cast<size_t>(l.finding.severity)];
  doc.blocks.push_back({K::kFields,
                        "",
                        {{w("Avser", "Concerns"), scope.title},
                         {w("Bedömt per", "Evaluated as of"), date},
                         {w("Fel", "Errors"), std::to_string(counts[0])},
                         {w("Varningar", "Warnings"), std::to_string(counts[1])},
                         {w("Information", "Information"), std::to_string(counts[2])}},
                        {},
                        {},
                        {}});
  if (lines.empty()) doc.blocks.push_back({K::kParagraph, w("Inga avvikelser.", "No findings."), {}, {}, {}, {}});
  for (size_t i = 0; i < lines.size();) {
    const auto rule = lines[i].finding.rule;
    const auto sev = lines[i].finding.severity;
    const auto& info = rules::Info(rule);
    doc.blocks.push_back({K::kHeading,
                          std::string(info.code) + " – " + std::string(sv ? info.title_sv : info.title_en),
                          {},
                          {},
                          {},
                          {}});
    doc.blocks.push_back({K::kParagraph, std::string(sv ? info.text_sv : info.text_en), {}, {}, {}, {}});
    doc.blocks.push_back(
        {K::kNote, w("Källa: ", "Source: ") + std::string(info.source) + " · " + severity(sev), {}, {}, {}, {}});
    PdfBlock table{K::kTable,         "", {}, {w("Avser", "Subject"), w("Namn", "Name"), w("Avvikelse", "Finding")},
                   {0.16, 0.24, 0.6}, {}};
    for (; i < lines.size() && lines[i].finding.rule == rule && lines[i].finding.severity == sev; ++i)
      table.rows.push_back({subject_type(lines[i].finding.subject.type), lines[i].subject_name, lines[i].message});
    doc.blocks.push_back(std::move(table));
  }
  return File(io::sheets::RenderPdf(doc), r.format, stem);
}

}  // namespace

std::optional<ExportWhat> ParseExportWhat(std::string_view s) {
  if (s == "ropa") return ExportWhat::kRopa;
  if (s == "processor-record" || s == "processor_record") return ExportWhat::kProcessorRecord;
  if (s == "systems") return ExportWhat::kSystems;
  if (s == "findings") return ExportWhat::kFindings;
  return std::nullopt;
}

std::optional<ExportFormat> ParseExportFormat(std::string_view s) {
  if (s == "xlsx") return ExportFormat::kXlsx;
  if (s == "csv") return ExportFormat::kCsv;
  if (s == "pdf") return ExportFormat::kPdf;
  return std::nullopt;
}

Result<ExportFile> Export(const RegisterService& service, const ExportRequest& request) {
  const auto snapshot = service.Current();
  const Words w{request.lang};
  auto scope = ScopeOf(snapshot.reg, request, w);
  if (!scope.ok()) return scope.error();
  try {
    switch (request.what) {
      case ExportWhat::kRopa:
        return Ropa(snapshot.reg, request, scope.value(), w);
      case ExportWhat::kProcessorRecord:
        return ProcessorRecord(snapshot.reg, request, scope.value(), w);
      case ExportWhat::kSystems:
        return Systems(snapshot.reg, request, scope.value(), w);
      case ExportWhat::kFindings:
        return Findings(service, snapshot.reg, request, scope.value(), w);
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::kUnavailable, "Exporten misslyckades / The export failed", e.what(), {}};
  }
  return BadRequest("unknown export");
}

}  // namespace ansvar::app
