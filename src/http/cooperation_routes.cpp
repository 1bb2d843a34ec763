#include "http/cooperation_routes.hpp"

#include <charconv>
#include <memory>

#include "app/cooperation_service.hpp"
#include "auth/policy.hpp"
#include "http/access.hpp"
#include "http/problem.hpp"
#include "io/essence_text.hpp"
#include "io/json_writer.hpp"

namespace ansvar::http {
namespace {

rules::Lang LangOf(const Request& r) { return r.Query("lang") == "en" ? rules::Lang::kEn : rules::Lang::kSv; }

bool ParseVersion(std::string text, int64_t& out) {
  if (text.starts_with("W/")) text = text.substr(2);
  if (text.size() >= 2 && text.front() == '"' && text.back() == '"') text = text.substr(1, text.size() - 2);
  const auto* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end && !text.empty();
}

std::string Quoted(int64_t v) { return "\"" + std::to_string(v) + "\""; }

void OptDate(io::JsonWriter& o, std::string_view key, const std::optional<model::Date>& d) {
  o.Key(key);
  if (d)
    o.String(model::FormatDate(*d));
  else
    o.Null();
}

void Person(io::JsonWriter& o, std::string_view key, const std::optional<app::PersonRef>& p) {
  o.Key(key);
  if (!p) {
    o.Null();
    return;
  }
  o.BeginObject();
  o.Field("id", p->id);
  o.Field("name", p->name);
  o.Field("email", p->email);
  o.EndObject();
}

void Publication(io::JsonWriter& o, const std::optional<app::Publication>& p) {
  o.Key("publication");
  if (!p) {
    o.Null();
    return;
  }
  o.BeginObject();
  o.Field("published_at", model::FormatTimestamp(p->record.published_at));
  o.Field("published_by", p->record.published_by);
  o.Field("version", p->version);
  o.EndObject();
}

void Finding(io::JsonWriter& o, const app::FindingView& f) {
  o.BeginObject();
  o.Field("rule", rules::Code(f.finding.rule));
  o.Field("severity", rules::ToString(f.finding.severity));
  o.Key("subject");
  o.BeginObject();
  o.Field("type", rules::ToString(f.finding.subject.type));
  o.Field("id", f.finding.subject.id);
  o.Field("name", f.subject_name);
  o.EndObject();
  o.Field("message", f.message);
  o.Key("detail");
  o.BeginObject();
  for (const auto& [k, v] : f.finding.detail) {
    if (const auto* s = std::get_if<std::string>(&v))
      o.Field(k, *s);
    else if (const auto* i = std::get_if<int64_t>(&v))
      o.Field(k, *i);
    else
      o.Field(k, std::get<std::vector<std::string>>(v));
  }
  o.EndObject();
  o.EndObject();
}

std::optional<auth::Principal> PrincipalOf(const Request& r, const app::Accounts& accounts) {
  const auto a = accounts.Get(r.account_id);
  if (!a.ok()) return std::nullopt;
  const auto& x = a.value();
  return auth::Principal{x.id, x.role, x.administration, x.person};
}

std::string RulebookPageJson(const app::RulebookView& v, bool may_edit) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Key("organization");
  if (v.organization.empty()) {
    o.Null();
  } else {
    o.BeginObject();
    o.Field("id", v.organization);
    o.Field("name", v.organization_name);
    o.Field("version", v.version);
    o.EndObject();
  }
  o.Key("organizations");
  o.BeginArray();
  for (const auto& x : v.organizations) {
    o.BeginObject();
    o.Field("id", x.id);
    o.Field("name", x.name);
    o.Field("kind", x.kind);
    o.Field("has_overrides", x.has_overrides);
    o.EndObject();
  }
  o.EndArray();
  o.Key("settings");
  o.BeginArray();
  for (const auto& s : v.settings) {
    o.BeginObject();
    o.Field("path", s.path);
    // Where the page shows it: the top-level numbers and lists, a category's tables, a rule's switch and severity.
    o.Field("group", s.path.size() > 1 ? s.path[0] : std::string("general"));
    if (s.path.size() > 1 && s.path[0] == "rules")
      if (const auto id = rules::ParseRuleCode(s.path[1])) {
        o.Field("title_sv", rules::Info(*id).title_sv);
        o.Field("title_en", rules::Info(*id).title_en);
      }
    o.Key("value");
    o.Raw(s.value);
    o.Field("source", io::ToString(s.source));
    o.Key("inherited");
    o.Raw(s.inherited);
    o.EndObject();
  }
  o.EndArray();
  o.Key("may");
  o.BeginObject();
  o.Field("edit", may_edit && !v.organization.empty());
  o.EndObject();
  o.EndObject();
  return o.Take();
}

std::string CooperationPageJson(const app::CooperationView& v, bool may_edit, bool may_publish) {
  const auto& c = v.cooperation;
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("id", c.id.str());
  o.Field("name", c.name);
  o.Field("form", model::ToString(c.form));
  o.Field("version", v.version);
  o.Field("today", model::FormatDate(v.today));
  o.Field("review_months", v.review_months);
  o.Key("lead");
  if (c.lead) {
    o.BeginObject();
    o.Field("id", c.lead->str());
    o.Field("name", v.lead_name);
    o.EndObject();
  } else {
    o.Null();
  }
  Person(o, "coordinator", v.coordinator);
  o.Key("parties");
  o.BeginArray();
  for (const auto& p : v.parties) {
    o.BeginObject();
    o.Field("organization", p.organization);
    o.Field("organization_name", p.organization_name);
    o.Field("committee", p.committee);
    o.Field("committee_name", p.committee_name);
    OptDate(o, "joined_on", p.joined_on);
    o.Field("decision", p.decision);
    o.Field("status", app::ToString(p.status));
    o.Field("rules", p.rules);
    o.EndObject();
  }
  o.EndArray();
  o.Key("duties");
  o.BeginArray();
  for (const auto& d : v.duties) {
    o.BeginObject();
    o.Field("duty", d.duty);
    o.Field("assigned", d.assigned);
    o.Field("required", d.required);
    o.Field("finding", d.finding);
    o.EndObject();
  }
  o.EndArray();
  o.Key("documents");
  o.BeginArray();
  for (const auto& d : v.documents) {
    o.BeginObject();
    o.Field("kind", model::ToString(d.document.kind));
    OptDate(o, "signed_on", d.document.signed_on);
    OptDate(o, "done_on", d.document.done_on);
    OptDate(o, "published_on", d.document.published_on);
    o.Key("diary_number");
    if (d.document.diary_number)
      o.String(*d.document.diary_number);
    else
      o.Null();
    o.Field("dpia", d.document.dpia);
    o.Field("dpo_consulted", d.document.dpo_consulted);
    o.Field("required", d.required);
    OptDate(o, "next_due", d.next_due);
    o.Field("state", app::ToString(d.state));
    o.EndObject();
  }
  o.EndArray();
  o.Key("cycle");
  o.BeginArray();
  for (const auto& x : v.cycle) {
    o.BeginObject();
    o.Field("what", x.what);
    o.Field("kind", x.kind);
    OptDate(o, "last", x.last);
    OptDate(o, "due", x.due);
    o.Field("state", app::ToString(x.state));
    o.EndObject();
  }
  o.EndArray();
  o.Key("systems");
  o.BeginArray();
  for (const auto& s : v.systems) {
    o.BeginObject();
    o.Field("id", s.id);
    o.Field("name", s.name);
    o.Field("category", s.category);
    o.Field("lifecycle", s.lifecycle);
    o.EndObject();
  }
  o.EndArray();
  o.Key("groups");
  o.BeginArray();
  for (const auto& g : v.groups) {
    o.BeginObject();
    o.Field("kind", model::ToString(g.kind));
    o.Field("name", g.name);
    o.Key("members");
    o.BeginArray();
    for (const auto& [id, name] : g.members) {
      o.BeginObject();
      o.Field("id", id);
      o.Field("name", name);
      o.EndObject();
    }
    o.EndArray();
    o.EndObject();
  }
  o.EndArray();
  o.Field("consulted", v.consulted);
  o.Field("stakeholders_missing", v.stakeholders_missing);
  OptDate(o, "management_review_on", c.management_review_on);
  o.Key("findings");
  o.BeginArray();
  for (const auto& f : v.findings) Finding(o, f);
  o.EndArray();
  Publication(o, v.publication);
  o.Key("may");
  o.BeginObject();
  o.Field("edit", may_edit);
  o.Field("publish", may_publish);
  o.EndObject();
  o.EndObject();
  return o.Take();
}

std::string EssenceJson(const app::EssenceView& e, rules::Lang lang) {
  const auto w = [&](std::string_view key) { return io::EssenceText(key, lang); };
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("id", e.id);
  o.Field("name", e.name);
  o.Field("lang", lang == rules::Lang::kEn ? "en" : "sv");
  o.Key("texts");
  o.BeginObject();
  for (const char* k : {"title", "intro", "rights", "parties", "contact", "contact_intro", "duties", "systems",
                        "arrangement", "published", "party", "committee", "duty", "responsible", "email"})
    o.Field(k, w(k));
  o.EndObject();
  o.Key("parties");
  o.BeginArray();
  for (const auto& [org, committee] : e.parties) {
    o.BeginObject();
    o.Field("organization", org);
    o.Field("committee", committee);
    o.EndObject();
  }
  o.EndArray();
  o.Field("contact_party", e.contact_party);
  Person(o, "contact_person", e.contact_person);
  o.Key("duties");
  o.BeginArray();
  for (const auto& [duty, party] : e.duties) {
    o.BeginObject();
    o.Field("duty", duty);
    o.Field("text", io::DutyForSubject(duty, lang));
    o.Field("responsible", io::PartyWord(party, lang));
    o.EndObject();
  }
  o.EndArray();
  o.Field("systems", e.systems);
  OptDate(o, "arrangement_signed_on", e.arrangement_signed_on);
  o.Field("published_at", model::FormatTimestamp(e.published_at));
  o.EndObject();
  return o.Take();
}

std::string PublicationJson(const app::Publication& p) {
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("cooperation", p.record.cooperation);
  o.Field("published_at", model::FormatTimestamp(p.record.published_at));
  o.Field("published_by", p.record.published_by);
  o.Field("version", p.version);
  o.EndObject();
  return o.Take();
}

}  // namespace

void AddCooperationRoutes(Router& router, app::RegisterService& service, app::Accounts& accounts) {
  auto coop = std::make_shared<app::CooperationService>(service);
  router.Add({"GET",
              "/api/v1/pages/rulebook",
              "Page: an organization's effective rulebook, each setting with its value, its source (default, file, "
              "register, organization) and what it falls back to; the organizations to choose from",
              "pages",
              {"organization"},
              "",
              "",
              200,
              [coop, &accounts](Request& r) {
                auto view = coop->Rulebook(r.Query("organization"));
                if (!view.ok()) return Problem(view.error(), r.path);
                const auto who = PrincipalOf(r, accounts);
                const bool may_edit = who && auth::MayWriteKind(who->role, app::Kind::kOrganization);
                return Json(RulebookPageJson(view.value(), may_edit));
              }});
  router.Add({"GET",
              "/api/v1/pages/cooperations",
              "Page: the cooperations with their lead, parties, systems, findings by severity and whether the essence "
              "is published",
              "pages",
              {},
              "",
              "",
              200,
              [coop](Request& r) {
                auto list = coop->List();
                if (!list.ok()) return Problem(list.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("items");
                o.BeginArray();
                for (const auto& x : list.value()) {
                  o.BeginObject();
                  o.Field("id", x.id);
                  o.Field("name", x.name);
                  o.Field("form", model::ToString(x.form));
                  o.Field("lead", x.lead);
                  o.Field("lead_name", x.lead_name);
                  o.Field("parties", static_cast<int64_t>(x.parties));
                  o.Field("systems", static_cast<int64_t>(x.systems));
                  o.Key("findings");
                  o.BeginObject();
                  o.Field("error", static_cast<int64_t>(x.errors));
                  o.Field("warning", static_cast<int64_t>(x.warnings));
                  o.Field("info", static_cast<int64_t>(x.infos));
                  o.EndObject();
                  o.Field("published", x.published);
                  o.EndObject();
                }
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add({"GET",
              "/api/v1/pages/cooperations/{id}",
              "Page: a cooperation with its parties' status, the responsibility matrix (duty × party), documents and "
              "their renewals, findings, annual cycle (PDCA review), shared systems and the essence's publication",
              "pages",
              {"lang"},
              "",
              "",
              200,
              [coop, &accounts](Request& r) {
                auto view = coop->Get(r.params.at("id"), LangOf(r));
                if (!view.ok()) return Problem(view.error(), r.path);
                const auto who = PrincipalOf(r, accounts);
                const bool may_edit = who && auth::MayWriteKind(who->role, app::Kind::kCooperation);
                const bool may_publish = who && who->role == auth::Role::kAdmin;
                Response resp = Json(CooperationPageJson(view.value(), may_edit, may_publish));
                resp.headers.push_back({"ETag", Quoted(view.value().version)});
                return resp;
              }});
  router.Add({"PUT",
              "/api/v1/cooperations/{id}/publication",
              "Publish the essence of the cooperation's arrangement (art. 26.2) for reading without signing in (admin; "
              "If-Match to publish again)",
              "cooperations",
              {},
              "",
              "",
              200,
              [coop](Request& r) {
                std::optional<int64_t> if_match;
                if (const auto h = r.Header("if-match"); !h.empty()) {
                  int64_t v = 0;
                  if (!ParseVersion(h, v))
                    return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave",
                                   r.path);
                  if_match = v;
                }
                auto p = coop->Publish(r.params.at("id"), if_match, ActorOf(r));
                if (!p.ok()) return Problem(p.error(), r.path);
                Response resp = Json(PublicationJson(p.value()));
                resp.headers.push_back({"ETag", Quoted(p.value().version)});
                return resp;
              }});
  router.Add({"GET",
              "/api/v1/cooperations/{id}/publication",
              "Whether the essence of the cooperation is published, since when and by whom (404: not published)",
              "cooperations",
              {},
              "",
              "",
              200,
              [coop](Request& r) {
                auto p = coop->GetPublication(r.params.at("id"));
                if (!p.ok()) return Problem(p.error(), r.path);
                if (!p.value())
                  return Problem(404, "Finns inte / Not found",
                                 "sammanfattningen är inte publicerad: publiceringen finns inte / the essence is not "
                                 "published: the publication does not exist",
                                 r.path);
                Response resp = Json(PublicationJson(*p.value()));
                resp.headers.push_back({"ETag", Quoted(p.value()->version)});
                return resp;
              }});
  router.Add({"GET",
              "/api/v1/cooperations/{id}/publication/history",
              "Who published the essence or took it down, and when (the store's document trail), newest first",
              "cooperations",
              {},
              "",
              "",
              200,
              [coop](Request& r) {
                auto entries = coop->PublicationHistory(r.params.at("id"));
                if (!entries.ok()) return Problem(entries.error(), r.path);
                io::JsonWriter o(false);
                o.BeginObject();
                o.Key("entries");
                o.BeginArray();
                for (const auto& e : entries.value()) {
                  o.BeginObject();
                  o.Field("seq", e.seq);
                  o.Field("at", model::FormatTimestamp(e.at));
                  o.Key("actor");
                  o.BeginObject();
                  o.Field("id", e.actor_id);
                  o.Field("name", e.actor_name);
                  o.EndObject();
                  o.Field("action", e.action);
                  o.Key("before");
                  e.before_json.empty() ? o.Null() : o.Raw(e.before_json);
                  o.Key("after");
                  e.after_json.empty() ? o.Null() : o.Raw(e.after_json);
                  o.Field("hash", e.hash);
                  o.EndObject();
                }
                o.EndArray();
                o.EndObject();
                return Json(o.Take());
              }});
  router.Add({"DELETE",
              "/api/v1/cooperations/{id}/publication",
              "Take the essence down: the public page and PDF answer 404 afterwards (admin; If-Match required)",
              "cooperations",
              {},
              "",
              "",
              204,
              [coop](Request& r) {
                int64_t version = 0;
                const auto h = r.Header("if-match");
                if (h.empty())
                  return Problem(app::Error{app::ErrorCode::kPreconditionRequired,
                                            "If-Match krävs / If-Match required",
                                            "send If-Match with the ETag of the publication",
                                            {}},
                                 r.path);
                if (!ParseVersion(h, version))
                  return Problem(400, "Felaktig If-Match / Bad If-Match", "If-Match must be an ETag this server gave",
                                 r.path);
                auto done = coop->Unpublish(r.params.at("id"), version, ActorOf(r));
                if (!done.ok()) return Problem(done.error(), r.path);
                return Response{204, "application/json", "", {}};
              }});
  router.Add({"GET",
              "/api/v1/public/cooperations/{id}/essence",
              "Public, without signing in: the essence of the arrangement for the data subjects (art. 26.2) in plain "
              "Swedish or English (lang); 404 unless an admin published it",
              "public",
              {"lang"},
              "",
              "",
              200,
              [coop](Request& r) {
                const auto lang = LangOf(r);
                auto e = coop->Essence(r.params.at("id"), true);
                if (!e.ok()) return Problem(e.error(), r.path);
                Response resp = Json(EssenceJson(e.value(), lang));
                resp.headers.push_back({"Cache-Control", "no-cache"});
                return resp;
              }});
  router.Add({"GET",
              "/api/v1/public/cooperations/{id}/essence.pdf",
              "Public, without signing in: the essence as a printable PDF (lang sv or en); 404 unless published",
              "public",
              {"lang"},
              "",
              "",
              200,
              [coop](Request& r) {
                const auto lang = LangOf(r);
                auto pdf = coop->EssencePdf(r.params.at("id"), lang);
                if (!pdf.ok()) return Problem(pdf.error(), r.path);
                auto& file = pdf.value();
                Response resp{200, file.content_type, std::move(file.bytes), {}};
                resp.headers.push_back({"Content-Disposition", "inline; filename=\"" + file.file_name + "\""});
                resp.headers.push_back({"Cache-Control", "no-cache"});
                return resp;
              }});
}

}  // namespace ansvar::http
