#pragma once
// The register: value types for everything in the exchange format ansvar-register/1 (spec/register-format.md).
// Plain data, standard library only. References are ids; model/validate.hpp checks that they resolve.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/boxed.hpp"
#include "model/enums.hpp"
#include "model/ids.hpp"
#include "model/time.hpp"

namespace ansvar::model {

inline constexpr std::string_view kRegisterFormat = "ansvar-register/1";

struct Organization {
  OrganizationId id;
  std::string name;
  OrganizationKind kind = OrganizationKind::kMunicipality;
  std::optional<PersonId> dpo;               // dataskyddsombud
  std::optional<Date> management_review_on;  // last PDCA review of the management system (R-LIS-REVIEW)
  // The organization's own rulebook overrides (cooperation-and-decisions.md §1), kept like the register's: the
  // canonical JSON text of its "rulebook" object (empty: none). The rules layer interprets it.
  std::string rulebook_overrides;
  friend bool operator==(const Organization&, const Organization&) = default;
};

struct Committee {
  CommitteeId id;
  OrganizationId organization;
  std::string name;
  CommitteeKind kind = CommitteeKind::kCommittee;
  friend bool operator==(const Committee&, const Committee&) = default;
};

struct Unit {
  UnitId id;
  std::string name;
  UnitKind kind = UnitKind::kOther;
  friend bool operator==(const Unit&, const Unit&) = default;
};

struct Administration {
  AdministrationId id;
  OrganizationId organization;
  std::string name;
  std::vector<CommitteeId> committees;             // the committees it works for
  std::optional<CommitteeId> employing_committee;  // defaults to committees[0]
  std::vector<Unit> units;
  friend bool operator==(const Administration&, const Administration&) = default;
};

struct Person {
  PersonId id;
  std::string name;
  std::optional<AdministrationId> administration;
  std::optional<UnitId> unit;
  std::optional<Title> title;
  std::string email;
  friend bool operator==(const Person&, const Person&) = default;
};

// A measure decided after a DPIA, a classification, a breach or a contract review: who does it, by when, and
// where it stands. The same shape wherever it is kept, so one measures register lists them all.
struct Measure {
  std::string id;  // unique within its holder (optional in the exchange format)
  std::string description;
  std::optional<PersonId> owner;
  std::optional<Date> due;
  MeasureStatus status = MeasureStatus::kPlanned;
  std::optional<Date> done_on;
  friend bool operator==(const Measure&, const Measure&) = default;
};

// An information classification (K: Informationssäkerhet): the three levels, and the record kept with them — when and
// by which method it was done, who decided it (KS for a municipality-wide system), the most sensitive information
// that sets the standard, the measures of its action plan and the owner's approval of them.
struct Classification {
  int confidentiality = 0;
  int integrity = 0;
  int availability = 0;
  std::optional<Date> done_on;
  std::optional<std::string> method;  // e.g. "KLASSA"
  std::optional<CommitteeId> decided_by;
  std::optional<std::string> standard_information;  // the most sensitive information, which sets the levels
  std::vector<Measure> measures;                    // the action plan
  std::optional<PersonId> approved_by;              // the owner who approved the action plan
  std::optional<Date> approved_on;
  std::optional<ApprovalSource> approval;  // performed in Ansvar, or recorded by hand
  static Classification Levels(int confidentiality, int integrity, int availability) {
    Classification c;
    c.confidentiality = confidentiality, c.integrity = integrity, c.availability = availability;
    return c;
  }
  friend bool operator==(const Classification&, const Classification&) = default;
};

struct Transfer {
  std::optional<std::string> basis;         // chapter 5 GDPR basis: adequacy, scc, bcr, derogation, ...
  std::optional<DocumentId> tia_document;   // the system's transfer impact assessment
  std::optional<DocumentId> art9_document;  // with special categories: the art. 9 analysis
  friend bool operator==(const Transfer&, const Transfer&) = default;
};

// A role on a system is held by a person; information_owner is held by a committee.
struct RoleAssignment {
  RoleKind role = RoleKind::kOwner;
  std::optional<PersonId> person;
  std::optional<CommitteeId> committee;
  friend bool operator==(const RoleAssignment&, const RoleAssignment&) = default;
};

// One document on a system. Kinds share one shape; each kind uses the fields the format gives it.
struct Document {
  DocumentId id;
  DocumentKind kind = DocumentKind::kBaseContract;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;  // last valid day
  std::optional<std::string> diary_number;
  std::optional<Date> signed_on;
  std::optional<PersonId> signed_by;
  std::vector<CommitteeId> on_behalf_of;
  std::optional<OrganizationId> organization;  // a DPA's contracting organization; defaults to the owner's
  std::vector<OrganizationId>
      organizations;  // a DPA's controller organizations it is signed for (default: organization)
  std::vector<std::string> clauses;
  std::vector<PowerOfAttorneyId> powers_of_attorney;
  std::optional<int> year;
  std::optional<Date> approved_on;
  std::optional<PersonId> approved_by;
  // The account that performed the approval in Ansvar (POST …/documents/{doc}/approve), its person being
  // approved_by; absent when the approval was recorded by hand or imported (history: recorded, not performed).
  std::optional<std::string> approved_by_account;
  std::optional<Date> done_on;
  std::optional<bool> dpo_consulted;
  // A reference DPIA (a dpia document on a municipality-wide system, K: Konsekvensbedömning): the controller
  // committees that adopted it as theirs, and those that supplemented it for their own field of activity.
  std::vector<CommitteeId> adopted_by;
  std::vector<CommitteeId> supplemented_by;
  friend bool operator==(const Document&, const Document&) = default;
};

struct Forum {
  ForumKind kind = ForumKind::kContractReview;
  std::optional<Date> held_on;
  std::vector<Measure> measures;  // measures decided at the forum (a contract review's)
  static Forum Held(ForumKind kind, std::optional<Date> held_on) {
    Forum f;
    f.kind = kind, f.held_on = held_on;
    return f;
  }
  friend bool operator==(const Forum&, const Forum&) = default;
};

struct Review {
  ReviewKind kind = ReviewKind::kAccessReview;
  std::optional<Date> done_on;
  friend bool operator==(const Review&, const Review&) = default;
};

struct Integration {
  SystemId to;
  bool personal_data = false;
  friend bool operator==(const Integration&, const Integration&) = default;
};

struct System {
  SystemId id;
  std::string name;
  Category category = Category::kBusinessSystem;
  Scope scope = Scope::kAdministrationSpecific;
  bool own_support_process = false;
  std::optional<AdministrationId> owner_administration;
  std::vector<AdministrationId> used_by;
  std::optional<Hosting> hosting;
  std::optional<std::string> supplier;
  bool personal_data = false;
  bool special_categories = false;
  bool fee = false;
  Lifecycle lifecycle = Lifecycle::kActive;
  std::optional<Date> active_since;
  std::optional<Classification> classification;
  std::vector<std::string> processing_countries;  // ISO 3166-1 alpha-2
  Boxed<Transfer> transfer;                       // in one system of fourteen: kept out of line
  std::vector<RoleAssignment> roles;
  std::vector<Document> documents;
  std::vector<Forum> forums;
  std::vector<Review> reviews;
  std::vector<Integration> integrations;
  friend bool operator==(const System&, const System&) = default;
};

struct Delegation {
  DelegationId id;  // optional in the exchange format; the service assigns one to every delegation it keeps
  CommitteeId committee;
  DelegationMatter matter = DelegationMatter::kDecideDpa;
  std::string matter_text;  // the free text of "other:<text>"
  std::optional<Title> delegate_title;
  std::optional<PersonId> delegate_person;
  std::string decision;  // e.g. "BN 2024-09-24 § 101"
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;  // exclusive: valid while valid_from <= as-of < valid_to
  friend bool operator==(const Delegation&, const Delegation&) = default;
};

struct PowerOfAttorney {
  PowerOfAttorneyId id;
  CommitteeId committee;
  std::optional<PersonId> issued_by;
  std::optional<PersonId> holder;
  std::optional<SystemId> system;
  std::optional<Date> issued_on;
  friend bool operator==(const PowerOfAttorney&, const PowerOfAttorney&) = default;
};

struct ThresholdAnalysis {
  std::optional<Date> done_on;
  std::vector<Criterion> criteria;
  std::optional<std::string> motivation;
  bool dpo_commented = false;
  friend bool operator==(const ThresholdAnalysis&, const ThresholdAnalysis&) = default;
};

// A risk of a DPIA (art. 35.7 c): likelihood and consequence, each 1–4.
struct DpiaRisk {
  std::string id;
  std::string description;
  int likelihood = 1;
  int consequence = 1;
  friend bool operator==(const DpiaRisk&, const DpiaRisk&) = default;
};

struct DpoOpinion {
  std::string text;
  std::optional<Date> given_on;
  friend bool operator==(const DpoOpinion&, const DpoOpinion&) = default;
};

// Prior consultation of the supervisory authority when a high residual risk remains (art. 36).
struct PriorConsultation {
  bool needed = false;
  std::optional<Date> sent_on;
  std::optional<Date> authority_reply_on;
  friend bool operator==(const PriorConsultation&, const PriorConsultation&) = default;
};

// A DPIA (art. 35; K: Konsekvensbedömning): when it was done and whether the DPO was consulted, and the record of
// art. 35.7 — description, necessity and proportionality, risks, measures — with the residual risk, the DPO's
// opinion, prior consultation and the next review. All but the first two are optional (older registers).
struct Dpia {
  std::optional<Date> done_on;
  bool dpo_consulted = false;
  std::string description;
  std::string necessity_proportionality;
  std::vector<DpiaRisk> risks;
  std::vector<Measure> measures;
  std::optional<RiskLevel> residual_risk;
  std::optional<DpoOpinion> dpo_opinion;
  std::optional<PriorConsultation> prior_consultation;
  std::optional<Date> review_on;
  std::vector<ProcessingActivityId> covers_activities;  // other processings this DPIA covers
  std::optional<std::string> motivation;                // why one DPIA covers several processings
  static Dpia Done(std::optional<Date> done_on, bool dpo_consulted) {
    Dpia d;
    d.done_on = done_on, d.dpo_consulted = dpo_consulted;
    return d;
  }
  [[nodiscard]] bool HasRecord() const {
    return !description.empty() || !necessity_proportionality.empty() || !risks.empty() || !measures.empty() ||
           residual_risk || dpo_opinion || prior_consultation || review_on || !covers_activities.empty() || motivation;
  }
  friend bool operator==(const Dpia&, const Dpia&) = default;
};

struct TransferRecord {  // an entry of a processing activity's third-country transfers
  std::string country;
  std::string recipient;
  std::string safeguards;
  friend bool operator==(const TransferRecord&, const TransferRecord&) = default;
};

struct ProcessingActivity {
  ProcessingActivityId id;
  std::optional<CommitteeId> controller;
  std::string name;
  std::string process_code;
  std::vector<std::string> purposes;
  std::optional<LegalBasis> legal_basis;
  std::vector<SystemId> systems;
  std::vector<std::string> data_subjects;
  std::vector<std::string> data_categories;
  std::vector<std::string> recipients;
  std::vector<TransferRecord> transfers;
  std::string retention;
  std::string security_measures;
  std::vector<CommitteeId> joint_controllers;
  std::optional<CommitteeId> processor_committee;
  std::optional<Date> start_date;
  bool own_dpia_required = false;
  std::optional<ThresholdAnalysis> threshold_analysis;
  Boxed<Dpia> dpia;  // in one activity of six: kept out of line
  friend bool operator==(const ProcessingActivity&, const ProcessingActivity&) = default;
};

struct ProcessorRecord {
  ProcessorRecordId id;  // optional in the exchange format, like a delegation's
  CommitteeId committee;
  SystemId system;
  std::string subject;
  std::vector<std::string> processing_categories;
  std::vector<CommitteeId> committees;
  friend bool operator==(const ProcessorRecord&, const ProcessorRecord&) = default;
};

// A controller that judges a breach differently from the handler, and its own notification (K: Incidentrapportering).
struct ControllerAssessment {
  CommitteeId committee;
  std::optional<Assessment> assessment;
  std::optional<Timestamp> notified_authority_at;
  friend bool operator==(const ControllerAssessment&, const ControllerAssessment&) = default;
};

struct Incident {
  IncidentId id;
  std::optional<SystemId> system;
  Timestamp aware_at;
  std::vector<CommitteeId> controllers;
  std::optional<CommitteeId> handler;
  std::optional<Assessment> assessment;  // nullopt: not yet assessed
  std::optional<Timestamp> notified_authority_at;
  std::optional<std::string> delay_reason;
  bool dpo_informed = false;
  std::optional<Timestamp> subjects_informed_at;
  // The breach record (GDPR art. 33.3 a–d, 33.5).
  std::string description;
  std::vector<std::string> subject_categories;
  std::optional<int64_t> approx_subjects;
  std::vector<std::string> record_categories;
  std::optional<int64_t> approx_records;
  std::string likely_consequences;
  std::string measures;
  std::optional<Date> affected_informed_on;  // the documentation sent to every affected controller
  std::vector<ControllerAssessment> assessments;
  // What the authority's breach form asks beyond art. 33.3 (docs/breach-records.md): written only when present.
  std::optional<Timestamp> occurred_at;  // when the breach happened (aware_at: when it was discovered)
  std::vector<BreachNature> nature;      // confidentiality, integrity, availability
  std::optional<BreachCause> cause;      // for the follow-up statistics
  std::string subjects_informed_how;     // how the data subjects were informed (or why not)
  std::optional<bool> cross_border;      // data subjects in other EU/EEA states affected
  std::optional<Timestamp> reported_at;  // reported through the internal e-service (POST /incident_reports)
  std::vector<Measure> action_plan;      // the follow-up measures (the measures register follows them)
  friend bool operator==(const Incident&, const Incident&) = default;
};

struct DataSubjectRequest {
  RequestId id;
  Date received_on;
  std::string kind;  // access, rectification, erasure, ... (open set)
  std::vector<CommitteeId> controllers;
  std::optional<Date> decided_on;
  std::optional<std::string> extended_reason;
  std::optional<RequestOutcome> outcome;
  bool appeal_notice = false;
  friend bool operator==(const DataSubjectRequest&, const DataSubjectRequest&) = default;
};

struct Agreement {
  AgreementId id;
  AgreementKind kind = AgreementKind::kOther;
  std::vector<SystemId> systems;
  std::vector<OrganizationId> parties;
  std::optional<Date> signed_on;
  friend bool operator==(const Agreement&, const Agreement&) = default;
};

// A cooperation between organizations (cooperation-and-decisions.md §2; D: Bibliotek Dalarna).
struct CooperationParty {
  OrganizationId organization;
  std::optional<CommitteeId> committee;  // the party's responsible committee
  std::optional<Date> joined_on;
  std::string decision;  // the joining decision, e.g. "KF 2020-11-23 § 140"
  friend bool operator==(const CooperationParty&, const CooperationParty&) = default;
};

struct CooperationGroup {
  GroupKind kind = GroupKind::kOther;
  std::string name;
  std::vector<PersonId> members;
  friend bool operator==(const CooperationGroup&, const CooperationGroup&) = default;
};

struct CooperationDocument {
  CooperationDocumentKind kind = CooperationDocumentKind::kOther;
  std::optional<Date> signed_on;
  std::optional<Date> done_on;
  std::optional<Date> published_on;  // the essence made available to the data subjects (art. 26.2)
  std::optional<std::string> diary_number;
  bool dpia = false;  // a risk analysis that includes the DPIA
  bool dpo_consulted = false;
  friend bool operator==(const CooperationDocument&, const CooperationDocument&) = default;
};

// One duty of the art. 26 arrangement and who bears it: a party's organization id, or "each".
struct Responsibility {
  std::string duty;
  std::string party;
  friend bool operator==(const Responsibility&, const Responsibility&) = default;
};

inline constexpr std::string_view kEachParty = "each";

struct Cooperation {
  CooperationId id;
  std::string name;
  CooperationForm form = CooperationForm::kContractCooperation;
  std::optional<OrganizationId> lead;  // the party that procures and holds the supplier contract (huvudman)
  std::optional<PersonId> coordinator;
  std::vector<CooperationParty> parties;
  std::vector<SystemId> systems;
  std::vector<CooperationGroup> groups;
  std::vector<CooperationDocument> documents;
  std::vector<Responsibility> responsibilities;  // in the order written
  std::vector<std::string> consulted;            // stakeholders consulted (lawyer, dpo, ...)
  std::optional<Date> management_review_on;      // last PDCA review of the cooperation's management system
  friend bool operator==(const Cooperation&, const Cooperation&) = default;
};

// A committee's decision on which processor to use (cooperation-and-decisions.md §3; K: tjänsteskrivelse).
struct DpaDecision {
  DpaDecisionId id;
  SystemId system;
  std::vector<CommitteeId> committees;  // for whom it is decided
  std::optional<Date> decided_on;
  std::optional<PersonId> decided_by;      // absent when decided at a meeting
  std::optional<DelegationId> delegation;  // the delegation used; absent at a meeting
  std::optional<std::string> meeting;      // e.g. "BN 2024-10-01 § 12" when the committee decided itself
  std::optional<std::string> processor;
  std::optional<std::string> diary_number;
  std::optional<Date> reported_on;         // reported to the committee (KL 7 kap. 8 §)
  std::optional<std::string> reported_at;  // the meeting and paragraph it was reported at, e.g. "BN 2024-11-12 § 5"
  friend bool operator==(const DpaDecision&, const DpaDecision&) = default;
};

struct Register {
  // The document's own "as of" instant and whether it was written as a bare date.
  std::optional<Timestamp> as_of;
  bool as_of_is_date = true;
  // The register's rulebook overrides, kept as the canonical JSON text of the "rulebook" object (empty: none).
  // The model does not interpret it; the rules layer does.
  std::string rulebook_overrides;

  std::vector<Organization> organizations;
  std::vector<Committee> committees;
  std::vector<Administration> administrations;
  std::vector<Person> people;
  std::vector<System> systems;
  std::vector<Delegation> delegations;
  std::vector<PowerOfAttorney> powers_of_attorney;
  std::vector<ProcessingActivity> processing_activities;
  std::vector<ProcessorRecord> processor_records;
  std::vector<Incident> incidents;
  std::vector<DataSubjectRequest> data_subject_requests;
  std::vector<Agreement> agreements;
  std::vector<Cooperation> cooperations;
  std::vector<DpaDecision> dpa_decisions;
  friend bool operator==(const Register&, const Register&) = default;
};

}  // namespace ansvar::model
