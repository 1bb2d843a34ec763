#include "test_registers.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "io/register_reader.hpp"

namespace ansvar::store::testing {

using namespace ansvar::model;  // NOLINT(google-build-using-namespace)

namespace {
Date D(const char* text) { return *ParseDate(text); }
Timestamp T(const char* text) { return *ParseTimestamp(text); }
}  // namespace

Register FullRegister() {
  Register r;
  r.as_of = T("2025-02-10T12:30:00Z");
  r.as_of_is_date = false;
  r.rulebook_overrides = R"({"dpia_threshold":3})";

  r.organizations = {
      Organization{OrganizationId("kba"), "Kungsbacka kommun", OrganizationKind::kMunicipality, PersonId("p-dpo"),
                   D("2024-11-01"), R"({"rules":{"R-DELEG-KF33":{"enabled":false}}})"},
      Organization{
          OrganizationId("bolag"), "Kommunbolaget AB", OrganizationKind::kCompany, std::nullopt, std::nullopt, {}},
  };
  r.committees = {
      Committee{CommitteeId("ks"), OrganizationId("kba"), "Kommunstyrelsen", CommitteeKind::kExecutiveBoard},
      Committee{CommitteeId("service"), OrganizationId("kba"), "Servicenämnden", CommitteeKind::kServiceCommittee},
      Committee{CommitteeId("bn"), OrganizationId("kba"), "Byggnadsnämnden", CommitteeKind::kCommittee},
      Committee{CommitteeId("styrelse"), OrganizationId("bolag"), "Styrelsen", CommitteeKind::kAudit},
  };
  r.administrations = {
      Administration{AdministrationId("ksf"),
                     OrganizationId("kba"),
                     "Kommunstyrelsens förvaltning",
                     {CommitteeId("ks")},
                     CommitteeId("ks"),
                     {Unit{UnitId("dc"), "Digitalt center", UnitKind::kDigitalCenter},
                      Unit{UnitId("ink"), "Inköp", UnitKind::kProcurement}}},
      Administration{AdministrationId("sf"),
                     OrganizationId("kba"),
                     "Förvaltningen för Service",
                     {CommitteeId("service"), CommitteeId("bn")},
                     std::nullopt,
                     {}},
  };
  r.people = {
      Person{PersonId("p-dpo"), "Dana Dataskydd", AdministrationId("ksf"), UnitId("dc"), Title::kEmployee,
             "dpo@example.se"},
      Person{PersonId("p1"), "Per Ägare", AdministrationId("ksf"), std::nullopt, Title::kDeputyMunicipalDirector,
             "p1@example.se"},
      Person{PersonId("p2"), "Anonym", std::nullopt, std::nullopt, std::nullopt, ""},
  };

  System rd;
  rd.id = SystemId("raindance");
  rd.name = "Raindance";
  rd.category = Category::kBusinessSystem;
  rd.scope = Scope::kMunicipalityWide;
  rd.own_support_process = true;
  rd.owner_administration = AdministrationId("ksf");
  rd.used_by = {AdministrationId("ksf"), AdministrationId("sf")};
  rd.hosting = Hosting::kExternal;
  rd.supplier = "CGI";
  rd.personal_data = true;
  rd.special_categories = true;
  rd.fee = true;
  rd.lifecycle = Lifecycle::kRetiring;
  rd.active_since = D("2019-01-01");
  rd.classification = Classification::Levels(2, 3, 1);
  rd.processing_countries = {"SE", "US"};
  rd.transfer = Transfer{"scc", DocumentId("d9"), std::nullopt};
  rd.roles = {
      RoleAssignment{RoleKind::kOwner, PersonId("p1"), std::nullopt},
      RoleAssignment{RoleKind::kInformationOwner, std::nullopt, CommitteeId("bn")},
      RoleAssignment{RoleKind::kSuperuser, PersonId("p2"), CommitteeId("ks")},
      RoleAssignment{RoleKind::kSystemSteward, PersonId("p-dpo"), std::nullopt},
  };
  Document base;
  base.id = DocumentId("d1");
  base.kind = DocumentKind::kBaseContract;
  base.valid_from = D("2022-01-01");
  base.valid_to = D("2026-12-31");
  base.diary_number = "KS-2021-00123";
  Document dpa;
  dpa.id = DocumentId("d2");
  dpa.kind = DocumentKind::kDpa;
  dpa.signed_on = D("2022-01-02");
  dpa.signed_by = PersonId("p1");
  dpa.on_behalf_of = {CommitteeId("ks"), CommitteeId("bn")};
  dpa.organization = OrganizationId("bolag");
  dpa.organizations = {OrganizationId("kba"), OrganizationId("bolag")};
  dpa.clauses = {"28.3.a", "quote \" and back\\slash", "åäö ✓", "line\nbreak\ttab", ""};
  dpa.powers_of_attorney = {PowerOfAttorneyId("f1"), PowerOfAttorneyId("f2")};
  Document plan;
  plan.id = DocumentId("d3");
  plan.kind = DocumentKind::kManagementPlan;
  plan.year = 2025;
  plan.approved_on = D("2024-12-15");
  plan.approved_by = PersonId("p1");
  plan.approved_by_account = "anna";  // performed in Ansvar (app/decisions.hpp): kept by every store
  Document no_id;                     // ids of documents may be empty in the exchange format
  no_id.kind = DocumentKind::kChangeLog;
  no_id.diary_number = "";
  Document no_id_too;
  no_id_too.kind = DocumentKind::kActionPlan;
  Document tia;
  tia.id = DocumentId("d9");
  tia.kind = DocumentKind::kTransferImpactAssessment;
  tia.done_on = D("2023-03-01");
  Document dpia;
  dpia.id = DocumentId("d10");
  dpia.kind = DocumentKind::kDpia;
  dpia.done_on = D("2023-04-01");
  dpia.dpo_consulted = false;
  dpia.adopted_by = {CommitteeId("bn"), CommitteeId("service")};  // a reference DPIA adopted and supplemented
  dpia.supplemented_by = {CommitteeId("bn")};
  rd.documents = {base, dpa, plan, no_id, tia, no_id_too, dpia};
  rd.forums = {Forum::Held(ForumKind::kContractReview, D("2024-10-01")),
               Forum::Held(ForumKind::kUserForum, std::nullopt)};
  rd.reviews = {Review{ReviewKind::kAccessReview, D("2024-06-01")}, Review{ReviewKind::kLogReview, std::nullopt}};
  rd.integrations = {Integration{SystemId("ecos"), true}, Integration{SystemId("bare"), false}};

  System ecos;
  ecos.id = SystemId("ecos");
  ecos.name = "Ecos";
  ecos.category = Category::kItInfrastructure;
  ecos.scope = Scope::kAdministrationSpecific;
  ecos.lifecycle = Lifecycle::kPlanned;
  ecos.hosting = Hosting::kInternal;
  ecos.supplier = "";
  ecos.transfer = Transfer{};  // present with nothing in it
  ecos.integrations = {Integration{SystemId("raindance"), true}};

  System bare;  // every optional empty
  bare.id = SystemId("bare");
  r.systems = {rd, ecos, bare};

  Delegation d1;
  d1.id = DelegationId("dlg-1");
  d1.committee = CommitteeId("ks");
  d1.matter = DelegationMatter::kDecideDpaMunicipalityWide;
  d1.delegate_title = Title::kDeputyMunicipalDirector;
  d1.decision = "KS 2024-05-14 § 120";
  d1.valid_from = D("2024-09-01");
  Delegation d2;
  d2.id = DelegationId("dlg-2");
  d2.committee = CommitteeId("bn");
  d2.matter = DelegationMatter::kOther;
  d2.matter_text = "underteckna avtal";
  d2.delegate_person = PersonId("p1");
  d2.valid_to = D("2026-01-01");
  r.delegations = {d1, d2};

  r.powers_of_attorney = {
      PowerOfAttorney{PowerOfAttorneyId("f1"), CommitteeId("bn"), PersonId("p1"), PersonId("p2"), SystemId("raindance"),
                      D("2024-10-01")},
      PowerOfAttorney{PowerOfAttorneyId("f2"), CommitteeId("ks"), std::nullopt, std::nullopt, std::nullopt,
                      std::nullopt},
  };

  ProcessingActivity pa1;
  pa1.id = ProcessingActivityId("pa1");
  pa1.controller = CommitteeId("bn");
  pa1.name = "Bygglovshandläggning";
  pa1.process_code = "3.1.2";
  pa1.purposes = {"handlägga bygglov", "arkivera"};
  pa1.legal_basis = LegalBasis::kPublicTask;
  pa1.systems = {SystemId("raindance"), SystemId("ecos")};
  pa1.data_subjects = {"sökande"};
  pa1.data_categories = {"namn", "adress"};
  pa1.recipients = {"Lantmäteriet"};
  pa1.transfers = {TransferRecord{"US", "Vendor Inc", "SCC"}, TransferRecord{"", "", ""}};
  pa1.retention = "10 år";
  pa1.security_measures = "behörighetsstyrning";
  pa1.joint_controllers = {CommitteeId("ks")};
  pa1.processor_committee = CommitteeId("service");
  pa1.start_date = D("2023-01-01");
  pa1.own_dpia_required = true;
  pa1.threshold_analysis =
      ThresholdAnalysis{D("2022-11-01"), {Criterion::kSensitiveData, Criterion::kLargeScale}, "motiv", true};
  pa1.dpia = Dpia::Done(D("2022-12-01"), true);
  ProcessingActivity pa2;
  pa2.id = ProcessingActivityId("pa2");
  pa2.threshold_analysis = ThresholdAnalysis{};
  ProcessingActivity pa3;
  pa3.id = ProcessingActivityId("pa3");
  pa3.dpia = Dpia{};
  r.processing_activities = {pa1, pa2, pa3};

  r.processor_records = {
      ProcessorRecord{ProcessorRecordId("pr-1"),
                      CommitteeId("service"),
                      SystemId("ecos"),
                      "Drift",
                      {"hosting", "support"},
                      {CommitteeId("ks"), CommitteeId("bn")}},
      ProcessorRecord{ProcessorRecordId("pr-2"), CommitteeId("service"), SystemId("bare"), "", {}, {}},
  };

  Incident i1;
  i1.id = IncidentId("i1");
  i1.system = SystemId("raindance");
  i1.aware_at = T("2025-02-01T09:00:00Z");
  i1.controllers = {CommitteeId("bn"), CommitteeId("ks")};
  i1.handler = CommitteeId("ks");
  i1.assessment = Assessment::kHighRisk;
  i1.notified_authority_at = T("2025-02-05T10:15:30Z");
  i1.delay_reason = "helg";
  i1.dpo_informed = true;
  i1.subjects_informed_at = T("2025-02-06T00:00:00Z");
  i1.description = "Felskickad fil med personnummer";
  i1.subject_categories = {"invånare", "anställda"};
  i1.approx_subjects = 1200;
  i1.record_categories = {"personnummer"};
  i1.approx_records = 0;
  i1.likely_consequences = "identitetsstöld";
  i1.measures = "filen raderad hos mottagaren";
  i1.affected_informed_on = D("2025-02-07");
  i1.assessments = {ControllerAssessment{CommitteeId("bn"), Assessment::kRisk, T("2025-02-04T08:00:00Z")},
                    ControllerAssessment{CommitteeId("ks"), std::nullopt, std::nullopt}};
  // The authority form's fields and the action plan (issue 15): every column and the child table.
  i1.occurred_at = T("2025-01-31T22:00:00Z");
  i1.nature = {BreachNature::kConfidentiality, BreachNature::kAvailability};
  i1.cause = BreachCause::kMisdirected;
  i1.subjects_informed_how = "brev till var och en";
  i1.cross_border = false;
  i1.reported_at = T("2025-02-01T09:05:00Z");
  i1.action_plan = {
      Measure{"m1", "rutin för utskick", PersonId("p1"), D("2025-03-01"), MeasureStatus::kInProgress, std::nullopt},
      Measure{"", "utbildning", std::nullopt, std::nullopt, MeasureStatus::kDone, D("2025-02-20")}};
  Incident i2;
  i2.id = IncidentId("i2");
  i2.aware_at = T("2024-12-31T23:59:59Z");
  r.incidents = {i1, i2};

  DataSubjectRequest r1;
  r1.id = RequestId("r1");
  r1.received_on = D("2025-01-02");
  r1.kind = "access";
  r1.controllers = {CommitteeId("bn")};
  r1.decided_on = D("2025-01-20");
  r1.extended_reason = "omfattande";
  r1.outcome = RequestOutcome::kPartlyRefused;
  r1.appeal_notice = true;
  DataSubjectRequest r2;
  r2.id = RequestId("r2");
  r2.received_on = D("2025-02-01");
  r2.kind = "erasure";
  r.data_subject_requests = {r1, r2};

  r.agreements = {
      Agreement{AgreementId("a1"),
                AgreementKind::kJointControllerArrangement,
                {SystemId("raindance")},
                {OrganizationId("kba"), OrganizationId("bolag")},
                D("2021-01-01")},
      Agreement{AgreementId("a2"), AgreementKind::kOther, {}, {}, std::nullopt},
  };

  Cooperation coop;
  coop.id = CooperationId("bibl");
  coop.name = "Bibliotek i samverkan";
  coop.form = CooperationForm::kCommonCommittee;
  coop.lead = OrganizationId("kba");
  coop.coordinator = PersonId("p1");
  coop.parties = {CooperationParty{OrganizationId("kba"), CommitteeId("ks"), D("2021-01-01"), "KF 2020-11-23 § 140"},
                  CooperationParty{OrganizationId("bolag"), std::nullopt, std::nullopt, ""}};
  coop.systems = {SystemId("raindance"), SystemId("ecos")};
  coop.groups = {CooperationGroup{GroupKind::kSteeringGroup, "Styrgrupp", {PersonId("p1"), PersonId("p-dpo")}},
                 CooperationGroup{GroupKind::kOther, "", {}}};
  coop.documents = {CooperationDocument{CooperationDocumentKind::kJointControllerArrangement, D("2021-01-01"),
                                        std::nullopt, D("2021-02-01"), "KS 2021/1", false, false},
                    CooperationDocument{CooperationDocumentKind::kRiskAnalysis, std::nullopt, D("2020-11-01"),
                                        std::nullopt, std::nullopt, true, true}};
  coop.responsibilities = {Responsibility{"breach_handling", "kba"}, Responsibility{"data_subject_requests", "each"}};
  coop.consulted = {"lawyer", "dpo"};
  coop.management_review_on = D("2024-11-20");
  Cooperation bare_coop;
  bare_coop.id = CooperationId("tom");
  bare_coop.name = "Tom samverkan";
  r.cooperations = {coop, bare_coop};

  DpaDecision dd1;
  dd1.id = DpaDecisionId("dd1");
  dd1.system = SystemId("raindance");
  dd1.committees = {CommitteeId("bn"), CommitteeId("ks")};
  dd1.decided_on = D("2024-10-01");
  dd1.decided_by = PersonId("p1");
  dd1.delegation = r.delegations.front().id;
  dd1.processor = "CGI";
  dd1.diary_number = "BN 2024/123";
  dd1.reported_on = D("2024-11-12");
  dd1.reported_at = "BN 2024-11-12 § 5";
  DpaDecision dd2;
  dd2.id = DpaDecisionId("dd2");
  dd2.system = SystemId("bare");
  dd2.meeting = "KS 2024-09-01 § 3";
  r.dpa_decisions = {dd1, dd2};
  return r;
}

Register ExampleRegister() {
  const std::string path = std::string(ANSVAR_SHARED_DIR) + "/spec/examples/kungsbacka-small.json";
  auto read = io::ReadRegisterFile(path);
  if (!read.reg) throw std::runtime_error("cannot read " + path + ":\n" + io::FormatProblems(read.problems));
  Register r = std::move(*read.reg);
  for (size_t i = 0; i < r.delegations.size(); ++i)
    if (r.delegations[i].id.empty()) r.delegations[i].id = DelegationId("delegation-" + std::to_string(i + 1));
  for (size_t i = 0; i < r.processor_records.size(); ++i)
    if (r.processor_records[i].id.empty())
      r.processor_records[i].id = ProcessorRecordId("processor-record-" + std::to_string(i + 1));
  return r;
}

Register ScaledRegister(size_t systems) {
  Register r;
  r.as_of = Timestamp::StartOf(D("2025-02-10"));
  const size_t orgs = std::max<size_t>(1, systems / 500);
  constexpr size_t kCommittees = 8, kAdmins = 6, kPeoplePerAdmin = 60;
  const auto n = [](const char* prefix, size_t i) { return std::string(prefix) + std::to_string(i); };
  for (size_t o = 0; o < orgs; ++o) {
    const OrganizationId org(n("org-", o));
    r.organizations.push_back(Organization{org,
                                           "Kommun " + std::to_string(o),
                                           OrganizationKind::kMunicipality,
                                           PersonId(n("p-", o * kAdmins * kPeoplePerAdmin)),
                                           D("2024-11-01"),
                                           {}});
    for (size_t c = 0; c < kCommittees; ++c) {
      const size_t id = o * kCommittees + c;
      r.committees.push_back(Committee{CommitteeId(n("c-", id)), org, "Nämnd " + std::to_string(id),
                                       c == 0 ? CommitteeKind::kExecutiveBoard : CommitteeKind::kCommittee});
      for (size_t k = 0; k < 3; ++k) {
        Delegation d;
        d.id = DelegationId(n("dlg-", id * 3 + k));
        d.committee = CommitteeId(n("c-", id));
        d.matter = DelegationMatter::kDecideDpa;
        d.delegate_title = Title::kAdministrationDirector;
        d.decision = "Beslut § " + std::to_string(k);
        d.valid_from = D("2024-01-01");
        r.delegations.push_back(std::move(d));
      }
    }
    for (size_t a = 0; a < kAdmins; ++a) {
      const size_t id = o * kAdmins + a;
      const AdministrationId admin(n("adm-", id));
      r.administrations.push_back(Administration{
          admin,
          org,
          "Förvaltning " + std::to_string(id),
          {CommitteeId(n("c-", o * kCommittees + a)), CommitteeId(n("c-", o * kCommittees + (a + 1) % kCommittees))},
          CommitteeId(n("c-", o * kCommittees + a)),
          {Unit{UnitId("dc"), "Digitalt center", UnitKind::kDigitalCenter},
           Unit{UnitId("u2"), "Enhet", UnitKind::kOther}}});
      for (size_t p = 0; p < kPeoplePerAdmin; ++p) {
        const size_t pid = id * kPeoplePerAdmin + p;
        r.people.push_back(Person{PersonId(n("p-", pid)), "Person " + std::to_string(pid), admin,
                                  p % 3 == 0 ? std::optional<UnitId>(UnitId("dc")) : std::nullopt, Title::kEmployee,
                                  n("p", pid) + "@example.se"});
      }
    }
  }
  const size_t people = r.people.size(), committees = r.committees.size();
  for (size_t s = 0; s < systems; ++s) {
    const size_t o = s % orgs;
    const size_t admin = o * kAdmins + s % kAdmins;
    System x;
    x.id = SystemId(n("sys-", s));
    x.name = "System " + std::to_string(s);
    x.category = Category::kBusinessSystem;
    x.scope = Scope::kAdministrationSpecific;
    x.owner_administration = AdministrationId(n("adm-", admin));
    for (size_t u = 0; u < 3; ++u) x.used_by.push_back(AdministrationId(n("adm-", o * kAdmins + (s + u) % kAdmins)));
    x.hosting = Hosting::kExternal;
    x.supplier = "Leverantör AB";
    x.personal_data = true;
    x.lifecycle = Lifecycle::kActive;
    x.active_since = D("2020-01-01");
    x.classification = Classification::Levels(2, 2, 2);
    x.processing_countries = {"SE"};
    for (size_t k = 0; k < 10; ++k)
      x.roles.push_back(RoleAssignment{
          static_cast<RoleKind>(k),
          PersonId(n("p-", (admin * kPeoplePerAdmin + (s * 7 + k) % kPeoplePerAdmin) % people)), std::nullopt});
    Document base;
    base.id = DocumentId("d1");
    base.kind = DocumentKind::kBaseContract;
    base.valid_from = D("2022-01-01");
    base.valid_to = D("2026-12-31");
    base.diary_number = "KS-2021-" + std::to_string(s);
    Document dpa;
    dpa.id = DocumentId("d2");
    dpa.kind = DocumentKind::kDpa;
    dpa.signed_on = D("2022-01-02");
    dpa.signed_by = x.roles[0].person;
    dpa.on_behalf_of = {CommitteeId(n("c-", o * kCommittees)), CommitteeId(n("c-", o * kCommittees + 1))};
    dpa.clauses = {"28.3.a", "28.3.b", "28.3.c", "28.3.d", "28.3.e"};
    Document plan;
    plan.id = DocumentId("d3");
    plan.kind = DocumentKind::kManagementPlan;
    plan.year = 2025;
    plan.approved_on = D("2024-12-15");
    plan.approved_by = x.roles[0].person;
    x.documents = {base, dpa, plan};
    x.forums = {Forum::Held(ForumKind::kContractReview, D("2024-10-01"))};
    x.reviews = {Review{ReviewKind::kAccessReview, D("2024-06-01")}};
    x.integrations = {Integration{SystemId(n("sys-", (s + 1) % systems)), true}};
    r.systems.push_back(std::move(x));
  }
  for (size_t a = 0; a < systems * 2; ++a) {
    ProcessingActivity p;
    p.id = ProcessingActivityId(n("pa-", a));
    p.controller = CommitteeId(n("c-", a % committees));
    p.name = "Behandling " + std::to_string(a);
    p.process_code = "1.2.3";
    p.purposes = {"ändamål ett", "ändamål två"};
    p.legal_basis = LegalBasis::kPublicTask;
    p.systems = {SystemId(n("sys-", a / 2)), SystemId(n("sys-", (a / 2 + 1) % systems))};
    p.data_subjects = {"invånare"};
    p.data_categories = {"namn", "personnummer"};
    p.recipients = {"ingen"};
    p.retention = "5 år";
    p.security_measures = "loggning";
    p.start_date = D("2023-01-01");
    p.threshold_analysis = ThresholdAnalysis{D("2022-11-01"), {Criterion::kLargeScale}, std::nullopt, false};
    r.processing_activities.push_back(std::move(p));
  }
  for (size_t i = 0; i < systems / 10; ++i) {
    r.processor_records.push_back(ProcessorRecord{ProcessorRecordId(n("pr-", i)),
                                                  CommitteeId(n("c-", i % committees)),
                                                  SystemId(n("sys-", i)),
                                                  "Drift",
                                                  {"hosting"},
                                                  {CommitteeId(n("c-", (i + 1) % committees))}});
    Incident inc;
    inc.id = IncidentId(n("i-", i));
    inc.system = SystemId(n("sys-", i * 10));
    inc.aware_at = T("2025-02-01T09:00:00Z");
    inc.controllers = {CommitteeId(n("c-", i % committees))};
    inc.assessment = Assessment::kRisk;
    r.incidents.push_back(std::move(inc));
    DataSubjectRequest req;
    req.id = RequestId(n("r-", i));
    req.received_on = D("2025-01-02");
    req.kind = "access";
    req.controllers = {CommitteeId(n("c-", i % committees))};
    r.data_subject_requests.push_back(std::move(req));
  }
  for (size_t i = 0; i < systems / 100; ++i)
    r.agreements.push_back(Agreement{AgreementId(n("a-", i)),
                                     AgreementKind::kCooperationAgreement,
                                     {SystemId(n("sys-", i))},
                                     {OrganizationId(n("org-", i % orgs))},
                                     std::nullopt});
  return r;
}

Change Create(Entity e) {
  Change c;
  c.key = EntityKey{KindOf(e), IdOf(e)};
  c.after_json = R"({"id":")" + c.key.id + R"("})";
  c.after = std::move(e);
  return c;
}

Change Update(Entity e, int64_t expected_version) {
  Change c = Create(std::move(e));
  c.expected_version = expected_version;
  c.before_json = R"({"id":")" + c.key.id + R"(","version":)" + std::to_string(expected_version) + "}";
  return c;
}

Change Delete(Kind kind, std::string id, std::optional<int64_t> expected_version) {
  Change c;
  c.key = EntityKey{kind, std::move(id)};
  c.expected_version = expected_version;
  c.before_json = R"({"id":")" + c.key.id + R"("})";
  return c;
}

}  // namespace ansvar::store::testing

namespace ansvar::store::testing {
namespace {

template <class T>
std::string ListDiff(const std::string& name, const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return name + ": " + std::to_string(a.size()) + " items vs " + std::to_string(b.size());
  for (size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i])) return name + "[" + std::to_string(i) + "]";
  return "";
}

std::string SystemDiff(const std::string& at, const model::System& a, const model::System& b) {
  std::string d;
  if (!(d = ListDiff(at + ".roles", a.roles, b.roles)).empty()) return d;
  if (!(d = ListDiff(at + ".documents", a.documents, b.documents)).empty()) return d;
  if (!(d = ListDiff(at + ".used_by", a.used_by, b.used_by)).empty()) return d;
  if (!(d = ListDiff(at + ".forums", a.forums, b.forums)).empty()) return d;
  if (!(d = ListDiff(at + ".reviews", a.reviews, b.reviews)).empty()) return d;
  if (!(d = ListDiff(at + ".integrations", a.integrations, b.integrations)).empty()) return d;
  if (a.transfer != b.transfer) return at + ".transfer";
  if (a.classification != b.classification) return at + ".classification";
  if (a.processing_countries != b.processing_countries) return at + ".processing_countries";
  return at + " (a scalar field)";
}

}  // namespace

std::string FirstDifference(const model::Register& a, const model::Register& b) {
  if (a.as_of != b.as_of || a.as_of_is_date != b.as_of_is_date) return "as_of";
  if (a.rulebook_overrides != b.rulebook_overrides) return "rulebook_overrides";
  std::string d;
  if (!(d = ListDiff("organizations", a.organizations, b.organizations)).empty()) return d;
  if (!(d = ListDiff("committees", a.committees, b.committees)).empty()) return d;
  if (!(d = ListDiff("administrations", a.administrations, b.administrations)).empty()) return d;
  if (!(d = ListDiff("people", a.people, b.people)).empty()) return d;
  if (!(d = ListDiff("systems", a.systems, b.systems)).empty()) {
    if (a.systems.size() == b.systems.size()) {
      const size_t i = std::stoul(d.substr(d.find('[') + 1));
      return SystemDiff(d, a.systems[i], b.systems[i]);
    }
    return d;
  }
  if (!(d = ListDiff("delegations", a.delegations, b.delegations)).empty()) return d;
  if (!(d = ListDiff("powers_of_attorney", a.powers_of_attorney, b.powers_of_attorney)).empty()) return d;
  if (!(d = ListDiff("processing_activities", a.processing_activities, b.processing_activities)).empty()) return d;
  if (!(d = ListDiff("processor_records", a.processor_records, b.processor_records)).empty()) return d;
  if (!(d = ListDiff("incidents", a.incidents, b.incidents)).empty()) return d;
  if (!(d = ListDiff("data_subject_requests", a.data_subject_requests, b.data_subject_requests)).empty()) return d;
  if (!(d = ListDiff("agreements", a.agreements, b.agreements)).empty()) return d;
  if (!(d = ListDiff("cooperations", a.cooperations, b.cooperations)).empty()) return d;
  if (!(d = ListDiff("dpa_decisions", a.dpa_decisions, b.dpa_decisions)).empty()) return d;
  return "";
}

}  // namespace ansvar::store::testing
