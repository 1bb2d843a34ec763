#include "rules/catalog.hpp"

#include <array>

namespace ansvar::rules {
namespace {

using enum RuleId;
using enum Severity;

// Sources: K = Kungsbacka kommun 2024 (seeds/000_…), D = Bibliotek Dalarna 2020 (seeds/003_…).
constexpr std::array kRules = std::to_array<RuleInfo>({
    {kRoleMandatory, "R-ROLE-MANDATORY", kError, "Obligatorisk roll saknas", "Mandatory role missing",
     "Ett aktivt system eller ett system under avveckling ska ha de roller som dess kategori kräver.",
     "An active or retiring system must have every role its category makes mandatory.",
     "K: Modell för digitala tjänster och system, Roller (model.md §3.1)"},
    {kRoleProcurement, "R-ROLE-PROCUREMENT", kError, "Roll saknas inför upphandling", "Role missing before procurement",
     "Ägare, budgetansvarig och teknisk systemförvaltare utses innan upphandlingen startar; övriga obligatoriska "
     "roller som saknas under upphandling är en varning.",
     "Owner, budget holder and technical steward are appointed before procurement starts; other mandatory roles "
     "missing during procurement are a warning.",
     "K: Roller (model.md §3.1)"},
    {kRoleOwnerTitle, "R-ROLE-OWNER-TITLE", kError, "Ägaren har fel befattning", "Owner has the wrong title",
     "Ägaren ska vara förvaltningschef eller biträdande kommundirektör; för IT-infrastruktur verksamhetschefen för "
     "Digitalt center.",
     "The owner must be an administration director or the deputy municipal director; for IT infrastructure the head "
     "of the Digital center.",
     "K: Roller, Ägare (model.md §3.1)"},
    {kRoleSingleOwner, "R-ROLE-SINGLE-OWNER", kError, "Fler än en ägare", "More than one owner",
     "Ett system har en ägare.", "A system has one owner.", "K: Roller, Ägare (model.md §3.1)"},
    {kRoleNoOwner, "R-ROLE-NO-OWNER", kWarning, "Publik tjänst eller myndighetstjänst med ägare",
     "Public or authority service with an owner",
     "Publika tjänster och myndighetstjänster har ingen ägare eller budgetansvarig; finns en utpekad process är "
     "processägaren ytterst ansvarig.",
     "Public and authority services have no owner or budget holder; where a designated process exists its process "
     "owner is ultimately responsible.",
     "K: Kategorier, Publik tjänst och Myndighetstjänst (model.md §3.1)"},
    {kRoleDigitalCenter, "R-ROLE-DIGITAL-CENTER", kError, "Teknisk roll utanför Digitalt center",
     "Technical role outside the Digital center",
     "Teknisk systemförvaltare och produktägare ska arbeta vid Digitalt center.",
     "Technical stewards and product owners must work at the Digital center.", "K: Roller (model.md §3.1)"},
    {kRoleBudgetManager, "R-ROLE-BUDGET-MANAGER", kWarning, "Budgetansvarig är inte chef",
     "Budget holder is not a manager", "Budgetansvarig ska vara chef.", "The budget holder should be a manager.",
     "K: Roller, Budgetansvarig (model.md §3.1)"},
    {kScopeOwner, "R-SCOPE-OWNER", kError, "Kommungemensamt system ägs utanför KS eller Service",
     "Municipality-wide system owned outside KS or Service",
     "Ett kommungemensamt system ägs av kommunstyrelsens förvaltning eller Förvaltningen för Service, där även "
     "budgetansvarig och processägare finns.",
     "A municipality-wide system is owned by the executive board's or the Service administration, where its budget "
     "holder and process owner also sit.",
     "K: Kommungemensamma och förvaltningsspecifika system (model.md §2.2)"},
    {kScopeUsers, "R-SCOPE-USERS", kWarning, "Förvaltningsspecifikt system med fel användare",
     "Administration-specific system with the wrong users",
     "Ett förvaltningsspecifikt system som används av alla förvaltningar bör klassas som kommungemensamt, och "
     "ägarförvaltningen ska vara en av användarna.",
     "An administration-specific system used by every administration should be municipality-wide, and its owner "
     "administration must be among its users.",
     "K: Kommungemensamma och förvaltningsspecifika system (model.md §2.2)"},
    {kDocMandatory, "R-DOC-MANDATORY", kError, "Obligatoriskt dokument saknas", "Mandatory document missing",
     "Grundavtal, PUB-avtal och SLA ska finnas enligt systemets kategori.",
     "The base contract, DPA and SLA required by the system's category must exist.",
     "K: Dokumentation (model.md §4.1)"},
    {kPlanAnnual, "R-PLAN-ANNUAL", kError, "Förvaltningsplan saknas", "Management plan missing",
     "Nästa års förvaltningsplan godkänns av budgetansvarig senast 31 december; arbetet startar i augusti.",
     "Next year's management plan is approved by the budget holder by 31 December; work starts in August.",
     "K: Årshjul, Förvaltningsplan (model.md §4.2)"},
    {kReportAnnual, "R-REPORT-ANNUAL", kError, "Uppföljningsrapport saknas", "Follow-up report missing",
     "Uppföljningsrapporten för föregående år godkänns av budgetansvarig senast 31 mars.",
     "The follow-up report for the previous year is approved by the budget holder by 31 March.",
     "K: Årshjul, Uppföljningsrapport (model.md §4.2)"},
    {kForumContractReview, "R-FORUM-CONTRACT-REVIEW", kError, "Avtalsuppföljning saknas", "Contract review missing",
     "Avtalsuppföljning hålls minst en gång per kalenderår; en dokumenterad intern dialog räcker också.",
     "A contract review is held at least once per calendar year; a documented internal dialogue also satisfies it.",
     "K: Forum, Avtalsuppföljning (model.md §4.2)"},
    {kContractExpiry, "R-CONTRACT-EXPIRY", kWarning, "Grundavtalet löper ut", "Base contract ends",
     "Ägaren beslutar i god tid om förlängning eller uppsägning; ett avtal som löpt ut medan systemet används är "
     "ett fel.",
     "The owner decides in time to extend or terminate; a contract that has ended while the system is in use is an "
     "error.",
     "K: Dokumentation, Grundavtal (model.md §4.2)"},
    {kDiarium, "R-DIARIUM", kWarning, "Diarienummer saknas", "Diary number missing",
     "Grundavtal, PUB-avtal, förvaltningsplan och handlingsplan diarieförs.",
     "Base contracts, DPAs, management plans and action plans are registered in the diary.",
     "K: Dokumentation, Gallring och diarieföring (model.md §4.2)"},
    {kGdprController, "R-GDPR-CONTROLLER", kError, "Personuppgiftsansvarig saknas", "Controller missing",
     "Varje nämnd är personuppgiftsansvarig för behandlingen i sin verksamhet; en behandling utan ansvarig nämnd "
     "är ett fel.",
     "Each committee is controller for the processing in its operations; a processing activity without a "
     "controller committee is an error.",
     "K: Hantering av personuppgifter, Personuppgiftsansvar (model.md §5.1)"},
    {kRopaFields, "R-ROPA-FIELDS", kError, "Uppgift saknas i registerförteckningen", "Record of processing incomplete",
     "Registerförteckningen innehåller uppgifterna i artikel 30.1 samt system, rättslig grund och ansvarsfördelning.",
     "The record of processing holds the art. 30.1 fields plus system, legal basis and the division of "
     "responsibility.",
     "K: Behandlingsregister (model.md §5.2); GDPR art. 30.1"},
    {kRopaJoint, "R-ROPA-JOINT", kError, "Gemensamt ansvar inte ömsesidigt", "Joint controllership not mutual",
     "Varje gemensamt personuppgiftsansvarig för in behandlingen i sin förteckning och anger de andra.",
     "Each joint controller lists the processing in its own record and names the others.",
     "K: Behandlingsregister, Gemensamt personuppgiftsansvar (model.md §5.2); GDPR art. 26"},
    {kRopaProcessor, "R-ROPA-PROCESSOR", kError, "Biträdesförteckning saknas", "Processor record missing",
     "Nämnden som är personuppgiftsbiträde för andra nämnder för en förteckning enligt artikel 30.2.",
     "The committee that is processor for other committees keeps an art. 30.2 record.",
     "K: Behandlingsregister, Personuppgiftsbiträde (model.md §5.2); GDPR art. 30.2"},
    {kDpaDecider, "R-DPA-DECIDER", kInfo, "Vem beslutar och undertecknar PUB-avtal", "Who decides and signs the DPA",
     "Kommungemensamma system: biträdande kommundirektören på delegation från varje nämnd; stödprocesser: KS eller "
     "Service; IT-infrastruktur: Servicenämnden; annars varje personuppgiftsansvarig nämnd.",
     "Municipality-wide systems: the deputy municipal director by delegation from every committee; support "
     "processes: KS or Service; IT infrastructure: the Service committee; otherwise each controller committee.",
     "K: Tjänsteskrivelse och KF 2024-03-05 § 33, Riktlinjer (model.md §5.3)"},
    {kDelegKf33, "R-DELEG-KF33", kError, "Delegation för kommungemensamma PUB-avtal saknas",
     "Delegation for municipality-wide DPAs missing",
     "Varje nämnd delegerar beslut om PUB-avtal för kommungemensamma digitala tjänster och system till biträdande "
     "kommundirektören (KF 2024-03-05 § 33).",
     "Every committee delegates decisions on DPAs for municipality-wide digital services and systems to the deputy "
     "municipal director (KF 2024-03-05 § 33).",
     "K: KF 2024-03-05 § 33 (model.md §5.3)"},
    {kDpaSigner, "R-DPA-SIGNER", kError, "PUB-avtal undertecknat av fel person", "DPA signed by the wrong person",
     "Ett PUB-avtal för ett kommungemensamt system undertecknas av biträdande kommundirektören.",
     "A DPA for a municipality-wide system is signed by the deputy municipal director.",
     "K: Tjänsteskrivelse, KF 2024-03-05 § 33 (model.md §5.3)"},
    {kDpaFullmakt, "R-DPA-FULLMAKT", kError, "Fullmakt saknas för PUB-avtal", "Power of attorney missing for the DPA",
     "Ägaren som undertecknar PUB-avtal för ett förvaltningsspecifikt system med flera nämnder har fullmakt från "
     "varje annan personuppgiftsansvarig nämnd.",
     "The owner signing the DPA of an administration-specific system used by several committees holds a power of "
     "attorney from each other controller committee.",
     "K: Riktlinjer, Personuppgiftsbiträdesavtal (model.md §5.3)"},
    {kDpaClauses, "R-DPA-CLAUSES", kWarning, "PUB-avtalet saknar klausul", "DPA lacks a clause",
     "PUB-avtalet innehåller artikel 28.3 a–h, skyldighet att bistå vid granskning, radering eller återlämnande och "
     "tystnadsplikt för biträdets personal.",
     "The DPA contains art. 28.3 a–h, the duty to provide information for audits, erasure or return at the end, and "
     "confidentiality of the processor's staff.",
     "K: Riktlinjer, Personuppgiftsbiträdesavtal (model.md §5.3); GDPR art. 28.3"},
    {kIncDpo, "R-INC-DPO", kError, "Dataskyddsombudet inte informerat", "DPO not informed",
     "Dataskyddsombudet informeras alltid om en personuppgiftsincident.", "The DPO is always informed of a breach.",
     "K: Incidentrapportering (model.md §5.4)"},
    {kIncHandler, "R-INC-HANDLER", kError, "Fel hanterare av personuppgiftsincident", "Wrong breach handler",
     "Kommungemensamt system: KS eller Service som äger systemet; system med flera nämnder: ägarens nämnd; annars "
     "den personuppgiftsansvariga nämnden.",
     "Municipality-wide system: KS or Service, whichever owns it; a system of several committees: the owner's "
     "committee; otherwise the controller committee.",
     "K: Incidentrapportering (model.md §5.4)"},
    {kInc72h, "R-INC-72H", kError, "Anmälan till IMY inom 72 timmar", "Notification to IMY within 72 hours",
     "En personuppgiftsincident anmäls till IMY inom 72 timmar från kännedom, om den inte bedömts osannolik att "
     "medföra risk.",
     "A breach is notified to IMY within 72 hours of awareness unless assessed unlikely to result in a risk.",
     "K: Incidentrapportering (model.md §5.4); GDPR art. 33"},
    {kIncSubjects, "R-INC-SUBJECTS", kError, "De registrerade inte informerade", "Data subjects not informed",
     "Vid hög risk informeras de registrerade utan onödigt dröjsmål.",
     "When the breach likely results in a high risk, data subjects are informed without undue delay.",
     "K: Incidentrapportering (model.md §5.4); GDPR art. 34"},
    {kDpiaThreshold, "R-DPIA-THRESHOLD", kError, "Tröskelanalys saknas", "Threshold analysis missing",
     "Varje behandling har en dokumenterad tröskelanalys över kriterierna i artikel 35.3 och IMY:s lista.",
     "Every processing activity has a documented threshold analysis over the criteria of art. 35.3 and IMY's list.",
     "K: Konsekvensbedömning (model.md §5.5); GDPR art. 35"},
    {kDpiaRequired, "R-DPIA-REQUIRED", kError, "Konsekvensbedömning saknas", "DPIA missing",
     "När tröskeln nås görs en konsekvensbedömning innan behandlingen startar, med dataskyddsombudet rådfrågat.",
     "When the threshold is reached, a DPIA is done before processing starts, with the DPO consulted.",
     "K: Konsekvensbedömning (model.md §5.5); GDPR art. 35"},
    {kDpiaReference, "R-DPIA-REFERENCE", kInfo, "Referensbedömning för kommungemensamt system",
     "Reference DPIA for a municipality-wide system",
     "För kommungemensamma system gör KS tröskelanalys och en referensbedömning som gäller alla nämnder.",
     "For a municipality-wide system KS makes the threshold analysis and a reference DPIA for every committee.",
     "K: Konsekvensbedömning (model.md §5.5)"},
    {kTransferTia, "R-TRANSFER-TIA", kError, "Överföring till tredje land utan stöd",
     "Third-country transfer without basis",
     "Behandling utanför EU/EES kräver stöd i kapitel 5 och en dokumenterad överföringsbedömning; med känsliga "
     "personuppgifter även analys enligt artikel 9.",
     "Processing outside the EU/EEA needs a chapter 5 basis and a documented transfer impact assessment; with "
     "special categories also the art. 9 analysis.",
     "K: Överföring till tredje land (model.md §5.6); GDPR ch. 5"},
    {kFlowSecurity, "R-FLOW-SECURITY", kError, "Personuppgifter flödar till lägre skyddsnivå",
     "Personal data flows to a lower protection level",
     "En integration får inte föra personuppgifter till ett system med lägre konfidentialitetsnivå än avsändarens.",
     "An integration must not carry personal data into a system with a lower confidentiality level than the sender.",
     "K: Informationssäkerhet (model.md §5.6)"},
    {kAccessReview, "R-ACCESS-REVIEW", kWarning, "Behörighetsgenomgång saknas", "Access review missing",
     "Behörigheter i system med personuppgifter ses över inom det fastställda intervallet.",
     "Access rights of a system with personal data are reviewed within the configured interval.",
     "K: Informationssäkerhet (model.md §5.6)"},
    {kLogReview, "R-LOG-REVIEW", kWarning, "Logguppföljning saknas", "Log review missing",
     "Loggar i system med personuppgifter följs upp inom det fastställda intervallet.",
     "Logs of a system with personal data are reviewed within the configured interval.",
     "K: Informationssäkerhet (model.md §5.6)"},
    {kDsarDeadline, "R-DSAR-DEADLINE", kError, "Begäran från registrerad inte avgjord i tid",
     "Data subject request not decided in time",
     "En begäran avgörs inom en månad (förlängbart med två månader med skäl); ett avslag är ett överklagbart beslut "
     "och ska säga det.",
     "A request is decided within one month (extendable by two with a reason); a refusal is an appealable decision "
     "and must say so.",
     "K: De registrerades rättigheter (model.md §5.6); GDPR art. 12.3; 7 kap. 2 § dataskyddslagen"},
    {kClassification, "R-CLASSIFICATION", kWarning, "Informationsklassning saknas eller är inaktuell",
     "Information classification missing or out of date",
     "System med personuppgifter har en informationsklassning som inte är äldre än det fastställda intervallet; för "
     "kommungemensamma system klassar KS; ägaren godkänner handlingsplanens åtgärder.",
     "A system with personal data has an information classification no older than the configured interval; KS "
     "classifies municipality-wide systems; the owner approves the measures of the action plan.",
     "K: Informationssäkerhet (model.md §5.6)"},
    {kCoopArt26, "R-COOP-ART26", kError, "Avtal om gemensamt personuppgiftsansvar saknas",
     "Joint controller arrangement missing",
     "Ett system som flera organisationer delar som gemensamt personuppgiftsansvariga har ett arrangemang enligt "
     "artikel 26 som namnger alla parter.",
     "A system shared by several organizations as joint controllers has an art. 26 arrangement naming all parties.",
     "D: Samverkansavtal och gemensamt personuppgiftsansvar (model.md §6); GDPR art. 26"},
    {kCoopSeparateDpa, "R-COOP-SEPARATE-DPA", kError, "Eget PUB-avtal saknas för bolag eller stiftelse",
     "Company or foundation lacks its own DPA",
     "Ett bolag eller en stiftelse som använder ett system som kräver PUB-avtal har ett eget.",
     "A company or foundation using a system that needs a DPA has its own.",
     "K: Tjänsteskrivelse, kommunala bolag (model.md §6)"},
    {kLisReview, "R-LIS-REVIEW", kWarning, "Ledningssystemet inte följt upp", "Management system not reviewed",
     "Åtgärderna i ledningssystemet för dataskydd (artikel 24.1) ses över varje cykel: planera, genomföra, följa "
     "upp, förbättra.",
     "The data protection management system's measures (art. 24.1) are reviewed each cycle: plan, do, check, act.",
     "D: Ledningssystem för dataskydd, PDCA (model.md §6); GDPR art. 24.1"},
    {kMsgStale, "R-MSG-STALE", kWarning, "Inaktuellt driftmeddelande", "Stale operational message",
     "Ett driftmeddelande som är löst eller inaktuellt tas ned.",
     "An operational message that is resolved or out of date is taken down.", "K: Kommunikation (model.md §7)"},
    // cooperation-and-decisions.md §2 (D: Bibliotek Dalarna, samverkansavtal med fyra bilagor).
    {kCoopParties, "R-COOP-PARTIES", kError, "Organisation använder samverkanssystem utan att vara part",
     "Organization uses a cooperation's system without being a party",
     "En organisation vars förvaltning använder ett system i samverkan ska vara part i samverkansavtalet.",
     "An organization whose administration uses a system of the cooperation must be a party to its agreement.",
     "D: Samverkansavtal, parter (cooperation-and-decisions.md §2); GDPR art. 26.1"},
    {kCoopDecision, "R-COOP-DECISION", kError, "Part saknar beslut om anslutning", "Party lacks a joining decision",
     "Varje part har fattat beslut om att ansluta sig till samverkan, med beslut och datum.",
     "Every party has decided to join the cooperation, with its decision and date.",
     "D: Förenklad avtalssamverkan, beslut i varje kommun (cooperation-and-decisions.md §2); KL 9 kap. 37 §"},
    {kCoopDocuments, "R-COOP-DOCUMENTS", kError, "Styrande dokument för samverkan saknas",
     "Cooperation's governing document missing",
     "Samverkan styrs av ett samverkansavtal med bilagor: samverkansorganisation, ledningssystemets arkitektur, "
     "ekonomi och arrangemanget för gemensamt personuppgiftsansvar.",
     "A cooperation is governed by an agreement with appendices: the cooperation organization, the management "
     "system's architecture, the economy and the joint controller arrangement.",
     "D: Samverkansavtal, bilagor 1–4 (cooperation-and-decisions.md §2); GDPR art. 26.1"},
    {kCoopResponsibility, "R-COOP-RESPONSIBILITY", kError, "Ansvar i arrangemanget inte fördelat",
     "Duty of the arrangement unassigned",
     "Arrangemanget enligt artikel 26 fördelar varje skyldighet på en part eller på varje part för sin del; "
     "kontaktpunkten är en part.",
     "The art. 26 arrangement assigns every duty to a party, or to each party for its part; the contact point is one "
     "party.",
     "D: Bilaga 4, gemensamt personuppgiftsansvar (cooperation-and-decisions.md §2); GDPR art. 26.1"},
    {kCoopEssence, "R-COOP-ESSENCE", kWarning, "Det väsentliga i arrangemanget är inte tillgängligt",
     "Essence of the arrangement not available",
     "Det väsentliga i arrangemanget om gemensamt personuppgiftsansvar görs tillgängligt för de registrerade.",
     "The essence of the joint controller arrangement is made available to the data subjects.",
     "D: Bilaga 4 (cooperation-and-decisions.md §2); GDPR art. 26.2"},
    {kCoopRopa, "R-COOP-ROPA", kError, "Part saknar behandling i registerförteckningen",
     "Party lacks the processing in its record",
     "Varje part för in behandlingen i samverkanssystemet i sin egen registerförteckning.",
     "Every party records the processing in the cooperation's system in its own record of processing.",
     "D: Ledningssystem för dataskydd (cooperation-and-decisions.md §2); GDPR art. 30.1"},
    {kCoopRisk, "R-COOP-RISK", kError, "Risk- och sårbarhetsanalys med konsekvensbedömning saknas",
     "Risk analysis with DPIA missing",
     "Samverkan om personuppgifter har en risk- och sårbarhetsanalys med konsekvensbedömning, gjord med "
     "dataskyddsombudet.",
     "A cooperation processing personal data has a risk and vulnerability analysis with a DPIA, made with the DPO.",
     "D: Risk- och sårbarhetsanalys och konsekvensbedömning (cooperation-and-decisions.md §2); GDPR art. 35"},
    {kCoopDpa, "R-COOP-DPA", kError, "PUB-avtal för samverkanssystem saknas", "Cooperation's system lacks a DPA",
     "Ett externt driftat system i samverkan som kräver PUB-avtal har ett avtal som omfattar varje part.",
     "An externally hosted system of the cooperation that needs a DPA has one covering every party.",
     "D: Huvudmannens avtal med leverantören (cooperation-and-decisions.md §2); GDPR art. 28.3"},
    {kCoopConsulted, "R-COOP-CONSULTED", kInfo, "Nyckelfunktion inte involverad", "Stakeholder not consulted",
     "Involvera jurist, dataskyddsombud, informationssäkerhetssamordnare, registratur, arkiv och säkerhetschef tidigt.",
     "Involve the lawyer, DPO, information security coordinator, registry, archive and security chief early.",
     "D: Lärdomar (cooperation-and-decisions.md §2)"},
    // §3 (K: tjänsteskrivelse, KF 2024-03-05 § 33, Riktlinjer; KL 6 kap. 37 §, 7 kap. 8 §).
    {kDpaDecision, "R-DPA-DECISION", kError, "Beslut om personuppgiftsbiträde saknas", "DPA decision missing",
     "Varje nämnd som ska besluta om personuppgiftsbiträdet har fattat beslut innan PUB-avtalet undertecknades.",
     "Every committee that must decide on the processor decided before the DPA was signed.",
     "K: Tjänsteskrivelse, \"beslut om vilket personuppgiftsbiträde som ska anlitas\" (cooperation-and-decisions.md "
     "§3)"},
    {kDpaDecisionAuthority, "R-DPA-DECISION-AUTHORITY", kError, "Beslutet saknar giltig delegation",
     "Decision without a valid delegation",
     "Ett delegationsbeslut fattas av den som nämnden delegerat ärendet till, med en delegation som gällde på "
     "beslutsdagen; en fullmakt ger rätt att underteckna, inte att besluta.",
     "A delegated decision is taken by the delegate the committee named, under a delegation valid on the day; a power "
     "of attorney gives the right to sign, never to decide.",
     "K: KF 2024-03-05 § 33, tjänsteskrivelse (cooperation-and-decisions.md §3); KL 6 kap. 37 §"},
    {kDelegReport, "R-DELEG-REPORT", kWarning, "Delegationsbeslut inte anmält", "Delegated decision not reported",
     "Beslut fattade med stöd av delegation anmäls till nämnden.",
     "Decisions taken under delegation are reported to the committee.",
     "K: Delegationsordning (cooperation-and-decisions.md §3); KL 7 kap. 8 §"},
    {kFullmaktIssuer, "R-FULLMAKT-ISSUER", kError, "Fullmakten är utfärdad av fel person",
     "Power of attorney issued by the wrong person",
     "En fullmakt att underteckna PUB-avtal utfärdas av förvaltningschefen för nämndens förvaltning, med stöd av "
     "nämndens delegation.",
     "A power of attorney to sign a DPA is issued by the director of the committee's administration, under the "
     "committee's delegation.",
     "K: KF 2024-03-05 § 33, fullmakt (cooperation-and-decisions.md §3)"},
    // §4 (K: Förvaltningsplan).
    {kPlanApprover, "R-PLAN-APPROVER", kError, "Godkänd av fel person", "Approved by the wrong person",
     "Förvaltningsplan och uppföljningsrapport godkänns av budgetansvarig (ägaren där kategorin saknar "
     "budgetansvarig).",
     "The management plan and the follow-up report are approved by the budget holder (the owner where the category "
     "has none).",
     "K: Förvaltningsplan (cooperation-and-decisions.md §4)"},
    // §5 (K: Incidentrapportering; GDPR art. 33.3, 33.5).
    {kIncContent, "R-INC-CONTENT", kWarning, "Incidentanmälan ofullständig", "Breach record incomplete",
     "En anmäld incident dokumenterar vad som hänt, kategorier och ungefärligt antal registrerade och poster, "
     "sannolika följder och vidtagna åtgärder.",
     "A notified breach documents what happened, the categories and approximate numbers of data subjects and "
     "records, the likely consequences and the measures taken.",
     "K: Incidentrapportering (cooperation-and-decisions.md §5); GDPR art. 33.3, 33.5"},
    {kIncAffected, "R-INC-AFFECTED", kWarning, "Berörda nämnder inte informerade", "Affected committees not informed",
     "Dokumentationen om en incident i ett system med flera personuppgiftsansvariga skickas till varje berörd nämnd "
     "inom 72 timmar.",
     "The documentation of a breach in a system with several controllers is sent to every affected committee within "
     "72 hours.",
     "K: Incidentrapportering (cooperation-and-decisions.md §5)"},
    // The DPIA as a record (K: Konsekvensbedömning; GDPR art. 35.7, 36) and the measures register.
    {kDpiaContent, "R-DPIA-CONTENT", kWarning, "Konsekvensbedömningen är ofullständig", "DPIA incomplete",
     "En konsekvensbedömning innehåller en beskrivning av behandlingen, en bedömning av nödvändighet och "
     "proportionalitet, riskerna för de registrerade och de planerade åtgärderna; täcker den flera behandlingar "
     "motiveras det.",
     "A DPIA contains a description of the processing, an assessment of necessity and proportionality, the risks to "
     "the data subjects and the measures envisaged; when it covers several processings, that is motivated.",
     "K: Konsekvensbedömning (model.md §5.5); GDPR art. 35.1, 35.7"},
    {kDpiaPriorConsultation, "R-DPIA-PRIOR-CONSULTATION", kError, "Förhandssamråd med IMY saknas",
     "Prior consultation with IMY missing",
     "Kvarstår en hög risk efter åtgärderna samråder den personuppgiftsansvarige med IMY innan behandlingen "
     "påbörjas.",
     "When a high residual risk remains after the measures, the controller consults IMY before processing starts.",
     "K: Konsekvensbedömning (model.md §5.5); GDPR art. 36.1"},
    {kDpiaReview, "R-DPIA-REVIEW", kWarning, "Konsekvensbedömningen ska ses över", "DPIA due for review",
     "En konsekvensbedömning ses över när dagen för omprövning har passerat eller risken ändras.",
     "A DPIA is reviewed once its review date has passed or the risk changes.",
     "K: Konsekvensbedömning (model.md §5.5); GDPR art. 35.11"},
    {kMeasureOverdue, "R-MEASURE-OVERDUE", kWarning, "Åtgärd försenad", "Measure overdue",
     "En beslutad åtgärd — efter en konsekvensbedömning, en informationsklassning, en incident eller en "
     "avtalsuppföljning — genomförs senast sitt slutdatum eller avbryts med beslut.",
     "A decided measure — after a DPIA, an information classification, a breach or a contract review — is carried "
     "out by its due date or cancelled by decision.",
     "K: Informationssäkerhet, Konsekvensbedömning, Incidentrapportering (model.md §5.5–5.6); GDPR art. 24.1, 32"},
});

static_assert(kRules.size() == kRuleCount, "every RuleId has an entry");

}  // namespace

std::string_view ToString(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view s) {
  if (s == "error") return Severity::kError;
  if (s == "warning") return Severity::kWarning;
  if (s == "info") return Severity::kInfo;
  return std::nullopt;
}

const RuleInfo& Info(RuleId id) { return kRules[static_cast<size_t>(id)]; }
std::string_view Code(RuleId id) { return Info(id).code; }

std::optional<RuleId> ParseRuleCode(std::string_view code) {
  for (const auto& r : kRules)
    if (r.code == code) return r.id;
  return std::nullopt;
}

std::span<const RuleInfo> AllRules() { return kRules; }

}  // namespace ansvar::rules
