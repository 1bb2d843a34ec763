#include "app/register_service.hpp"

#include <algorithm>
#include <exception>
#include <map>
#include <set>
#include <thread>
#include <utility>

#include "app/approval_stamps.hpp"
#include "app/audit_replay.hpp"
#include "app/service_state.hpp"
#include "app/store_errors.hpp"
#include "io/entity_json.hpp"
#include "io/register_reader.hpp"
#include "io/register_writer.hpp"
#include "io/rulebook_json.hpp"
#include "model/id_map.hpp"
#include "model/utf8.hpp"

namespace ansvar::app {
namespace {

using model::Collection;

std::string What(Kind kind, const std::string& id) { return std::string(store::ToString(kind)) + " \"" + id + "\""; }

template <class T>
std::string NameOf(const T& x) {
  if constexpr (requires { x.name; })
    return x.name;
  else
    return {};
}

// What people keep in the register has a name (a file may lack one; what is entered through the API may not).
template <class T>
std::optional<model::Problem> MissingName(const T& x) {
  if constexpr (requires { x.name; }) {
    if (std::all_of(x.name.begin(), x.name.end(), [](unsigned char c) { return std::isspace(c) != 0; }))
      return model::Problem{"$.name", "must not be empty"};
  }
  return std::nullopt;
}

// An organization's own rulebook (cooperation-and-decisions.md §1) is checked as the register's is: a bad setting is
// refused with its path, never stored to be ignored when the rules read it.
template <class T>
std::vector<model::Problem> RulebookProblems(const T& x) {
  if constexpr (std::is_same_v<T, model::Organization>) {
    if (x.rulebook_overrides.empty()) return {};
    auto rulebook = rules::Rulebook::Default();
    return io::ApplyRulebookJson(rulebook, x.rulebook_overrides, "$.rulebook");
  } else {
    return {};
  }
}

// Assigns ids to the delegations and processor records that lack one ("<committee>-<matter>-<n>").
template <class T>
void AssignIds(std::vector<T>& items, std::string_view prefix) {
  std::set<std::string> taken;
  for (const auto& x : items)
    if (!x.id.empty()) taken.insert(x.id.str());
  size_t n = 0;
  for (auto& x : items) {
    if (!x.id.empty()) continue;
    std::string id;
    do id = std::string(prefix) + "-" + std::to_string(++n);
    while (taken.contains(id));
    taken.insert(id);
    x.id = decltype(x.id)(id);
  }
}

// A breach concerns an administration (its data protection contact's scope, auth/policy.hpp): on a system it owns,
// or with a controller or handler among the committees it serves.
bool IncidentOfAdministration(const model::Incident& x, const std::string& administration,
                              const rules::RegisterIndex* index) {
  if (index == nullptr) return false;
  if (x.system)
    if (const auto* s = index->FindSystem(x.system->str()))
      if (s->owner_administration && s->owner_administration->str() == administration) return true;
  const auto* a = index->FindAdministration(administration);
  if (a == nullptr) return false;
  auto served = [&](const model::CommitteeId& c) {
    return std::find(a->committees.begin(), a->committees.end(), c) != a->committees.end();
  };
  return std::any_of(x.controllers.begin(), x.controllers.end(), served) || (x.handler && served(*x.handler));
}

// Whether an entity matches the list filters that apply to its kind.
template <class T>
bool Matches(const T& x, const ListQuery& q, const std::string& folded_q, const rules::RegisterIndex* index) {
  if (!folded_q.empty()) {
    std::string hay = model::FoldCase(x.id.str()) + "\n" + model::FoldCase(NameOf(x));
    if constexpr (std::is_same_v<T, model::System>) hay += "\n" + model::FoldCase(x.supplier.value_or(""));
    if constexpr (std::is_same_v<T, model::Person>) hay += "\n" + model::FoldCase(x.email);
    if constexpr (std::is_same_v<T, model::ProcessingActivity>) hay += "\n" + model::FoldCase(x.process_code);
    if (hay.find(folded_q) == std::string::npos) return false;
  }
  if constexpr (std::is_same_v<T, model::System>) {
    if (!q.category.empty() && model::ToString(x.category) != q.category) return false;
    if (!q.scope.empty() && model::ToString(x.scope) != q.scope) return false;
    if (!q.lifecycle.empty() && model::ToString(x.lifecycle) != q.lifecycle) return false;
    if (!q.administration.empty()) {
      const bool owner = x.owner_administration && x.owner_administration->str() == q.administration;
      const bool user =
          std::any_of(x.used_by.begin(), x.used_by.end(), [&](const auto& a) { return a.str() == q.administration; });
      if (!owner && !user) return false;
    }
    if (!q.person.empty() && std::none_of(x.roles.begin(), x.roles.end(),
                                          [&](const auto& r) { return r.person && r.person->str() == q.person; }))
      return false;
    if (!q.committee.empty() && index != nullptr) {
      const auto controllers = index->Controllers(index->IndexOf(*index->FindSystem(x.id.str())));
      if (std::none_of(controllers.begin(), controllers.end(),
                       [&](const auto* c) { return c->id.str() == q.committee; }))
        return false;
    }
  } else if constexpr (std::is_same_v<T, model::Person>) {
    if (!q.administration.empty() && (!x.administration || x.administration->str() != q.administration)) return false;
  } else if constexpr (std::is_same_v<T, model::Administration>) {
    if (!q.committee.empty() &&
        std::none_of(x.committees.begin(), x.committees.end(), [&](const auto& c) { return c.str() == q.committee; }))
      return false;
  } else if constexpr (std::is_same_v<T, model::ProcessingActivity>) {
    if (!q.committee.empty() && (!x.controller || x.controller->str() != q.committee) &&
        std::none_of(x.joint_controllers.begin(), x.joint_controllers.end(),
                     [&](const auto& c) { return c.str() == q.committee; }))
      return false;
  } else if constexpr (std::is_same_v<T, model::Delegation> || std::is_same_v<T, model::PowerOfAttorney> ||
                       std::is_same_v<T, model::ProcessorRecord>) {
    if (!q.committee.empty() && x.committee.str() != q.committee) return false;
  } else if constexpr (std::is_same_v<T, model::Incident> || std::is_same_v<T, model::DataSubjectRequest>) {
    if constexpr (std::is_same_v<T, model::Incident>)
      if (!q.administration.empty() && !IncidentOfAdministration(x, q.administration, index)) return false;
    if (!q.committee.empty() &&
        std::none_of(x.controllers.begin(), x.controllers.end(), [&](const auto& c) { return c.str() == q.committee; }))
      return false;
  }
  return true;
}

// References to an entity that is about to go: every place whose reference would dangle.
class WithoutOne : public model::Lookup {
 public:
  WithoutOne(const model::Lookup& base, Kind kind, const std::string& id) : base_(base), kind_(kind), id_(id) {}
  [[nodiscard]] bool Has(Collection c, std::string_view id) const override {
    return !(c == kind_ && id == id_) && base_.Has(c, id);
  }
  [[nodiscard]] const model::Administration* FindAdministration(std::string_view id) const override {
    return base_.FindAdministration(id);
  }

 private:
  const model::Lookup& base_;
  Kind kind_;
  const std::string& id_;
};

}  // namespace

RegisterService::RegisterService(std::unique_ptr<store::Store> store, rules::Rulebook rulebook, Clock clock)
    : store_(std::move(store)),
      base_rulebook_(std::move(rulebook)),
      clock_(std::move(clock)),
      state_(std::make_unique<State>()) {
  Reload();
}

RegisterService::~RegisterService() = default;

namespace {
// A new read model takes the place of the old one (indexed first, unless the caller did). The caller, holding the
// exclusive lock, then forgets the old one's evaluations (ForgetAll).
template <class State>
void Install(std::unique_ptr<State> fresh, std::unique_ptr<State>& state, bool indexed = false) {
  if (!indexed) fresh->ReindexAll();
  state = std::move(fresh);
}
}  // namespace

void RegisterService::Reload() {
  auto snapshot = store_->Load();
  auto state = std::make_unique<State>();
  state->reg = std::move(snapshot.reg);
  // The positions on another thread meanwhile: both maps are built from the register, each into its own member
  // (a national register's 600,000 entities: a tenth of the start each).
  std::exception_ptr positions_failed;
  std::thread positions([&state, &positions_failed] {
    try {
      state->ReindexAll();
    } catch (...) {
      positions_failed = std::current_exception();
    }
  });
  try {
    // The store gives the versions position for position with the register's collections.
    for (size_t k = 0; k < store::kKindCount; ++k) {
      WithKind(static_cast<Kind>(k), [&]<class T>(std::type_identity<T>) {
        const auto& items = Items<T>(state->reg);
        const auto& read = snapshot.versions[k];
        if (read.size() != items.size())
          throw store::StoreError("the store gave " + std::to_string(read.size()) + " versions for " +
                                  std::to_string(items.size()) + " entities of kind " +
                                  std::string(store::ToString(static_cast<Kind>(k))));
        auto& versions = state->versions[k];
        versions.reserve(items.size());  // sized first: the map would otherwise rehash a dozen times
        for (size_t i = 0; i < items.size(); ++i) versions.emplace(items[i].id.str(), read[i]);
      });
    }
  } catch (...) {
    positions.join();
    throw;
  }
  positions.join();
  if (positions_failed) std::rethrow_exception(positions_failed);
  state->last_seq = snapshot.last_audit_seq;
  state->replace_count = snapshot.replace_count;
  Install(std::move(state), state_, true);
  ForgetAll();
}

void RegisterService::Refresh() {
  try {
    {
      std::shared_lock lock(mu_);
      if (!state_->stale && store_->LastAuditSeq() == state_->last_seq) return;
    }
    std::unique_lock lock(mu_);
    if (!state_->stale && store_->LastAuditSeq() == state_->last_seq) return;
    if (state_->stale || !CatchUp()) Reload();
    state_->behind = false;
  } catch (const store::StoreError&) {  // NOLINT(bugprone-empty-catch): unreachable now; reads serve what we have
  }
}

bool RegisterService::CatchUp() {
  // Past this many entries, loading everything is about as quick as applying them one by one.
  constexpr size_t kMaxEntries = 20000;
  auto caught = store_->CatchUp(state_->last_seq, kMaxEntries);
  if (!caught || caught->replace_count != state_->replace_count || caught->entries.empty() ||
      caught->entries.size() >= kMaxEntries)
    return false;
  auto& state = *state_;
  for (const auto& e : caught->entries) {
    if (e.seq != state.last_seq + 1) return false;
    const bool applied = WithKind(e.kind, [&]<class T>(std::type_identity<T>) {
      auto& items = Items<T>(state.reg);
      auto& positions = state.positions[static_cast<size_t>(e.kind)];
      auto& versions = state.versions[static_cast<size_t>(e.kind)];
      const auto at = positions.find(e.entity_id);
      state.JsonDrop(e.kind);  // others' changes are rare: the kind's JSON is made again on the next read
      if (e.action == "delete") {
        if (at == positions.end()) return false;
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(at->second));
        versions.erase(e.entity_id);
        state.Reindex(e.kind);
        return true;
      }
      // The after-image is the entity as the writer stored it (io::WriteEntity); versions move as Apply moves them.
      auto read = io::ReadEntity<T>(e.after_json);
      if (!read.value || read.value->id.str() != e.entity_id) return false;
      if (e.action == "create") {
        if (at != positions.end()) return false;
        items.push_back(std::move(*read.value));
        positions[e.entity_id] = items.size() - 1;
        versions[e.entity_id] = 1;
        return true;
      }
      if (e.action != "update" || at == positions.end()) return false;
      items[at->second] = std::move(*read.value);
      ++versions[e.entity_id];
      return true;
    });
    if (!applied) return false;
    state.last_seq = e.seq;
  }
  ForgetAll();
  return true;
}

std::optional<Error> RegisterService::ReloadIfStale() {
  if (!state_->stale && !state_->behind) return std::nullopt;
  try {
    if (state_->stale || (store_->LastAuditSeq() != state_->last_seq && !CatchUp())) Reload();
    state_->behind = false;
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
  return std::nullopt;
}

void RegisterService::Advance(int64_t seq, size_t n) {
  if (seq != state_->last_seq + static_cast<int64_t>(n)) state_->stale = true;
  state_->last_seq = seq;
}

size_t RegisterService::Count(Kind kind) const {
  std::shared_lock lock(mu_);
  return state_->positions[static_cast<size_t>(kind)].size();
}

RegisterService::Reader::Reader(const RegisterService& service) : Locked(service), lock_(service.mu_) {}
RegisterService::Writer::Writer(RegisterService& service) : Locked(service), w_(service), lock_(service.mu_) {
  if (auto error = w_.ReloadIfStale()) error_ = std::move(*error);
}
Result<Versioned> RegisterService::Writer::Create(Kind kind, std::string_view body, const Actor& actor) {
  return w_.CreateLocked(kind, body, actor);
}
Result<std::vector<int64_t>> RegisterService::Writer::Update(const std::vector<store::Change>& changes,
                                                             const Actor& actor) {
  auto& state = *w_.state_;
  try {
    const auto committed = w_.store_->Apply(changes, actor, w_.clock_());
    std::vector<int64_t> versions;
    for (size_t i = 0; i < changes.size(); ++i) {
      const auto& c = changes[i];
      const size_t pos = state.positions[static_cast<size_t>(c.key.kind)].at(c.key.id);
      WithKind(c.key.kind, [&]<class T>(std::type_identity<T>) {
        auto& item = Items<T>(state.reg)[pos];
        w_.Wrote(&item, &std::get<T>(*c.after));
        item = std::get<T>(*c.after);
      });
      state.JsonSet(c.key.kind, pos, c.after_json);
      state.versions[static_cast<size_t>(c.key.kind)][c.key.id] = committed.versions.at(i);
      versions.push_back(committed.versions.at(i));
    }
    w_.Advance(committed.last_audit_seq, changes.size());
    derived_.reset();
    return versions;
  } catch (const store::ConflictError& e) {
    state.behind = true;
    return Error{ErrorCode::kPreconditionFailed, "Ändrad av någon annan / Changed by someone else", e.what(), {}};
  } catch (const store::StoreError& e) {
    state.behind = true;
    return Error{ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
  }
}
const model::Register& RegisterService::Locked::reg() const { return s_.state_->reg; }
const model::Lookup& RegisterService::Locked::lookup() const { return *s_.state_; }
int64_t RegisterService::Locked::version(Kind kind, const std::string& id) const {
  return s_.state_->Version(kind, id);
}
template <class T>
const T* RegisterService::Locked::Find(const std::string& id) const {
  return s_.state_->Find<T>(id);
}
template const model::Organization* RegisterService::Locked::Find(const std::string&) const;
template const model::Committee* RegisterService::Locked::Find(const std::string&) const;
template const model::Administration* RegisterService::Locked::Find(const std::string&) const;
template const model::Person* RegisterService::Locked::Find(const std::string&) const;
template const model::System* RegisterService::Locked::Find(const std::string&) const;
template const model::Delegation* RegisterService::Locked::Find(const std::string&) const;
template const model::PowerOfAttorney* RegisterService::Locked::Find(const std::string&) const;
template const model::ProcessingActivity* RegisterService::Locked::Find(const std::string&) const;
template const model::ProcessorRecord* RegisterService::Locked::Find(const std::string&) const;
template const model::Incident* RegisterService::Locked::Find(const std::string&) const;
template const model::DataSubjectRequest* RegisterService::Locked::Find(const std::string&) const;
template const model::Cooperation* RegisterService::Locked::Find(const std::string&) const;
template const model::DpaDecision* RegisterService::Locked::Find(const std::string&) const;
template const model::Agreement* RegisterService::Locked::Find(const std::string&) const;
const RegisterService::Derived& RegisterService::Locked::Evaluation() const {
  if (!derived_) derived_ = s_.DerivedAt(std::nullopt);
  return *derived_;
}
const rules::RegisterIndex& RegisterService::Locked::index() const { return Evaluation().index; }
const rules::Rulebook& RegisterService::Locked::rulebook() const { return Evaluation().rulebook; }
const std::vector<rules::Finding>& RegisterService::Locked::findings() const {
  return Evaluation().evaluation.findings;
}
model::Timestamp RegisterService::Locked::as_of() const { return Evaluation().as_of; }
const std::vector<uint32_t>& RegisterService::Locked::FindingsOfAdministration(
    const std::string& administration) const {
  static const std::vector<uint32_t> kNone;
  const auto& by = Evaluation().by_administration;
  const auto it = by.find(administration);
  return it == by.end() ? kNone : it->second;
}

void RegisterService::ForgetFindings() const {
  std::lock_guard lock(derived_mu_);
  if (derived_) previous_ = std::move(derived_);
}

template <class T>
void RegisterService::Wrote(const T* before, const T* after) const {
  std::lock_guard lock(derived_mu_);
  touched_.Note(before, after);
  if (derived_) previous_ = std::move(derived_);
}

void RegisterService::ForgetAll() const {
  std::lock_guard lock(derived_mu_);
  derived_.reset();
  previous_.reset();
  touched_.Clear();
}

Result<Versioned> RegisterService::Get(Kind kind, const std::string& id) const {
  std::shared_lock lock(mu_);
  return WithKind(kind, [&]<class T>(std::type_identity<T>) -> Result<Versioned> {
    const T* x = state_->Find<T>(id);
    if (x == nullptr) return NotFound(What(kind, id) + " finns inte / does not exist");
    const auto* cached = state_->CachedJson(kind, static_cast<size_t>(x - Items<T>(state_->reg).data()));
    return Versioned{cached != nullptr ? *cached : io::WriteEntity(*x), state_->Version(kind, id), id};
  });
}

Result<EntityPage> RegisterService::List(Kind kind, const ListQuery& query) const {
  if (query.limit > kMaxPageSize) return BadRequest("limit: at most " + std::to_string(kMaxPageSize));
  // The evaluation under the lock too: it reads the register, which a write may be changing otherwise.
  std::shared_lock lock(mu_);
  std::shared_ptr<const Derived> derived;
  if ((kind == Kind::kSystem && !query.committee.empty()) || (kind == Kind::kIncident && !query.administration.empty()))
    derived = DerivedAt(std::nullopt);
  const std::string folded = model::FoldCase(query.q);
  return WithKind(kind, [&]<class T>(std::type_identity<T>) -> Result<EntityPage> {
    const auto& all = Items<T>(state_->reg);
    std::vector<size_t> page;
    size_t total = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      if (!Matches(all[i], query, folded, derived ? &derived->index : nullptr)) continue;
      if (total >= query.offset && total - query.offset < query.limit) page.push_back(i);
      ++total;
    }
    const auto& json = state_->Json(kind, page);  // each entity's JSON, made once and kept with the read model
    EntityPage out{{}, total, query.limit, query.offset};
    out.items.reserve(page.size());
    for (const size_t i : page) out.items.push_back(json[i]);
    return out;
  });
}

Result<Versioned> RegisterService::Create(Kind kind, std::string_view body, const Actor& actor) {
  std::unique_lock lock(mu_);
  if (auto error = ReloadIfStale()) return *error;
  return CreateLocked(kind, body, actor);
}

Result<Versioned> RegisterService::CreateLocked(Kind kind, std::string_view body, const Actor& actor) {
  return WithKind(kind, [&]<class T>(std::type_identity<T>) -> Result<Versioned> {
    auto read = io::ReadEntity<T>(body);
    if (!read.value) return Invalid("the " + std::string(store::ToString(kind)) + " is not valid", read.problems);
    T entity = std::move(*read.value);
    if constexpr (std::is_same_v<T, model::Delegation> || std::is_same_v<T, model::ProcessorRecord>) {
      if (entity.id.empty()) {
        auto existing = Items<T>(state_->reg);
        existing.push_back(entity);
        AssignIds(existing, kind == Kind::kDelegation ? "delegation" : "processor-record");
        entity.id = existing.back().id;
      }
    }
    const std::string id = entity.id.str();
    if (state_->Find<T>(id) != nullptr)
      return Error{ErrorCode::kConflict,
                   "Finns redan / Already exists",
                   What(kind, id) + " already exists",
                   {{"$.id", "finns redan / already exists"}}};
    if constexpr (std::is_same_v<T, model::System>) {  // only the approve act stamps an approval (decisions.hpp)
      if (auto problems = KeepApprovalStamps(nullptr, entity); !problems.empty())
        return Invalid("the system is not valid", problems);
    }
    if (auto problem = MissingName(entity))
      return Invalid("the " + std::string(store::ToString(kind)) + " is not valid", {*problem});
    if (auto problems = RulebookProblems(entity); !problems.empty())
      return Invalid("the organization's rulebook is not valid", problems);
    if (auto problems = model::ValidateEntity(entity, *state_); !problems.empty())
      return Invalid("the " + std::string(store::ToString(kind)) + " refers to what does not exist", problems);
    const std::string json = io::WriteEntity(entity);
    try {
      const auto committed =
          store_->Apply({store::Change{{kind, id}, store::Entity(entity), std::nullopt, "", json}}, actor, clock_());
      Wrote<T>(nullptr, &entity);
      Items<T>(state_->reg).push_back(std::move(entity));
      state_->positions[static_cast<size_t>(kind)][id] = Items<T>(state_->reg).size() - 1;
      state_->JsonSet(kind, Items<T>(state_->reg).size() - 1, json);
      state_->versions[static_cast<size_t>(kind)][id] = committed.versions.at(0);
      Advance(committed.last_audit_seq, 1);
      return Versioned{json, committed.versions.at(0), id};
    } catch (const store::ConflictError& e) {
      state_->behind = true;  // the store may know better than this copy: someone else wrote
      return FromConflict(e);
    } catch (const store::StoreError& e) {
      state_->behind = true;  // the write may or may not have landed
      return Unavailable(e);
    }
  });
}

Result<Versioned> RegisterService::Replace(Kind kind, const std::string& id, std::string_view body, int64_t if_match,
                                           const Actor& actor) {
  return WithKind(kind, [&]<class T>(std::type_identity<T>) -> Result<Versioned> {
    auto read = io::ReadEntity<T>(body);
    // The id comes from the path; a body may omit it but must not contradict it.
    if (!read.value && !(read.problems.size() == 1 && read.problems[0].path == "$.id"))
      return Invalid("the " + std::string(store::ToString(kind)) + " is not valid", read.problems);
    if (!read.value) {
      auto again = io::ReadEntity<T>(body);  // only "$.id" missing: read what there is
      return Invalid("the " + std::string(store::ToString(kind)) + " is not valid", again.problems);
    }
    T entity = std::move(*read.value);
    if (entity.id.str() != id)
      return Invalid("the id in the body does not match the path", {{"$.id", "expected \"" + id + "\""}});
    std::unique_lock lock(mu_);
    if (auto error = ReloadIfStale()) return *error;
    const T* current = state_->Find<T>(id);
    if (current == nullptr) return NotFound(What(kind, id) + " finns inte / does not exist");
    const int64_t version = state_->Version(kind, id);
    if (version != if_match)
      return Error{ErrorCode::kPreconditionFailed,
                   "Ändrad av någon annan / Changed by someone else",
                   What(kind, id) + " is at version " + std::to_string(version) + ", not " + std::to_string(if_match) +
                       ": reload it and apply your change again",
                   {}};
    if constexpr (std::is_same_v<T, model::System>) {  // only the approve act stamps an approval (decisions.hpp)
      if (auto problems = KeepApprovalStamps(current, entity); !problems.empty())
        return Invalid("the system is not valid", problems);
    }
    if (auto problem = MissingName(entity))
      return Invalid("the " + std::string(store::ToString(kind)) + " is not valid", {*problem});
    if (auto problems = RulebookProblems(entity); !problems.empty())
      return Invalid("the organization's rulebook is not valid", problems);
    if (auto problems = model::ValidateEntity(entity, *state_); !problems.empty())
      return Invalid("the " + std::string(store::ToString(kind)) + " refers to what does not exist", problems);
    const std::string before = io::WriteEntity(*current);
    const std::string after = io::WriteEntity(entity);
    try {
      const auto committed =
          store_->Apply({store::Change{{kind, id}, store::Entity(entity), if_match, before, after}}, actor, clock_());
      const size_t pos = state_->positions[static_cast<size_t>(kind)].at(id);
      Wrote(current, &entity);
      Items<T>(state_->reg)[pos] = std::move(entity);
      state_->JsonSet(kind, pos, after);
      state_->versions[static_cast<size_t>(kind)][id] = committed.versions.at(0);
      Advance(committed.last_audit_seq, 1);
      return Versioned{after, committed.versions.at(0), id};
    } catch (const store::ConflictError& e) {
      state_->behind = true;
      return FromConflict(e);
    } catch (const store::StoreError& e) {
      state_->behind = true;
      return Unavailable(e);
    }
  });
}

Result<int64_t> RegisterService::Delete(Kind kind, const std::string& id, int64_t if_match,
                                        const DeleteOptions& options, const Actor& actor) {
  std::unique_lock lock(mu_);
  if (auto error = ReloadIfStale()) return *error;
  auto& state = *state_;
  return WithKind(kind, [&]<class T>(std::type_identity<T>) -> Result<int64_t> {
    const T* current = state.Find<T>(id);
    if (current == nullptr) return NotFound(What(kind, id) + " finns inte / does not exist");
    const int64_t version = state.Version(kind, id);
    if (version != if_match)
      return Error{ErrorCode::kPreconditionFailed,
                   "Ändrad av någon annan / Changed by someone else",
                   What(kind, id) + " is at version " + std::to_string(version) + ", not " + std::to_string(if_match),
                   {}};

    // A person's roles go with the person only when the client says so: removed, or handed to someone else.
    std::vector<store::Change> changes;
    std::map<std::string, model::System> changed_systems;
    if constexpr (std::is_same_v<T, model::Person>) {
      if (options.roles != RolePolicy::kRefuse) {
        if (options.roles == RolePolicy::kReassign && state.Find<model::Person>(options.reassign_to) == nullptr)
          return Invalid("reassign_to names no person",
                         {{"reassign_to", "unknown person \"" + options.reassign_to + "\""}});
        for (const auto& s : state.reg.systems) {
          if (std::none_of(s.roles.begin(), s.roles.end(),
                           [&](const auto& r) { return r.person && r.person->str() == id; }))
            continue;
          model::System copy = s;
          std::erase_if(copy.roles, [&](const auto& r) {
            if (!r.person || r.person->str() != id) return false;
            return options.roles == RolePolicy::kRemove;
          });
          for (auto& r : copy.roles)
            if (r.person && r.person->str() == id) r.person = model::PersonId(options.reassign_to);
          changed_systems.emplace(s.id.str(), std::move(copy));
        }
      }
    }
    // Everything else that still refers to the entity refuses the delete, each place named.
    const WithoutOne lookup(state, kind, id);
    std::vector<model::Problem> refs;
    ForEachCollection(state.reg, [&](const auto& items) {
      for (size_t i = 0; i < items.size() && refs.size() < 50; ++i) {
        const auto* x = &items[i];
        using U = std::decay_t<decltype(*x)>;
        if constexpr (std::is_same_v<U, model::System>)
          if (auto it = changed_systems.find(x->id.str()); it != changed_systems.end()) x = &it->second;
        for (auto& p : model::ValidateEntity(
                 *x, lookup, std::string(store::ToString(KindOfType<U>())) + " \"" + x->id.str() + "\""))
          refs.push_back({p.path, "refers to " + What(kind, id)});
      }
    });
    if (!refs.empty())
      return Error{ErrorCode::kConflict, "Används fortfarande / Still referenced",
                   What(kind, id) + " is still referred to" +
                       (kind == Kind::kPerson ? "; say what happens to the person's roles with ?roles=remove or "
                                                "?roles=reassign&reassign_to=<person>"
                                              : ""),
                   refs};

    for (const auto& [sid, copy] : changed_systems) {
      const auto* old = state.Find<model::System>(sid);
      changes.push_back({{Kind::kSystem, sid},
                         store::Entity(copy),
                         state.Version(Kind::kSystem, sid),
                         io::WriteEntity(*old),
                         io::WriteEntity(copy)});
    }
    changes.push_back({{kind, id}, std::nullopt, if_match, io::WriteEntity(*current), ""});
    try {
      const auto committed = store_->Apply(changes, actor, clock_());
      for (size_t i = 0; i + 1 < changes.size(); ++i) {
        const auto& sid = changes[i].key.id;
        const size_t pos = state.positions[static_cast<size_t>(Kind::kSystem)].at(sid);
        Wrote(&state.reg.systems[pos], &changed_systems.at(sid));
        state.reg.systems[pos] = changed_systems.at(sid);
        state.JsonSet(Kind::kSystem, pos, changes[i].after_json);
        state.versions[static_cast<size_t>(Kind::kSystem)][sid] = committed.versions.at(i);
      }
      auto& items = Items<T>(state.reg);
      const size_t pos = state.positions[static_cast<size_t>(kind)].at(id);
      Wrote(&items[pos], static_cast<const T*>(nullptr));
      items.erase(items.begin() + static_cast<std::ptrdiff_t>(pos));
      state.JsonErase(kind, pos);
      state.versions[static_cast<size_t>(kind)].erase(id);
      state.Reindex(kind);
      Advance(committed.last_audit_seq, changes.size());
      return int64_t{0};
    } catch (const store::ConflictError& e) {
      state.behind = true;
      return FromConflict(e);
    } catch (const store::StoreError& e) {
      state.behind = true;
      return Unavailable(e);
    }
  });
}

std::string RegisterService::ExportRegister() const {
  std::shared_lock lock(mu_);
  return io::WriteRegister(state_->reg);
}

bool RegisterService::MayReadBreach(const std::string& incident_id, const BreachAccess& access,
                                    const rules::RegisterIndex& index) const {
  if (access.level == BreachAccess::Level::kAll) return true;
  if (access.level == BreachAccess::Level::kNone) return false;
  const auto& incidents = index.reg().incidents;
  const auto it = std::find_if(incidents.begin(), incidents.end(),
                               [&](const model::Incident& x) { return x.id.str() == incident_id; });
  return it != incidents.end() && IncidentOfAdministration(*it, access.administration, &index);
}

void RegisterService::KeepReadableBreaches(model::Register& reg, const BreachAccess& access) const {
  if (access.level == BreachAccess::Level::kAll) return;
  if (access.level == BreachAccess::Level::kNone) {
    reg.incidents.clear();
    return;
  }
  std::shared_lock lock(mu_);
  const auto d = DerivedAt(std::nullopt);  // the register of today decides what concerns the administration
  std::erase_if(reg.incidents, [&](const model::Incident& x) {
    return !IncidentOfAdministration(x, access.administration, &d->index);
  });
}

std::string RegisterService::ExportRegister(const BreachAccess& access) const {
  if (access.level == BreachAccess::Level::kAll) return ExportRegister();
  model::Register reg;
  {
    std::shared_lock lock(mu_);
    reg = state_->reg;
  }
  KeepReadableBreaches(reg, access);
  return io::WriteRegister(reg);
}

void RegisterService::RedactBreaches(std::vector<store::AuditEntry>& entries, const BreachAccess& access) const {
  if (access.level == BreachAccess::Level::kAll) return;
  std::shared_ptr<const Derived> d;
  if (access.level == BreachAccess::Level::kAdministration) {
    std::shared_lock lock(mu_);
    d = DerivedAt(std::nullopt);
  }
  // A breach is reached when either image of it concerns the administration (a breach moved away stays readable in
  // the entry that moved it).
  const auto reached = [&](const std::string& image) {
    if (image.empty() || !d) return false;
    const auto read = io::ReadEntity<model::Incident>(image);
    return read.value && IncidentOfAdministration(*read.value, access.administration, &d->index);
  };
  for (auto& e : entries) {
    if (e.kind != Kind::kIncident) continue;
    if (reached(e.before_json) || reached(e.after_json)) continue;
    e.before_json.clear();
    e.after_json.clear();
  }
}

Result<RegisterChanges> RegisterService::ImportRegister(std::string_view body, const Actor& actor) {
  auto read = io::ReadRegister(body);
  if (!read.reg) return Invalid("the register is not valid; nothing was changed", read.problems);
  return ReplaceWith(std::move(*read.reg), actor, std::nullopt);
}

RegisterService::Snapshot RegisterService::Current() const {
  std::shared_lock lock(mu_);
  return {state_->reg, state_->last_seq};
}

// The audit images of one kind's changes (`images[i]`: the before and after entity of `audit[first + i]`, either
// may be null), written on two threads when there are many (a national import: 601,059 entities, 520 MB of JSON).
template <class T>
static void WriteImages(std::vector<store::Change>& audit, size_t first,
                        const std::vector<std::pair<const T*, const T*>>& images) {
  auto write = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      auto& c = audit[first + i];
      if (images[i].first != nullptr) c.before_json = io::WriteEntity(*images[i].first);
      if (images[i].second != nullptr) c.after_json = io::WriteEntity(*images[i].second);
    }
  };
  constexpr size_t kParallelFrom = 2000;
  if (images.size() < kParallelFrom || std::thread::hardware_concurrency() < 2) {
    write(0, images.size());
    return;
  }
  const size_t half = images.size() / 2;
  std::exception_ptr failed;
  std::thread second([&] {
    try {
      write(half, images.size());
    } catch (...) {
      failed = std::current_exception();
    }
  });
  try {
    write(0, half);
  } catch (...) {
    second.join();
    throw;
  }
  second.join();
  if (failed) std::rethrow_exception(failed);
}

// One audit change per entity created, changed or removed between the state and `next`.
template <class State>
static std::vector<store::Change> Changes(const State& state, const model::Register& next, RegisterChanges& n) {
  std::vector<store::Change> audit;
  ForEachCollection(next, [&](const auto& items) {
    using T = typename std::decay_t<decltype(items)>::value_type;
    const Kind kind = KindOfType<T>();
    const size_t first = audit.size();
    std::vector<std::pair<const T*, const T*>> images;  // before, after: written once the kind's changes are known
    model::IdMap<char> seen;                            // views of next's ids (a national import: 600,000 of them)
    seen.Reserve(items.size());
    for (const auto& x : items) {
      seen.Insert(x.id.str(), 1);
      const T* old = state.template Find<T>(x.id.str());
      if (old == nullptr) {
        ++n.created;
        audit.push_back({{kind, x.id.str()}, std::nullopt, std::nullopt, "", ""});
        images.emplace_back(nullptr, &x);
      } else if (!(*old == x)) {
        ++n.updated;
        audit.push_back({{kind, x.id.str()}, std::nullopt, state.Version(kind, x.id.str()), "", ""});
        images.emplace_back(old, &x);
      } else {
        ++n.unchanged;
      }
    }
    for (const auto& old : Items<T>(state.reg)) {
      if (seen.Contains(old.id.str())) continue;
      ++n.deleted;
      audit.push_back({{kind, old.id.str()}, std::nullopt, state.Version(kind, old.id.str()), "", ""});
      images.emplace_back(&old, nullptr);
    }
    WriteImages(audit, first, images);
  });
  return audit;
}

Result<RegisterChanges> RegisterService::ReplaceWith(model::Register next, const Actor& actor,
                                                     std::optional<int64_t> expected_seq) {
  AssignIds(next.delegations, "delegation");
  AssignIds(next.processor_records, "processor-record");
  if (auto problems = model::Validate(next); !problems.empty())
    return Invalid("the register is not valid; nothing was changed", problems);
  std::unique_lock lock(mu_);
  if (auto error = ReloadIfStale()) return *error;
  if (expected_seq && *expected_seq != state_->last_seq)
    return Error{ErrorCode::kPreconditionFailed,
                 "Ändrad av någon annan / Changed by someone else",
                 "the register changed since it was read; read it again and repeat",
                 {}};
  RegisterChanges n;
  const auto audit = Changes(*state_, next, n);
  store::Committed committed;
  try {
    committed = store_->ReplaceRegister(next, audit, actor, clock_());
  } catch (const store::ConflictError& e) {
    state_->behind = true;
    return FromConflict(e);
  } catch (const store::StoreError& e) {
    state_->behind = true;
    return Unavailable(e);
  }
  // What is stored now is `next`, with the versions the store gave the entities the audit names and the old ones
  // for the rest: the read model takes it as it is rather than loading it back (a national register: the time of a
  // start). Unless another instance wrote between the last read and this replace: then its versions are the
  // store's, and everything is loaded again.
  if (committed.last_audit_seq != state_->last_seq + static_cast<int64_t>(audit.size())) {
    try {
      Reload();
    } catch (const store::StoreError&) {
      state_->stale = true;  // stored; this copy loads it again on the next request
    }
    return n;
  }
  auto fresh = std::make_unique<State>();
  fresh->versions = std::move(state_->versions);
  for (size_t i = 0; i < audit.size(); ++i) {
    auto& versions = fresh->versions[static_cast<size_t>(audit[i].key.kind)];
    if (committed.versions[i] == 0)
      versions.erase(audit[i].key.id);
    else
      versions[audit[i].key.id] = committed.versions[i];
  }
  fresh->reg = std::move(next);
  fresh->last_seq = committed.last_audit_seq;
  fresh->replace_count = committed.replace_count;
  Install(std::move(fresh), state_);
  ForgetAll();
  return n;
}

Result<RegisterChanges> RegisterService::Diff(const model::Register& next) const {
  if (auto problems = model::Validate(next); !problems.empty()) return Invalid("the register is not valid", problems);
  std::shared_lock lock(mu_);
  RegisterChanges n;
  n.changes = Changes(*state_, next, n);
  n.listed = true;
  return n;
}

Result<model::Register> RegisterService::RegisterAsOf(model::Timestamp as_of) const {
  // The trail is read a page at a time (app/audit_replay.hpp); only the last image of each entity is kept.
  internal::AuditReplay replay;
  try {
    internal::ForEachAuditEntry(*store_, as_of, [&](const store::AuditEntry& e) { replay.Apply(e); });
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
  std::string overrides;
  {
    std::shared_lock lock(mu_);
    overrides = state_->reg.rulebook_overrides;
  }
  return replay.Build(as_of, overrides);
}

Result<std::vector<store::AuditEntry>> RegisterService::Audit(const store::AuditFilter& filter) const {
  try {
    return store_->ReadAudit(filter);
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
}

store::AuditVerification RegisterService::VerifyAudit() const { return store_->VerifyAudit(); }

}  // namespace ansvar::app
