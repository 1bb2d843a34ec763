#include "io/register_writer.hpp"

#include "io/internal/json_out.hpp"

namespace ansvar::io {
namespace {

using internal::JsonOut;
using namespace ansvar::model;

class Writer {
 public:
  explicit Writer(bool pretty) : o_(pretty) {}

  std::string Run(const Register& reg) {
    o_.BeginObject();
    o_.Field("format", kRegisterFormat);
    if (reg.as_of) {
      o_.Key("as_of");
      o_.String(reg.as_of_is_date ? FormatDate(reg.as_of->date()) : FormatTimestamp(*reg.as_of));
    }
    if (!reg.rulebook_overrides.empty()) {
      o_.Key("rulebook");
      o_.Raw(reg.rulebook_overrides);
    }
    List("organizations", reg.organizations);
    List("committees", reg.committees);
    List("administrations", reg.administrations);
    List("people", reg.people);
    List("systems", reg.systems);
    List("delegations", reg.delegations);
    List("powers_of_attorney", reg.powers_of_attorney);
    List("processing_activities", reg.processing_activities);
    List("processor_records", reg.processor_records);
    List("incidents", reg.incidents);
    List("data_subject_requests", reg.data_subject_requests);
    List("agreements", reg.agreements);
    // Collections of cooperation-and-decisions.md: written when present, so older registers read and write alike.
    if (!reg.cooperations.empty()) List("cooperations", reg.cooperations);
    if (!reg.dpa_decisions.empty()) List("dpa_decisions", reg.dpa_decisions);
    o_.EndObject();
    return o_.Take();
  }

  // One entity as the register format writes it (io/entity_json.hpp).
  template <class T>
  std::string One(const T& x) {
    o_.BeginObject();
    Fields(x);
    o_.EndObject();
    return o_.Take();
  }

 private:
  void Fields(const Organization& x) {
    V("id", x.id), V("name", x.name), V("kind", x.kind), V("dpo", x.dpo);
    V("management_review_on", x.management_review_on);
    if (!x.rulebook_overrides.empty()) {
      o_.Key("rulebook");
      o_.Raw(x.rulebook_overrides);
    }
  }
  void Fields(const Committee& x) {
    V("id", x.id), V("organization", x.organization), V("name", x.name), V("kind", x.kind);
  }
  void Fields(const Administration& x) {
    V("id", x.id), V("organization", x.organization), V("name", x.name), V("committees", x.committees);
    V("employing_committee", x.employing_committee);
    List("units", x.units);
  }
  void Fields(const Unit& u) { V("id", u.id), V("name", u.name), V("kind", u.kind); }
  void Fields(const Person& x) {
    V("id", x.id), V("name", x.name), V("administration", x.administration), V("unit", x.unit);
    V("title", x.title), V("email", x.email);
  }
  void Fields(const System& x) { SystemFields(x); }
  void Fields(const Delegation& x) {
    if (!x.id.empty()) V("id", x.id);
    V("committee", x.committee);
    o_.Key("matter");
    o_.String(x.matter == DelegationMatter::kOther ? "other:" + x.matter_text : std::string(ToString(x.matter)));
    V("delegate_title", x.delegate_title), V("delegate_person", x.delegate_person), V("decision", x.decision);
    V("valid_from", x.valid_from), V("valid_to", x.valid_to);
  }
  void Fields(const PowerOfAttorney& x) {
    V("id", x.id), V("committee", x.committee), V("issued_by", x.issued_by), V("holder", x.holder);
    V("system", x.system), V("issued_on", x.issued_on);
  }
  void Fields(const ProcessingActivity& x) { ActivityFields(x); }
  void Fields(const ProcessorRecord& x) {
    if (!x.id.empty()) V("id", x.id);
    V("committee", x.committee), V("system", x.system), V("subject", x.subject);
    V("processing_categories", x.processing_categories), V("committees", x.committees);
  }
  void Fields(const Incident& x) {
    V("id", x.id), V("system", x.system), V("aware_at", x.aware_at), V("controllers", x.controllers);
    V("handler", x.handler), V("assessment", x.assessment), V("notified_authority_at", x.notified_authority_at);
    V("delay_reason", x.delay_reason), V("dpo_informed", x.dpo_informed);
    V("subjects_informed_at", x.subjects_informed_at);
    // The breach record (art. 33.3): written when kept.
    if (!x.description.empty()) V("description", x.description);
    if (!x.subject_categories.empty()) V("subject_categories", x.subject_categories);
    Some("approx_subjects", x.approx_subjects);
    if (!x.record_categories.empty()) V("record_categories", x.record_categories);
    Some("approx_records", x.approx_records);
    if (!x.likely_consequences.empty()) V("likely_consequences", x.likely_consequences);
    if (!x.measures.empty()) V("measures", x.measures);
    Some("affected_informed_on", x.affected_informed_on);
    if (!x.assessments.empty()) List("assessments", x.assessments);
    // What the authority's breach form asks beyond art. 33.3, and the action plan: written when present.
    Some("occurred_at", x.occurred_at);
    if (!x.nature.empty()) V("nature", x.nature);
    Some("cause", x.cause);
    if (!x.subjects_informed_how.empty()) V("subjects_informed_how", x.subjects_informed_how);
    Some("cross_border", x.cross_border);
    Some("reported_at", x.reported_at);
    if (!x.action_plan.empty()) List("action_plan", x.action_plan);
  }
  void Fields(const Measure& x) {
    if (!x.id.empty()) V("id", x.id);
    V("description", x.description), V("owner", x.owner), V("due", x.due), V("status", x.status);
    Some("done_on", x.done_on);
  }
  void Fields(const ControllerAssessment& x) {
    V("committee", x.committee), V("assessment", x.assessment), V("notified_authority_at", x.notified_authority_at);
  }
  void Fields(const Cooperation& x) {
    V("id", x.id), V("name", x.name), V("form", x.form), V("lead", x.lead), V("coordinator", x.coordinator);
    List("parties", x.parties);
    V("systems", x.systems);
    List("groups", x.groups);
    List("documents", x.documents);
    o_.Key("responsibilities");
    o_.BeginObject();
    for (const auto& r : x.responsibilities) V(r.duty, r.party);
    o_.EndObject();
    V("consulted", x.consulted), V("management_review_on", x.management_review_on);
  }
  void Fields(const CooperationParty& x) {
    V("organization", x.organization), V("committee", x.committee), V("joined_on", x.joined_on);
    V("decision", x.decision);
  }
  void Fields(const CooperationGroup& x) { V("kind", x.kind), V("name", x.name), V("members", x.members); }
  void Fields(const CooperationDocument& x) {
    V("kind", x.kind);
    Some("signed_on", x.signed_on), Some("done_on", x.done_on), Some("published_on", x.published_on);
    Some("diary_number", x.diary_number);
    if (x.kind == CooperationDocumentKind::kRiskAnalysis || x.dpia) V("dpia", x.dpia);
    if (x.kind == CooperationDocumentKind::kRiskAnalysis || x.dpo_consulted) V("dpo_consulted", x.dpo_consulted);
  }
  void Fields(const DpaDecision& x) {
    V("id", x.id), V("system", x.system), V("committees", x.committees), V("decided_on", x.decided_on);
    V("decided_by", x.decided_by), V("delegation", x.delegation), V("meeting", x.meeting);
    V("processor", x.processor), V("diary_number", x.diary_number), V("reported_on", x.reported_on);
    Some("reported_at", x.reported_at);
  }
  void Fields(const DataSubjectRequest& x) {
    V("id", x.id), V("received_on", x.received_on), V("kind", x.kind), V("controllers", x.controllers);
    V("decided_on", x.decided_on), V("extended_reason", x.extended_reason), V("outcome", x.outcome);
    V("appeal_notice", x.appeal_notice);
  }
  void Fields(const Agreement& x) {
    V("id", x.id), V("kind", x.kind), V("systems", x.systems), V("parties", x.parties);
    V("signed_on", x.signed_on);
  }
  void Fields(const RoleAssignment& r) {
    V("role", r.role);
    if (r.person) V("person", r.person);
    if (r.committee) V("committee", r.committee);
  }
  void Fields(const Document& d) { DocumentFields(d); }
  void Fields(const Forum& f) {
    V("kind", f.kind), V("held_on", f.held_on);
    if (!f.measures.empty()) List("measures", f.measures);
  }
  void Fields(const DpiaRisk& r) {
    if (!r.id.empty()) V("id", r.id);
    V("description", r.description), V("likelihood", r.likelihood), V("consequence", r.consequence);
  }
  // The record kept with a classification's levels: written when present, so older registers write alike.
  void ClassificationRecord(const Classification& c) {
    Some("done_on", c.done_on), Some("method", c.method), Some("decided_by", c.decided_by);
    Some("standard_information", c.standard_information);
    if (!c.measures.empty()) List("measures", c.measures);
    Some("approved_by", c.approved_by), Some("approved_on", c.approved_on), Some("approval", c.approval);
  }
  // A DPIA's record (art. 35.7, 36): written when present.
  void DpiaRecord(const Dpia& d) {
    if (!d.description.empty()) V("description", d.description);
    if (!d.necessity_proportionality.empty()) V("necessity_proportionality", d.necessity_proportionality);
    if (!d.risks.empty()) List("risks", d.risks);
    if (!d.measures.empty()) List("measures", d.measures);
    Some("residual_risk", d.residual_risk);
    if (d.dpo_opinion) {
      o_.Key("dpo_opinion");
      o_.BeginObject();
      V("text", d.dpo_opinion->text), V("given_on", d.dpo_opinion->given_on);
      o_.EndObject();
    }
    if (d.prior_consultation) {
      o_.Key("prior_consultation");
      o_.BeginObject();
      V("needed", d.prior_consultation->needed), V("sent_on", d.prior_consultation->sent_on);
      V("authority_reply_on", d.prior_consultation->authority_reply_on);
      o_.EndObject();
    }
    Some("review_on", d.review_on);
    if (!d.covers_activities.empty()) V("covers_activities", d.covers_activities);
    Some("motivation", d.motivation);
  }
  void Fields(const Review& r) { V("kind", r.kind), V("done_on", r.done_on); }
  void Fields(const Integration& i) { V("to", i.to), V("personal_data", i.personal_data); }
  void Fields(const TransferRecord& t) {
    V("country", t.country), V("recipient", t.recipient), V("safeguards", t.safeguards);
  }

  template <class T>
  void List(std::string_view key, const std::vector<T>& items) {
    o_.Key(key);
    o_.BeginArray();
    for (const auto& item : items) {
      o_.BeginObject();
      Fields(item);
      o_.EndObject();
    }
    o_.EndArray();
  }

  void SystemFields(const System& x) {
    V("id", x.id), V("name", x.name), V("category", x.category), V("scope", x.scope);
    V("own_support_process", x.own_support_process), V("owner_administration", x.owner_administration);
    V("used_by", x.used_by), V("hosting", x.hosting), V("supplier", x.supplier), V("personal_data", x.personal_data);
    V("special_categories", x.special_categories), V("fee", x.fee), V("lifecycle", x.lifecycle);
    V("active_since", x.active_since);
    o_.Key("classification");
    if (x.classification) {
      o_.BeginObject();
      V("confidentiality", x.classification->confidentiality), V("integrity", x.classification->integrity);
      V("availability", x.classification->availability);
      ClassificationRecord(*x.classification);
      o_.EndObject();
    } else {
      o_.Null();
    }
    V("processing_countries", x.processing_countries);
    if (x.transfer) {
      o_.Key("transfer");
      o_.BeginObject();
      V("basis", x.transfer->basis), V("tia_document", x.transfer->tia_document);
      if (x.transfer->art9_document) V("art9_document", x.transfer->art9_document);
      o_.EndObject();
    }
    List("roles", x.roles);
    List("documents", x.documents);
    List("forums", x.forums);
    List("reviews", x.reviews);
    List("integrations", x.integrations);
  }

  // A document writes the fields it has; which ones depends on its kind.
  void DocumentFields(const Document& d) {
    V("id", d.id), V("kind", d.kind);
    Some("valid_from", d.valid_from), Some("valid_to", d.valid_to), Some("diary_number", d.diary_number);
    Some("signed_on", d.signed_on), Some("signed_by", d.signed_by);
    if (!d.on_behalf_of.empty()) V("on_behalf_of", d.on_behalf_of);
    Some("organization", d.organization);
    if (!d.organizations.empty()) V("organizations", d.organizations);
    if (!d.clauses.empty()) V("clauses", d.clauses);
    if (!d.powers_of_attorney.empty()) V("powers_of_attorney", d.powers_of_attorney);
    Some("year", d.year), Some("approved_on", d.approved_on), Some("approved_by", d.approved_by);
    Some("approved_by_account", d.approved_by_account);
    Some("done_on", d.done_on), Some("dpo_consulted", d.dpo_consulted);
    if (!d.adopted_by.empty()) V("adopted_by", d.adopted_by);
    if (!d.supplemented_by.empty()) V("supplemented_by", d.supplemented_by);
  }

  void ActivityFields(const ProcessingActivity& x) {
    V("id", x.id), V("controller", x.controller), V("name", x.name), V("process_code", x.process_code);
    V("purposes", x.purposes), V("legal_basis", x.legal_basis), V("systems", x.systems);
    V("data_subjects", x.data_subjects), V("data_categories", x.data_categories), V("recipients", x.recipients);
    List("transfers", x.transfers);
    V("retention", x.retention), V("security_measures", x.security_measures);
    V("joint_controllers", x.joint_controllers), V("processor_committee", x.processor_committee);
    V("start_date", x.start_date), V("own_dpia_required", x.own_dpia_required);
    o_.Key("threshold_analysis");
    if (x.threshold_analysis) {
      const auto& t = *x.threshold_analysis;
      o_.BeginObject();
      V("done_on", t.done_on), V("criteria", t.criteria), V("motivation", t.motivation);
      V("dpo_commented", t.dpo_commented);
      o_.EndObject();
    } else {
      o_.Null();
    }
    o_.Key("dpia");
    if (x.dpia) {
      o_.BeginObject();
      V("done_on", x.dpia->done_on), V("dpo_consulted", x.dpia->dpo_consulted);
      DpiaRecord(*x.dpia);
      o_.EndObject();
    } else {
      o_.Null();
    }
  }

  void Value(const std::string& s) { o_.String(s); }
  void Value(bool b) { o_.Bool(b); }
  void Value(int i) { o_.Int(i); }
  void Value(int64_t i) { o_.Int(i); }
  void Value(Date d) { o_.String(FormatDate(d)); }
  void Value(Timestamp t) { o_.String(FormatTimestamp(t)); }
  template <class Tag>
  void Value(const Id<Tag>& id) {
    o_.String(id.str());
  }
  template <class E>
  requires std::is_enum_v<E>
  void Value(E e) { o_.String(ToString(e)); }
  template <class T>
  void Value(const std::optional<T>& v) {
    if (v)
      Value(*v);
    else
      o_.Null();
  }
  template <class T>
  void Value(const std::vector<T>& list) {
    o_.BeginArray();
    for (const auto& item : list) Value(item);
    o_.EndArray();
  }

  template <class T>
  void V(std::string_view key, const T& v) {
    o_.Key(key);
    Value(v);
  }
  void V(std::string_view key, std::string_view s) { o_.Field(key, s); }
  template <class T>
  void Some(std::string_view key, const std::optional<T>& v) {
    if (v) V(key, *v);
  }

  JsonOut o_;
};

}  // namespace

std::string WriteRegister(const Register& reg, bool pretty) { return Writer(pretty).Run(reg); }

template <class T>
std::string WriteEntity(const T& entity, bool pretty) {
  return Writer(pretty).One(entity);
}
#define ANSVAR_ENTITY(T) template std::string WriteEntity<T>(const T&, bool);
ANSVAR_ENTITY(model::Organization)
ANSVAR_ENTITY(model::Committee)
ANSVAR_ENTITY(model::Administration)
ANSVAR_ENTITY(model::Person)
ANSVAR_ENTITY(model::System)
ANSVAR_ENTITY(model::Delegation)
ANSVAR_ENTITY(model::PowerOfAttorney)
ANSVAR_ENTITY(model::ProcessingActivity)
ANSVAR_ENTITY(model::ProcessorRecord)
ANSVAR_ENTITY(model::Incident)
ANSVAR_ENTITY(model::DataSubjectRequest)
ANSVAR_ENTITY(model::Agreement)
ANSVAR_ENTITY(model::Cooperation)
ANSVAR_ENTITY(model::DpaDecision)
#undef ANSVAR_ENTITY

}  // namespace ansvar::io
