// Operational messages (driftinformation, model.md §7): CRUD over the store's "operational_messages" documents,
// every change in the store's document trail; the published ones as an Atom feed; R-MSG-STALE merged into the
// findings. The service keeps created_at, updated_at, resolved_at (when the status became resolved) and
// taken_down_at (when someone took it down: "taken_down": true).
#include <algorithm>
#include <mutex>

#include "app/cycle_scope.hpp"
#include "app/cycle_service.hpp"
#include "app/store_errors.hpp"
#include "io/atom.hpp"
#include "io/json_writer.hpp"

namespace ansvar::app {
namespace {

constexpr std::string_view kCollection = "operational_messages";

bool Has(const io::MessageRead& r, std::string_view key) {
  return std::find(r.present.begin(), r.present.end(), key) != r.present.end();
}

struct Loaded {
  rules::OperationalMessage message;
  int64_t version = 0;
};

std::vector<Loaded> Load(store::Beside& store) {
  std::vector<Loaded> out;
  std::vector<store::StoredDocument> docs;
  try {
    docs = store.ListDocuments(std::string(kCollection));
  } catch (const store::StoreError& e) {
    if (NotSupported(e)) return out;
    throw;
  }
  for (const auto& d : docs) {
    auto r = io::ReadMessage(d.json);
    if (!r.problems.empty())
      throw store::StoreError("operational message \"" + d.id + "\" is unreadable: " + r.problems[0].message);
    out.push_back({std::move(r.value), d.version});
  }
  return out;
}

}  // namespace

std::vector<rules::OperationalMessage> CycleService::LoadMessages() const {
  std::vector<rules::OperationalMessage> out;
  for (auto& l : Load(Store())) out.push_back(std::move(l.message));
  return out;
}

void CycleService::ForgetFindings() const { s_.ForgetFindings(); }

void CycleService::AddMessageFindings(store::Beside& store, const rules::Rulebook& rulebook, model::Timestamp as_of,
                                      rules::Evaluation& evaluation) {
  std::vector<rules::OperationalMessage> messages;
  try {
    for (auto& l : Load(store)) messages.push_back(std::move(l.message));
  } catch (const store::StoreError&) {
    return;  // a backend without messages (or an unreadable one): the register's findings stand alone
  }
  // Origin 0: neither family made them, so that an evaluation taken up after a write (rules::Reevaluate) drops
  // them and they are made again here.
  rules::Merge(evaluation, rules::StaleMessageFindings(messages, rulebook, as_of));
}

namespace {

// What a client sent, checked against the register (under the service's lock): problems name the fields.
std::vector<model::Problem> Check(const io::MessageRead& r, const model::Lookup& lookup) {
  std::vector<model::Problem> p = r.problems;
  if (!p.empty()) return p;
  for (const char* key : {"type", "status", "title", "system"})
    if (!Has(r, key)) p.push_back({std::string("$.") + key, "missing required field"});
  const auto& m = r.value;
  if (Has(r, "title") &&
      std::all_of(m.title.begin(), m.title.end(), [](unsigned char c) { return std::isspace(c) != 0; }))
    p.push_back({"$.title", "must not be empty"});
  if (Has(r, "system") && !lookup.Has(model::Collection::kSystem, m.system))
    p.push_back({"$.system", "system \"" + m.system + "\" does not exist"});
  for (size_t i = 0; i < m.administrations.size(); ++i)
    if (!lookup.Has(model::Collection::kAdministration, m.administrations[i]))
      p.push_back({"$.administrations[" + std::to_string(i) + "]",
                   "administration \"" + m.administrations[i] + "\" does not exist"});
  if (m.valid_to && Has(r, "valid_from") && *m.valid_to < m.valid_from)
    p.push_back({"$.valid_to", "must not be before valid_from"});
  if (m.title.size() > 300) p.push_back({"$.title", "at most 300 characters"});
  if (m.body.size() > 20000) p.push_back({"$.body", "at most 20000 characters"});
  return p;
}

io::MessageView View(const rules::OperationalMessage& m, const rules::RegisterIndex& index, const rules::Rulebook& rb,
                     model::Timestamp now) {
  io::MessageView v;
  v.message = &m;
  v.targets = rules::TargetAdministrations(m, index);
  v.published = rules::IsPublished(m, rb, now);
  v.stale = rules::IsStale(m, rb, now);
  if (const auto* s = index.FindSystem(m.system)) v.system_name = s->name;
  return v;
}

bool Selected(const io::MessageView& v, const MessageQuery& q) {
  if (q.published_only && !v.published) return false;
  if (!q.system.empty() && v.message->system != q.system) return false;
  if (!q.administration.empty() && std::find(v.targets.begin(), v.targets.end(), q.administration) == v.targets.end())
    return false;
  return true;
}

// High priority first, then crisis before information, then the newest.
bool Order(const rules::OperationalMessage& a, const rules::OperationalMessage& b) {
  if (a.priority != b.priority) return a.priority < b.priority;
  if (a.type != b.type) return a.type < b.type;
  if (a.updated_at != b.updated_at) return a.updated_at > b.updated_at;
  return a.id < b.id;
}

}  // namespace

Result<MessageList> CycleService::ListMessages(const MessageQuery& q) const {
  MessageList out;
  try {
    out.messages = LoadMessages();
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
  std::sort(out.messages.begin(), out.messages.end(), Order);
  const RegisterService::Reader rd(s_);
  const auto now = Now();
  for (const auto& m : out.messages) {
    auto v = View(m, rd.index(), rd.rulebook(), now);
    if (Selected(v, q)) out.views.push_back(std::move(v));
  }
  return out;
}

Result<Versioned> CycleService::GetMessage(const std::string& id) const {
  std::optional<store::StoredDocument> doc;
  try {
    doc = Store().GetDocument(std::string(kCollection), id);
  } catch (const store::StoreError& e) {
    if (!NotSupported(e)) return Unavailable(e);
  }
  if (!doc) return NotFound("message \"" + id + "\" finns inte / does not exist");
  const auto m = io::ReadMessage(doc->json).value;
  const RegisterService::Reader rd(s_);
  return Versioned{io::MessageJson(View(m, rd.index(), rd.rulebook(), Now())), doc->version, m.id};
}

Result<Versioned> CycleService::CreateMessage(std::string_view body, const Actor& actor) {
  auto r = io::ReadMessage(body);
  {
    if (auto problems = Check(r, RegisterService::Reader(s_).lookup()); !problems.empty())
      return Invalid("the message is not valid", std::move(problems));
  }
  auto& m = r.value;
  const auto now = Now();
  m.created_at = m.updated_at = now;
  if (!Has(r, "valid_from")) m.valid_from = now;
  if (!Has(r, "priority")) m.priority = rules::MessagePriority::kNormal;
  m.resolved_at = m.status == rules::MessageStatus::kResolved ? std::optional(now) : std::nullopt;
  m.taken_down_at = r.taken_down.value_or(false) ? std::optional(now) : std::nullopt;
  const bool own_id = !m.id.empty();
  try {
    for (int attempt = 0;; ++attempt) {
      if (!own_id) {
        // The next free "msg-N": a concurrent create may take the same number, so a conflict tries the next.
        int64_t n = 0;
        for (const auto& doc : Store().ListDocuments(std::string(kCollection)))
          if (doc.id.starts_with("msg-")) n = std::max<int64_t>(n, std::atoll(doc.id.c_str() + 4));
        m.id = "msg-" + std::to_string(n + 1);
      }
      try {
        const auto version =
            Store().PutDocument(std::string(kCollection), m.id, io::WriteStoredMessage(m), std::nullopt, actor, now);
        ForgetFindings();
        const RegisterService::Reader rd(s_);
        return Versioned{io::MessageJson(View(m, rd.index(), rd.rulebook(), now)), version, m.id};
      } catch (const store::ConflictError& e) {
        if (own_id || attempt >= 5) return FromConflict(e);
      }
    }
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
}

Result<Versioned> CycleService::ReplaceMessage(const std::string& id, std::string_view body, int64_t if_match,
                                               const Actor& actor) {
  auto r = io::ReadMessage(body);
  {
    if (auto problems = Check(r, RegisterService::Reader(s_).lookup()); !problems.empty())
      return Invalid("the message is not valid", std::move(problems));
  }
  if (!r.value.id.empty() && r.value.id != id)
    return Invalid("the id cannot change", {{"$.id", "must be \"" + id + "\""}});
  try {
    const auto stored = Store().GetDocument(std::string(kCollection), id);
    if (!stored) return NotFound("message \"" + id + "\" finns inte / does not exist");
    if (stored->version != if_match)
      return Error{ErrorCode::kPreconditionFailed,
                   "Ändrad av någon annan / Changed by someone else",
                   "message \"" + id + "\" is at version " + std::to_string(stored->version),
                   {}};
    const auto old = io::ReadMessage(stored->json).value;
    auto& m = r.value;
    const auto now = Now();
    m.id = id;
    m.created_at = old.created_at;
    m.updated_at = now;
    if (!Has(r, "valid_from")) m.valid_from = old.valid_from;
    if (!Has(r, "priority")) m.priority = old.priority;
    if (m.status != rules::MessageStatus::kResolved)
      m.resolved_at.reset();
    else
      m.resolved_at =
          old.status == rules::MessageStatus::kResolved && old.resolved_at ? old.resolved_at : std::optional(now);
    if (!r.taken_down)
      m.taken_down_at = old.taken_down_at;
    else
      m.taken_down_at = *r.taken_down ? (old.taken_down_at ? old.taken_down_at : std::optional(now)) : std::nullopt;
    const auto version =
        Store().PutDocument(std::string(kCollection), id, io::WriteStoredMessage(m), if_match, actor, now);
    ForgetFindings();
    const RegisterService::Reader rd(s_);
    return Versioned{io::MessageJson(View(m, rd.index(), rd.rulebook(), now)), version, m.id};
  } catch (const store::ConflictError& e) {
    return FromConflict(e);
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
}

Result<int64_t> CycleService::DeleteMessage(const std::string& id, int64_t if_match, const Actor& actor) {
  try {
    const auto stored = Store().GetDocument(std::string(kCollection), id);
    if (!stored) return NotFound("message \"" + id + "\" finns inte / does not exist");
    if (stored->version != if_match)
      return Error{ErrorCode::kPreconditionFailed,
                   "Ändrad av någon annan / Changed by someone else",
                   "message \"" + id + "\" is at version " + std::to_string(stored->version),
                   {}};
    Store().DeleteDocument(std::string(kCollection), id, if_match, actor, Now());
    ForgetFindings();
    return stored->version;
  } catch (const store::ConflictError& e) {
    return FromConflict(e);
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
}

Result<std::vector<store::DocumentAuditEntry>> CycleService::MessageHistory(const std::string& id) const {
  try {
    return Store().ReadDocumentAudit(std::string(kCollection), id, 1000);
  } catch (const store::StoreError& e) {
    if (!NotSupported(e)) return Unavailable(e);
  }
  return std::vector<store::DocumentAuditEntry>{};
}

Result<io::AtomFeed> CycleService::MessagesAtom(const MessageQuery& query, const std::string& base_url) const {
  std::vector<rules::OperationalMessage> messages;
  try {
    messages = LoadMessages();
  } catch (const store::StoreError& e) {
    return Unavailable(e);
  }
  std::sort(messages.begin(), messages.end(), Order);
  MessageQuery q = query;
  q.published_only = true;
  const auto now = Now();
  io::AtomFeed feed;
  feed.id = "urn:ansvar:messages" + (q.administration.empty() ? std::string() : ":" + q.administration);
  feed.title = "Driftinformation / Operational messages";
  feed.self_link =
      base_url + "/api/v1/messages.atom" + (q.administration.empty() ? "" : "?administration=" + q.administration);
  feed.alternate_link = base_url + "/messages";
  feed.updated = model::Timestamp::FromSeconds(0);
  const RegisterService::Reader rd(s_);
  for (const auto& m : messages) {
    const auto v = View(m, rd.index(), rd.rulebook(), now);
    if (!Selected(v, q)) continue;
    io::AtomEntry e;
    e.id = "urn:ansvar:message:" + m.id;
    const std::string system = v.system_name.empty() ? m.system : v.system_name;
    e.title = std::string(rules::StatusText(m.status, rules::Lang::kSv)) + ": " + m.title + " (" + system + ")";
    e.summary = std::string(m.type == rules::MessageType::kCrisis ? "Kris" : "Information") + ", " +
                (m.priority == rules::MessagePriority::kHigh ? "hög prioritet" : "normal prioritet") + " – " + system;
    e.content = m.body.empty() ? m.title : m.body;
    e.link = base_url + "/messages#" + m.id;
    e.published = m.valid_from;
    e.updated = m.updated_at;
    e.categories = {{"urn:ansvar:message:type", std::string(rules::ToString(m.type))},
                    {"urn:ansvar:message:priority", std::string(rules::ToString(m.priority))},
                    {"urn:ansvar:message:status", std::string(rules::ToString(m.status))},
                    {"urn:ansvar:message:colour", std::string(rules::Colour(m.status))}};
    for (const auto& a : v.targets) e.categories.push_back({"urn:ansvar:administration", a});
    feed.updated = std::max(feed.updated, m.updated_at);
    feed.entries.push_back(std::move(e));
  }
  if (feed.entries.empty()) feed.updated = now;
  return feed;
}

}  // namespace ansvar::app
