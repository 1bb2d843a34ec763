#include "io/register_schema.hpp"

#include "model/enums.hpp"
#include "model/register.hpp"

namespace ansvar::io::schema {
namespace {

using model::EnumNames;

Type Json(std::string json) {
  Type t;
  t.json = std::move(json);
  return t;
}
Type Text() { return Json("string"); }
// An entity's id (README: 1 to 100 letters, digits, ".", "_", "-"), or a reference to one.
Type Id(std::string what) {
  Type t = Json("string");
  t.min_length = 1, t.max_length = 100;
  t.description = "the id of " + std::move(what);
  return t;
}
Type Date() {
  Type t = Json("string");
  t.format = "date";
  return t;
}
Type DateTime() {
  Type t = Json("string");
  t.format = "date-time";
  return t;
}
Type Bool() { return Json("boolean"); }
Type Int(long long min = -1, long long max = -1) {
  Type t = Json("integer");
  t.minimum = min, t.maximum = max;
  return t;
}
template <class E>
Type Enum() {
  Type t = Json("string");
  for (auto name : EnumNames<E>::kNames) t.enums.emplace_back(name);
  return t;
}
Type Ref(std::string name) {
  Type t;
  t.ref = std::move(name);
  return t;
}
Type Array(Type items) {
  Type t = Json("array");
  t.items = std::make_shared<const Type>(std::move(items));
  return t;
}
Type Map(Type values, std::string keys) {
  Type t = Json("object");
  t.items = std::make_shared<const Type>(std::move(values));
  t.description = std::move(keys);
  return t;
}
// "decide_dpa" … or "other:<free text>": the delegation matter's wire form (register_reader.cpp Matter).
Type Matter() {
  Type t = Json("string");
  std::string alternatives;
  for (auto name : EnumNames<model::DelegationMatter>::kNames)
    if (name != "other") alternatives += std::string(name) + "|";
  t.pattern = "^(" + alternatives + "other:.*)$";
  return t;
}

constexpr auto R = Presence::kRequired;
constexpr auto W = Presence::kWritten;
constexpr auto O = Presence::kOptional;

Field F(std::string name, Type type, Presence presence, std::string description, bool nullable = false) {
  return Field{std::move(name), std::move(type), presence, nullable, std::move(description)};
}
// Written always, null when it has no value.
Field N(std::string name, Type type, std::string description) {
  return Field{std::move(name), std::move(type), Presence::kWritten, true, std::move(description)};
}

std::vector<ObjectSchema> MakeSchemas() {
  std::vector<ObjectSchema> s;
  s.push_back({"Organization",
               "A municipality, region, company or foundation (cooperation-and-decisions.md §1)",
               {F("id", Id("the organization"), R, "Unique id"), F("name", Text(), W, "Name"),
                F("kind", Enum<model::OrganizationKind>(), R, "What kind of organization it is"),
                N("dpo", Id("a person"), "The data protection officer (dataskyddsombud)"),
                N("management_review_on", Date(), "Last review of the management system (R-LIS-REVIEW)"),
                F("rulebook", Ref("RulebookOverrides"), O, "The organization's own rulebook settings")}});
  s.push_back(
      {"Committee",
       "A committee (nämnd) of an organization: the controller of personal data",
       {F("id", Id("the committee"), R, "Unique id"),
        F("organization", Id("an organization"), R, "The organization it belongs to"), F("name", Text(), W, "Name"),
        F("kind", Enum<model::CommitteeKind>(), R, "Executive board, service committee, …")}});
  s.push_back({"Unit",
               "A unit of an administration",
               {F("id", Id("the unit"), R, "Unique id within the administration"), F("name", Text(), W, "Name"),
                F("kind", Enum<model::UnitKind>(), W, "Digital center, procurement or other")}});
  s.push_back(
      {"Administration",
       "An administration (förvaltning) working for one or more committees",
       {F("id", Id("the administration"), R, "Unique id"),
        F("organization", Id("an organization"), R, "The organization it belongs to"), F("name", Text(), W, "Name"),
        F("committees", Array(Id("a committee")), W, "The committees it works for"),
        N("employing_committee", Id("a committee"), "The employing committee (defaults to the first)"),
        F("units", Array(Ref("Unit")), W, "Its units")}});
  s.push_back({"Person",
               "A person who can hold roles",
               {F("id", Id("the person"), R, "Unique id"), F("name", Text(), W, "Name"),
                N("administration", Id("an administration"), "Where the person works"),
                N("unit", Id("a unit"), "The unit within that administration"),
                N("title", Enum<model::Title>(), "The person's title (befattning)"),
                F("email", Text(), W, "E-mail address (may be empty)")}});
  s.push_back(
      {"Classification",
       "Information classification levels, 0 to 3",
       {F("confidentiality", Int(0, 3), R, "Confidentiality level"), F("integrity", Int(0, 3), W, "Integrity level"),
        F("availability", Int(0, 3), W, "Availability level"), F("done_on", Date(), O, "Classified on"),
        F("method", Text(), O, "The method (e.g. KLASSA)"),
        F("decided_by", Id("a committee"), O, "The committee that classified (KS for municipality-wide systems)"),
        F("standard_information", Text(), O, "The most sensitive information, which sets the standard"),
        F("measures", Array(Ref("Measure")), O, "The action plan decided after the classification"),
        F("approved_by", Id("a person"), O, "The owner who approved the measures"),
        F("approved_on", Date(), O, "Approved on"),
        F("approval", Enum<model::ApprovalSource>(), O, "Performed in Ansvar, or recorded by hand")}});
  s.push_back(
      {"Transfer",
       "A third-country transfer of the system's personal data (GDPR chapter 5)",
       {N("basis", Text(), "The legal basis: adequacy, scc, bcr, derogation, …"),
        N("tia_document", Id("a document of the system"), "The transfer impact assessment"),
        F("art9_document", Id("a document of the system"), O, "With special categories: the art. 9 analysis")}});
  s.push_back({"RoleAssignment",
               "A role on a system: held by a person, information_owner by a committee",
               {F("role", Enum<model::RoleKind>(), R, "The role"), F("person", Id("a person"), O, "Who holds it"),
                F("committee", Id("a committee"), O, "The committee holding information_owner")}});
  s.push_back(
      {"Document",
       "A document of a system; each kind uses the fields the format gives it",
       {F("id", Id("the document"), R, "Unique id"),
        F("kind", Enum<model::DocumentKind>(), R, "What document it is"),
        F("valid_from", Date(), O, "First valid day"),
        F("valid_to", Date(), O, "Last valid day"),
        F("diary_number", Text(), O, "Diary number (diarienummer)"),
        F("signed_on", Date(), O, "Signed on"),
        F("signed_by", Id("a person"), O, "Signed by"),
        F("on_behalf_of", Array(Id("a committee")), O, "The committees it was signed on behalf of"),
        F("organization", Id("an organization"), O, "A DPA's contracting organization (default: the owner's)"),
        F("organizations", Array(Id("an organization")), O, "A DPA's controller organizations"),
        F("clauses", Array(Text()), O, "A DPA's clauses (28.3.a, …)"),
        F("powers_of_attorney", Array(Id("a power of attorney")), O, "The powers of attorney the signer used"),
        F("year", Int(), O, "The year a plan or report covers"),
        F("approved_on", Date(), O, "Approved on"),
        F("approved_by", Id("a person"), O, "Approved by"),
        F("done_on", Date(), O, "Done on (assessments, analyses)"),
        F("dpo_consulted", Bool(), O, "Whether the data protection officer was consulted"),
        F("approved_by_account", Text(), O, "The account that approved in Ansvar (absent: recorded by hand)"),
        F("adopted_by", Array(Id("a committee")), O, "A reference DPIA: the controller committees that adopted it"),
        F("supplemented_by", Array(Id("a committee")), O,
          "A reference DPIA: the controller committees that supplemented it for their own field")}});
  s.push_back({"Forum",
               "A forum of a system's management and when it was last held",
               {F("kind", Enum<model::ForumKind>(), R, "The forum"), N("held_on", Date(), "Last held on"),
                F("measures", Array(Ref("Measure")), O, "Measures decided at a contract review")}});
  s.push_back({"Review",
               "A recurring review of a system and when it was last done",
               {F("kind", Enum<model::ReviewKind>(), R, "The review"), N("done_on", Date(), "Last done on")}});
  s.push_back({"Integration",
               "A flow of data from the system to another",
               {F("to", Id("a system"), R, "The receiving system"),
                F("personal_data", Bool(), W, "Whether personal data flows")}});
  s.push_back(
      {"System",
       "A digital service or system with its roles, documents, forums, reviews and integrations",
       {F("id", Id("the system"), R, "Unique id"),
        F("name", Text(), W, "Name"),
        F("category", Enum<model::Category>(), R, "The category, which decides the mandatory roles and documents"),
        F("scope", Enum<model::Scope>(), R, "Municipality-wide or administration-specific"),
        F("own_support_process", Bool(), W, "Whether it has its own support process"),
        N("owner_administration", Id("an administration"), "The owning administration"),
        F("used_by", Array(Id("an administration")), W, "The administrations using it"),
        N("hosting", Enum<model::Hosting>(), "Internal or external hosting"),
        N("supplier", Text(), "The supplier"),
        F("personal_data", Bool(), W, "Whether it processes personal data"),
        F("special_categories", Bool(), W, "Whether it processes special categories (art. 9)"),
        F("fee", Bool(), W, "Whether users pay a fee"),
        F("lifecycle", Enum<model::Lifecycle>(), R, "Where it is in its life"),
        N("active_since", Date(), "In operation since"),
        N("classification", Ref("Classification"), "Its information classification"),
        F("processing_countries", Array(Text()), W, "Countries where data is processed (ISO 3166-1 alpha-2)"),
        F("transfer", Ref("Transfer"), O, "Its third-country transfer"),
        F("roles", Array(Ref("RoleAssignment")), W, "Who holds which role"),
        F("documents", Array(Ref("Document")), W, "Its documents"),
        F("forums", Array(Ref("Forum")), W, "Its forums"),
        F("reviews", Array(Ref("Review")), W, "Its reviews"),
        F("integrations", Array(Ref("Integration")), W, "Its integrations")}});
  s.push_back({"Delegation",
               "A delegation of a committee's decisions to a title or a person",
               {F("id", Id("the delegation"), O, "Unique id (the server assigns one when absent)"),
                F("committee", Id("a committee"), R, "The delegating committee"),
                F("matter", Matter(), R, "What is delegated: a known matter or other:<text>"),
                N("delegate_title", Enum<model::Title>(), "Delegated to whoever has this title"),
                N("delegate_person", Id("a person"), "Delegated to this person"),
                F("decision", Text(), W, "The decision, e.g. \"BN 2024-09-24 § 101\""),
                N("valid_from", Date(), "Valid from"), N("valid_to", Date(), "Valid until (exclusive)")}});
  s.push_back({"PowerOfAttorney",
               "A power of attorney to sign a DPA for a committee",
               {F("id", Id("the power of attorney"), R, "Unique id"),
                F("committee", Id("a committee"), R, "For which committee"),
                N("issued_by", Id("a person"), "Who issued it"), N("holder", Id("a person"), "Who holds it"),
                N("system", Id("a system"), "For which system"), N("issued_on", Date(), "Issued on")}});
  {
    Type transfer_text = Text();
    transfer_text.description = "a country or a description (read as the country)";
    Type transfer;
    transfer.one_of = {Ref("TransferRecord"), transfer_text};
    s.push_back({"TransferRecord",
                 "A third-country transfer of a processing activity",
                 {F("country", Text(), W, "The country"), F("recipient", Text(), W, "The recipient"),
                  F("safeguards", Text(), W, "The safeguards")}});
    s.push_back({"ThresholdAnalysis",
                 "The DPIA threshold analysis of a processing activity (R-DPIA-THRESHOLD)",
                 {N("done_on", Date(), "Done on"),
                  F("criteria", Array(Enum<model::Criterion>()), W, "The criteria met"), N("motivation", Text(), "Why"),
                  F("dpo_commented", Bool(), W, "Whether the data protection officer commented")}});
    s.push_back(
        {"DpiaRisk",
         "A risk of a DPIA: likelihood × consequence",
         {F("id", Text(), O, "Unique within the DPIA"), F("description", Text(), W, "The risk"),
          F("likelihood", Int(1, 4), W, "Likelihood, 1 to 4"), F("consequence", Int(1, 4), W, "Consequence, 1 to 4")}});
    s.push_back({"DpoOpinion",
                 "The data protection officer's opinion on a DPIA",
                 {F("text", Text(), W, "The opinion"), N("given_on", Date(), "Given on")}});
    s.push_back({"PriorConsultation",
                 "Prior consultation of the supervisory authority (art. 36)",
                 {F("needed", Bool(), W, "Whether a high residual risk requires it"), N("sent_on", Date(), "Sent on"),
                  N("authority_reply_on", Date(), "The authority's reply on")}});
    s.push_back({"Dpia",
                 "A data protection impact assessment (art. 35) and its record (art. 35.7, 36)",
                 {N("done_on", Date(), "Done on"),
                  F("dpo_consulted", Bool(), W, "Whether the data protection officer was consulted"),
                  F("description", Text(), O, "A description of the processing (art. 35.7 a)"),
                  F("necessity_proportionality", Text(), O, "Necessity and proportionality (art. 35.7 b)"),
                  F("risks", Array(Ref("DpiaRisk")), O, "The risks (art. 35.7 c)"),
                  F("measures", Array(Ref("Measure")), O, "The measures (art. 35.7 d)"),
                  F("residual_risk", Enum<model::RiskLevel>(), O, "The risk that remains"),
                  F("dpo_opinion", Ref("DpoOpinion"), O, "The data protection officer's opinion"),
                  F("prior_consultation", Ref("PriorConsultation"), O, "Prior consultation (art. 36)"),
                  F("review_on", Date(), O, "To be reviewed on"),
                  F("covers_activities", Array(Id("a processing activity")), O, "Other processings it covers"),
                  F("motivation", Text(), O, "Why one DPIA covers several processings")}});
    s.push_back(
        {"ProcessingActivity",
         "An entry of the record of processing activities (art. 30.1)",
         {F("id", Id("the processing activity"), R, "Unique id"),
          N("controller", Id("a committee"), "The controlling committee"), F("name", Text(), W, "Name"),
          F("process_code", Text(), W, "The process code of the classification scheme"),
          F("purposes", Array(Text()), W, "Purposes"),
          N("legal_basis", Enum<model::LegalBasis>(), "Legal basis (art. 6)"),
          F("systems", Array(Id("a system")), W, "The systems used"),
          F("data_subjects", Array(Text()), W, "Categories of data subjects"),
          F("data_categories", Array(Text()), W, "Categories of personal data"),
          F("recipients", Array(Text()), W, "Recipients"),
          F("transfers", Array(transfer), W, "Third-country transfers"), F("retention", Text(), W, "Retention"),
          F("security_measures", Text(), W, "Security measures"),
          F("joint_controllers", Array(Id("a committee")), W, "Joint controllers"),
          N("processor_committee", Id("a committee"), "The committee processing for the controller"),
          N("start_date", Date(), "Started on"), F("own_dpia_required", Bool(), W, "Whether it needs its own DPIA"),
          N("threshold_analysis", Ref("ThresholdAnalysis"), "Its threshold analysis"),
          N("dpia", Ref("Dpia"), "Its DPIA")}});
  }
  s.push_back({"ProcessorRecord",
               "An entry of a committee's record as processor (art. 30.2)",
               {F("id", Id("the processor record"), O, "Unique id (the server assigns one when absent)"),
                F("committee", Id("a committee"), R, "The processing committee"),
                F("system", Id("a system"), R, "The system"), F("subject", Text(), W, "What is processed"),
                F("processing_categories", Array(Text()), W, "Categories of processing"),
                F("committees", Array(Id("a committee")), W, "The controllers processed for")}});
  s.push_back({"Measure",
               "A measure decided after a DPIA, a classification, a breach or a contract review",
               {F("id", Text(), O, "Unique within its holder"), F("description", Text(), R, "What is to be done"),
                N("owner", Id("a person"), "Who does it"), N("due", Date(), "By when"),
                F("status", Enum<model::MeasureStatus>(), W, "Where it stands"), F("done_on", Date(), O, "Done on")},
               false});
  s.push_back({"ControllerAssessment",
               "A controller that judges a breach differently from the handler, and its own notification",
               {F("committee", Id("a committee"), R, "The controller"),
                N("assessment", Enum<model::Assessment>(), "Its assessment"),
                N("notified_authority_at", DateTime(), "When it notified the supervisory authority")}});
  s.push_back({"Incident",
               "A personal data breach with its 72-hour clock and its record (art. 33)",
               {F("id", Id("the incident"), R, "Unique id"),
                N("system", Id("a system"), "The system concerned"),
                F("aware_at", DateTime(), R, "When the organization became aware (starts the 72 hours)"),
                F("controllers", Array(Id("a committee")), W, "The controllers"),
                N("handler", Id("a committee"), "The committee handling it"),
                N("assessment", Enum<model::Assessment>(), "The risk assessment (null: not yet assessed)"),
                N("notified_authority_at", DateTime(), "When the supervisory authority was notified"),
                N("delay_reason", Text(), "Why the notification came after 72 hours"),
                F("dpo_informed", Bool(), W, "Whether the data protection officer was informed"),
                N("subjects_informed_at", DateTime(), "When the data subjects were informed"),
                F("description", Text(), O, "What happened (art. 33.3 a)"),
                F("subject_categories", Array(Text()), O, "Categories of data subjects"),
                F("approx_subjects", Int(0), O, "Approximate number of data subjects"),
                F("record_categories", Array(Text()), O, "Categories of records"),
                F("approx_records", Int(0), O, "Approximate number of records"),
                F("likely_consequences", Text(), O, "Likely consequences (art. 33.3 c)"),
                F("measures", Text(), O, "Measures taken or proposed (art. 33.3 d)"),
                F("affected_informed_on", Date(), O, "When every affected controller was sent the documentation"),
                F("assessments", Array(Ref("ControllerAssessment")), O, "Controllers' own assessments"),
                F("occurred_at", DateTime(), O, "When the breach occurred (the authority's form)"),
                F("nature", Array(Enum<model::BreachNature>()), O, "Confidentiality, integrity or availability breach"),
                F("cause", Enum<model::BreachCause>(), O, "The cause, for the follow-up statistics"),
                F("subjects_informed_how", Text(), O, "How the data subjects were informed"),
                F("cross_border", Bool(), O, "Whether data subjects in other EU states are affected"),
                F("reported_at", DateTime(), O, "When an employee reported it in Ansvar"),
                F("action_plan", Array(Ref("Measure")), O, "The measures decided after the breach")}});
  s.push_back(
      {"DataSubjectRequest",
       "A data subject's request (access, rectification, erasure, …) and its deadline",
       {F("id", Id("the request"), R, "Unique id"), F("received_on", Date(), R, "Received on (starts the month)"),
        F("kind", Text(), W, "access, rectification, erasure, … (an open set)"),
        F("controllers", Array(Id("a committee")), W, "The controllers"), N("decided_on", Date(), "Decided on"),
        N("extended_reason", Text(), "Why the deadline was extended"),
        N("outcome", Enum<model::RequestOutcome>(), "The outcome"),
        F("appeal_notice", Bool(), W, "Whether a refusal told how to appeal")}});
  s.push_back({"Agreement",
               "An agreement between organizations about systems",
               {F("id", Id("the agreement"), R, "Unique id"),
                F("kind", Enum<model::AgreementKind>(), R, "What agreement it is"),
                F("systems", Array(Id("a system")), W, "The systems"),
                F("parties", Array(Id("an organization")), W, "The parties"), N("signed_on", Date(), "Signed on")}});
  s.push_back(
      {"CooperationParty",
       "A party of a cooperation",
       {F("organization", Id("an organization"), R, "The party"),
        N("committee", Id("a committee"), "The party's responsible committee"), N("joined_on", Date(), "Joined on"),
        F("decision", Text(), W, "The joining decision, e.g. \"KF 2020-11-23 § 140\"")}});
  s.push_back({"CooperationGroup",
               "A group of a cooperation (steering, working, management)",
               {F("kind", Enum<model::GroupKind>(), W, "The group"), F("name", Text(), W, "Name"),
                F("members", Array(Id("a person")), W, "Members")}});
  s.push_back(
      {"CooperationDocument",
       "A document of a cooperation",
       {F("kind", Enum<model::CooperationDocumentKind>(), W, "What document it is"),
        F("signed_on", Date(), O, "Signed on"), F("done_on", Date(), O, "Done on"),
        F("published_on", Date(), O, "The essence made available to the data subjects (art. 26.2)"),
        F("diary_number", Text(), O, "Diary number"), F("dpia", Bool(), O, "A risk analysis that includes the DPIA"),
        F("dpo_consulted", Bool(), O, "Whether the data protection officer was consulted")}});
  s.push_back({"Cooperation",
               "A cooperation between organizations (cooperation-and-decisions.md §2)",
               {F("id", Id("the cooperation"), R, "Unique id"), F("name", Text(), W, "Name"),
                F("form", Enum<model::CooperationForm>(), W, "Its legal form"),
                N("lead", Id("an organization"), "The party that procures and holds the supplier contract (huvudman)"),
                N("coordinator", Id("a person"), "The coordinator"),
                F("parties", Array(Ref("CooperationParty")), W, "The parties"),
                F("systems", Array(Id("a system")), W, "The systems"),
                F("groups", Array(Ref("CooperationGroup")), W, "Its groups"),
                F("documents", Array(Ref("CooperationDocument")), W, "Its documents"),
                F("responsibilities", Map(Text(), "a duty of the art. 26 arrangement"), W,
                  "Who bears each duty: a party's organization id, or \"each\""),
                F("consulted", Array(Text()), W, "Stakeholders consulted (lawyer, dpo, …)"),
                N("management_review_on", Date(), "Last review of the cooperation's management system")}});
  s.push_back(
      {"DpaDecision",
       "A committee's decision on which processor to use (cooperation-and-decisions.md §3)",
       {F("id", Id("the decision"), R, "Unique id"), F("system", Id("a system"), W, "The system"),
        F("committees", Array(Id("a committee")), W, "For whom it is decided"), N("decided_on", Date(), "Decided on"),
        N("decided_by", Id("a person"), "Who decided by delegation (null at a meeting)"),
        N("delegation", Id("a delegation"), "The delegation used (null at a meeting)"),
        N("meeting", Text(), "The meeting when the committee decided itself, e.g. \"BN 2024-10-01 § 12\""),
        N("processor", Text(), "The processor"), N("diary_number", Text(), "Diary number"),
        N("reported_on", Date(), "Reported to the committee on (KL 7 kap. 8 §)"),
        F("reported_at", Text(), O, "The meeting and paragraph it was reported at")}});
  {
    Type format = Text();
    format.enums = {std::string(model::kRegisterFormat)};
    Type as_of;
    as_of.one_of = {Date(), DateTime()};
    auto list = [](const char* schema) { return Array(Ref(schema)); };
    s.push_back(
        {"Register",
         "A whole register in the exchange format ansvar-register/1 (spec/register-format.md)",
         {F("format", format, R, "Always \"ansvar-register/1\""),
          F("as_of", as_of, O, "The instant the document describes: a date or an RFC 3339 timestamp"),
          F("rulebook", Ref("RulebookOverrides"), O, "The register's rulebook settings"),
          F("organizations", list("Organization"), W, "Organizations"),
          F("committees", list("Committee"), W, "Committees"),
          F("administrations", list("Administration"), W, "Administrations"), F("people", list("Person"), W, "People"),
          F("systems", list("System"), W, "Systems"), F("delegations", list("Delegation"), W, "Delegations"),
          F("powers_of_attorney", list("PowerOfAttorney"), W, "Powers of attorney"),
          F("processing_activities", list("ProcessingActivity"), W, "Records of processing (art. 30.1)"),
          F("processor_records", list("ProcessorRecord"), W, "Records as processor (art. 30.2)"),
          F("incidents", list("Incident"), W, "Personal data breaches"),
          F("data_subject_requests", list("DataSubjectRequest"), W, "Data subject requests"),
          F("agreements", list("Agreement"), W, "Agreements"),
          F("cooperations", list("Cooperation"), O, "Cooperations (written when there are some)"),
          F("dpa_decisions", list("DpaDecision"), O, "DPA decisions (written when there are some)")}});
  }
  for (auto& schema : s) {
    if (schema.name == "Person")
      schema.example = R"({"id":"p-anna","name":"Anna Berg","administration":"bmf","unit":null,"title":"manager",)"
                       R"("email":"anna.berg@kommun.se"})";
    else if (schema.name == "System")
      schema.example =
          R"({"id":"ecos","name":"Ecos","category":"business_system","scope":"administration_specific",)"
          R"("own_support_process":false,"owner_administration":"bmf","used_by":["bmf"],"hosting":"external",)"
          R"("supplier":"Kommunsystem AB","personal_data":true,"special_categories":false,"fee":false,)"
          R"("lifecycle":"active","active_since":"2019-03-01","classification":{"confidentiality":2,)"
          R"("integrity":2,"availability":1},"processing_countries":["SE"],"roles":[{"role":"owner",)"
          R"("person":"p-anna"},{"role":"information_owner","committee":"bn"}],"documents":[{"id":"ecos-dpa",)"
          R"("kind":"dpa","valid_from":"2024-01-01","signed_on":"2023-12-15","signed_by":"p-anna",)"
          R"("on_behalf_of":["bn"]}],"forums":[{"kind":"contract_review","held_on":"2025-10-01"}],)"
          R"("reviews":[{"kind":"access_review","done_on":"2025-09-01"}],"integrations":[]})";
    else if (schema.name == "Incident")
      schema.example = R"({"id":"inc-2026-041","system":"ecos","aware_at":"2026-03-02T08:15:00Z","controllers":["bn"],)"
                       R"("handler":"bn","assessment":"risk","notified_authority_at":"2026-03-03T10:00:00Z",)"
                       R"("delay_reason":null,"dpo_informed":true,"subjects_informed_at":null,)"
                       R"("description":"A decision letter was sent to the wrong address","approx_subjects":1})";
  }
  return s;
}

void WriteSchema(JsonWriter& o, const ObjectSchema& schema, bool input, const std::string& ref_prefix) {
  o.Key(input ? schema.name + "Input" : schema.name);
  o.BeginObject();
  o.Field("type", "object");
  o.Field("description", input ? schema.description + " (as a request sends it)" : schema.description);
  std::vector<std::string> required;
  for (const auto& f : schema.fields)
    if (f.presence == Presence::kRequired || (!input && f.presence == Presence::kWritten)) required.push_back(f.name);
  if (!required.empty()) o.Field("required", required);
  o.Key("properties");
  o.BeginObject();
  const std::string prefix = input ? ref_prefix + "@input:" : ref_prefix;
  for (const auto& f : schema.fields) {
    o.Key(f.name);
    // An input may send null wherever the server would write null, and for a value it may leave out; it may leave
    // out what the server would always write.
    const bool nullable = f.nullable || (input && f.presence == Presence::kOptional && f.type.json != "array");
    WriteType(o, f.type, prefix, nullable, f.description);
  }
  o.EndObject();
  // What the server writes has no other key; a request's other keys are ignored (spec/register-format.md).
  o.Field("additionalProperties", input);
  if (!schema.example.empty()) {
    o.Key("examples");
    o.BeginArray();
    o.Raw(schema.example);
    o.EndArray();
  }
  o.EndObject();
}

}  // namespace

const std::vector<ObjectSchema>& RegisterSchemas() {
  static const std::vector<ObjectSchema> schemas = MakeSchemas();
  return schemas;
}

const ObjectSchema* FindSchema(const std::string& name) {
  for (const auto& s : RegisterSchemas())
    if (s.name == name) return &s;
  return nullptr;
}

void WriteType(JsonWriter& o, const Type& type, const std::string& ref_prefix, bool nullable,
               const std::string& description) {
  // A "@input:" prefix marks references into the input variants: "#/components/schemas/@input:" + "Unit" is
  // "#/components/schemas/UnitInput" when the table has an input variant of Unit.
  const std::string marker = "@input:";
  const bool input = ref_prefix.ends_with(marker);
  const std::string base = input ? ref_prefix.substr(0, ref_prefix.size() - marker.size()) : ref_prefix;
  auto ref_of = [&](const std::string& name) {
    const auto* s = FindSchema(name);
    return base + name + (input && s && s->input_variant ? "Input" : "");
  };
  o.BeginObject();
  if (!description.empty()) o.Field("description", description);
  if (!type.ref.empty() && !nullable) {  // OpenAPI 3.1: a reference may have a description beside it
    o.Field("$ref", ref_of(type.ref));
    o.EndObject();
    return;
  }
  if (!type.ref.empty() || !type.one_of.empty()) {
    // A reference with null beside it, or a choice of shapes that may overlap (a date is also a string).
    o.Key(type.one_of.empty() ? "oneOf" : "anyOf");
    o.BeginArray();
    if (!type.ref.empty()) {
      o.BeginObject();
      o.Field("$ref", ref_of(type.ref));
      o.EndObject();
    }
    for (const auto& alt : type.one_of) WriteType(o, alt, ref_prefix);
    if (nullable) {
      o.BeginObject();
      o.Field("type", "null");
      o.EndObject();
    }
    o.EndArray();
    o.EndObject();
    return;
  }
  if (nullable) {
    o.Key("type");
    o.BeginArray();
    o.String(type.json);
    o.String("null");
    o.EndArray();
  } else {
    o.Field("type", type.json);
  }
  if (!type.format.empty()) o.Field("format", type.format);
  if (!type.pattern.empty()) o.Field("pattern", type.pattern);
  if (type.min_length >= 0) o.Field("minLength", type.min_length);
  if (type.max_length >= 0) o.Field("maxLength", type.max_length);
  if (type.minimum >= 0) o.Field("minimum", static_cast<int64_t>(type.minimum));
  if (type.maximum >= 0) o.Field("maximum", static_cast<int64_t>(type.maximum));
  if (!type.enums.empty()) {
    o.Key("enum");
    o.BeginArray();
    for (const auto& e : type.enums) o.String(e);
    if (nullable) o.Null();
    o.EndArray();
  }
  if (type.items && type.json == "array") {
    o.Key("items");
    WriteType(o, *type.items, ref_prefix);
  } else if (type.items) {
    o.Key("additionalProperties");
    WriteType(o, *type.items, ref_prefix);
    o.Key("propertyNames");
    o.BeginObject();
    o.Field("description", type.description);
    o.EndObject();
  }
  o.EndObject();
}

void WriteJsonSchemas(JsonWriter& o, const std::string& ref_prefix) {
  for (const auto& s : RegisterSchemas()) {
    WriteSchema(o, s, false, ref_prefix);
    if (s.input_variant) WriteSchema(o, s, true, ref_prefix);
  }
}

}  // namespace ansvar::io::schema
