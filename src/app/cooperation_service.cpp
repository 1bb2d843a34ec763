// Cooperations, organizations' rulebooks and the essence for the public (cooperation_service.hpp).
#include "app/cooperation_service.hpp"

#include <algorithm>
#include <mutex>

#include "app/cycle_scope.hpp"
#include "io/essence_text.hpp"
#include "io/spreadsheet/pdf_report.hpp"
#include "rules/due.hpp"
#include "rules/messages.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kPublications = "essence_publications";

Error StoreFailure(const std::exception& e) {
  return {ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
}
Error Stale(const std::string& what) {
  return {ErrorCode::kPreconditionFailed, "Ändrad av någon annan / Changed by someone else", what, {}};
}
Error NoCooperation(const std::string& id) {
  return NotFound("samverkan / cooperation \"" + id + "\" finns inte / does not exist");
}

// What the public hears of an essence that is not published, whether or not the cooperation exists.
Error NoPublishedEssence(const std::string& id) {
  return NotFound("en publicerad sammanfattning / a published essence \"" + id + "\" finns inte / does not exist");
}

template <class List, class V>
bool Contains(const List& list, const V& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

DueState StateOf(const std::optional<model::Date>& due, model::Date today, int reminder_days) {
  if (!due) return DueState::kMissing;
  if (*due < today) return DueState::kOverdue;
  if (*due <= today.AddDays(reminder_days)) return DueState::kSoon;
  return DueState::kOk;
}

std::optional<model::Date> LastOf(const model::CooperationDocument& d) {
  if (d.signed_on && d.done_on) return std::max(*d.signed_on, *d.done_on);
  return d.signed_on ? d.signed_on : d.done_on;
}

PersonRef RefOf(const model::Person& p) { return {p.id.str(), p.name, p.email}; }

std::string OrganizationName(const rules::RegisterIndex& idx, std::string_view id) {
  const auto* o = idx.FindOrganization(id);
  return o ? o->name : std::string(id);
}

// The cooperation's findings: its own, and R-COOP-DPA on its systems.
bool Concerns(const rules::Finding& f, const model::Cooperation& c) {
  if (f.subject.type == rules::SubjectType::kCooperation) return f.subject.id == c.id.str();
  if (f.rule == rules::RuleId::kCoopDpa && f.subject.type == rules::SubjectType::kSystem)
    return std::any_of(c.systems.begin(), c.systems.end(), [&](const auto& s) { return s.str() == f.subject.id; });
  return false;
}

std::optional<Publication> ReadPublication(store::Beside& store, const std::string& id) {
  const auto doc = store.GetDocument(std::string(kPublications), id);
  if (!doc) return std::nullopt;
  auto record = io::ReadEssencePublication(doc->json);
  if (!record) throw store::StoreError("the essence publication of \"" + id + "\" is unreadable");
  return Publication{std::move(*record), doc->version};
}

}  // namespace

std::string_view ToString(PartyStatus s) {
  switch (s) {
    case PartyStatus::kDecided:
      return "decided";
    case PartyStatus::kNotDecided:
      return "not_decided";
    case PartyStatus::kMissing:
      return "missing";
  }
  return "decided";
}

std::string_view ToString(DueState s) {
  switch (s) {
    case DueState::kDone:
      return "done";
    case DueState::kOk:
      return "ok";
    case DueState::kSoon:
      return "soon";
    case DueState::kOverdue:
      return "overdue";
    case DueState::kMissing:
      return "missing";
  }
  return "ok";
}

Result<RulebookView> CooperationService::Rulebook(const std::string& organization) const {
  const RegisterService::Reader rd(s_);
  RulebookView v;
  const model::Organization* org = nullptr;
  if (!organization.empty()) {
    org = rd.Find<model::Organization>(organization);
    if (org == nullptr) return NotFound("okänd organisation / unknown organization \"" + organization + "\"");
    v.organization = org->id.str();
    v.organization_name = org->name;
    v.version = rd.version(Kind::kOrganization, organization);
  }
  v.settings = io::RulebookSources(s_.BaseRulebook(), rd.reg(), org);
  for (const auto& o : rd.reg().organizations)
    v.organizations.push_back(
        {o.id.str(), o.name, std::string(model::ToString(o.kind)), !o.rulebook_overrides.empty()});
  return v;
}

Result<std::vector<CooperationSummary>> CooperationService::List() const {
  std::vector<std::string> published;
  try {
    for (const auto& d : s_.Beside().ListDocuments(std::string(kPublications))) published.push_back(d.id);
  } catch (const store::NotSupportedError&) {
    // a store without the documents beside the register: nothing is published
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
  const RegisterService::Reader rd(s_);
  std::vector<CooperationSummary> out;
  std::unordered_map<std::string, size_t> at;
  for (const auto& c : rd.reg().cooperations) {
    CooperationSummary x;
    x.id = c.id.str();
    x.name = c.name;
    x.form = c.form;
    if (c.lead) x.lead = c.lead->str(), x.lead_name = OrganizationName(rd.index(), x.lead);
    x.parties = c.parties.size();
    x.systems = c.systems.size();
    x.published = Contains(published, x.id);
    at.emplace(x.id, out.size());
    out.push_back(std::move(x));
  }
  for (const auto& f : rd.findings()) {
    if (f.subject.type != rules::SubjectType::kCooperation) continue;
    const auto it = at.find(f.subject.id);
    if (it == at.end()) continue;
    auto& x = out[it->second];
    (f.severity == rules::Severity::kError     ? x.errors
     : f.severity == rules::Severity::kWarning ? x.warnings
                                               : x.infos)++;
  }
  return out;
}

Result<CooperationView> CooperationService::Get(const std::string& id, rules::Lang lang) const {
  std::optional<Publication> publication;
  try {
    publication = ReadPublication(s_.Beside(), id);
  } catch (const store::NotSupportedError&) {
    // a store without the documents beside the register: nothing is published
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
  const RegisterService::Reader rd(s_);
  const auto* c = rd.Find<model::Cooperation>(id);
  if (c == nullptr) return NoCooperation(id);
  const auto& idx = rd.index();
  const auto& rb = c->lead ? rd.rulebook().ForOrganization(c->lead->str()) : rd.rulebook();
  CooperationView v;
  v.cooperation = *c;
  v.version = rd.version(Kind::kCooperation, id);
  v.publication = std::move(publication);
  v.today = rules::StockholmDate(s_.Now());
  v.review_months = rb.lis_review_months;
  if (c->lead) v.lead_name = OrganizationName(idx, c->lead->str());
  if (c->coordinator)
    if (const auto* p = idx.FindPerson(c->coordinator->str())) v.coordinator = RefOf(*p);

  for (const auto& f : rd.findings())
    if (Concerns(f, *c)) v.findings.push_back({f, rules::SubjectName(f.subject, idx), rules::Message(f, idx, lang)});

  // Parties, and the organizations that use a system without being one.
  const auto rules_of = [&](std::string_view org) {
    std::vector<std::string> out;
    for (const auto& f : v.findings)
      if (const auto* o = rules::DetailString(f.finding, "organization"); o && *o == org) {
        auto code = std::string(rules::Code(f.finding.rule));
        if (!Contains(out, code)) out.push_back(std::move(code));
      }
    return out;
  };
  for (const auto& p : c->parties) {
    PartyView x;
    x.organization = p.organization.str();
    x.organization_name = OrganizationName(idx, x.organization);
    if (p.committee) {
      x.committee = p.committee->str();
      const auto* cm = idx.FindCommittee(x.committee);
      x.committee_name = cm ? cm->name : x.committee;
    }
    x.joined_on = p.joined_on;
    x.decision = p.decision;
    x.status = !p.decision.empty() && p.joined_on && *p.joined_on <= v.today ? PartyStatus::kDecided
                                                                             : PartyStatus::kNotDecided;
    x.rules = rules_of(x.organization);
    v.parties.push_back(std::move(x));
  }
  for (const auto& f : v.findings) {
    if (f.finding.rule != rules::RuleId::kCoopParties) continue;
    const auto* org = rules::DetailString(f.finding, "organization");
    if (org == nullptr ||
        std::any_of(v.parties.begin(), v.parties.end(), [&](const auto& p) { return p.organization == *org; }))
      continue;
    PartyView x;
    x.organization = *org;
    x.organization_name = OrganizationName(idx, *org);
    x.status = PartyStatus::kMissing;
    x.rules = rules_of(*org);
    v.parties.push_back(std::move(x));
  }

  // The responsibility matrix: the lead's duties first, then any other duty the arrangement names.
  const auto add_duty = [&](const std::string& duty, bool required) {
    if (std::any_of(v.duties.begin(), v.duties.end(), [&](const auto& x) { return x.duty == duty; })) return;
    DutyView x;
    x.duty = duty;
    x.required = required;
    for (const auto& r : c->responsibilities)
      if (r.duty == duty) x.assigned = r.party;
    x.finding = std::any_of(v.findings.begin(), v.findings.end(), [&](const auto& f) {
      const auto* dd = rules::DetailString(f.finding, "duty");
      return f.finding.rule == rules::RuleId::kCoopResponsibility && dd && *dd == duty;
    });
    v.duties.push_back(std::move(x));
  };
  for (const auto& duty : rb.cooperation_duties) add_duty(duty, true);
  for (const auto& r : c->responsibilities) add_duty(r.duty, false);

  // Documents: each governing document is reviewed with the management system (PDCA), every lis_review_months.
  for (const auto& doc : c->documents) {
    DocumentView x;
    x.document = doc;
    x.required = Contains(rb.cooperation_documents, doc.kind);
    // Reviewed at each management review (PDCA) of the cooperation: due a review period after the later of its
    // own date and the last management review.
    const auto last = LastOf(doc);
    if (last) x.next_due = std::max(*last, c->management_review_on.value_or(*last)).AddMonths(rb.lis_review_months);
    x.state = last && *last > v.today ? DueState::kMissing : StateOf(x.next_due, v.today, rb.reminder_days);
    v.documents.push_back(std::move(x));
  }
  for (const auto kind : rb.cooperation_documents)
    if (std::none_of(c->documents.begin(), c->documents.end(), [&](const auto& doc) { return doc.kind == kind; })) {
      DocumentView x;
      x.document.kind = kind;
      x.required = true;
      x.state = DueState::kMissing;
      v.documents.push_back(std::move(x));
    }

  // The annual cycle: the PDCA review (never held: due today), then each document's renewal, soonest first.
  {
    CycleItem review;
    review.what = "management_review";
    review.last = c->management_review_on;
    review.due = c->management_review_on ? c->management_review_on->AddMonths(rb.lis_review_months) : v.today;
    review.state = c->management_review_on ? StateOf(review.due, v.today, rb.reminder_days) : DueState::kOverdue;
    v.cycle.push_back(review);
    std::vector<CycleItem> renewals;
    for (const auto& doc : v.documents) {
      if (!doc.next_due) continue;
      CycleItem x;
      x.what = "document";
      x.kind = std::string(model::ToString(doc.document.kind));
      x.last = LastOf(doc.document);
      x.due = doc.next_due;
      x.state = doc.state;
      renewals.push_back(std::move(x));
    }
    std::stable_sort(renewals.begin(), renewals.end(), [](const auto& a, const auto& b) { return a.due < b.due; });
    v.cycle.insert(v.cycle.end(), renewals.begin(), renewals.end());
  }

  for (const auto& sid : c->systems) {
    SystemRef x{sid.str(), sid.str(), "", ""};
    if (const auto* s = idx.FindSystem(sid.str())) {
      x.name = s->name;
      x.category = std::string(model::ToString(s->category));
      x.lifecycle = std::string(model::ToString(s->lifecycle));
    }
    v.systems.push_back(std::move(x));
  }
  for (const auto& g : c->groups) {
    GroupView x{g.kind, g.name, {}};
    for (const auto& m : g.members) {
      const auto* p = idx.FindPerson(m.str());
      x.members.emplace_back(m.str(), p ? p->name : m.str());
    }
    v.groups.push_back(std::move(x));
  }
  v.consulted = c->consulted;
  for (const auto& s : rb.cooperation_stakeholders)
    if (!Contains(c->consulted, s)) v.stakeholders_missing.push_back(s);
  return v;
}

Result<std::optional<Publication>> CooperationService::GetPublication(const std::string& id) const {
  {
    const RegisterService::Reader rd(s_);
    if (rd.Find<model::Cooperation>(id) == nullptr) return NoCooperation(id);
  }
  try {
    return ReadPublication(s_.Beside(), id);
  } catch (const store::NotSupportedError&) {
    return std::optional<Publication>();
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
}

Result<std::vector<store::DocumentAuditEntry>> CooperationService::PublicationHistory(const std::string& id) const {
  {
    const RegisterService::Reader rd(s_);
    if (rd.Find<model::Cooperation>(id) == nullptr) return NoCooperation(id);
  }
  try {
    return s_.Beside().ReadDocumentAudit(std::string(kPublications), id, 1000);
  } catch (const store::NotSupportedError&) {
    return std::vector<store::DocumentAuditEntry>();
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
}

Result<Publication> CooperationService::Publish(const std::string& id, std::optional<int64_t> if_match,
                                                const Actor& actor) {
  {
    const RegisterService::Reader rd(s_);
    if (rd.Find<model::Cooperation>(id) == nullptr) return NoCooperation(id);
  }
  try {
    const auto stored = s_.Beside().GetDocument(std::string(kPublications), id);
    if (stored && !if_match)
      return Error{ErrorCode::kPreconditionRequired,
                   "If-Match krävs / If-Match required",
                   "the essence of \"" + id + "\" is published (version " + std::to_string(stored->version) +
                       "): send If-Match to publish it again",
                   {}};
    if (if_match && (!stored || stored->version != *if_match))
      return Stale("the essence publication of \"" + id + "\" is not at version " + std::to_string(*if_match));
    Publication p;
    p.record = {id, s_.Now(), actor.id};
    p.version = s_.Beside().PutDocument(std::string(kPublications), id, io::WriteEssencePublication(p.record), if_match,
                                        actor, p.record.published_at);
    return p;
  } catch (const store::ConflictError& e) {
    return Stale(e.what());
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
}

Result<int64_t> CooperationService::Unpublish(const std::string& id, int64_t if_match, const Actor& actor) {
  try {
    const auto stored = s_.Beside().GetDocument(std::string(kPublications), id);
    if (!stored) return NoPublishedEssence(id);
    if (stored->version != if_match)
      return Stale("the essence publication of \"" + id + "\" is at version " + std::to_string(stored->version));
    s_.Beside().DeleteDocument(std::string(kPublications), id, if_match, actor, s_.Now());
    return stored->version;
  } catch (const store::ConflictError& e) {
    return Stale(e.what());
  } catch (const store::StoreError& e) {
    return StoreFailure(e);
  }
}

Result<EssenceView> CooperationService::Essence(const std::string& id, bool published_only) const {
  auto publication = GetPublication(id);
  if (!publication.ok())
    return published_only && publication.error().code == ErrorCode::kNotFound ? NoPublishedEssence(id)
                                                                              : publication.error();
  // The public learns nothing of a cooperation that is not published, not even that it exists.
  if (published_only && !publication.value()) return NoPublishedEssence(id);
  const RegisterService::Reader rd(s_);
  const auto* c = rd.Find<model::Cooperation>(id);
  if (c == nullptr) return published_only ? NoPublishedEssence(id) : NoCooperation(id);
  const auto& idx = rd.index();
  EssenceView v;
  v.id = c->id.str();
  v.name = c->name;
  if (publication.value()) v.published_at = publication.value()->record.published_at;
  for (const auto& p : c->parties) {
    std::string committee;
    if (p.committee)
      if (const auto* cm = idx.FindCommittee(p.committee->str())) committee = cm->name;
    v.parties.emplace_back(OrganizationName(idx, p.organization.str()), committee);
  }
  std::string contact = c->lead ? c->lead->str() : std::string();
  for (const auto& r : c->responsibilities) {
    if (r.duty == "contact_point" && r.party != model::kEachParty) contact = r.party;
    v.duties.emplace_back(
        r.duty, r.party == model::kEachParty ? std::string(model::kEachParty) : OrganizationName(idx, r.party));
  }
  if (!contact.empty()) {
    v.contact_party = OrganizationName(idx, contact);
    if (const auto* o = idx.FindOrganization(contact); o && o->dpo)
      if (const auto* p = idx.FindPerson(o->dpo->str())) v.contact_person = RefOf(*p);
  }
  if (!v.contact_person && c->coordinator)
    if (const auto* p = idx.FindPerson(c->coordinator->str())) v.contact_person = RefOf(*p);
  for (const auto& sid : c->systems) {
    const auto* s = idx.FindSystem(sid.str());
    v.systems.push_back(s ? s->name : sid.str());
  }
  for (const auto& doc : c->documents)
    if (doc.kind == model::CooperationDocumentKind::kJointControllerArrangement && doc.signed_on)
      v.arrangement_signed_on = doc.signed_on;
  return v;
}

Result<ExportFile> CooperationService::EssencePdf(const std::string& id, rules::Lang lang) const {
  auto essence = Essence(id, true);
  if (!essence.ok()) return essence.error();
  const auto& e = essence.value();
  using K = io::sheets::PdfBlock::Kind;
  const auto w = [&](std::string_view key) { return io::EssenceText(key, lang); };
  io::sheets::PdfDocument doc;
  doc.title = e.name + " – " + w("title");
  doc.header = e.name;
  doc.language = lang == rules::Lang::kEn ? "en" : "sv";
  doc.blocks.push_back({K::kParagraph, w("intro"), {}, {}, {}, {}});
  doc.blocks.push_back({K::kParagraph, w("rights"), {}, {}, {}, {}});
  doc.blocks.push_back({K::kHeading, w("contact"), {}, {}, {}, {}});
  {
    io::sheets::PdfBlock b{K::kFields, "", {}, {}, {}, {}};
    if (!e.contact_party.empty()) b.fields.push_back({w("contact_intro"), e.contact_party});
    if (e.contact_person) {
      b.fields.push_back({w("responsible"), e.contact_person->name});
      if (!e.contact_person->email.empty()) b.fields.push_back({w("email"), e.contact_person->email});
    }
    doc.blocks.push_back(std::move(b));
  }
  doc.blocks.push_back({K::kHeading, w("duties"), {}, {}, {}, {}});
  {
    io::sheets::PdfBlock t{K::kTable, "", {}, {w("duty"), w("responsible")}, {0.6, 0.4}, {}};
    for (const auto& [duty, party] : e.duties)
      t.rows.push_back({io::DutyForSubject(duty, lang), io::PartyWord(party, lang)});
    doc.blocks.push_back(std::move(t));
  }
  doc.blocks.push_back({K::kHeading, w("parties"), {}, {}, {}, {}});
  {
    io::sheets::PdfBlock t{K::kTable, "", {}, {w("party"), w("committee")}, {0.5, 0.5}, {}};
    for (const auto& [org, committee] : e.parties) t.rows.push_back({org, committee});
    doc.blocks.push_back(std::move(t));
  }
  if (!e.systems.empty()) {
    doc.blocks.push_back({K::kHeading, w("systems"), {}, {}, {}, {}});
    std::string list;
    for (const auto& s : e.systems) list += (list.empty() ? "" : ", ") + s;
    doc.blocks.push_back({K::kParagraph, list, {}, {}, {}, {}});
  }
  std::string note = w("published") + " " + model::FormatDate(rules::StockholmDate(e.published_at));
  if (e.arrangement_signed_on) note += ". " + w("arrangement") + " " + model::FormatDate(*e.arrangement_signed_on);
  doc.blocks.push_back({K::kNote, note + ".", {}, {}, {}, {}});
  try {
    return ExportFile{io::sheets::RenderPdf(doc), "application/pdf",
                      id + (lang == rules::Lang::kEn ? "-essence-en.pdf" : "-essens.pdf")};
  } catch (const std::runtime_error& ex) {
    return Error{ErrorCode::kUnavailable, "PDF kunde inte skapas / PDF failed", ex.what(), {}};
  }
}

}  // namespace ansvar::app
