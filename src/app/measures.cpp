#include "app/measures.hpp"

#include <algorithm>
#include <mutex>
#include <type_traits>

#include "app/acting_person.hpp"
#include "app/service_facts.hpp"
#include "auth/policy.hpp"
#include "io/entity_json.hpp"
#include "io/register_writer.hpp"
#include "rules/due.hpp"

namespace ansvar::app {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// The administrations and organizations a measure concerns: those of its systems (owner and users), and for a DPIA
// those of its activity's controller committee.
struct Concerns {
  std::vector<std::string> administrations, organizations;
};

Concerns ConcernsOf(const rules::MeasureRef& ref, const rules::RegisterIndex& index) {
  Concerns c;
  auto add_admin = [&](const std::string& a) {
    if (!Contains(c.administrations, a)) c.administrations.push_back(a);
    if (const auto* adm = index.FindAdministration(a); adm && !Contains(c.organizations, adm->organization.str()))
      c.organizations.push_back(adm->organization.str());
  };
  for (const auto& id : ref.systems)
    if (const auto* s = index.FindSystem(id)) {
      if (s->owner_administration) add_admin(s->owner_administration->str());
      for (const auto& u : s->used_by) add_admin(u.str());
    }
  if (ref.holder_type == rules::SubjectType::kProcessingActivity)
    if (const auto* a = index.FindActivity(ref.holder_id); a && a->controller)
      if (const auto* k = index.FindCommittee(a->controller->str())) {
        if (!Contains(c.organizations, k->organization.str())) c.organizations.push_back(k->organization.str());
        for (const auto& adm : index.reg().administrations)
          if (std::find(adm.committees.begin(), adm.committees.end(), k->id) != adm.committees.end())
            add_admin(adm.id.str());
      }
  return c;
}

std::string HolderName(const rules::MeasureRef& ref, const rules::RegisterIndex& index) {
  if (ref.holder_type == rules::SubjectType::kSystem) {
    const auto* s = index.FindSystem(ref.holder_id);
    return s ? s->name : ref.holder_id;
  }
  if (ref.holder_type == rules::SubjectType::kProcessingActivity) {
    const auto* a = index.FindActivity(ref.holder_id);
    return a && !a->name.empty() ? a->name : ref.holder_id;
  }
  return ref.holder_id;
}

// The kind of record that holds a source's measures.
Kind HolderKind(rules::MeasureSource source) {
  switch (source) {
    case rules::MeasureSource::kDpia:
      return Kind::kProcessingActivity;
    case rules::MeasureSource::kBreach:
      return Kind::kIncident;
    case rules::MeasureSource::kClassification:
    case rules::MeasureSource::kContractReview:
      break;
  }
  return Kind::kSystem;
}

// The measure `id` in the holder's lists for `source` (nullptr when none).
model::Measure* FindMeasure(std::vector<model::Measure>& list, const std::string& id) {
  const auto it = std::find_if(list.begin(), list.end(), [&](const model::Measure& m) { return m.id == id; });
  return it == list.end() ? nullptr : &*it;
}

// What the act changes in the holder `h` (read from the register format), then writes it back.
struct Change {
  RegisterService& service;
  const auth::Account& account;
  const std::string& holder_id;
  const std::string& measure_id;
  const MeasureStatusChange& change;
  model::MeasureStatus status;
  model::Date today;
  std::optional<model::Date> done_on;
  int64_t if_match;
  const Actor& actor;

  template <class T>
  Result<MeasureStatusResult> Apply(Kind kind, rules::MeasureSource source) {
    auto current = service.Get(kind, holder_id);
    if (!current.ok()) return current.error();
    auto read = io::ReadEntity<T>(current.value().json);
    if (!read.value) return Invalid("the stored record could not be read", std::move(read.problems));
    T h = std::move(*read.value);
    const auth::Principal who{account.id, account.role, account.administration, account.person};
    ServiceFacts facts(service);
    if (source == rules::MeasureSource::kBreach) {
      auth::Request look;
      look.op = auth::Operation::kRead;
      look.resource = auth::Resource::kEntity;
      look.kind = kind;
      look.stored = &h;
      if (const auto d = auth::Decide(who, look, facts); !d)
        return NotEntitled(
            "en personuppgiftsincidents åtgärder är för den som får läsa incidentregistret / a breach's "
            "measures are for those who may read the incident register: " +
            d.reason);
    }
    model::Measure* m = nullptr;
    if constexpr (std::is_same_v<T, model::ProcessingActivity>) {
      if (h.dpia) m = FindMeasure(h.dpia->measures, measure_id);
    } else if constexpr (std::is_same_v<T, model::Incident>) {
      m = FindMeasure(h.action_plan, measure_id);
    } else {
      if (source == rules::MeasureSource::kClassification && h.classification)
        m = FindMeasure(h.classification->measures, measure_id);
      if (source == rules::MeasureSource::kContractReview)
        for (auto& f : h.forums)
          if (m == nullptr && f.kind == model::ForumKind::kContractReview) m = FindMeasure(f.measures, measure_id);
    }
    if (m == nullptr || measure_id.empty())
      return NotFound("åtgärden \"" + measure_id + "\" finns inte hos " + holder_id + " / measure \"" + measure_id +
                      "\" does not exist in " + std::string(rules::ToString(source)) + " " + holder_id);
    // Entitled: the measure's owner, the DPO, or whoever may write the holder.
    const bool owner = !account.person.empty() && m->owner && m->owner->str() == account.person;
    if (!owner && account.role != auth::Role::kDpo) {
      auth::Request write;
      write.op = auth::Operation::kUpdate;
      write.resource = auth::Resource::kEntity;
      write.kind = kind;
      write.stored = &h;
      write.written = &h;
      if (const auto d = auth::Decide(who, write, facts); !d)
        return NotEntitled("endast åtgärdens ansvariga, dataskyddsombudet eller den som får ändra " + holder_id +
                           " får ändra åtgärdens status / only the measure's owner, the DPO or whoever may change " +
                           holder_id + " may change the measure's status (" + d.reason + ")");
    }
    if (current.value().version != if_match)
      return Error{ErrorCode::kPreconditionFailed,
                   "Ändrad av någon annan / Changed by someone else",
                   holder_id + " is at version " + std::to_string(current.value().version) + ", not " +
                       std::to_string(if_match) + ": reload it and change the status again",
                   {}};
    m->status = status;
    m->done_on = status == model::MeasureStatus::kDone ? std::optional(done_on.value_or(today)) : std::nullopt;
    const model::Measure changed = *m;
    auto written = service.Replace(kind, holder_id, io::WriteEntity(h), if_match, actor);
    if (!written.ok()) return written.error();
    return MeasureStatusResult{std::move(written.value()), changed};
  }
};

}  // namespace

model::Timestamp MeasuresView::Now() const { return s_.Now(); }

Result<MeasuresReport> MeasuresView::List(const MeasureQuery& q) const {
  const RegisterService::Reader rd(s_);
  const auto& index = rd.index();
  if (!q.system.empty() && index.FindSystem(q.system) == nullptr)
    return NotFound("system \"" + q.system + "\" finns inte / does not exist");
  if (!q.administration.empty() && index.FindAdministration(q.administration) == nullptr)
    return NotFound("administration \"" + q.administration + "\" finns inte / does not exist");
  if (!q.organization.empty() && index.FindOrganization(q.organization) == nullptr)
    return NotFound("organization \"" + q.organization + "\" finns inte / does not exist");
  if (!q.person.empty() && index.FindPerson(q.person) == nullptr)
    return NotFound("person \"" + q.person + "\" finns inte / does not exist");
  MeasuresReport out;
  out.today = s_.Now().date();  // the day the rules judge by (R-MEASURE-OVERDUE)
  for (const auto& ref : rules::CollectMeasures(index.reg())) {
    const auto& m = *ref.measure;
    const bool overdue = rules::Overdue(m, out.today);
    if (q.source && ref.source != *q.source) continue;
    if (q.holder_type && (ref.holder_type != *q.holder_type || ref.holder_id != q.holder_id)) continue;
    if (ref.source == rules::MeasureSource::kBreach && !s_.MayReadBreach(ref.holder_id, q.breaches, index)) continue;
    if (q.overdue_only && !overdue) continue;
    if (q.open_only && !rules::Open(m)) continue;
    if (!q.person.empty() && (!m.owner || m.owner->str() != q.person)) continue;
    if (!q.system.empty() && !Contains(ref.systems, q.system)) continue;
    if (!q.administration.empty() || !q.organization.empty()) {
      const auto c = ConcernsOf(ref, index);
      if (!q.administration.empty() && !Contains(c.administrations, q.administration)) continue;
      if (!q.organization.empty() && !Contains(c.organizations, q.organization)) continue;
    }
    MeasureLine line{ref.source, ref.holder_type, ref.holder_id, HolderName(ref, index), 0, ref.systems, m,
                     {},         overdue};
    line.holder_version = rd.version(HolderKind(ref.source), ref.holder_id);
    if (m.owner)
      if (const auto* p = index.FindPerson(m.owner->str())) line.owner_name = p->name;
    out.lines.push_back(std::move(line));
  }
  return out;
}

Result<MeasuresReport> MeasuresView::DueFor(const std::string& person) const {
  MeasureQuery q;
  q.person = person;
  q.open_only = true;
  auto report = List(q);
  if (!report.ok()) return report;
  int soon = 30;
  { soon = RegisterService::Reader(s_).rulebook().measure_due_soon_days; }
  auto& r = report.value();
  const auto horizon = r.today.AddDays(soon);
  std::erase_if(r.lines, [&](const MeasureLine& l) { return !l.measure.due || *l.measure.due > horizon; });
  return report;
}

Result<Versioned> ApproveClassification(RegisterService& service, const std::string& system_id,
                                        const auth::Account& account, int64_t if_match, const Actor& actor) {
  auto person = ActingPerson(service, account);
  if (!person.ok()) return person.error();
  auto current = service.Get(Kind::kSystem, system_id);
  if (!current.ok()) return current.error();
  if (current.value().version != if_match)
    return Error{ErrorCode::kPreconditionFailed,
                 "Ändrad av någon annan / Changed by someone else",
                 "system \"" + system_id + "\" is at version " + std::to_string(current.value().version) + ", not " +
                     std::to_string(if_match) + ": reload it and approve again",
                 {}};
  auto read = io::ReadEntity<model::System>(current.value().json);
  if (!read.value) return Invalid("the stored system could not be read", std::move(read.problems));
  auto s = std::move(*read.value);
  if (!s.classification)
    return Error{ErrorCode::kConflict,
                 "Ingen informationsklassning / No classification",
                 "systemet har ingen informationsklassning att godkänna / the system has no classification to approve",
                 {{"$.classification", "missing"}}};
  const auto& who = person.value();
  const bool owner = std::any_of(s.roles.begin(), s.roles.end(), [&](const model::RoleAssignment& r) {
    return r.role == model::RoleKind::kOwner && r.person && *r.person == who.id;
  });
  if (!owner)
    return NotEntitled(who.name + " är inte systemägare för " + s.name +
                       " och får inte godkänna informationsklassningens åtgärdsplan / " + who.name +
                       " is not the owner of " + s.name + " and may not approve its classification's action plan");
  // Approved here already, and the classification not redone since: nothing to approve.
  const auto& c = *s.classification;
  if (c.approved_by && c.approval == model::ApprovalSource::kAnsvar && c.approved_on &&
      (!c.done_on || *c.done_on <= *c.approved_on))
    return Error{ErrorCode::kConflict,
                 "Redan godkänd / Already approved",
                 "åtgärdsplanen godkändes " +
                     (s.classification->approved_on ? model::FormatDate(*s.classification->approved_on) : "?") +
                     " av " + s.classification->approved_by->str() + " / the action plan was already approved",
                 {}};
  s.classification->approved_by = who.id;
  s.classification->approved_on = rules::StockholmDate(MeasuresView(service).Now());
  s.classification->approval = model::ApprovalSource::kAnsvar;
  return service.Replace(Kind::kSystem, system_id, io::WriteEntity(s), if_match, actor);
}

Result<MeasureStatusResult> SetMeasureStatus(RegisterService& service, rules::MeasureSource source,
                                             const std::string& holder_id, const std::string& measure_id,
                                             const MeasureStatusChange& change, const auth::Account& account,
                                             int64_t if_match, const Actor& actor) {
  const auto status = model::ParseEnum<model::MeasureStatus>(change.status);
  if (!status)
    return Invalid("the status is not valid",
                   {{"$.status", "planned, in_progress, done eller/or cancelled, inte/not \"" + change.status + "\""}});
  const model::Date today = rules::StockholmDate(MeasuresView(service).Now());
  std::optional<model::Date> done_on;
  if (change.done_on) {
    done_on = model::ParseDate(*change.done_on);
    if (!done_on) return Invalid("done_on is not valid", {{"$.done_on", "ett datum / a date YYYY-MM-DD"}});
    if (*status != model::MeasureStatus::kDone)
      return Invalid("done_on only with done", {{"$.done_on", "endast med status done / only with status done"}});
    if (*done_on > today)
      return Invalid("done_on is in the future", {{"$.done_on", "inte efter i dag / not after today"}});
  }
  Change c{service, account, holder_id, measure_id, change, *status, today, done_on, if_match, actor};
  switch (HolderKind(source)) {
    case Kind::kProcessingActivity:
      return c.Apply<model::ProcessingActivity>(Kind::kProcessingActivity, source);
    case Kind::kIncident:
      return c.Apply<model::Incident>(Kind::kIncident, source);
    default:
      return c.Apply<model::System>(Kind::kSystem, source);
  }
}

}  // namespace ansvar::app

#include "io/spreadsheet/writer.hpp"

namespace ansvar::app {
namespace {

std::string SourceLabel(rules::MeasureSource s, bool sv) {
  switch (s) {
    case rules::MeasureSource::kDpia:
      return sv ? "Konsekvensbedömning" : "DPIA";
    case rules::MeasureSource::kClassification:
      return sv ? "Informationsklassning" : "Information classification";
    case rules::MeasureSource::kBreach:
      return sv ? "Personuppgiftsincident" : "Personal data breach";
    case rules::MeasureSource::kContractReview:
      return sv ? "Avtalsuppföljning" : "Contract review";
  }
  return {};
}

std::string StatusLabel(model::MeasureStatus s, bool sv) {
  switch (s) {
    case model::MeasureStatus::kPlanned:
      return sv ? "Planerad" : "Planned";
    case model::MeasureStatus::kInProgress:
      return sv ? "Pågår" : "In progress";
    case model::MeasureStatus::kDone:
      return sv ? "Genomförd" : "Done";
    case model::MeasureStatus::kCancelled:
      return sv ? "Avbruten" : "Cancelled";
  }
  return {};
}

}  // namespace

Result<MeasuresFile> ExportMeasures(const MeasuresView& view, const MeasureQuery& query, bool csv, rules::Lang lang) {
  auto report = view.List(query);
  if (!report.ok()) return report.error();
  const bool sv = lang == rules::Lang::kSv;
  io::sheets::Table t;
  t.name = sv ? "Åtgärder" : "Measures";
  t.preamble = {sv ? "Åtgärdsregister för ledningens genomgång" : "Measures register for the management review",
                (sv ? "Per " : "As of ") + model::FormatDate(report.value().today)};
  t.headings = sv ? std::vector<std::string>{"Källa",        "Avser",  "System",    "Åtgärd",  "Ansvarig",
                                             "Klart senast", "Status", "Genomförd", "Försenad"}
                  : std::vector<std::string>{"Source", "Concerns", "Systems", "Measure", "Owner",
                                             "Due",    "Status",   "Done on", "Overdue"};
  t.widths = {22, 30, 24, 50, 24, 14, 14, 14, 10};
  auto date = [](const std::optional<model::Date>& d) {
    return d ? io::sheets::DateCell(static_cast<int32_t>(d->days())) : io::sheets::TextCell("");
  };
  for (const auto& l : report.value().lines) {
    std::string systems;
    for (const auto& s : l.systems) systems += (systems.empty() ? "" : ", ") + s;
    t.rows.push_back({io::sheets::TextCell(SourceLabel(l.source, sv)), io::sheets::TextCell(l.holder_name),
                      io::sheets::TextCell(systems), io::sheets::TextCell(l.measure.description),
                      io::sheets::TextCell(l.owner_name), date(l.measure.due),
                      io::sheets::TextCell(StatusLabel(l.measure.status, sv)), date(l.measure.done_on),
                      io::sheets::TextCell(l.overdue ? (sv ? "Ja" : "Yes") : "")});
  }
  const std::string base = sv ? "atgardsregister" : "measures";
  if (csv) return MeasuresFile{io::sheets::WriteCsv(t), "text/csv; charset=utf-8", base + ".csv"};
  return MeasuresFile{io::sheets::WriteXlsx({t}), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      base + ".xlsx"};
}

}  // namespace ansvar::app
