// The OpenAPI 3.1 description, made from the route table itself (router.hpp), each route's entry of
// openapi_operations.cpp (operationId, schemas, statuses) and the register format's field table
// (io/register_schema.hpp), so that it cannot drift from what is served.
#include "http/openapi.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "auth/account.hpp"
#include "auth/role.hpp"
#include "http/access.hpp"
#include "http/api.hpp"
#include "io/json_writer.hpp"
#include "io/register_schema.hpp"
#include "io/rulebook_json.hpp"

namespace ansvar::http {
namespace {

const std::string kRefs = "#/components/schemas/";

void Ref(io::JsonWriter& o, const std::string& schema) {
  o.BeginObject();
  o.Field("$ref", kRefs + schema);
  o.EndObject();
}

// The JSON Schemas of what is not a register entity, as JSON text. $ref "#/components/schemas/…" as usual.
struct RawSchema {
  const char* name;
  const char* json;
};

// clang-format off
constexpr RawSchema kRawSchemas[] = {
{"Problem", R"js({"type":"object","description":"An error as RFC 9457 problem details; errors name each field to fix by its JSON path",
 "required":["type","status","title"],
 "properties":{"type":{"type":"string","description":"about:blank"},"status":{"type":"integer","minimum":400,"maximum":599},
  "title":{"type":"string","description":"Swedish / English"},"detail":{"type":"string"},"instance":{"type":"string","description":"the request's path"},
  "errors":{"type":"array","description":"Each fault with the JSON path of the field at fault","items":{"$ref":"#/components/schemas/ProblemItem"}},
  "methods":{"type":"object","description":"GET /auth/session when nobody is signed in: the sign-in methods on offer","properties":{"password":{"type":"boolean"},"oidc":{"type":"boolean"}}}},
 "additionalProperties":false,
 "examples":[{"type":"about:blank","status":422,"title":"Ogiltiga uppgifter / Invalid data","detail":"the system is not valid","instance":"/api/v1/systems","errors":[{"path":"$.category","message":"unknown value \"x\""}]}]})js"},
{"ProblemItem", R"js({"type":"object","required":["path","message"],"properties":{"path":{"type":"string","description":"JSON path, e.g. $.roles[0].person"},"message":{"type":"string"}},"additionalProperties":false})js"},
{"Health", R"js({"type":"object","required":["status","systems"],"properties":{"status":{"type":"string","enum":["ok"]},"systems":{"type":"integer","minimum":0}},"additionalProperties":false,"examples":[{"status":"ok","systems":42}]})js"},
{"OpenApiDocument", R"js({"type":"object","description":"This description","required":["openapi","info","paths"],"properties":{"openapi":{"type":"string"},"info":{"type":"object"},"paths":{"type":"object"}}})js"},
{"Rule", R"js({"type":"object","required":["id","severity","title_sv","title_en"],"properties":{"id":{"type":"string","description":"R-…"},"severity":{"$ref":"#/components/schemas/Severity"},
 "title_sv":{"type":"string"},"title_en":{"type":"string"},"text_sv":{"type":"string"},"text_en":{"type":"string"},"source":{"type":"string"}},"additionalProperties":false})js"},
{"RuleCatalogue", R"js({"type":"object","required":["rules"],"properties":{"rules":{"type":"array","items":{"$ref":"#/components/schemas/Rule"}}},"additionalProperties":false})js"},
{"Severity", R"js({"type":"string","enum":["error","warning","info"]})js"},
{"Subject", R"js({"type":"object","description":"What a finding or due item is about","required":["type","id"],"properties":{"type":{"type":"string","description":"system, committee, incident, …"},"id":{"type":"string"},"name":{"type":"string"}},"additionalProperties":false})js"},
{"Finding", R"js({"type":"object","description":"A rule's finding; rule cites the rule id","required":["rule","severity","subject","message"],
 "properties":{"rule":{"type":"string"},"severity":{"$ref":"#/components/schemas/Severity"},"subject":{"$ref":"#/components/schemas/Subject"},"message":{"type":"string"},
  "detail":{"type":"object","description":"The facts behind it (rule-specific)","additionalProperties":true}},"additionalProperties":false})js"},
{"SeverityCounts", R"js({"type":"object","required":["error","warning","info"],"properties":{"error":{"type":"integer"},"warning":{"type":"integer"},"info":{"type":"integer"}},"additionalProperties":false})js"},
{"Findings", R"js({"type":"object","description":"A page of findings with the counts by severity of all that matched","required":["findings","summary","total"],
 "properties":{"as_of":{"type":"string","format":"date-time"},"findings":{"type":"array","items":{"$ref":"#/components/schemas/Finding"}},"summary":{"$ref":"#/components/schemas/SeverityCounts"},
  "total":{"type":"integer"},"limit":{"type":"integer"},"offset":{"type":"integer"}},"additionalProperties":false})js"},
{"FindingsGroup", R"js({"type":"object","required":["key","name","error","warning","info"],"properties":{"type":{"type":"string"},"key":{"type":"string"},"name":{"type":"string"},"error":{"type":"integer"},"warning":{"type":"integer"},"info":{"type":"integer"}},"additionalProperties":false})js"},
{"FindingsSummary", R"js({"type":"object","required":["group_by","groups"],"properties":{"as_of":{"type":"string","format":"date-time"},"group_by":{"type":"string"},"groups":{"type":"array","items":{"$ref":"#/components/schemas/FindingsGroup"}}},"additionalProperties":false})js"},
{"FindingsTrend", R"js({"type":"object","required":["points"],"properties":{"points":{"type":"array","items":{"type":"object","required":["as_of","systems","error","warning","info"],
 "properties":{"as_of":{"type":"string","format":"date-time"},"systems":{"type":"integer"},"error":{"type":"integer"},"warning":{"type":"integer"},"info":{"type":"integer"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"PersonRef", R"js({"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"title":{"type":["string","null"]}},"additionalProperties":false})js"},
{"Responsibilities", R"js({"type":"object","description":"Who is responsible for a system and why: derived fields with the delegation and power-of-attorney chain",
 "required":["id","name","as_of","controllers","internal_processor","joint_controllers","owner","owner_committee","roles","mandatory_roles","documents","mandatory_documents","dpa_decided_by","dpa","incident_handler","incident"],
 "properties":{"id":{"type":"string"},"name":{"type":"string"},"as_of":{"type":"string","format":"date-time"},"controllers":{"type":"array","items":{"type":"string"}},
  "internal_processor":{"type":["string","null"]},"joint_controllers":{"type":"boolean"},"owner":{"oneOf":[{"$ref":"#/components/schemas/PersonRef"},{"type":"null"}]},
  "owner_committee":{"type":["string","null"]},
  "roles":{"type":"array","items":{"type":"object","required":["role","mandatory","holders"],"properties":{"role":{"type":"string"},"mandatory":{"type":"boolean"},"holders":{"type":"array","items":{"anyOf":[{"$ref":"#/components/schemas/PersonRef"},{"type":"string","description":"a committee's id (information_owner)"}]}}},"additionalProperties":false}},
  "mandatory_roles":{"type":"array","items":{"type":"string"}},
  "documents":{"type":"array","items":{"type":"object","required":["kind","mandatory","present"],"properties":{"kind":{"type":"string"},"mandatory":{"type":"boolean"},"present":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}},
  "mandatory_documents":{"type":"array","items":{"type":"string"}},
  "dpa_decided_by":{"oneOf":[{"type":"null","description":"No DPA (no personal data, a public or authority service)"},
   {"type":"object","required":["title"],"properties":{"title":{"type":"string","const":"deputy_municipal_director"}},"additionalProperties":false},
   {"type":"object","required":["committees"],"properties":{"committees":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}]},
  "dpa":{"type":"object","required":["rule","case","explanation_sv","explanation_en","delegations","missing_delegations","signers","powers_of_attorney","missing_powers_of_attorney"],
   "properties":{"rule":{"type":"string","const":"R-DPA-DECIDER"},"case":{"type":"string","enum":["none","service_committee","support_process","deputy_director","single_controller","each_controller"]},
    "explanation_sv":{"type":"string"},"explanation_en":{"type":"string"},"delegations":{"type":"array","items":{"$ref":"#/components/schemas/DelegationLink"}},
    "missing_delegations":{"type":"array","items":{"type":"string"},"description":"Controller committees without the delegation the case needs"},
    "signers":{"type":"array","items":{"$ref":"#/components/schemas/PersonRef"}},
    "powers_of_attorney":{"type":"array","items":{"type":"object","required":["id","committee","holder","issued_by","issued_on","delegation"],
     "properties":{"id":{"type":"string"},"committee":{"type":"string"},"holder":{"oneOf":[{"$ref":"#/components/schemas/PersonRef"},{"type":"null"}]},"issued_by":{"oneOf":[{"$ref":"#/components/schemas/PersonRef"},{"type":"null"}]},
      "issued_on":{"type":["string","null"],"format":"date"},"delegation":{"oneOf":[{"$ref":"#/components/schemas/DelegationLink"},{"type":"null"}]}},"additionalProperties":false}},
    "missing_powers_of_attorney":{"type":"array","items":{"type":"string"}}},"additionalProperties":false},
  "incident_handler":{"type":["string","null"]},
  "incident":{"type":"object","required":["rule","explanation_sv","explanation_en"],"properties":{"rule":{"type":"string","const":"R-INC-HANDLER"},"explanation_sv":{"type":"string"},"explanation_en":{"type":"string"}},"additionalProperties":false}},"additionalProperties":false})js"},
{"DelegationLink", R"js({"type":"object","description":"A delegation that gives the right to decide or to issue a power of attorney","required":["id","committee","matter","decision","valid_from","valid_to"],
 "properties":{"id":{"type":"string"},"committee":{"type":"string"},"matter":{"type":"string","description":"The matter, other:<text> for another"},"decision":{"type":"string"},
  "valid_from":{"type":["string","null"],"format":"date"},"valid_to":{"type":["string","null"],"format":"date"}},"additionalProperties":false})js"},
{"Actor", R"js({"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"credential":{"type":"string","description":"The session (session:<hash>) or API token (token:<id>) that made it; empty before credentials were recorded. A token issued by someone else for the account (an admin's, for an integration) acts on the account's behalf and names its issuer: token:<id>;issued_by:<issuer>"},"issued_by":{"type":"string","description":"Present when the change was made with a token issued by someone else for the account: the issuer (the admin's account id, or cli:<user> for ansvar user token create). The actor is the account the token acts for."}},"additionalProperties":false})js"},
{"AuditEntry", R"js({"type":"object","description":"One change: who, when, before and after, chained by hash","required":["seq","at","actor","entity_type","entity_id","action","hash"],
 "properties":{"seq":{"type":"integer"},"at":{"type":"string","format":"date-time"},"actor":{"$ref":"#/components/schemas/Actor"},"entity_type":{"type":"string"},"entity_id":{"type":"string"},
  "action":{"type":"string","description":"create, update, delete, import, …"},"before":{"description":"The entity before (null when created)"},"after":{"description":"The entity after (null when deleted)"},"hash":{"type":"string"}},"additionalProperties":false})js"},
{"Audit", R"js({"type":"object","required":["entries"],"properties":{"entries":{"type":"array","items":{"$ref":"#/components/schemas/AuditEntry"}},"count":{"type":"integer"}},"additionalProperties":false})js"},
{"AuditVerification", R"js({"type":"object","required":["ok","entries","first_bad_seq","reason"],"properties":{"ok":{"type":"boolean"},"entries":{"type":"integer"},"first_bad_seq":{"type":["integer","null"]},"reason":{"type":"string"}},"additionalProperties":false})js"},
{"ImportSummary", R"js({"type":"object","description":"What replacing the whole register changed","required":["created","updated","deleted","unchanged"],"properties":{"created":{"type":"integer"},"updated":{"type":"integer"},"deleted":{"type":"integer"},"unchanged":{"type":"integer"}},"additionalProperties":false})js"},
{"ImportIssue", R"js({"type":"object","required":["sheet","row","column","cell","field","severity","message"],"properties":{"sheet":{"type":"string"},"row":{"type":"integer"},"column":{"type":"string"},"cell":{"type":"string","description":"Blad1!C7"},
  "field":{"type":"string"},"severity":{"type":"string","enum":["error","warning"]},"message":{"type":"string"}},"additionalProperties":false})js"},
{"ImportReport", R"js({"type":"object","description":"A spreadsheet import's report, row by row and cell by cell","required":["dry_run","ok","register_version","sheets","summary","rows","problems"],
 "properties":{"dry_run":{"type":"boolean"},"ok":{"type":"boolean"},"file":{"type":"string"},"register_version":{"type":"integer","description":"Send as If-Match to apply what the dry run showed"},
  "sheets":{"type":"array","items":{"type":"object","required":["name","kind","header_row","rows","columns"],"properties":{"name":{"type":"string"},"kind":{"type":"string"},"header_row":{"type":"integer"},"rows":{"type":"integer"},
   "columns":{"type":"array","items":{"type":"object","required":["column","heading","field"],"properties":{"column":{"type":"string"},"heading":{"type":"string"},"field":{"type":["string","null"]}},"additionalProperties":false}}},"additionalProperties":false}},
  "summary":{"type":"object","required":["created","updated","unchanged","skipped_empty_rows","errors","warnings"],"properties":{"created":{"type":"integer"},"updated":{"type":"integer"},"unchanged":{"type":"integer"},"skipped_empty_rows":{"type":"integer"},"errors":{"type":"integer"},"warnings":{"type":"integer"}},"additionalProperties":false},
  "rows":{"type":"array","items":{"type":"object","required":["sheet","row","action","entity_type","entity_id","name","changes","problems"],"properties":{"sheet":{"type":"string"},"row":{"type":"integer"},"action":{"type":"string","enum":["create","update","unchanged","error"]},"entity_type":{"type":"string"},"entity_id":{"type":"string"},"name":{"type":"string"},
   "changes":{"type":"array","items":{"type":"object","required":["column","field","heading","before","after"],"properties":{"column":{"type":"string"},"field":{"type":"string"},"heading":{"type":"string"},"before":{"type":"string"},"after":{"type":"string"}},"additionalProperties":false}},
   "problems":{"type":"array","items":{"$ref":"#/components/schemas/ImportIssue"}}},"additionalProperties":false}},
  "problems":{"type":"array","items":{"$ref":"#/components/schemas/ImportIssue"}},"applied":{"$ref":"#/components/schemas/ImportSummary"}},"additionalProperties":false})js"},
{"Spreadsheet", R"js({"type":"string","format":"binary","description":"An .xlsx workbook or a .csv text"})js"},
{"Export", R"js({"type":"string","format":"binary","description":"The file: xlsx, csv or pdf as format= asked"})js"},
{"DueItem", R"js({"type":"object","description":"Something that falls due under the rulebook (the annual cycle)","required":["rule","severity","subject","title","due","state","key"],
 "properties":{"rule":{"type":"string"},"severity":{"$ref":"#/components/schemas/Severity"},"subject":{"$ref":"#/components/schemas/Subject"},"title":{"type":"string"},
  "due":{"type":"string","format":"date"},"due_at":{"type":"string","format":"date-time"},"state":{"type":"string","enum":["upcoming","due","overdue","done"]},"done_on":{"type":["string","null"],"format":"date"},
  "person":{"oneOf":[{"$ref":"#/components/schemas/PersonRef"},{"type":"null"}]},"role":{"type":["string","null"]},"committee":{"oneOf":[{"$ref":"#/components/schemas/Actor"},{"type":"null"}]},
  "action":{"type":"string"},"year":{"type":"integer"},"key":{"type":"string","description":"Stable key of the item"}},"additionalProperties":false})js"},
{"DueItems", R"js({"type":"object","required":["items","total"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/DueItem"}},"total":{"type":"integer"}},"additionalProperties":false})js"},
{"CalendarScope", R"js({"type":"string","enum":["person","administration","organization"]})js"},
{"CalendarTokenRequest", R"js({"type":"object","required":["scope","id"],"properties":{"scope":{"$ref":"#/components/schemas/CalendarScope"},"id":{"type":"string"}},"additionalProperties":false})js"},
{"CalendarTokens", R"js({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","required":["scope","id","issued_at"],"properties":{"scope":{"$ref":"#/components/schemas/CalendarScope"},"id":{"type":"string"},"issued_at":{"type":"string","format":"date-time"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"IssuedCalendarToken", R"js({"type":"object","description":"The secret feed address, shown once","required":["scope","id","token","issued_at","path","url"],
 "properties":{"scope":{"$ref":"#/components/schemas/CalendarScope"},"id":{"type":"string"},"token":{"type":"string"},"issued_at":{"type":"string","format":"date-time"},"path":{"type":"string"},"url":{"type":"string"},"webcal":{"type":"string"}},"additionalProperties":false})js"},
{"MessageInput", R"js({"type":"object","description":"An operational message as a request sends it","properties":{"id":{"type":"string"},"type":{"type":"string","enum":["crisis","information"]},"priority":{"type":"string","enum":["high","normal"]},
  "status":{"type":"string","enum":["major_impact","limited_impact","resolved"]},"title":{"type":"string"},"body":{"type":"string"},"system":{"type":"string"},"administrations":{"type":"array","items":{"type":"string"}},
  "valid_from":{"type":"string","format":"date-time"},"valid_to":{"type":["string","null"],"format":"date-time"},"resolved_at":{"type":["string","null"],"format":"date-time"},"taken_down":{"type":"boolean"}},"additionalProperties":true})js"},
{"Message", R"js({"type":"object","description":"An operational message (driftinformation) with its state","required":["id","type","priority","status","title","valid_from"],
 "properties":{"id":{"type":"string"},"type":{"type":"string"},"priority":{"type":"string"},"status":{"type":"string"},"title":{"type":"string"},"body":{"type":"string"},"system":{"type":"string"},
  "administrations":{"type":"array","items":{"type":"string"}},"valid_from":{"type":"string","format":"date-time"},"valid_to":{"type":["string","null"]},"resolved_at":{"type":["string","null"]},"taken_down_at":{"type":["string","null"]},
  "created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"},"system_name":{"type":"string"},"colour":{"type":"string"},
  "status_text":{"type":"object","properties":{"sv":{"type":"string"},"en":{"type":"string"}}},"targets":{"type":"array","items":{"type":"string"}},"taken_down":{"type":"boolean"},"published":{"type":"boolean"},"stale":{"type":"boolean"}},"additionalProperties":false})js"},
{"Messages", R"js({"type":"object","required":["items","total"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Message"}},"total":{"type":"integer"}},"additionalProperties":false})js"},
{"LoginRequest", R"js({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string","format":"password"}},"additionalProperties":false,"examples":[{"username":"anna.dpo","password":"…"}]})js"},
{"AccountSummary", R"js({"type":"object","required":["id","role"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"role":{"$ref":"#/components/schemas/Role"},"administration":{"type":["string","null"]},"person":{"type":["string","null"]}},"additionalProperties":false})js"},
{"Session", R"js({"type":"object","description":"Who is signed in, and the CSRF token that state-changing requests with the cookie send as X-CSRF-Token","required":["account","csrf_token","via"],
 "properties":{"account":{"$ref":"#/components/schemas/AccountSummary"},"csrf_token":{"type":["string","null"]},"via":{"type":"string","enum":["password","oidc","token"]}},"additionalProperties":false})js"},
{"SingleSignOnLogout", R"js({"type":"object","required":["end_session_url"],"properties":{"end_session_url":{"type":["string","null"]}},"additionalProperties":false})js"},
{"Account", R"js({"type":"object","description":"An account (never a password or its hash)","required":["id","name","role","disabled","password","created_at"],
 "properties":{"id":{"type":"string"},"name":{"type":"string"},"email":{"type":["string","null"]},"role":{"$ref":"#/components/schemas/Role"},"administration":{"type":["string","null"]},"person":{"type":["string","null"]},
  "disabled":{"type":"boolean"},"password":{"type":"boolean","description":"Whether it has a password"},"oidc":{"type":"boolean","description":"Whether it is linked to an identity provider subject"},"single_sign_on":{"type":"boolean"},
  "created_at":{"type":"string","format":"date-time"}},"additionalProperties":false})js"},
{"AccountInput", R"js({"type":"object","description":"An account as POST (id required) and PATCH (only what changes) send it","properties":{"id":{"type":"string"},"name":{"type":["string","null"]},"email":{"type":["string","null"]},
  "role":{"$ref":"#/components/schemas/Role"},"administration":{"type":["string","null"]},"person":{"type":["string","null"]},"oidc_subject":{"type":["string","null"]},"password":{"type":["string","null"],"format":"password"},
  "disabled":{"type":"boolean"},"single_sign_on":{"type":"boolean"}},"additionalProperties":false})js"},
{"Accounts", R"js({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Account"}}},"additionalProperties":false})js"},
{"ApiTokenRequest", R"js({"type":"object","required":["account","name"],"properties":{"account":{"type":"string"},"name":{"type":"string"},"expires_in_days":{"type":"integer","minimum":1}},"additionalProperties":false})js"},
{"ApiToken", R"js({"type":"object","description":"An API token's record; token itself only in the answer that created it","required":["id","account","name","created_at","created_by","revoked_at","expires_at"],
 "properties":{"id":{"type":"string"},"account":{"type":"string"},"name":{"type":"string"},"created_at":{"type":"string","format":"date-time"},"created_by":{"type":"string"},
  "revoked_at":{"type":["string","null"],"format":"date-time"},"expires_at":{"type":["string","null"],"format":"date-time"},"token":{"type":"string","description":"Send as Authorization: Bearer"}},"additionalProperties":false})js"},
{"ApiTokens", R"js({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/ApiToken"}}},"additionalProperties":false})js"},
{"Decision", R"js({"type":"object","required":["allowed","reason"],"properties":{"allowed":{"type":"boolean"},"reason":{"type":"string"}},"additionalProperties":false})js"},
{"Permissions", R"js({"type":"object","description":"What the account's role may change","properties":{"write":{"type":"object","additionalProperties":{"type":"boolean"}},"create_system":{"type":"boolean"},"import":{"type":"boolean"},"accounts":{"type":"boolean"}},"additionalProperties":true})js"},
{"RulebookPage", R"js({"type":"object","description":"An organization's effective rulebook, each setting with its value, source and fallback","required":["organization","organizations","settings","may"],
 "properties":{"organization":{"type":["object","null"],"required":["id","name","version"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"version":{"type":"integer"}},"additionalProperties":false},
  "organizations":{"type":"array","items":{"type":"object","required":["id","name","kind","has_overrides"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"kind":{"type":"string"},"has_overrides":{"type":"boolean"}},"additionalProperties":false}},
  "settings":{"type":"array","items":{"type":"object","required":["path","group","value","source","inherited"],"properties":{"path":{"type":"array","items":{"type":"string"}},"group":{"type":"string"},
   "value":{"description":"The effective value"},"source":{"type":"string","enum":["default","file","register","organization"]},"inherited":{"description":"The value without this level's override"},
   "title_sv":{"type":"string"},"title_en":{"type":"string"}},"additionalProperties":false}},
  "may":{"type":"object","required":["edit"],"properties":{"edit":{"type":"boolean"}},"additionalProperties":false}},"additionalProperties":false})js"},
{"ContactPerson", R"js({"type":"object","description":"A person to contact: id, name and e-mail address (empty when unknown)","required":["id","name","email"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"email":{"type":"string"}},"additionalProperties":false})js"},
{"CooperationsPage", R"js({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":{"type":"object","required":["id","name","form","lead","lead_name","parties","systems","findings","published"],
 "properties":{"id":{"type":"string"},"name":{"type":"string"},"form":{"type":"string"},"lead":{"type":"string"},"lead_name":{"type":"string"},"parties":{"type":"integer"},"systems":{"type":"integer"},
  "findings":{"$ref":"#/components/schemas/SeverityCounts"},"published":{"type":"boolean"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"CooperationDueState", R"js({"type":"string","enum":["done","ok","soon","overdue","missing"],"description":"A cooperation document's or cycle item's state against its due date"})js"},
{"CooperationPage", R"js({"type":"object","description":"A cooperation: parties' status, responsibility matrix, documents, findings, annual cycle, systems, the essence's publication",
 "required":["id","name","form","version","today","review_months","lead","coordinator","parties","duties","documents","cycle","systems","groups","consulted","stakeholders_missing","management_review_on","findings","publication","may"],
 "properties":{"id":{"type":"string"},"name":{"type":"string"},"form":{"type":"string"},"version":{"type":"integer"},"today":{"type":"string","format":"date"},"review_months":{"type":"integer"},
  "lead":{"oneOf":[{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"}},"additionalProperties":false},{"type":"null"}]},
  "coordinator":{"oneOf":[{"$ref":"#/components/schemas/ContactPerson"},{"type":"null"}]},
  "parties":{"type":"array","items":{"type":"object","required":["organization","organization_name","committee","committee_name","joined_on","decision","status","rules"],
   "properties":{"organization":{"type":"string"},"organization_name":{"type":"string"},"committee":{"type":"string"},"committee_name":{"type":"string"},"joined_on":{"type":["string","null"],"format":"date"},
    "decision":{"type":"string"},"status":{"type":"string","enum":["decided","not_decided","missing"]},"rules":{"type":"array","items":{"type":"string"}}},"additionalProperties":false}},
  "duties":{"type":"array","items":{"type":"object","required":["duty","assigned","required","finding"],"properties":{"duty":{"type":"string"},"assigned":{"type":"string"},"required":{"type":"boolean"},"finding":{"type":"boolean"}},"additionalProperties":false}},
  "documents":{"type":"array","items":{"type":"object","required":["kind","signed_on","done_on","published_on","diary_number","dpia","dpo_consulted","required","next_due","state"],
   "properties":{"kind":{"type":"string"},"signed_on":{"type":["string","null"],"format":"date"},"done_on":{"type":["string","null"],"format":"date"},"published_on":{"type":["string","null"],"format":"date"},
    "diary_number":{"type":["string","null"]},"dpia":{"type":"boolean"},"dpo_consulted":{"type":"boolean"},"required":{"type":"boolean"},"next_due":{"type":["string","null"],"format":"date"},
    "state":{"$ref":"#/components/schemas/CooperationDueState"}},"additionalProperties":false}},
  "cycle":{"type":"array","items":{"type":"object","required":["what","kind","last","due","state"],"properties":{"what":{"type":"string"},"kind":{"type":"string"},"last":{"type":["string","null"],"format":"date"},
   "due":{"type":["string","null"],"format":"date"},"state":{"$ref":"#/components/schemas/CooperationDueState"}},"additionalProperties":false}},
  "systems":{"type":"array","items":{"type":"object","required":["id","name","category","lifecycle"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"category":{"type":"string"},"lifecycle":{"type":"string"}},"additionalProperties":false}},
  "groups":{"type":"array","items":{"type":"object","required":["kind","name","members"],"properties":{"kind":{"type":"string"},"name":{"type":"string"},"members":{"type":"array","items":{"type":"object","required":["id","name"],"properties":{"id":{"type":"string"},"name":{"type":"string"}},"additionalProperties":false}}},"additionalProperties":false}},
  "consulted":{"type":"array","items":{"type":"string"}},"stakeholders_missing":{"type":"array","items":{"type":"string"}},"management_review_on":{"type":["string","null"],"format":"date"},
  "findings":{"type":"array","items":{"type":"object","required":["rule","severity","subject","message","detail"],"properties":{"rule":{"type":"string"},"severity":{"$ref":"#/components/schemas/Severity"},
   "subject":{"type":"object","required":["type","id","name"],"properties":{"type":{"type":"string"},"id":{"type":"string"},"name":{"type":"string"}},"additionalProperties":false},"message":{"type":"string"},
   "detail":{"type":"object","description":"The facts behind it (rule-specific)","additionalProperties":{"oneOf":[{"type":"string"},{"type":"integer"},{"type":"array","items":{"type":"string"}}]}}},"additionalProperties":false}},
  "publication":{"oneOf":[{"type":"object","required":["published_at","published_by","version"],"properties":{"published_at":{"type":"string","format":"date-time"},"published_by":{"type":"string"},"version":{"type":"integer"}},"additionalProperties":false},{"type":"null"}]},
  "may":{"type":"object","required":["edit","publish"],"properties":{"edit":{"type":"boolean"},"publish":{"type":"boolean"}},"additionalProperties":false}},"additionalProperties":false})js"},
{"EssencePublication", R"js({"type":"object","description":"A cooperation's essence published for reading without signing in","required":["cooperation","published_at","published_by","version"],
 "properties":{"cooperation":{"type":"string"},"published_at":{"type":"string","format":"date-time"},"published_by":{"type":"string"},"version":{"type":"integer"}},"additionalProperties":false})js"},
{"EssencePublicationHistory", R"js({"type":"object","required":["entries"],"properties":{"entries":{"type":"array","items":{"type":"object","required":["seq","at","actor","action","hash"],
 "properties":{"seq":{"type":"integer"},"at":{"type":"string","format":"date-time"},"actor":{"$ref":"#/components/schemas/Actor"},"action":{"type":"string"},"before":{},"after":{},"hash":{"type":"string"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"Essence", R"js({"type":"object","description":"The essence of a cooperation's art. 26 arrangement for the data subjects, in plain words (lang)","required":["id","name","lang","texts","parties","contact_party","contact_person","duties","systems","published_at"],
 "properties":{"id":{"type":"string"},"name":{"type":"string"},"lang":{"type":"string","enum":["sv","en"]},"texts":{"type":"object","additionalProperties":{"type":"string"}},
  "parties":{"type":"array","items":{"type":"object","required":["organization","committee"],"properties":{"organization":{"type":"string"},"committee":{"type":"string"}},"additionalProperties":false}},
  "contact_party":{"type":"string"},"contact_person":{"oneOf":[{"$ref":"#/components/schemas/ContactPerson"},{"type":"null"}]},
  "duties":{"type":"array","items":{"type":"object","required":["duty","text","responsible"],"properties":{"duty":{"type":"string"},"text":{"type":"string"},"responsible":{"type":"string"}},"additionalProperties":false}},
  "systems":{"type":"array","items":{"type":"string"}},"arrangement_signed_on":{"type":["string","null"],"format":"date"},"published_at":{"type":"string","format":"date-time"}},"additionalProperties":false})js"},
{"CredentialTrail", R"js({"type":"object","description":"The trail of an account or an API token: sign-ins, sign-outs, failed logins, tokens created, used and revoked, role changes (admins and the DPO)","required":["entries","offset","limit","more"],
 "properties":{"entries":{"type":"array","items":{"type":"object","required":["at","actor","subject","subject_id","action","before","after"],
  "properties":{"at":{"type":"string","format":"date-time"},"actor":{"$ref":"#/components/schemas/Actor"},"subject":{"type":"string"},"subject_id":{"type":"string"},"action":{"type":"string"},
   "before":{"description":"The state before, or null"},"after":{"description":"The state after, or null"}},"additionalProperties":false}},
  "offset":{"type":"integer"},"limit":{"type":"integer"},"more":{"type":"boolean","description":"Whether entries follow this page"}},"additionalProperties":false})js"},
{"DelegatedDecisions", R"js({"type":"object","description":"A committee's delegated decisions not yet reported to it (anmälan av delegationsbeslut)","required":["committee","committee_name","today","report_days","may_report","items"],
 "properties":{"committee":{"type":"string"},"committee_name":{"type":"string"},"today":{"type":"string","format":"date"},"report_days":{"type":"integer","description":"Days within which a delegated decision is reported (R-DELEG-REPORT, the effective rulebook)"},
  "may_report":{"type":"boolean"},"items":{"type":"array","items":{"type":"object","required":["decision","system_name","decided_by_name","delegation_text","report_due","overdue"],
   "properties":{"decision":{"$ref":"#/components/schemas/DpaDecision"},"system_name":{"type":"string"},"decided_by_name":{"type":"string"},"delegation_text":{"type":"string"},"report_due":{"type":"string","format":"date"},"overdue":{"type":"boolean"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"DelegatedDecisionsReport", R"js({"type":"object","description":"The decisions marking them reported at a meeting (date, paragraph) changed","required":["items"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/DpaDecision"}}},"additionalProperties":false})js"},
{"DelegatedDecisionsReportInput", R"js({"type":"object","description":"The meeting at which delegated decisions are reported: date, paragraph and the decisions","additionalProperties":true})js"},
{"IncidentReportInput", R"js({"type":"object","description":"A breach reported by anyone signed in: what happened, when it was discovered, which system, whose data","additionalProperties":true})js"},
{"BreachStatus", R"js({"type":"string","enum":["received","assessed","notified","closed"],"description":"received: not yet assessed by the handler; assessed: not (yet) notified; notified: to the authority; closed: every measure done or cancelled"})js"},
{"BreachCount", R"js({"type":"object","required":["key","label","total","notified"],"properties":{"key":{"type":"string","description":"The cause, the system's id or the quarter (2026-Q1)"},"label":{"type":"string"},"total":{"type":"integer"},"notified":{"type":"integer"}},"additionalProperties":false})js"},
{"BreachTask", R"js({"type":"object","required":["id","status","aware_at","reported_at","deadline","system","system_name","handler","handler_name","description"],
 "properties":{"id":{"type":"string"},"status":{"$ref":"#/components/schemas/BreachStatus"},"aware_at":{"type":"string","format":"date-time"},"reported_at":{"type":["string","null"],"format":"date-time"},
  "deadline":{"type":["string","null"],"format":"date-time"},"system":{"type":"string"},"system_name":{"type":"string"},"handler":{"type":"string"},"handler_name":{"type":"string"},"description":{"type":"string"}},"additionalProperties":false})js"},
{"IncidentReport", R"js({"type":"object","description":"A reported breach as its reporter sees it: its status and the clock, nothing else","required":["incident","status","reported_at","discovered_at","deadline","handler_name","routed_to"],
 "properties":{"incident":{"type":"string"},"status":{"$ref":"#/components/schemas/BreachStatus"},"reported_at":{"type":"string","format":"date-time"},"discovered_at":{"type":"string","format":"date-time"},
  "deadline":{"type":"string","format":"date-time","description":"When the authority notice is due (R-INC-72H, the effective rulebook's hours)"},"handler_name":{"type":"string"},
  "routed_to":{"type":"array","items":{"type":"object","required":["name","role"],"properties":{"name":{"type":"string"},"role":{"type":"string"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"IncidentReports", R"js({"type":"object","description":"The signed-in account's own breach reports with their status","required":["items"],
 "properties":{"items":{"type":"array","items":{"type":"object","required":["incident","status","reported_at","what_happened","discovered_at","system","system_name","whose_data"],
  "properties":{"incident":{"type":"string"},"status":{"$ref":"#/components/schemas/BreachStatus"},"reported_at":{"type":"string","format":"date-time"},"what_happened":{"type":"string"},
   "discovered_at":{"type":"string","format":"date-time"},"system":{"type":"string","description":"The system's id, empty when not named"},"system_name":{"type":"string"},"whose_data":{"type":"string"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"IncidentStatistics", R"js({"type":"object","description":"Breaches counted per cause, system and quarter, notified or not","required":["total","notified","not_notified","by_cause","by_system","by_quarter"],
 "properties":{"total":{"type":"integer"},"notified":{"type":"integer"},"not_notified":{"type":"integer"},
  "by_cause":{"type":"array","items":{"$ref":"#/components/schemas/BreachCount"}},"by_system":{"type":"array","items":{"$ref":"#/components/schemas/BreachCount"}},
  "by_quarter":{"type":"array","items":{"$ref":"#/components/schemas/BreachCount"}}},"additionalProperties":false})js"},
{"IncidentTasks", R"js({"type":"object","description":"Breaches waiting for the signed-in person: new reports and running clocks","required":["breach_tasks"],
 "properties":{"breach_tasks":{"type":"array","items":{"$ref":"#/components/schemas/BreachTask"}}},"additionalProperties":false})js"},
{"IncidentNotification", R"js({"type":"object","description":"The notification to the supervisory authority (IMY's breach form), every field filled from the record, the missing ones named","required":["incident","made_at","complete","missing","sections"],
 "properties":{"incident":{"type":"string"},"made_at":{"type":"string","format":"date-time"},"complete":{"type":"boolean"},"missing":{"type":"array","items":{"type":"string"},"description":"The keys of the required fields without a value"},
  "sections":{"type":"array","items":{"type":"object","required":["title_sv","title_en","fields"],"properties":{"title_sv":{"type":"string"},"title_en":{"type":"string"},
   "fields":{"type":"array","items":{"type":"object","required":["key","label_sv","label_en","value","required","missing"],"properties":{"key":{"type":"string"},"label_sv":{"type":"string"},"label_en":{"type":"string"},
    "value":{"type":"string"},"required":{"type":"boolean"},"missing":{"type":"boolean"}},"additionalProperties":false}}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"TasksPage", R"js({"type":"object","description":"Mina uppgifter: one list of what waits for the signed-in person (a DPO's and a data protection contact's for their scope): breach clocks, decisions, approvals, delegated decisions to report, measures overdue or due soon, what falls due and what to fix. The calendar feed and the reminder digest carry the same tasks (the same key).","required":["account","scope","person","today","items"],
 "properties":{"account":{"type":"string"},"scope":{"type":"string","enum":["person","dpo","administration"]},"person":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},"today":{"type":"string","format":"date"},
  "items":{"type":"array","items":{"type":"object","required":["kind","rule","title","subject","due","due_at","state","action","link","act","key"],
   "properties":{"kind":{"type":"string","enum":["breach","decide","approve","report","measure","due","fix"]},"rule":{"type":"string","description":"The rule that asks it"},"title":{"type":"string"},
    "subject":{"type":"object","required":["type","id","name"],"properties":{"type":{"type":"string"},"id":{"type":"string"},"name":{"type":"string"}},"additionalProperties":false},
    "due":{"oneOf":[{"type":"string","format":"date"},{"type":"null"}]},"due_at":{"oneOf":[{"type":"string","format":"date-time"},{"type":"null"}],"description":"A clock in hours (a breach's authority notice): the instant itself"},
    "state":{"type":"string","description":"upcoming, due or overdue; for a finding to fix its severity"},"action":{"type":"string"},"link":{"type":"string","description":"Where the web interface does it"},
    "act":{"type":"string","description":"The API act that does it (\"POST /api/v1/…\"), empty when it is done by editing"},"key":{"type":"string","description":"Stable while it is the same task"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"DpaDecisionAct", R"js({"type":"object","description":"Who may decide the system's DPA today: the committees that must decide, the delegation that entitles the signed-in person, or why not","required":["system","system_name","supplier","matter","today","person","entitled","why_not","power_of_attorney","owner","committees","decisions","documents"],
 "properties":{"system":{"type":"string"},"system_name":{"type":"string"},"supplier":{"type":"string"},"matter":{"type":"string","description":"The delegation matter the decision needs (decide_dpa, decide_dpa_municipality_wide)"},
  "today":{"type":"string","format":"date"},"person":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},"entitled":{"type":"boolean"},"why_not":{"type":"string","description":"Why the signed-in person may not decide; empty when entitled"},
  "power_of_attorney":{"type":"boolean","description":"Whether the owner signs with powers of attorney from the other committees"},"owner":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
  "committees":{"type":"array","items":{"type":"object","required":["id","name","decided","delegation"],"properties":{"id":{"type":"string"},"name":{"type":"string"},"decided":{"type":"boolean"},
   "delegation":{"oneOf":[{"$ref":"#/components/schemas/Delegation"},{"type":"null"}]}},"additionalProperties":false}},
  "decisions":{"type":"array","items":{"$ref":"#/components/schemas/DpaDecision"}},
  "documents":{"type":"array","description":"The system's management plans and follow-up reports with how their approval was made","items":{"type":"object","required":["id","kind","year","approved_by","approved_on","approval","approved_by_account"],
   "properties":{"id":{"type":"string"},"kind":{"type":"string","enum":["management_plan","follow_up_report"]},"year":{"type":["integer","null"]},"approved_by":{"type":"string"},"approved_on":{"type":["string","null"],"format":"date"},
    "approval":{"type":"string","enum":["none","performed","recorded"]},"approved_by_account":{"type":"string"}},"additionalProperties":false}}},"additionalProperties":false})js"},
{"MeasureLine", R"js({"type":"object","description":"One measure of the measures register: where it comes from, what holds it, its systems, owner, due date, status, and whether it is overdue (R-MEASURE-OVERDUE)","required":["source","holder","systems","measure","owner_name","overdue"],
 "properties":{"source":{"type":"string","enum":["dpia","classification","breach","contract_review"]},
  "holder":{"type":"object","required":["type","id","name","version"],"properties":{"type":{"type":"string","description":"system, processing_activity or incident"},"id":{"type":"string"},"name":{"type":"string"},"version":{"type":"integer","description":"The holder's version: If-Match when the measure's status is changed"}},"additionalProperties":false},
  "systems":{"type":"array","items":{"type":"string"}},"measure":{"$ref":"#/components/schemas/Measure"},"owner_name":{"type":"string","description":"The owner's name (\"\" when none)"},"overdue":{"type":"boolean"}},"additionalProperties":false})js"},
{"MeasureStatusInput", R"js({"type":"object","description":"A measure's new status; a done measure gets done_on (today in Europe/Stockholm unless given)","required":["status"],
 "properties":{"status":{"type":"string","enum":["planned","in_progress","done","cancelled"]},"done_on":{"type":"string","format":"date"}},"additionalProperties":false})js"},
{"MeasureStatusChange", R"js({"type":"object","description":"The measure as changed and its holder's new version (also the ETag)","required":["source","holder","measure"],
 "properties":{"source":{"type":"string","enum":["dpia","classification","breach","contract_review"]},"holder":{"type":"object","required":["id","version"],"properties":{"id":{"type":"string"},"version":{"type":"integer"}},"additionalProperties":false},
  "measure":{"$ref":"#/components/schemas/Measure"}},"additionalProperties":false})js"},
{"Measures", R"js({"type":"object","description":"The measures register (a breach's measures only for those who may read the incident register)","required":["today","measures","total","overdue"],
 "properties":{"today":{"type":"string","format":"date","description":"The day overdue is judged by (Europe/Stockholm)"},"measures":{"type":"array","items":{"$ref":"#/components/schemas/MeasureLine"}},
  "total":{"type":"integer"},"overdue":{"type":"integer"}},"additionalProperties":false})js"},
{"MayPage", R"js({"type":"object","required":["may"],"properties":{"may":{"$ref":"#/components/schemas/Permissions"}},"additionalProperties":false})js"},
{"EntityMay", R"js({"type":"object","properties":{"edit":{"$ref":"#/components/schemas/Decision"},"delete":{"$ref":"#/components/schemas/Decision"}},"additionalProperties":{"$ref":"#/components/schemas/Decision"}})js"},
{"RuleTitle", R"js({"type":"object","required":["id","severity","title_sv","title_en"],"properties":{"id":{"type":"string"},"severity":{"$ref":"#/components/schemas/Severity"},"title_sv":{"type":"string"},"title_en":{"type":"string"}},"additionalProperties":false})js"},
{"Names", R"js({"type":"object","description":"The names of what the page refers to","required":["committees","administrations","organizations"],"properties":{"committees":{"oneOf":[{"$ref":"#/components/schemas/CommitteeList"},{"type":"null"}]},"administrations":{"oneOf":[{"$ref":"#/components/schemas/AdministrationList"},{"type":"null"}]},
  "organizations":{"oneOf":[{"$ref":"#/components/schemas/OrganizationList"},{"type":"null"}]},"people":{"type":"array","items":{"$ref":"#/components/schemas/Person"}},"systems":{"type":"array","items":{"$ref":"#/components/schemas/System"}}},"additionalProperties":false})js"},
{"SystemPage", R"js({"type":"object","description":"A system's page in one read","required":["system","version"],
 "properties":{"system":{"$ref":"#/components/schemas/System"},"version":{"type":"integer"},"responsibilities":{"oneOf":[{"$ref":"#/components/schemas/Responsibilities"},{"type":"null"}]},
  "findings":{"oneOf":[{"$ref":"#/components/schemas/Findings"},{"type":"null"}]},"history":{"oneOf":[{"$ref":"#/components/schemas/Audit"},{"type":"null"}]},"names":{"$ref":"#/components/schemas/Names"},
  "rules":{"type":"array","items":{"$ref":"#/components/schemas/RuleTitle"}},"may":{"$ref":"#/components/schemas/EntityMay"}},"additionalProperties":false})js"},
{"CommitteePage", R"js({"type":"object","description":"A committee's page in one read","required":["committee","version","administrations","activities","delegations","processor_records","systems","findings","history","names","rules"],
 "properties":{"committee":{"$ref":"#/components/schemas/Committee"},"version":{"type":"integer"},"administrations":{"oneOf":[{"$ref":"#/components/schemas/AdministrationList"},{"type":"null"}]},
  "activities":{"oneOf":[{"$ref":"#/components/schemas/ProcessingActivityList"},{"type":"null"}]},"delegations":{"oneOf":[{"$ref":"#/components/schemas/DelegationList"},{"type":"null"}]},
  "processor_records":{"oneOf":[{"$ref":"#/components/schemas/ProcessorRecordList"},{"type":"null"}]},"systems":{"oneOf":[{"$ref":"#/components/schemas/SystemList"},{"type":"null"}]},
  "findings":{"oneOf":[{"$ref":"#/components/schemas/Findings"},{"type":"null"}]},"history":{"oneOf":[{"$ref":"#/components/schemas/Audit"},{"type":"null"}]},"names":{"$ref":"#/components/schemas/Names"},
  "rules":{"type":"array","items":{"$ref":"#/components/schemas/RuleTitle"}},"may":{"$ref":"#/components/schemas/EntityMay"}},"additionalProperties":false})js"},
{"OverviewPage", R"js({"type":"object","description":"The overview page in one read (a part that could not be read is null)","required":["errors","request_deadlines","incidents","by_rule","by_committee","by_administration","by_subject","trend","due","days","rulebook","rules"],
 "properties":{"errors":{"oneOf":[{"$ref":"#/components/schemas/Findings"},{"type":"null"}]},"request_deadlines":{"oneOf":[{"$ref":"#/components/schemas/Findings"},{"type":"null"}]},
  "incidents":{"oneOf":[{"$ref":"#/components/schemas/IncidentList"},{"type":"null"}]},"by_rule":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},
  "by_committee":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},"by_administration":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},
  "by_subject":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},"trend":{"oneOf":[{"$ref":"#/components/schemas/FindingsTrend"},{"type":"null"}]},
  "due":{"oneOf":[{"$ref":"#/components/schemas/DueItems"},{"type":"null"}]},"days":{"type":"integer"},"rulebook":{"$ref":"#/components/schemas/Rulebook"},
  "rules":{"type":"array","items":{"$ref":"#/components/schemas/RuleTitle"}}},"additionalProperties":false})js"},
{"MyPage", R"js({"type":"object","description":"The signed-in person's start page in one read","required":["account","may","person","systems","by_subject","by_committee","due","incidents","requests","calendar_tokens","names","rulebook","rules"],"properties":{"account":{"type":"object","required":["id","role","administration","person"],"properties":{"id":{"type":"string"},"role":{"$ref":"#/components/schemas/Role"},"administration":{"type":"string"},"person":{"type":"string"}},"additionalProperties":false},"may":{"$ref":"#/components/schemas/Permissions"},"person":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},"systems":{"oneOf":[{"$ref":"#/components/schemas/SystemList"},{"type":"null"}]},"by_subject":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},"by_committee":{"oneOf":[{"$ref":"#/components/schemas/FindingsSummary"},{"type":"null"}]},"due":{"oneOf":[{"$ref":"#/components/schemas/DueItems"},{"type":"null"}]},"incidents":{"oneOf":[{"$ref":"#/components/schemas/IncidentList"},{"type":"null"}]},"requests":{"oneOf":[{"$ref":"#/components/schemas/DataSubjectRequestList"},{"type":"null"}]},"calendar_tokens":{"oneOf":[{"$ref":"#/components/schemas/CalendarTokens"},{"type":"null"}]},"administration":{"oneOf":[{"$ref":"#/components/schemas/Administration"},{"type":"null"}]},"administration_findings":{"oneOf":[{"$ref":"#/components/schemas/Findings"},{"type":"null"}]},"names":{"$ref":"#/components/schemas/Names"},"rulebook":{"$ref":"#/components/schemas/Rulebook"},"rules":{"type":"array","items":{"$ref":"#/components/schemas/RuleTitle"}},"breach_tasks":{"type":"array","description":"Breaches waiting for the signed-in person (the DPO, a data protection contact): new reports and running clocks","items":{"$ref":"#/components/schemas/BreachTask"}}},"additionalProperties":false})js"},
};
// clang-format on

// A page of one collection: {items, total, limit, offset}.
void ListSchema(io::JsonWriter& o, const std::string& entity) {
  o.Key(entity + "List");
  o.BeginObject();
  o.Field("type", "object");
  o.Field("description", "A page of " + entity + " items and how many matched");
  o.Field("required", std::vector<std::string>{"items", "total"});
  o.Key("properties");
  o.BeginObject();
  o.Key("items");
  o.BeginObject();
  o.Field("type", "array");
  o.Key("items");
  Ref(o, entity);
  o.EndObject();
  for (const char* k : {"total", "limit", "offset"}) {
    o.Key(k);
    o.BeginObject();
    o.Field("type", "integer");
    o.Field("minimum", 0);
    o.EndObject();
  }
  o.EndObject();
  o.Field("additionalProperties", false);
  o.EndObject();
}

void RoleSchema(io::JsonWriter& o) {
  o.Key("Role");
  o.BeginObject();
  o.Field("type", "string");
  o.Field("description", "An account's role (docs/access-control.md)");
  o.Key("enum");
  o.BeginArray();
  for (auto name : model::EnumNames<auth::Role>::kNames) o.String(name);
  o.EndArray();
  o.EndObject();
}

// "/api/v1/systems/{id}" → "getApiV1SystemsId": the operationId of a route openapi_operations.cpp does not know.
std::string DerivedOperationId(const Route& route) {
  std::string id;
  for (char c : route.method) id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool upper = true;
  for (char c : route.pattern) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    } else {
      upper = true;
    }
  }
  return id;
}

const char* ReasonOf(int status) {
  switch (status) {
    case 400:
      return "Bad request: a query parameter, header or body that cannot be read";
    case 401:
      return "Not signed in: no valid session cookie or API token (WWW-Authenticate: Bearer)";
    case 403:
      return "Forbidden: the account's role may not do this, or the CSRF header is missing";
    case 404:
      return "Not found";
    case 409:
      return "Conflict with the register: it exists already, or is still referred to";
    case 412:
      return "Precondition failed: If-Match does not match, someone else changed it first";
    case 413:
      return "The request body is larger than the server accepts";
    case 415:
      return "Unsupported media type";
    case 422:
      return "Invalid data: errors name each field by its JSON path";
    case 428:
      return "Precondition required: send If-Match with the ETag you read";
    case 429:
      return "Too many requests: wait (Retry-After) before trying again";
    case 503:
      return "Busy or storage unavailable: try again (Retry-After)";
  }
  return "Error";
}

void Parameter(io::JsonWriter& o, const std::string& name, const char* in, bool required, const std::string& type,
               const std::string& description) {
  o.BeginObject();
  o.Field("name", name);
  o.Field("in", in);
  o.Field("required", required);
  if (!description.empty()) o.Field("description", description);
  o.Key("schema");
  o.BeginObject();
  o.Field("type", type);
  o.EndObject();
  o.EndObject();
}

std::string QueryType(const std::string& q) {
  static const std::set<std::string> integers = {"limit", "offset", "weeks", "days"};
  static const std::set<std::string> booleans = {"dry_run", "published"};
  if (integers.contains(q)) return "integer";
  if (booleans.contains(q)) return "boolean";
  return "string";
}

void Content(io::JsonWriter& o, const std::string& schema, const char* json_media) {
  o.Key("content");
  o.BeginObject();
  if (schema == "Spreadsheet") {
    for (const char* media : {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv",
                              "application/octet-stream"}) {
      o.Key(media);
      o.BeginObject();
      o.Key("schema");
      Ref(o, "Spreadsheet");
      o.EndObject();
    }
  } else if (schema == "Export") {
    for (const char* media : {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              "text/csv; charset=utf-8", "application/pdf"}) {
      o.Key(media);
      o.BeginObject();
      o.Key("schema");
      Ref(o, "Export");
      o.EndObject();
    }
  } else if (schema.find('/') != std::string::npos) {
    o.Key(schema);
    o.BeginObject();
    o.Key("schema");
    o.BeginObject();
    o.Field("type", "string");
    o.EndObject();
    o.EndObject();
  } else {
    o.Key(json_media);
    o.BeginObject();
    o.Key("schema");
    Ref(o, schema);
    o.EndObject();
  }
  o.EndObject();
}

void Operation(io::JsonWriter& o, const Route& route, std::set<std::string>& undocumented) {
  const OperationDoc* doc = FindOperation(route.method, route.pattern);
  const std::string request = doc ? doc->request : route.body_schema;
  const std::string response = doc ? doc->response : route.response_schema;
  // The access middleware's own list decides; a path parameter stands for a value such as a calendar feed's
  // "<token>.ics".
  std::string sample = route.pattern;
  for (size_t p = sample.find('{'); p != std::string::npos; p = sample.find('{', p))
    sample.replace(p, sample.find('}', p) - p + 1, "x.ics");
  const bool is_public = PublicRoute(route.method, sample);
  const bool has_path_param = route.pattern.find('{') != std::string::npos;
  std::set<int> statuses;
  if (doc) statuses.insert(doc->statuses.begin(), doc->statuses.end());
  const bool if_match = statuses.contains(412);
  if (!route.query.empty() || !request.empty() || if_match) statuses.insert(400);
  if (!is_public) statuses.insert({401, 403});
  if (has_path_param) statuses.insert(404);
  if (!request.empty()) statuses.insert({413, 415});
  if (!request.empty() && request != "Spreadsheet") statuses.insert(422);
  if (doc && doc->expensive) statuses.insert({429, 503});
  const bool state_changing = route.method != "GET" && route.method != "HEAD";
  if (state_changing && !is_public) statuses.insert(403);

  o.BeginObject();
  o.Field("operationId", doc ? doc->operation_id : DerivedOperationId(route));
  o.Field("summary",
          route.summary.size() > 120 ? route.summary.substr(0, route.summary.rfind(' ', 117)) + " …" : route.summary);
  o.Field("description", route.summary);
  o.Key("tags");
  o.BeginArray();
  o.String(route.tag);
  o.EndArray();
  if (!doc && route.response_schema.empty()) {
    o.Field("x-ansvar-undocumented", true);
    undocumented.insert(route.method + " " + route.pattern);
  }
  o.Key("parameters");
  o.BeginArray();
  for (size_t p = route.pattern.find('{'); p != std::string::npos; p = route.pattern.find('{', p + 1)) {
    const size_t close = route.pattern.find('}', p);
    Parameter(o, route.pattern.substr(p + 1, close - p - 1), "path", true, "string", "");
  }
  for (const auto& q : route.query) Parameter(o, q, "query", false, QueryType(q), "");
  if (if_match)
    Parameter(o, "If-Match", "header", true, "string", "The ETag of the version being changed (from a read), or *");
  o.EndArray();
  if (!request.empty()) {
    o.Key("requestBody");
    o.BeginObject();
    o.Field("required", true);
    Content(o, request, "application/json");
    o.EndObject();
  }
  // Who may call it: public routes none; the rest a Bearer token, or the session cookie (with the CSRF header when
  // the request changes something).
  o.Key("security");
  o.BeginArray();
  if (!is_public) {
    o.BeginObject();
    o.Key("bearerToken");
    o.BeginArray();
    o.EndArray();
    o.EndObject();
    o.BeginObject();
    o.Key("sessionCookie");
    o.BeginArray();
    o.EndArray();
    if (state_changing) {
      o.Key("csrfHeader");
      o.BeginArray();
      o.EndArray();
    }
    o.EndObject();
  }
  o.EndArray();
  o.Key("responses");
  o.BeginObject();
  o.Key(std::to_string(route.success));
  o.BeginObject();
  o.Field("description", route.success == 204   ? "Done"
                         : route.success == 201 ? "Created"
                         : route.success == 302 ? "Redirect (Location)"
                                                : "Success");
  if (!response.empty()) Content(o, response, "application/json");
  o.EndObject();
  for (int status : statuses) {
    if (status < 400) {  // another success (a PUT that creates: 201)
      o.Key(std::to_string(status));
      o.BeginObject();
      o.Field("description", status == 201 ? "Created" : "Success");
      if (!response.empty()) Content(o, response, "application/json");
      o.EndObject();
      continue;
    }
    o.Key(std::to_string(status));
    o.BeginObject();
    o.Field("description", ReasonOf(status));
    Content(o, "Problem", "application/problem+json");
    o.EndObject();
  }
  o.Key("default");
  o.BeginObject();
  o.Field("description", "Another error (RFC 9457 problem details)");
  Content(o, "Problem", "application/problem+json");
  o.EndObject();
  o.EndObject();
  o.EndObject();
}

void SecuritySchemes(io::JsonWriter& o) {
  o.Key("securitySchemes");
  o.BeginObject();
  o.Key("bearerToken");
  o.BeginObject();
  o.Field("type", "http");
  o.Field("scheme", "bearer");
  o.Field("description",
          "An API token (ansvar_…) made by an admin (POST /api/v1/tokens or `ansvar token create`): "
          "Authorization: Bearer <token>. For integrations; needs no CSRF header.");
  o.EndObject();
  o.Key("sessionCookie");
  o.BeginObject();
  o.Field("type", "apiKey");
  o.Field("in", "cookie");
  o.Field("name", std::string(kSessionCookie));
  o.Field("description", "The browser's session, set by POST /api/v1/auth/login (over HTTPS the cookie is named " +
                             std::string(kSecureSessionCookie) + ").");
  o.EndObject();
  o.Key("csrfHeader");
  o.BeginObject();
  o.Field("type", "apiKey");
  o.Field("in", "header");
  o.Field("name", "X-CSRF-Token");
  o.Field("description",
          "With the session cookie, every request that changes something sends the session's CSRF token "
          "(csrf_token of GET /api/v1/auth/session) in this header.");
  o.EndObject();
  o.EndObject();
}

}  // namespace

std::string OpenApiJson(const Router& router) {
  io::JsonWriter o(true);
  o.BeginObject();
  o.Field("openapi", "3.1.0");
  o.Key("info");
  o.BeginObject();
  o.Field("title", "Ansvar");
  o.Field("version", "1");
  o.Field("summary", "Register and rules engine for a municipality's digital systems and GDPR obligations");
  o.Field("description",
          "Register and rules engine for a municipality's digital services, systems and GDPR obligations. Entities "
          "have the shapes of the register exchange format ansvar-register/1; every finding cites a rule id. "
          "Errors are RFC 9457 problem details (application/problem+json) whose errors name each field by its JSON "
          "path. Changes take If-Match with the ETag a read gave.");
  o.Key("license");
  o.BeginObject();
  o.Field("name", "See the project's repository");
  o.Field("url", "https://github.com/");
  o.EndObject();
  o.Key("contact");
  o.BeginObject();
  o.Field("name", "Ansvar");
  o.EndObject();
  o.EndObject();
  o.Key("servers");
  o.BeginArray();
  o.BeginObject();
  o.Field("url", "/");
  o.Field("description", "The server that serves this description");
  o.EndObject();
  o.EndArray();
  // Signed in by default; public operations say security: [].
  o.Key("security");
  o.BeginArray();
  o.BeginObject();
  o.Key("bearerToken");
  o.BeginArray();
  o.EndArray();
  o.EndObject();
  o.BeginObject();
  o.Key("sessionCookie");
  o.BeginArray();
  o.EndArray();
  o.EndObject();
  o.EndArray();
  std::map<std::string, std::vector<const Route*>> paths;
  std::set<std::string> tags;
  for (const auto& r : router.routes()) paths[r.pattern].push_back(&r), tags.insert(r.tag);
  const Route self{"GET", "/api/v1/openapi.json", "This description (OpenAPI 3.1)", "service", {}, "", "", 200, {}};
  if (!paths.contains(self.pattern)) paths[self.pattern].push_back(&self);  // added after this description is made
  std::set<std::string> undocumented;
  o.Key("paths");
  o.BeginObject();
  for (const auto& [pattern, routes] : paths) {
    o.Key(pattern);
    o.BeginObject();
    for (const auto* r : routes) {
      std::string method = r->method;
      for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      o.Key(method);
      Operation(o, *r, undocumented);
    }
    o.EndObject();
  }
  o.EndObject();
  o.Key("tags");
  o.BeginArray();
  for (const auto& t : tags) {
    o.BeginObject();
    o.Field("name", t);
    o.Field("description", "The " + t + " operations");
    o.EndObject();
  }
  o.EndArray();
  o.Key("components");
  o.BeginObject();
  SecuritySchemes(o);
  o.Key("schemas");
  o.BeginObject();
  io::schema::WriteJsonSchemas(o, kRefs);
  for (const char* e : {"Organization", "Committee", "Administration", "Person", "System", "Delegation",
                        "PowerOfAttorney", "ProcessingActivity", "ProcessorRecord", "Incident", "DataSubjectRequest",
                        "Agreement", "Cooperation", "DpaDecision"})
    ListSchema(o, e);
  RoleSchema(o);
  for (const auto& raw : kRawSchemas) {
    o.Key(raw.name);
    o.Raw(raw.json);
  }
  // The effective rulebook and a level's overrides: made from the rulebook's own writer (io/rulebook_json.hpp).
  o.Key("Rulebook");
  o.Raw(io::RulebookJsonSchema(false));
  o.Key("RulebookOverrides");
  o.Raw(io::RulebookJsonSchema(true));
  o.EndObject();
  o.EndObject();
  o.EndObject();
  return o.Take();
}

}  // namespace ansvar::http
