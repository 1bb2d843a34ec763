// Each route's operationId, request and answer schemas and the problem statuses its handler can give (openapi.hpp).
// A route added anywhere needs its line here: the ctest openapi.contract fails for a route the description marks
// x-ansvar-undocumented. Schemas are the component schemas of http/openapi.cpp (the register's own from
// io/register_schema.cpp).
#include <map>

#include "http/openapi.hpp"

namespace ansvar::http {
namespace {

struct CollectionDoc {
  const char* path;      // "systems"
  const char* schema;    // "System"
  const char* singular;  // "System" in getSystem
  const char* plural;    // "Systems" in listSystems
};

constexpr CollectionDoc kCollections[] = {
    {"organizations", "Organization", "Organization", "Organizations"},
    {"committees", "Committee", "Committee", "Committees"},
    {"administrations", "Administration", "Administration", "Administrations"},
    {"people", "Person", "Person", "People"},
    {"systems", "System", "System", "Systems"},
    {"delegations", "Delegation", "Delegation", "Delegations"},
    {"powers_of_attorney", "PowerOfAttorney", "PowerOfAttorney", "PowersOfAttorney"},
    {"processing_activities", "ProcessingActivity", "ProcessingActivity", "ProcessingActivities"},
    {"processor_records", "ProcessorRecord", "ProcessorRecord", "ProcessorRecords"},
    {"incidents", "Incident", "Incident", "Incidents"},
    {"data_subject_requests", "DataSubjectRequest", "DataSubjectRequest", "DataSubjectRequests"},
    {"agreements", "Agreement", "Agreement", "Agreements"},
    {"cooperations", "Cooperation", "Cooperation", "Cooperations"},
    {"dpa_decisions", "DpaDecision", "DpaDecision", "DpaDecisions"},
};

std::vector<OperationDoc> Make() {
  std::vector<OperationDoc> d = {
      // The service
      {"GET", "/api/v1/health", "getHealth", "", "Health"},
      {"GET", "/api/v1/openapi.json", "getOpenApiDescription", "", "OpenApiDocument"},
      {"GET", "/api/v1/rules", "listRules", "", "RuleCatalogue"},
      {"GET", "/api/v1/rulebook", "getRulebook", "", "Rulebook", {404}},
      // The whole register
      {"GET", "/api/v1/register", "exportRegister", "", "Register", {}, true},
      {"PUT", "/api/v1/register", "replaceRegister", "RegisterInput", "ImportSummary", {409}, true},
      // Findings and responsibilities
      {"GET", "/api/v1/findings", "listFindings", "", "Findings"},
      {"GET", "/api/v1/findings/summary", "getFindingsSummary", "", "FindingsSummary"},
      {"GET", "/api/v1/findings/trend", "getFindingsTrend", "", "FindingsTrend", {}, true},
      {"GET", "/api/v1/systems/{id}/responsibilities", "getSystemResponsibilities", "", "Responsibilities"},
      // The audit trail
      {"GET", "/api/v1/audit", "listAuditEntries", "", "Audit", {}, true},
      {"GET", "/api/v1/audit/verify", "verifyAuditTrail", "", "AuditVerification", {}, true},
      // Imports and exports
      {"POST", "/api/v1/imports", "importSpreadsheet", "Spreadsheet", "ImportReport", {409, 412}, true},
      {"GET", "/api/v1/exports/ropa", "exportRecordsOfProcessing", "", "Export", {}, true},
      {"GET", "/api/v1/exports/processor-record", "exportProcessorRecord", "", "Export", {}, true},
      {"GET", "/api/v1/exports/systems", "exportSystems", "", "Export", {}, true},
      {"GET", "/api/v1/exports/findings", "exportFindings", "", "Export", {}, true},
      // The annual cycle
      {"GET", "/api/v1/due", "listDueItems", "", "DueItems"},
      {"GET", "/api/v1/calendar/tokens", "listCalendarTokens", "", "CalendarTokens"},
      {"POST", "/api/v1/calendar/tokens", "issueCalendarToken", "CalendarTokenRequest", "IssuedCalendarToken", {404}},
      {"DELETE", "/api/v1/calendar/tokens", "revokeCalendarToken", "", "", {404}},
      {"GET", "/api/v1/calendar/{feed}", "getCalendarFeed", "", "text/calendar"},
      // Operational messages
      {"GET", "/api/v1/messages.atom", "getMessagesFeed", "", "application/atom+xml"},
      {"GET", "/api/v1/messages", "listMessages", "", "Messages"},
      {"POST", "/api/v1/messages", "createMessage", "MessageInput", "Message", {409}},
      {"GET", "/api/v1/messages/{id}", "getMessage", "", "Message"},
      {"PUT", "/api/v1/messages/{id}", "replaceMessage", "MessageInput", "Message", {409, 412, 428}},
      {"DELETE", "/api/v1/messages/{id}", "deleteMessage", "", "", {409, 412, 428}},
      {"GET", "/api/v1/messages/{id}/history", "getMessageHistory", "", "Audit"},
      // The web pages' aggregated reads
      {"GET", "/api/v1/pages/overview", "getOverviewPage", "", "OverviewPage"},
      {"GET", "/api/v1/pages/systems/{id}", "getSystemPage", "", "SystemPage"},
      {"GET", "/api/v1/pages/findings", "getFindingsPage", "", "Findings"},
      {"GET", "/api/v1/pages/committees/{id}", "getCommitteePage", "", "CommitteePage"},
      {"GET", "/api/v1/pages/may", "getPermissions", "", "MayPage"},
      {"GET", "/api/v1/pages/me", "getMyPage", "", "MyPage"},
      // Cooperations, organizations' rulebooks and the essence for the public (cooperation_routes.cpp)
      {"GET", "/api/v1/pages/rulebook", "getRulebookPage", "", "RulebookPage", {404}},
      // Trails of accounts and tokens (issue 17)
      {"GET", "/api/v1/accounts/{id}/trail", "getAccountTrail", "", "CredentialTrail"},
      {"GET", "/api/v1/tokens/{id}/trail", "getTokenTrail", "", "CredentialTrail"},
      // Decisions, reports and approvals as acts; each person's tasks (issue 14)
      {"GET", "/api/v1/committees/{id}/delegated_decisions", "listUnreportedDelegatedDecisions", "",
       "DelegatedDecisions"},
      {"GET", "/api/v1/committees/{id}/delegated_decisions.pdf", "getUnreportedDelegatedDecisionsPdf", "",
       "application/pdf"},
      {"GET", "/api/v1/committees/{id}/delegated_decisions.xlsx", "getUnreportedDelegatedDecisionsXlsx", "",
       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"POST",
       "/api/v1/committees/{id}/delegated_decisions/report",
       "reportDelegatedDecisions",
       "DelegatedDecisionsReportInput",
       "DelegatedDecisionsReport",
       {403, 409, 422}},
      {"GET", "/api/v1/dpa_decisions/{id}/document.pdf", "getDpaDecisionDocument", "", "application/pdf"},
      {"GET", "/api/v1/dpa_decisions/{id}/power_of_attorney.pdf", "getDpaDecisionPowerOfAttorney", "",
       "application/pdf"},
      {"GET", "/api/v1/systems/{id}/dpa_decision", "getDpaDecisionAct", "", "DpaDecisionAct"},
      {"GET", "/api/v1/pages/tasks", "getTasksPage", "", "TasksPage"},
      // Breaches from the first report to the authority (issue 15)
      {"POST", "/api/v1/incident_reports", "reportIncident", "IncidentReportInput", "IncidentReport", {422}},
      {"GET", "/api/v1/incident_reports", "listOwnIncidentReports", "", "IncidentReports"},
      {"GET", "/api/v1/incident_statistics", "getIncidentStatistics", "", "IncidentStatistics"},
      {"GET", "/api/v1/incident_tasks", "listIncidentTasks", "", "IncidentTasks"},
      {"GET", "/api/v1/incidents/{id}/notification", "getIncidentNotification", "", "IncidentNotification"},
      // DPIAs, classifications and the measures register (issue 15)
      {"GET", "/api/v1/measures", "listMeasures", "", "Measures", {404}},
      {"GET", "/api/v1/measures/export", "exportMeasures", "", "Export", {404}},
      {"POST",
       "/api/v1/measures/{source}/{holder}/{measure}/status",
       "setMeasureStatus",
       "MeasureStatusInput",
       "MeasureStatusChange",
       {403, 404, 412, 422, 428}},
      {"POST",
       "/api/v1/systems/{id}/classification/approve",
       "approveClassification",
       "",
       "System",
       {403, 409, 412, 428}},
      {"GET", "/api/v1/pages/cooperations", "getCooperationsPage", "", "CooperationsPage"},
      {"GET", "/api/v1/pages/cooperations/{id}", "getCooperationPage", "", "CooperationPage"},
      {"PUT", "/api/v1/cooperations/{id}/publication", "publishEssence", "", "EssencePublication", {412, 428}},
      {"GET", "/api/v1/cooperations/{id}/publication", "getEssencePublication", "", "EssencePublication"},
      {"GET", "/api/v1/cooperations/{id}/publication/history", "getEssencePublicationHistory", "",
       "EssencePublicationHistory"},
      {"DELETE", "/api/v1/cooperations/{id}/publication", "unpublishEssence", "", "", {412, 428}},
      {"GET", "/api/v1/public/cooperations/{id}/essence", "getEssence", "", "Essence"},
      {"GET", "/api/v1/public/cooperations/{id}/essence.pdf", "getEssencePdf", "", "application/pdf"},
      // Signing in
      {"POST", "/api/v1/auth/login", "login", "LoginRequest", "Session", {429}},
      {"POST", "/api/v1/auth/logout", "logout", "", "", {403}},
      {"GET", "/api/v1/auth/session", "getSession", "", "Session", {401}},
      {"GET", "/api/v1/auth/oidc/login", "startSingleSignOn", "", "", {400}},
      {"GET", "/api/v1/auth/oidc/callback", "finishSingleSignOn", "", "", {400, 403}},
      {"POST", "/api/v1/auth/oidc/logout", "logoutSingleSignOn", "", "SingleSignOnLogout"},
      // Accounts and API tokens (admin)
      {"GET", "/api/v1/accounts", "listAccounts", "", "Accounts"},
      {"POST", "/api/v1/accounts", "createAccount", "AccountInput", "Account", {409}},
      {"GET", "/api/v1/accounts/{id}", "getAccount", "", "Account"},
      {"PATCH", "/api/v1/accounts/{id}", "updateAccount", "AccountInput", "Account", {409}},
      {"GET", "/api/v1/tokens", "listApiTokens", "", "ApiTokens"},
      {"POST", "/api/v1/tokens", "createApiToken", "ApiTokenRequest", "ApiToken", {404}},
      {"DELETE", "/api/v1/tokens/{id}", "revokeApiToken", "", ""},
  };
  for (const auto& c : kCollections) {
    const std::string base = std::string("/api/v1/") + c.path;
    const std::string schema = c.schema, one = c.singular;
    d.push_back({"GET", base, "list" + std::string(c.plural), "", schema + "List"});
    d.push_back({"POST", base, "create" + one, schema + "Input", schema, {409}});
    d.push_back({"GET", base + "/{id}", "get" + one, "", schema});
    d.push_back({"PUT", base + "/{id}", "replace" + one, schema + "Input", schema, {409, 412, 428}});
    d.push_back({"DELETE", base + "/{id}", "delete" + one, "", "", {409, 412, 428}});
  }
  return d;
}

}  // namespace

const std::vector<OperationDoc>& DocumentedOperations() {
  static const std::vector<OperationDoc> docs = Make();
  return docs;
}

const OperationDoc* FindOperation(const std::string& method, const std::string& pattern) {
  static const auto index = [] {
    std::map<std::pair<std::string, std::string>, const OperationDoc*> m;
    for (const auto& d : DocumentedOperations()) m[{d.method, d.pattern}] = &d;
    return m;
  }();
  const auto it = index.find({method, pattern});
  return it == index.end() ? nullptr : it->second;
}

}  // namespace ansvar::http
