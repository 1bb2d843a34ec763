#include "io/register_reader.hpp"

#include "io/internal/json_in.hpp"

namespace ansvar::io {
namespace {

using internal::JsonIn;
using internal::od::value;
using namespace ansvar::model;

// One reader per entity: each known field is read into the model; unknown fields are ignored.
class RegisterReader;
}  // namespace

namespace internal {
// Reads one entity of the register format (io/entity_json.hpp); defined below.
template <class T>
void ReadEntityValue(JsonIn& in, simdjson::ondemand::value v, T& out);
}  // namespace internal

namespace {

class RegisterReader {
 public:
  explicit RegisterReader(JsonIn& in) : in_(in) {}

  void Root(internal::od::object root, Register& reg) {
    std::string format;
    bool has_format = false;
    in_.Object(
        root,
        [&](std::string_view key, value v) {
          if (key == "format") {
            has_format = true;
            in_.Get(v, format);
            if (in_.ok() && format != kRegisterFormat)
              in_.Error("unsupported format \"" + format + "\" (expected \"" + std::string(kRegisterFormat) + "\")");
          } else if (key == "as_of") {
            std::string text;
            in_.Get(v, text);
            if (!text.empty()) {
              if (auto t = ParseDateOrTimestamp(text)) {
                reg.as_of = *t;
                reg.as_of_is_date = text.size() == 10;
              } else {
                in_.Error("expected a date or an RFC 3339 timestamp, got \"" + text + "\"");
              }
            }
          } else if (key == "rulebook") {
            Rulebook(v, reg.rulebook_overrides);
          } else if (key == "organizations") {
            in_.Array(v, [&](value e) { Organization(e, reg.organizations.emplace_back()); });
          } else if (key == "committees") {
            in_.Array(v, [&](value e) { Committee(e, reg.committees.emplace_back()); });
          } else if (key == "administrations") {
            in_.Array(v, [&](value e) { Administration(e, reg.administrations.emplace_back()); });
          } else if (key == "people") {
            in_.Array(v, [&](value e) { Person(e, reg.people.emplace_back()); });
          } else if (key == "systems") {
            in_.Array(v, [&](value e) { System(e, reg.systems.emplace_back()); });
          } else if (key == "delegations") {
            in_.Array(v, [&](value e) { Delegation(e, reg.delegations.emplace_back()); });
          } else if (key == "powers_of_attorney") {
            in_.Array(v, [&](value e) { PowerOfAttorney(e, reg.powers_of_attorney.emplace_back()); });
          } else if (key == "processing_activities") {
            in_.Array(v, [&](value e) { Activity(e, reg.processing_activities.emplace_back()); });
          } else if (key == "processor_records") {
            in_.Array(v, [&](value e) { ProcessorRecord(e, reg.processor_records.emplace_back()); });
          } else if (key == "incidents") {
            in_.Array(v, [&](value e) { Incident(e, reg.incidents.emplace_back()); });
          } else if (key == "data_subject_requests") {
            in_.Array(v, [&](value e) { Request(e, reg.data_subject_requests.emplace_back()); });
          } else if (key == "agreements") {
            in_.Array(v, [&](value e) { Agreement(e, reg.agreements.emplace_back()); });
          }
        },
        {});
    if (!has_format && !in_.fatal()) in_.ErrorAt("$.format", "missing required field (expected \"ansvar-register/1\")");
  }

  // Entity readers, public for io/entity_json.cpp's single-entity reads.
  // The rulebook object is kept as minified JSON text; the rules layer interprets it (io/rulebook_json.hpp).
  void Rulebook(value v, std::string& out) {
    if (in_.IsNull(v)) return;
    internal::od::object obj;
    std::string_view raw;
    if (auto e = v.get_object().get(obj)) {
      in_.Fail(e, "an object");
      return;
    }
    if (auto e = obj.raw_json().get(raw)) {
      in_.Fail(e, "an object");
      return;
    }
    std::string minified(raw.size(), '\0');
    size_t len = 0;
    if (simdjson::minify(raw.data(), raw.size(), minified.data(), len) != simdjson::SUCCESS) {
      in_.Error("invalid JSON");
      return;
    }
    minified.resize(len);
    out = std::move(minified);
  }

  void Organization(value v, model::Organization& o) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, o.id);
      else if (k == "name") in_.Get(f, o.name);
      else if (k == "kind") in_.Get(f, o.kind);
      else if (k == "dpo") in_.Get(f, o.dpo);
      else if (k == "management_review_on") in_.Get(f, o.management_review_on);
    }, {"id", "kind"});
  }

  void Committee(value v, model::Committee& c) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, c.id);
      else if (k == "organization") in_.Get(f, c.organization);
      else if (k == "name") in_.Get(f, c.name);
      else if (k == "kind") in_.Get(f, c.kind);
    }, {"id", "organization", "kind"});
  }

  void Administration(value v, model::Administration& a) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, a.id);
      else if (k == "organization") in_.Get(f, a.organization);
      else if (k == "name") in_.Get(f, a.name);
      else if (k == "committees") in_.Get(f, a.committees);
      else if (k == "employing_committee") in_.Get(f, a.employing_committee);
      else if (k == "units") in_.Array(f, [&](value e) { Unit(e, a.units.emplace_back()); });
    }, {"id", "organization"});
  }

  void Unit(value v, model::Unit& u) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, u.id);
      else if (k == "name") in_.Get(f, u.name);
      else if (k == "kind") in_.Get(f, u.kind);
    }, {"id"});
  }

  void Person(value v, model::Person& p) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, p.id);
      else if (k == "name") in_.Get(f, p.name);
      else if (k == "administration") in_.Get(f, p.administration);
      else if (k == "unit") in_.Get(f, p.unit);
      else if (k == "title") in_.Get(f, p.title);
      else if (k == "email") in_.Get(f, p.email);
    }, {"id"});
  }

  void System(value v, model::System& s) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, s.id);
      else if (k == "name") in_.Get(f, s.name);
      else if (k == "category") in_.Get(f, s.category);
      else if (k == "scope") in_.Get(f, s.scope);
      else if (k == "own_support_process") in_.Get(f, s.own_support_process);
      else if (k == "owner_administration") in_.Get(f, s.owner_administration);
      else if (k == "used_by") in_.Get(f, s.used_by);
      else if (k == "hosting") in_.Get(f, s.hosting);
      else if (k == "supplier") in_.Get(f, s.supplier);
      else if (k == "personal_data") in_.Get(f, s.personal_data);
      else if (k == "special_categories") in_.Get(f, s.special_categories);
      else if (k == "fee") in_.Get(f, s.fee);
      else if (k == "lifecycle") in_.Get(f, s.lifecycle);
      else if (k == "active_since") in_.Get(f, s.active_since);
      else if (k == "classification") Classification(f, s.classification);
      else if (k == "processing_countries") in_.Get(f, s.processing_countries);
      else if (k == "transfer") Transfer(f, s.transfer);
      else if (k == "roles") in_.Array(f, [&](value e) { Role(e, s.roles.emplace_back()); });
      else if (k == "documents") in_.Array(f, [&](value e) { Document(e, s.documents.emplace_back()); });
      else if (k == "forums") in_.Array(f, [&](value e) { Forum(e, s.forums.emplace_back()); });
      else if (k == "reviews") in_.Array(f, [&](value e) { Review(e, s.reviews.emplace_back()); });
      else if (k == "integrations") in_.Array(f, [&](value e) { Integration(e, s.integrations.emplace_back()); });
    }, {"id", "category", "scope", "lifecycle"});
  }

  void Level(value v, int& out) {
    in_.Get(v, out);
    if (out < 0 || out > 3) in_.Error("expected a level from 0 to 3");
  }

  void Classification(value v, std::optional<model::Classification>& out) {
    if (in_.IsNull(v)) return;
    auto& c = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "confidentiality") Level(f, c.confidentiality);
      else if (k == "integrity") Level(f, c.integrity);
      else if (k == "availability") Level(f, c.availability);
    }, {"confidentiality"});
  }

  void Transfer(value v, std::optional<model::Transfer>& out) {
    if (in_.IsNull(v)) return;
    auto& t = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "basis") in_.Get(f, t.basis);
      else if (k == "tia_document") in_.Get(f, t.tia_document);
      else if (k == "art9_document") in_.Get(f, t.art9_document);
    });
  }

  void Role(value v, model::RoleAssignment& r) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "role") in_.Get(f, r.role);
      else if (k == "person") in_.Get(f, r.person);
      else if (k == "committee") in_.Get(f, r.committee);
    }, {"role"});
  }

  void Document(value v, model::Document& d) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, d.id);
      else if (k == "kind") in_.Get(f, d.kind);
      else if (k == "valid_from") in_.Get(f, d.valid_from);
      else if (k == "valid_to") in_.Get(f, d.valid_to);
      else if (k == "diary_number") in_.Get(f, d.diary_number);
      else if (k == "signed_on") in_.Get(f, d.signed_on);
      else if (k == "signed_by") in_.Get(f, d.signed_by);
      else if (k == "on_behalf_of") in_.Get(f, d.on_behalf_of);
      else if (k == "organization") in_.Get(f, d.organization);
      else if (k == "clauses") in_.Get(f, d.clauses);
      else if (k == "powers_of_attorney") in_.Get(f, d.powers_of_attorney);
      else if (k == "year") in_.Get(f, d.year);
      else if (k == "approved_on") in_.Get(f, d.approved_on);
      else if (k == "approved_by") in_.Get(f, d.approved_by);
      else if (k == "done_on") in_.Get(f, d.done_on);
      else if (k == "dpo_consulted") in_.Get(f, d.dpo_consulted);
    }, {"id", "kind"});
  }

  void Forum(value v, model::Forum& x) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "kind") in_.Get(f, x.kind);
      else if (k == "held_on") in_.Get(f, x.held_on);
    }, {"kind"});
  }

  void Review(value v, model::Review& x) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "kind") in_.Get(f, x.kind);
      else if (k == "done_on") in_.Get(f, x.done_on);
    }, {"kind"});
  }

  void Integration(value v, model::Integration& x) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "to") in_.Get(f, x.to);
      else if (k == "personal_data") in_.Get(f, x.personal_data);
    }, {"to"});
  }

  // matter: decide_dpa_municipality_wide | decide_dpa | issue_power_of_attorney_dpa | other:<free text>
  void Matter(value v, model::Delegation& d) {
    auto s = in_.String(v, false);
    if (!s) return;
    if (s->starts_with("other:")) {
      d.matter = DelegationMatter::kOther;
      d.matter_text = std::string(s->substr(6));
    } else if (auto m = ParseEnum<DelegationMatter>(*s); m && *m != DelegationMatter::kOther) {
      d.matter = *m;
    } else {
      in_.Error("unknown value \"" + std::string(*s) +
                "\" (expected decide_dpa_municipality_wide, decide_dpa, issue_power_of_attorney_dpa or other:<text>)");
    }
  }

  void Delegation(value v, model::Delegation& d) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, d.id);
      else if (k == "committee") in_.Get(f, d.committee);
      else if (k == "matter") Matter(f, d);
      else if (k == "delegate_title") in_.Get(f, d.delegate_title);
      else if (k == "delegate_person") in_.Get(f, d.delegate_person);
      else if (k == "decision") in_.Get(f, d.decision);
      else if (k == "valid_from") in_.Get(f, d.valid_from);
      else if (k == "valid_to") in_.Get(f, d.valid_to);
    }, {"committee", "matter"});
  }

  void PowerOfAttorney(value v, model::PowerOfAttorney& p) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, p.id);
      else if (k == "committee") in_.Get(f, p.committee);
      else if (k == "issued_by") in_.Get(f, p.issued_by);
      else if (k == "holder") in_.Get(f, p.holder);
      else if (k == "system") in_.Get(f, p.system);
      else if (k == "issued_on") in_.Get(f, p.issued_on);
    }, {"id", "committee"});
  }

  void Threshold(value v, std::optional<model::ThresholdAnalysis>& out) {
    if (in_.IsNull(v)) return;
    auto& t = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "done_on") in_.Get(f, t.done_on);
      else if (k == "criteria") in_.Get(f, t.criteria);
      else if (k == "motivation") in_.Get(f, t.motivation);
      else if (k == "dpo_commented") in_.Get(f, t.dpo_commented);
    });
  }

  void Dpia(value v, std::optional<model::Dpia>& out) {
    if (in_.IsNull(v)) return;
    auto& d = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "done_on") in_.Get(f, d.done_on);
      else if (k == "dpo_consulted") in_.Get(f, d.dpo_consulted);
    });
  }

  // A transfer is a string (a country or a description) or an object {country, recipient, safeguards}.
  void TransferRecord(value v, model::TransferRecord& t) {
    internal::od::json_type type;
    if (auto e = v.type().get(type)) {
      in_.Fail(e, "a transfer");
      return;
    }
    if (type == internal::od::json_type::string) {
      in_.Get(v, t.country);
      return;
    }
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "country") in_.Get(f, t.country);
      else if (k == "recipient") in_.Get(f, t.recipient);
      else if (k == "safeguards") in_.Get(f, t.safeguards);
    });
  }

  void Activity(value v, model::ProcessingActivity& a) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, a.id);
      else if (k == "controller") in_.Get(f, a.controller);
      else if (k == "name") in_.Get(f, a.name);
      else if (k == "process_code") in_.Get(f, a.process_code);
      else if (k == "purposes") in_.Get(f, a.purposes);
      else if (k == "legal_basis") in_.Get(f, a.legal_basis);
      else if (k == "systems") in_.Get(f, a.systems);
      else if (k == "data_subjects") in_.Get(f, a.data_subjects);
      else if (k == "data_categories") in_.Get(f, a.data_categories);
      else if (k == "recipients") in_.Get(f, a.recipients);
      else if (k == "transfers") in_.Array(f, [&](value e) { TransferRecord(e, a.transfers.emplace_back()); });
      else if (k == "retention") in_.Get(f, a.retention);
      else if (k == "security_measures") in_.Get(f, a.security_measures);
      else if (k == "joint_controllers") in_.Get(f, a.joint_controllers);
      else if (k == "processor_committee") in_.Get(f, a.processor_committee);
      else if (k == "start_date") in_.Get(f, a.start_date);
      else if (k == "own_dpia_required") in_.Get(f, a.own_dpia_required);
      else if (k == "threshold_analysis") Threshold(f, a.threshold_analysis);
      else if (k == "dpia") Dpia(f, a.dpia);
    }, {"id"});
  }

  void ProcessorRecord(value v, model::ProcessorRecord& r) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, r.id);
      else if (k == "committee") in_.Get(f, r.committee);
      else if (k == "system") in_.Get(f, r.system);
      else if (k == "subject") in_.Get(f, r.subject);
      else if (k == "processing_categories") in_.Get(f, r.processing_categories);
      else if (k == "committees") in_.Get(f, r.committees);
    }, {"committee", "system"});
  }

  void Incident(value v, model::Incident& i) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, i.id);
      else if (k == "system") in_.Get(f, i.system);
      else if (k == "aware_at") in_.Get(f, i.aware_at);
      else if (k == "controllers") in_.Get(f, i.controllers);
      else if (k == "handler") in_.Get(f, i.handler);
      else if (k == "assessment") in_.Get(f, i.assessment);
      else if (k == "notified_authority_at") in_.Get(f, i.notified_authority_at);
      else if (k == "delay_reason") in_.Get(f, i.delay_reason);
      else if (k == "dpo_informed") in_.Get(f, i.dpo_informed);
      else if (k == "subjects_informed_at") in_.Get(f, i.subjects_informed_at);
    }, {"id", "aware_at"});
  }

  void Request(value v, model::DataSubjectRequest& r) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, r.id);
      else if (k == "received_on") in_.Get(f, r.received_on);
      else if (k == "kind") in_.Get(f, r.kind);
      else if (k == "controllers") in_.Get(f, r.controllers);
      else if (k == "decided_on") in_.Get(f, r.decided_on);
      else if (k == "extended_reason") in_.Get(f, r.extended_reason);
      else if (k == "outcome") in_.Get(f, r.outcome);
      else if (k == "appeal_notice") in_.Get(f, r.appeal_notice);
    }, {"id", "received_on"});
  }

  void Agreement(value v, model::Agreement& a) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "id") in_.Get(f, a.id);
      else if (k == "kind") in_.Get(f, a.kind);
      else if (k == "systems") in_.Get(f, a.systems);
      else if (k == "parties") in_.Get(f, a.parties);
      else if (k == "signed_on") in_.Get(f, a.signed_on);
    }, {"id", "kind"});
  }


 private:
  JsonIn& in_;
};

ReadResult Parse(const simdjson::padded_string_view json, size_t max_problems) {
  ReadResult result;
  JsonIn in("$", max_problems);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (auto e = parser.iterate(json).get(doc)) {
    result.problems.push_back({"$", std::string("not a JSON document: ") + simdjson::error_message(e)});
    return result;
  }
  simdjson::ondemand::object root;
  if (auto e = doc.get_object().get(root)) {
    const bool type = e == simdjson::INCORRECT_TYPE;
    result.problems.push_back({"$", type ? "expected an object (an ansvar-register/1 document)"
                                         : std::string("not a JSON document: ") + simdjson::error_message(e)});
    return result;
  }
  Register reg;
  RegisterReader(in).Root(root, reg);
  if (!in.fatal() && internal::HasTrailingContent(doc)) in.ErrorAt("$", "invalid JSON: content after the end of the document");
  result.problems = in.TakeProblems();
  if (!result.problems.empty()) return result;
  result.problems = Validate(reg, max_problems);
  if (result.problems.empty()) result.reg = std::move(reg);
  return result;
}

}  // namespace

namespace internal {
template <class T>
void ReadEntityValue(JsonIn& in, simdjson::ondemand::value v, T& out) {
  RegisterReader r(in);
  if constexpr (std::is_same_v<T, model::Organization>) r.Organization(v, out);
  else if constexpr (std::is_same_v<T, model::Committee>) r.Committee(v, out);
  else if constexpr (std::is_same_v<T, model::Administration>) r.Administration(v, out);
  else if constexpr (std::is_same_v<T, model::Person>) r.Person(v, out);
  else if constexpr (std::is_same_v<T, model::System>) r.System(v, out);
  else if constexpr (std::is_same_v<T, model::Delegation>) r.Delegation(v, out);
  else if constexpr (std::is_same_v<T, model::PowerOfAttorney>) r.PowerOfAttorney(v, out);
  else if constexpr (std::is_same_v<T, model::ProcessingActivity>) r.Activity(v, out);
  else if constexpr (std::is_same_v<T, model::ProcessorRecord>) r.ProcessorRecord(v, out);
  else if constexpr (std::is_same_v<T, model::Incident>) r.Incident(v, out);
  else if constexpr (std::is_same_v<T, model::DataSubjectRequest>) r.Request(v, out);
  else r.Agreement(v, out);
}
#define ANSVAR_ENTITY(T) template void ReadEntityValue<T>(JsonIn&, simdjson::ondemand::value, T&);
ANSVAR_ENTITY(model::Organization)
ANSVAR_ENTITY(model::Committee)
ANSVAR_ENTITY(model::Administration)
ANSVAR_ENTITY(model::Person)
ANSVAR_ENTITY(model::System)
ANSVAR_ENTITY(model::Delegation)
ANSVAR_ENTITY(model::PowerOfAttorney)
ANSVAR_ENTITY(model::ProcessingActivity)
ANSVAR_ENTITY(model::ProcessorRecord)
ANSVAR_ENTITY(model::Incident)
ANSVAR_ENTITY(model::DataSubjectRequest)
ANSVAR_ENTITY(model::Agreement)
#undef ANSVAR_ENTITY
}  // namespace internal

ReadResult ReadRegister(std::string_view text, size_t max_problems) {
  const simdjson::padded_string padded(text);
  return Parse(padded, max_problems);
}

ReadResult ReadRegisterFile(const std::string& path, size_t max_problems) {
  simdjson::padded_string text;
  if (auto e = simdjson::padded_string::load(path).get(text)) {
    ReadResult r;
    r.problems.push_back({"$", "cannot read " + path + ": " + simdjson::error_message(e)});
    return r;
  }
  return Parse(text, max_problems);
}

std::string FormatProblems(const std::vector<model::Problem>& problems, size_t max_lines) {
  std::string out;
  for (size_t i = 0; i < problems.size() && i < max_lines; ++i)
    out += problems[i].path + ": " + problems[i].message + "\n";
  if (problems.size() > max_lines) out += "... and " + std::to_string(problems.size() - max_lines) + " more\n";
  return out;
}

}  // namespace ansvar::io
