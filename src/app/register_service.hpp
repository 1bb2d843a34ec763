#pragma once
// The register as a service: every use case of the REST API and the CLI over one store.
//
// The service keeps the register in memory as its read model (reads never touch the database) and writes
// through to the store, one transaction per use case, each change recorded in the hash-chained audit trail.
// Readers share a lock; a writer holds it alone. The findings are evaluated lazily and cached until the next
// write (or for a minute, since deadlines move with the clock).
#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/breach_access.hpp"
#include "app/result.hpp"
#include "rules/catalog.hpp"
#include "rules/check.hpp"
#include "rules/derive.hpp"
#include "rules/finding.hpp"
#include "rules/rulebook.hpp"
#include "rules/touched.hpp"
#include "store/store.hpp"

namespace ansvar::app {

using store::Actor;
using store::Kind;

// One entity: as the register format writes it (io::WriteEntity), its version (the ETag) and its id (a created
// delegation's is assigned: what a Location names).
struct Versioned {
  std::string json;
  int64_t version = 0;
  std::string id;
};

// A page of a list: each entity as the register format writes it (io::WriteEntity, kept with the read model).
struct EntityPage {
  std::vector<std::string> items;
  size_t total = 0;
  size_t limit = 0;
  size_t offset = 0;
};

// What replacing the register changed (or, from Diff, would change), counted by entity; Diff lists each change
// (`listed`) with the audit trail's before and after images.
struct RegisterChanges {
  size_t created = 0, updated = 0, deleted = 0, unchanged = 0;
  bool listed = false;
  std::vector<store::Change> changes;
};

// The findings summary of the register as it stood at one point of a trend.
struct TrendPoint {
  model::Timestamp as_of;
  size_t systems = 0;
  rules::Summary summary;
};

// Counts by severity per group (FindingsSummary): the group's key, its name, and for subjects its type.
struct SummaryGroup {
  std::string type;
  std::string key;
  std::string name;
  rules::Summary counts;
};
struct GroupedSummary {
  model::Timestamp as_of;
  std::string group_by;
  std::vector<SummaryGroup> groups;  // most errors first, then most warnings
};

// A finding with its subject's name and its message in the query's language, copied out under the lock.
struct FindingLine {
  rules::Finding finding;
  std::string subject_name;
  std::string message;
};
// A page of the findings a query selects, with the summary of all it selects.
struct FindingsPage {
  model::Timestamp as_of;
  std::vector<FindingLine> items;  // the page
  rules::Summary summary;          // of all selected
  size_t total = 0;
  size_t limit = 0;
  size_t offset = 0;
};

// Who is responsible for a system and why (Responsibilities): the derived fields of spec/register-format.md
// ("derive") with the delegations and powers of attorney that give the DPA's decider and signer the right,
// copied out under the lock. The API writes it as JSON (http/answers.cpp).
struct ResponsiblePerson {
  std::string id;
  std::string name;
  std::optional<model::Title> title;
};
struct DelegationLink {
  std::string id;
  std::string committee;
  std::string matter;  // the wire value, "other:<text>" for another matter
  std::string decision;
  std::optional<model::Date> valid_from, valid_to;
};
// A holder of a role: a person, or a committee (a role a committee holds as a whole).
struct RoleHolder {
  std::optional<ResponsiblePerson> person;
  std::string committee;  // when person is empty
};
struct RoleHolding {
  model::RoleKind role = model::RoleKind::kOwner;
  bool mandatory = false;
  std::vector<RoleHolder> holders;
};
struct DocumentPresence {
  model::DocumentKind kind = model::DocumentKind::kBaseContract;
  bool mandatory = false;
  std::vector<std::string> present;  // document ids
};
struct PowerOfAttorneyLink {
  std::string id;
  std::string committee;
  std::optional<ResponsiblePerson> holder, issued_by;
  std::optional<model::Date> issued_on;
  std::optional<DelegationLink> delegation;  // the delegation to issue it, if any
};
struct Explanation {
  std::string_view rule;
  std::string_view sv, en;
};
struct SystemResponsibilities {
  std::string id;
  std::string name;
  model::Timestamp as_of;
  std::vector<std::string> controllers;  // committee ids, sorted
  std::optional<std::string> internal_processor;
  bool joint_controllers = false;  // two or more committees sharing the system for their own purposes (§5.1)
  std::optional<ResponsiblePerson> owner;
  std::optional<std::string> owner_committee;
  std::vector<RoleHolding> roles;  // held or mandatory
  std::vector<model::RoleKind> mandatory_roles;
  std::vector<DocumentPresence> documents;  // present or mandatory
  std::vector<model::DocumentKind> mandatory_documents;
  // R-DPA-DECIDER: who decides and signs the DPA, and the chain that gives them the right.
  rules::DpaDeciderCase dpa_case = rules::DpaDeciderCase::kNone;
  std::vector<std::string> dpa_committees;  // the deciding committees (not for kNone and kDeputyDirector)
  Explanation dpa_explanation;
  std::vector<DelegationLink> dpa_delegations;
  std::vector<std::string> missing_delegations;
  std::vector<ResponsiblePerson> signers;
  std::vector<PowerOfAttorneyLink> powers_of_attorney;
  std::vector<std::string> missing_powers_of_attorney;
  // R-INC-HANDLER
  std::optional<std::string> incident_handler;
  Explanation incident_explanation;
};

// List filters; each applies to the kinds that have the field (category, scope, lifecycle: systems;
// administration: systems (owner or user), people; committee: systems (controller), activities, delegations …).
struct ListQuery {
  std::string category, scope, lifecycle, administration, committee, person, q;
  size_t limit = 100;
  size_t offset = 0;
};

struct FindingsQuery {
  std::optional<rules::Severity> severity;
  std::string rule, subject_type, subject_id, administration, committee;
  std::optional<model::Timestamp> as_of;
  rules::Lang lang = rules::Lang::kSv;
  size_t limit = 500;
  size_t offset = 0;
};

// What happens to a person's roles when the person is deleted.
enum class RolePolicy { kRefuse, kRemove, kReassign };
struct DeleteOptions {
  RolePolicy roles = RolePolicy::kRefuse;
  std::string reassign_to;
};

inline constexpr size_t kMaxPageSize = 5000;

class RegisterService {
  struct Derived;  // the evaluation of one version of the register (service_state.hpp)
  struct State;    // the read model (service_state.hpp)

 public:
  using Clock = std::function<model::Timestamp()>;

  RegisterService(std::unique_ptr<store::Store> store, rules::Rulebook rulebook, Clock clock);
  ~RegisterService();
  RegisterService(const RegisterService&) = delete;
  RegisterService& operator=(const RegisterService&) = delete;

  Result<Versioned> Get(Kind kind, const std::string& id) const;
  Result<EntityPage> List(Kind kind, const ListQuery& query) const;
  Result<Versioned> Create(Kind kind, std::string_view body, const Actor& actor);
  // Replaces the entity; `if_match` is the version the client last read (412 when someone else changed it).
  Result<Versioned> Replace(Kind kind, const std::string& id, std::string_view body, int64_t if_match,
                            const Actor& actor);
  Result<int64_t> Delete(Kind kind, const std::string& id, int64_t if_match, const DeleteOptions& options,
                         const Actor& actor);

  std::string ExportRegister() const;
  // The same without the breaches `access` does not reach (issue 15: the register export is no way around the
  // incident register's access).
  std::string ExportRegister(const BreachAccess& access) const;
  // Removes from `reg` the breaches `access` does not reach.
  void KeepReadableBreaches(model::Register& reg, const BreachAccess& access) const;
  // Empties the before and after images of the breaches' audit entries `access` does not reach: the entries keep
  // their place in the trail (seq, time, actor, action, hash), their content is not shown.
  void RedactBreaches(std::vector<store::AuditEntry>& entries, const BreachAccess& access) const;
  // Whether `access` reaches the breach `incident_id` (as the incident register decides, auth/policy.hpp).
  [[nodiscard]] bool MayReadBreach(const std::string& incident_id, const BreachAccess& access,
                                   const rules::RegisterIndex& index) const;
  // The register as it stood at `as_of`, rebuilt from the audit trail.
  Result<model::Register> RegisterAsOf(model::Timestamp as_of) const;
  // The findings summary at each of the last `weeks` weeks: the register as it stood then, checked then.
  Result<std::vector<TrendPoint>> Trend(int weeks) const;
  // Validates all of it first; a bad document changes nothing. Answers what changed (counted).
  Result<RegisterChanges> ImportRegister(std::string_view body, const Actor& actor);

  // A copy of the register and the audit position it reflects, for use cases that compute a new register
  // (a spreadsheet import) and then apply it with ReplaceWith.
  struct Snapshot {
    model::Register reg;
    int64_t seq = 0;
  };
  Snapshot Current() const;
  // The rulebook the service was started with (defaults and --rulebook), before the register's own overrides.
  [[nodiscard]] const rules::Rulebook& BaseRulebook() const { return base_rulebook_; }
  // Replaces the register with `next` (validated whole) in one transaction; with `expected_seq`, only if nothing
  // changed since that snapshot (412 otherwise). Answers what changed (counted).
  Result<RegisterChanges> ReplaceWith(model::Register next, const Actor& actor, std::optional<int64_t> expected_seq);
  // What ReplaceWith would change, without changing anything: counted, and each change listed.
  Result<RegisterChanges> Diff(const model::Register& next) const;

  // A page of the findings the query selects (its offset and limit), with the summary of all it selects.
  Result<FindingsPage> Findings(const FindingsQuery& query) const;
  // Evaluates the register now, so that the first request for findings finds them made (`ansvar serve` calls it
  // on a thread of its own at start: about 0.8 s of CPU on a national register). A request meanwhile waits for this
  // evaluation rather than starting another.
  void PrepareFindings() const;
  // The findings a query selects (no paging), each with its subject's name and its message in the query's
  // language: what a printed findings report needs. Copied out under the lock.
  using FindingLine = app::FindingLine;
  struct FindingsReport {
    model::Timestamp as_of;
    std::vector<FindingLine> lines;
  };
  Result<FindingsReport> SelectFindings(const FindingsQuery& query) const;
  // Counts by severity per group: "severity", "rule", "subject", "administration" or "committee".
  Result<GroupedSummary> FindingsSummary(const std::string& group_by, std::optional<model::Timestamp> as_of) const;
  // The effective rulebook (defaults, --rulebook, the register's own overrides).
  // With an organization id: that organization's effective rulebook (its own overrides on top).
  Result<rules::Rulebook> EffectiveRulebook(const std::string& organization = {}) const;
  Result<SystemResponsibilities> Responsibilities(const std::string& system_id) const;
  // The audit trail's entries the filter selects, oldest first.
  Result<std::vector<store::AuditEntry>> Audit(const store::AuditFilter& filter) const;
  store::AuditVerification VerifyAudit() const;

  // Catches up with changes other instances wrote to a shared database: cheap when there are none, their audit
  // entries applied one by one when there are a few, everything loaded again after a whole-register replace.
  // While the store is unreachable it keeps what it has (a write then fails with 503).
  void Refresh();
  [[nodiscard]] size_t Count(Kind kind) const;

  // ---- For the features beside the register (cycle, measures …): a read snapshot, the clock ----

  // The register and its evaluation as a lock holds them (a Reader's or a Writer's): valid while it lives. The
  // evaluation (index, effective rulebook, findings) is taken from the cache, or made, when first asked for: a use
  // case that reads the register alone does not evaluate it.
  class Locked {
   public:
    [[nodiscard]] const model::Register& reg() const;
    // The register's ids by collection, what model::Check and the document checks want.
    [[nodiscard]] const model::Lookup& lookup() const;
    // An entity by id, nullptr when there is none (without evaluating the register).
    template <class T>
    [[nodiscard]] const T* Find(const std::string& id) const;
    // The entity's version (its ETag), 0 when there is none.
    [[nodiscard]] int64_t version(Kind kind, const std::string& id) const;
    [[nodiscard]] const rules::RegisterIndex& index() const;
    [[nodiscard]] const rules::Rulebook& rulebook() const;  // the effective rulebook
    [[nodiscard]] const std::vector<rules::Finding>& findings() const;
    // The positions in findings() of those that concern the administration (none: empty).
    [[nodiscard]] const std::vector<uint32_t>& FindingsOfAdministration(const std::string& administration) const;
    [[nodiscard]] model::Timestamp as_of() const;  // of the evaluation (cached for up to a minute)

   protected:
    explicit Locked(const RegisterService& service) : s_(service) {}
    const RegisterService& s_;
    mutable std::shared_ptr<const Derived> derived_;

   private:
    const Derived& Evaluation() const;
  };
  // A read snapshot: holds the shared lock while it lives (writers wait), so keep it short and copy out what must
  // outlive it.
  class Reader : public Locked {
   public:
    explicit Reader(const RegisterService& service);

   private:
    std::shared_lock<std::shared_mutex> lock_;
  };
  // A write: holds the exclusive lock while it lives, with a stale copy loaded again first, so that what a use case
  // decides before it writes (whether someone may act: Decisions) is judged on the register as the write finds it.
  // Check error() first: the store may be unreachable.
  class Writer : public Locked {
   public:
    explicit Writer(RegisterService& service);
    // Why nothing may be written (the store is unreachable), if so.
    [[nodiscard]] const std::optional<Error>& error() const { return error_; }
    // Create's check and write (as Create, under this lock).
    Result<Versioned> Create(Kind kind, std::string_view body, const Actor& actor);
    // Writes changes of existing entities (each with its new entity, the version it expects and its before and after
    // images) in one transaction and audits them; then the read model holds them, and the evaluation goes. Answers
    // the new versions, change by change: kPreconditionFailed when one changed meanwhile, kUnavailable when the
    // store fails.
    Result<std::vector<int64_t>> Update(const std::vector<store::Change>& changes, const Actor& actor);

   private:
    RegisterService& w_;
    std::unique_lock<std::shared_mutex> lock_;
    std::optional<Error> error_;
  };
  // Calls fn(const Reader&) with a read snapshot and answers what it answers.
  template <class F>
  decltype(auto) Read(F&& fn) const {
    const Reader reader(*this);
    return std::forward<F>(fn)(reader);
  }
  // Calls fn(Writer&) under the exclusive lock (the store's error when a stale copy cannot be loaded again) and
  // answers what it answers: a Result.
  template <class F>
  auto Write(F&& fn) -> std::invoke_result_t<F&, Writer&> {
    Writer writer(*this);
    if (writer.error()) return *writer.error();
    return fn(writer);
  }
  // What lives beside the register (records and documents: the annual cycle's bookkeeping, accounts, publications);
  // the register itself is changed only through the service.
  [[nodiscard]] store::Beside& Beside() const { return *store_; }
  // The service's clock.
  [[nodiscard]] model::Timestamp Now() const { return clock_(); }
  // Drops the cached evaluation: something beside the register that the findings include changed (the operational
  // messages, R-MSG-STALE); the next read evaluates again (taking up what the register's families found: the
  // register did not change).
  void ForgetFindings() const;
  // How many live evaluations were made in full, and how many took the last one up after writes (rules::Reevaluate).
  struct EvaluationCounts {
    size_t full = 0;
    size_t taken_up = 0;
  };
  [[nodiscard]] EvaluationCounts Evaluations() const;

 private:
  std::shared_ptr<const Derived> DerivedAt(const std::optional<model::Timestamp>& as_of) const;
  std::vector<const rules::Finding*> Select(const Derived& d, const FindingsQuery& q,
                                            const std::optional<rules::RuleId>& rule) const;
  void Reload();
  // Applies other instances' audit entries to the state (under the write lock); false when it cannot (a
  // whole-register replace happened, too many entries, or one does not fit): the caller reloads in full.
  bool CatchUp();
  // Before a write: loads everything again when the state is stale; the error when the store is unreachable.
  std::optional<Error> ReloadIfStale();
  // Create's check and write, with mu_ already held alone (and ReloadIfStale done): a use case that must decide
  // whether it may write under the same lock as the write (Decisions::Decide) calls this.
  Result<Versioned> CreateLocked(Kind kind, std::string_view body, const Actor& actor);
  // After a write of `n` audit entries that ended at `seq`: stale when others wrote in between.
  void Advance(int64_t seq, size_t n);

  std::unique_ptr<store::Store> store_;
  rules::Rulebook base_rulebook_;
  Clock clock_;
  mutable std::shared_mutex mu_;
  std::unique_ptr<State> state_;
  mutable std::mutex derived_mu_;
  mutable std::shared_ptr<const Derived> derived_;
  // After writes, the last evaluation is kept aside with what the writes touched (both under derived_mu_), so that
  // the next evaluation takes it up (rules::Reevaluate) instead of evaluating everything again.
  mutable std::shared_ptr<const Derived> previous_;
  mutable rules::Touched touched_;
  mutable EvaluationCounts evaluations_;
  // A write of one entity (under the exclusive lock, before the read model holds it): `before` null when created,
  // `after` when deleted. The evaluation is set aside.
  template <class T>
  void Wrote(const T* before, const T* after) const;
  // The read model was replaced or caught up with others' writes: nothing of the evaluation is taken up.
  void ForgetAll() const;
  // Trend answers by weeks, valid while the trail's head is the same and for a minute (findings_view.cpp).
  struct TrendAnswer {
    int64_t head = 0;
    std::chrono::steady_clock::time_point built;
    std::vector<TrendPoint> points;
  };
  mutable std::mutex trend_mu_;
  mutable std::map<int, TrendAnswer> trend_cache_;
};

}  // namespace ansvar::app
