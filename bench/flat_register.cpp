#include "flat_register.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string_view>
#include <vector>

namespace ansvar::bench {
namespace {

// Pretty-printed JSON as Python's json module writes it (indent=2, ensure_ascii), into a file in large pieces.
class Emitter {
 public:
  explicit Emitter(std::FILE* f) : f_(f) {}
  ~Emitter() { Flush(); }
  Emitter(const Emitter&) = delete;
  Emitter& operator=(const Emitter&) = delete;

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k) {
    Item();
    Quoted(k);
    out_ += ": ";
    after_key_ = true;
  }
  void String(std::string_view s) {
    Item();
    Quoted(s);
  }
  void Int(int64_t i) {
    Item();
    out_ += std::to_string(i);
  }
  void Bool(bool b) {
    Item();
    out_ += b ? "true" : "false";
  }
  void Null() {
    Item();
    out_ += "null";
  }
  // Key and value together.
  void Field(std::string_view k, std::string_view s) { Key(k), String(s); }
  void Field(std::string_view k, const char* s) { Key(k), String(s); }
  void Field(std::string_view k, const std::string& s) { Key(k), String(s); }
  void Field(std::string_view k, int64_t i) { Key(k), Int(i); }
  void Field(std::string_view k, int i) { Key(k), Int(i); }
  void Field(std::string_view k, bool b) { Key(k), Bool(b); }
  void Strings(std::string_view k, const std::vector<std::string>& list) {
    Key(k);
    BeginArray();
    for (const auto& s : list) String(s);
    EndArray();
  }
  bool Flush() {
    const bool ok = std::fwrite(out_.data(), 1, out_.size(), f_) == out_.size();
    bytes_ += out_.size();
    out_.clear();
    return ok && ok_;
  }
  [[nodiscard]] size_t bytes() const { return bytes_ + out_.size(); }

 private:
  void Item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!counts_.empty()) {
      if (counts_.back()++ > 0) out_ += ',';
      out_ += '\n';
      out_.append(2 * counts_.size(), ' ');
    }
    if (out_.size() > (size_t{1} << 20)) ok_ = Flush() && ok_;
  }
  void Open(char c) {
    Item();
    out_ += c;
    counts_.push_back(0);
  }
  void Close(char c) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * counts_.size(), ' ');
    }
    out_ += c;
  }
  // UTF-8 in, ASCII out: non-ASCII as \uXXXX (surrogate pairs beyond the BMP).
  void Quoted(std::string_view s) {
    out_ += '"';
    for (size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c == '"' || c == '\\') {
        out_ += '\\';
        out_ += static_cast<char>(c);
      } else if (c < 0x20) {
        Escape(c);
      } else if (c < 0x80) {
        out_ += static_cast<char>(c);
      } else {
        uint32_t cp = 0;
        int more = 0;
        if ((c & 0xE0) == 0xC0)
          cp = c & 0x1F, more = 1;
        else if ((c & 0xF0) == 0xE0)
          cp = c & 0x0F, more = 2;
        else
          cp = c & 0x07, more = 3;
        for (int k = 0; k < more && i + 1 < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[++i]) & 0x3F);
        if (cp >= 0x10000) {
          cp -= 0x10000;
          Escape(0xD800 + (cp >> 10));
          Escape(0xDC00 + (cp & 0x3FF));
        } else {
          Escape(cp);
        }
      }
    }
    out_ += '"';
  }
  void Escape(uint32_t cp) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out_ += kHex[(cp >> shift) & 0xF];
  }

  std::FILE* f_;
  std::string out_;
  std::vector<size_t> counts_;  // items so far in each open object or array
  bool after_key_ = false;
  bool ok_ = true;
  size_t bytes_ = 0;
};

constexpr std::array<std::string_view, 6> kCommitteeNames = {"Barn- och utbildningsnämnden",  "Socialnämnden",
                                                             "Miljö- och hälsoskyddsnämnden", "Byggnadsnämnden",
                                                             "Kultur- och fritidsnämnden",    "Tekniska nämnden"};
constexpr std::array<std::string_view, 6> kCommitteeCodes = {"bun", "son", "mhn", "byn", "kfn", "tn"};
constexpr std::array<std::string_view, 12> kSuppliers = {
    "Tieto Evry", "CGI",      "Visma", "Microsoft",        "Atea",        "Lumell", "Pulsen",
    "Sokigo",     "Formpipe", "Unit4", "Åkerlund & Söner", "Ølstrøm Data"};
constexpr std::array<std::string_view, 5> kCategories = {"business_system", "digital_tool", "platform",
                                                         "commercial_service", "it_infrastructure"};

struct Municipality {
  std::string id, name;
  std::vector<std::string> committees;       // ks, service, the six, rev
  std::vector<std::string> administrations;  // ksf, sf, then one per committee of the six
  std::vector<std::string> people;           // by administration: 10 each
};

std::string Date(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

}  // namespace

bool WriteFlatRegister(const FlatOptions& options, const std::string& path, size_t& bytes) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return false;
  std::mt19937_64 rng(options.seed);
  auto chance = [&rng](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
  auto pick = [&rng](size_t n) { return static_cast<size_t>(rng() % n); };
  auto around = [&](int n) { return std::max(1, n - n / 10 + static_cast<int>(pick(static_cast<size_t>(n / 5 + 1)))); };

  std::vector<Municipality> towns(static_cast<size_t>(options.municipalities));
  for (size_t m = 0; m < towns.size(); ++m) {
    auto& t = towns[m];
    t.id = "k" + std::to_string(1000 + m);
    t.name = (m % 7 == 3 ? "Öster" : m % 7 == 5 ? "Ängel" : "Kommun ") + std::to_string(m + 1) + " kommun";
    for (std::string_view c : {"ks", "service"}) t.committees.push_back(t.id + "-" + std::string(c));
    for (auto c : kCommitteeCodes) t.committees.push_back(t.id + "-" + std::string(c));
    t.committees.push_back(t.id + "-rev");
    for (std::string_view a : {"ksf", "sf"}) t.administrations.push_back(t.id + "-" + std::string(a));
    for (auto c : kCommitteeCodes) t.administrations.push_back(t.id + "-" + std::string(c) + "f");
    for (const auto& a : t.administrations)
      for (int p = 0; p < 10; ++p) t.people.push_back(a + "-p" + std::to_string(p));
  }

  {
    Emitter o(f);
    o.BeginObject();
    // Keys in alphabetical order, as sort_keys=True gives them.
    o.Key("administrations");
    o.BeginArray();
    for (const auto& t : towns)
      for (size_t a = 0; a < t.administrations.size(); ++a) {
        o.BeginObject();
        o.Strings("committees", {t.committees[a]});
        o.Key("employing_committee");
        o.Null();
        o.Field("id", t.administrations[a]);
        o.Field("name", a == 0   ? "Kommunledningsförvaltningen"
                        : a == 1 ? "Serviceförvaltningen"
                                 : std::string(kCommitteeNames[a - 2]) + "s förvaltning");
        o.Field("organization", t.id);
        o.Key("units");
        o.BeginArray();
        if (a == 1)
          for (std::string_view u : {"dc", "ink"}) {
            o.BeginObject();
            o.Field("id", t.id + "-" + std::string(u));
            o.Field("kind", u == "dc" ? "digital_center" : "procurement");
            o.Field("name", u == "dc" ? "Digitalt center" : "Inköp");
            o.EndObject();
          }
        o.EndArray();
        o.EndObject();
      }
    o.EndArray();
    o.Field("as_of", options.as_of);
    o.Key("committees");
    o.BeginArray();
    for (const auto& t : towns)
      for (size_t c = 0; c < t.committees.size(); ++c) {
        o.BeginObject();
        o.Field("id", t.committees[c]);
        o.Field("kind", c == 0                         ? "executive_board"
                        : c == 1                       ? "service_committee"
                        : c + 1 == t.committees.size() ? "audit"
                                                       : "committee");
        o.Field("name", c == 0                         ? std::string("Kommunstyrelsen")
                        : c == 1                       ? std::string("Servicenämnden")
                        : c + 1 == t.committees.size() ? std::string("Revisionen")
                                                       : std::string(kCommitteeNames[c - 2]));
        o.Field("organization", t.id);
        o.EndObject();
      }
    o.EndArray();
    o.Key("data_subject_requests");
    o.BeginArray();
    o.EndArray();
    o.Key("delegations");
    o.BeginArray();
    o.EndArray();
    o.Field("format", "ansvar-register/1");
    o.Key("incidents");
    o.BeginArray();
    o.EndArray();
    o.Key("organizations");
    o.BeginArray();
    for (const auto& t : towns) {
      o.BeginObject();
      o.Field("dpo", t.people[0]);
      o.Field("id", t.id);
      o.Field("kind", "municipality");
      o.Key("management_review_on");
      if (chance(0.8))
        o.String(Date(2024, 1 + static_cast<int>(pick(12)), 1 + static_cast<int>(pick(28))));
      else
        o.Null();
      o.Field("name", t.name);
      o.EndObject();
    }
    o.EndArray();
    o.Key("people");
    o.BeginArray();
    for (const auto& t : towns)
      for (size_t p = 0; p < t.people.size(); ++p) {
        const size_t a = p / 10;
        const size_t k = p % 10;
        o.BeginObject();
        o.Field("administration", t.administrations[a]);
        o.Field("email", t.people[p] + "@" + t.id + ".example.se");
        o.Field("id", t.people[p]);
        o.Field("name", "Person " + std::to_string(p) + (k % 3 == 0 ? " Åström" : k % 3 == 1 ? " Nyström" : " Berg"));
        o.Key("title");
        if (a == 0 && k == 0)
          o.String("municipal_director");
        else if (a == 0 && k == 1)
          o.String("deputy_municipal_director");
        else if (k == 0)
          o.String("administration_director");
        else if (a == 1 && k == 1)
          o.String("digital_center_head");
        else if (k < 4)
          o.String("manager");
        else
          o.String("employee");
        o.Key("unit");
        if (a == 1 && k == 1)
          o.String(t.id + "-dc");
        else
          o.Null();
        o.EndObject();
      }
    o.EndArray();
    o.Key("powers_of_attorney");
    o.BeginArray();
    o.EndArray();
    o.Key("processing_activities");
    o.BeginArray();
    std::vector<int> system_counts(towns.size());
    for (size_t m = 0; m < towns.size(); ++m) system_counts[m] = around(options.systems);
    for (size_t m = 0; m < towns.size(); ++m) {
      const auto& t = towns[m];
      const int n = around(options.activities);
      for (int i = 0; i < n; ++i) {
        const size_t c = 2 + pick(6);
        o.BeginObject();
        o.Field("controller", t.committees[c]);
        o.Strings("data_categories", {"Namn", "Personnummer", "Kontaktuppgifter"});
        o.Strings("data_subjects", {"Invånare", "Elever"});
        o.Key("dpia");
        o.Null();
        o.Field("id", t.id + "-pa" + std::to_string(i));
        o.Key("joint_controllers");
        o.BeginArray();
        o.EndArray();
        o.Field("legal_basis", chance(0.7) ? "public_task" : "legal_obligation");
        o.Field("name", "Behandling " + std::to_string(i) + " för " + std::string(kCommitteeNames[c - 2]));
        o.Field("own_dpia_required", false);
        o.Field("process_code", std::to_string(1 + c) + "." + std::to_string(i % 9 + 1));
        o.Key("processor_committee");
        o.Null();
        o.Strings("purposes", {"Myndighetsutövning", "Service till invånare"});
        o.Strings("recipients", {"Ingen extern mottagare"});
        o.Field("retention", "Enligt dokumenthanteringsplan");
        o.Field("security_measures", "Behörighetsstyrning, loggning, kryptering");
        o.Field("start_date", Date(2010 + static_cast<int>(pick(14)), 1 + static_cast<int>(pick(12)), 1));
        o.Key("systems");
        o.BeginArray();
        const int k = 1 + static_cast<int>(pick(3));
        for (int s = 0; s < k; ++s) o.String(t.id + "-s" + std::to_string(pick(static_cast<size_t>(system_counts[m]))));
        o.EndArray();
        o.Key("threshold_analysis");
        if (chance(0.85)) {
          o.BeginObject();
          o.Key("criteria");
          o.BeginArray();
          if (chance(0.2)) o.String("sensitive_data");
          o.EndArray();
          o.Field("done_on", Date(2020 + static_cast<int>(pick(5)), 1 + static_cast<int>(pick(12)), 1));
          o.Field("dpo_commented", false);
          o.Key("motivation");
          o.Null();
          o.EndObject();
        } else {
          o.Null();
        }
        o.Key("transfers");
        o.BeginArray();
        o.EndArray();
        o.EndObject();
      }
    }
    o.EndArray();
    o.Key("processor_records");
    o.BeginArray();
    o.EndArray();
    o.Key("systems");
    o.BeginArray();
    for (size_t m = 0; m < towns.size(); ++m) {
      const auto& t = towns[m];
      for (int i = 0; i < system_counts[m]; ++i) {
        const size_t a = pick(t.administrations.size());
        const bool wide = chance(0.15);
        const bool personal = chance(0.7);
        const bool external = chance(0.75);
        const auto category = kCategories[pick(kCategories.size())];
        const std::string sid = t.id + "-s" + std::to_string(i);
        o.BeginObject();
        o.Field("active_since", Date(2005 + static_cast<int>(pick(19)), 1 + static_cast<int>(pick(12)), 1));
        o.Field("category", category);
        o.Key("classification");
        if (chance(0.8)) {
          o.BeginObject();
          o.Field("availability", 1 + static_cast<int>(pick(3)));
          o.Field("confidentiality", 1 + static_cast<int>(pick(3)));
          o.Field("integrity", 1 + static_cast<int>(pick(3)));
          o.EndObject();
        } else {
          o.Null();
        }
        o.Key("documents");
        o.BeginArray();
        o.BeginObject();
        o.Field("diary_number", "KS-" + std::to_string(2015 + pick(9)) + "-" + std::to_string(100 + pick(900)));
        o.Field("id", sid + "-d1");
        o.Field("kind", "base_contract");
        o.Field("valid_from", Date(2020, 1, 1));
        o.Field("valid_to", Date(2026 + static_cast<int>(pick(3)), 12, 31));
        o.EndObject();
        if (personal && external && chance(0.85)) {
          o.BeginObject();
          o.Strings("clauses", {"28.3.a", "28.3.b", "28.3.c", "28.3.d", "28.3.e", "28.3.f", "28.3.g", "28.3.h"});
          o.Field("id", sid + "-d2");
          o.Field("kind", "dpa");
          o.Strings("on_behalf_of", {t.committees[a]});
          o.Field("signed_by", t.people[a * 10]);
          o.Field("signed_on", Date(2021, 1 + static_cast<int>(pick(12)), 1));
          o.EndObject();
        }
        o.EndArray();
        o.Field("fee", chance(0.5));
        o.Key("forums");
        o.BeginArray();
        o.EndArray();
        o.Field("hosting", external ? "external" : "internal");
        o.Field("id", sid);
        o.Key("integrations");
        o.BeginArray();
        if (i > 0 && chance(0.3)) {
          o.BeginObject();
          o.Field("personal_data", personal);
          o.Field("to", t.id + "-s" + std::to_string(pick(static_cast<size_t>(i))));
          o.EndObject();
        }
        o.EndArray();
        o.Field("lifecycle", chance(0.9) ? "active" : "retiring");
        o.Field("name", std::string(kSuppliers[pick(kSuppliers.size())]) + " " + std::to_string(i));
        o.Field("own_support_process", false);
        o.Field("owner_administration", t.administrations[a]);
        o.Field("personal_data", personal);
        o.Strings("processing_countries", {"SE"});
        o.Key("reviews");
        o.BeginArray();
        o.EndArray();
        // Few roles: the owner, mostly a steward or two, seldom more.
        o.Key("roles");
        o.BeginArray();
        const auto role = [&](std::string_view kind, size_t person) {
          o.BeginObject();
          o.Field("person", t.people[a * 10 + person]);
          o.Field("role", kind);
          o.EndObject();
        };
        if (chance(0.95)) role("owner", 0);
        if (chance(0.9)) role("system_steward", 4 + pick(6));
        if (chance(0.8)) role("technical_steward", 4 + pick(6));
        if (chance(0.5)) role("system_administrator", 4 + pick(6));
        if (chance(0.3)) role("budget_holder", 1 + pick(3));
        o.EndArray();
        o.Field("scope", wide ? "municipality_wide" : "administration_specific");
        o.Field("special_categories", personal && chance(0.1));
        o.Key("supplier");
        if (external)
          o.String(kSuppliers[pick(kSuppliers.size())]);
        else
          o.Null();
        o.Key("used_by");
        o.BeginArray();
        o.String(t.administrations[a]);
        if (wide)
          for (size_t u = 0; u < t.administrations.size(); ++u)
            if (u != a) o.String(t.administrations[u]);
        o.EndArray();
        o.EndObject();
      }
    }
    o.EndArray();
    o.EndObject();
    bytes = o.bytes();
    if (!o.Flush()) {
      std::fclose(f);
      return false;
    }
  }
  return std::fclose(f) == 0;
}

}  // namespace ansvar::bench
