#include "store/rows/write_rows.hpp"

#include <variant>
#include <vector>

#include "store/string_list.hpp"

namespace ansvar::store::rows {

using namespace ansvar::model;  // NOLINT(google-build-using-namespace): this file maps every model type

namespace {

// ---- values to columns ----

void Put(RowSink& s, std::string_view v) { s.Text(v); }
void Put(RowSink& s, const std::string& v) { s.Text(v); }
void Put(RowSink& s, int64_t v) { s.Int(v); }
void Put(RowSink& s, size_t v) { s.Int(static_cast<int64_t>(v)); }
void Put(RowSink& s, bool v) { s.Bool(v); }
template <class T>
void Put(RowSink& s, const std::optional<T>& v) {
  if (v)
    Put(s, *v);
  else
    s.Null();
}
void Put(RowSink& s, const std::optional<int>& v) {
  if (v)
    s.Int(*v);
  else
    s.Null();
}

template <class... A>
void Row(RowSink& s, Table t, const A&... a) {
  s.Begin(t);
  (Put(s, a), ...);
  s.End();
}

template <class E>
std::string_view E2s(E v) {
  return model::ToString(v);
}
template <class E>
std::optional<std::string_view> E2s(const std::optional<E>& v) {
  if (!v) return std::nullopt;
  return model::ToString(*v);
}
template <class Tag>
std::optional<std::string_view> OptId(const std::optional<Id<Tag>>& v) {
  if (!v) return std::nullopt;
  return std::string_view(v->str());
}
std::optional<std::string> D2s(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return FormatDate(*d);
}
std::optional<std::string> T2s(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return FormatTimestamp(*t);
}
template <class E>
std::vector<std::string> EnumStrings(const std::vector<E>& values) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto v : values) out.emplace_back(model::ToString(v));
  return out;
}

// A measure (model::Measure) as a row of its holder's measures table, after the holder's key columns.
void MeasureRow(RowSink& s, Table t, const std::string& id, size_t n, const Measure& m) {
  Row(s, t, id, n, m.id, m.description, OptId(m.owner), D2s(m.due), E2s(m.status), D2s(m.done_on));
}
void MeasureRow(RowSink& s, Table t, const std::string& id, size_t holder, size_t n, const Measure& m) {
  Row(s, t, id, holder, n, m.id, m.description, OptId(m.owner), D2s(m.due), E2s(m.status), D2s(m.done_on));
}

}  // namespace

std::optional<std::string> MetaAsOf(const model::Register& reg) { return T2s(reg.as_of); }

template <>
void WriteRows(RowSink& s, const Organization& x, int64_t pos, int64_t ver) {
  Row(s, Table::kOrganizations, x.id.str(), pos, ver, x.name, E2s(x.kind), OptId(x.dpo), D2s(x.management_review_on),
      x.rulebook_overrides);
}

template <>
void WriteRows(RowSink& s, const Committee& x, int64_t pos, int64_t ver) {
  Row(s, Table::kCommittees, x.id.str(), pos, ver, x.organization.str(), x.name, E2s(x.kind));
}

template <>
void WriteRows(RowSink& s, const Administration& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kAdministrations, id, pos, ver, x.organization.str(), x.name, OptId(x.employing_committee));
  for (size_t i = 0; i < x.committees.size(); ++i)
    Row(s, Table::kAdministrationCommittees, id, i, x.committees[i].str());
  for (size_t i = 0; i < x.units.size(); ++i) {
    const Unit& u = x.units[i];
    Row(s, Table::kUnits, id, i, u.id.str(), u.name, E2s(u.kind));
  }
}

template <>
void WriteRows(RowSink& s, const Person& x, int64_t pos, int64_t ver) {
  Row(s, Table::kPeople, x.id.str(), pos, ver, x.name, OptId(x.administration), OptId(x.unit), E2s(x.title), x.email);
}

template <>
void WriteRows(RowSink& s, const System& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  std::optional<int> c, i, a;
  if (x.classification) {
    c = x.classification->confidentiality;
    i = x.classification->integrity;
    a = x.classification->availability;
  }
  Row(s, Table::kSystems, id, pos, ver, x.name, E2s(x.category), E2s(x.scope), x.own_support_process,
      OptId(x.owner_administration), E2s(x.hosting), x.supplier, x.personal_data, x.special_categories, x.fee,
      E2s(x.lifecycle), D2s(x.active_since), c, i, a, EncodeStringList(x.processing_countries),
      x.classification ? D2s(x.classification->done_on) : std::nullopt,
      x.classification ? x.classification->method : std::nullopt,
      x.classification ? OptId(x.classification->decided_by) : std::nullopt,
      x.classification ? x.classification->standard_information : std::nullopt,
      x.classification ? OptId(x.classification->approved_by) : std::nullopt,
      x.classification ? D2s(x.classification->approved_on) : std::nullopt,
      x.classification ? E2s(x.classification->approval) : std::nullopt);
  if (x.classification)
    for (size_t n = 0; n < x.classification->measures.size(); ++n)
      MeasureRow(s, Table::kSystemClassificationMeasures, id, n, x.classification->measures[n]);
  for (size_t n = 0; n < x.used_by.size(); ++n) Row(s, Table::kSystemUsedBy, id, n, x.used_by[n].str());
  for (size_t n = 0; n < x.roles.size(); ++n) {
    const RoleAssignment& r = x.roles[n];
    Row(s, Table::kSystemRoles, id, n, E2s(r.role), OptId(r.person), OptId(r.committee));
  }
  for (size_t n = 0; n < x.documents.size(); ++n) {
    const Document& d = x.documents[n];
    std::optional<std::string_view> doc_id;
    if (!d.id.empty()) doc_id = d.id.str();
    Row(s, Table::kSystemDocuments, id, n, doc_id, E2s(d.kind), D2s(d.valid_from), D2s(d.valid_to), d.diary_number,
        D2s(d.signed_on), OptId(d.signed_by), OptId(d.organization), EncodeStringList(d.clauses), d.year,
        D2s(d.approved_on), OptId(d.approved_by), D2s(d.done_on), d.dpo_consulted, d.approved_by_account);
    for (size_t k = 0; k < d.on_behalf_of.size(); ++k)
      Row(s, Table::kSystemDocumentCommittees, id, n, k, d.on_behalf_of[k].str());
    for (size_t k = 0; k < d.powers_of_attorney.size(); ++k)
      Row(s, Table::kSystemDocumentPowers, id, n, k, d.powers_of_attorney[k].str());
    for (size_t k = 0; k < d.organizations.size(); ++k)
      Row(s, Table::kSystemDocumentOrganizations, id, n, k, d.organizations[k].str());
    for (size_t k = 0; k < d.adopted_by.size(); ++k)
      Row(s, Table::kSystemDocumentAdoptedBy, id, n, k, d.adopted_by[k].str());
    for (size_t k = 0; k < d.supplemented_by.size(); ++k)
      Row(s, Table::kSystemDocumentSupplementedBy, id, n, k, d.supplemented_by[k].str());
  }
  if (x.transfer)
    Row(s, Table::kSystemTransfers, id, x.transfer->basis, OptId(x.transfer->tia_document),
        OptId(x.transfer->art9_document));
  for (size_t n = 0; n < x.forums.size(); ++n) {
    Row(s, Table::kSystemForums, id, n, E2s(x.forums[n].kind), D2s(x.forums[n].held_on));
    for (size_t k = 0; k < x.forums[n].measures.size(); ++k)
      MeasureRow(s, Table::kSystemForumMeasures, id, n, k, x.forums[n].measures[k]);
  }
  for (size_t n = 0; n < x.reviews.size(); ++n)
    Row(s, Table::kSystemReviews, id, n, E2s(x.reviews[n].kind), D2s(x.reviews[n].done_on));
  for (size_t n = 0; n < x.integrations.size(); ++n)
    Row(s, Table::kSystemIntegrations, id, n, x.integrations[n].to.str(), x.integrations[n].personal_data);
}

template <>
void WriteRows(RowSink& s, const Delegation& x, int64_t pos, int64_t ver) {
  Row(s, Table::kDelegations, x.id.str(), pos, ver, x.committee.str(), E2s(x.matter), x.matter_text,
      E2s(x.delegate_title), OptId(x.delegate_person), x.decision, D2s(x.valid_from), D2s(x.valid_to));
}

template <>
void WriteRows(RowSink& s, const PowerOfAttorney& x, int64_t pos, int64_t ver) {
  Row(s, Table::kPowersOfAttorney, x.id.str(), pos, ver, x.committee.str(), OptId(x.issued_by), OptId(x.holder),
      OptId(x.system), D2s(x.issued_on));
}

template <>
void WriteRows(RowSink& s, const ProcessingActivity& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kProcessingActivities, id, pos, ver, OptId(x.controller), x.name, x.process_code,
      EncodeStringList(x.purposes), E2s(x.legal_basis), EncodeStringList(x.data_subjects),
      EncodeStringList(x.data_categories), EncodeStringList(x.recipients), x.retention, x.security_measures,
      OptId(x.processor_committee), D2s(x.start_date), x.own_dpia_required);
  for (size_t n = 0; n < x.systems.size(); ++n) Row(s, Table::kProcessingActivitySystems, id, n, x.systems[n].str());
  for (size_t n = 0; n < x.joint_controllers.size(); ++n)
    Row(s, Table::kProcessingActivityJointControllers, id, n, x.joint_controllers[n].str());
  for (size_t n = 0; n < x.transfers.size(); ++n) {
    const TransferRecord& t = x.transfers[n];
    Row(s, Table::kProcessingActivityTransfers, id, n, t.country, t.recipient, t.safeguards);
  }
  if (const auto& t = x.threshold_analysis)
    Row(s, Table::kProcessingActivityThresholdAnalyses, id, D2s(t->done_on), EncodeStringList(EnumStrings(t->criteria)),
        t->motivation, t->dpo_commented);
  if (const auto& d = x.dpia) {
    const auto& o = d->dpo_opinion;
    const auto& pc = d->prior_consultation;
    std::vector<std::string> covers;
    for (const auto& c : d->covers_activities) covers.push_back(c.str());
    Row(s, Table::kProcessingActivityDpias, id, D2s(d->done_on), d->dpo_consulted, d->description,
        d->necessity_proportionality, E2s(d->residual_risk), o ? std::optional<std::string>(o->text) : std::nullopt,
        o ? D2s(o->given_on) : std::nullopt, pc ? std::optional<bool>(pc->needed) : std::nullopt,
        pc ? D2s(pc->sent_on) : std::nullopt, pc ? D2s(pc->authority_reply_on) : std::nullopt, D2s(d->review_on),
        EncodeStringList(covers), d->motivation);
    for (size_t n = 0; n < d->risks.size(); ++n) {
      const DpiaRisk& r = d->risks[n];
      Row(s, Table::kProcessingActivityDpiaRisks, id, n, r.id, r.description, int64_t{r.likelihood},
          int64_t{r.consequence});
    }
    for (size_t n = 0; n < d->measures.size(); ++n)
      MeasureRow(s, Table::kProcessingActivityDpiaMeasures, id, n, d->measures[n]);
  }
}

template <>
void WriteRows(RowSink& s, const ProcessorRecord& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kProcessorRecords, id, pos, ver, x.committee.str(), x.system.str(), x.subject,
      EncodeStringList(x.processing_categories));
  for (size_t n = 0; n < x.committees.size(); ++n)
    Row(s, Table::kProcessorRecordCommittees, id, n, x.committees[n].str());
}

template <>
void WriteRows(RowSink& s, const Incident& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kIncidents, id, pos, ver, OptId(x.system), FormatTimestamp(x.aware_at), OptId(x.handler),
      E2s(x.assessment), T2s(x.notified_authority_at), x.delay_reason, x.dpo_informed, T2s(x.subjects_informed_at),
      x.description, EncodeStringList(x.subject_categories), x.approx_subjects, EncodeStringList(x.record_categories),
      x.approx_records, x.likely_consequences, x.measures, D2s(x.affected_informed_on), T2s(x.occurred_at),
      EncodeStringList(EnumStrings(x.nature)), E2s(x.cause), x.subjects_informed_how, x.cross_border,
      T2s(x.reported_at));
  for (size_t n = 0; n < x.controllers.size(); ++n) Row(s, Table::kIncidentControllers, id, n, x.controllers[n].str());
  for (size_t n = 0; n < x.assessments.size(); ++n) {
    const ControllerAssessment& a = x.assessments[n];
    Row(s, Table::kIncidentAssessments, id, n, a.committee.str(), E2s(a.assessment), T2s(a.notified_authority_at));
  }
  for (size_t n = 0; n < x.action_plan.size(); ++n) {
    const Measure& m = x.action_plan[n];
    Row(s, Table::kIncidentActionPlan, id, n, m.id, m.description, OptId(m.owner), D2s(m.due), E2s(m.status),
        D2s(m.done_on));
  }
}

template <>
void WriteRows(RowSink& s, const DataSubjectRequest& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kDataSubjectRequests, id, pos, ver, FormatDate(x.received_on), x.kind, D2s(x.decided_on),
      x.extended_reason, E2s(x.outcome), x.appeal_notice);
  for (size_t n = 0; n < x.controllers.size(); ++n)
    Row(s, Table::kDataSubjectRequestControllers, id, n, x.controllers[n].str());
}

template <>
void WriteRows(RowSink& s, const Agreement& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kAgreements, id, pos, ver, E2s(x.kind), D2s(x.signed_on));
  for (size_t n = 0; n < x.systems.size(); ++n) Row(s, Table::kAgreementSystems, id, n, x.systems[n].str());
  for (size_t n = 0; n < x.parties.size(); ++n) Row(s, Table::kAgreementParties, id, n, x.parties[n].str());
}

template <>
void WriteRows(RowSink& s, const Cooperation& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kCooperations, id, pos, ver, x.name, E2s(x.form), OptId(x.lead), OptId(x.coordinator),
      EncodeStringList(x.consulted), D2s(x.management_review_on));
  for (size_t n = 0; n < x.parties.size(); ++n) {
    const CooperationParty& p = x.parties[n];
    Row(s, Table::kCooperationParties, id, n, p.organization.str(), OptId(p.committee), D2s(p.joined_on), p.decision);
  }
  for (size_t n = 0; n < x.systems.size(); ++n) Row(s, Table::kCooperationSystems, id, n, x.systems[n].str());
  for (size_t n = 0; n < x.groups.size(); ++n) {
    const CooperationGroup& g = x.groups[n];
    Row(s, Table::kCooperationGroups, id, n, E2s(g.kind), g.name);
    for (size_t k = 0; k < g.members.size(); ++k) Row(s, Table::kCooperationGroupMembers, id, n, k, g.members[k].str());
  }
  for (size_t n = 0; n < x.documents.size(); ++n) {
    const CooperationDocument& d = x.documents[n];
    Row(s, Table::kCooperationDocuments, id, n, E2s(d.kind), D2s(d.signed_on), D2s(d.done_on), D2s(d.published_on),
        d.diary_number, d.dpia, d.dpo_consulted);
  }
  for (size_t n = 0; n < x.responsibilities.size(); ++n)
    Row(s, Table::kCooperationResponsibilities, id, n, x.responsibilities[n].duty, x.responsibilities[n].party);
}

template <>
void WriteRows(RowSink& s, const DpaDecision& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kDpaDecisions, id, pos, ver, x.system.str(), D2s(x.decided_on), OptId(x.decided_by),
      OptId(x.delegation), x.meeting, x.processor, x.diary_number, D2s(x.reported_on), x.reported_at);
  for (size_t n = 0; n < x.committees.size(); ++n) Row(s, Table::kDpaDecisionCommittees, id, n, x.committees[n].str());
}

void WriteRows(RowSink& sink, const Entity& e, int64_t position, int64_t version) {
  std::visit([&](const auto& x) { WriteRows(sink, x, position, version); }, e);
}

}  // namespace ansvar::store::rows
