// Calendar feeds (iCalendar, RFC 5545) of the annual cycle per person, administration and organization, behind
// secret tokens. A token is 32 random bytes (hex); the store keeps only its SHA-256, in a document of the collection
// "calendar_tokens" per scope ("person:p1"), so issuing, rotating and revoking are in the document trail. Issuing a
// new token for a scope replaces the old one: the old URL stops working at once (rotation).
#include <sodium.h>

#include <cctype>
#include <mutex>
#include <set>

#include "app/cycle_crypto.hpp"
#include "app/cycle_scope.hpp"
#include "app/cycle_service.hpp"
#include "app/decisions.hpp"
#include "app/store_errors.hpp"
#include "app/subject_path.hpp"
#include "io/icalendar.hpp"
#include "io/json_writer.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kCollection = "calendar_tokens";
constexpr size_t kTokenBytes = 32;

using internal::RandomHex;
using internal::Sha256Hex;

std::string NewToken() { return RandomHex(kTokenBytes); }

std::string DocumentId(const CalendarTarget& t) { return std::string(ToString(t.scope)) + ":" + t.id; }

// A string field of a token document, which this file writes canonically (io::JsonWriter, no escapes in these).
std::string Extract(const std::string& json, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\":\"";
  const auto at = json.find(needle);
  if (at == std::string::npos) return {};
  const auto begin = at + needle.size();
  const auto end = json.find('"', begin);
  return end == std::string::npos ? std::string() : json.substr(begin, end - begin);
}

std::string RoleLabel(const std::string& role, rules::Lang lang) {
  const bool sv = lang == rules::Lang::kSv;
  if (role == "dpo") return sv ? "dataskyddsombud" : "data protection officer";
  if (role == "controller") return sv ? "personuppgiftsansvarig nämnd" : "controller committee";
  if (auto r = model::ParseEnum<model::RoleKind>(role)) {
    std::string s(rules::Label(*r, lang));
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
  }
  return role;
}

std::string_view StateText(rules::DueState s) {
  switch (s) {
    case rules::DueState::kUpcoming:
      return "Kommande / Upcoming";
    case rules::DueState::kDue:
      return "Aktuell / Due";
    case rules::DueState::kOverdue:
      return "Försenad / Overdue";
    case rules::DueState::kDone:
      return "Klar / Done";
  }
  return "";
}

}  // namespace

Result<TaskList> CycleService::PersonTasks(const std::string& person, rules::Lang lang) const {
  return Decisions(s_).PersonTasks(person, lang);
}

std::vector<std::string> CycleService::PeopleWithEmail() const {
  const RegisterService::Reader rd(s_);
  std::vector<std::string> out;
  for (const auto& p : rd.reg().people)
    if (!p.email.empty()) out.push_back(p.id.str());
  return out;
}

std::string_view ToString(CalendarScope s) {
  switch (s) {
    case CalendarScope::kPerson:
      return "person";
    case CalendarScope::kAdministration:
      return "administration";
    case CalendarScope::kOrganization:
      return "organization";
  }
  return "person";
}

std::optional<CalendarScope> ParseCalendarScope(std::string_view s) {
  for (auto v : {CalendarScope::kPerson, CalendarScope::kAdministration, CalendarScope::kOrganization})
    if (ToString(v) == s) return v;
  return std::nullopt;
}

Result<IssuedToken> CycleService::IssueCalendarToken(const CalendarTarget& target, const Actor& actor) {
  {
    const RegisterService::Reader st(s_);
    const bool exists = target.scope == CalendarScope::kPerson ? st.Find<model::Person>(target.id) != nullptr
                        : target.scope == CalendarScope::kAdministration
                            ? st.Find<model::Administration>(target.id) != nullptr
                            : st.Find<model::Organization>(target.id) != nullptr;
    if (!exists)
      return NotFound(std::string(ToString(target.scope)) + " \"" + target.id + "\" finns inte / does not exist");
  }
  IssuedToken out{NewToken(), target, Now()};
  io::JsonWriter o(false);
  o.BeginObject();
  o.Field("scope", ToString(target.scope));
  o.Field("id", target.id);
  o.Field("token_hash", Sha256Hex(out.token));
  o.Field("issued_at", model::FormatTimestamp(out.issued_at));
  o.EndObject();
  const std::string id = DocumentId(target);
  try {
    auto& store = Store();
    const auto existing = store.GetDocument(std::string(kCollection), id);
    store.PutDocument(std::string(kCollection), id, o.Take(),
                      existing ? std::optional(existing->version) : std::nullopt, actor, out.issued_at);
  } catch (const store::ConflictError& e) {
    return Error{ErrorCode::kConflict,
                 "Konflikt / Conflict",
                 std::string("issued at the same time by someone else: ") + e.what(),
                 {}};
  } catch (const store::StoreError& e) {
    return Error{ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
  }
  return out;
}

Result<bool> CycleService::RevokeCalendarToken(const CalendarTarget& target, const Actor& actor) {
  try {
    auto& store = Store();
    const auto existing = store.GetDocument(std::string(kCollection), DocumentId(target));
    if (!existing) return NotFound("no calendar token for " + DocumentId(target));
    store.DeleteDocument(std::string(kCollection), DocumentId(target), existing->version, actor, Now());
  } catch (const store::ConflictError& e) {
    return Error{ErrorCode::kConflict, "Konflikt / Conflict", e.what(), {}};
  } catch (const store::StoreError& e) {
    return Error{ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
  }
  return true;
}

Result<std::vector<CalendarTokenInfo>> CycleService::ListCalendarTokens() const {
  std::vector<store::StoredDocument> docs;
  try {
    docs = Store().ListDocuments(std::string(kCollection));
  } catch (const store::StoreError& e) {
    if (!NotSupported(e))
      return Error{ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
  }
  std::vector<CalendarTokenInfo> out;
  out.reserve(docs.size());
  for (const auto& d : docs)
    out.push_back({Extract(d.json, "scope"), Extract(d.json, "id"), Extract(d.json, "issued_at")});
  return out;
}

Result<io::Calendar> CycleService::CalendarFeed(const std::string& token, const std::string& base_url) const {
  if (token.size() != kTokenBytes * 2) return NotFound("the calendar does not exist");
  const std::string hash = Sha256Hex(token);
  std::optional<CalendarTarget> target;
  try {
    for (const auto& d : Store().ListDocuments(std::string(kCollection))) {
      const std::string stored = Extract(d.json, "token_hash");
      if (stored.size() != hash.size() || sodium_memcmp(stored.data(), hash.data(), hash.size()) != 0) continue;
      const auto scope = ParseCalendarScope(Extract(d.json, "scope"));
      if (scope) target = CalendarTarget{*scope, Extract(d.json, "id")};
    }
  } catch (const store::StoreError& e) {
    if (!NotSupported(e))
      return Error{ErrorCode::kUnavailable, "Lagringen svarar inte / Storage unavailable", e.what(), {}};
  }
  if (!target) return NotFound("the calendar does not exist");

  // The year before, this year and the next: what a year view and a subscribed calendar show.
  const auto today = rules::StockholmDate(Now());
  DueQuery q;
  q.from = model::Date::FromYmd(today.year() - 1, 1, 1);
  q.to = model::Date::FromYmd(today.year() + 1, 12, 31);
  std::string name;
  {
    const RegisterService::Reader st(s_);
    switch (target->scope) {
      case CalendarScope::kPerson:
        q.person = target->id;
        if (const auto* p = st.Find<model::Person>(target->id)) name = p->name;
        break;
      case CalendarScope::kAdministration:
        q.administration = target->id;
        if (const auto* a = st.Find<model::Administration>(target->id)) name = a->name;
        break;
      case CalendarScope::kOrganization:
        q.organization = target->id;
        if (const auto* o = st.Find<model::Organization>(target->id)) name = o->name;
        break;
    }
  }
  if (name.empty()) return NotFound("the calendar's " + std::string(ToString(target->scope)) + " no longer exists");
  auto report = SelectDue(q);
  if (!report.ok()) return report.error();
  // A person's feed carries their task list too (PersonTasks: what the page "Mina uppgifter" and the digest show):
  // the acts waiting for them, the breach clocks and the measures they own, and not the due items those stand for.
  std::optional<TaskList> tasks;
  std::set<std::string> replaced;
  if (target->scope == CalendarScope::kPerson) {
    auto t = PersonTasks(target->id, rules::Lang::kSv);
    if (!t.ok()) return t.error();
    tasks = std::move(t.value());
    replaced.insert(tasks->replaced.begin(), tasks->replaced.end());
  }

  io::Calendar cal;
  cal.name = "Årshjul – " + name;
  cal.description = "Ansvar: det som förfaller enligt regelboken / what falls due under the rulebook";
  cal.stamp = report.value().now;
  const bool per_person = target->scope == CalendarScope::kPerson;
  for (const auto& l : report.value().lines) {
    const auto& it = l.item;
    if (replaced.contains(it.Key())) continue;
    io::CalendarEvent e;
    // Stable: the same obligation for the same person keeps its UID when dates, titles or states change.
    e.uid = io::CalendarUid(it.Key() + "/" + it.person.value_or(it.committee.value_or("-")));
    if (it.due_at)
      e.instant = *it.due_at;
    else
      e.date = it.due;
    std::string summary = l.title + " – " + l.subject_name;
    if (it.state == rules::DueState::kDone)
      summary = "✓ " + summary;
    else if (it.state == rules::DueState::kOverdue)
      summary = "Försenad: " + summary;
    if (!per_person) {
      const std::string who = !l.person_name.empty()      ? l.person_name
                              : !l.committee_name.empty() ? l.committee_name
                                                          : "";
      summary += " (" + (who.empty() ? RoleLabel(it.role, rules::Lang::kSv) : who) + ")";
    }
    e.summary = summary;
    const auto& info = rules::Info(it.rule);
    std::string desc = std::string(rules::Code(it.rule)) + ": " + std::string(info.title_sv) + "\n";
    desc += "Ansvarig / Responsible: " + (l.person_name.empty() ? std::string("–") : l.person_name) + " (" +
            RoleLabel(it.role, rules::Lang::kSv) + ")";
    if (!l.committee_name.empty()) desc += ", " + l.committee_name;
    desc += "\nLäge / State: " + std::string(StateText(it.state));
    if (it.done_on) desc += " " + model::FormatDate(*it.done_on);
    desc += "\nSista dag / Due: " + (it.due_at ? model::FormatTimestamp(*it.due_at) : model::FormatDate(it.due));
    desc += "\nKälla / Source: " + std::string(info.source);
    e.description = desc;
    e.categories = {std::string(rules::Code(it.rule)), std::string(rules::ToString(it.state))};
    if (!base_url.empty()) e.url = base_url + internal::SubjectPath(it.subject);
    cal.events.push_back(std::move(e));
  }
  if (tasks)
    for (const auto& t : tasks->items) {
      if (!CarriedBesideDueItems(t)) continue;
      io::CalendarEvent e;
      // A task that stands for a due item keeps its UID: a subscribed calendar sees the same event, now as the act.
      e.uid = io::CalendarUid((t.due_key.empty() ? "task/" + t.key : t.due_key) + "/" + target->id);
      // A clock is an instant; a task with a due date falls on it; one without (a decision, an approval waiting)
      // is on today's date until it is done.
      if (t.due_at)
        e.instant = *t.due_at;
      else
        e.date = t.due.value_or(today);
      e.summary = (t.state == "overdue" ? "Försenad: " : "") + t.title + " – " + t.subject_name;
      std::string desc = t.rule;
      if (const auto rule = rules::ParseRuleCode(t.rule)) desc += ": " + std::string(rules::Info(*rule).title_sv);
      desc += "\n";
      desc += "Läge / State: " + t.state;
      if (t.due)
        desc += "\nSista dag / Due: " + (t.due_at ? model::FormatTimestamp(*t.due_at) : model::FormatDate(*t.due));
      if (!t.act.empty()) desc += "\nI Ansvar / In Ansvar: " + t.act;
      e.description = desc;
      e.categories = {t.rule, t.kind};
      if (!base_url.empty()) e.url = base_url + t.link;
      cal.events.push_back(std::move(e));
    }
  return cal;
}

}  // namespace ansvar::app
