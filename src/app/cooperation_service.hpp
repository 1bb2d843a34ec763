#pragma once
// Cooperations and organizations' rulebooks as the pages show them (issue 13): an organization's effective rulebook
// with where each value comes from; a cooperation with its parties' status, the art. 26 responsibility matrix, its
// documents and their renewals, its findings, its annual cycle and shared systems; and the essence of the
// arrangement for the data subjects (art. 26.2), which an administrator publishes: Ansvar then serves it without
// signing in. The publication lives beside the register (store documents "essence_publications", one per
// cooperation, every change in the store's document trail), not in the exchange format: it says what this service
// shows the public, not a fact of the register. Like CycleService it keeps no state of its own.
#include <optional>
#include <string>
#include <vector>

#include "app/exports.hpp"
#include "app/register_service.hpp"
#include "io/essence_publication.hpp"
#include "io/rulebook_sources.hpp"
#include "model/register.hpp"

namespace ansvar::app {

struct OrganizationRef {
  std::string id, name, kind;
  bool has_overrides = false;
};

struct RulebookView {
  std::string organization;  // empty: the register's own effective rulebook
  std::string organization_name;
  int64_t version = 0;  // the organization's version (its ETag), for the edit that follows
  std::vector<io::RulebookSettingSource> settings;
  std::vector<OrganizationRef> organizations;  // every organization of the register, to choose from
};

struct FindingView {
  rules::Finding finding;
  std::string subject_name;
  std::string message;
};

// A party's status in the cooperation: decided (joining decision and date on or before today), not decided, or
// missing (uses a system of the cooperation without being a party: R-COOP-PARTIES).
enum class PartyStatus { kDecided, kNotDecided, kMissing };
std::string_view ToString(PartyStatus s);

struct PartyView {
  std::string organization;
  std::string organization_name;
  std::string committee;
  std::string committee_name;
  std::optional<model::Date> joined_on;
  std::string decision;
  PartyStatus status = PartyStatus::kDecided;
  std::vector<std::string> rules;  // the rule ids of the cooperation's findings that name this organization
};

// One duty of the arrangement: who bears it (a party's organization id, "each", or empty: nobody).
struct DutyView {
  std::string duty;
  std::string assigned;
  bool required = false;  // in the lead's cooperation_duties
  bool finding = false;   // R-COOP-RESPONSIBILITY reports it
};

enum class DueState { kDone, kOk, kSoon, kOverdue, kMissing };
std::string_view ToString(DueState s);

struct DocumentView {
  model::CooperationDocument document;
  bool required = false;                // in the lead's cooperation_documents
  std::optional<model::Date> next_due;  // reviewed with the management system: signed/done + lis_review_months
  DueState state = DueState::kOk;
};

// The cooperation's annual cycle: the PDCA review and each governing document's renewal.
struct CycleItem {
  std::string what;  // "management_review" or "document"
  std::string kind;  // the document kind for "document"
  std::optional<model::Date> last;
  std::optional<model::Date> due;
  DueState state = DueState::kOk;
};

struct SystemRef {
  std::string id, name, category, lifecycle;
};

struct GroupView {
  model::GroupKind kind = model::GroupKind::kOther;
  std::string name;
  std::vector<std::pair<std::string, std::string>> members;  // id, name
};

struct PersonRef {
  std::string id, name, email;
};

struct CooperationSummary {
  std::string id, name, lead, lead_name;
  model::CooperationForm form = model::CooperationForm::kContractCooperation;
  size_t parties = 0, systems = 0, errors = 0, warnings = 0, infos = 0;
  bool published = false;
};

struct Publication {
  io::EssencePublication record;
  int64_t version = 0;
};

struct CooperationView {
  model::Cooperation cooperation;
  std::string lead_name;
  std::optional<PersonRef> coordinator;
  model::Date today;
  int review_months = 12;  // the lead's lis_review_months
  std::vector<PartyView> parties;
  std::vector<DutyView> duties;
  std::vector<DocumentView> documents;
  std::vector<CycleItem> cycle;
  std::vector<SystemRef> systems;
  std::vector<GroupView> groups;
  std::vector<std::string> consulted, stakeholders_missing;
  std::vector<FindingView> findings;  // the cooperation's and its systems' R-COOP-* findings
  int64_t version = 0;
  std::optional<Publication> publication;
};

// What the data subjects are told (art. 26.2): the parties, the contact point, who does what for them.
struct EssenceView {
  std::string id, name;
  std::vector<std::pair<std::string, std::string>> parties;  // organization name, committee name
  std::string contact_party;                                 // the organization named for contact_point (name)
  std::optional<PersonRef> contact_person;                   // the contact party's DPO, else the coordinator
  std::vector<std::pair<std::string, std::string>> duties;   // duty, the responsible party's name or "each"
  std::vector<std::string> systems;                          // names
  std::optional<model::Date> arrangement_signed_on;
  model::Timestamp published_at;
};

class CooperationService {
 public:
  explicit CooperationService(RegisterService& service) : s_(service) {}

  // An organization's effective rulebook with each setting's source; empty id: the register's own.
  Result<RulebookView> Rulebook(const std::string& organization) const;

  Result<std::vector<CooperationSummary>> List() const;
  Result<CooperationView> Get(const std::string& id, rules::Lang lang) const;

  // ---- The essence (art. 26.2) ----
  Result<std::optional<Publication>> GetPublication(const std::string& id) const;
  // Publishes (creates the record; `if_match` nullopt) or confirms it (If-Match its version): answers the record.
  Result<Publication> Publish(const std::string& id, std::optional<int64_t> if_match, const Actor& actor);
  // Every publishing and taking down of the essence, newest first (the store's document trail).
  Result<std::vector<store::DocumentAuditEntry>> PublicationHistory(const std::string& id) const;
  // Takes it down: afterwards the public route answers 404.
  Result<int64_t> Unpublish(const std::string& id, int64_t if_match, const Actor& actor);
  // The essence; with `published_only`, NotFound unless it is published (what the public may read).
  Result<EssenceView> Essence(const std::string& id, bool published_only) const;
  // The published essence as a printable PDF (A4, DejaVu Sans embedded) in the language asked for, with its file name.
  Result<ExportFile> EssencePdf(const std::string& id, rules::Lang lang) const;

 private:
  RegisterService& s_;
};

}  // namespace ansvar::app
