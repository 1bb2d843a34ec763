#include "io/reports.hpp"

#include "io/internal/json_out.hpp"
#include "io/internal/ordered_blocks.hpp"
#include "rules/check.hpp"
#include "rules/derive.hpp"
#include "rules/messages.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::io {
namespace {

using internal::JsonOut;
using rules::Lang;

void DetailValue(JsonOut& o, const rules::DetailValue& v);

}  // namespace

void WriteFindingJson(JsonWriter& o, const rules::Finding& f, std::string_view message,
                      const std::string* subject_name) {
  o.BeginObject();
  o.Field("rule", rules::Code(f.rule));
  o.Field("severity", rules::ToString(f.severity));
  o.Key("subject");
  o.BeginObject();
  o.Field("type", rules::ToString(f.subject.type));
  o.Field("id", f.subject.id);
  if (subject_name != nullptr) o.Field("name", *subject_name);
  o.EndObject();
  o.Field("message", message);
  o.Key("detail");
  o.BeginObject();
  for (const auto& [k, v] : f.detail) {
    o.Key(k);
    DetailValue(o, v);
  }
  o.EndObject();
  o.EndObject();
}

namespace {

void DetailValue(JsonOut& o, const rules::DetailValue& v) {
  if (const auto* s = std::get_if<std::string>(&v))
    o.String(*s);
  else if (const auto* i = std::get_if<int64_t>(&v))
    o.Int(*i);
  else {
    o.BeginArray();
    for (const auto& item : std::get<std::vector<std::string>>(v)) o.String(item);
    o.EndArray();
  }
}

std::string CommitteeLabel(const model::Committee* c) {
  if (c == nullptr) return "–";
  return c->name.empty() ? c->id.str() : c->name + " (" + c->id.str() + ")";
}

void WriteFinding(JsonOut& o, const rules::Finding& f, const rules::RegisterIndex& index, Lang lang) {
  WriteFindingJson(o, f, rules::Message(f, index, lang));
}

void WriteSummary(JsonOut& o, const rules::Summary& summary) {
  o.Key("summary");
  o.BeginObject();
  o.Field("error", int64_t(summary.error));
  o.Field("warning", int64_t(summary.warning));
  o.Field("info", int64_t(summary.info));
  o.EndObject();
}

// Findings per block: big enough that the threads rarely meet at the lock, small enough that output starts at once.
constexpr size_t kFindingsPerBlock = 1024;
constexpr size_t kSystemsPerBlock = 512;

// A document whose one array is written in fragments (JsonOut's fragment constructor): the first fragment as it
// is, each later one after a ",", and the array closed as RapidJSON closes it (on its own line when not empty).
class ArrayFragments {
 public:
  ArrayFragments(bool pretty, int depth) : pretty_(pretty), depth_(depth) {}
  // Formats items [begin, end) with `item(JsonOut&, i)` onto `out`.
  template <class Item>
  void Block(size_t begin, size_t end, std::string& out, Item&& item) const {
    JsonOut o(pretty_, depth_);
    for (size_t i = begin; i < end; ++i) item(o, i);
    if (begin > 0) out += ',';
    o.TakeFragment(out);
  }
  // What closes the array: "\n ]" pretty (indented one level less than its items), "]" compact or empty.
  [[nodiscard]] std::string Close(size_t n) const {
    if (!pretty_ || n == 0) return "]";
    return "\n" + std::string(static_cast<size_t>(depth_ - 1), ' ') + "]";
  }

 private:
  bool pretty_;
  int depth_;
};

// A WriteOutput that appends to a string.
WriteOutput AppendTo(std::string& out) {
  return [&out](std::string_view piece) {
    out.append(piece);
    return true;
  };
}

void FindingTextLines(const std::vector<rules::Finding>& findings, size_t begin, size_t end,
                      const rules::Summary& summary, const rules::RegisterIndex& index, Lang lang, std::string& out) {
  // The group headers depend on the finding before: a block starting mid-group continues it.
  const rules::Finding* prev = begin > 0 ? &findings[begin - 1] : nullptr;
  for (size_t i = begin; i < end; ++i) {
    const auto& f = findings[i];
    const bool new_severity = prev == nullptr || prev->severity != f.severity;
    if (new_severity) {
      const size_t count = f.severity == rules::Severity::kError     ? summary.error
                           : f.severity == rules::Severity::kWarning ? summary.warning
                                                                     : summary.info;
      out += '\n';
      out += rules::Label(f.severity, lang);
      out += " (";
      out += std::to_string(count);
      out += ")\n";
    }
    if (new_severity || prev->subject != f.subject) {
      out += "\n  ";
      out += rules::SubjectName(f.subject, index);
      out += " [";
      out += rules::ToString(f.subject.type);
      out += ' ';
      out += f.subject.id;
      out += "]\n";
    }
    out += "    ";
    out += rules::Code(f.rule);
    out += "  ";
    out += rules::Message(f, index, lang);
    out += '\n';
    prev = &f;
  }
}

void DeriveItem(JsonOut& o, const rules::RegisterIndex& index, const rules::Rulebook& rulebook,
                const model::System& s) {
  const auto r = rules::Derive(index, rulebook, s);
  o.BeginObject();
  o.Field("id", s.id.str());
  o.Key("controllers");
  o.BeginArray();
  for (const auto* c : r.controllers) o.String(c->id.str());
  o.EndArray();
  o.Key("internal_processor");
  if (r.internal_processor)
    o.String(r.internal_processor->id.str());
  else
    o.Null();
  o.Key("mandatory_roles");
  o.BeginArray();
  for (auto role : r.mandatory_roles) o.String(model::ToString(role));
  o.EndArray();
  o.Key("mandatory_documents");
  o.BeginArray();
  for (auto kind : r.mandatory_documents) o.String(model::ToString(kind));
  o.EndArray();
  o.Key("dpa_decided_by");
  switch (r.dpa_decided_by.which) {
    case rules::DpaDeciderCase::kNone:
      o.Null();
      break;
    case rules::DpaDeciderCase::kDeputyDirector:
      o.BeginObject();
      o.Field("title", model::ToString(model::Title::kDeputyMunicipalDirector));
      o.EndObject();
      break;
    default:
      o.BeginObject();
      o.Key("committees");
      o.BeginArray();
      for (const auto* c : r.dpa_decided_by.committees) o.String(c->id.str());
      o.EndArray();
      o.EndObject();
  }
  o.Key("incident_handler");
  if (r.incident_handler)
    o.String(r.incident_handler->id.str());
  else
    o.Null();
  o.EndObject();
}

void DeriveTextItem(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, const model::System& s,
                    Lang lang, std::string& out) {
  const bool sv = lang == Lang::kSv;
  const auto r = rules::Derive(index, rulebook, s);
  out += s.name + " [" + s.id.str() + "] – " + std::string(rules::Label(s.category, lang)) + ", " +
         std::string(rules::Label(s.scope, lang)) + ", " + std::string(rules::Label(s.lifecycle, lang)) + "\n";
  std::string controllers;
  for (const auto* c : r.controllers) controllers += (controllers.empty() ? "" : ", ") + CommitteeLabel(c);
  out += std::string(sv ? "  Personuppgiftsansvariga: " : "  Controllers: ") +
         (controllers.empty() ? "–" : controllers) + "\n";
  out += std::string(sv ? "  Internt personuppgiftsbiträde: " : "  Internal processor: ") +
         CommitteeLabel(r.internal_processor) + "\n";
  std::string roles;
  for (auto role : r.mandatory_roles) roles += (roles.empty() ? "" : ", ") + std::string(rules::Label(role, lang));
  out += std::string(sv ? "  Obligatoriska roller: " : "  Mandatory roles: ") + (roles.empty() ? "–" : roles) + "\n";
  std::string docs;
  for (auto kind : r.mandatory_documents) docs += (docs.empty() ? "" : ", ") + std::string(rules::Label(kind, lang));
  out +=
      std::string(sv ? "  Obligatoriska dokument: " : "  Mandatory documents: ") + (docs.empty() ? "–" : docs) + "\n";
  std::string decider;
  switch (r.dpa_decided_by.which) {
    case rules::DpaDeciderCase::kNone:
      decider = sv ? "inget PUB-avtal" : "no DPA";
      break;
    case rules::DpaDeciderCase::kDeputyDirector:
      decider = sv ? "biträdande kommundirektör, på delegation från varje nämnd (KF § 33)"
                   : "the deputy municipal director, by delegation from every committee (KF § 33)";
      break;
    default:
      for (const auto* c : r.dpa_decided_by.committees) decider += (decider.empty() ? "" : ", ") + CommitteeLabel(c);
      if (r.dpa_decided_by.which == rules::DpaDeciderCase::kEachController)
        decider +=
            sv ? " (ägaren undertecknar med fullmakt från de övriga)" : " (the owner signs with powers of attorney)";
  }
  out += std::string(sv ? "  PUB-avtal beslutas av: " : "  DPA decided by: ") + decider + "\n";
  out += std::string(sv ? "  Hanterar personuppgiftsincidenter: " : "  Breach handler: ") +
         CommitteeLabel(r.incident_handler) + "\n\n";
}

}  // namespace

bool WriteFindingsJson(const WriteOutput& write, const std::vector<rules::Finding>& findings,
                       const rules::RegisterIndex& index, model::Timestamp as_of, Lang lang, bool pretty,
                       unsigned threads) {
  // {"as_of": …, "findings": [ fragments ], "summary": {…}}, laid out as JsonOut lays out the whole document.
  const std::string as_of_text = model::FormatTimestamp(as_of);
  const std::string head = pretty ? "{\n \"as_of\": \"" + as_of_text + "\",\n \"findings\": ["
                                  : "{\"as_of\":\"" + as_of_text + "\",\"findings\":[";
  if (!write(head)) return false;
  const ArrayFragments array(pretty, 2);
  const bool ok = internal::FormatInOrder(
      findings.size(), kFindingsPerBlock, threads,
      [&](size_t begin, size_t end, std::string& out) {
        array.Block(begin, end, out, [&](JsonOut& o, size_t i) { WriteFinding(o, findings[i], index, lang); });
      },
      write);
  if (!ok) return false;
  const auto summary = rules::Summarize(findings);
  const auto e = std::to_string(summary.error), w = std::to_string(summary.warning), i = std::to_string(summary.info);
  const std::string tail =
      array.Close(findings.size()) +
      (pretty ? ",\n \"summary\": {\n  \"error\": " + e + ",\n  \"warning\": " + w + ",\n  \"info\": " + i + "\n }\n}\n"
              : ",\"summary\":{\"error\":" + e + ",\"warning\":" + w + ",\"info\":" + i + "}}");
  return write(tail);
}

std::string FindingsJson(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, Lang lang, bool pretty) {
  std::string out;
  WriteFindingsJson(AppendTo(out), findings, index, as_of, lang, pretty, 1);
  return out;
}

std::string FindingsPageJson(std::span<const rules::Finding* const> selected, const FindingsPage& page,
                             const rules::RegisterIndex& index, model::Timestamp as_of, Lang lang) {
  JsonOut o(false);
  o.BeginObject();
  o.Field("as_of", model::FormatTimestamp(as_of));
  o.Key("findings");
  o.BeginArray();
  rules::Summary summary;
  for (size_t i = 0; i < selected.size(); ++i) {
    const auto& f = *selected[i];
    (f.severity == rules::Severity::kError     ? summary.error
     : f.severity == rules::Severity::kWarning ? summary.warning
                                               : summary.info)++;
    if (i >= page.offset && i - page.offset < page.limit) WriteFinding(o, f, index, lang);
  }
  o.EndArray();
  WriteSummary(o, summary);
  o.Field("total", int64_t(selected.size()));
  o.Field("limit", int64_t(page.limit));
  o.Field("offset", int64_t(page.offset));
  o.EndObject();
  return o.Take();
}

bool WriteFindingsText(const WriteOutput& write, const std::vector<rules::Finding>& findings,
                       const rules::RegisterIndex& index, model::Timestamp as_of, Lang lang, unsigned threads) {
  const bool sv = lang == Lang::kSv;
  const auto summary = rules::Summarize(findings);
  const auto& reg = index.reg();
  std::string out;
  out += sv ? "Ansvar – granskning av registret per " : "Ansvar – register check as of ";
  out += model::FormatTimestamp(as_of) + "\n";
  out += (sv ? "Registret: " : "Register: ") + std::to_string(reg.organizations.size()) +
         (sv ? " organisationer, " : " organizations, ") + std::to_string(reg.committees.size()) +
         (sv ? " nämnder, " : " committees, ") + std::to_string(reg.systems.size()) +
         (sv ? " system, " : " systems, ") + std::to_string(reg.processing_activities.size()) +
         (sv ? " behandlingar\n" : " processing activities\n");
  out += (sv ? "Resultat: " : "Result: ") + std::to_string(summary.error) + (sv ? " fel, " : " errors, ") +
         std::to_string(summary.warning) + (sv ? " varningar, " : " warnings, ") + std::to_string(summary.info) +
         (sv ? " information\n" : " information\n");
  if (!write(out)) return false;
  const bool ok = internal::FormatInOrder(
      findings.size(), kFindingsPerBlock, threads,
      [&](size_t begin, size_t end, std::string& block) {
        FindingTextLines(findings, begin, end, summary, index, lang, block);
      },
      write);
  if (!ok) return false;
  if (findings.empty()) return write(sv ? "\nInga avvikelser.\n" : "\nNo findings.\n");
  return true;
}

std::string FindingsText(const std::vector<rules::Finding>& findings, const rules::RegisterIndex& index,
                         model::Timestamp as_of, Lang lang) {
  std::string out;
  WriteFindingsText(AppendTo(out), findings, index, as_of, lang, 1);
  return out;
}

bool WriteDeriveJson(const WriteOutput& write, const rules::RegisterIndex& index, const rules::Rulebook& rulebook,
                     bool pretty, unsigned threads) {
  const auto& systems = index.reg().systems;
  if (!write(pretty ? "{\n \"systems\": [" : "{\"systems\":[")) return false;
  const ArrayFragments array(pretty, 2);
  const bool ok = internal::FormatInOrder(
      systems.size(), kSystemsPerBlock, threads,
      [&](size_t begin, size_t end, std::string& out) {
        array.Block(begin, end, out, [&](JsonOut& o, size_t i) { DeriveItem(o, index, rulebook, systems[i]); });
      },
      write);
  if (!ok) return false;
  return write(array.Close(systems.size()) + (pretty ? "\n}\n" : "}"));
}

std::string DeriveJson(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, bool pretty) {
  std::string out;
  WriteDeriveJson(AppendTo(out), index, rulebook, pretty, 1);
  return out;
}

bool WriteDeriveText(const WriteOutput& write, const rules::RegisterIndex& index, const rules::Rulebook& rulebook,
                     Lang lang, unsigned threads) {
  const auto& systems = index.reg().systems;
  return internal::FormatInOrder(
      systems.size(), kSystemsPerBlock, threads,
      [&](size_t begin, size_t end, std::string& out) {
        for (size_t i = begin; i < end; ++i) DeriveTextItem(index, rulebook, systems[i], lang, out);
      },
      write);
}

std::string DeriveText(const rules::RegisterIndex& index, const rules::Rulebook& rulebook, Lang lang) {
  std::string out;
  WriteDeriveText(AppendTo(out), index, rulebook, lang, 1);
  return out;
}

}  // namespace ansvar::io
