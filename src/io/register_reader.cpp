#include "io/register_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <latch>
#include <memory>
#include <thread>

#if defined(__unix__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

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

// The pages of a document mapped from its file that the read has passed, given back as it goes: resident, they count
// against the process's memory as much as the model built from them (a national register: 495 MiB of 1.9 GiB at the
// read's peak). Only for a private mapping of a file (MappedFile below): a page given back is read from the page
// cache again if it is touched again, where an ordinary buffer would read zeros. Only whole pages inside [from, to).
class PageRelease {
 public:
  explicit PageRelease(bool mapped) : mapped_(mapped) {}
  void operator()(const char* from, const char* to) const {
#if defined(__unix__) && defined(MADV_DONTNEED)
    if (!mapped_ || from >= to) return;
    static const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(from) + page - 1) / page * page;
    const uintptr_t end = reinterpret_cast<uintptr_t>(to) / page * page;
    if (begin < end) (void)::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);  // a hint
#else
    (void)from, (void)to;
#endif
  }
  // Gives back what lies between `released` and `at` once it is at least kStep, and moves `released` to `at`.
  void Behind(const char*& released, const char* at) const {
    if (mapped_ && at - released >= kStep) {
      (*this)(released, at);
      released = at;
    }
  }

 private:
  static constexpr std::ptrdiff_t kStep = std::ptrdiff_t{16} << 20;
  bool mapped_;
};

// The fast pass over a whole register (Parse below). Its JsonIn counts arrays before reading them, so that every
// vector is allocated once. In a large document the systems array, most of a register, is read on two threads:
// a second thread with a parser of its own reads its later part while this one reads the rest of the document,
// then the earlier part with its own parser, free again by then. The split is by position in the text, chosen so
// that both finish together. The result is used only when the pass met no problem at all; on any problem the
// document is read again by the exact pass, whose problems are the ones reported.
class FastPass {
 public:
  // `data` is the document (`json`); the pass changes one byte of it for a while (ReadEarlySystems) and restores it.
  FastPass(char* data, simdjson::padded_string_view json, PageRelease release)
      : data_(data),
        json_(json),
        release_(release),
        offload_(json_.length() >= kOffloadBytes && std::thread::hardware_concurrency() > 1) {}
  FastPass(const FastPass&) = delete;
  FastPass& operator=(const FastPass&) = delete;

  [[nodiscard]] bool offload() const { return offload_; }
  // Starts reading the later part of the systems array (its text, `raw`, lies in the document) on the second thread.
  void StartSystems(std::string_view raw);
  // Once the rest of the document is read: reads the earlier part of the systems array with a parser of its own
  // (sized to that part: the one of the whole document is released by then).
  void ReadEarlySystems();
  // This thread has read the document up to `at` (but the systems array, which the others read): the text before
  // it is given back as it goes.
  void ReadUpTo(const char* at);
  // Waits for the second thread; false when a part met a problem or the pass cannot be used.
  bool Finish(std::vector<model::System>& systems);

 private:
  bool ReadEarly(simdjson::ondemand::parser& parser, std::string_view early);

  static constexpr size_t kOffloadBytes = size_t{8} << 20;
  [[nodiscard]] size_t Capacity(std::string_view part) const {  // a part is followed by the rest of the document
    return static_cast<size_t>(json_.data() + json_.capacity() - part.data());
  }

  char* data_;
  simdjson::padded_string_view json_;
  PageRelease release_;
  bool offload_;
  bool failed_ = false;
  bool started_ = false;
  std::string_view raw_;
  const char* released_ = nullptr;  // this thread's text before it is given back (ReadUpTo)
  const char* split_ = nullptr;     // elements starting before it are read by this thread
  std::latch ready_{1};             // systems_ has its size and skipped_, early_end_ are known (or the thread failed)
  std::vector<model::System> systems_;
  size_t skipped_ = 0;               // elements the second thread leaves to this one
  const char* early_end_ = nullptr;  // where the first of its own elements starts
  size_t early_ = 0;                 // elements read by this thread
  bool early_ok_ = false;
  bool late_ok_ = false;
  std::jthread worker_;
};

class RegisterReader {
 public:
  explicit RegisterReader(JsonIn& in, FastPass* fast = nullptr) : in_(in), fast_(fast) {}

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
            Items(v, reg.organizations, [&](value e) { Organization(e, reg.organizations.emplace_back()); });
          } else if (key == "committees") {
            Items(v, reg.committees, [&](value e) { Committee(e, reg.committees.emplace_back()); });
          } else if (key == "administrations") {
            Items(v, reg.administrations, [&](value e) { Administration(e, reg.administrations.emplace_back()); });
          } else if (key == "people") {
            Items(v, reg.people, [&](value e) { Person(e, reg.people.emplace_back()); });
          } else if (key == "systems") {
            if (fast_ != nullptr && fast_->offload())
              OffloadSystems(v);
            else
              Items(v, reg.systems, [&](value e) { System(e, reg.systems.emplace_back()); });
          } else if (key == "delegations") {
            Items(v, reg.delegations, [&](value e) { Delegation(e, reg.delegations.emplace_back()); });
          } else if (key == "powers_of_attorney") {
            Items(v, reg.powers_of_attorney,
                  [&](value e) { PowerOfAttorney(e, reg.powers_of_attorney.emplace_back()); });
          } else if (key == "processing_activities") {
            Items(v, reg.processing_activities,
                  [&](value e) { Activity(e, reg.processing_activities.emplace_back()); });
          } else if (key == "processor_records") {
            Items(v, reg.processor_records, [&](value e) { ProcessorRecord(e, reg.processor_records.emplace_back()); });
          } else if (key == "incidents") {
            Items(v, reg.incidents, [&](value e) { Incident(e, reg.incidents.emplace_back()); });
          } else if (key == "data_subject_requests") {
            Items(v, reg.data_subject_requests, [&](value e) { Request(e, reg.data_subject_requests.emplace_back()); });
          } else if (key == "agreements") {
            Items(v, reg.agreements, [&](value e) { Agreement(e, reg.agreements.emplace_back()); });
          } else if (key == "cooperations") {
            Items(v, reg.cooperations, [&](value e) { Cooperation(e, reg.cooperations.emplace_back()); });
          } else if (key == "dpa_decisions") {
            Items(v, reg.dpa_decisions, [&](value e) { DpaDecision(e, reg.dpa_decisions.emplace_back()); });
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
      in_.SyntaxErrorAt(in_.Path(), "invalid JSON");
      return;
    }
    minified.resize(len);
    out = std::move(minified);
  }

  void Organization(value v, model::Organization& o) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, o.id);
                 else if (k == "name")
                   in_.Get(f, o.name);
                 else if (k == "kind")
                   in_.Get(f, o.kind);
                 else if (k == "dpo")
                   in_.Get(f, o.dpo);
                 else if (k == "management_review_on")
                   in_.Get(f, o.management_review_on);
                 else if (k == "rulebook")
                   Rulebook(f, o.rulebook_overrides);
               },
               {"id", "kind"});
  }

  void Committee(value v, model::Committee& c) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, c.id);
                 else if (k == "organization")
                   in_.Get(f, c.organization);
                 else if (k == "name")
                   in_.Get(f, c.name);
                 else if (k == "kind")
                   in_.Get(f, c.kind);
               },
               {"id", "organization", "kind"});
  }

  void Administration(value v, model::Administration& a) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, a.id);
                 else if (k == "organization")
                   in_.Get(f, a.organization);
                 else if (k == "name")
                   in_.Get(f, a.name);
                 else if (k == "committees")
                   in_.Get(f, a.committees);
                 else if (k == "employing_committee")
                   in_.Get(f, a.employing_committee);
                 else if (k == "units")
                   Items(f, a.units, [&](value e) { Unit(e, a.units.emplace_back()); });
               },
               {"id", "organization"});
  }

  void Unit(value v, model::Unit& u) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, u.id);
                 else if (k == "name")
                   in_.Get(f, u.name);
                 else if (k == "kind")
                   in_.Get(f, u.kind);
               },
               {"id"});
  }

  void Person(value v, model::Person& p) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, p.id);
                 else if (k == "name")
                   in_.Get(f, p.name);
                 else if (k == "administration")
                   in_.Get(f, p.administration);
                 else if (k == "unit")
                   in_.Get(f, p.unit);
                 else if (k == "title")
                   in_.Get(f, p.title);
                 else if (k == "email")
                   in_.Get(f, p.email);
               },
               {"id"});
  }

  void System(value v, model::System& s) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, s.id);
                 else if (k == "name")
                   in_.Get(f, s.name);
                 else if (k == "category")
                   in_.Get(f, s.category);
                 else if (k == "scope")
                   in_.Get(f, s.scope);
                 else if (k == "own_support_process")
                   in_.Get(f, s.own_support_process);
                 else if (k == "owner_administration")
                   in_.Get(f, s.owner_administration);
                 else if (k == "used_by")
                   in_.Get(f, s.used_by);
                 else if (k == "hosting")
                   in_.Get(f, s.hosting);
                 else if (k == "supplier")
                   in_.Get(f, s.supplier);
                 else if (k == "personal_data")
                   in_.Get(f, s.personal_data);
                 else if (k == "special_categories")
                   in_.Get(f, s.special_categories);
                 else if (k == "fee")
                   in_.Get(f, s.fee);
                 else if (k == "lifecycle")
                   in_.Get(f, s.lifecycle);
                 else if (k == "active_since")
                   in_.Get(f, s.active_since);
                 else if (k == "classification")
                   Classification(f, s.classification);
                 else if (k == "processing_countries")
                   in_.Get(f, s.processing_countries);
                 else if (k == "transfer")
                   Transfer(f, s.transfer);
                 else if (k == "roles")
                   Items(f, s.roles, [&](value e) { Role(e, s.roles.emplace_back()); });
                 else if (k == "documents")
                   Items(f, s.documents, [&](value e) { Document(e, s.documents.emplace_back()); });
                 else if (k == "forums")
                   Items(f, s.forums, [&](value e) { Forum(e, s.forums.emplace_back()); });
                 else if (k == "reviews")
                   Items(f, s.reviews, [&](value e) { Review(e, s.reviews.emplace_back()); });
                 else if (k == "integrations")
                   Items(f, s.integrations, [&](value e) { Integration(e, s.integrations.emplace_back()); });
               },
               {"id", "category", "scope", "lifecycle"});
  }

  void Level(value v, int& out) {
    in_.Get(v, out);
    if (out < 0 || out > 3) in_.Error("expected a level from 0 to 3");
  }

  void Classification(value v, std::optional<model::Classification>& out) {
    if (in_.IsNull(v)) return;
    auto& c = out.emplace();
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "confidentiality")
                   Level(f, c.confidentiality);
                 else if (k == "integrity")
                   Level(f, c.integrity);
                 else if (k == "availability")
                   Level(f, c.availability);
                 else if (k == "done_on")
                   in_.Get(f, c.done_on);
                 else if (k == "method")
                   in_.Get(f, c.method);
                 else if (k == "decided_by")
                   in_.Get(f, c.decided_by);
                 else if (k == "standard_information")
                   in_.Get(f, c.standard_information);
                 else if (k == "measures")
                   Items(f, c.measures, [&](value e) { Measure(e, c.measures.emplace_back()); });
                 else if (k == "approved_by")
                   in_.Get(f, c.approved_by);
                 else if (k == "approved_on")
                   in_.Get(f, c.approved_on);
                 else if (k == "approval")
                   in_.Get(f, c.approval);
               },
               {"confidentiality"});
  }

  void Transfer(value v, Boxed<model::Transfer>& out) {
    if (in_.IsNull(v)) return;
    auto& t = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "basis")
        in_.Get(f, t.basis);
      else if (k == "tia_document")
        in_.Get(f, t.tia_document);
      else if (k == "art9_document")
        in_.Get(f, t.art9_document);
    });
  }

  void Role(value v, model::RoleAssignment& r) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "role")
                   in_.Get(f, r.role);
                 else if (k == "person")
                   in_.Get(f, r.person);
                 else if (k == "committee")
                   in_.Get(f, r.committee);
               },
               {"role"});
  }

  void Document(value v, model::Document& d) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, d.id);
                 else if (k == "kind")
                   in_.Get(f, d.kind);
                 else if (k == "valid_from")
                   in_.Get(f, d.valid_from);
                 else if (k == "valid_to")
                   in_.Get(f, d.valid_to);
                 else if (k == "diary_number")
                   in_.Get(f, d.diary_number);
                 else if (k == "signed_on")
                   in_.Get(f, d.signed_on);
                 else if (k == "signed_by")
                   in_.Get(f, d.signed_by);
                 else if (k == "on_behalf_of")
                   in_.Get(f, d.on_behalf_of);
                 else if (k == "organization")
                   in_.Get(f, d.organization);
                 else if (k == "organizations")
                   in_.Get(f, d.organizations);
                 else if (k == "clauses")
                   in_.Get(f, d.clauses);
                 else if (k == "powers_of_attorney")
                   in_.Get(f, d.powers_of_attorney);
                 else if (k == "year")
                   in_.Get(f, d.year);
                 else if (k == "approved_on")
                   in_.Get(f, d.approved_on);
                 else if (k == "approved_by")
                   in_.Get(f, d.approved_by);
                 else if (k == "approved_by_account")
                   in_.Get(f, d.approved_by_account);
                 else if (k == "done_on")
                   in_.Get(f, d.done_on);
                 else if (k == "dpo_consulted")
                   in_.Get(f, d.dpo_consulted);
                 else if (k == "adopted_by")
                   in_.Get(f, d.adopted_by);
                 else if (k == "supplemented_by")
                   in_.Get(f, d.supplemented_by);
               },
               {"id", "kind"});
  }

  void Forum(value v, model::Forum& x) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "kind")
                   in_.Get(f, x.kind);
                 else if (k == "held_on")
                   in_.Get(f, x.held_on);
                 else if (k == "measures")
                   Items(f, x.measures, [&](value e) { Measure(e, x.measures.emplace_back()); });
               },
               {"kind"});
  }

  void Review(value v, model::Review& x) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "kind")
                   in_.Get(f, x.kind);
                 else if (k == "done_on")
                   in_.Get(f, x.done_on);
               },
               {"kind"});
  }

  void Integration(value v, model::Integration& x) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "to")
                   in_.Get(f, x.to);
                 else if (k == "personal_data")
                   in_.Get(f, x.personal_data);
               },
               {"to"});
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
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, d.id);
                 else if (k == "committee")
                   in_.Get(f, d.committee);
                 else if (k == "matter")
                   Matter(f, d);
                 else if (k == "delegate_title")
                   in_.Get(f, d.delegate_title);
                 else if (k == "delegate_person")
                   in_.Get(f, d.delegate_person);
                 else if (k == "decision")
                   in_.Get(f, d.decision);
                 else if (k == "valid_from")
                   in_.Get(f, d.valid_from);
                 else if (k == "valid_to")
                   in_.Get(f, d.valid_to);
               },
               {"committee", "matter"});
  }

  void PowerOfAttorney(value v, model::PowerOfAttorney& p) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, p.id);
                 else if (k == "committee")
                   in_.Get(f, p.committee);
                 else if (k == "issued_by")
                   in_.Get(f, p.issued_by);
                 else if (k == "holder")
                   in_.Get(f, p.holder);
                 else if (k == "system")
                   in_.Get(f, p.system);
                 else if (k == "issued_on")
                   in_.Get(f, p.issued_on);
               },
               {"id", "committee"});
  }

  void Threshold(value v, std::optional<model::ThresholdAnalysis>& out) {
    if (in_.IsNull(v)) return;
    auto& t = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "done_on")
        in_.Get(f, t.done_on);
      else if (k == "criteria")
        in_.Get(f, t.criteria);
      else if (k == "motivation")
        in_.Get(f, t.motivation);
      else if (k == "dpo_commented")
        in_.Get(f, t.dpo_commented);
    });
  }

  void Dpia(value v, Boxed<model::Dpia>& out) {
    if (in_.IsNull(v)) return;
    auto& d = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "done_on")
        in_.Get(f, d.done_on);
      else if (k == "dpo_consulted")
        in_.Get(f, d.dpo_consulted);
      else if (k == "description")
        in_.Text(f, d.description);
      else if (k == "necessity_proportionality")
        in_.Text(f, d.necessity_proportionality);
      else if (k == "risks")
        Items(f, d.risks, [&](value e) { Risk(e, d.risks.emplace_back()); });
      else if (k == "measures")
        Items(f, d.measures, [&](value e) { Measure(e, d.measures.emplace_back()); });
      else if (k == "residual_risk")
        in_.Get(f, d.residual_risk);
      else if (k == "dpo_opinion")
        DpoOpinion(f, d.dpo_opinion);
      else if (k == "prior_consultation")
        PriorConsultation(f, d.prior_consultation);
      else if (k == "review_on")
        in_.Get(f, d.review_on);
      else if (k == "covers_activities")
        in_.Get(f, d.covers_activities);
      else if (k == "motivation")
        in_.Get(f, d.motivation);
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
      if (k == "country")
        in_.Get(f, t.country);
      else if (k == "recipient")
        in_.Get(f, t.recipient);
      else if (k == "safeguards")
        in_.Get(f, t.safeguards);
    });
  }

  void Activity(value v, model::ProcessingActivity& a) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, a.id);
                 else if (k == "controller")
                   in_.Get(f, a.controller);
                 else if (k == "name")
                   in_.Get(f, a.name);
                 else if (k == "process_code")
                   in_.Get(f, a.process_code);
                 else if (k == "purposes")
                   in_.Get(f, a.purposes);
                 else if (k == "legal_basis")
                   in_.Get(f, a.legal_basis);
                 else if (k == "systems")
                   in_.Get(f, a.systems);
                 else if (k == "data_subjects")
                   in_.Get(f, a.data_subjects);
                 else if (k == "data_categories")
                   in_.Get(f, a.data_categories);
                 else if (k == "recipients")
                   in_.Get(f, a.recipients);
                 else if (k == "transfers")
                   Items(f, a.transfers, [&](value e) { TransferRecord(e, a.transfers.emplace_back()); });
                 else if (k == "retention")
                   in_.Get(f, a.retention);
                 else if (k == "security_measures")
                   in_.Get(f, a.security_measures);
                 else if (k == "joint_controllers")
                   in_.Get(f, a.joint_controllers);
                 else if (k == "processor_committee")
                   in_.Get(f, a.processor_committee);
                 else if (k == "start_date")
                   in_.Get(f, a.start_date);
                 else if (k == "own_dpia_required")
                   in_.Get(f, a.own_dpia_required);
                 else if (k == "threshold_analysis")
                   Threshold(f, a.threshold_analysis);
                 else if (k == "dpia")
                   Dpia(f, a.dpia);
               },
               {"id"});
  }

  void ProcessorRecord(value v, model::ProcessorRecord& r) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, r.id);
                 else if (k == "committee")
                   in_.Get(f, r.committee);
                 else if (k == "system")
                   in_.Get(f, r.system);
                 else if (k == "subject")
                   in_.Get(f, r.subject);
                 else if (k == "processing_categories")
                   in_.Get(f, r.processing_categories);
                 else if (k == "committees")
                   in_.Get(f, r.committees);
               },
               {"committee", "system"});
  }

  void Incident(value v, model::Incident& i) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, i.id);
                 else if (k == "system")
                   in_.Get(f, i.system);
                 else if (k == "aware_at")
                   in_.Get(f, i.aware_at);
                 else if (k == "controllers")
                   in_.Get(f, i.controllers);
                 else if (k == "handler")
                   in_.Get(f, i.handler);
                 else if (k == "assessment")
                   in_.Get(f, i.assessment);
                 else if (k == "notified_authority_at")
                   in_.Get(f, i.notified_authority_at);
                 else if (k == "delay_reason")
                   in_.Get(f, i.delay_reason);
                 else if (k == "dpo_informed")
                   in_.Get(f, i.dpo_informed);
                 else if (k == "subjects_informed_at")
                   in_.Get(f, i.subjects_informed_at);
                 else if (k == "description")
                   in_.Text(f, i.description);
                 else if (k == "subject_categories")
                   in_.Strings(f, i.subject_categories);
                 else if (k == "approx_subjects")
                   in_.Get(f, i.approx_subjects);
                 else if (k == "record_categories")
                   in_.Strings(f, i.record_categories);
                 else if (k == "approx_records")
                   in_.Get(f, i.approx_records);
                 else if (k == "likely_consequences")
                   in_.Text(f, i.likely_consequences);
                 else if (k == "measures")
                   in_.Text(f, i.measures);
                 else if (k == "affected_informed_on")
                   in_.Get(f, i.affected_informed_on);
                 else if (k == "assessments")
                   Items(f, i.assessments, [&](value e) { ControllerAssessment(e, i.assessments.emplace_back()); });
                 else if (k == "occurred_at")
                   in_.Get(f, i.occurred_at);
                 else if (k == "nature")
                   in_.Get(f, i.nature);
                 else if (k == "cause")
                   in_.Get(f, i.cause);
                 else if (k == "subjects_informed_how")
                   in_.Text(f, i.subjects_informed_how);
                 else if (k == "cross_border")
                   in_.Get(f, i.cross_border);
                 else if (k == "reported_at")
                   in_.Get(f, i.reported_at);
                 else if (k == "action_plan")
                   Items(f, i.action_plan, [&](value e) { Measure(e, i.action_plan.emplace_back()); });
               },
               {"id", "aware_at"});
  }

  // A measure (model::Measure): kept by DPIAs, classifications, breaches and contract reviews alike.
  void Measure(value v, model::Measure& m) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, m.id);
                 else if (k == "description")
                   in_.Text(f, m.description);
                 else if (k == "owner")
                   in_.Get(f, m.owner);
                 else if (k == "due")
                   in_.Get(f, m.due);
                 else if (k == "status")
                   in_.Get(f, m.status);
                 else if (k == "done_on")
                   in_.Get(f, m.done_on);
               },
               {"description"});
  }

  void ControllerAssessment(value v, model::ControllerAssessment& a) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "committee")
                   in_.Get(f, a.committee);
                 else if (k == "assessment")
                   in_.Get(f, a.assessment);
                 else if (k == "notified_authority_at")
                   in_.Get(f, a.notified_authority_at);
               },
               {"committee"});
  }

  void Request(value v, model::DataSubjectRequest& r) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, r.id);
                 else if (k == "received_on")
                   in_.Get(f, r.received_on);
                 else if (k == "kind")
                   in_.Get(f, r.kind);
                 else if (k == "controllers")
                   in_.Get(f, r.controllers);
                 else if (k == "decided_on")
                   in_.Get(f, r.decided_on);
                 else if (k == "extended_reason")
                   in_.Get(f, r.extended_reason);
                 else if (k == "outcome")
                   in_.Get(f, r.outcome);
                 else if (k == "appeal_notice")
                   in_.Get(f, r.appeal_notice);
               },
               {"id", "received_on"});
  }

  void Agreement(value v, model::Agreement& a) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, a.id);
                 else if (k == "kind")
                   in_.Get(f, a.kind);
                 else if (k == "systems")
                   in_.Get(f, a.systems);
                 else if (k == "parties")
                   in_.Get(f, a.parties);
                 else if (k == "signed_on")
                   in_.Get(f, a.signed_on);
               },
               {"id", "kind"});
  }

  void Cooperation(value v, model::Cooperation& c) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, c.id);
                 else if (k == "name")
                   in_.Get(f, c.name);
                 else if (k == "form")
                   in_.Get(f, c.form);
                 else if (k == "lead")
                   in_.Get(f, c.lead);
                 else if (k == "coordinator")
                   in_.Get(f, c.coordinator);
                 else if (k == "parties")
                   Items(f, c.parties, [&](value e) { Party(e, c.parties.emplace_back()); });
                 else if (k == "systems")
                   in_.Get(f, c.systems);
                 else if (k == "groups")
                   Items(f, c.groups, [&](value e) { Group(e, c.groups.emplace_back()); });
                 else if (k == "documents")
                   Items(f, c.documents, [&](value e) { CooperationDocument(e, c.documents.emplace_back()); });
                 else if (k == "responsibilities")
                   Responsibilities(f, c.responsibilities);
                 else if (k == "consulted")
                   in_.Get(f, c.consulted);
                 else if (k == "management_review_on")
                   in_.Get(f, c.management_review_on);
               },
               {"id"});
  }

  void Party(value v, model::CooperationParty& p) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "organization")
                   in_.Get(f, p.organization);
                 else if (k == "committee")
                   in_.Get(f, p.committee);
                 else if (k == "joined_on")
                   in_.Get(f, p.joined_on);
                 else if (k == "decision")
                   in_.Get(f, p.decision);
               },
               {"organization"});
  }

  void Group(value v, model::CooperationGroup& g) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "kind")
        in_.Get(f, g.kind);
      else if (k == "name")
        in_.Get(f, g.name);
      else if (k == "members")
        in_.Get(f, g.members);
    });
  }

  void CooperationDocument(value v, model::CooperationDocument& d) {
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "kind")
        in_.Get(f, d.kind);
      else if (k == "signed_on")
        in_.Get(f, d.signed_on);
      else if (k == "done_on")
        in_.Get(f, d.done_on);
      else if (k == "published_on")
        in_.Get(f, d.published_on);
      else if (k == "diary_number")
        in_.Get(f, d.diary_number);
      else if (k == "dpia")
        in_.Get(f, d.dpia);
      else if (k == "dpo_consulted")
        in_.Get(f, d.dpo_consulted);
    });
  }

  // Likelihood and consequence of a DPIA's risk: 1 (low) to 4 (very high).
  void Scale(value v, int& out) {
    in_.Get(v, out);
    if (out < 1 || out > 4) in_.Error("expected a value from 1 to 4");
  }

  void Risk(value v, model::DpiaRisk& r) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, r.id);
                 else if (k == "description")
                   in_.Text(f, r.description);
                 else if (k == "likelihood")
                   Scale(f, r.likelihood);
                 else if (k == "consequence")
                   Scale(f, r.consequence);
               },
               {"description", "likelihood", "consequence"});
  }

  void DpoOpinion(value v, std::optional<model::DpoOpinion>& out) {
    if (in_.IsNull(v)) return;
    auto& o = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "text")
        in_.Text(f, o.text);
      else if (k == "given_on")
        in_.Get(f, o.given_on);
    });
  }

  void PriorConsultation(value v, std::optional<model::PriorConsultation>& out) {
    if (in_.IsNull(v)) return;
    auto& p = out.emplace();
    in_.Object(v, [&](std::string_view k, value f) {
      if (k == "needed")
        in_.Get(f, p.needed);
      else if (k == "sent_on")
        in_.Get(f, p.sent_on);
      else if (k == "authority_reply_on")
        in_.Get(f, p.authority_reply_on);
    });
  }

  // {"duty": "organization id" | "each", ...}; null reads as none.
  void Responsibilities(value v, std::vector<model::Responsibility>& out) {
    if (in_.IsNull(v)) return;
    in_.Object(v, [&](std::string_view k, value f) {
      auto& r = out.emplace_back();
      r.duty = std::string(k);
      in_.Get(f, r.party);
    });
  }

  void DpaDecision(value v, model::DpaDecision& d) {
    in_.Object(v,
               [&](std::string_view k, value f) {
                 if (k == "id")
                   in_.Get(f, d.id);
                 else if (k == "system")
                   in_.Get(f, d.system);
                 else if (k == "committees")
                   in_.Get(f, d.committees);
                 else if (k == "decided_on")
                   in_.Get(f, d.decided_on);
                 else if (k == "decided_by")
                   in_.Get(f, d.decided_by);
                 else if (k == "delegation")
                   in_.Get(f, d.delegation);
                 else if (k == "meeting")
                   in_.Get(f, d.meeting);
                 else if (k == "processor")
                   in_.Get(f, d.processor);
                 else if (k == "diary_number")
                   in_.Get(f, d.diary_number);
                 else if (k == "reported_on")
                   in_.Get(f, d.reported_on);
                 else if (k == "reported_at")
                   in_.Get(f, d.reported_at);
               },
               {"id"});
  }

 private:
  // An array of entities into `out`; in the fast pass, counted first so that `out` is allocated once.
  template <class T, class Fn>
  void Items(value v, std::vector<T>& out, Fn&& fn) {
    if (fast_ == nullptr) {
      in_.Array(v, fn, [&](size_t n) { out.reserve(out.size() + n); });
      return;
    }
    in_.Array(
        v,
        [&](value e) {
          fast_->ReadUpTo(e.raw_json_token().data());
          fn(e);
        },
        [&](size_t n) { out.reserve(out.size() + n); });
  }

  // The fast pass hands the systems array to its second thread; a second "systems" key is left to the exact pass.
  void OffloadSystems(value v) {
    internal::od::array arr;
    std::string_view raw;
    if (v.get_array().get(arr) != simdjson::SUCCESS || arr.raw_json().get(raw) != simdjson::SUCCESS) {
      in_.Error("the fast pass cannot read this array");
      return;
    }
    fast_->StartSystems(raw);
  }

  JsonIn& in_;
  FastPass* fast_;
};

void FastPass::StartSystems(std::string_view raw) {
  if (started_) {  // a second "systems" key
    failed_ = true;
    return;
  }
  started_ = true;
  raw_ = raw;
  // From here this thread reads the rest of the document (R bytes after the array), then indexes and reads a share
  // x of the systems (S bytes); the second thread indexes all S, skips xS and reads the rest. Relative costs per
  // byte, measured on a national register: reading systems 1, reading the rest 0.74, indexing 0.11 here and 0.14
  // there (with counting), skipping 0.03. Both finish together when 0.74R + (0.11 + 1)xS = 0.14S + 0.03xS + (1-x)S.
  const double s = static_cast<double>(raw.size());
  const double r = static_cast<double>(json_.data() + json_.length() - (raw.data() + raw.size()));
  const double x = std::clamp((1.14 * s - 0.74 * r) / (2.08 * s), 0.0, 0.5);
  split_ = raw.data() + static_cast<size_t>(x * s);
  worker_ = std::jthread([this] {
    JsonIn in("$.systems", 1);
    in.CountArrays(true);
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    simdjson::ondemand::array array;
    size_t n = 0;
    if (parser.iterate(simdjson::padded_string_view(raw_.data(), raw_.size(), Capacity(raw_))).get(doc) !=
            simdjson::SUCCESS ||
        doc.get_array().get(array) != simdjson::SUCCESS || array.count_elements().get(n) != simdjson::SUCCESS) {
      ready_.count_down();
      return;
    }
    systems_.resize(n);
    early_end_ = raw_.data() + raw_.size();
    bool announced = false;
    auto announce = [&] {
      if (!announced) ready_.count_down();
      announced = true;
    };
    RegisterReader reader(in);
    size_t i = 0;
    const char* released = nullptr;  // the text of its own elements before it is given back
    for (auto element : array) {
      value v;
      if (element.get(v) != simdjson::SUCCESS || i == n) break;
      const char* start = v.raw_json_token().data();
      if (start < split_) {
        ++skipped_;  // left unread: the iteration skips it
      } else {
        if (!announced) {
          early_end_ = released = start;
          announce();
        }
        release_.Behind(released, start);
        reader.System(v, systems_[i]);
        if (!in.ok() || in.fatal()) break;
      }
      ++i;
    }
    announce();
    late_ok_ = i == n && in.ok() && !in.fatal() && !internal::HasTrailingContent(doc);
  });
}

void FastPass::ReadUpTo(const char* at) {
  if (released_ == nullptr) released_ = json_.data();
  if (started_ && at > raw_.data() && released_ < raw_.data() + raw_.size()) {  // past the systems array
    release_(released_, raw_.data());
    released_ = raw_.data() + raw_.size();
  }
  release_.Behind(released_, at);
}

void FastPass::ReadEarlySystems() {
  if (!started_ || failed_) return;
  // The rest of the document is read by now: only the systems array's text is read from here on.
  release_(released_ != nullptr && released_ < raw_.data() ? released_ : json_.data(), raw_.data());
  release_(raw_.data() + raw_.size(), json_.data() + json_.length());
  simdjson::ondemand::parser parser;
  ready_.wait();
  if (skipped_ == 0 || skipped_ > systems_.size()) {
    early_ok_ = skipped_ == 0;
    return;
  }
  // The earlier elements "[e0,...,eK-1" become a document of their own while the comma after them reads ']'.
  // The second thread has passed that comma before it announced early_end_, and reads only after it.
  if (skipped_ == systems_.size()) {
    early_ok_ = ReadEarly(parser, std::string_view(raw_.data(), raw_.size()));
    return;
  }
  char* comma = data_ + (early_end_ - json_.data()) - 1;
  while (comma > data_ && (*comma == ' ' || *comma == '\n' || *comma == '\r' || *comma == '\t')) --comma;
  if (*comma != ',') return;
  *comma = ']';
  const char* end = comma + 1;
  early_ok_ = ReadEarly(parser, std::string_view(raw_.data(), static_cast<size_t>(end - raw_.data())));
  *comma = ',';
}

bool FastPass::ReadEarly(simdjson::ondemand::parser& parser, std::string_view early) {
  JsonIn in("$.systems", 1);
  in.CountArrays(true);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array array;
  if (parser.iterate(simdjson::padded_string_view(early.data(), early.size(), Capacity(early))).get(doc) !=
          simdjson::SUCCESS ||
      doc.get_array().get(array) != simdjson::SUCCESS)
    return false;
  RegisterReader reader(in);
  const char* released = early.data();
  for (auto element : array) {
    value v;
    if (element.get(v) != simdjson::SUCCESS || early_ == skipped_) return false;
    // Never the page of the comma turned into ']' above: the elements before it start before it.
    release_.Behind(released, v.raw_json_token().data());
    reader.System(v, systems_[early_++]);
    if (!in.ok() || in.fatal()) return false;
  }
  return early_ == skipped_ && !internal::HasTrailingContent(doc);
}

bool FastPass::Finish(std::vector<model::System>& systems) {
  if (worker_.joinable()) worker_.join();
  if (failed_ || (started_ && (!early_ok_ || !late_ok_ || early_ != skipped_))) return false;
  if (started_) systems = std::move(systems_);
  return true;
}

// The fast pass: the register, or nullopt when the exact pass must read the document.
std::optional<Register> ReadFast(char* data, simdjson::padded_string_view json, PageRelease release) {
  JsonIn in("$", 1);
  in.CountArrays(true);
  FastPass fast(data, json, release);
  Register reg;
  bool read = false;
  {
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    simdjson::ondemand::object root;
    if (parser.iterate(json).get(doc) != simdjson::SUCCESS || doc.get_object().get(root) != simdjson::SUCCESS)
      return std::nullopt;
    RegisterReader(in, &fast).Root(root, reg);
    read = in.ok() && !in.fatal() && !internal::HasTrailingContent(doc);
  }  // the parser of the whole document (its index) is released before the rest of the systems is read
  if (read) fast.ReadEarlySystems();
  if (!fast.Finish(reg.systems) || !read) return std::nullopt;
  return reg;
}

// `data` (the document `json`) is changed only while the fast pass runs (FastPass::ReadEarlySystems).
ReadResult Parse(char* data, simdjson::padded_string_view json, size_t max_problems, PageRelease release) {
  ReadResult result;
  if (auto reg = ReadFast(data, json, release)) {
    release(json.data(), json.data() + json.length());  // all read: validation looks at the model only
    result.problems = Validate(*reg, max_problems);
    if (result.problems.empty()) result.reg = std::move(reg);
    return result;
  }
  // The exact pass: reads as far as the document allows and reports each problem with its path.
  JsonIn in("$", max_problems);
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  if (auto e = parser.iterate(json).get(doc)) {
    result.problems.push_back(
        model::SyntaxProblem("$", std::string("not a JSON document: ") + simdjson::error_message(e)));
    return result;
  }
  simdjson::ondemand::object root;
  if (auto e = doc.get_object().get(root)) {
    const bool type = e == simdjson::INCORRECT_TYPE;
    result.problems.push_back(
        type ? model::Problem{"$", "expected an object (an ansvar-register/1 document)"}
             : model::SyntaxProblem("$", std::string("not a JSON document: ") + simdjson::error_message(e)));
    return result;
  }
  Register reg;
  RegisterReader(in).Root(root, reg);
  if (!in.fatal() && internal::HasTrailingContent(doc))
    in.SyntaxErrorAt("$", "invalid JSON: content after the end of the document");
  result.problems = in.TakeProblems();
  if (!result.problems.empty()) return result;
  result.problems = Validate(reg, max_problems);
  if (result.problems.empty()) result.reg = std::move(reg);
  return result;
}

// A regular, non-empty file mapped privately (copy on write) and followed by zeroed padding, which simdjson reads
// past the end of the text: an anonymous mapping large enough for both, with the file mapped over its start.
class MappedFile {
 public:
  static std::unique_ptr<MappedFile> Open(const std::string& path) {
#if defined(__unix__)
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    std::unique_ptr<MappedFile> file;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      const size_t size = static_cast<size_t>(st.st_size);
      const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
      const size_t capacity = (size + simdjson::SIMDJSON_PADDING + page - 1) / page * page;
      void* base = ::mmap(nullptr, capacity, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (base != MAP_FAILED) {
        // Not MAP_POPULATE: on a writable private mapping it faults every page in for writing, which copies the
        // whole file into fresh anonymous memory. MADV_POPULATE_READ maps the page cache's own pages instead; the
        // one byte the fast pass changes for a while copies one page.
        if (::mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED) {
#if defined(MADV_POPULATE_READ)
          (void)::madvise(base, size, MADV_POPULATE_READ);  // only a hint: unpopulated pages fault in on reading
#endif
          file.reset(new MappedFile(static_cast<char*>(base), size, capacity));
        } else {
          ::munmap(base, capacity);
        }
      }
    }
    ::close(fd);
    return file;
#else
    (void)path;
    return nullptr;
#endif
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
#if defined(__unix__)
    ::munmap(data_, capacity_);
#endif
  }
  [[nodiscard]] char* data() const { return data_; }
  [[nodiscard]] size_t size() const { return size_; }
  [[nodiscard]] size_t capacity() const { return capacity_; }

 private:
  MappedFile(char* data, size_t size, size_t capacity) : data_(data), size_(size), capacity_(capacity) {}
  char* data_;
  size_t size_;
  size_t capacity_;
};

}  // namespace

namespace internal {
template <class T>
void ReadEntityValue(JsonIn& in, simdjson::ondemand::value v, T& out) {
  RegisterReader r(in);
  if constexpr (std::is_same_v<T, model::Organization>)
    r.Organization(v, out);
  else if constexpr (std::is_same_v<T, model::Committee>)
    r.Committee(v, out);
  else if constexpr (std::is_same_v<T, model::Administration>)
    r.Administration(v, out);
  else if constexpr (std::is_same_v<T, model::Person>)
    r.Person(v, out);
  else if constexpr (std::is_same_v<T, model::System>)
    r.System(v, out);
  else if constexpr (std::is_same_v<T, model::Delegation>)
    r.Delegation(v, out);
  else if constexpr (std::is_same_v<T, model::PowerOfAttorney>)
    r.PowerOfAttorney(v, out);
  else if constexpr (std::is_same_v<T, model::ProcessingActivity>)
    r.Activity(v, out);
  else if constexpr (std::is_same_v<T, model::ProcessorRecord>)
    r.ProcessorRecord(v, out);
  else if constexpr (std::is_same_v<T, model::Incident>)
    r.Incident(v, out);
  else if constexpr (std::is_same_v<T, model::DataSubjectRequest>)
    r.Request(v, out);
  else if constexpr (std::is_same_v<T, model::Cooperation>)
    r.Cooperation(v, out);
  else if constexpr (std::is_same_v<T, model::DpaDecision>)
    r.DpaDecision(v, out);
  else
    r.Agreement(v, out);
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
ANSVAR_ENTITY(model::Cooperation)
ANSVAR_ENTITY(model::DpaDecision)
#undef ANSVAR_ENTITY
}  // namespace internal

ReadResult ReadRegister(std::string_view text, size_t max_problems) {
  simdjson::padded_string padded(text);
  return Parse(padded.data(), padded, max_problems, PageRelease(false));
}

ReadResult ReadRegisterFile(const std::string& path, size_t max_problems) {
  // A regular file is mapped rather than copied; when it cannot be, it is read as before.
  if (auto mapped = MappedFile::Open(path))
    return Parse(mapped->data(), simdjson::padded_string_view(mapped->data(), mapped->size(), mapped->capacity()),
                 max_problems, PageRelease(true));
  simdjson::padded_string text;
  if (auto e = simdjson::padded_string::load(path).get(text)) {
    ReadResult r;
    r.problems.push_back({"$", "cannot read " + path + ": " + simdjson::error_message(e)});
    return r;
  }
  return Parse(text.data(), text, max_problems, PageRelease(false));
}

std::string FormatProblems(const std::vector<model::Problem>& problems, size_t max_lines) {
  std::string out;
  for (size_t i = 0; i < problems.size() && i < max_lines; ++i)
    out += problems[i].path + ": " + problems[i].message + "\n";
  if (problems.size() > max_lines) out += "... and " + std::to_string(problems.size() - max_lines) + " more\n";
  return out;
}

}  // namespace ansvar::io
