#include "store/rows/read_register.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "model/id_map.hpp"
#include "store/rows/tables.hpp"
#include "store/string_list.hpp"

namespace ansvar::store::rows {

using namespace ansvar::model;  // NOLINT(google-build-using-namespace): this file maps every model type

namespace {

// ---- columns to values ----

// A value the store does not write; LoadRegister reports it as a StoreError naming the backend.
class Corruption : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The largest position a row may have (a register of more entities of one kind is not one this store wrote).
constexpr int64_t kMaxPosition = 10'000'000;

[[noreturn]] void Corrupt(std::string_view what, std::string_view value) {
  throw Corruption(std::string(what) + " holds \"" + std::string(value) + "\"");
}

// Reads the columns of a result row left to right; `where` names the table for messages.
class Cols {
 public:
  Cols(const RowCursor& r, std::string_view where) : r_(r), where_(where) {}

  std::string_view View() { return r_.Text(i_++); }
  std::string Str() { return std::string(View()); }
  bool Null() const { return r_.IsNull(i_); }
  std::optional<std::string> OptStr() {
    if (Null()) return Skip<std::string>();
    return Str();
  }
  int64_t Int() { return r_.Int(i_++); }
  std::optional<int64_t> OptInt() {
    if (Null()) return Skip<int64_t>();
    return Int();
  }
  bool Bool() { return r_.Bool(i_++); }
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
    if (p < 0 || p > kMaxPosition) Corrupt(std::string(where_) + ".position", std::to_string(p));
    return static_cast<size_t>(p);
  }

 private:
  template <class T>
  std::optional<T> Skip() {
    ++i_;
    return std::nullopt;
  }
  const RowCursor& r_;
  std::string_view where_;
  int i_ = 0;
};

template <class T>
T& At(std::vector<T>& v, size_t position) {
  if (position >= v.size()) v.resize(position + 1);
  return v[position];
}

// The columns of a measure after its holder's key columns: id, description, owner_id, due, status, done_on.
void ReadMeasure(Cols& c, Measure& m) {
  m.id = c.Str();
  m.description = c.Str();
  m.owner = c.OptIdCol<PersonId>();
  m.due = c.OptDateCol();
  m.status = c.EnumCol<MeasureStatus>();
  m.done_on = c.OptDateCol();
}

// The parent of a child row, by its id. Child rows come back in the order they were written (rowid order): each
// entity's rows together, the entities in the register's order after an import, those changed since at the end. So
// the parent is looked for first where the previous row's was and in the few entities after it (those between have
// no rows in this table) — a comparison or two for most rows — and the hash index over views of the ids
// (model/id_map.hpp) is built only when that guess first misses.
template <class T>
class ById {
 public:
  ById(const std::vector<T>& items, std::string_view table) : items_(items), table_(table) {}
  size_t operator()(std::string_view id) {
    if (last_ < items_.size() && items_[last_].id.str() == id) return last_;
    const size_t next = last_ + 1;  // 0 before the first row (last_ starts at SIZE_MAX)
    const size_t end = std::min(items_.size(), next + kAhead);
    for (size_t i = next; i < end; ++i)
      if (items_[i].id.str() == id) return last_ = i;
    if (!indexed_) {
      index_.Reserve(items_.size());
      for (size_t i = 0; i < items_.size(); ++i) index_.Insert(items_[i].id.str(), i);  // the first of equal ids
      indexed_ = true;
    }
    const size_t* found = index_.Find(id);
    if (found == nullptr) Corrupt(std::string(table_) + " child row of a missing parent", id);
    return last_ = *found;
  }

 private:
  static constexpr size_t kAhead = 16;  // more than the gap between parents of most child tables
  const std::vector<T>& items_;
  std::string_view table_;
  size_t last_ = SIZE_MAX;
  bool indexed_ = false;
  model::IdMap<size_t> index_;
};

template <class F>
void ForEach(RowSource& source, std::string_view sql, std::string_view where, F&& fn) {
  source.Select(sql, {}, [&](const RowCursor& r) {
    Cols c(r, where);
    fn(c);
  });
}

// The entities of one table in the register's order (by position), with their versions. The rows are read in the
// table's own order (a scan, not a walk of the position index with a lookup per row) and put in order afterwards.
template <class T, class F>
void ReadEntities(RowSource& source, Kind kind, std::string_view columns, std::vector<T>& out,
                  EntityVersions& all_versions, F&& fill) {
  std::vector<int64_t>& versions = all_versions[static_cast<size_t>(kind)];  // this kind's only: no other thread's
  versions.clear();
  const std::string table(TableOf(kind));
  // Room for every row first (counted on the table's smallest index: some 10 ms for 300,000 rows): growing the
  // vector would move each entity of hundreds of bytes at every doubling. Not the last position, which creates and
  // deletes can leave far above the number of rows.
  source.Select("SELECT COUNT(*) FROM " + table, {}, [&](const RowCursor& r) {
    const auto rows = static_cast<size_t>(std::clamp<int64_t>(r.Int(0), 0, kMaxPosition + 1));
    out.reserve(rows);
    versions.reserve(rows);
  });
  std::vector<int64_t> positions;
  positions.reserve(out.capacity());
  ForEach(source, "SELECT id, version, position, " + std::string(columns) + " FROM " + table, table, [&](Cols& c) {
    T& x = out.emplace_back();
    x.id = c.IdCol<decltype(x.id)>();
    versions.push_back(c.Int());
    positions.push_back(c.Int());
    fill(c, x);
  });
  if (std::is_sorted(positions.begin(), positions.end())) return;
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return positions[a] < positions[b]; });
  std::vector<T> sorted;
  std::vector<int64_t> sorted_versions;
  sorted.reserve(out.size());
  sorted_versions.reserve(out.size());
  for (const size_t i : order) {
    sorted.push_back(std::move(out[i]));
    sorted_versions.push_back(versions[i]);
  }
  out = std::move(sorted);
  versions = std::move(sorted_versions);
}

}  // namespace

// ---- reading ----

namespace {

// The register in three parts, each from its own tables into its own members of `reg` (the parts' child rows into
// other members of the same systems): the systems, then their roles and documents (LoadSystemParts) and their other
// child rows (LoadSystemExtras); and everything else (LoadRest). Read on two connections, the systems with their
// roles and documents are about half of a national register's reading, the rest with the systems' extras the other.
void LoadSystems(RowSource& source, model::Register& reg, EntityVersions& versions);
void LoadSystemParts(RowSource& source, model::Register& reg);
void LoadSystemExtras(RowSource& source, model::Register& reg);
void LoadRest(RowSource& source, model::Register& reg, EntityVersions& versions);

template <class F>
void Checked(RowSource& source, F&& read) {
  try {
    read();
  } catch (const Corruption& e) {
    throw StoreError(std::string(source.Name()) + ": corrupt register: " + e.what());
  }
}

}  // namespace

void LoadRegister(RowSource& source, model::Register& reg, EntityVersions& versions) {
  Checked(source, [&] {
    LoadSystems(source, reg, versions);
    LoadSystemParts(source, reg);
    LoadSystemExtras(source, reg);
    LoadRest(source, reg, versions);
  });
}

void LoadRegister(RowSource& systems, RowSource& rest, model::Register& reg, EntityVersions& versions) {
  // Each thread fills the versions of its own kinds (ReadEntities): the systems' here, the others' there.
  // The other thread reads the systems' extras once this one has read the systems (false: it failed to).
  std::promise<bool> systems_done;
  std::future<bool> systems_ready = systems_done.get_future();
  std::exception_ptr rest_failed;
  std::thread other([&] {
    try {
      Checked(rest, [&] {
        LoadRest(rest, reg, versions);
        if (systems_ready.get()) LoadSystemExtras(rest, reg);
      });
    } catch (...) {
      rest_failed = std::current_exception();
    }
  });
  bool told = false;
  try {
    Checked(systems, [&] {
      LoadSystems(systems, reg, versions);
      systems_done.set_value(told = true);
      LoadSystemParts(systems, reg);
    });
  } catch (...) {
    if (!told) systems_done.set_value(false);
    other.join();
    throw;
  }
  other.join();
  if (rest_failed) std::rethrow_exception(rest_failed);
}

namespace {
void LoadSystems(RowSource& source, model::Register& reg, EntityVersions& versions) {
  ReadEntities(source, Kind::kSystem,
               "name, category, scope, own_support_process, owner_administration_id, hosting, supplier, "
               "personal_data, special_categories, fee, lifecycle, active_since, confidentiality, integrity, "
               "availability, processing_countries, classification_done_on, classification_method, "
               "classification_decided_by, classification_standard_information, classification_approved_by, "
               "classification_approved_on, classification_approval",
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
                   x.classification = Classification::Levels(static_cast<int>(*conf), static_cast<int>(*integ),
                                                             static_cast<int>(*avail));
                 x.processing_countries = c.List();
                 auto done_on = c.OptDateCol();
                 auto method = c.OptStr();
                 auto decided_by = c.OptIdCol<CommitteeId>();
                 auto standard = c.OptStr();
                 auto approved_by = c.OptIdCol<PersonId>();
                 auto approved_on = c.OptDateCol();
                 auto approval = c.OptEnumCol<ApprovalSource>();
                 if (x.classification) {
                   auto& k = *x.classification;
                   k.done_on = done_on, k.method = std::move(method), k.decided_by = std::move(decided_by);
                   k.standard_information = std::move(standard), k.approved_by = std::move(approved_by);
                   k.approved_on = approved_on, k.approval = approval;
                 }
               });
}

// The systems' roles and documents: the larger part of their child rows.
void LoadSystemParts(RowSource& source, model::Register& reg) {
  ById systems(reg.systems, "systems");
  ForEach(source, "SELECT system_id, position, role, person_id, committee_id FROM system_roles", "system_roles",
          [&](Cols& c) {
            auto& s = reg.systems[systems(c.View())];
            RoleAssignment& r = At(s.roles, c.Position());
            r.role = c.EnumCol<RoleKind>();
            r.person = c.OptIdCol<PersonId>();
            r.committee = c.OptIdCol<CommitteeId>();
          });
  ForEach(source,
          "SELECT system_id, position, id, kind, valid_from, valid_to, diary_number, signed_on, signed_by, "
          "organization_id, clauses, year, approved_on, approved_by, done_on, dpo_consulted, approved_by_account "
          "FROM system_documents",
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
            d.approved_by_account = c.OptStr();
          });
  auto document = [&](Cols& c) -> Document& {
    auto& s = reg.systems[systems(c.View())];
    const size_t dpos = c.Position();
    if (dpos >= s.documents.size()) Corrupt("document_position", std::to_string(dpos));
    return s.documents[dpos];
  };
  ForEach(source, "SELECT system_id, document_position, position, committee_id FROM system_document_committees",
          "system_document_committees", [&](Cols& c) {
            Document& d = document(c);
            const size_t pos = c.Position();
            At(d.on_behalf_of, pos) = c.IdCol<CommitteeId>();
          });
  ForEach(source, "SELECT system_id, document_position, position, power_of_attorney_id FROM system_document_powers",
          "system_document_powers", [&](Cols& c) {
            Document& d = document(c);
            const size_t pos = c.Position();
            At(d.powers_of_attorney, pos) = c.IdCol<PowerOfAttorneyId>();
          });
  ForEach(source, "SELECT system_id, document_position, position, organization_id FROM system_document_organizations",
          "system_document_organizations", [&](Cols& c) {
            Document& d = document(c);
            const size_t pos = c.Position();
            At(d.organizations, pos) = c.IdCol<OrganizationId>();
          });
  ForEach(source, "SELECT system_id, document_position, position, committee_id FROM system_document_adopted_by",
          "system_document_adopted_by", [&](Cols& c) {
            Document& d = document(c);
            const size_t pos = c.Position();
            At(d.adopted_by, pos) = c.IdCol<CommitteeId>();
          });
  ForEach(source, "SELECT system_id, document_position, position, committee_id FROM system_document_supplemented_by",
          "system_document_supplemented_by", [&](Cols& c) {
            Document& d = document(c);
            const size_t pos = c.Position();
            At(d.supplemented_by, pos) = c.IdCol<CommitteeId>();
          });
}

// The systems' other child rows (on the other thread when the register is read on two).
void LoadSystemExtras(RowSource& source, model::Register& reg) {
  ById systems(reg.systems, "systems");
  ForEach(source, "SELECT system_id, position, administration_id FROM system_used_by", "system_used_by", [&](Cols& c) {
    auto& s = reg.systems[systems(c.View())];
    const size_t pos = c.Position();
    At(s.used_by, pos) = c.IdCol<AdministrationId>();
  });
  ForEach(source, "SELECT system_id, basis, tia_document, art9_document FROM system_transfers", "system_transfers",
          [&](Cols& c) {
            auto& s = reg.systems[systems(c.View())];
            Transfer& t = s.transfer.emplace();
            t.basis = c.OptStr();
            t.tia_document = c.OptIdCol<DocumentId>();
            t.art9_document = c.OptIdCol<DocumentId>();
          });
  ForEach(source, "SELECT system_id, position, kind, held_on FROM system_forums", "system_forums", [&](Cols& c) {
    auto& s = reg.systems[systems(c.View())];
    Forum& f = At(s.forums, c.Position());
    f.kind = c.EnumCol<ForumKind>();
    f.held_on = c.OptDateCol();
  });
  ForEach(source,
          "SELECT system_id, forum_position, position, id, description, owner_id, due, status, done_on "
          "FROM system_forum_measures",
          "system_forum_measures", [&](Cols& c) {
            auto& s = reg.systems[systems(c.View())];
            const size_t fpos = c.Position();
            if (fpos >= s.forums.size()) Corrupt("forum_position", std::to_string(fpos));
            ReadMeasure(c, At(s.forums[fpos].measures, c.Position()));
          });
  ForEach(source,
          "SELECT system_id, position, id, description, owner_id, due, status, done_on "
          "FROM system_classification_measures",
          "system_classification_measures", [&](Cols& c) {
            auto& s = reg.systems[systems(c.View())];
            if (!s.classification) Corrupt("system_classification_measures", s.id.str());
            ReadMeasure(c, At(s.classification->measures, c.Position()));
          });
  ForEach(source, "SELECT system_id, position, kind, done_on FROM system_reviews", "system_reviews", [&](Cols& c) {
    auto& s = reg.systems[systems(c.View())];
    Review& r = At(s.reviews, c.Position());
    r.kind = c.EnumCol<ReviewKind>();
    r.done_on = c.OptDateCol();
  });
  ForEach(source, "SELECT system_id, position, to_system_id, personal_data FROM system_integrations",
          "system_integrations", [&](Cols& c) {
            auto& s = reg.systems[systems(c.View())];
            Integration& n = At(s.integrations, c.Position());
            n.to = c.IdCol<SystemId>();
            n.personal_data = c.Bool();
          });
}

void LoadRest(RowSource& source, model::Register& reg, EntityVersions& versions) {
  {
    ForEach(source, kReadMetaSql, "register_meta", [&](Cols& c) {
      reg.as_of = c.OptTimeCol();
      reg.as_of_is_date = c.Bool();
      reg.rulebook_overrides = c.Str();
    });
  }

  ReadEntities(source, Kind::kOrganization, "name, kind, dpo, management_review_on, rulebook_overrides",
               reg.organizations, versions, [](Cols& c, Organization& x) {
                 x.name = c.Str();
                 x.kind = c.EnumCol<OrganizationKind>();
                 x.dpo = c.OptIdCol<PersonId>();
                 x.management_review_on = c.OptDateCol();
                 x.rulebook_overrides = c.Str();
               });

  ReadEntities(source, Kind::kCommittee, "organization_id, name, kind", reg.committees, versions,
               [](Cols& c, Committee& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.kind = c.EnumCol<CommitteeKind>();
               });

  ReadEntities(source, Kind::kAdministration, "organization_id, name, employing_committee_id", reg.administrations,
               versions, [](Cols& c, Administration& x) {
                 x.organization = c.IdCol<OrganizationId>();
                 x.name = c.Str();
                 x.employing_committee = c.OptIdCol<CommitteeId>();
               });
  {
    ById admins(reg.administrations, "administrations");
    ForEach(source, "SELECT administration_id, position, committee_id FROM administration_committees",
            "administration_committees", [&](Cols& c) {
              auto& a = reg.administrations[admins(c.View())];
              const size_t pos = c.Position();
              At(a.committees, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(source, "SELECT administration_id, position, id, name, kind FROM units", "units", [&](Cols& c) {
      auto& a = reg.administrations[admins(c.View())];
      Unit& u = At(a.units, c.Position());
      u.id = c.IdCol<UnitId>();
      u.name = c.Str();
      u.kind = c.EnumCol<UnitKind>();
    });
  }

  ReadEntities(source, Kind::kPerson, "name, administration_id, unit_id, title, email", reg.people, versions,
               [](Cols& c, Person& x) {
                 x.name = c.Str();
                 x.administration = c.OptIdCol<AdministrationId>();
                 x.unit = c.OptIdCol<UnitId>();
                 x.title = c.OptEnumCol<Title>();
                 x.email = c.Str();
               });

  ReadEntities(source, Kind::kDelegation,
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

  ReadEntities(source, Kind::kPowerOfAttorney, "committee_id, issued_by, holder, system_id, issued_on",
               reg.powers_of_attorney, versions, [](Cols& c, PowerOfAttorney& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.issued_by = c.OptIdCol<PersonId>();
                 x.holder = c.OptIdCol<PersonId>();
                 x.system = c.OptIdCol<SystemId>();
                 x.issued_on = c.OptDateCol();
               });

  ReadEntities(source, Kind::kProcessingActivity,
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
    ById activities(reg.processing_activities, "processing_activities");
    ForEach(source, "SELECT activity_id, position, system_id FROM processing_activity_systems",
            "processing_activity_systems", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(source, "SELECT activity_id, position, committee_id FROM processing_activity_joint_controllers",
            "processing_activity_joint_controllers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              const size_t pos = c.Position();
              At(a.joint_controllers, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(source, "SELECT activity_id, position, country, recipient, safeguards FROM processing_activity_transfers",
            "processing_activity_transfers", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              TransferRecord& t = At(a.transfers, c.Position());
              t.country = c.Str();
              t.recipient = c.Str();
              t.safeguards = c.Str();
            });
    ForEach(source,
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
    ForEach(source,
            "SELECT activity_id, done_on, dpo_consulted, description, necessity_proportionality, residual_risk, "
            "dpo_opinion_text, dpo_opinion_given_on, prior_consultation_needed, prior_consultation_sent_on, "
            "prior_consultation_reply_on, review_on, covers_activities, motivation FROM processing_activity_dpias",
            "processing_activity_dpias", [&](Cols& c) {
              auto& a = reg.processing_activities[activities(c.View())];
              Dpia& d = a.dpia.emplace();
              d.done_on = c.OptDateCol();
              d.dpo_consulted = c.Bool();
              d.description = c.Str();
              d.necessity_proportionality = c.Str();
              d.residual_risk = c.OptEnumCol<RiskLevel>();
              auto text = c.OptStr();
              auto given_on = c.OptDateCol();
              if (text) d.dpo_opinion = DpoOpinion{std::move(*text), given_on};
              auto needed = c.OptBool();
              auto sent_on = c.OptDateCol();
              auto reply_on = c.OptDateCol();
              if (needed) d.prior_consultation = PriorConsultation{*needed, sent_on, reply_on};
              d.review_on = c.OptDateCol();
              for (auto& id : c.List()) d.covers_activities.emplace_back(id);
              d.motivation = c.OptStr();
            });
    auto dpia = [&](Cols& c) -> Dpia& {
      auto& a = reg.processing_activities[activities(c.View())];
      if (!a.dpia) Corrupt("processing_activity_dpia", a.id.str());
      return *a.dpia;
    };
    ForEach(source,
            "SELECT activity_id, position, id, description, likelihood, consequence "
            "FROM processing_activity_dpia_risks",
            "processing_activity_dpia_risks", [&](Cols& c) {
              Dpia& d = dpia(c);
              DpiaRisk& r = At(d.risks, c.Position());
              r.id = c.Str();
              r.description = c.Str();
              r.likelihood = static_cast<int>(c.Int());
              r.consequence = static_cast<int>(c.Int());
            });
    ForEach(source,
            "SELECT activity_id, position, id, description, owner_id, due, status, done_on "
            "FROM processing_activity_dpia_measures",
            "processing_activity_dpia_measures", [&](Cols& c) {
              Dpia& d = dpia(c);
              ReadMeasure(c, At(d.measures, c.Position()));
            });
  }

  ReadEntities(source, Kind::kProcessorRecord, "committee_id, system_id, subject, processing_categories",
               reg.processor_records, versions, [](Cols& c, ProcessorRecord& x) {
                 x.committee = c.IdCol<CommitteeId>();
                 x.system = c.IdCol<SystemId>();
                 x.subject = c.Str();
                 x.processing_categories = c.List();
               });
  {
    ById records(reg.processor_records, "processor_records");
    ForEach(source, "SELECT record_id, position, committee_id FROM processor_record_committees",
            "processor_record_committees", [&](Cols& c) {
              auto& r = reg.processor_records[records(c.View())];
              const size_t pos = c.Position();
              At(r.committees, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(source, Kind::kIncident,
               "system_id, aware_at, handler_id, assessment, notified_authority_at, delay_reason, dpo_informed, "
               "subjects_informed_at, description, subject_categories, approx_subjects, record_categories, "
               "approx_records, likely_consequences, measures, affected_informed_on, occurred_at, nature, cause, "
               "subjects_informed_how, cross_border, reported_at",
               reg.incidents, versions, [](Cols& c, Incident& x) {
                 x.system = c.OptIdCol<SystemId>();
                 x.aware_at = c.TimeCol();
                 x.handler = c.OptIdCol<CommitteeId>();
                 x.assessment = c.OptEnumCol<Assessment>();
                 x.notified_authority_at = c.OptTimeCol();
                 x.delay_reason = c.OptStr();
                 x.dpo_informed = c.Bool();
                 x.subjects_informed_at = c.OptTimeCol();
                 x.description = c.Str();
                 x.subject_categories = c.List();
                 x.approx_subjects = c.OptInt();
                 x.record_categories = c.List();
                 x.approx_records = c.OptInt();
                 x.likely_consequences = c.Str();
                 x.measures = c.Str();
                 x.affected_informed_on = c.OptDateCol();
                 x.occurred_at = c.OptTimeCol();
                 x.nature = c.EnumList<BreachNature>();
                 x.cause = c.OptEnumCol<BreachCause>();
                 x.subjects_informed_how = c.Str();
                 x.cross_border = c.OptBool();
                 x.reported_at = c.OptTimeCol();
               });
  {
    ById incidents(reg.incidents, "incidents");
    ForEach(source, "SELECT incident_id, position, committee_id FROM incident_controllers", "incident_controllers",
            [&](Cols& c) {
              auto& i = reg.incidents[incidents(c.View())];
              const size_t pos = c.Position();
              At(i.controllers, pos) = c.IdCol<CommitteeId>();
            });
    ForEach(source,
            "SELECT incident_id, position, committee_id, assessment, notified_authority_at FROM incident_assessments",
            "incident_assessments", [&](Cols& c) {
              auto& i = reg.incidents[incidents(c.View())];
              ControllerAssessment& a = At(i.assessments, c.Position());
              a.committee = c.IdCol<CommitteeId>();
              a.assessment = c.OptEnumCol<Assessment>();
              a.notified_authority_at = c.OptTimeCol();
            });
    ForEach(source,
            "SELECT incident_id, position, id, description, owner_id, due, status, done_on FROM incident_action_plan",
            "incident_action_plan", [&](Cols& c) {
              auto& i = reg.incidents[incidents(c.View())];
              Measure& m = At(i.action_plan, c.Position());
              m.id = c.Str();
              m.description = c.Str();
              m.owner = c.OptIdCol<PersonId>();
              m.due = c.OptDateCol();
              m.status = c.EnumCol<MeasureStatus>();
              m.done_on = c.OptDateCol();
            });
  }

  ReadEntities(source, Kind::kDataSubjectRequest,
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
    ById requests(reg.data_subject_requests, "data_subject_requests");
    ForEach(source, "SELECT request_id, position, committee_id FROM data_subject_request_controllers",
            "data_subject_request_controllers", [&](Cols& c) {
              auto& r = reg.data_subject_requests[requests(c.View())];
              const size_t pos = c.Position();
              At(r.controllers, pos) = c.IdCol<CommitteeId>();
            });
  }

  ReadEntities(source, Kind::kAgreement, "kind, signed_on", reg.agreements, versions, [](Cols& c, Agreement& x) {
    x.kind = c.EnumCol<AgreementKind>();
    x.signed_on = c.OptDateCol();
  });
  {
    ById agreements(reg.agreements, "agreements");
    ForEach(source, "SELECT agreement_id, position, system_id FROM agreement_systems", "agreement_systems",
            [&](Cols& c) {
              auto& a = reg.agreements[agreements(c.View())];
              const size_t pos = c.Position();
              At(a.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(source, "SELECT agreement_id, position, organization_id FROM agreement_parties", "agreement_parties",
            [&](Cols& c) {
              auto& a = reg.agreements[agreements(c.View())];
              const size_t pos = c.Position();
              At(a.parties, pos) = c.IdCol<OrganizationId>();
            });
  }

  ReadEntities(source, Kind::kCooperation, "name, form, lead_id, coordinator_id, consulted, management_review_on",
               reg.cooperations, versions, [](Cols& c, Cooperation& x) {
                 x.name = c.Str();
                 x.form = c.EnumCol<CooperationForm>();
                 x.lead = c.OptIdCol<OrganizationId>();
                 x.coordinator = c.OptIdCol<PersonId>();
                 x.consulted = c.List();
                 x.management_review_on = c.OptDateCol();
               });
  {
    ById cooperations(reg.cooperations, "cooperations");
    ForEach(source,
            "SELECT cooperation_id, position, organization_id, committee_id, joined_on, decision FROM "
            "cooperation_parties",
            "cooperation_parties", [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              CooperationParty& p = At(x.parties, c.Position());
              p.organization = c.IdCol<OrganizationId>();
              p.committee = c.OptIdCol<CommitteeId>();
              p.joined_on = c.OptDateCol();
              p.decision = c.Str();
            });
    ForEach(source, "SELECT cooperation_id, position, system_id FROM cooperation_systems", "cooperation_systems",
            [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              const size_t pos = c.Position();
              At(x.systems, pos) = c.IdCol<SystemId>();
            });
    ForEach(source, "SELECT cooperation_id, position, kind, name FROM cooperation_groups", "cooperation_groups",
            [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              CooperationGroup& g = At(x.groups, c.Position());
              g.kind = c.EnumCol<GroupKind>();
              g.name = c.Str();
            });
    ForEach(source, "SELECT cooperation_id, group_position, position, person_id FROM cooperation_group_members",
            "cooperation_group_members", [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              const size_t gpos = c.Position();
              if (gpos >= x.groups.size()) Corrupt("group_position", std::to_string(gpos));
              const size_t pos = c.Position();
              At(x.groups[gpos].members, pos) = c.IdCol<PersonId>();
            });
    ForEach(source,
            "SELECT cooperation_id, position, kind, signed_on, done_on, published_on, diary_number, dpia, "
            "dpo_consulted FROM cooperation_documents",
            "cooperation_documents", [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              CooperationDocument& d = At(x.documents, c.Position());
              d.kind = c.EnumCol<CooperationDocumentKind>();
              d.signed_on = c.OptDateCol();
              d.done_on = c.OptDateCol();
              d.published_on = c.OptDateCol();
              d.diary_number = c.OptStr();
              d.dpia = c.Bool();
              d.dpo_consulted = c.Bool();
            });
    ForEach(source, "SELECT cooperation_id, position, duty, party FROM cooperation_responsibilities",
            "cooperation_responsibilities", [&](Cols& c) {
              auto& x = reg.cooperations[cooperations(c.View())];
              Responsibility& r = At(x.responsibilities, c.Position());
              r.duty = c.Str();
              r.party = c.Str();
            });
  }

  ReadEntities(source, Kind::kDpaDecision,
               "system_id, decided_on, decided_by, delegation_id, meeting, processor, diary_number, reported_on, "
               "reported_at",
               reg.dpa_decisions, versions, [](Cols& c, DpaDecision& x) {
                 x.system = c.IdCol<SystemId>();
                 x.decided_on = c.OptDateCol();
                 x.decided_by = c.OptIdCol<PersonId>();
                 x.delegation = c.OptIdCol<DelegationId>();
                 x.meeting = c.OptStr();
                 x.processor = c.OptStr();
                 x.diary_number = c.OptStr();
                 x.reported_on = c.OptDateCol();
                 x.reported_at = c.OptStr();
               });
  {
    ById decisions(reg.dpa_decisions, "dpa_decisions");
    ForEach(source, "SELECT decision_id, position, committee_id FROM dpa_decision_committees",
            "dpa_decision_committees", [&](Cols& c) {
              auto& x = reg.dpa_decisions[decisions(c.View())];
              const size_t pos = c.Position();
              At(x.committees, pos) = c.IdCol<CommitteeId>();
            });
  }
}

}  // namespace

}  // namespace ansvar::store::rows
