#pragma once
// Who may do what: the one decision of access control (issue 6, docs/access-control.md "The policy"), asked by the
// HTTP middleware (http/access.cpp) before any route handler runs, for the API and the web UI alike. Pure: it reads
// the principal, the request and what it asks of the register through RegisterFacts, and nothing else.
//
// Reads are open to every signed-in role, except the incident register (issue 15): admin and dpo read all of it, a
// data_protection_contact the breaches of its administration A (as for writes below), other roles none. Writes:
//   admin                    everything
//   dpo                      processing activities, processor records, incidents, data subject requests, agreements
//   data_protection_contact  processing activities, incidents and data subject requests of its administration A:
//                            an activity whose controller is one of A's committees; an incident whose system is owned
//                            by A or whose controllers or handler include one of A's committees; a request whose
//                            controllers include one of A's committees
//   steward                  systems where the account's person holds a role
//   reader                   nothing
// A scoped write must hold for the entity as stored AND as written: nothing moves out of or into a scope.
// Operational messages: admin, and stewards of the message's system. Calendar feeds: any role for its own person,
// admin for administrations and organizations. Accounts, API tokens and imports: admin.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "auth/role.hpp"
#include "model/register.hpp"
#include "model/validate.hpp"

namespace ansvar::auth {

// Who asks: the account and what the register ties it to.
struct Principal {
  std::string account;
  Role role = Role::kReader;
  std::string administration;  // a data_protection_contact's administration
  std::string person;          // the person of the register the account is
};

enum class Operation { kRead, kCreate, kUpdate, kDelete };

enum class Resource {
  kEntity,              // one entity of the register (Request::kind, stored, written)
  kRegister,            // the whole register: export is a read, import a replace
  kSpreadsheetImport,   // POST /imports, dry run or not
  kAccount,             // accounts and their passwords
  kApiToken,            // API tokens of integrations
  kCredentialTrail,     // an account's or an API token's trail: sign-ins, failures, uses, changes (admin, DPO)
  kOperationalMessage,  // driftinformation (Request::systems)
  kCalendarFeed,        // a calendar feed's secret token (Request::feed_scope, feed_id)
  kOwnSession,          // signing out, reading one's own session
  kOwnBreachReport,     // reporting a breach, following one's own reports: every signed-in account (issue 15)
  kOther,               // findings, rules, due items, audit, exports: reads
  // An act the register entitles a person to (deciding on a processor under delegation, approving a plan, reporting
  // delegated decisions): open to every signed-in account here; the use case decides from the register whether the
  // account's person is entitled (app/decisions.hpp) and refuses naming why.
  kPersonalAct,
};

enum class FeedScope { kPerson, kAdministration, kOrganization };

// An entity of the register, borrowed for the decision.
using EntityRef =
    std::variant<std::monostate, const model::Organization*, const model::Committee*, const model::Administration*,
                 const model::Person*, const model::System*, const model::Delegation*, const model::PowerOfAttorney*,
                 const model::ProcessingActivity*, const model::ProcessorRecord*, const model::Incident*,
                 const model::DataSubjectRequest*, const model::Agreement*, const model::Cooperation*,
                 const model::DpaDecision*>;

struct Request {
  Operation op = Operation::kRead;
  Resource resource = Resource::kOther;
  std::optional<model::Collection> kind;  // kEntity
  EntityRef stored;                       // kEntity: as stored (update, delete)
  EntityRef written;                      // kEntity: as written (create, update)
  std::vector<std::string> systems;       // kOperationalMessage: its system as stored and as written
  FeedScope feed_scope = FeedScope::kPerson;
  std::string feed_id;
};

// What the policy asks of the register. The HTTP layer answers from the register service, tests from a register.
class RegisterFacts {
 public:
  virtual ~RegisterFacts() = default;
  [[nodiscard]] virtual const model::Administration* FindAdministration(std::string_view id) const = 0;
  [[nodiscard]] virtual const model::System* FindSystem(std::string_view id) const = 0;
};

// Over a register in memory.
class RegisterIndexFacts final : public RegisterFacts {
 public:
  explicit RegisterIndexFacts(const model::Register& reg);
  [[nodiscard]] const model::Administration* FindAdministration(std::string_view id) const override;
  [[nodiscard]] const model::System* FindSystem(std::string_view id) const override;

 private:
  std::unordered_map<std::string, const model::Administration*> administrations_;
  std::unordered_map<std::string, const model::System*> systems_;
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, safe to show the caller (English; no data beyond the request's own)
  explicit operator bool() const { return allowed; }
};

Decision Decide(const Principal& who, const Request& what, const RegisterFacts& facts);

// Whether `role` may write entities of `kind` at all, in some scope: when a body cannot be read, the middleware lets
// such a request reach the handler (which refuses the body, 400/422) and refuses the others (403).
bool MayWriteKind(Role role, model::Collection kind);

// Whether `role` may read the incident register at all (issue 15): admin, dpo, data_protection_contact (its
// administration's breaches only). Every role may report a breach and follow its own reports.
bool MayReadIncidentRegister(Role role);

}  // namespace ansvar::auth
