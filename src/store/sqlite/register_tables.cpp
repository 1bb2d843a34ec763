#include "store/sqlite/register_tables.hpp"

#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/sqlite/string_list.hpp"

namespace ansvar::store::sqlite {

using namespace ansvar::model;  // NOLINT(google-build-using-namespace): this file maps every model type

namespace {

constexpr std::array<std::string_view, kKindCount> kTables = {
    "organizations",     "committees",  "administrations",       "people",
    "systems",           "delegations", "powers_of_attorney",    "processing_activities",
    "processor_records", "incidents",   "data_subject_requests", "agreements"};

struct ChildTable {
  std::string_view table;
  Kind kind;
  std::string_view id_column;
};
constexpr std::array kChildTables = {
    ChildTable{"administration_committees", Kind::kAdministration, "administration_id"},
    ChildTable{"units", Kind::kAdministration, "administration_id"},
    ChildTable{"system_used_by", Kind::kSystem, "system_id"},
    ChildTable{"system_roles", Kind::kSystem, "system_id"},
    ChildTable{"system_documents", Kind::kSystem, "system_id"},
    ChildTable{"system_document_committees", Kind::kSystem, "system_id"},
    ChildTable{"system_document_powers", Kind::kSystem, "system_id"},
    ChildTable{"system_transfers", Kind::kSystem, "system_id"},
    ChildTable{"system_forums", Kind::kSystem, "system_id"},
    ChildTable{"system_reviews", Kind::kSystem, "system_id"},
    ChildTable{"system_integrations", Kind::kSystem, "system_id"},
    ChildTable{"processing_activity_systems", Kind::kProcessingActivity, "activity_id"},
    ChildTable{"processing_activity_joint_controllers", Kind::kProcessingActivity, "activity_id"},
    ChildTable{"processing_activity_transfers", Kind::kProcessingActivity, "activity_id"},
    ChildTable{"processing_activity_threshold_analyses", Kind::kProcessingActivity, "activity_id"},
    ChildTable{"processing_activity_dpias", Kind::kProcessingActivity, "activity_id"},
    ChildTable{"processor_record_committees", Kind::kProcessorRecord, "record_id"},
    ChildTable{"incident_controllers", Kind::kIncident, "incident_id"},
    ChildTable{"data_subject_request_controllers", Kind::kDataSubjectRequest, "request_id"},
    ChildTable{"agreement_systems", Kind::kAgreement, "agreement_id"},
    ChildTable{"agreement_parties", Kind::kAgreement, "agreement_id"},
};

// ---- values to columns ----

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
template <class Tag>
std::vector<std::string> IdStrings(const std::vector<Id<Tag>>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) out.push_back(id.str());
  return out;
}
template <class E>
std::vector<std::string> EnumStrings(const std::vector<E>& values) {
  std::vector<std::string> out;
  out.reserve(values.size());
  for (const auto v : values) out.emplace_back(model::ToString(v));
  return out;
}

// Binds the arguments to ?1, ?2, … and runs the statement.
template <class... A>
void Exec(Stmt& s, const A&... a) {
  int i = 0;
  (s.Bind(++i, a), ...);
  s.Run();
}

// ---- columns to values ----

[[noreturn]] void Corrupt(std::string_view what, std::string_view value) {
  throw StoreError("sqlite: corrupt register: " + std::string(what) + " holds \"" + std::string(value) + "\"");
}

// Reads the columns of a row left to right; `where` names the table for messages.
class Cols {
 public:
  Cols(const Stmt& s, std::string_view where) : s_(s), where_(where) {}

  std::string_view View() { return s_.Text(i_++); }
  std::string Str() { return s_.Str(i_++); }
  std::optional<std::string> OptStr() { return s_.OptStr(i_++); }
  int64_t Int() { return s_.Int(i_++); }
  bool Bool() { return s_.Int(i_++) != 0; }
  std::optional<int64_t> OptInt() { return s_.OptInt(i_++); }
  std::optional<bool> OptBool() {
    auto v = s_.OptInt(i_++);
    if (!v) return std::nullopt;
    return *v != 0;
  }
  template <class I>
  I IdCol() {
    return I(s_.Text(i_++));
  }
  template <class I>
  std::optional<I> OptIdCol() {
    if (s_.IsNull(i_)) {
      ++i_;
      return std::nullopt;
    }
    return I(s_.Text(i_++));
  }
  template <class E>
  E EnumCol() {
    const std::string_view t = s_.Text(i_++);
    auto v = model::ParseEnum<E>(t);
    if (!v) Corrupt(where_, t);
    return *v;
  }
  template <class E>
  std::optional<E> OptEnumCol() {
    if (s_.IsNull(i_)) {
      ++i_;
      return std::nullopt;
    }
    return EnumCol<E>();
  }
  Date DateCol() {
    const std::string_view t = s_.Text(i_++);
    auto d = ParseDate(t);
    if (!d) Corrupt(where_, t);
    return *d;
  }
  std::optional<Date> OptDateCol() {
    if (s_.IsNull(i_)) {
      ++i_;
      return std::nullopt;
    }
    return DateCol();
  }
  Timestamp TimeCol() {
    const std::string_view t = s_.Text(i_++);
    auto v = ParseTimestamp(t);
    if (!v) Corrupt(where_, t);
    return *v;
  }
  std::optional<Timestamp> OptTimeCol() {
    if (s_.IsNull(i_)) {
      ++i_;
      return std::nullopt;
    }
    return TimeCol();
  }
  std::vector<std::string> List() {
    const std::string_view t = s_.Text(i_++);
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
  // A position within a parent's list: placed at that index, so child rows may come in any order.
  size_t Position() {
    const int64_t p = Int();
    if (p < 0 || p > 10'000'000) Corrupt(std::string(where_) + ".position", std::to_string(p));
    return static_cast<size_t>(p);
  }

 private:
  const Stmt& s_;
  std::string_view where_;
  int i_ = 0;
};

template <class T>
T& At(std::vector<T>& v, size_t position) {
  if (position >= v.size()) v.resize(position + 1);
  return v[position];
}

// The index of each entity by id, to stitch child rows to their parent. The views point into `items`, which
// must not grow while the index lives.
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

}  // namespace

// ---- statements ----

enum RegisterTables::Sql : int {
  kInsOrganization,
  kInsCommittee,
  kInsAdministration,
  kInsAdministrationCommittee,
  kInsUnit,
  kInsPerson,
  kInsSystem,
  kInsSystemUsedBy,
  kInsSystemRole,
  kInsSystemDocument,
  kInsDocumentCommittee,
  kInsDocumentPower,
  kInsSystemTransfer,
  kInsSystemForum,
  kInsSystemReview,
  kInsSystemIntegration,
  kInsDelegation,
  kInsPowerOfAttorney,
  kInsActivity,
  kInsActivitySystem,
  kInsActivityJointController,
  kInsActivityTransfer,
  kInsActivityThreshold,
  kInsActivityDpia,
  kInsProcessorRecord,
  kInsProcessorRecordCommittee,
  kInsIncident,
  kInsIncidentController,
  kInsRequest,
  kInsRequestController,
  kInsAgreement,
  kInsAgreementSystem,
  kInsAgreementParty,
  kWriteMeta,
  kSqlCount
};

namespace {
constexpr std::array<std::string_view, RegisterTables::kSqlCount> kSql = {
    "INSERT INTO organizations (id, position, version, name, kind, dpo, management_review_on) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO committees (id, position, version, organization_id, name, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO administrations (id, position, version, organization_id, name, employing_committee_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "INSERT INTO administration_committees (administration_id, position, committee_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO units (administration_id, position, id, name, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO people (id, position, version, name, administration_id, unit_id, title, email) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO systems (id, position, version, name, category, scope, own_support_process, "
    "owner_administration_id, hosting, supplier, personal_data, special_categories, fee, lifecycle, active_since, "
    "confidentiality, integrity, availability, processing_countries) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    "INSERT INTO system_used_by (system_id, position, administration_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO system_roles (system_id, position, role, person_id, committee_id) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO system_documents (system_id, position, id, kind, valid_from, valid_to, diary_number, signed_on, "
    "signed_by, organization_id, clauses, year, approved_on, approved_by, done_on, dpo_consulted) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    "INSERT INTO system_document_committees (system_id, document_position, position, committee_id) "
    "VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO system_document_powers (system_id, document_position, position, power_of_attorney_id) "
    "VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO system_transfers (system_id, basis, tia_document, art9_document) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO system_forums (system_id, position, kind, held_on) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO system_reviews (system_id, position, kind, done_on) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO system_integrations (system_id, position, to_system_id, personal_data) VALUES (?1, ?2, ?3, ?4)",
    "INSERT INTO delegations (id, position, version, committee_id, matter, matter_text, delegate_title, "
    "delegate_person_id, decision, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "INSERT INTO powers_of_attorney (id, position, version, committee_id, issued_by, holder, system_id, issued_on) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    "INSERT INTO processing_activities (id, position, version, controller_id, name, process_code, purposes, "
    "legal_basis, data_subjects, data_categories, recipients, retention, security_measures, processor_committee_id, "
    "start_date, own_dpia_required) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    "INSERT INTO processing_activity_systems (activity_id, position, system_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO processing_activity_joint_controllers (activity_id, position, committee_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO processing_activity_transfers (activity_id, position, country, recipient, safeguards) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO processing_activity_threshold_analyses (activity_id, done_on, criteria, motivation, dpo_commented) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO processing_activity_dpias (activity_id, done_on, dpo_consulted) VALUES (?1, ?2, ?3)",
    "INSERT INTO processor_records (id, position, version, committee_id, system_id, subject, processing_categories) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT INTO processor_record_committees (record_id, position, committee_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO incidents (id, position, version, system_id, aware_at, handler_id, assessment, "
    "notified_authority_at, delay_reason, dpo_informed, subjects_informed_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "INSERT INTO incident_controllers (incident_id, position, committee_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO data_subject_requests (id, position, version, received_on, kind, decided_on, extended_reason, "
    "outcome, appeal_notice) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "INSERT INTO data_subject_request_controllers (request_id, position, committee_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO agreements (id, position, version, kind, signed_on) VALUES (?1, ?2, ?3, ?4, ?5)",
    "INSERT INTO agreement_systems (agreement_id, position, system_id) VALUES (?1, ?2, ?3)",
    "INSERT INTO agreement_parties (agreement_id, position, organization_id) VALUES (?1, ?2, ?3)",
    "UPDATE register_meta SET as_of = ?1, as_of_is_date = ?2, rulebook_overrides = ?3 WHERE id = 1",
};
}  // namespace

std::string_view TableOf(Kind kind) { return kTables[static_cast<size_t>(kind)]; }

std::optional<TableOwner> OwnerOfTable(std::string_view table) {
  for (size_t i = 0; i < kTables.size(); ++i)
    if (kTables[i] == table) return TableOwner{static_cast<Kind>(i), "id"};
  for (const auto& c : kChildTables)
    if (c.table == table) return TableOwner{c.kind, c.id_column};
  return std::nullopt;
}

RegisterTables::RegisterTables(Db& db) : db_(db) { static_assert(kSqlCount <= std::tuple_size_v<decltype(slots_)>); }

Stmt& RegisterTables::S(Sql sql) {
  Stmt*& slot = slots_[static_cast<size_t>(sql)];
  if (slot == nullptr) slot = &db_.Cached(kSql[static_cast<size_t>(sql)]);
  return *slot;
}

std::optional<RegisterTables::Stored> RegisterTables::Find(Kind kind, const std::string& id) {
  auto q = db_.Prepare("SELECT version, position FROM " + std::string(TableOf(kind)) + " WHERE id = ?1");
  q->Bind(1, id);
  if (!q->Step()) return std::nullopt;
  return Stored{q->Int(0), q->Int(1)};
}

int64_t RegisterTables::NextPosition(Kind kind) {
  auto q = db_.Prepare("SELECT COALESCE(MAX(position) + 1, 0) FROM " + std::string(TableOf(kind)));
  q->Step();
  return q->Int(0);
}

void RegisterTables::Delete(Kind kind, const std::string& id) {
  auto q = db_.Prepare("DELETE FROM " + std::string(TableOf(kind)) + " WHERE id = ?1");
  q->Bind(1, id);
  q->Run();
}

void RegisterTables::DeleteAll() {
  for (const auto& c : kChildTables) db_.Exec("DELETE FROM " + std::string(c.table));
  for (const auto t : kTables) db_.Exec("DELETE FROM " + std::string(t));
}

std::vector<std::string> RegisterTables::DropIndexes() {
  std::vector<std::pair<std::string, std::string>> found;  // name, sql
  {
    Stmt q(db_, "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
    while (q.Step())
      if (OwnerOfTable(q.Text(1))) found.emplace_back(q.Str(0), q.Str(2));
  }
  std::vector<std::string> create;
  for (auto& [name, sql] : found) {
    db_.Exec("DROP INDEX \"" + name + "\"");
    create.push_back(std::move(sql));
  }
  return create;
}

void RegisterTables::CreateIndexes(const std::vector<std::string>& statements) {
  for (const auto& sql : statements) db_.Exec(sql);
}

const std::vector<ForeignKey>& RegisterTables::ForeignKeys() {
  if (!foreign_keys_.empty()) return foreign_keys_;
  Stmt q(db_,
         "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\" FROM sqlite_master AS m "
         "JOIN pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq");
  while (q.Step()) {
    if (!OwnerOfTable(q.Text(0))) continue;
    if (foreign_keys_.empty() || foreign_keys_.back().table != q.Text(0) || foreign_keys_.back().id != q.Int(1))
      foreign_keys_.push_back(ForeignKey{q.Str(0), q.Int(1), q.Str(2), {}, {}});
    foreign_keys_.back().from.push_back(q.Str(3));
    foreign_keys_.back().to.push_back(q.Str(4));
  }
  return foreign_keys_;
}

std::optional<Dangling> RegisterTables::FindDangling(const ForeignKey& fk, std::string_view column,
                                                     std::string_view value) {
  const auto owner = OwnerOfTable(fk.table);
  if (!owner) return std::nullopt;
  // SELECT owner, from… FROM table AS c WHERE [c.column = ?1 AND] c.from… IS NOT NULL
  //   AND NOT EXISTS (SELECT 1 FROM parent AS p WHERE p.to = c.from …) LIMIT 1
  std::string sql = "SELECT c.\"" + std::string(owner->id_column) + "\"";
  for (const auto& f : fk.from) sql += ", c.\"" + f + "\"";
  sql += " FROM \"" + fk.table + "\" AS c WHERE ";
  if (!column.empty()) sql += "c.\"" + std::string(column) + "\" = ?1 AND ";
  for (const auto& f : fk.from) sql += "c.\"" + f + "\" IS NOT NULL AND ";
  sql += "NOT EXISTS (SELECT 1 FROM \"" + fk.parent + "\" AS p WHERE ";
  for (size_t i = 0; i < fk.from.size(); ++i)
    sql += (i ? " AND p.\"" : "p.\"") + fk.to[i] + "\" = c.\"" + fk.from[i] + "\"";
  sql += ") LIMIT 1";
  Stmt q(db_, sql);
  if (!column.empty()) q.Bind(1, value);
  if (!q.Step()) return std::nullopt;
  Dangling d{&fk, EntityKey{owner->kind, q.Str(0)}, {}};
  for (size_t i = 0; i < fk.from.size(); ++i) d.values.push_back(q.Str(static_cast<int>(i + 1)));
  return d;
}

std::optional<Dangling> RegisterTables::FirstDangling() {
  std::string table;
  int64_t id = 0;
  {
    Stmt q(db_, "PRAGMA foreign_key_check");
    if (!q.Step()) return std::nullopt;
    table = q.Str(0);
    id = q.Int(3);
  }
  for (const auto& fk : ForeignKeys())
    if (fk.table == table && fk.id == id) return FindDangling(fk);
  return std::nullopt;
}

void RegisterTables::WriteMeta(const model::Register& reg) {
  Exec(S(kWriteMeta), T2s(reg.as_of), reg.as_of_is_date, reg.rulebook_overrides);
}

void RegisterTables::Insert(const Entity& e, int64_t position, int64_t version) {
  std::visit([&](const auto& x) { Insert(x, position, version); }, e);
}

// ---- writing each kind ----

void RegisterTables::Insert(const Organization& x, int64_t pos, int64_t ver) {
  Exec(S(kInsOrganization), x.id.str(), pos, ver, x.name, E2s(x.kind), OptId(x.dpo), D2s(x.management_review_on));
}

void RegisterTables::Insert(const Committee& x, int64_t pos, int64_t ver) {
  Exec(S(kInsCommittee), x.id.str(), pos, ver, x.organization.str(), x.name, E2s(x.kind));
}

void RegisterTables::Insert(const Administration& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsAdministration), id, pos, ver, x.organization.str(), x.name, OptId(x.employing_committee));
  for (size_t i = 0; i < x.committees.size(); ++i)
    Exec(S(kInsAdministrationCommittee), id, static_cast<int64_t>(i), x.committees[i].str());
  for (size_t i = 0; i < x.units.size(); ++i) {
    const Unit& u = x.units[i];
    Exec(S(kInsUnit), id, static_cast<int64_t>(i), u.id.str(), u.name, E2s(u.kind));
  }
}

void RegisterTables::Insert(const Person& x, int64_t pos, int64_t ver) {
  Exec(S(kInsPerson), x.id.str(), pos, ver, x.name, OptId(x.administration), OptId(x.unit), E2s(x.title), x.email);
}

void RegisterTables::Insert(const System& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  std::optional<int64_t> c, i, a;
  if (x.classification) {
    c = x.classification->confidentiality;
    i = x.classification->integrity;
    a = x.classification->availability;
  }
  Exec(S(kInsSystem), id, pos, ver, x.name, E2s(x.category), E2s(x.scope), x.own_support_process,
       OptId(x.owner_administration), E2s(x.hosting), x.supplier, x.personal_data, x.special_categories, x.fee,
       E2s(x.lifecycle), D2s(x.active_since), c, i, a, EncodeStringList(x.processing_countries));
  for (size_t n = 0; n < x.used_by.size(); ++n)
    Exec(S(kInsSystemUsedBy), id, static_cast<int64_t>(n), x.used_by[n].str());
  for (size_t n = 0; n < x.roles.size(); ++n) {
    const RoleAssignment& r = x.roles[n];
    Exec(S(kInsSystemRole), id, static_cast<int64_t>(n), E2s(r.role), OptId(r.person), OptId(r.committee));
  }
  for (size_t n = 0; n < x.documents.size(); ++n) {
    const Document& d = x.documents[n];
    const auto dpos = static_cast<int64_t>(n);
    std::optional<std::string_view> doc_id;
    if (!d.id.empty()) doc_id = d.id.str();
    std::optional<int64_t> year;
    if (d.year) year = *d.year;
    Exec(S(kInsSystemDocument), id, dpos, doc_id, E2s(d.kind), D2s(d.valid_from), D2s(d.valid_to), d.diary_number,
         D2s(d.signed_on), OptId(d.signed_by), OptId(d.organization), EncodeStringList(d.clauses), year,
         D2s(d.approved_on), OptId(d.approved_by), D2s(d.done_on), d.dpo_consulted);
    for (size_t k = 0; k < d.on_behalf_of.size(); ++k)
      Exec(S(kInsDocumentCommittee), id, dpos, static_cast<int64_t>(k), d.on_behalf_of[k].str());
    for (size_t k = 0; k < d.powers_of_attorney.size(); ++k)
      Exec(S(kInsDocumentPower), id, dpos, static_cast<int64_t>(k), d.powers_of_attorney[k].str());
  }
  if (x.transfer)
    Exec(S(kInsSystemTransfer), id, x.transfer->basis, OptId(x.transfer->tia_document),
         OptId(x.transfer->art9_document));
  for (size_t n = 0; n < x.forums.size(); ++n)
    Exec(S(kInsSystemForum), id, static_cast<int64_t>(n), E2s(x.forums[n].kind), D2s(x.forums[n].held_on));
  for (size_t n = 0; n < x.reviews.size(); ++n)
    Exec(S(kInsSystemReview), id, static_cast<int64_t>(n), E2s(x.reviews[n].kind), D2s(x.reviews[n].done_on));
  for (size_t n = 0; n < x.integrations.size(); ++n)
    Exec(S(kInsSystemIntegration), id, static_cast<int64_t>(n), x.integrations[n].to.str(),
         x.integrations[n].personal_data);
}

void RegisterTables::Insert(const Delegation& x, int64_t pos, int64_t ver) {
  Exec(S(kInsDelegation), x.id.str(), pos, ver, x.committee.str(), E2s(x.matter), x.matter_text, E2s(x.delegate_title),
       OptId(x.delegate_person), x.decision, D2s(x.valid_from), D2s(x.valid_to));
}

void RegisterTables::Insert(const PowerOfAttorney& x, int64_t pos, int64_t ver) {
  Exec(S(kInsPowerOfAttorney), x.id.str(), pos, ver, x.committee.str(), OptId(x.issued_by), OptId(x.holder),
       OptId(x.system), D2s(x.issued_on));
}

void RegisterTables::Insert(const ProcessingActivity& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsActivity), id, pos, ver, OptId(x.controller), x.name, x.process_code, EncodeStringList(x.purposes),
       E2s(x.legal_basis), EncodeStringList(x.data_subjects), EncodeStringList(x.data_categories),
       EncodeStringList(x.recipients), x.retention, x.security_measures, OptId(x.processor_committee),
       D2s(x.start_date), x.own_dpia_required);
  for (size_t n = 0; n < x.systems.size(); ++n)
    Exec(S(kInsActivitySystem), id, static_cast<int64_t>(n), x.systems[n].str());
  for (size_t n = 0; n < x.joint_controllers.size(); ++n)
    Exec(S(kInsActivityJointController), id, static_cast<int64_t>(n), x.joint_controllers[n].str());
  for (size_t n = 0; n < x.transfers.size(); ++n) {
    const TransferRecord& t = x.transfers[n];
    Exec(S(kInsActivityTransfer), id, static_cast<int64_t>(n), t.country, t.recipient, t.safeguards);
  }
  if (const auto& t = x.threshold_analysis)
    Exec(S(kInsActivityThreshold), id, D2s(t->done_on), EncodeStringList(EnumStrings(t->criteria)), t->motivation,
         t->dpo_commented);
  if (const auto& d = x.dpia) Exec(S(kInsActivityDpia), id, D2s(d->done_on), d->dpo_consulted);
}

void RegisterTables::Insert(const ProcessorRecord& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsProcessorRecord), id, pos, ver, x.committee.str(), x.system.str(), x.subject,
       EncodeStringList(x.processing_categories));
  for (size_t n = 0; n < x.committees.size(); ++n)
    Exec(S(kInsProcessorRecordCommittee), id, static_cast<int64_t>(n), x.committees[n].str());
}

void RegisterTables::Insert(const Incident& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsIncident), id, pos, ver, OptId(x.system), FormatTimestamp(x.aware_at), OptId(x.handler), E2s(x.assessment),
       T2s(x.notified_authority_at), x.delay_reason, x.dpo_informed, T2s(x.subjects_informed_at));
  for (size_t n = 0; n < x.controllers.size(); ++n)
    Exec(S(kInsIncidentController), id, static_cast<int64_t>(n), x.controllers[n].str());
}

void RegisterTables::Insert(const DataSubjectRequest& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsRequest), id, pos, ver, FormatDate(x.received_on), x.kind, D2s(x.decided_on), x.extended_reason,
       E2s(x.outcome), x.appeal_notice);
  for (size_t n = 0; n < x.controllers.size(); ++n)
    Exec(S(kInsRequestController), id, static_cast<int64_t>(n), x.controllers[n].str());
}

void RegisterTables::Insert(const Agreement& x, int64_t pos, int64_t ver) {
  const std::string& id = x.id.str();
  Exec(S(kInsAgreement), id, pos, ver, E2s(x.kind), D2s(x.signed_on));
  for (size_t n = 0; n < x.systems.size(); ++n)
    Exec(S(kInsAgreementSystem), id, static_cast<int64_t>(n), x.systems[n].str());
  for (size_t n = 0; n < x.parties.size(); ++n)
    Exec(S(kInsAgreementParty), id, static_cast<int64_t>(n), x.parties[n].str());
}

// ---- reading ----

namespace {

// Runs `sql` and calls `row(cols)` for each row.
template <class F>
void ForEach(Db& db, std::string_view sql, std::string_view where, F&& row) {
  Stmt s(db, sql);  // read once per Load: not worth a cache slot
  while (s.Step()) {
    Cols c(s, where);
    row(c);
  }
}

// The entities of one table in the register's order, with their versions.
template <class T, class F>
void ReadEntities(Db& db, Kind kind, std::string_view columns, std::vector<T>& out,
                  std::map<EntityKey, int64_t>& versions, F&& fill) {
  const std::string table(TableOf(kind));
  ForEach(db, "SELECT id, version, " + std::string(columns) + " FROM " + table + " ORDER BY position", table,
          [&](Cols& c) {
            T& x = out.emplace_back();
            x.id = c.IdCol<decltype(x.id)>();
            versions.emplace_hint(versions.end(), EntityKey{kind, x.id.str()}, c.Int());
            fill(c, x);
          });
}

}  // namespace

void RegisterTables::Load(model::Register& reg, std::map<EntityKey, int64_t>& versions) {
  {
    Stmt s(db_, "SELECT as_of, as_of_is_date, rulebook_overrides FROM register_meta WHERE id = 1");
    if (s.Step()) {
      Cols c(s, "register_meta");
      reg.as_of = c.OptTimeCol();
      reg.as_of_is_date = c.Bool();
      reg.rulebook_overrides = c.Str();
    }
  }

  ReadEntities(db_, Kind::kOrganization, "name, kind, dpo, management_review_on", reg.organizations, versions,
               [](Cols& c, Organization& x) {
                 x.name = c.Str();
                 x.kind = c.EnumCol<OrganizationKind>();
                 x.dpo = c.OptIdCol<PersonId>();
                 x.management_review_on = c.OptDateCol();
               });

  ReadEntities(db_, Kind::kCommittee, "organization_id, name, kind", reg.committees, versions,
               [](Cols& c, Committee& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.kind = c.EnumCol<CommitteeKind>();
               });

  ReadEntities(db_, Kind::kAdministration, "organization_id, name, employing_committee_id", reg.administrations,
               versions, [](Cols& c, Administration& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.employing_committee = c.OptIdCol<CommitteeId>();
               });
  {
    const ById admins(reg.administrations, "administrations");
    ForEach(db_, "SELECT administration_id, position, committee_id FROM administration_committees",
            "administration_committees", [&](Cols& c) {
              auto& a = reg.administrations[admins(c.View())];
              const size_t pos = c.Position();
              At(a.committees, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(db_, "SELECT administration_id, position, id, name, kind FROM units", "units", [&](Cols& c) {
      auto& a = reg.administrations[admins(c.View())];
      Unit& u = At(a.units, c.Position());
      u.id = c.IdCol<UnitId>();
      u.name = c.Str();
      u.kind = c.EnumCol<UnitKind>();
    });
  }

  ReadEntities(db_, Kind::kPerson, "name, administration_id, unit_id, title, email", reg.people, versions,
               [](Cols& c, Person& x) {
                 x.name = c.Str();
                 x.administration = c.OptIdCol<AdministrationId>();
                 x.unit = c.OptIdCol<UnitId>();
                 x.title = c.OptEnumCol<Title>();
                 x.email = c.Str();
               });

  ReadEntities(db_, Kind::kSystem,
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
    ForEach(db_, "SELECT system_id, position, administration_id FROM system_used_by", "system_used_by", [&](Cols& c) {
      auto& s = reg.systems[systems(c.View())];
      const size_t pos = c.Position();
      At(s.used_by, pos) = c.IdCol<AdministrationId>();
    });
    ForEach(db_, "SELECT system_id, position, role, person_id, committee_id FROM system_roles", "system_roles",
            [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              RoleAssignment& r = At(s.roles, c.Position());
              r.role = c.EnumCol<RoleKind>();
              r.person = c.OptIdCol<PersonId>();
              r.committee = c.OptIdCol<CommitteeId>();
            });
    ForEach(db_,
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
    ForEach(db_, "SELECT system_id, document_position, position, committee_id FROM system_document_committees",
            "system_document_committees", [&](Cols& c) {
              Document& d = document(c);
              const size_t pos = c.Position();
              At(d.on_behalf_of, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(db_, "SELECT system_id, document_position, position, power_of_attorney_id FROM system_document_powers",
            "system_document_powers", [&](Cols& c) {
              Document& d = document(c);
              const size_t pos = c.Position();
              At(d.powers_of_attorney, pos) = c.IdCol<PowerOfAttorneyId>();
            });
    ForEach(db_, "SELECT system_id, basis, tia_document, art9_document FROM system_transfers", "system_transfers",
            [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              Transfer& t = s.transfer.emplace();
              t.basis = c.OptStr();
              t.tia_document = c.OptIdCol<DocumentId>();
              t.art9_document = c.OptIdCol<DocumentId>();
            });
    ForEach(db_, "SELECT system_id, position, kind, held_on FROM system_forums", "system_forums", [&](Cols& c) {
      auto& s = reg.systems[systems(c.View())];
      Forum& f = At(s.forums, c.Position());
      f.kind = c.EnumCol<ForumKind>();
      f.held_on = c.OptDateCol();
    });
    ForEach(db_, "SELECT system_id, position, kind, done_on FROM system_reviews", "system_reviews", [&](Cols& c) {
      auto& s = reg.systems[systems(c.View())];
      Review& r = At(s.reviews, c.Position());
      r.kind = c.EnumCol<ReviewKind>();
      r.done_on = c.OptDateCol();
    });
    ForEach(db_, "SELECT system_id, position, to_system_id, personal_data FROM system_integrations",
            "system_integrations", [&](Cols& c) {
              auto& s = reg.systems[systems(c.View())];
              Integration& n = At(s.integrations, c.Position());
              n.to = c.IdCol<SystemId>();
              n.personal_data = c.Bool();
            });
  }

  ReadEntities(db_, Kind::kDelegation,
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

  ReadEntities(db_, Kind::kPowerOfAttorney, "committee_id, issued_by, holder, system_id, issued_on",
               reg.powers_of_attorney, versions, [](Cols& c, PowerOfAttorney& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.issued_by = c.OptIdCol<PersonId>();
                 x.holder = c.OptIdCol<PersonId>();
                 x.system = c.OptIdCol<SystemId>();
                 x.issued_on = c.OptDateCol();
               });

  ReadEntities(db_, Kind::kProcessingActivity,
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
    ForEach(db_, "SELECT activity_id, position, system_id FROM processing_activity_systems",
            "processing_activity_systems", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(db_, "SELECT activity_id, position, committee_id FROM processing_activity_joint_controllers",
            "processing_activity_joint_controllers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.joint_controllers, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(db_, "SELECT activity_id, position, country, recipient, safeguards FROM processing_activity_transfers",
            "processing_activity_transfers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              TransferRecord& t = At(a.transfers, c.Position());
              t.country = c.Str();
              t.recipient = c.Str();
              t.safeguards = c.Str();
            });
    ForEach(db_,
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
    ForEach(db_, "SELECT activity_id, done_on, dpo_consulted FROM processing_activity_dpias",
            "processing_activity_dpias", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              Dpia& d = a.dpia.emplace();
              d.done_on = c.OptDateCol();
              d.dpo_consulted = c.Bool();
            });
  }

  ReadEntities(db_, Kind::kProcessorRecord, "committee_id, system_id, subject, processing_categories",
               reg.processor_records, versions, [](Cols& c, ProcessorRecord& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.system = c.IdCol<SystemId>();
                 x.subject = c.Str();
                 x.processing_categories = c.List();
               });
  {
    const ById records(reg.processor_records, "processor_records");
    ForEach(db_, "SELECT record_id, position, committee_id FROM processor_record_committees",
            "processor_record_committees", [&](Cols& c) {
              auto& r = reg.processor_records[records(c.View())];
              const size_t pos = c.Position();
              At(r.committees, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(db_, Kind::kIncident,
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
    ForEach(db_, "SELECT incident_id, position, committee_id FROM incident_controllers", "incident_controllers",
            [&](Cols& c) {
              auto& i = reg.incidents[incidents(c.View())];
              const size_t pos = c.Position();
              At(i.controllers, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(db_, Kind::kDataSubjectRequest, "received_on, kind, decided_on, extended_reason, outcome, appeal_notice",
               reg.data_subject_requests, versions, [](Cols& c, DataSubjectRequest& x) {
                 x.received_on = c.DateCol();
                 x.kind = c.Str();
                 x.decided_on = c.OptDateCol();
                 x.extended_reason = c.OptStr();
                 x.outcome = c.OptEnumCol<RequestOutcome>();
                 x.appeal_notice = c.Bool();
               });
  {
    const ById requests(reg.data_subject_requests, "data_subject_requests");
    ForEach(db_, "SELECT request_id, position, committee_id FROM data_subject_request_controllers",
            "data_subject_request_controllers", [&](Cols& c) {
              auto& r = reg.data_subject_requests[requests(c.View())];
              const size_t pos = c.Position();
              At(r.controllers, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(db_, Kind::kAgreement, "kind, signed_on", reg.agreements, versions, [](Cols& c, Agreement& x) {
    x.kind = c.EnumCol<AgreementKind>();
    x.signed_on = c.OptDateCol();
  });
  {
    const ById agreements(reg.agreements, "agreements");
    ForEach(db_, "SELECT agreement_id, position, system_id FROM agreement_systems", "agreement_systems", [&](Cols& c) {
      auto& a = reg.agreements[agreements(c.View())];
      const size_t pos = c.Position();
      At(a.systems, pos) = c.IdCol<SystemId>();
    });
    ForEach(db_, "SELECT agreement_id, position, organization_id FROM agreement_parties", "agreement_parties",
            [&](Cols& c) {
              auto& a = reg.agreements[agreements(c.View())];
              const size_t pos = c.Position();
              At(a.parties, pos) = c.IdCol<OrganizationId>();
            });
  }
}

}  // namespace ansvar::store::sqlite
