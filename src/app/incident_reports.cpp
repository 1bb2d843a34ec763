// Breach intake, the reporter's view, the task lists, the notification to the authority and the statistics
// (incident_reports.hpp).
#include "app/incident_reports.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/accounts.hpp"
#include "app/cycle_crypto.hpp"
#include "app/cycle_service.hpp"
#include "io/entity_json.hpp"
#include "io/json_writer.hpp"
#include "io/rulebook_json.hpp"
#include "rules/derive.hpp"
#include "rules/due.hpp"
#include "rules/register_index.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kReportPrefix = "incident-report/";

const model::Organization* OrganizationOf(const rules::RegisterIndex& index, const model::Incident& inc) {
  if (inc.system)
    if (const auto* s = index.FindSystem(inc.system->str()))
      if (const auto* o = index.OrganizationOf(*s)) return o;
  std::vector<model::CommitteeId> committees = inc.controllers;
  if (inc.handler) committees.insert(committees.begin(), *inc.handler);
  for (const auto& c : committees)
    if (const auto* committee = index.FindCommittee(c.str()))
      if (const auto* o = index.FindOrganization(committee->organization.str())) return o;
  return nullptr;
}

// The organization's effective authority_notice_hours (the rulebook, never a constant).
int NoticeHours(const rules::Rulebook& rulebook, const rules::RegisterIndex& index, const model::Incident& inc) {
  const auto* org = OrganizationOf(index, inc);
  return (org ? rulebook.ForOrganization(org->id.str()) : rulebook).authority_notice_hours;
}

std::string CommitteeName(const rules::RegisterIndex& index, const std::optional<model::CommitteeId>& id) {
  if (!id) return {};
  const auto* c = index.FindCommittee(id->str());
  return c ? c->name : id->str();
}

std::string SystemName(const rules::RegisterIndex& index, const std::optional<model::SystemId>& id) {
  if (!id) return {};
  const auto* s = index.FindSystem(id->str());
  return s ? s->name : id->str();
}

// The handler by R-INC-HANDLER when the record names none.
const model::Committee* HandlerOf(const rules::RegisterIndex& index, const model::Incident& inc) {
  if (inc.handler) return index.FindCommittee(inc.handler->str());
  if (!inc.system) return nullptr;
  const auto* s = index.FindSystem(inc.system->str());
  return s ? rules::IncidentHandler(index, *s) : nullptr;
}

std::string ReportKey(const std::string& account, const std::string& incident) {
  return std::string(kReportPrefix) + account + "/" + incident;
}

// The report as kept beside the register (the reporter's own words).
std::string ReportJson(const BreachReport& r, model::Timestamp reported_at) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("reported_at", model::FormatTimestamp(reported_at));
  o.Field("what_happened", r.what_happened);
  o.Field("discovered_at", model::FormatTimestamp(r.discovered_at));
  if (r.occurred_at) o.Field("occurred_at", model::FormatTimestamp(*r.occurred_at));
  o.Field("system", r.system);
  o.Field("administration", r.administration);
  o.Field("whose_data", r.whose_data);
  o.EndObject();
  return o.Take();
}

// The fields of a kept report, read back (written by ReportJson only, so a plain scan is enough).
std::string JsonString(const std::string& json, const std::string& key) {
  const std::string needle = "\"" + key + "\":\"";
  const auto at = json.find(needle);
  if (at == std::string::npos) return {};
  std::string out;
  for (size_t i = at + needle.size(); i < json.size(); ++i) {
    const char c = json[i];
    if (c == '"') break;
    if (c == '\\' && i + 1 < json.size()) {
      const char e = json[++i];
      if (e == 'n')
        out += '\n';
      else if (e == 't')
        out += '\t';
      else if (e == 'r')
        out += '\r';
      else if (e == 'u' && i + 4 < json.size()) {
        const unsigned cp = static_cast<unsigned>(std::stoul(json.substr(i + 1, 4), nullptr, 16));
        i += 4;
        if (cp < 0x80) {
          out += static_cast<char>(cp);
        } else if (cp < 0x800) {
          out += static_cast<char>(0xC0 | (cp >> 6));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
          out += static_cast<char>(0xE0 | (cp >> 12));
          out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
          out += static_cast<char>(0x80 | (cp & 0x3F));
        }
      } else {
        out += e;
      }
      continue;
    }
    out += c;
  }
  return out;
}

std::string NewIncidentId(model::Timestamp now) {
  const std::string date = model::FormatDate(rules::StockholmDate(now));
  return "inc-" + date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2) + "-" + internal::RandomHex(3);
}

std::string Yes(bool v) { return v ? "Ja / Yes" : "Nej / No"; }

std::string Joined(const std::vector<std::string>& items, std::string_view sep = "; ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string NatureText(model::BreachNature n) {
  switch (n) {
    case model::BreachNature::kConfidentiality:
      return "Konfidentialitetsincident (obehörigt röjande eller åtkomst) / Confidentiality breach";
    case model::BreachNature::kIntegrity:
      return "Riktighetsincident (obehörig ändring) / Integrity breach";
    case model::BreachNature::kAvailability:
      return "Tillgänglighetsincident (förlust av åtkomst eller förstöring) / Availability breach";
  }
  return {};
}

std::string CauseText(model::BreachCause c) {
  switch (c) {
    case model::BreachCause::kMisdirected:
      return "Felskickat (e-post, brev) / Misdirected";
    case model::BreachCause::kUnauthorisedAccess:
      return "Obehörig åtkomst / Unauthorised access";
    case model::BreachCause::kCyberAttack:
      return "Antagonistisk attack / Attack (phishing, malware, intrusion)";
    case model::BreachCause::kTechnicalFault:
      return "Tekniskt fel / Technical fault";
    case model::BreachCause::kLostOrStolen:
      return "Förlorad eller stulen utrustning / Lost or stolen device or papers";
    case model::BreachCause::kOtherHumanError:
      return "Annat misstag / Other human error";
    case model::BreachCause::kOther:
      return "Annan orsak / Other";
  }
  return {};
}

std::string AssessmentText(model::Assessment a) {
  switch (a) {
    case model::Assessment::kNoRisk:
      return "Osannolikt att den medför risk / Unlikely to result in a risk";
    case model::Assessment::kRisk:
      return "Risk för de registrerades rättigheter och friheter / A risk to the rights and freedoms";
    case model::Assessment::kHighRisk:
      return "Hög risk / A high risk";
  }
  return {};
}

}  // namespace

std::string_view ToString(BreachStatus s) {
  switch (s) {
    case BreachStatus::kReceived:
      return "received";
    case BreachStatus::kAssessed:
      return "assessed";
    case BreachStatus::kNotified:
      return "notified";
    case BreachStatus::kClosed:
      return "closed";
  }
  return "received";
}

BreachStatus StatusOf(const model::Incident& inc) {
  if (!inc.assessment) return BreachStatus::kReceived;
  const bool needs_notice = *inc.assessment != model::Assessment::kNoRisk;
  const bool plan_done =
      !inc.action_plan.empty() &&
      std::all_of(inc.action_plan.begin(), inc.action_plan.end(), [](const model::Measure& m) {
        return m.status == model::MeasureStatus::kDone || m.status == model::MeasureStatus::kCancelled;
      });
  if ((!needs_notice || inc.notified_authority_at) && plan_done) return BreachStatus::kClosed;
  if (inc.notified_authority_at) return BreachStatus::kNotified;
  return BreachStatus::kAssessed;
}

bool MayReadIncident(const auth::Principal& who, const model::Incident& incident, const model::Register& reg) {
  auth::Request what;
  what.op = auth::Operation::kRead;
  what.resource = auth::Resource::kEntity;
  what.kind = model::Collection::kIncident;
  what.stored = &incident;
  return static_cast<bool>(auth::Decide(who, what, auth::RegisterIndexFacts(reg)));
}

Result<ReportReceipt> IncidentReports::Report(const BreachReport& report, const auth::Principal& who,
                                              const Actor& actor) {
  CycleService cycle(s_);
  const model::Timestamp now = cycle.Now();
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  std::vector<model::Problem> problems;
  if (report.what_happened.find_first_not_of(" \t\r\n") == std::string::npos)
    problems.push_back({"$.what_happened", "beskriv vad som hänt / describe what happened"});
  if (report.discovered_at > now.AddHours(1))  // a clock a little fast is no error; a day ahead is
    problems.push_back({"$.discovered_at", "upptäckten kan inte ligga i framtiden / the discovery cannot lie ahead"});
  if (report.occurred_at && *report.occurred_at > report.discovered_at)
    problems.push_back({"$.occurred_at", "händelsen kan inte ske efter upptäckten / it cannot occur after discovery"});
  const model::System* system = nullptr;
  if (!report.system.empty() && (system = index.FindSystem(report.system)) == nullptr)
    problems.push_back({"$.system", "okänt system / unknown system \"" + report.system + "\""});
  const model::Administration* admin = nullptr;
  std::string admin_id = report.administration;
  if (admin_id.empty() && system == nullptr && who.role == auth::Role::kDataProtectionContact)
    admin_id = who.administration;
  if (admin_id.empty() && system == nullptr && !who.person.empty())
    if (const auto* p = index.FindPerson(who.person); p && p->administration) admin_id = p->administration->str();
  if (!admin_id.empty() && (admin = index.FindAdministration(admin_id)) == nullptr)
    problems.push_back({"$.administration", "okänd förvaltning / unknown administration \"" + admin_id + "\""});
  if (system == nullptr && admin == nullptr && report.system.empty() && report.administration.empty())
    problems.push_back({"$.system", "ange systemet eller förvaltningen / name the system or the administration"});
  if (!problems.empty()) return Invalid("anmälan är ofullständig / the report is incomplete", std::move(problems));

  model::Incident inc;
  inc.id = model::IncidentId(NewIncidentId(now));
  inc.aware_at = report.discovered_at;
  inc.occurred_at = report.occurred_at;
  inc.reported_at = now;
  inc.description = report.what_happened;
  if (!report.whose_data.empty()) inc.subject_categories.push_back(report.whose_data);
  if (system != nullptr) {
    inc.system = system->id;
    for (const auto* c : index.Controllers(index.IndexOf(*system))) inc.controllers.push_back(c->id);
  }
  if (inc.controllers.empty() && admin != nullptr)
    if (const auto* c = index.EmployingCommittee(*admin)) inc.controllers.push_back(c->id);
  if (const auto* handler = HandlerOf(index, inc))
    inc.handler = handler->id;
  else if (inc.controllers.size() == 1)
    inc.handler = inc.controllers.front();
  // The DPO is informed at once: on their task list now, and by e-mail (breach_notices.cpp). R-INC-DPO.
  inc.dpo_informed = true;

  auto created = s_.Create(Kind::kIncident, io::WriteEntity(inc), actor);
  if (!created.ok()) return created.error();
  cycle.Store().PutRecord({ReportKey(who.account, inc.id.str()), "reported", ReportJson(report, now), now});

  ReportReceipt receipt;
  receipt.incident = inc;
  receipt.version = created.value().version;
  receipt.reported_at = now;
  receipt.deadline =
      inc.aware_at.AddHours(NoticeHours(io::EffectiveRulebook(s_.BaseRulebook(), snapshot.reg), index, inc));
  receipt.handler_name = CommitteeName(index, inc.handler);
  if (auto r = Recipients(inc); r.ok()) receipt.routed_to = std::move(r.value());
  return receipt;
}

Result<std::vector<OwnReport>> IncidentReports::Mine(const std::string& account) const {
  CycleService cycle(s_);
  const auto records = cycle.Store().ListRecords(ReportKey(account, ""));
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  std::map<std::string, const model::Incident*> by_id;
  for (const auto& i : snapshot.reg.incidents) by_id[i.id.str()] = &i;
  std::vector<OwnReport> out;
  for (const auto& rec : records) {
    OwnReport r;
    r.incident = rec.key.substr(ReportKey(account, "").size());
    r.reported_at = rec.at;
    r.report.what_happened = JsonString(rec.data, "what_happened");
    if (auto t = model::ParseTimestamp(JsonString(rec.data, "discovered_at"))) r.report.discovered_at = *t;
    r.report.occurred_at = model::ParseTimestamp(JsonString(rec.data, "occurred_at"));
    r.report.system = JsonString(rec.data, "system");
    r.report.administration = JsonString(rec.data, "administration");
    r.report.whose_data = JsonString(rec.data, "whose_data");
    if (const auto it = by_id.find(r.incident); it != by_id.end()) {
      r.status = StatusOf(*it->second);
      r.system_name = SystemName(index, it->second->system);
    } else {
      r.status = BreachStatus::kClosed;  // the handler removed it from the register (e.g. not a breach)
    }
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const OwnReport& a, const OwnReport& b) { return a.reported_at > b.reported_at; });
  return out;
}

Result<std::vector<BreachTask>> IncidentReports::Tasks(const auth::Principal& who) const {
  std::vector<BreachTask> out;
  if (!auth::MayReadIncidentRegister(who.role)) return out;
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  const auto rulebook = io::EffectiveRulebook(s_.BaseRulebook(), snapshot.reg);
  for (const auto& inc : snapshot.reg.incidents) {
    const auto status = StatusOf(inc);
    if (status == BreachStatus::kClosed || status == BreachStatus::kNotified) continue;
    if (status == BreachStatus::kAssessed && inc.assessment == model::Assessment::kNoRisk) continue;
    if (!MayReadIncident(who, inc, snapshot.reg)) continue;
    BreachTask t;
    t.incident = inc;
    t.status = status;
    t.system_name = SystemName(index, inc.system);
    const auto* handler = HandlerOf(index, inc);
    t.handler_name = handler ? handler->name : "";
    t.deadline = inc.aware_at.AddHours(NoticeHours(rulebook, index, inc));
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const BreachTask& a, const BreachTask& b) { return a.deadline < b.deadline; });
  return out;
}

Result<std::vector<BreachRecipient>> IncidentReports::Recipients(const model::Incident& incident) const {
  CycleService cycle(s_);
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  std::vector<BreachRecipient> out;
  std::set<std::string> people;  // persons already reached through their account
  const auto accounts = Accounts(cycle.Store(), [&cycle] { return cycle.Now(); }).List();
  if (!accounts.ok()) return accounts.error();
  for (const auto& a : accounts.value()) {
    if (a.disabled) continue;
    const auth::Principal p{a.id, a.role, a.administration, a.person};
    const bool dpo = a.role == auth::Role::kDpo;
    const bool contact = a.role == auth::Role::kDataProtectionContact && MayReadIncident(p, incident, snapshot.reg);
    if (!dpo && !contact) continue;
    out.push_back(
        {"account:" + a.id, a.name.empty() ? a.id : a.name, a.email, dpo ? "dpo" : "data_protection_contact"});
    if (!a.person.empty()) people.insert(a.person);
  }
  // The organization's DPO in the register, when no account stands for that person.
  if (const auto* org = OrganizationOf(index, incident); org && org->dpo && !people.contains(org->dpo->str()))
    if (const auto* p = index.FindPerson(org->dpo->str()))
      out.push_back({"person:" + p->id.str(), p->name, p->email, "dpo"});
  return out;
}

Result<NotificationForm> IncidentReports::Notification(const std::string& incident_id) const {
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  const auto it = std::find_if(snapshot.reg.incidents.begin(), snapshot.reg.incidents.end(),
                               [&](const model::Incident& i) { return i.id.str() == incident_id; });
  if (it == snapshot.reg.incidents.end())
    return NotFound("personuppgiftsincident / breach \"" + incident_id + "\" finns inte / does not exist");
  const model::Incident& inc = *it;
  const auto rulebook = io::EffectiveRulebook(s_.BaseRulebook(), snapshot.reg);
  const int hours = NoticeHours(rulebook, index, inc);
  const auto* org = OrganizationOf(index, inc);

  NotificationForm f;
  f.incident = inc.id.str();
  f.made_at = CycleService(s_).Now();
  auto field = [](std::string key, std::string sv, std::string en, std::string value, bool required = true) {
    return NotificationField{std::move(key), std::move(sv), std::move(en), std::move(value), required};
  };
  auto count = [](const std::optional<int64_t>& n) { return n ? "cirka / approx. " + std::to_string(*n) : ""; };

  // 1. The controller(s) and the contact person (the DPO).
  std::vector<std::string> controllers;
  for (const auto& c : inc.controllers) controllers.push_back(CommitteeName(index, c));
  std::string dpo_text;
  if (org && org->dpo)
    if (const auto* p = index.FindPerson(org->dpo->str()))
      dpo_text = p->name + (p->email.empty() ? "" : " <" + p->email + ">");
  f.sections.push_back(
      {"Personuppgiftsansvarig",
       "Controller",
       {field("controllers", "Personuppgiftsansvarig(a) nämnd(er)", "Controller committee(s)", Joined(controllers)),
        field("organization", "Organisation", "Organisation", org ? org->name : ""),
        // The register keeps no organisation numbers (register-format.md): the authority's form asks for one, so
        // it is named as something to add by hand, never invented.
        field("organization_number", "Organisationsnummer", "Organisation number", "", false),
        field("handler", "Handläggande nämnd (R-INC-HANDLER)", "Handling committee (R-INC-HANDLER)",
              CommitteeName(index, inc.handler)),
        field("contact", "Kontaktperson (dataskyddsombud)", "Contact person (data protection officer)", dpo_text)}});

  // 2. The breach: when, what, how, cause.
  std::vector<std::string> nature;
  for (const auto n : inc.nature) nature.push_back(NatureText(n));
  const auto deadline = inc.aware_at.AddHours(hours);
  const bool late = inc.notified_authority_at ? *inc.notified_authority_at > deadline : f.made_at > deadline;
  f.sections.push_back(
      {"Incidenten",
       "The breach",
       {field("incident", "Ärende", "Case", inc.id.str()),
        field("occurred_at", "När inträffade incidenten", "When the breach occurred",
              inc.occurred_at ? model::FormatTimestamp(*inc.occurred_at) : "", false),
        field("aware_at", "När upptäcktes incidenten", "When the breach was discovered",
              model::FormatTimestamp(inc.aware_at)),
        field("notice_deadline", "Anmälan senast (" + std::to_string(hours) + " timmar efter upptäckt)",
              "Notification due (" + std::to_string(hours) + " hours after discovery)",
              model::FormatTimestamp(deadline)),
        field("system", "System", "System", SystemName(index, inc.system), false),
        field("nature", "Typ av incident", "Nature of the breach", Joined(nature)),
        field("cause", "Orsak", "Cause", inc.cause ? CauseText(*inc.cause) : ""),
        field("description", "Beskrivning av vad som hänt (art. 33.3 a)", "What happened (art. 33.3 a)",
              inc.description),
        field("cross_border", "Berörs registrerade i andra EU/EES-länder", "Data subjects in other EU/EEA states",
              inc.cross_border ? Yes(*inc.cross_border) : "", false)}});

  // 3. Whom and what it concerns (art. 33.3 a).
  f.sections.push_back({"Berörda registrerade och personuppgifter",
                        "Data subjects and personal data",
                        {field("subject_categories", "Kategorier av registrerade", "Categories of data subjects",
                               Joined(inc.subject_categories)),
                         field("approx_subjects", "Ungefärligt antal registrerade",
                               "Approximate number of data subjects", count(inc.approx_subjects)),
                         field("record_categories", "Kategorier av personuppgifter",
                               "Categories of personal data records", Joined(inc.record_categories)),
                         field("approx_records", "Ungefärligt antal poster", "Approximate number of records",
                               count(inc.approx_records))}});

  // 4. Consequences, risk and measures (art. 33.3 c–d).
  std::string plan;
  for (const auto& m : inc.action_plan) {
    plan += (plan.empty() ? "" : "\n") + std::string("– ") + m.description + " [" +
            std::string(model::ToString(m.status)) + (m.due ? ", " + model::FormatDate(*m.due) : "") + "]";
  }
  f.sections.push_back({"Konsekvenser och åtgärder",
                        "Consequences and measures",
                        {field("likely_consequences", "Sannolika konsekvenser (art. 33.3 c)",
                               "Likely consequences (art. 33.3 c)", inc.likely_consequences),
                         field("assessment", "Bedömd risk för de registrerade", "Assessed risk to the data subjects",
                               inc.assessment ? AssessmentText(*inc.assessment) : ""),
                         field("measures", "Vidtagna och planerade åtgärder (art. 33.3 d)",
                               "Measures taken and proposed (art. 33.3 d)", inc.measures),
                         field("action_plan", "Åtgärdsplan", "Action plan", plan, false)}});

  // The committees that judged differently from the handler, and their own notifications (model.md §5.4).
  std::string own;
  for (const auto& a : inc.assessments) {
    own += (own.empty() ? "" : "\n") + CommitteeName(index, a.committee) + ": " +
           (a.assessment ? AssessmentText(*a.assessment) : std::string("–")) +
           (a.notified_authority_at ? ", anmäld / notified " + model::FormatTimestamp(*a.notified_authority_at) : "");
  }
  f.sections.back().fields.push_back(field("assessments", "Nämnders egna bedömningar och anmälningar",
                                           "Committees' own assessments and notifications", own, false));

  // 5. Information to the data subjects (art. 34) and the timing.
  const bool high = inc.assessment == model::Assessment::kHighRisk;
  std::string informed = inc.subjects_informed_at ? model::FormatTimestamp(*inc.subjects_informed_at) : "";
  f.sections.push_back(
      {"Information och tidpunkter",
       "Information and timing",
       {field("subjects_informed_at", "De registrerade informerade", "Data subjects informed", informed, high),
        field("subjects_informed_how", "Hur de registrerade informerats (eller varför inte)",
              "How the data subjects were informed (or why not)", inc.subjects_informed_how, high),
        field("affected_informed_on", "Dokumentationen skickad till berörda nämnder",
              "Documentation sent to the affected committees",
              inc.affected_informed_on ? model::FormatDate(*inc.affected_informed_on) : "", inc.controllers.size() > 1),
        field("notified_authority_at", "Anmäld till IMY", "Notified to the authority",
              inc.notified_authority_at ? model::FormatTimestamp(*inc.notified_authority_at) : "", false),
        field("delay_reason", "Skäl till försenad anmälan (art. 33.1)", "Reasons for the delay (art. 33.1)",
              inc.delay_reason.value_or(""), late)}});

  for (const auto& s : f.sections)
    for (const auto& x : s.fields)
      if (x.required && x.value.empty()) f.missing.push_back(x.key);
  f.complete = f.missing.empty();
  return f;
}

Result<BreachStatistics> IncidentReports::Statistics(const std::string& administration) const {
  const auto snapshot = s_.Current();
  const rules::RegisterIndex index(snapshot.reg);
  BreachStatistics st;
  std::map<std::string, BreachCount> cause, system, quarter;
  const auth::Principal contact{"", auth::Role::kDataProtectionContact, administration, ""};
  for (const auto& inc : snapshot.reg.incidents) {
    if (!administration.empty() && !MayReadIncident(contact, inc, snapshot.reg)) continue;
    const bool notified = inc.notified_authority_at.has_value() ||
                          std::any_of(inc.assessments.begin(), inc.assessments.end(),
                                      [](const auto& a) { return a.notified_authority_at.has_value(); });
    ++st.total;
    (notified ? st.notified : st.not_notified)++;
    auto add = [&](std::map<std::string, BreachCount>& m, const std::string& key, const std::string& label) {
      auto& c = m[key];
      c.key = key, c.label = label;
      ++c.total;
      if (notified) ++c.notified;
    };
    const std::string cause_key = inc.cause ? std::string(model::ToString(*inc.cause)) : "unknown";
    add(cause, cause_key, inc.cause ? CauseText(*inc.cause) : "Okänd / Unknown");
    add(system, inc.system ? inc.system->str() : "", inc.system ? SystemName(index, inc.system) : "");
    const auto day = rules::StockholmDate(inc.aware_at);
    const std::string q = std::to_string(day.year()) + "-Q" + std::to_string((day.month() - 1) / 3 + 1);
    add(quarter, q, q);
  }
  for (auto& [k, v] : cause) st.by_cause.push_back(v);
  for (auto& [k, v] : system) st.by_system.push_back(v);
  for (auto& [k, v] : quarter) st.by_quarter.push_back(v);
  auto by_total = [](const BreachCount& a, const BreachCount& b) {
    return a.total != b.total ? a.total > b.total : a.key < b.key;
  };
  std::sort(st.by_cause.begin(), st.by_cause.end(), by_total);
  std::sort(st.by_system.begin(), st.by_system.end(), by_total);
  return st;
}

}  // namespace ansvar::app
