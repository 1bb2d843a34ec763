#include "http/answers.hpp"

#include "app/accounts.hpp"
#include "io/cycle_json.hpp"
#include "io/reports.hpp"
#include "io/rulebook_json.hpp"
#include "rules/catalog.hpp"

namespace ansvar::http {
namespace {

void Counts(io::JsonWriter& o, const rules::Summary& s) {
  o.Field("error", int64_t(s.error));
  o.Field("warning", int64_t(s.warning));
  o.Field("info", int64_t(s.info));
}

void RawOrNull(io::JsonWriter& o, std::string_view key, const std::string& json) {
  o.Key(key);
  if (json.empty())
    o.Null();
  else
    o.Raw(json);
}

// An entry of a trail: the register's audit trail and a document's (an operational message's) alike.
void TrailEntry(io::JsonWriter& o, int64_t seq, model::Timestamp at, const std::string& actor_id,
                const std::string& actor_name, const std::string& credential, std::string_view entity_type,
                const std::string& entity_id, const std::string& action, const std::string& before,
                const std::string& after, const std::string& hash) {
  o.BeginObject();
  o.Field("seq", seq);
  o.Field("at", model::FormatTimestamp(at));
  o.Key("actor");
  o.BeginObject();
  o.Field("id", actor_id);
  o.Field("name", actor_name);
  o.Field("credential", credential);  // the session or API token that made it
  // A token issued by someone else acts on the account's behalf: who issued it (app::TokenCredential).
  if (const auto issuer = app::CredentialIssuer(credential); !issuer.empty()) o.Field("issued_by", issuer);
  o.EndObject();
  o.Field("entity_type", entity_type);
  o.Field("entity_id", entity_id);
  o.Field("action", action);
  RawOrNull(o, "before", before);
  RawOrNull(o, "after", after);
  o.Field("hash", hash);
  o.EndObject();
}

}  // namespace

Response Versioned(const app::Versioned& v, int status) {
  Response r = Json(v.json, status);
  r.headers.push_back({"ETag", "\"" + std::to_string(v.version) + "\""});
  return r;
}

void WriteJson(io::JsonWriter& o, const app::EntityPage& page) {
  o.BeginObject();
  o.Key("items");
  o.BeginArray();
  for (const auto& json : page.items) o.Raw(json);
  o.EndArray();
  o.Field("total", int64_t(page.total));
  o.Field("limit", int64_t(page.limit));
  o.Field("offset", int64_t(page.offset));
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const app::FindingsPage& page) {
  o.BeginObject();
  o.Field("as_of", model::FormatTimestamp(page.as_of));
  o.Key("findings");
  o.BeginArray();
  for (const auto& line : page.items) io::WriteFindingJson(o, line.finding, line.message);
  o.EndArray();
  o.Key("summary");
  o.BeginObject();
  Counts(o, page.summary);
  o.EndObject();
  o.Field("total", int64_t(page.total));
  o.Field("limit", int64_t(page.limit));
  o.Field("offset", int64_t(page.offset));
  o.EndObject();
}

namespace {

void OptionalString(io::JsonWriter& o, std::string_view key, const std::optional<std::string>& s) {
  o.Key(key);
  if (s)
    o.String(*s);
  else
    o.Null();
}

void OptionalDate(io::JsonWriter& o, std::string_view key, const std::optional<model::Date>& d) {
  o.Key(key);
  if (d)
    o.String(model::FormatDate(*d));
  else
    o.Null();
}

void Person(io::JsonWriter& o, const std::optional<app::ResponsiblePerson>& p) {
  if (!p) {
    o.Null();
    return;
  }
  o.BeginObject();
  o.Field("id", p->id);
  o.Field("name", p->name);
  o.Key("title");
  if (p->title)
    o.String(model::ToString(*p->title));
  else
    o.Null();
  o.EndObject();
}

void Delegation(io::JsonWriter& o, const app::DelegationLink& d) {
  o.BeginObject();
  o.Field("id", d.id);
  o.Field("committee", d.committee);
  o.Field("matter", d.matter);
  o.Field("decision", d.decision);
  OptionalDate(o, "valid_from", d.valid_from);
  OptionalDate(o, "valid_to", d.valid_to);
  o.EndObject();
}

// The wire names of R-DPA-DECIDER's cases (rules::DpaDeciderCase, in its order).
constexpr std::string_view kDpaCaseNames[] = {
    "none", "service_committee", "support_process", "deputy_director", "single_controller", "each_controller"};

}  // namespace

void WriteJson(io::JsonWriter& o, const app::SystemResponsibilities& r) {
  o.BeginObject();
  o.Field("id", r.id);
  o.Field("name", r.name);
  o.Field("as_of", model::FormatTimestamp(r.as_of));
  o.Field("controllers", r.controllers);
  OptionalString(o, "internal_processor", r.internal_processor);
  o.Field("joint_controllers", r.joint_controllers);
  o.Key("owner");
  Person(o, r.owner);
  OptionalString(o, "owner_committee", r.owner_committee);
  o.Key("roles");
  o.BeginArray();
  for (const auto& h : r.roles) {
    o.BeginObject();
    o.Field("role", model::ToString(h.role));
    o.Field("mandatory", h.mandatory);
    o.Key("holders");
    o.BeginArray();
    for (const auto& holder : h.holders)
      if (holder.person)
        Person(o, holder.person);
      else
        o.String(holder.committee);
    o.EndArray();
    o.EndObject();
  }
  o.EndArray();
  o.Key("mandatory_roles");
  o.BeginArray();
  for (auto role : r.mandatory_roles) o.String(model::ToString(role));
  o.EndArray();
  o.Key("documents");
  o.BeginArray();
  for (const auto& d : r.documents) {
    o.BeginObject();
    o.Field("kind", model::ToString(d.kind));
    o.Field("mandatory", d.mandatory);
    o.Field("present", d.present);
    o.EndObject();
  }
  o.EndArray();
  o.Key("mandatory_documents");
  o.BeginArray();
  for (auto kind : r.mandatory_documents) o.String(model::ToString(kind));
  o.EndArray();

  o.Key("dpa_decided_by");
  if (r.dpa_case == rules::DpaDeciderCase::kNone) {
    o.Null();
  } else if (r.dpa_case == rules::DpaDeciderCase::kDeputyDirector) {
    o.BeginObject();
    o.Field("title", model::ToString(model::Title::kDeputyMunicipalDirector));
    o.EndObject();
  } else {
    o.BeginObject();
    o.Field("committees", r.dpa_committees);
    o.EndObject();
  }
  o.Key("dpa");
  o.BeginObject();
  o.Field("rule", r.dpa_explanation.rule);
  o.Field("case", kDpaCaseNames[static_cast<size_t>(r.dpa_case)]);
  o.Field("explanation_sv", r.dpa_explanation.sv);
  o.Field("explanation_en", r.dpa_explanation.en);
  o.Key("delegations");
  o.BeginArray();
  for (const auto& d : r.dpa_delegations) Delegation(o, d);
  o.EndArray();
  o.Field("missing_delegations", r.missing_delegations);
  o.Key("signers");
  o.BeginArray();
  for (const auto& p : r.signers) Person(o, p);
  o.EndArray();
  o.Key("powers_of_attorney");
  o.BeginArray();
  for (const auto& a : r.powers_of_attorney) {
    o.BeginObject();
    o.Field("id", a.id);
    o.Field("committee", a.committee);
    o.Key("holder");
    Person(o, a.holder);
    o.Key("issued_by");
    Person(o, a.issued_by);
    OptionalDate(o, "issued_on", a.issued_on);
    o.Key("delegation");
    if (a.delegation)
      Delegation(o, *a.delegation);
    else
      o.Null();
    o.EndObject();
  }
  o.EndArray();
  o.Field("missing_powers_of_attorney", r.missing_powers_of_attorney);
  o.EndObject();

  OptionalString(o, "incident_handler", r.incident_handler);
  o.Key("incident");
  o.BeginObject();
  o.Field("rule", r.incident_explanation.rule);
  o.Field("explanation_sv", r.incident_explanation.sv);
  o.Field("explanation_en", r.incident_explanation.en);
  o.EndObject();
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const app::GroupedSummary& summary) {
  o.BeginObject();
  o.Field("as_of", model::FormatTimestamp(summary.as_of));
  o.Field("group_by", summary.group_by);
  o.Key("groups");
  o.BeginArray();
  for (const auto& g : summary.groups) {
    o.BeginObject();
    if (summary.group_by == "subject") o.Field("type", g.type);
    o.Field("key", g.key);
    o.Field("name", g.name);
    Counts(o, g.counts);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const std::vector<app::TrendPoint>& points) {
  o.BeginObject();
  o.Key("points");
  o.BeginArray();
  for (const auto& p : points) {
    o.BeginObject();
    o.Field("as_of", model::FormatTimestamp(p.as_of));
    o.Field("systems", int64_t(p.systems));
    Counts(o, p.summary);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const app::RegisterChanges& changes) {
  o.BeginObject();
  o.Field("created", int64_t(changes.created));
  o.Field("updated", int64_t(changes.updated));
  o.Field("deleted", int64_t(changes.deleted));
  o.Field("unchanged", int64_t(changes.unchanged));
  if (changes.listed) {
    o.Key("changes");
    o.BeginArray();
    for (const auto& c : changes.changes) {
      o.BeginObject();
      o.Field("entity_type", store::ToString(c.key.kind));
      o.Field("entity_id", c.key.id);
      o.Field("action", c.before_json.empty() ? "create" : c.after_json.empty() ? "delete" : "update");
      RawOrNull(o, "before", c.before_json);
      RawOrNull(o, "after", c.after_json);
      o.EndObject();
    }
    o.EndArray();
  }
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const std::vector<store::AuditEntry>& entries) {
  o.BeginObject();
  o.Key("entries");
  o.BeginArray();
  for (const auto& e : entries)
    TrailEntry(o, e.seq, e.at, e.actor_id, e.actor_name, e.credential, store::ToString(e.kind), e.entity_id, e.action,
               e.before_json, e.after_json, e.hash);
  o.EndArray();
  o.Field("count", int64_t(entries.size()));
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const std::vector<store::DocumentAuditEntry>& entries) {
  o.BeginObject();
  o.Key("entries");
  o.BeginArray();
  for (const auto& e : entries)
    TrailEntry(o, e.seq, e.at, e.actor_id, e.actor_name, e.credential, "operational_message", e.document_id, e.action,
               e.before_json, e.after_json, e.hash);
  o.EndArray();
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const rules::Rulebook& rulebook) { o.Raw(io::RulebookJson(rulebook)); }

void WriteJson(io::JsonWriter& o, const app::DueReport& report) { o.Raw(io::DueJson(report.lines)); }

void WriteJson(io::JsonWriter& o, const std::vector<app::CalendarTokenInfo>& tokens) {
  o.BeginObject();
  o.Key("items");
  o.BeginArray();
  for (const auto& t : tokens) {
    o.BeginObject();
    o.Field("scope", t.scope);
    o.Field("id", t.id);
    o.Field("issued_at", t.issued_at);
    o.EndObject();
  }
  o.EndArray();
  o.EndObject();
}

void WriteJson(io::JsonWriter& o, const app::MessageList& list) { o.Raw(io::MessagesJson(list.views)); }

}  // namespace ansvar::http
