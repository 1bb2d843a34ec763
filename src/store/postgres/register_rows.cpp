#include "store/postgres/register_rows.hpp"

#include <array>
#include <charconv>
#include <functional>
#include <unordered_map>
#include <utility>

#include "store/string_list.hpp"

namespace ansvar::store::postgres {

using namespace ansvar::model;  // NOLINT(google-build-using-namespace): this file maps every model type

namespace {

constexpr std::array<TableDef, kTableCount> kTables = {{
    {"organizations", "id, position, version, name, kind, dpo, management_review_on", Kind::kOrganization, "id"},
    {"committees", "id, position, version, organization_id, name, kind", Kind::kCommittee, "id"},
    {"administrations", "id, position, version, organization_id, name, employing_committee_id", Kind::kAdministration,
     "id"},
    {"administration_committees", "administration_id, position, committee_id", Kind::kAdministration,
     "administration_id"},
    {"units", "administration_id, position, id, name, kind", Kind::kAdministration, "administration_id"},
    {"people", "id, position, version, name, administration_id, unit_id, title, email", Kind::kPerson, "id"},
    {"systems",
     "id, position, version, name, category, scope, own_support_process, owner_administration_id, hosting, supplier, "
     "personal_data, special_categories, fee, lifecycle, active_since, confidentiality, integrity, availability, "
     "processing_countries",
     Kind::kSystem, "id"},
    {"system_used_by", "system_id, position, administration_id", Kind::kSystem, "system_id"},
    {"system_roles", "system_id, position, role, person_id, committee_id", Kind::kSystem, "system_id"},
    {"system_documents",
     "system_id, position, id, kind, valid_from, valid_to, diary_number, signed_on, signed_by, organization_id, "
     "clauses, year, approved_on, approved_by, done_on, dpo_consulted",
     Kind::kSystem, "system_id"},
    {"system_document_committees", "system_id, document_position, position, committee_id", Kind::kSystem, "system_id"},
    {"system_document_powers", "system_id, document_position, position, power_of_attorney_id", Kind::kSystem,
     "system_id"},
    {"system_transfers", "system_id, basis, tia_document, art9_document", Kind::kSystem, "system_id"},
    {"system_forums", "system_id, position, kind, held_on", Kind::kSystem, "system_id"},
    {"system_reviews", "system_id, position, kind, done_on", Kind::kSystem, "system_id"},
    {"system_integrations", "system_id, position, to_system_id, personal_data", Kind::kSystem, "system_id"},
    {"delegations",
     "id, position, version, committee_id, matter, matter_text, delegate_title, delegate_person_id, decision, "
     "valid_from, valid_to",
     Kind::kDelegation, "id"},
    {"powers_of_attorney", "id, position, version, committee_id, issued_by, holder, system_id, issued_on",
     Kind::kPowerOfAttorney, "id"},
    {"processing_activities",
     "id, position, version, controller_id, name, process_code, purposes, legal_basis, data_subjects, "
     "data_categories, recipients, retention, security_measures, processor_committee_id, start_date, "
     "own_dpia_required",
     Kind::kProcessingActivity, "id"},
    {"processing_activity_systems", "activity_id, position, system_id", Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_joint_controllers", "activity_id, position, committee_id", Kind::kProcessingActivity,
     "activity_id"},
    {"processing_activity_transfers", "activity_id, position, country, recipient, safeguards",
     Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_threshold_analyses", "activity_id, done_on, criteria, motivation, dpo_commented",
     Kind::kProcessingActivity, "activity_id"},
    {"processing_activity_dpias", "activity_id, done_on, dpo_consulted", Kind::kProcessingActivity, "activity_id"},
    {"processor_records", "id, position, version, committee_id, system_id, subject, processing_categories",
     Kind::kProcessorRecord, "id"},
    {"processor_record_committees", "record_id, position, committee_id", Kind::kProcessorRecord, "record_id"},
    {"incidents",
     "id, position, version, system_id, aware_at, handler_id, assessment, notified_authority_at, delay_reason, "
     "dpo_informed, subjects_informed_at",
     Kind::kIncident, "id"},
    {"incident_controllers", "incident_id, position, committee_id", Kind::kIncident, "incident_id"},
    {"data_subject_requests",
     "id, position, version, received_on, kind, decided_on, extended_reason, outcome, appeal_notice",
     Kind::kDataSubjectRequest, "id"},
    {"data_subject_request_controllers", "request_id, position, committee_id", Kind::kDataSubjectRequest,
     "request_id"},
    {"agreements", "id, position, version, kind, signed_on", Kind::kAgreement, "id"},
    {"agreement_systems", "agreement_id, position, system_id", Kind::kAgreement, "agreement_id"},
    {"agreement_parties", "agreement_id, position, organization_id", Kind::kAgreement, "agreement_id"},
}};

constexpr std::array<Table, kKindCount> kEntityTables = {
    Table::kOrganizations,         Table::kCommittees,          Table::kAdministrations,
    Table::kPeople,                Table::kSystems,             Table::kDelegations,
    Table::kPowersOfAttorney,      Table::kProcessingActivities, Table::kProcessorRecords,
    Table::kIncidents,             Table::kDataSubjectRequests, Table::kAgreements};

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

// ---- columns to values ----

[[noreturn]] void Corrupt(std::string_view what, std::string_view value) {
  throw StoreError("postgres: corrupt register: " + std::string(what) + " holds \"" + std::string(value) + "\"");
}

// Reads the columns of a result row left to right; `where` names the table for messages.
class Cols {
 public:
  Cols(const Result& r, int row, std::string_view where) : r_(r), row_(row), where_(where) {}

  std::string_view View() { return r_.Text(row_, i_++); }
  std::string Str() { return std::string(View()); }
  bool Null() const { return r_.IsNull(row_, i_); }
  std::optional<std::string> OptStr() {
    if (Null()) return Skip<std::string>();
    return Str();
  }
  int64_t Int() {
    const std::string_view t = View();
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size()) Corrupt(where_, t);
    return v;
  }
  std::optional<int64_t> OptInt() {
    if (Null()) return Skip<int64_t>();
    return Int();
  }
  bool Bool() {
    const std::string_view t = View();
    if (t == "t") return true;
    if (t == "f") return false;
    Corrupt(where_, t);
  }
  std::optional<bool> OptBool() {
    if (Null()) return Skip<bool>();
    return Bool();
  }
  template <class I>
  I IdCol() {
    return I(View());
  }
  template <class I>
  std::optional<I> OptIdCol() {
    if (Null()) return Skip<I>();
    return I(View());
  }
  template <class E>
  E EnumCol() {
    const std::string_view t = View();
    auto v = model::ParseEnum<E>(t);
    if (!v) Corrupt(where_, t);
    return *v;
  }
  template <class E>
  std::optional<E> OptEnumCol() {
    if (Null()) return Skip<E>();
    return EnumCol<E>();
  }
  Date DateCol() {
    const std::string_view t = View();
    auto d = ParseDate(t);
    if (!d) Corrupt(where_, t);
    return *d;
  }
  std::optional<Date> OptDateCol() {
    if (Null()) return Skip<Date>();
    return DateCol();
  }
  Timestamp TimeCol() {
    const std::string_view t = View();
    auto v = ParseTimestamp(t);
    if (!v) Corrupt(where_, t);
    return *v;
  }
  std::optional<Timestamp> OptTimeCol() {
    if (Null()) return Skip<Timestamp>();
    return TimeCol();
  }
  std::vector<std::string> List() {
    const std::string_view t = View();
    auto v = DecodeStringList(t);
    if (!v) Corrupt(where_, t);
    return std::move(*v);
  }
  template <class E>
  std::vector<E> EnumList() {
    std::vector<E> out;
    for (const auto& name : List()) {
      auto v = model::ParseEnum<E>(name);
      if (!v) Corrupt(where_, name);
      out.push_back(*v);
    }
    return out;
  }
  size_t Position() {
    const int64_t p = Int();
    if (p < 0 || p > 10'000'000) Corrupt(std::string(where_) + ".position", std::to_string(p));
    return static_cast<size_t>(p);
  }

 private:
  template <class T>
  std::optional<T> Skip() {
    ++i_;
    return std::nullopt;
  }
  const Result& r_;
  int row_;
  std::string_view where_;
  int i_ = 0;
};

template <class T>
T& At(std::vector<T>& v, size_t position) {
  if (position >= v.size()) v.resize(position + 1);
  return v[position];
}

template <class T>
class ById {
 public:
  ById(const std::vector<T>& items, std::string_view table) : table_(table) {
    index_.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) index_.emplace(items[i].id.str(), i);
  }
  size_t operator()(std::string_view id) const {
    auto it = index_.find(id);
    if (it == index_.end()) Corrupt(std::string(table_) + " child row of a missing parent", id);
    return it->second;
  }

 private:
  std::string_view table_;
  std::unordered_map<std::string_view, size_t> index_;
};

template <class F>
void ForEach(Conn& conn, const std::string& sql, std::string_view where, F&& fn) {
  ForEachRow(conn, sql, [&](const Result& r, int row) {
    Cols c(r, row, where);
    fn(c);
  });
}

template <class T, class F>
void ReadEntities(Conn& conn, Kind kind, std::string_view columns, std::vector<T>& out,
                  std::map<EntityKey, int64_t>& versions, F&& fill) {
  const std::string table(TableOf(kind));
  ForEach(conn, "SELECT id, version, " + std::string(columns) + " FROM " + table + " ORDER BY position", table,
          [&](Cols& c) {
            T& x = out.emplace_back();
            x.id = c.IdCol<decltype(x.id)>();
            versions.emplace_hint(versions.end(), EntityKey{kind, x.id.str()}, c.Int());
            fill(c, x);
          });
}

}  // namespace

std::span<const TableDef> Tables() { return kTables; }
const TableDef& Def(Table t) { return kTables[static_cast<size_t>(t)]; }
std::string_view TableOf(Kind kind) { return Def(kEntityTables[static_cast<size_t>(kind)]).name; }
const TableDef* FindTable(std::string_view table) {
  for (const auto& t : kTables)
    if (t.name == table) return &t;
  return nullptr;
}

void ForEachRow(Conn& conn, const std::string& sql, const std::function<void(const Result&, int)>& row, int batch) {
  conn.Exec("DECLARE ansvar_rows NO SCROLL CURSOR FOR " + sql);
  const std::string fetch = "FETCH " + std::to_string(batch) + " FROM ansvar_rows";
  while (true) {
    const Result r = conn.Exec(fetch);
    const int n = r.Rows();
    for (int i = 0; i < n; ++i) row(r, i);
    if (n < batch) break;
  }
  conn.Exec("CLOSE ansvar_rows");
}

void WriteMeta(Conn& conn, const model::Register& reg) {
  Params p;
  p.Add(T2s(reg.as_of)).Add(reg.as_of_is_date).Add(reg.rulebook_overrides);
  conn.Run("UPDATE register_meta SET as_of = $1, as_of_is_date = $2, rulebook_overrides = $3 WHERE id = 1", p);
}

template <>
void WriteRows(RowSink& s, const Organization& x, int64_t pos, int64_t ver) {
  Row(s, Table::kOrganizations, x.id.str(), pos, ver, x.name, E2s(x.kind), OptId(x.dpo), D2s(x.management_review_on));
}

template <>
void WriteRows(RowSink& s, const Committee& x, int64_t pos, int64_t ver) {
  Row(s, Table::kCommittees, x.id.str(), pos, ver, x.organization.str(), x.name, E2s(x.kind));
}

template <>
void WriteRows(RowSink& s, const Administration& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Row(s, Table::kAdministrations, id, pos, ver, x.organization.str(), x.name, OptId(x.employing_committee));
  for (size_t i = 0; i < x.committees.size(); ++i) Row(s, Table::kAdministrationCommittees, id, i, x.committees[i].str());
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
      E2s(x.lifecycle), D2s(x.active_since), c, i, a, EncodeStringList(x.processing_countries));
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
        D2s(d.approved_on), OptId(d.approved_by), D2s(d.done_on), d.dpo_consulted);
    for (size_t k = 0; k < d.on_behalf_of.size(); ++k)
      Row(s, Table::kSystemDocumentCommittees, id, n, k, d.on_behalf_of[k].str());
    for (size_t k = 0; k < d.powers_of_attorney.size(); ++k)
      Row(s, Table::kSystemDocumentPowers, id, n, k, d.powers_of_attorney[k].str());
  }
  if (x.transfer)
    Row(s, Table::kSystemTransfers, id, x.transfer->basis, OptId(x.transfer->tia_document),
        OptId(x.transfer->art9_document));
  for (size_t n = 0; n < x.forums.size(); ++n)
    Row(s, Table::kSystemForums, id, n, E2s(x.forums[n].kind), D2s(x.forums[n].held_on));
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
  if (const auto& d = x.dpia) Row(s, Table::kProcessingActivityDpias, id, D2s(d->done_on), d->dpo_consulted);
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
      E2s(x.assessment), T2s(x.notified_authority_at), x.delay_reason, x.dpo_informed, T2s(x.subjects_informed_at));
  for (size_t n = 0; n < x.controllers.size(); ++n) Row(s, Table::kIncidentControllers, id, n, x.controllers[n].str());
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

void WriteRows(RowSink& sink, const Entity& e, int64_t position, int64_t version) {
  std::visit([&](const auto& x) { WriteRows(sink, x, position, version); }, e);
}

// ---- reading ----

void LoadRegister(Conn& conn, model::Register& reg, std::map<EntityKey, int64_t>& versions) {
  {
    const Result r = conn.Run("SELECT as_of, as_of_is_date, rulebook_overrides FROM register_meta WHERE id = 1");
    if (r.Rows() == 1) {
      Cols c(r, 0, "register_meta");
      reg.as_of = c.OptTimeCol();
      reg.as_of_is_date = c.Bool();
      reg.rulebook_overrides = c.Str();
    }
  }

  ReadEntities(conn, Kind::kOrganization, "name, kind, dpo, management_review_on", reg.organizations, versions,
               [](Cols& c, Organization& x) {
                 x.name = c.Str();
                 x.kind = c.EnumCol<OrganizationKind>();
                 x.dpo = c.OptIdCol<PersonId>();
                 x.management_review_on = c.OptDateCol();
               });

  ReadEntities(conn, Kind::kCommittee, "organization_id, name, kind", reg.committees, versions,
               [](Cols& c, Committee& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.kind = c.EnumCol<CommitteeKind>();
               });

  ReadEntities(conn, Kind::kAdministration, "organization_id, name, employing_committee_id", reg.administrations,
               versions, [](Cols& c, Administration& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.employing_committee = c.OptIdCol<CommitteeId>();
               });
  {
    const ById admins(reg.administrations, "administrations");
    ForEach(conn, "SELECT administration_id, position, committee_id FROM administration_committees",
            "administration_committees", [&](Cols& c) {
              auto& a = reg.administrations[admins(c.View())];
              const size_t pos = c.Position();
              At(a.committees, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(conn, "SELECT administration_id, position, id, name, kind FROM units", "units", [&](Cols& c) {
      auto& a = reg.administrations[admins(c.View())];
      Unit& u = At(a.units, c.Position());
      u.id = c.IdCol<UnitId>();
      u.name = c.Str();
      u.kind = c.EnumCol<UnitKind>();
    });
  }

  ReadEntities(conn, Kind::kPerson, "name, administration_id, unit_id, title, email", reg.people, versions,
               [](Cols& c, Person& x) {
                 x.name = c.Str();
                 x.administration = c.OptIdCol<AdministrationId>();
                 x.unit = c.OptIdCol<UnitId>();
                 x.title = c.OptEnumCol<Title>();
                 x.email = c.Str();
               });

  ReadEntities(conn, Kind::kSystem,
               "name, category, scope, own_support_process, owner_administration_id, hosting, supplier, "
               "personal_data, special_categories, fee, lifecycle, active_since, confidentiality, integrity, "
               "availability, processing_countries",
               reg.systems, versions, [](Cols& c, System& x) {
                 x.name = c.Str();
                 x.category = c.EnumCol<Category>();
                 x.scope = c.EnumCol<Scope>();
                 x.own_support_process = c.Bool();
                 x.owner_administration = c.OptIdCol<AdministrationId>();
                 x.hosting = c.OptEnumCol<Hosting>();
                 x.supplier = c.OptStr();
                 x.personal_data = c.Bool();
                 x.special_categories = c.Bool();
                 x.fee = c.Bool();
                 x.lifecycle = c.EnumCol<Lifecycle>();
                 x.active_since = c.OptDateCol();
                 auto conf = c.OptInt(), integ = c.OptInt(), avail = c.OptInt();
                 if (conf && integ && avail)
                   x.classification =
                       Classification{static_cast<int>(*conf), static_cast<int>(*integ), static_cast<int>(*avail)};
                 x.processing_countries = c.List();
               });
  {
    const ById systems(reg.systems, "systems");
    ForEach(conn, "SELECT system_id, position, administration_id FROM system_used_by", "system_used_by",
            [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              const size_t pos = c.Position();
              At(s.used_by, pos) = c.IdCol<AdministrationId>();
            });
    ForEach(conn, "SELECT system_id, position, role, person_id, committee_id FROM system_roles", "system_roles",
            [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              RoleAssignment& r = At(s.roles, c.Position());
              r.role = c.EnumCol<RoleKind>();
              r.person = c.OptIdCol<PersonId>();
              r.committee = c.OptIdCol<CommitteeId>();
            });
    ForEach(conn,
            "SELECT system_id, position, id, kind, valid_from, valid_to, diary_number, signed_on, signed_by, "
            "organization_id, clauses, year, approved_on, approved_by, done_on, dpo_consulted FROM system_documents",
            "system_documents", [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              Document& d = At(s.documents, c.Position());
              d.id = c.OptIdCol<DocumentId>().value_or(DocumentId());
              d.kind = c.EnumCol<DocumentKind>();
              d.valid_from = c.OptDateCol();
              d.valid_to = c.OptDateCol();
              d.diary_number = c.OptStr();
              d.signed_on = c.OptDateCol();
              d.signed_by = c.OptIdCol<PersonId>();
              d.organization = c.OptIdCol<OrganizationId>();
              d.clauses = c.List();
              if (auto y = c.OptInt()) d.year = static_cast<int>(*y);
              d.approved_on = c.OptDateCol();
              d.approved_by = c.OptIdCol<PersonId>();
              d.done_on = c.OptDateCol();
              d.dpo_consulted = c.OptBool();
            });
    auto document = [&](Cols& c) -> Document& {
      auto& s = reg.systems[systems(c.View())];
      const size_t dpos = c.Position();
      if (dpos >= s.documents.size()) Corrupt("document_position", std::to_string(dpos));
      return s.documents[dpos];
    };
    ForEach(conn, "SELECT system_id, document_position, position, committee_id FROM system_document_committees",
            "system_document_committees", [&](Cols& c) {
              Document& d = document(c);
              const size_t pos = c.Position();
              At(d.on_behalf_of, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(conn, "SELECT system_id, document_position, position, power_of_attorney_id FROM system_document_powers",
            "system_document_powers", [&](Cols& c) {
              Document& d = document(c);
              const size_t pos = c.Position();
              At(d.powers_of_attorney, pos) = c.IdCol<PowerOfAttorneyId>();
            });
    ForEach(conn, "SELECT system_id, basis, tia_document, art9_document FROM system_transfers", "system_transfers",
            [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              Transfer& t = s.transfer.emplace();
              t.basis = c.OptStr();
              t.tia_document = c.OptIdCol<DocumentId>();
              t.art9_document = c.OptIdCol<DocumentId>();
            });
    ForEach(conn, "SELECT system_id, position, kind, held_on FROM system_forums", "system_forums", [&](Cols& c) {
      auto& s = reg.systems[systems(c.View())];
      Forum& f = At(s.forums, c.Position());
      f.kind = c.EnumCol<ForumKind>();
      f.held_on = c.OptDateCol();
    });
    ForEach(conn, "SELECT system_id, position, kind, done_on FROM system_reviews", "system_reviews", [&](Cols& c) {
      auto& s = reg.systems[systems(c.View())];
      Review& r = At(s.reviews, c.Position());
      r.kind = c.EnumCol<ReviewKind>();
      r.done_on = c.OptDateCol();
    });
    ForEach(conn, "SELECT system_id, position, to_system_id, personal_data FROM system_integrations",
            "system_integrations", [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              Integration& n = At(s.integrations, c.Position());
              n.to = c.IdCol<SystemId>();
              n.personal_data = c.Bool();
            });
  }

  ReadEntities(conn, Kind::kDelegation,
               "committee_id, matter, matter_text, delegate_title, delegate_person_id, decision, valid_from, valid_to",
               reg.delegations, versions, [](Cols& c, Delegation& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.matter = c.EnumCol<DelegationMatter>();
                 x.matter_text = c.Str();
                 x.delegate_title = c.OptEnumCol<Title>();
                 x.delegate_person = c.OptIdCol<PersonId>();
                 x.decision = c.Str();
                 x.valid_from = c.OptDateCol();
                 x.valid_to = c.OptDateCol();
               });

  ReadEntities(conn, Kind::kPowerOfAttorney, "committee_id, issued_by, holder, system_id, issued_on",
               reg.powers_of_attorney, versions, [](Cols& c, PowerOfAttorney& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.issued_by = c.OptIdCol<PersonId>();
                 x.holder = c.OptIdCol<PersonId>();
                 x.system = c.OptIdCol<SystemId>();
                 x.issued_on = c.OptDateCol();
               });

  ReadEntities(conn, Kind::kProcessingActivity,
               "controller_id, name, process_code, purposes, legal_basis, data_subjects, data_categories, "
               "recipients, retention, security_measures, processor_committee_id, start_date, own_dpia_required",
               reg.processing_activities, versions, [](Cols& c, ProcessingActivity& x) {
                 x.controller = c.OptIdCol<CommitteeId>();
                 x.name = c.Str();
                 x.process_code = c.Str();
                 x.purposes = c.List();
                 x.legal_basis = c.OptEnumCol<LegalBasis>();
                 x.data_subjects = c.List();
                 x.data_categories = c.List();
                 x.recipients = c.List();
                 x.retention = c.Str();
                 x.security_measures = c.Str();
                 x.processor_committee = c.OptIdCol<CommitteeId>();
                 x.start_date = c.OptDateCol();
                 x.own_dpia_required = c.Bool();
               });
  {
    const ById activities(reg.processing_activities, "processing_activities");
    ForEach(conn, "SELECT activity_id, position, system_id FROM processing_activity_systems",
            "processing_activity_systems", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(conn, "SELECT activity_id, position, committee_id FROM processing_activity_joint_controllers",
            "processing_activity_joint_controllers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.joint_controllers, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(conn, "SELECT activity_id, position, country, recipient, safeguards FROM processing_activity_transfers",
            "processing_activity_transfers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              TransferRecord& t = At(a.transfers, c.Position());
              t.country = c.Str();
              t.recipient = c.Str();
              t.safeguards = c.Str();
            });
    ForEach(conn,
            "SELECT activity_id, done_on, criteria, motivation, dpo_commented "
            "FROM processing_activity_threshold_analyses",
            "processing_activity_threshold_analyses", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              ThresholdAnalysis& t = a.threshold_analysis.emplace();
              t.done_on = c.OptDateCol();
              t.criteria = c.EnumList<Criterion>();
              t.motivation = c.OptStr();
              t.dpo_commented = c.Bool();
            });
    ForEach(conn, "SELECT activity_id, done_on, dpo_consulted FROM processing_activity_dpias",
            "processing_activity_dpias", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              Dpia& d = a.dpia.emplace();
              d.done_on = c.OptDateCol();
              d.dpo_consulted = c.Bool();
            });
  }

  ReadEntities(conn, Kind::kProcessorRecord, "committee_id, system_id, subject, processing_categories",
               reg.processor_records, versions, [](Cols& c, ProcessorRecord& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.system = c.IdCol<SystemId>();
                 x.subject = c.Str();
                 x.processing_categories = c.List();
               });
  {
    const ById records(reg.processor_records, "processor_records");
    ForEach(conn, "SELECT record_id, position, committee_id FROM processor_record_committees",
            "processor_record_committees", [&](Cols& c) {
              auto& r = reg.processor_records[records(c.View())];
              const size_t pos = c.Position();
              At(r.committees, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(conn, Kind::kIncident,
               "system_id, aware_at, handler_id, assessment, notified_authority_at, delay_reason, dpo_informed, "
               "subjects_informed_at",
               reg.incidents, versions, [](Cols& c, Incident& x) {
                 x.system = c.OptIdCol<SystemId>();
                 x.aware_at = c.TimeCol();
                 x.handler = c.OptIdCol<CommitteeId>();
                 x.assessment = c.OptEnumCol<Assessment>();
                 x.notified_authority_at = c.OptTimeCol();
                 x.delay_reason = c.OptStr();
                 x.dpo_informed = c.Bool();
                 x.subjects_informed_at = c.OptTimeCol();
               });
  {
    const ById incidents(reg.incidents, "incidents");
    ForEach(conn, "SELECT incident_id, position, committee_id FROM incident_controllers", "incident_controllers",
            [&](Cols& c) {
              auto& i = reg.incidents[incidents(c.View())];
              const size_t pos = c.Position();
              At(i.controllers, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(conn, Kind::kDataSubjectRequest,
               "received_on, kind, decided_on, extended_reason, outcome, appeal_notice", reg.data_subject_requests,
               versions, [](Cols& c, DataSubjectRequest& x) {
                 x.received_on = c.DateCol();
                 x.kind = c.Str();
                 x.decided_on = c.OptDateCol();
                 x.extended_reason = c.OptStr();
                 x.outcome = c.OptEnumCol<RequestOutcome>();
                 x.appeal_notice = c.Bool();
               });
  {
    const ById requests(reg.data_subject_requests, "data_subject_requests");
    ForEach(conn, "SELECT request_id, position, committee_id FROM data_subject_request_controllers",
            "data_subject_request_controllers", [&](Cols& c) {
              auto& r = reg.data_subject_requests[requests(c.View())];
              const size_t pos = c.Position();
              At(r.controllers, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(conn, Kind::kAgreement, "kind, signed_on", reg.agreements, versions, [](Cols& c, Agreement& x) {
    x.kind = c.EnumCol<AgreementKind>();
    x.signed_on = c.OptDateCol();
  });
  {
    const ById agreements(reg.agreements, "agreements");
    ForEach(conn, "SELECT agreement_id, position, system_id FROM agreement_systems", "agreement_systems",
            [&](Cols& c) {
              auto& a = reg.agreements[agreements(c.View())];
              const size_t pos = c.Position();
              At(a.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(conn, "SELECT agreement_id, position, organization_id FROM agreement_parties", "agreement_parties",
            [&](Cols& c) {
              auto& a = reg.agreements[agreements(c.View())];
              const size_t pos = c.Position();
              At(a.parties, pos) = c.IdCol<OrganizationId>();
            });
  }
}

}  // namespace ansvar::store::postgres
