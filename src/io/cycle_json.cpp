#include "io/cycle_json.hpp"

#include "io/internal/json_in.hpp"
#include "io/internal/json_out.hpp"
#include "rules/messages.hpp"

namespace ansvar::io {
namespace {

using internal::JsonIn;
using internal::JsonOut;
namespace od = simdjson::ondemand;

void DueItemJson(JsonOut& o, const DueLine& l) {
  const auto& it = l.item;
  o.BeginObject();
  o.Field("rule", rules::Code(it.rule));
  o.Field("severity", rules::ToString(it.severity));
  o.Key("subject");
  o.BeginObject();
  o.Field("type", rules::ToString(it.subject.type));
  o.Field("id", it.subject.id);
  o.Field("name", l.subject_name);
  o.EndObject();
  o.Field("title", l.title);
  o.Field("due", model::FormatDate(it.due));
  if (it.due_at) o.Field("due_at", model::FormatTimestamp(*it.due_at));
  o.Field("state", rules::ToString(it.state));
  o.Key("done_on");
  if (it.done_on)
    o.String(model::FormatDate(*it.done_on));
  else
    o.Null();
  o.Key("person");
  if (it.person) {
    o.BeginObject();
    o.Field("id", *it.person);
    o.Field("name", l.person_name.empty() ? *it.person : l.person_name);
    o.EndObject();
  } else {
    o.Null();
  }
  o.Field("role", it.role);
  o.Key("committee");
  if (it.committee) {
    o.BeginObject();
    o.Field("id", *it.committee);
    o.Field("name", l.committee_name.empty() ? *it.committee : l.committee_name);
    o.EndObject();
  } else {
    o.Null();
  }
  o.Field("action", rules::ToString(it.action));
  o.Field("year", it.year);
  o.Field("key", it.Key());
  o.EndObject();
}

template <class E>
void ReadEnum(JsonIn& in, od::value v, E& out, std::optional<E> (*parse)(std::string_view), std::string_view names) {
  const auto s = in.String(v, false);
  if (!s) return;
  if (auto e = parse(*s))
    out = *e;
  else
    in.Error("unknown value \"" + std::string(*s) + "\" (expected " + std::string(names) + ")");
}

void WriteOptionalTime(JsonOut& o, std::string_view key, const std::optional<model::Timestamp>& t) {
  o.Key(key);
  if (t)
    o.String(model::FormatTimestamp(*t));
  else
    o.Null();
}

void MessageFields(JsonOut& o, const rules::OperationalMessage& m) {
  o.Field("id", m.id);
  o.Field("type", rules::ToString(m.type));
  o.Field("priority", rules::ToString(m.priority));
  o.Field("status", rules::ToString(m.status));
  o.Field("title", m.title);
  o.Field("body", m.body);
  o.Field("system", m.system);
  o.Field("administrations", m.administrations);
  o.Field("valid_from", model::FormatTimestamp(m.valid_from));
  WriteOptionalTime(o, "valid_to", m.valid_to);
  WriteOptionalTime(o, "resolved_at", m.resolved_at);
  WriteOptionalTime(o, "taken_down_at", m.taken_down_at);
  o.Field("created_at", model::FormatTimestamp(m.created_at));
  o.Field("updated_at", model::FormatTimestamp(m.updated_at));
}

}  // namespace

std::vector<DueLine> DueLines(const std::vector<rules::DueItem>& items, const rules::RegisterIndex& index,
                              rules::Lang lang) {
  std::vector<DueLine> out;
  out.reserve(items.size());
  for (const auto& it : items) {
    DueLine l{it, rules::DueTitle(it, index, lang), rules::SubjectName(it.subject, index), "", "", ""};
    if (it.person) {
      if (const auto* p = index.FindPerson(*it.person)) l.person_name = p->name, l.person_email = p->email;
    }
    if (it.committee) {
      if (const auto* c = index.FindCommittee(*it.committee)) l.committee_name = c->name;
    }
    out.push_back(std::move(l));
  }
  return out;
}

std::string DueJson(const std::vector<DueLine>& lines) {
  JsonOut o(false);
  o.BeginObject();
  o.Key("items");
  o.BeginArray();
  for (const auto& l : lines) DueItemJson(o, l);
  o.EndArray();
  o.Field("total", static_cast<int64_t>(lines.size()));
  o.EndObject();
  return o.Take();
}

MessageRead ReadMessage(std::string_view json, const std::string& root) {
  MessageRead r;
  const simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  od::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v))) {
    r.problems.push_back(model::SyntaxProblem(root, std::string("not a JSON document: ") + simdjson::error_message(e)));
    return r;
  }
  JsonIn in(root);
  auto& m = r.value;
  in.Object(v, [&](std::string_view k, od::value f) {
    r.present.emplace_back(k);
    if (k == "id")
      in.Get(f, m.id);
    else if (k == "type")
      ReadEnum(in, f, m.type, rules::ParseMessageType, "crisis or information");
    else if (k == "priority")
      ReadEnum(in, f, m.priority, rules::ParseMessagePriority, "high or normal");
    else if (k == "status")
      ReadEnum(in, f, m.status, rules::ParseMessageStatus, "major_impact, limited_impact or resolved");
    else if (k == "title")
      in.Get(f, m.title);
    else if (k == "body")
      in.Get(f, m.body);
    else if (k == "system")
      in.Get(f, m.system);
    else if (k == "administrations")
      in.Get(f, m.administrations);
    else if (k == "valid_from")
      in.Get(f, m.valid_from);
    else if (k == "valid_to")
      in.Get(f, m.valid_to);
    else if (k == "resolved_at")
      in.Get(f, m.resolved_at);
    else if (k == "taken_down_at")
      in.Get(f, m.taken_down_at);
    else if (k == "created_at")
      in.Get(f, m.created_at);
    else if (k == "updated_at")
      in.Get(f, m.updated_at);
    else if (k == "taken_down") {
      bool b = false;
      in.Get(f, b);
      r.taken_down = b;
    }
  });
  if (!in.fatal() && internal::HasTrailingContent(doc))
    in.SyntaxErrorAt(root, "invalid JSON: content after the end of the document");
  r.problems = in.TakeProblems();
  return r;
}

TokenRequest ReadTokenRequest(std::string_view json) {
  TokenRequest r;
  const simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  od::value v;
  if (auto e = parser.iterate(padded).get(doc); e != simdjson::SUCCESS || (e = doc.get_value().get(v))) {
    r.problems.push_back(model::SyntaxProblem("$", std::string("not a JSON document: ") + simdjson::error_message(e)));
    return r;
  }
  JsonIn in("$");
  in.Object(v,
            [&](std::string_view k, od::value f) {
              if (k == "scope")
                in.Get(f, r.scope);
              else if (k == "id")
                in.Get(f, r.id);
            },
            {"scope", "id"});
  r.problems = in.TakeProblems();
  return r;
}

std::string WriteStoredMessage(const rules::OperationalMessage& m) {
  JsonOut o(false);
  o.BeginObject();
  MessageFields(o, m);
  o.EndObject();
  return o.Take();
}

namespace {
void MessageViewJson(JsonOut& o, const MessageView& v) {
  const auto& m = *v.message;
  o.BeginObject();
  MessageFields(o, m);
  o.Field("system_name", v.system_name.empty() ? m.system : v.system_name);
  o.Field("colour", rules::Colour(m.status));
  o.Key("status_text");
  o.BeginObject();
  o.Field("sv", rules::StatusText(m.status, rules::Lang::kSv));
  o.Field("en", rules::StatusText(m.status, rules::Lang::kEn));
  o.EndObject();
  o.Field("targets", v.targets);
  o.Field("taken_down", m.taken_down_at.has_value());
  o.Field("published", v.published);
  o.Field("stale", v.stale);
  o.EndObject();
}
}  // namespace

std::string MessageJson(const MessageView& v) {
  JsonOut o(false);
  MessageViewJson(o, v);
  return o.Take();
}

std::string MessagesJson(const std::vector<MessageView>& views) {
  JsonOut o(false);
  o.BeginObject();
  o.Key("items");
  o.BeginArray();
  for (const auto& v : views) MessageViewJson(o, v);
  o.EndArray();
  o.Field("total", static_cast<int64_t>(views.size()));
  o.EndObject();
  return o.Take();
}

}  // namespace ansvar::io
