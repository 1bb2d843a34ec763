#include "rules/messages.hpp"

#include <cstdio>

#include "rules/due.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::rules {
namespace {

std::string Str(const Finding& f, std::string_view key) {
  const auto* s = DetailString(f, key);
  return s ? *s : std::string();
}

std::string Joined(const Finding& f, std::string_view key) {
  for (const auto& [k, v] : f.detail) {
    if (k != key) continue;
    if (const auto* list = std::get_if<std::vector<std::string>>(&v)) {
      std::string out;
      for (const auto& item : *list) out += (out.empty() ? "" : ", ") + item;
      return out;
    }
  }
  return {};
}

// An instant of a finding's detail as people read it: Europe/Stockholm, with the zone ("2026-11-24 09:30 CET").
std::string When(const Finding& f, std::string_view key) {
  const auto text = Str(f, key);
  const auto t = model::ParseTimestamp(text);
  if (!t) return text;
  const int offset = StockholmOffsetSeconds(*t);
  const auto local = model::Timestamp::FromSeconds(t->seconds() + offset);
  const auto date = local.date();
  const int64_t in_day = ((local.seconds() % 86400) + 86400) % 86400;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s %02d:%02d %s", model::FormatDate(date).c_str(), static_cast<int>(in_day / 3600),
                static_cast<int>(in_day % 3600 / 60), offset == 7200 ? "CEST" : "CET");
  return buf;
}

std::string Year(const Finding& f) {
  const auto* y = DetailInt(f, "year");
  return y ? std::to_string(*y) : std::string();
}

template <class E>
std::string EnumLabel(const Finding& f, std::string_view key, Lang lang) {
  const auto name = Str(f, key);
  if (auto v = model::ParseEnum<E>(name)) return std::string(Label(*v, lang));
  return name;
}

std::string CommitteeName(const RegisterIndex& index, const std::string& id) {
  const auto* c = index.FindCommittee(id);
  return c && !c->name.empty() ? c->name : id;
}

std::string OrganizationName(const RegisterIndex& index, const std::string& id) {
  const auto* o = index.FindOrganization(id);
  return o && !o->name.empty() ? o->name : id;
}

std::string SystemName(const RegisterIndex& index, const std::string& id) {
  const auto* s = index.FindSystem(id);
  return s && !s->name.empty() ? s->name : id;
}

std::string DutyLabel(const std::string& duty, Lang lang) {
  const bool sv = lang == Lang::kSv;
  if (duty == "information_to_subjects")
    return sv ? "information till de registrerade" : "information to data subjects";
  if (duty == "data_subject_requests") return sv ? "de registrerades begäranden" : "data subject requests";
  if (duty == "breach_handling") return sv ? "hantering av incidenter" : "breach handling";
  if (duty == "breach_notification") return sv ? "anmälan av incidenter" : "breach notification";
  if (duty == "dpia") return sv ? "konsekvensbedömning" : "DPIA";
  if (duty == "security_measures") return sv ? "säkerhetsåtgärder" : "security measures";
  if (duty == "processor_agreement") return sv ? "biträdesavtal" : "processor agreement";
  if (duty == "contact_point") return sv ? "kontaktpunkt" : "contact point";
  return duty;
}

std::string BreachFieldLabel(const std::string& field, Lang lang) {
  const bool sv = lang == Lang::kSv;
  if (field == "description") return sv ? "vad som hänt" : "a description of what happened";
  if (field == "subject_categories") return sv ? "kategorier av registrerade" : "the categories of data subjects";
  if (field == "approx_subjects")
    return sv ? "ungefärligt antal registrerade" : "the approximate number of data subjects";
  if (field == "record_categories") return sv ? "kategorier av personuppgiftsposter" : "the categories of records";
  if (field == "approx_records") return sv ? "ungefärligt antal poster" : "the approximate number of records";
  if (field == "likely_consequences") return sv ? "sannolika följder" : "the likely consequences";
  if (field == "measures") return sv ? "vidtagna och föreslagna åtgärder" : "the measures taken or proposed";
  return field;
}

std::string DpiaFieldLabel(const std::string& field, Lang lang) {
  const bool sv = lang == Lang::kSv;
  if (field == "description") return sv ? "beskrivning av behandlingen" : "a description of the processing";
  if (field == "necessity_proportionality")
    return sv ? "bedömning av nödvändighet och proportionalitet" : "an assessment of necessity and proportionality";
  if (field == "risks") return sv ? "riskerna för de registrerade" : "the risks to the data subjects";
  if (field == "measures") return sv ? "planerade åtgärder" : "the measures envisaged";
  if (field == "residual_risk") return sv ? "kvarvarande risk" : "the residual risk";
  if (field == "motivation")
    return sv ? "motivering till att den täcker flera behandlingar" : "why it covers several processings";
  return field;
}

std::string MeasureSourceLabel(const std::string& source, Lang lang) {
  const bool sv = lang == Lang::kSv;
  if (source == "dpia") return sv ? "konsekvensbedömningen" : "the DPIA";
  if (source == "classification") return sv ? "informationsklassningen" : "the information classification";
  if (source == "breach") return sv ? "incidenten" : "the breach";
  if (source == "contract_review") return sv ? "avtalsuppföljningen" : "the contract review";
  return source;
}

std::string StakeholderLabel(const std::string& who, Lang lang) {
  const bool sv = lang == Lang::kSv;
  if (who == "lawyer") return sv ? "Juristen" : "lawyer";
  if (who == "dpo") return sv ? "Dataskyddsombudet" : "DPO";
  if (who == "information_security_coordinator")
    return sv ? "Informationssäkerhetssamordnaren" : "information security coordinator";
  if (who == "registry") return sv ? "Registraturen" : "registry";
  if (who == "archive") return sv ? "Arkivet" : "archive";
  if (who == "security_chief") return sv ? "Säkerhetschefen" : "security chief";
  return who;
}

}  // namespace

std::string SubjectName(const Subject& subject, const RegisterIndex& index) {
  switch (subject.type) {
    case SubjectType::kSystem:
      return SystemName(index, subject.id);
    case SubjectType::kCommittee:
      return CommitteeName(index, subject.id);
    case SubjectType::kOrganization:
      return OrganizationName(index, subject.id);
    case SubjectType::kProcessingActivity: {
      const auto* a = index.FindActivity(subject.id);
      return a && !a->name.empty() ? a->name : subject.id;
    }
    case SubjectType::kCooperation: {
      for (const auto& c : index.reg().cooperations)
        if (c.id.str() == subject.id) return c.name.empty() ? subject.id : c.name;
      return subject.id;
    }
    default:
      return subject.id;
  }
}

std::string Message(const Finding& f, const RegisterIndex& index, Lang lang) {
  const bool sv = lang == Lang::kSv;
  const std::string name = SubjectName(f.subject, index);
  std::string what = name;
  if (f.subject.type == SubjectType::kSystem)
    if (const auto* s = index.FindSystem(f.subject.id))
      what = name + " (" + std::string(Label(s->category, lang)) + ")";

  switch (f.rule) {
    case RuleId::kRoleMandatory:
      return what + (sv ? " saknar " : " lacks a ") + EnumLabel<model::RoleKind>(f, "role", lang);
    case RuleId::kRoleProcurement:
      return what + (sv ? " saknar " : " lacks a ") + EnumLabel<model::RoleKind>(f, "role", lang) +
             (sv ? " inför upphandlingen" : " before procurement");
    case RuleId::kRoleOwnerTitle:
      return sv ? "Ägaren av " + what + " har inte en befattning som får äga systemet"
                : "The owner of " + what + " does not hold a title that may own the system";
    case RuleId::kRoleSingleOwner:
      return sv ? what + " har fler än en ägare" : what + " has more than one owner";
    case RuleId::kRoleNoOwner:
      return sv ? what + " har ägare eller budgetansvarig, vilket kategorin inte har"
                : what + " has an owner or budget holder, which its category does not have";
    case RuleId::kRoleDigitalCenter:
      return sv ? "Teknisk systemförvaltare eller produktägare för " + what + " arbetar inte vid Digitalt center"
                : "The technical steward or product owner of " + what + " does not work at the Digital center";
    case RuleId::kRoleBudgetManager:
      return sv ? "Budgetansvarig för " + what + " är inte chef" : "The budget holder of " + what + " is not a manager";
    case RuleId::kScopeOwner:
      return sv ? what + " är kommungemensamt men ägs eller leds utanför KS eller Service (" + Joined(f, "roles") + ")"
                : what + " is municipality-wide but owned or run outside KS or Service (" + Joined(f, "roles") + ")";
    case RuleId::kScopeUsers:
      if (Str(f, "reason") == "used_by_all")
        return sv ? what + " används av alla förvaltningar och bör vara kommungemensamt"
                  : what + " is used by every administration and should be municipality-wide";
      return sv ? "Ägarförvaltningen för " + what + " är inte en av dess användare"
                : "The owner administration of " + what + " is not among its users";
    case RuleId::kDocMandatory:
      return what + (sv ? " saknar " : " lacks a ") + EnumLabel<model::DocumentKind>(f, "kind", lang);
    case RuleId::kPlanAnnual:
      if (f.severity == Severity::kInfo)
        return sv ? "Förvaltningsplan " + Year(f) + " för " + name + " ska godkännas senast " + Str(f, "due")
                  : "The " + Year(f) + " management plan of " + name + " is due by " + Str(f, "due");
      return sv ? what + " saknar förvaltningsplan för " + Year(f) + " godkänd senast " + Str(f, "due")
                : what + " lacks a management plan for " + Year(f) + " approved by " + Str(f, "due");
    case RuleId::kReportAnnual:
      if (f.severity == Severity::kInfo)
        return sv ? "Uppföljningsrapport " + Year(f) + " för " + name + " ska godkännas senast " + Str(f, "due")
                  : "The " + Year(f) + " follow-up report of " + name + " is due by " + Str(f, "due");
      return sv ? what + " saknar uppföljningsrapport för " + Year(f) + " godkänd senast " + Str(f, "due")
                : what + " lacks a follow-up report for " + Year(f) + " approved by " + Str(f, "due");
    case RuleId::kForumContractReview:
      return sv ? what + " hade ingen avtalsuppföljning " + Year(f) : what + " had no contract review in " + Year(f);
    case RuleId::kContractExpiry:
      if (f.severity == Severity::kError)
        return sv ? "Grundavtalet för " + what + " löpte ut " + Str(f, "valid_to")
                  : "The base contract of " + what + " ended on " + Str(f, "valid_to");
      return sv ? "Grundavtalet för " + what + " löper ut " + Str(f, "valid_to") +
                      ": besluta om förlängning eller uppsägning"
                : "The base contract of " + what + " ends on " + Str(f, "valid_to") + ": decide to extend or terminate";
    case RuleId::kDiarium:
      return sv ? what + " har dokument utan diarienummer (" + Joined(f, "documents") + ")"
                : what + " has documents without a diary number (" + Joined(f, "documents") + ")";
    case RuleId::kGdprController:
      return sv ? "Behandlingen " + name + " saknar personuppgiftsansvarig nämnd"
                : "The processing " + name + " has no controller committee";
    case RuleId::kRopaFields:
      return sv ? "Behandlingen " + name + " saknar uppgiften " + Str(f, "field") + " i registerförteckningen"
                : "The processing " + name + " lacks " + Str(f, "field") + " in the record of processing";
    case RuleId::kRopaJoint:
      return sv ? CommitteeName(index, Str(f, "committee")) + " anger inte behandlingen " + name +
                      " som gemensamt ansvar i sin förteckning"
                : CommitteeName(index, Str(f, "committee")) + " does not record " + name + " as joint controllership";
    case RuleId::kRopaProcessor:
      return sv ? CommitteeName(index, Str(f, "committee")) + " saknar biträdesförteckning för " + name
                : CommitteeName(index, Str(f, "committee")) + " keeps no processor record for " + name;
    case RuleId::kDpaDecider:
      return name;
    case RuleId::kDelegKf33:
      return sv ? name +
                      " har inte delegerat beslut om PUB-avtal för kommungemensamma system till biträdande "
                      "kommundirektören"
                : name +
                      " has not delegated DPA decisions for municipality-wide systems to the deputy municipal director";
    case RuleId::kDpaSigner:
      return sv ? "PUB-avtalet för " + what + " är inte undertecknat av biträdande kommundirektören"
                : "The DPA of " + what + " is not signed by the deputy municipal director";
    case RuleId::kDpaFullmakt:
      return sv ? "PUB-avtalet för " + what + " saknar fullmakt från " + CommitteeName(index, Str(f, "committee"))
                : "The DPA of " + what + " lacks a power of attorney from " + CommitteeName(index, Str(f, "committee"));
    case RuleId::kDpaClauses:
      return sv ? "PUB-avtalet för " + what + " saknar klausuler: " + Joined(f, "missing")
                : "The DPA of " + what + " lacks clauses: " + Joined(f, "missing");
    case RuleId::kIncDpo:
      return sv ? "Dataskyddsombudet har inte informerats om incident " + name
                : "The DPO has not been informed of breach " + name;
    case RuleId::kIncHandler:
      return sv ? "Incident " + name + " ska hanteras av " + CommitteeName(index, Str(f, "expected"))
                : "Breach " + name + " must be handled by " + CommitteeName(index, Str(f, "expected"));
    case RuleId::kInc72h:
      if (f.severity == Severity::kInfo)
        return sv ? "Incident " + name + " ska anmälas till IMY senast " + When(f, "deadline")
                  : "Breach " + name + " must be notified to IMY by " + When(f, "deadline");
      return sv ? "Incident " + name + " anmäldes inte till IMY i tid (senast " + When(f, "deadline") + ")"
                : "Breach " + name + " was not notified to IMY in time (by " + When(f, "deadline") + ")";
    case RuleId::kIncSubjects:
      if (f.severity == Severity::kInfo)
        return sv ? "De registrerade ska informeras om incident " + name + " senast " + When(f, "deadline")
                  : "Data subjects must be informed of breach " + name + " by " + When(f, "deadline");
      return sv ? "De registrerade informerades inte i tid om incident " + name
                : "Data subjects were not informed of breach " + name + " in time";
    case RuleId::kDpiaThreshold:
      return sv ? "Behandlingen " + name + " saknar tröskelanalys"
                : "The processing " + name + " has no threshold analysis";
    case RuleId::kDpiaRequired:
      return sv ? "Behandlingen " + name + " når tröskeln men saknar konsekvensbedömning"
                : "The processing " + name + " reaches the threshold but has no DPIA";
    case RuleId::kDpiaReference:
      return sv ? "KS bör göra en referensbedömning (DPIA) för " + what : "KS should make a reference DPIA for " + what;
    case RuleId::kTransferTia:
      if (f.severity == Severity::kInfo)
        return sv ? what + " behandlar känsliga personuppgifter utanför EU/EES: dokumentera analysen enligt artikel 9"
                  : what + " processes special categories outside the EU/EEA: document the art. 9 analysis";
      return sv ? what + " behandlas utanför EU/EES (" + Joined(f, "countries") + ") utan stöd och överföringsbedömning"
                : what + " is processed outside the EU/EEA (" + Joined(f, "countries") + ") without a basis and a TIA";
    case RuleId::kFlowSecurity:
      return sv ? what + " skickar personuppgifter till " + SystemName(index, Str(f, "to")) + " med lägre skyddsnivå"
                : what + " sends personal data to " + SystemName(index, Str(f, "to")) +
                      ", which has a lower protection level";
    case RuleId::kAccessReview:
      return sv ? "Behörigheterna i " + what + " har inte setts över inom intervallet"
                : "Access rights of " + what + " have not been reviewed within the interval";
    case RuleId::kLogReview:
      return sv ? "Loggarna i " + what + " har inte följts upp inom intervallet"
                : "Logs of " + what + " have not been reviewed within the interval";
    case RuleId::kDsarDeadline:
      if (Str(f, "reason") == "appeal_notice")
        return sv ? "Avslaget på begäran " + name + " saknar överklagandehänvisning"
                  : "The refusal of request " + name + " lacks a notice of appeal";
      if (f.severity == Severity::kInfo)
        return sv ? "Begäran " + name + " ska avgöras senast " + Str(f, "deadline")
                  : "Request " + name + " must be decided by " + Str(f, "deadline");
      return sv ? "Begäran " + name + " avgjordes inte i tid (senast " + Str(f, "deadline") + ")"
                : "Request " + name + " was not decided in time (by " + Str(f, "deadline") + ")";
    case RuleId::kClassification: {
      const auto problem = Str(f, "problem");
      if (problem == "stale")
        return sv ? "Informationsklassningen av " + what + " från " + Str(f, "done_on") + " är äldre än " +
                        Str(f, "months") + " månader"
                  : "The information classification of " + what + " of " + Str(f, "done_on") + " is older than " +
                        Str(f, "months") + " months";
      if (problem == "unapproved")
        return sv ? "Ägaren har inte godkänt handlingsplanen i informationsklassningen av " + what
                  : "The owner has not approved the action plan of the information classification of " + what;
      if (problem == "not_ks")
        return sv ? what + " är kommungemensamt men klassades inte av kommunstyrelsen"
                  : what + " is municipality-wide but was not classified by the executive board";
      return sv ? what + " saknar informationsklassning" : what + " has no information classification";
    }
    case RuleId::kDpiaContent:
      return sv ? "Konsekvensbedömningen för " + name + " saknar " + DpiaFieldLabel(Str(f, "field"), lang) +
                      " (artikel 35.7)"
                : "The DPIA of " + name + " lacks " + DpiaFieldLabel(Str(f, "field"), lang) + " (art. 35.7)";
    case RuleId::kDpiaPriorConsultation:
      return sv ? "Konsekvensbedömningen för " + name +
                      " visar hög kvarvarande risk men förhandssamråd med IMY har inte begärts (artikel 36)"
                : "The DPIA of " + name +
                      " shows a high residual risk but IMY has not been consulted beforehand (art. 36)";
    case RuleId::kDpiaReview:
      return sv ? "Konsekvensbedömningen för " + name + " skulle ha setts över senast " + Str(f, "review_on")
                : "The DPIA of " + name + " was due for review by " + Str(f, "review_on");
    case RuleId::kMeasureOverdue:
      return sv ? "Åtgärden \"" + Str(f, "description") + "\" i " + MeasureSourceLabel(Str(f, "source"), lang) +
                      " för " + name + " skulle vara klar " + Str(f, "due")
                : "The measure \"" + Str(f, "description") + "\" of " + MeasureSourceLabel(Str(f, "source"), lang) +
                      " for " + name + " was due " + Str(f, "due");
    case RuleId::kCoopArt26:
      return sv ? what + " delas av flera organisationer utan avtal om gemensamt personuppgiftsansvar"
                : what + " is shared by several organizations without a joint controller arrangement";
    case RuleId::kCoopSeparateDpa:
      return sv ? OrganizationName(index, Str(f, "organization")) + " saknar eget PUB-avtal för " + what
                : OrganizationName(index, Str(f, "organization")) + " lacks its own DPA for " + what;
    case RuleId::kLisReview:
      return sv ? name + " har inte följt upp ledningssystemet för dataskydd inom cykeln"
                : name + " has not reviewed its data protection management system within the cycle";
    case RuleId::kCoopParties:
      return sv ? OrganizationName(index, Str(f, "organization")) + " använder ett system i samverkan " + name +
                      " utan att vara part"
                : OrganizationName(index, Str(f, "organization")) + " uses a system of the cooperation " + name +
                      " without being a party";
    case RuleId::kCoopDecision:
      return sv ? OrganizationName(index, Str(f, "organization")) + " saknar beslut om anslutning till " + name
                : OrganizationName(index, Str(f, "organization")) + " has no decision to join " + name;
    case RuleId::kCoopDocuments:
      return sv ? name + " saknar " + EnumLabel<model::CooperationDocumentKind>(f, "kind", lang)
                : name + " lacks a " + EnumLabel<model::CooperationDocumentKind>(f, "kind", lang);
    case RuleId::kCoopResponsibility:
      return sv ? "Ansvaret \"" + DutyLabel(Str(f, "duty"), lang) + "\" i " + name + " är inte fördelat på en part"
                : "The duty \"" + DutyLabel(Str(f, "duty"), lang) + "\" of " + name + " is not assigned to a party";
    case RuleId::kCoopEssence:
      return sv ? "Det väsentliga i arrangemanget för " + name + " är inte publicerat för de registrerade"
                : "The essence of the arrangement of " + name + " is not published for the data subjects";
    case RuleId::kCoopRopa:
      return sv ? OrganizationName(index, Str(f, "organization")) + " har inte fört in behandlingen i " + name +
                      " i sin registerförteckning"
                : OrganizationName(index, Str(f, "organization")) + " does not record the processing of " + name +
                      " in its record of processing";
    case RuleId::kCoopRisk:
      return sv ? name + " saknar risk- och sårbarhetsanalys med konsekvensbedömning gjord med dataskyddsombudet"
                : name + " lacks a risk analysis with a DPIA made with the DPO";
    case RuleId::kCoopDpa:
      return sv ? "PUB-avtalet för " + what + " omfattar inte " + OrganizationName(index, Str(f, "organization"))
                : "No DPA of " + what + " covers " + OrganizationName(index, Str(f, "organization"));
    case RuleId::kCoopConsulted:
      return sv ? name + ": " + StakeholderLabel(Str(f, "stakeholder"), lang) + " har inte involverats"
                : name + ": the " + StakeholderLabel(Str(f, "stakeholder"), lang) + " has not been involved";
    case RuleId::kDpaDecision:
      return sv ? CommitteeName(index, Str(f, "committee")) + " har inte beslutat om personuppgiftsbiträdet för " +
                      what + " innan PUB-avtalet undertecknades"
                : CommitteeName(index, Str(f, "committee")) + " did not decide on the processor of " + what +
                      " before the DPA was signed";
    case RuleId::kDpaDecisionAuthority:
      return sv ? "Beslutet " + name + " saknar giltig delegation från " + CommitteeName(index, Str(f, "committee"))
                : "Decision " + name + " has no valid delegation from " + CommitteeName(index, Str(f, "committee"));
    case RuleId::kDelegReport:
      return sv ? "Delegationsbeslutet " + name + " är inte anmält till nämnden (senast " + Str(f, "due") + ")"
                : "Delegated decision " + name + " is not reported to the committee (due " + Str(f, "due") + ")";
    case RuleId::kFullmaktIssuer:
      return sv ? "Fullmakten " + name + " är inte utfärdad av behörig förvaltningschef med stöd av delegation"
                : "Power of attorney " + name +
                      " was not issued by an entitled administration director under delegation";
    case RuleId::kPlanApprover:
      return sv ? "Förvaltningsplan eller uppföljningsrapport " + Year(f) + " för " + what +
                      " är godkänd av någon som inte är budgetansvarig"
                : "The " + Year(f) + " management plan or follow-up report of " + what +
                      " was approved by someone who is not its budget holder";
    case RuleId::kIncContent:
      return sv ? "Incident " + name + " saknar uppgift om " + BreachFieldLabel(Str(f, "field"), lang) +
                      " (artikel 33.3)"
                : "Breach " + name + " lacks " + BreachFieldLabel(Str(f, "field"), lang) + " (art. 33.3)";
    case RuleId::kIncAffected:
      return sv ? "Dokumentationen om incident " + name + " har inte skickats till alla berörda nämnder"
                : "The documentation of breach " + name + " has not been sent to every affected committee";
    case RuleId::kMsgStale:
      // The subject is the message's system; detail.title names the message (rules/operational_messages.hpp).
      return sv ? "Driftmeddelandet \"" + Str(f, "title") + "\" om " + name + " är inaktuellt och ska tas ned"
                : "Operational message \"" + Str(f, "title") + "\" about " + name +
                      " is out of date and must be taken down";
  }
  return name;
}

}  // namespace ansvar::rules
