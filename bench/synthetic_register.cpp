#include "synthetic_register.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rules/rulebook.hpp"

namespace ansvar::bench {
namespace {

using model::Category;
using model::CommitteeKind;
using model::Date;
using model::DocumentKind;
using model::Lifecycle;
using model::OrganizationKind;
using model::RoleKind;
using model::Scope;
using model::Title;

constexpr size_t kNone = static_cast<size_t>(-1);

// xoshiro256** seeded with splitmix64: the same seed gives the same register on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ull;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<size_t>(hi - lo + 1))); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  double Normal() {
    const double u1 = (static_cast<double>(Next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = Unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  template <class T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  template <class T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }
  size_t Weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double r = Unit() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (r < weights[i]) return i;
      r -= weights[i];
    }
    return weights.size() - 1;
  }
  template <class T>
  void Shuffle(std::vector<T>& items) {
    for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[Below(i)]);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

std::string Pad(size_t n, size_t width) {
  std::string s = std::to_string(n);
  if (s.size() < width) s.insert(0, width - s.size(), '0');
  return s;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// ---- Vocabulary -------------------------------------------------------------------------------------------------

constexpr std::string_view kNamePrefixes[] = {"Kungs", "Strand", "Berg", "Ljung", "Ek",    "Björk", "Sjö",
                                              "Holm",  "Lind",   "Vall", "Norr",  "Sunds", "Öster", "Väster",
                                              "Mal",   "Fal",    "Hed",  "Tran",  "Mör",   "Gran"};
constexpr std::string_view kNameSuffixes[] = {"backa", "vik", "by",  "köping", "torp", "sund", "holm", "berga",
                                              "hamn",  "näs", "dal", "stad",   "fors", "ås",   "ryd",  "hult"};
constexpr std::string_view kRegionNames[] = {"Skåne",
                                             "Halland",
                                             "Västra Götaland",
                                             "Stockholm",
                                             "Uppsala",
                                             "Sörmland",
                                             "Östergötland",
                                             "Jönköping",
                                             "Kronoberg",
                                             "Kalmar",
                                             "Gotland",
                                             "Blekinge",
                                             "Värmland",
                                             "Örebro",
                                             "Västmanland",
                                             "Dalarna",
                                             "Gävleborg",
                                             "Västernorrland",
                                             "Jämtland Härjedalen",
                                             "Västerbotten",
                                             "Norrbotten"};

struct CommitteeTemplate {
  std::string_view code;
  std::string_view name;
};
constexpr CommitteeTemplate kMunicipalCommittees[] = {
    {"bn", "Byggnadsnämnden"},
    {"mhn", "Miljö- och hälsoskyddsnämnden"},
    {"son", "Socialnämnden"},
    {"fgn", "Förskole- och grundskolenämnden"},
    {"gyn", "Gymnasienämnden"},
    {"kfn", "Kultur- och fritidsnämnden"},
    {"tn", "Tekniska nämnden"},
    {"von", "Vård- och omsorgsnämnden"},
    {"ifn", "Individ- och familjeomsorgsnämnden"},
    {"vn", "Valnämnden"},
    {"ofn", "Överförmyndarnämnden"},
    {"amn", "Arbetsmarknadsnämnden"},
    {"sbn", "Samhällsbyggnadsnämnden"},
    {"rn", "Räddningsnämnden"},
    {"frn", "Fritidsnämnden"},
};
constexpr CommitteeTemplate kRegionalCommittees[] = {
    {"hsn", "Hälso- och sjukvårdsnämnden"},
    {"ktn", "Kollektivtrafiknämnden"},
    {"kn", "Kulturnämnden"},
    {"run", "Regionala utvecklingsnämnden"},
    {"pn", "Patientnämnden"},
    {"tvn", "Tandvårdsnämnden"},
    {"pvn", "Primärvårdsnämnden"},
    {"svn", "Specialistvårdsnämnden"},
    {"fhn", "Folkhälsonämnden"},
    {"ffn", "Fastighetsnämnden"},
    {"nbn", "Naturbruksnämnden"},
    {"lmn", "Läkemedelsnämnden"},
};

constexpr std::string_view kFirstNames[] = {
    "Anna",  "Erik",   "Maria",  "Lars",   "Karin",    "Anders", "Eva",    "Johan",  "Sara",   "Per",
    "Lena",  "Mikael", "Emma",   "Karl",   "Kristina", "Peter",  "Elin",   "Jonas",  "Ingrid", "Fredrik",
    "Sofia", "Magnus", "Linnea", "Henrik", "Ida",      "Olof",   "Malin",  "Mats",   "Hanna",  "Gustav",
    "Åsa",   "Björn",  "Elsa",   "Nils",   "Maja",     "Jan",    "Astrid", "Stefan", "Frida",  "Oskar"};
constexpr std::string_view kLastNames[] = {
    "Andersson",   "Johansson",  "Karlsson",   "Nilsson",   "Eriksson", "Larsson",   "Olsson",    "Persson",
    "Svensson",    "Gustafsson", "Pettersson", "Jonsson",   "Jansson",  "Hansson",   "Bengtsson", "Jönsson",
    "Lindberg",    "Jakobsson",  "Magnusson",  "Lindström", "Olofsson", "Lindqvist", "Lindgren",  "Berg",
    "Axelsson",    "Bergström",  "Lundberg",   "Lind",      "Lundgren", "Lundqvist", "Mattsson",  "Berglund",
    "Fredriksson", "Sandberg",   "Henriksson", "Forsberg",  "Sjöberg",  "Wallin",    "Engström",  "Eklund"};

// Products per category, in the order of model::Category.
const std::vector<std::vector<std::string_view>>& Products() {
  static const std::vector<std::vector<std::string_view>> products = {
      {"Facebook", "Instagram", "LinkedIn", "YouTube", "Spotify", "Flickr", "Vimeo", "Threads"},
      {"Sjunet", "NPÖ", "Pascal", "SITHS Admin", "SSBTEK", "Navet", "Efos", "Intygstjänster",
       "Skolverkets bedömningsportal", "Mina ombud"},
      {"Ekopost", "Kivra", "Digitala invånarmöten", "SMS från Outlook", "Mentimeter", "Netigate", "Zoom", "Trello",
       "Canva", "Scrive", "Miro", "Survey & Report", "Min myndighetspost", "Dropbox"},
      {"KIA",         "AutoCad", "Mashie",   "Adobe Creative Cloud", "ArcGIS Pro", "Power BI", "Qlik Sense",
       "SPSS",        "Nvivo",   "Skolplus", "Inläsningstjänst",     "Legimus",    "NE",       "Bookwidgets",
       "ReadSpeaker", "Tableau", "Quizlet",  "Matteappen",           "Polyglutt",  "Ordbanken"},
      {"Stratsys",   "Raindance",  "Combine",         "Personec",      "Procapita", "Treserva",
       "Lifecare",   "Ecos",       "Public 360",      "W3D3",          "Ciceron",   "Heroma",
       "Hypergene",  "Flexite",    "Tieto Education", "Skola24",       "Unikum",    "Vklass",
       "InfoMentor", "Viva",       "ByggR",           "Castor",        "Geosecma",  "Matilda",
       "Medvind",    "Time Care",  "Visma Window",    "Netpublicator", "Agresso",   "Unit4 ERP",
       "Evolution",  "Extens",     "Dexter",          "Lupin",         "Platina",   "Meetings Plus",
       "EDP Vision", "FRI Fritid", "Bookit",          "Alfa e-Arkiv"},
      {"Sitevision", "Open ePlatform", "Microsoft 365", "Blue Prism", "ServiceNow", "Azure", "Optimizely", "Frends",
       "Power Platform", "SharePoint Online", "Nintex", "Mulesoft"},
      {"Active Directory",
       "DNS",
       "ADFS",
       "DHCP",
       "VMware vSphere",
       "Citrix",
       "Veeam Backup",
       "Brandvägg",
       "LAN",
       "WLAN",
       "Utskriftstjänst",
       "Intune",
       "Entra ID",
       "PKI",
       "SIEM",
       "E-postgateway",
       "SAN-lagring",
       "Databasplattform",
       "VPN",
       "Fjärrskrivbord"},
  };
  return products;
}

constexpr std::string_view kSuppliers[] = {"CGI",       "Tietoevry", "Visma",      "Microsoft", "Atea",      "Sokigo",
                                           "Formpipe",  "Unit4",     "Netcompany", "Stratsys",  "Lumera",    "Infor",
                                           "Hypergene", "Canea",     "Evry",       "Addnode",   "Pulsen",    "Axiell",
                                           "Cambio",    "Dedalus",   "Exor",       "Knowit",    "Softronic", "Sweco"};

constexpr std::string_view kProcesses[] = {
    "Bygglovshandläggning",  "Löneadministration",   "Rekrytering",       "Elevdokumentation",
    "Ekonomiadministration", "Diarieföring",         "Kontaktcenter",     "Fakturering",
    "Biståndshandläggning",  "Hemtjänstplanering",   "Skolskjuts",        "Tillsyn av livsmedel",
    "Barnomsorgskö",         "Färdtjänst",           "Försörjningsstöd",  "Vuxenutbildning",
    "Bibliotekslån",         "Föreningsbidrag",      "Bostadsanpassning", "Parkeringstillstånd",
    "Synpunktshantering",    "Personalhandläggning", "Schemaläggning",    "Måltidsbeställning",
    "Kundreskontra",         "Leverantörsreskontra", "Arkivering",        "Nämndadministration",
    "Kulturskola",           "Hälso- och sjukvård",  "Tandvård",          "Kollektivtrafikbiljetter",
    "Ledarskapsutbildning",  "Lokalbokning",         "Felanmälan",        "Avfallsabonnemang",
    "Överförmyndartillsyn",  "Krisberedskap",        "Medborgardialog",   "Elevhälsa"};
constexpr std::string_view kPurposes[] = {
    "Myndighetsutövning",       "Handläggning av ärenden",   "Fullgöra rättslig förpliktelse",
    "Service till invånare",    "Personaladministration",    "Ekonomisk redovisning",
    "Dokumentation enligt lag", "Uppföljning och statistik", "Kommunikation med invånare",
    "Planering av verksamhet"};
constexpr std::string_view kDataSubjects[] = {"Invånare", "Medarbetare",  "Elever",    "Vårdnadshavare", "Brukare",
                                              "Sökande",  "Leverantörer", "Patienter", "Förtroendevalda"};
constexpr std::string_view kDataCategories[] = {
    "Namn",           "Personnummer",         "Kontaktuppgifter",      "Adress", "Ärendeuppgifter",
    "Hälsouppgifter", "Ekonomiska uppgifter", "Anställningsuppgifter", "Bilder", "Loggdata"};
constexpr std::string_view kRecipients[] = {"Skatteverket",
                                            "Försäkringskassan",
                                            "Leverantör (biträde)",
                                            "Statistiska centralbyrån",
                                            "Länsstyrelsen",
                                            "Inga externa mottagare",
                                            "Regionen",
                                            "Skolverket"};
constexpr std::string_view kRetention[] = {"Gallras efter 2 år", "Gallras efter 5 år", "Bevaras",
                                           "Gallras vid inaktualitet", "Gallras efter 10 år"};
constexpr std::string_view kSecurity[] = {"Behörighetsstyrning, loggning och kryptering",
                                          "Tvåfaktorsinloggning och behörighetsstyrning",
                                          "Rollbaserad åtkomst och loggning", "Kryptering i vila och under överföring"};
constexpr std::string_view kRequestKinds[] = {"access",  "access",      "access",    "rectification",
                                              "erasure", "restriction", "objection", "portability"};
constexpr std::string_view kClauses[] = {"28.3.a",
                                         "28.3.b",
                                         "28.3.c",
                                         "28.3.d",
                                         "28.3.e",
                                         "28.3.f",
                                         "28.3.g",
                                         "28.3.h",
                                         "audit_information",
                                         "erase_or_return",
                                         "staff_confidentiality"};

// ---- Gaps: what a non-compliant system lacks ---------------------------------------------------------------------

enum Gap : unsigned {
  kGapRoleMissing,
  kGapOwnerTitle,
  kGapTwoOwners,
  kGapOwnerOnService,
  kGapTechSteward,
  kGapBudgetEmployee,
  kGapScopeOwner,
  kGapOwnerNotUser,
  kGapUsedByAll,
  kGapDocMissing,
  kGapPlan,
  kGapReport,
  kGapContractReview,
  kGapContractExpiry,
  kGapDiary,
  kGapDpaSigner,
  kGapFullmakt,
  kGapClauses,
  kGapProcessorRecord,
  kGapTransfer,
  kGapFlow,
  kGapAccessReview,
  kGapLogReview,
  kGapClassification,
  kGapCompanyDpa,
  kGapCount
};
constexpr std::array<double, kGapCount> kGapWeights = {10, 3, 1, 1, 3, 3, 2, 2, 1, 8, 7, 7, 6,
                                                       6,  6, 2, 3, 4, 3, 2, 2, 8, 8, 5, 2};

// ---- The generator -----------------------------------------------------------------------------------------------

class Generator {
 public:
  explicit Generator(const SyntheticOptions& options)
      : opt_(options), rng_(options.seed), crng_(options.seed ^ 0xc00bU), rb_(rules::Rulebook::Default()) {
    as_of_ = model::ParseDate(options.as_of).value_or(Date::FromYmd(2025, 6, 15));
    year_ = as_of_.year();
  }

  model::Register Run();

 private:
  struct Admin {
    size_t org = kNone;
    std::string id;
    std::vector<std::string> committees;
    size_t director = kNone;
    std::vector<size_t> managers;
    std::vector<size_t> employees;
    [[nodiscard]] const std::string& employing() const { return committees.front(); }
  };

  struct Org {
    std::string id;
    std::string name;
    OrganizationKind kind = OrganizationKind::kMunicipality;
    size_t region = kNone;  // municipalities: the index of their region in orgs_
    double maturity = 1;
    double gap_p = 0;
    std::string ks, service, audit;
    std::vector<std::string> committees;
    size_t ks_admin = kNone, service_admin = kNone;
    std::vector<size_t> admins;
    size_t municipal_director = kNone, deputy = kNone, dpo = kNone, dc_head = kNone, dc_manager = kNone;
    std::vector<size_t> dc_staff;
    std::vector<size_t> systems;
    std::vector<size_t> mw_pd_systems;
    std::vector<size_t> companies;
    size_t next_person = 0, next_system = 0, next_activity = 0, next_incident = 0, next_request = 0;
    std::unordered_map<std::string_view, int> product_count;
  };

  struct Sys {
    size_t org = kNone;
    size_t owner_admin = kNone;
    size_t owner = kNone;  // person
    size_t budget_holder = kNone;
    uint32_t gaps = 0;
    bool third_country = false;
    bool reference_dpia = false;
    bool log_report = false;  // the log review is a log_review_report document
    std::optional<Date> log_done;
    std::vector<size_t> user_admins;
    std::vector<size_t> company_users;  // org indices
    std::vector<std::string> controllers;
    [[nodiscard]] bool Has(Gap g) const { return ((gaps >> g) & 1u) != 0; }
  };

  // Structure.
  size_t AddOrganization(std::string id, std::string name, OrganizationKind kind);
  void BuildPublicBody(size_t oi, int n_systems);
  void BuildCompany(size_t parent, bool foundation);
  std::string AddCommittee(Org& o, std::string_view code, std::string_view name, CommitteeKind kind);
  size_t AddAdministration(size_t oi, std::string id, std::string name, std::vector<std::string> committees,
                           bool explicit_employing);
  size_t AddPerson(size_t admin, Title title, const char* unit = nullptr);
  void Staff(size_t admin, int managers, int employees);

  // Systems.
  uint32_t RollGaps(double p);
  size_t NewSystem(size_t oi, Category cat, std::string name);
  void MakeSystem(size_t oi);
  void AddRoles(size_t si);
  void AddForumsAndReviews(size_t si);
  void AddIntegrations(size_t oi);
  void AddActivities(size_t oi);
  size_t MakeActivity(size_t oi, size_t si, const std::string& controller);
  void SharedRegionalSystems();
  void CoverCooperationDpas();
  void AddCooperation(const std::string& id, const std::string& name, const std::vector<size_t>& parties,
                      const std::vector<size_t>& user_admins, const model::SystemId& system, Date signed_on,
                      double gap);
  void Finish(size_t si);
  void AddDocuments(size_t si);
  void Incidents();
  void Requests();
  void Delegations();

  // Helpers.
  size_t Manager(size_t admin) {
    const auto& a = admins_[admin];
    return a.managers.empty() ? a.director : a.managers[rng_.Below(a.managers.size())];
  }
  size_t Employee(size_t admin) {
    const auto& a = admins_[admin];
    return a.employees.empty() ? Manager(admin) : a.employees[rng_.Below(a.employees.size())];
  }
  size_t DcStaff(const Org& o) { return o.dc_staff.empty() ? o.dc_head : o.dc_staff[rng_.Below(o.dc_staff.size())]; }
  const std::string& PersonId(size_t p) const { return reg_.people[p].id.str(); }
  Date RandomDate(Date lo, Date hi) {
    if (hi <= lo) return lo;
    return Date::FromDays(lo.days() + static_cast<int32_t>(rng_.Below(static_cast<size_t>(hi.days() - lo.days() + 1))));
  }
  Date DaysAgo(int lo, int hi) { return as_of_.AddDays(-rng_.Between(lo, hi)); }
  std::string Diary(const std::string& committee, int year) {
    const auto dash = committee.rfind('-');
    return Upper(std::string_view(committee).substr(dash == std::string::npos ? 0 : dash + 1)) + "-" +
           std::to_string(year) + "-" + Pad(static_cast<size_t>(rng_.Between(1, 99999)), 5);
  }
  const std::string& CommitteeOfPerson(size_t p) const { return admins_[person_admin_[p]].employing(); }
  bool InOperation(const model::System& s) const {
    return s.lifecycle == Lifecycle::kActive || s.lifecycle == Lifecycle::kRetiring;
  }
  size_t AdminServing(const Org& o, std::initializer_list<std::string_view> codes) {
    for (auto code : codes)
      for (size_t a : o.admins)
        for (const auto& c : admins_[a].committees)
          if (c.size() > o.id.size() + 1 && std::string_view(c).substr(o.id.size() + 1) == code) return a;
    std::vector<size_t> others;
    for (size_t a : o.admins)
      if (a != o.ks_admin && a != o.service_admin) others.push_back(a);
    return others.empty() ? o.admins.front() : rng_.Pick(others);
  }

  const SyntheticOptions& opt_;
  Rng rng_;
  Rng crng_;  // the cooperations' own: the rest of the register is the same with and without them
  rules::Rulebook rb_;
  Date as_of_;
  int year_ = 2025;

  model::Register reg_;
  std::vector<Org> orgs_;
  std::vector<Admin> admins_;
  std::vector<Sys> sys_;
  std::vector<size_t> person_admin_;
  std::vector<std::vector<uint32_t>> acts_of_;
  std::unordered_map<std::string, size_t> committee_admin_;  // the first administration serving a committee
  std::unordered_map<std::string, size_t> admin_index_;
};

size_t Generator::AddOrganization(std::string id, std::string name, OrganizationKind kind) {
  const size_t oi = orgs_.size();
  auto& o = orgs_.emplace_back();
  o.id = std::move(id);
  o.name = std::move(name);
  o.kind = kind;
  o.maturity = rng_.Unit();
  o.gap_p = std::min(0.9, opt_.gap_rate * (0.04 + 0.22 * std::pow(1.0 - o.maturity, 1.5)));
  auto& org = reg_.organizations.emplace_back();
  org.id = model::OrganizationId(o.id);
  org.name = o.name;
  org.kind = kind;
  const double r = rng_.Unit();
  if (r < 0.03 * opt_.gap_rate) {
    // never reviewed
  } else if (r < 0.12 * opt_.gap_rate) {
    org.management_review_on = DaysAgo(380, 720);
  } else {
    org.management_review_on = DaysAgo(20, 330);
  }
  return oi;
}

std::string Generator::AddCommittee(Org& o, std::string_view code, std::string_view name, CommitteeKind kind) {
  auto& c = reg_.committees.emplace_back();
  std::string id = o.id + "-" + std::string(code);
  c.id = model::CommitteeId(id);
  c.organization = model::OrganizationId(o.id);
  c.name = std::string(name);
  c.kind = kind;
  o.committees.push_back(id);
  return id;
}

size_t Generator::AddAdministration(size_t oi, std::string id, std::string name, std::vector<std::string> committees,
                                    bool explicit_employing) {
  const size_t ai = admins_.size();
  auto& a = reg_.administrations.emplace_back();
  a.id = model::AdministrationId(id);
  a.organization = model::OrganizationId(orgs_[oi].id);
  a.name = std::move(name);
  for (const auto& c : committees) a.committees.emplace_back(c);
  if (explicit_employing || committees.size() > 1) a.employing_committee = model::CommitteeId(committees.front());
  for (const auto& c : committees) committee_admin_.emplace(c, ai);
  admin_index_.emplace(id, ai);
  auto& info = admins_.emplace_back();
  info.org = oi;
  info.id = std::move(id);
  info.committees = std::move(committees);
  return ai;
}

size_t Generator::AddPerson(size_t admin, Title title, const char* unit) {
  auto& o = orgs_[admins_[admin].org];
  const size_t pi = reg_.people.size();
  auto& p = reg_.people.emplace_back();
  std::string id = o.id + "-p" + Pad(++o.next_person, 5);
  p.name = std::string(rng_.Pick(kFirstNames)) + " " + std::string(rng_.Pick(kLastNames));
  p.email = id + "@" + o.id + ".example.se";
  p.id = model::PersonId(std::move(id));
  p.administration = model::AdministrationId(admins_[admin].id);
  if (unit != nullptr) p.unit = model::UnitId(unit);
  p.title = title;
  person_admin_.push_back(admin);
  auto& a = admins_[admin];
  if (title == Title::kAdministrationDirector)
    a.director = pi;
  else if (title == Title::kManager && unit == nullptr)
    a.managers.push_back(pi);
  else if (title == Title::kEmployee && unit == nullptr)
    a.employees.push_back(pi);
  return pi;
}

void Generator::Staff(size_t admin, int managers, int employees) {
  AddPerson(admin, Title::kAdministrationDirector);
  for (int i = 0; i < managers; ++i) AddPerson(admin, Title::kManager);
  for (int i = 0; i < employees; ++i) AddPerson(admin, Title::kEmployee);
}

std::string AdministrationName(std::string_view committee) {
  constexpr std::string_view kSuffix = "nämnden";
  if (committee.ends_with(kSuffix))
    return std::string(committee.substr(0, committee.size() - kSuffix.size())) + "förvaltningen";
  return "Förvaltningen för " + std::string(committee);
}

void Generator::BuildPublicBody(size_t oi, int n_systems) {
  const bool region = orgs_[oi].kind == OrganizationKind::kRegion;
  {
    auto& o = orgs_[oi];
    o.ks = AddCommittee(o, "ks", region ? "Regionstyrelsen" : "Kommunstyrelsen", CommitteeKind::kExecutiveBoard);
    o.service =
        AddCommittee(o, "sn", region ? "Servicenämnden" : "Nämnden för Service", CommitteeKind::kServiceCommittee);
  }
  // The other committees: more for larger bodies.
  const int n_other =
      std::clamp(6 + static_cast<int>(std::log2(std::max(1.0, n_systems / 60.0))) + rng_.Between(0, 2), 6, 12);
  std::vector<CommitteeTemplate> templates;
  if (region)
    templates.assign(std::begin(kRegionalCommittees), std::end(kRegionalCommittees));
  else
    templates.assign(std::begin(kMunicipalCommittees), std::end(kMunicipalCommittees));
  rng_.Shuffle(templates);
  templates.resize(static_cast<size_t>(n_other));
  std::vector<std::pair<std::string, std::string>> others;  // id, name
  for (const auto& t : templates)
    others.emplace_back(AddCommittee(orgs_[oi], t.code, t.name, CommitteeKind::kCommittee), t.name);
  orgs_[oi].audit = AddCommittee(orgs_[oi], "rev", "Revisionen", CommitteeKind::kAudit);

  // Administrations: the executive board's, Service's (with the Digital center), and 5-10 others, some of which
  // serve two committees.
  const std::string& oid = orgs_[oi].id;
  const size_t ksf = AddAdministration(
      oi, oid + "-ksf", region ? "Regionledningskontoret" : "Kommunstyrelsens förvaltning", {orgs_[oi].ks}, false);
  const size_t sf = AddAdministration(oi, oid + "-sf", region ? "Regionservice" : "Förvaltningen för Service",
                                      {orgs_[oi].service}, false);
  reg_.administrations[sf].units = {{model::UnitId("dc"), "Digitalt center", model::UnitKind::kDigitalCenter},
                                    {model::UnitId("ink"), "Inköp", model::UnitKind::kProcurement}};
  const int n_admins = std::clamp(static_cast<int>(std::lround(n_other * 0.75)), 5, std::min(10, n_other - 1));
  std::vector<std::vector<std::string>> groups(static_cast<size_t>(n_admins));
  std::vector<std::string> group_names(static_cast<size_t>(n_admins));
  for (size_t i = 0; i < others.size(); ++i) {
    const size_t g = i < groups.size() ? i : rng_.Below(groups.size());
    if (groups[g].empty()) group_names[g] = AdministrationName(others[i].second);
    groups[g].push_back(others[i].first);
  }
  orgs_[oi].ks_admin = ksf;
  orgs_[oi].service_admin = sf;
  orgs_[oi].admins = {ksf, sf};
  for (size_t g = 0; g < groups.size(); ++g) {
    const size_t ai =
        AddAdministration(oi, oid + "-f" + std::to_string(g + 1), group_names[g], groups[g], rng_.Chance(0.2));
    if (rng_.Chance(0.3))
      reg_.administrations[ai].units.push_back({model::UnitId("stab"), "Stab", model::UnitKind::kOther});
    orgs_[oi].admins.push_back(ai);
  }

  // People of every title.
  const int a = static_cast<int>(orgs_[oi].admins.size());
  const int managers = 2 + n_systems / (a * 12);
  const int employees = 4 + n_systems / (a * 4);
  for (size_t ai : std::vector<size_t>(orgs_[oi].admins)) Staff(ai, managers, employees);
  auto& o = orgs_[oi];
  o.municipal_director = AddPerson(ksf, Title::kMunicipalDirector);
  o.deputy = AddPerson(ksf, Title::kDeputyMunicipalDirector);
  o.dpo = AddPerson(ksf, Title::kEmployee);
  reg_.people[o.dpo].name = "Dataskyddsombud " + o.name;
  reg_.organizations[oi].dpo = model::PersonId(PersonId(o.dpo));
  o.dc_head = AddPerson(sf, Title::kDigitalCenterHead, "dc");
  o.dc_manager = AddPerson(sf, Title::kManager, "dc");
  const int dc = 3 + n_systems / 30;
  for (int i = 0; i < dc; ++i) o.dc_staff.push_back(AddPerson(sf, Title::kEmployee, "dc"));
  for (int i = 0; i < 2; ++i) AddPerson(sf, Title::kEmployee, "ink");

  for (int i = 0; i < n_systems; ++i) MakeSystem(oi);
  AddIntegrations(oi);
  AddActivities(oi);
}

void Generator::BuildCompany(size_t parent, bool foundation) {
  const std::string pid = orgs_[parent].id;
  const std::string pname = orgs_[parent].name;
  const std::string base = pname.substr(0, pname.find(' '));
  std::string id = pid + (foundation ? "-stift" : "-ab") + std::to_string(orgs_[parent].companies.size() + 1);
  std::string name = foundation ? "Stiftelsen " + base + " kulturhus" : base + " Bostäder AB";
  const size_t ci = AddOrganization(std::move(id), std::move(name),
                                    foundation ? OrganizationKind::kFoundation : OrganizationKind::kCompany);
  orgs_[parent].companies.push_back(ci);
  auto& c = orgs_[ci];
  c.region = orgs_[parent].region;
  // One shared DPO for the municipality, also usable by its companies.
  reg_.organizations[ci].dpo = reg_.organizations[parent].dpo;
  const std::string board = AddCommittee(c, "styr", "Styrelsen", CommitteeKind::kCommittee);
  const size_t ai = AddAdministration(ci, orgs_[ci].id + "-adm", orgs_[ci].name, {board}, false);
  orgs_[ci].admins = {ai};
  orgs_[ci].ks_admin = ai;
  orgs_[ci].ks = board;
  Staff(ai, rng_.Between(1, 2), rng_.Between(3, 6));

  // Its own systems: administration-specific, run by the supplier, technically stewarded by the parent's Digital
  // center.
  const int n = rng_.Between(2, 5);
  for (int i = 0; i < n; ++i) {
    const Category cat = rng_.Chance(0.5) ? Category::kCommercialService : Category::kDigitalTool;
    const auto& products = Products()[static_cast<size_t>(cat)];
    const size_t si = NewSystem(ci, cat, std::string(products[rng_.Below(products.size())]));
    auto& s = reg_.systems[si];
    auto& x = sys_[si];
    x.gaps = RollGaps(orgs_[ci].gap_p);
    s.scope = Scope::kAdministrationSpecific;
    s.owner_administration = model::AdministrationId(admins_[ai].id);
    s.used_by = {model::AdministrationId(admins_[ai].id)};
    x.owner_admin = ai;
    x.user_admins = {ai};
    s.hosting = model::Hosting::kExternal;
    s.supplier = std::string(rng_.Pick(kSuppliers));
    s.personal_data = rng_.Chance(0.7);
    s.fee = true;
    s.lifecycle = Lifecycle::kActive;
    s.active_since = Date::FromYmd(rng_.Between(2012, year_ - 1), static_cast<unsigned>(rng_.Between(1, 12)), 1);
    s.classification = model::Classification::Levels(rng_.Between(1, 2), rng_.Between(1, 3), rng_.Between(1, 3));
    if (s.personal_data && x.Has(kGapClassification)) s.classification.reset();
    s.processing_countries = {"SE"};
    AddRoles(si);
    // The technical steward of a digital tool is at the parent's Digital center.
    for (auto& r : s.roles)
      if (r.role == RoleKind::kTechnicalSteward && !x.Has(kGapTechSteward))
        r.person = model::PersonId(PersonId(DcStaff(orgs_[parent])));
    AddForumsAndReviews(si);
  }
  // The company's activities, on its own systems.
  for (size_t si : orgs_[ci].systems)
    if (reg_.systems[si].personal_data) MakeActivity(ci, si, board);

  // The company uses some of its parent's municipality-wide systems: it needs a DPA of its own for them.
  auto& p = orgs_[parent];
  const size_t uses = std::min<size_t>(p.mw_pd_systems.size(), static_cast<size_t>(rng_.Between(1, 4)));
  for (size_t k = 0; k < uses; ++k) {
    const size_t si = p.mw_pd_systems[rng_.Below(p.mw_pd_systems.size())];
    auto& x = sys_[si];
    if (std::find(x.company_users.begin(), x.company_users.end(), ci) != x.company_users.end()) continue;
    if (!rules::Requires(rb_, reg_.systems[si].category, DocumentKind::kDpa)) continue;
    x.company_users.push_back(ci);
    reg_.systems[si].used_by.emplace_back(admins_[ai].id);
  }
}

uint32_t Generator::RollGaps(double p) {
  uint32_t gaps = 0;
  if (!rng_.Chance(p)) return 0;
  const int n = 1 + (rng_.Chance(0.35) ? 1 : 0) + (rng_.Chance(0.12) ? 1 : 0);
  for (int i = 0; i < n; ++i) gaps |= 1u << rng_.Weighted(kGapWeights);
  return gaps;
}

size_t Generator::NewSystem(size_t oi, Category cat, std::string name) {
  auto& o = orgs_[oi];
  const size_t si = reg_.systems.size();
  auto& s = reg_.systems.emplace_back();
  s.id = model::SystemId(o.id + "-s" + Pad(++o.next_system, 5));
  s.name = std::move(name);
  s.category = cat;
  auto& x = sys_.emplace_back();
  x.org = oi;
  acts_of_.emplace_back();
  o.systems.push_back(si);
  return si;
}

void Generator::MakeSystem(size_t oi) {
  // Category shares of a typical municipal register.
  constexpr std::array<double, 7> kCategoryWeights = {4, 6, 12, 26, 34, 8, 10};
  constexpr std::array<double, 7> kWideShare = {0.3, 0.3, 0.2, 0.1, 0.15, 0.6, 1.0};
  constexpr std::array<double, 7> kPersonalData = {0.4, 0.9, 0.7, 0.55, 0.88, 0.8, 0.65};
  constexpr std::array<double, 5> kLifecycleWeights = {3, 3, 86, 4,
                                                       4};  // planned, procurement, active, retiring, retired

  const auto cat = static_cast<Category>(rng_.Weighted(kCategoryWeights));
  const auto& products = Products()[static_cast<size_t>(cat)];
  const std::string_view product = products[rng_.Below(products.size())];
  std::string name(product);
  {
    auto& count = orgs_[oi].product_count[product];
    if (++count > 1) name += " " + std::to_string(count);
  }
  const size_t si = NewSystem(oi, cat, std::move(name));
  auto& o = orgs_[oi];
  auto& s = reg_.systems[si];
  auto& x = sys_[si];
  x.gaps = RollGaps(o.gap_p);
  const size_t ci = static_cast<size_t>(cat);

  s.scope = rng_.Chance(kWideShare[ci]) ? Scope::kMunicipalityWide : Scope::kAdministrationSpecific;
  s.own_support_process = cat == Category::kBusinessSystem && s.scope == Scope::kMunicipalityWide && rng_.Chance(0.25);
  std::vector<size_t> others;
  for (size_t a : o.admins)
    if (a != o.ks_admin && a != o.service_admin) others.push_back(a);

  if (cat == Category::kItInfrastructure)
    x.owner_admin = o.service_admin;
  else if (s.scope == Scope::kMunicipalityWide)
    x.owner_admin = rng_.Chance(s.own_support_process ? 0.7 : 0.6) ? o.ks_admin : o.service_admin;
  else
    x.owner_admin = rng_.Chance(0.85) ? rng_.Pick(others) : (rng_.Chance(0.5) ? o.ks_admin : o.service_admin);
  if (s.scope == Scope::kMunicipalityWide && x.Has(kGapScopeOwner) && rng_.Chance(0.5))
    x.owner_admin = rng_.Pick(others);
  s.owner_administration = model::AdministrationId(admins_[x.owner_admin].id);

  if (s.scope == Scope::kMunicipalityWide) {
    x.user_admins = o.admins;
  } else {
    x.user_admins = {x.owner_admin};
    const int extra = (rng_.Chance(0.35) ? 1 : 0) + (rng_.Chance(0.12) ? 1 : 0);
    for (int i = 0; i < extra; ++i) {
      const size_t a = rng_.Pick(o.admins);
      if (std::find(x.user_admins.begin(), x.user_admins.end(), a) == x.user_admins.end()) x.user_admins.push_back(a);
    }
    if (x.Has(kGapUsedByAll)) x.user_admins = o.admins;
    if (x.Has(kGapOwnerNotUser)) {
      size_t other = rng_.Pick(o.admins);
      if (other == x.owner_admin)
        other = o.admins[(std::find(o.admins.begin(), o.admins.end(), other) - o.admins.begin() + 1) % o.admins.size()];
      x.user_admins = {other};
    }
  }
  for (size_t a : x.user_admins) s.used_by.emplace_back(admins_[a].id);

  if (cat == Category::kItInfrastructure)
    s.hosting = model::Hosting::kInternal;
  else if (cat == Category::kPublicService || cat == Category::kAuthorityService)
    s.hosting = model::Hosting::kExternal;
  else
    s.hosting = rng_.Chance(0.3) ? model::Hosting::kInternal : model::Hosting::kExternal;
  if (s.hosting == model::Hosting::kExternal || rng_.Chance(0.5)) s.supplier = std::string(rng_.Pick(kSuppliers));
  s.personal_data = rng_.Chance(kPersonalData[ci]);
  s.special_categories = s.personal_data && rng_.Chance(cat == Category::kAuthorityService ? 0.4 : 0.12);
  s.fee = rng_.Chance(cat == Category::kPublicService ? 0.1 : cat == Category::kAuthorityService ? 0.5 : 0.92);
  s.lifecycle = static_cast<Lifecycle>(rng_.Weighted(kLifecycleWeights));
  if (s.lifecycle != Lifecycle::kPlanned && s.lifecycle != Lifecycle::kProcurement) {
    if (rng_.Chance(0.04))
      s.active_since = RandomDate(Date::FromYmd(year_, 1, 1), as_of_.AddDays(-1));
    else
      s.active_since = RandomDate(Date::FromYmd(2003, 1, 1), Date::FromYmd(year_ - 1, 12, 31));
  }
  if (!(s.personal_data && x.Has(kGapClassification)) && (s.personal_data || rng_.Chance(0.9))) {
    const int conf = s.special_categories ? 3 : s.personal_data ? rng_.Between(2, 3) : rng_.Between(0, 2);
    s.classification = model::Classification::Levels(conf, rng_.Between(1, 3), rng_.Between(1, 3));
  }
  const double c = rng_.Unit();
  if (c < 0.78)
    s.processing_countries = {"SE"};
  else if (c < 0.86)
    s.processing_countries = {"SE", "FI"};
  else if (c < 0.90)
    s.processing_countries = {"SE", "DK", "NO"};
  else if (c < 0.97)
    s.processing_countries = {"SE", "US"};
  else
    s.processing_countries = {"IE", "US", "IN"};
  x.third_country = c >= 0.90;
  if (x.third_country && s.personal_data) {
    if (!x.Has(kGapTransfer)) {
      s.transfer = model::Transfer{std::string("scc"), model::DocumentId("tia"), std::nullopt};
      if (s.special_categories && rng_.Chance(0.7)) s.transfer->art9_document = model::DocumentId("art9");
    } else if (rng_.Chance(0.5)) {
      s.transfer = model::Transfer{std::string("scc"), std::nullopt, std::nullopt};
    }
  }
  x.reference_dpia = s.scope == Scope::kMunicipalityWide && s.personal_data && rng_.Chance(0.9);
  if (s.scope == Scope::kMunicipalityWide && s.personal_data && s.lifecycle != Lifecycle::kPlanned)
    o.mw_pd_systems.push_back(si);

  AddRoles(si);
  AddForumsAndReviews(si);
}

void Generator::AddRoles(size_t si) {
  auto& s = reg_.systems[si];
  auto& x = sys_[si];
  auto& o = orgs_[x.org];
  const bool wide = s.scope == Scope::kMunicipalityWide;
  const size_t home = x.owner_admin;  // where budget and process owners sit
  auto add = [&](RoleKind role, size_t person) {
    auto& r = s.roles.emplace_back();
    r.role = role;
    r.person = model::PersonId(PersonId(person));
  };
  const auto mandatory = rules::MandatoryRoles(rb_, s.category, s.fee);
  const bool company = o.kind == OrganizationKind::kCompany || o.kind == OrganizationKind::kFoundation;
  std::optional<RoleKind> dropped;
  if (x.Has(kGapRoleMissing) && !mandatory.empty()) dropped = mandatory[rng_.Below(mandatory.size())];
  if (s.lifecycle == Lifecycle::kPlanned) {
    // Only the owner is appointed while a system is planned.
    if (std::find(mandatory.begin(), mandatory.end(), RoleKind::kOwner) != mandatory.end()) {
      add(RoleKind::kOwner, admins_[home].director);
      x.owner = admins_[home].director;
    }
    return;
  }

  size_t owner = kNone;
  if (s.category == Category::kItInfrastructure)
    owner = o.dc_head;
  else if (wide)
    owner = home == o.ks_admin ? o.deputy : admins_[home].director;
  else
    owner = admins_[home].director;
  if (x.Has(kGapOwnerTitle)) owner = s.category == Category::kItInfrastructure ? admins_[home].director : Manager(home);

  for (auto role : mandatory) {
    if (dropped == role) continue;
    switch (role) {
      case RoleKind::kOwner:
        add(role, owner);
        break;
      case RoleKind::kBudgetHolder: {
        size_t p = Manager(home);
        if (x.Has(kGapBudgetEmployee))
          p = Employee(home);
        else if (wide && x.Has(kGapScopeOwner) && !company) {
          std::vector<size_t> others;
          for (size_t a : o.admins)
            if (a != o.ks_admin && a != o.service_admin) others.push_back(a);
          p = Manager(rng_.Pick(others));
        }
        add(role, p);
        x.budget_holder = p;
        if (!wide)
          for (size_t a : x.user_admins)
            if (a != home && rng_.Chance(0.6)) add(role, Manager(a));
        break;
      }
      case RoleKind::kSystemSteward:
      case RoleKind::kServiceSteward:
        add(role, rng_.Chance(0.7) ? Employee(home) : Employee(rng_.Pick(x.user_admins)));
        break;
      case RoleKind::kTechnicalSteward:
        add(role, x.Has(kGapTechSteward) || company ? Employee(home) : DcStaff(o));
        break;
      case RoleKind::kProductOwner:
        add(role, x.Has(kGapTechSteward) ? Employee(home) : DcStaff(o));
        break;
      case RoleKind::kAreaManager:
        add(role, o.dc_manager == kNone ? Manager(home) : o.dc_manager);
        break;
      case RoleKind::kProcessOwner:
        add(role, Manager(home));
        if (!wide)
          for (size_t a : x.user_admins)
            if (a != home && rng_.Chance(0.5)) add(role, Manager(a));
        break;
      case RoleKind::kLeadSuperuser:
        add(role, Employee(rng_.Pick(x.user_admins)));
        break;
      default:
        add(role, Employee(home));
        break;
    }
  }
  const bool has_owner = std::find(mandatory.begin(), mandatory.end(), RoleKind::kOwner) != mandatory.end();
  x.owner = has_owner && dropped != RoleKind::kOwner ? owner : kNone;
  if (!has_owner && x.Has(kGapOwnerOnService)) {
    add(RoleKind::kOwner, admins_[home].director);
    x.owner = admins_[home].director;
  }
  if (has_owner && x.Has(kGapTwoOwners) && o.admins.size() > 1) {
    size_t other = rng_.Pick(o.admins);
    if (other == home) other = o.admins[0] == home ? o.admins[1] : o.admins[0];
    add(RoleKind::kOwner, admins_[other].director);
  }

  // Optional roles: superusers, administrators, information stewards, process leaders.
  int superusers = 0;
  switch (s.category) {
    case Category::kBusinessSystem:
      superusers = 1 + rng_.Between(0, 4) + static_cast<int>(o.systems.size() / 500);
      break;
    case Category::kPlatform:
      superusers = 1 + rng_.Between(0, 4);
      break;
    case Category::kDigitalTool:
      superusers = rng_.Between(0, 2);
      break;
    case Category::kCommercialService:
      superusers = rng_.Between(0, 2);
      break;
    case Category::kPublicService:
    case Category::kAuthorityService:
      superusers = rng_.Between(1, 2);
      break;
    case Category::kItInfrastructure:
      break;
  }
  for (int i = 0; i < superusers; ++i) add(RoleKind::kSuperuser, Employee(rng_.Pick(x.user_admins)));
  if (s.category == Category::kBusinessSystem || s.category == Category::kPlatform ||
      s.category == Category::kDigitalTool || s.category == Category::kItInfrastructure) {
    const int n = 1 + (rng_.Chance(0.3) ? 1 : 0);
    for (int i = 0; i < n; ++i)
      add(RoleKind::kSystemAdministrator,
          s.hosting == model::Hosting::kInternal && !company ? DcStaff(o) : Employee(home));
  }
  if (rng_.Chance(0.45)) add(RoleKind::kInformationSteward, Employee(home));
  if (rng_.Chance(0.35)) add(RoleKind::kProcessLeader, Employee(rng_.Pick(x.user_admins)));
}

void Generator::AddForumsAndReviews(size_t si) {
  auto& s = reg_.systems[si];
  auto& x = sys_[si];
  if (s.lifecycle == Lifecycle::kPlanned || s.lifecycle == Lifecycle::kProcurement) return;
  const bool contract_review = rb_.For(s.category).forums[static_cast<size_t>(model::ForumKind::kContractReview)] ==
                               rules::ForumLevel::kMandatory;
  if (contract_review) {
    if (!x.Has(kGapContractReview)) {
      const auto kind = rng_.Chance(0.15) ? model::ForumKind::kInternalDialogue : model::ForumKind::kContractReview;
      s.forums.push_back(
          model::Forum::Held(kind, RandomDate(Date::FromYmd(year_ - 1, 1, 15), Date::FromYmd(year_ - 1, 12, 15))));
    } else if (rng_.Chance(0.5)) {
      s.forums.push_back(
          model::Forum::Held(model::ForumKind::kContractReview,
                             RandomDate(Date::FromYmd(year_ - 2, 1, 15), Date::FromYmd(year_ - 2, 12, 15))));
    }
    if (rng_.Chance(0.4))
      s.forums.push_back(
          model::Forum::Held(model::ForumKind::kContractReview, RandomDate(Date::FromYmd(year_, 1, 10), as_of_)));
  }
  constexpr model::ForumKind kOther[] = {model::ForumKind::kDevelopmentCouncil, model::ForumKind::kUserForum,
                                         model::ForumKind::kCheckpointMeeting, model::ForumKind::kSupplierMeeting,
                                         model::ForumKind::kStewardForum};
  const int n = rng_.Between(0, 3);
  for (int i = 0; i < n; ++i) s.forums.push_back(model::Forum::Held(rng_.Pick(kOther), DaysAgo(0, 540)));

  if (!s.personal_data) return;
  // Access reviews.
  if (!x.Has(kGapAccessReview)) {
    s.reviews.push_back({model::ReviewKind::kAccessReview, DaysAgo(0, 330)});
    if (rng_.Chance(0.5)) s.reviews.push_back({model::ReviewKind::kAccessReview, DaysAgo(380, 700)});
  } else if (rng_.Chance(0.6)) {
    s.reviews.push_back({model::ReviewKind::kAccessReview, DaysAgo(400, 900)});
  }
  // Log reviews: a review entry, or a log review report document (written with the documents).
  const bool stale = x.Has(kGapLogReview);
  if (stale && rng_.Chance(0.4)) return;
  const Date done = stale ? DaysAgo(400, 900) : DaysAgo(0, 330);
  if (rng_.Chance(0.3)) {
    x.log_report = true;
    x.log_done = done;
  } else {
    s.reviews.push_back({model::ReviewKind::kLogReview, done});
  }
}

void Generator::AddIntegrations(size_t oi) {
  const auto& systems = orgs_[oi].systems;
  if (systems.size() < 2) return;
  for (size_t si : systems) {
    if (!rng_.Chance(0.3)) continue;
    auto& s = reg_.systems[si];
    const bool flow_gap = sys_[si].Has(kGapFlow);
    const int n = rng_.Between(1, 3);
    for (int i = 0; i < n; ++i) {
      const bool pd = s.personal_data && (flow_gap || rng_.Chance(0.85));
      size_t target = kNone;
      for (int attempt = 0; attempt < 8 && target == kNone; ++attempt) {
        const size_t t = systems[rng_.Below(systems.size())];
        if (t == si) continue;
        if (std::any_of(s.integrations.begin(), s.integrations.end(),
                        [&](const model::Integration& g) { return g.to == reg_.systems[t].id; }))
          continue;
        const auto& to = reg_.systems[t];
        if (!pd || !s.classification) {
          target = t;
          continue;
        }
        const bool lower = !to.classification || to.classification->confidentiality < s.classification->confidentiality;
        if (lower == (flow_gap && i == 0)) target = t;
      }
      if (target == kNone) continue;
      const auto& to = reg_.systems[target];
      bool personal = pd && to.personal_data;
      if (flow_gap && i == 0 && pd) personal = true;
      s.integrations.push_back({to.id, personal});
    }
  }
}

size_t Generator::MakeActivity(size_t oi, size_t si, const std::string& controller) {
  auto& o = orgs_[oi];
  const auto& s = reg_.systems[si];
  const auto& x = sys_[si];
  const size_t ai = reg_.processing_activities.size();
  auto& a = reg_.processing_activities.emplace_back();
  a.id = model::ProcessingActivityId(o.id + "-b" + Pad(++o.next_activity, 5));
  a.controller = model::CommitteeId(controller);
  a.name = std::string(rng_.Pick(kProcesses));
  a.process_code = std::to_string(rng_.Between(1, 9)) + "." + std::to_string(rng_.Between(1, 6)) + "." +
                   std::to_string(rng_.Between(1, 9));
  a.purposes.emplace_back(rng_.Pick(kPurposes));
  if (rng_.Chance(0.4)) a.purposes.emplace_back(rng_.Pick(kPurposes));
  {
    constexpr std::array<double, 6> kBasis = {5, 8, 25, 0.5, 60, 1.5};
    a.legal_basis = static_cast<model::LegalBasis>(rng_.Weighted(kBasis));
  }
  a.systems.push_back(s.id);
  acts_of_[si].push_back(static_cast<uint32_t>(ai));
  const auto& home = orgs_[x.org];
  size_t second = kNone;
  if (!home.mw_pd_systems.empty() && rng_.Chance(0.25)) {
    second = home.mw_pd_systems[rng_.Below(home.mw_pd_systems.size())];
    if (second == si) {
      second = kNone;
    } else {
      a.systems.push_back(reg_.systems[second].id);
      acts_of_[second].push_back(static_cast<uint32_t>(ai));
    }
  }
  const int subjects = rng_.Between(1, 3), categories = rng_.Between(2, 4), recipients = rng_.Between(1, 2);
  for (int i = 0; i < subjects; ++i) a.data_subjects.emplace_back(rng_.Pick(kDataSubjects));
  for (int i = 0; i < categories; ++i) a.data_categories.emplace_back(rng_.Pick(kDataCategories));
  if (s.special_categories) a.data_categories.emplace_back("Hälsouppgifter");
  for (int i = 0; i < recipients; ++i) a.recipients.emplace_back(rng_.Pick(kRecipients));
  if (x.third_country) a.transfers.push_back({"US", s.supplier.value_or("Leverantör"), "SCC"});
  a.retention = std::string(rng_.Pick(kRetention));
  a.security_measures = std::string(rng_.Pick(kSecurity));
  if (s.hosting == model::Hosting::kInternal && !home.service.empty())
    a.processor_committee = model::CommitteeId(home.service);
  const Date earliest = s.active_since.value_or(Date::FromYmd(2015, 1, 1));
  a.start_date = RandomDate(std::max(earliest, Date::FromYmd(2012, 1, 1)), std::max(earliest, as_of_.AddDays(-30)));
  a.own_dpia_required = s.scope == Scope::kMunicipalityWide && rng_.Chance(0.05);

  // Threshold analysis over the nine criteria; a DPIA, a reference DPIA or a motivation where it is reached.
  auto& t = a.threshold_analysis.emplace();
  t.done_on = a.start_date->AddDays(-rng_.Between(20, 120));
  constexpr std::array<double, 5> kCriteria = {35, 30, 20, 10, 5};
  const size_t met = rng_.Weighted(kCriteria);
  std::vector<model::Criterion> criteria;
  if (s.special_categories) criteria.push_back(model::Criterion::kSensitiveData);
  while (criteria.size() < met) {
    const auto c = static_cast<model::Criterion>(rng_.Below(model::kEnumCount<model::Criterion>));
    if (std::find(criteria.begin(), criteria.end(), c) == criteria.end()) criteria.push_back(c);
  }
  t.criteria = criteria;
  const bool reached = static_cast<int>(criteria.size()) >= rb_.dpia_threshold;
  // A reference DPIA on the system, or on the municipality-wide second system, covers the activity.
  const bool referenced =
      !a.own_dpia_required && (x.reference_dpia || (second != kNone && sys_[second].reference_dpia));
  if (reached && (!referenced || rng_.Chance(0.3))) {
    if (rng_.Chance(0.8))
      a.dpia = model::Dpia::Done(a.start_date->AddDays(-rng_.Between(5, 60)), true);
    else {
      t.motivation = "Bedömd som osannolik hög risk: begränsad omfattning och skyddsåtgärder på plats";
      t.dpo_commented = true;
    }
  }

  // Gaps of the record itself.
  if (rng_.Chance(o.gap_p * 0.6)) {
    // No threshold analysis; no DPIA where one is required; a missing art. 30 field; no controller.
    const std::array<double, 4> kinds = {2, reached ? 3.0 : 0.0, 2.5, 0.3};
    switch (rng_.Weighted(kinds)) {
      case 0:
        a.threshold_analysis.reset();
        break;
      case 1:
        if (reached) {
          a.dpia.reset();
          t.motivation.reset();
          t.dpo_commented = false;
          if (referenced) a.own_dpia_required = true;
          if (rng_.Chance(0.4))
            a.dpia = model::Dpia::Done(a.start_date->AddDays(rng_.Between(10, 200)), true);  // too late
        }
        break;
      case 2: {
        const int n = 1 + (rng_.Chance(0.15) ? 1 : 0);
        for (int i = 0; i < n; ++i) {
          switch (rng_.Below(7)) {
            case 0:
              a.purposes.clear();
              break;
            case 1:
              a.legal_basis.reset();
              break;
            case 2:
              a.data_subjects.clear();
              break;
            case 3:
              a.data_categories.clear();
              break;
            case 4:
              a.recipients.clear();
              break;
            case 5:
              a.retention.clear();
              break;
            default:
              a.security_measures.clear();
              break;
          }
        }
        break;
      }
      default:
        a.controller.reset();
        break;
    }
  }
  return ai;
}

void Generator::AddActivities(size_t oi) {
  const std::vector<size_t> systems = orgs_[oi].systems;
  for (size_t si : systems) {
    const auto& s = reg_.systems[si];
    if (!s.personal_data || s.lifecycle == Lifecycle::kPlanned) continue;
    const auto& o = orgs_[oi];
    const auto& x = sys_[si];
    std::vector<std::string> candidates;
    for (size_t a : x.user_admins)
      for (const auto& c : admins_[a].committees)
        if (std::find(candidates.begin(), candidates.end(), c) == candidates.end()) candidates.push_back(c);
    const std::string first = admins_[x.owner_admin].employing();
    std::vector<size_t> made;
    if (s.scope == Scope::kMunicipalityWide) {
      rng_.Shuffle(candidates);
      std::erase(candidates, first);
      const size_t k = 1 + rng_.Below(std::min<size_t>(7, candidates.size()));
      made.push_back(MakeActivity(oi, si, first));
      for (size_t i = 0; i < k; ++i) made.push_back(MakeActivity(oi, si, candidates[i]));
    } else {
      const int k = 1 + (rng_.Chance(0.55) ? 1 : 0) + (rng_.Chance(0.3) ? 1 : 0) + (rng_.Chance(0.15) ? 1 : 0);
      made.push_back(MakeActivity(oi, si, first));
      for (int i = 1; i < k; ++i) made.push_back(MakeActivity(oi, si, rng_.Pick(candidates)));
    }
    // Joint controllership: a support process KS or Service performs for all committees; or two committees sharing
    // a system for their own purposes. Each names the other back, but now and then one side forgets.
    auto& acts = reg_.processing_activities;
    auto name_each_other = [&](size_t p, size_t q) {
      if (!acts[p].controller || !acts[q].controller || *acts[p].controller == *acts[q].controller) return;
      acts[p].joint_controllers.push_back(*acts[q].controller);
      if (!rng_.Chance(o.gap_p * 0.3)) acts[q].joint_controllers.push_back(*acts[p].controller);
    };
    if (s.own_support_process) {
      for (size_t i = 1; i < made.size(); ++i) name_each_other(made[0], made[i]);
    } else if (made.size() >= 2 && rng_.Chance(0.35)) {
      name_each_other(made[0], made[1]);
    }
  }
}

void Generator::SharedRegionalSystems() {
  const size_t n_orgs = orgs_.size();
  std::vector<std::vector<size_t>> members(n_orgs);
  for (size_t oi = 0; oi < n_orgs; ++oi)
    if (orgs_[oi].kind == OrganizationKind::kMunicipality && orgs_[oi].region != kNone)
      members[orgs_[oi].region].push_back(oi);
  int agreement = 0;
  for (size_t ri = 0; ri < n_orgs; ++ri) {
    if (orgs_[ri].kind != OrganizationKind::kRegion || members[ri].size() < 2) continue;
    for (int template_index = 0; template_index < 2; ++template_index) {
      const bool care = template_index == 1;
      std::vector<size_t> parties;
      if (care) {
        parties.push_back(ri);
        parties.insert(parties.end(), members[ri].begin(), members[ri].end());
      } else {
        for (size_t m : members[ri])
          if (rng_.Chance(0.75)) parties.push_back(m);
        if (parties.size() < 2) parties = {members[ri][0], members[ri][1]};
        if (rng_.Chance(0.5)) parties.push_back(ri);
      }
      std::vector<size_t> user_admins;
      for (size_t p : parties)
        user_admins.push_back(care ? AdminServing(orgs_[p], {"hsn", "von", "son", "ifn"})
                                   : AdminServing(orgs_[p], {"kfn", "kn", "frn"}));
      const size_t owner_org = parties.front();
      const Category cat = Category::kBusinessSystem;
      const std::string name =
          care ? "Samordnad vårdplanering " + orgs_[ri].name.substr(7) : "Bibliotekssystem " + orgs_[ri].name.substr(7);
      const size_t si = NewSystem(owner_org, cat, name);
      auto& s = reg_.systems[si];
      auto& x = sys_[si];
      x.gaps = RollGaps(orgs_[owner_org].gap_p) & ~((1u << kGapUsedByAll) | (1u << kGapOwnerNotUser));
      x.owner_admin = user_admins.front();
      x.user_admins = user_admins;
      s.scope = Scope::kAdministrationSpecific;
      s.owner_administration = model::AdministrationId(admins_[x.owner_admin].id);
      for (size_t a : user_admins) s.used_by.emplace_back(admins_[a].id);
      s.hosting = model::Hosting::kExternal;
      s.supplier = std::string(care ? "Cambio" : "Axiell");
      s.personal_data = true;
      s.special_categories = care;
      s.fee = true;
      s.lifecycle = Lifecycle::kActive;
      s.active_since = Date::FromYmd(rng_.Between(2014, 2021), 1, 1);
      s.classification = model::Classification::Levels(care ? 3 : 2, 3, care ? 3 : 2);
      s.processing_countries = {"SE"};
      AddRoles(si);
      // The technical steward sits at the owner's Digital center; every party has superusers of its own.
      for (size_t a : user_admins)
        s.roles.push_back({RoleKind::kSuperuser, model::PersonId(PersonId(Employee(a))), std::nullopt});
      AddForumsAndReviews(si);
      for (size_t k = 0; k < parties.size(); ++k) MakeActivity(parties[k], si, admins_[user_admins[k]].employing());

      // The art. 26 arrangement naming every party (now and then one is missing, or there is none).
      std::vector<size_t> named = parties;
      const double r = rng_.Unit();
      const double gap = 0.2 * opt_.gap_rate;
      if (r < gap / 2)
        named.clear();
      else if (r < gap)
        named.erase(named.begin() + static_cast<std::ptrdiff_t>(1 + rng_.Below(named.size() - 1)));
      const std::string base = "ag-" + orgs_[ri].id + "-";
      if (!named.empty()) {
        auto& ag = reg_.agreements.emplace_back();
        ag.id = model::AgreementId(base + std::to_string(++agreement));
        ag.kind = model::AgreementKind::kJointControllerArrangement;
        ag.systems = {s.id};
        for (size_t p : named) ag.parties.emplace_back(orgs_[p].id);
        ag.signed_on = Date::FromYmd(s.active_since->year(), 1, 1).AddDays(-rng_.Between(10, 90));
      }
      auto& coop = reg_.agreements.emplace_back();
      coop.id = model::AgreementId(base + std::to_string(++agreement));
      coop.kind = model::AgreementKind::kCooperationAgreement;
      coop.systems = {s.id};
      for (size_t p : parties) coop.parties.emplace_back(orgs_[p].id);
      coop.signed_on = Date::FromYmd(s.active_since->year(), 1, 1).AddDays(-rng_.Between(100, 300));
      if (opt_.cooperations)
        AddCooperation(base + "coop-" + std::to_string(template_index + 1), name, parties, user_admins, s.id,
                       *coop.signed_on, gap);
    }
  }
}

// The lead signs the shared system's DPA for every party (cooperation-and-decisions.md §2: a DPA's `organizations`),
// now and then leaving one out (R-COOP-DPA).
void Generator::CoverCooperationDpas() {
  std::unordered_map<std::string, size_t> system_at;
  for (size_t i = 0; i < reg_.systems.size(); ++i) system_at.emplace(reg_.systems[i].id.str(), i);
  const double gap = 0.2 * opt_.gap_rate;
  for (const auto& co : reg_.cooperations)
    for (const auto& sid : co.systems) {
      const auto it = system_at.find(sid.str());
      if (it == system_at.end()) continue;
      for (auto& d : reg_.systems[it->second].documents) {
        if (d.kind != model::DocumentKind::kDpa) continue;
        for (const auto& p : co.parties)
          if (!crng_.Chance(gap / 10)) d.organizations.push_back(p.organization);
      }
    }
}

// The cooperation behind a shared system (cooperation-and-decisions.md §2): the parties with their responsible
// committees and joining decisions, the governing documents, the art. 26 responsibility matrix, the stakeholders
// consulted and the PDCA review — each now and then with a gap (rate `gap`), so that every R-COOP-* rule reports.
void Generator::AddCooperation(const std::string& id, const std::string& name, const std::vector<size_t>& parties,
                               const std::vector<size_t>& user_admins, const model::SystemId& system, Date signed_on,
                               double gap) {
  auto& co = reg_.cooperations.emplace_back();
  co.id = model::CooperationId(id);
  co.name = name;
  co.form = model::CooperationForm::kContractCooperation;
  co.lead = model::OrganizationId(orgs_[parties.front()].id);
  const auto& coordinating = admins_[user_admins.front()];
  co.coordinator = model::PersonId(
      PersonId(coordinating.employees.empty() ? coordinating.director : coordinating.employees.front()));
  // A party that uses the system without having joined (R-COOP-PARTIES); one without a decision (R-COOP-DECISION).
  const size_t left_out = parties.size() > 2 && crng_.Chance(gap / 2) ? 1 + crng_.Below(parties.size() - 1) : kNone;
  for (size_t k = 0; k < parties.size(); ++k) {
    if (k == left_out) continue;
    auto& p = co.parties.emplace_back();
    p.organization = model::OrganizationId(orgs_[parties[k]].id);
    p.committee = model::CommitteeId(admins_[user_admins[k]].employing());
    p.joined_on = signed_on;
    if (!crng_.Chance(gap / 4))
      p.decision = (orgs_[parties[k]].kind == OrganizationKind::kRegion ? "RF " : "KF ") +
                   model::FormatDate(signed_on.AddDays(-crng_.Between(20, 60))) + " § " +
                   std::to_string(crng_.Between(10, 200));
  }
  co.systems = {system};
  using DK = model::CooperationDocumentKind;
  for (const DK kind : {DK::kCooperationAgreement, DK::kOrganizationAppendix, DK::kManagementSystemAppendix,
                        DK::kEconomyAppendix, DK::kJointControllerArrangement}) {
    if (crng_.Chance(gap / 5)) continue;  // R-COOP-DOCUMENTS
    auto& d = co.documents.emplace_back();
    d.kind = kind;
    d.signed_on = signed_on;
    if (kind == DK::kCooperationAgreement)
      d.diary_number = orgs_[parties.front()].id + " " + std::to_string(signed_on.year()) + "/" +
                       std::to_string(crng_.Between(100, 2000));
    if (kind == DK::kJointControllerArrangement && !crng_.Chance(gap / 2))  // R-COOP-ESSENCE
      d.published_on = signed_on.AddDays(crng_.Between(10, 60));
  }
  if (!crng_.Chance(gap / 3)) {  // R-COOP-RISK
    auto& r = co.documents.emplace_back();
    r.kind = DK::kRiskAnalysis;
    r.done_on = signed_on.AddDays(-crng_.Between(30, 120));
    r.dpia = true;
    r.dpo_consulted = !crng_.Chance(gap / 3);
  }
  const std::string lead = co.lead->str();
  const std::string each(model::kEachParty);
  const std::pair<const char*, const std::string*> duties[] = {{"information_to_subjects", &lead},
                                                               {"data_subject_requests", &each},
                                                               {"breach_handling", &lead},
                                                               {"breach_notification", &each},
                                                               {"dpia", &lead},
                                                               {"security_measures", &lead},
                                                               {"processor_agreement", &lead},
                                                               {"contact_point", &lead}};
  const size_t unassigned = crng_.Chance(gap / 3) ? crng_.Below(std::size(duties)) : kNone;  // R-COOP-RESPONSIBILITY
  for (size_t i = 0; i < std::size(duties); ++i)
    if (i != unassigned) co.responsibilities.push_back({duties[i].first, *duties[i].second});
  co.consulted = {"lawyer", "dpo", "information_security_coordinator", "registry", "archive", "security_chief"};
  if (crng_.Chance(gap)) co.consulted.erase(co.consulted.begin() + static_cast<std::ptrdiff_t>(crng_.Below(6)));
  co.management_review_on =
      as_of_.AddDays(crng_.Chance(gap / 2) ? -crng_.Between(400, 700) : -crng_.Between(20, 300));  // R-LIS-REVIEW
}

// The second pass over a system, once every processing activity is known: its controllers, its information owners,
// its documents and its processor record.
void Generator::Finish(size_t si) {
  auto& s = reg_.systems[si];
  auto& x = sys_[si];
  // Controller committees (register-format.md): the controllers of the activities that list the system, where none
  // do, every committee served by an administration in used_by.
  std::vector<std::string> controllers;
  for (uint32_t ai : acts_of_[si])
    if (const auto& c = reg_.processing_activities[ai].controller) controllers.push_back(c->str());
  if (controllers.empty())
    for (const auto& admin_id : s.used_by) {
      const auto it = admin_index_.find(admin_id.str());
      if (it != admin_index_.end())
        controllers.insert(controllers.end(), admins_[it->second].committees.begin(),
                           admins_[it->second].committees.end());
    }
  std::sort(controllers.begin(), controllers.end());
  controllers.erase(std::unique(controllers.begin(), controllers.end()), controllers.end());
  x.controllers = controllers;

  if (s.lifecycle != Lifecycle::kPlanned && rng_.Chance(0.6))
    for (const auto& c : controllers)
      s.roles.push_back({RoleKind::kInformationOwner, std::nullopt, model::CommitteeId(c)});

  AddDocuments(si);

  // Service's art. 30.2 record for an internally run system with personal data.
  const auto& o = orgs_[x.org];
  if (s.hosting == model::Hosting::kInternal && s.personal_data && !o.service.empty()) {
    std::vector<std::string> needed;
    for (const auto& c : controllers)
      if (c != o.service) needed.push_back(c);
    if (!needed.empty()) {
      bool keep = true;
      if (x.Has(kGapProcessorRecord)) {
        if (needed.size() >= 2 && rng_.Chance(0.5))
          needed.erase(needed.begin() + static_cast<std::ptrdiff_t>(rng_.Below(needed.size())));
        else
          keep = false;
      }
      if (keep) {
        auto& r = reg_.processor_records.emplace_back();
        r.committee = model::CommitteeId(o.service);
        r.system = s.id;
        r.subject = "Drift, förvaltning och support av " + s.name;
        r.processing_categories = {"hosting", "support", "backup"};
        if (rng_.Chance(0.3)) r.processing_categories.emplace_back("development");
        for (const auto& c : needed) r.committees.emplace_back(c);
      }
    }
  }
}

void Generator::AddDocuments(size_t si) {
  auto& s = reg_.systems[si];
  auto& x = sys_[si];
  // The transfer assessments the system's `transfer` refers to exist whatever its lifecycle.
  if (s.transfer) {
    for (const auto* ref : {&s.transfer->tia_document, &s.transfer->art9_document}) {
      if (!*ref) continue;
      auto& d = s.documents.emplace_back();
      d.id = **ref;
      d.kind = DocumentKind::kTransferImpactAssessment;
      d.done_on = DaysAgo(30, 900);
    }
  }
  if (s.lifecycle == Lifecycle::kPlanned || s.lifecycle == Lifecycle::kProcurement) return;
  const auto& o = orgs_[x.org];
  const Category cat = s.category;
  const bool wide = s.scope == Scope::kMunicipalityWide;
  const std::string& diary_committee = admins_[x.owner_admin].employing();
  int n = 0;
  auto next_id = [&] { return model::DocumentId("d" + std::to_string(++n)); };
  auto diary = [&](model::Document& d, int year) { d.diary_number = Diary(diary_committee, year); };

  // Which standing document a system with kGapDocMissing lacks.
  std::optional<DocumentKind> missing;
  if (x.Has(kGapDocMissing)) {
    std::vector<DocumentKind> required;
    for (auto kind : rb_.standing_documents)
      if (rules::Requires(rb_, cat, kind) && (kind != DocumentKind::kDpa || s.personal_data)) required.push_back(kind);
    if (!required.empty()) missing = rng_.Pick(required);
  }
  std::vector<size_t> diary_docs;  // documents that need a diary number, for kGapDiary

  // Base contract: the latest one counts for R-CONTRACT-EXPIRY; an earlier one now and then.
  if ((rules::Requires(rb_, cat, DocumentKind::kBaseContract) ||
       (cat == Category::kCommercialService && rng_.Chance(0.5))) &&
      missing != DocumentKind::kBaseContract) {
    const Date from = s.active_since.value_or(DaysAgo(400, 2000));
    if (rng_.Chance(0.2)) {
      auto& old = s.documents.emplace_back();
      old.id = next_id();
      old.kind = DocumentKind::kBaseContract;
      old.valid_from = from.AddDays(-rng_.Between(800, 2000));
      old.valid_to = from.AddDays(-1);
      diary(old, old.valid_from->year());
    }
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kBaseContract;
    d.valid_from = std::max(from, as_of_.AddDays(-rng_.Between(100, 1800)));
    if (x.Has(kGapContractExpiry)) {
      d.valid_to = rng_.Chance(0.5) ? as_of_.AddDays(rng_.Between(0, 170)) : as_of_.AddDays(-rng_.Between(1, 300));
    } else if (!rng_.Chance(0.08)) {
      d.valid_to = as_of_.AddDays(rng_.Between(200, 2000));
    }
    diary(d, d.valid_from->year());
    diary_docs.push_back(s.documents.size() - 1);
  }

  // The DPA: who signs follows who decides (R-DPA-DECIDER).
  if (s.personal_data && rules::Requires(rb_, cat, DocumentKind::kDpa) && missing != DocumentKind::kDpa) {
    // IT infrastructure: the Service committee's delegate; KS's or Service's own support process: the owner;
    // municipality-wide: the deputy municipal director; otherwise the owner (with powers of attorney).
    const size_t owner_or_director = x.owner != kNone ? x.owner : admins_[x.owner_admin].director;
    size_t signer = owner_or_director;
    if (cat == Category::kItInfrastructure)
      signer = admins_[o.service_admin].director;
    else if (!s.own_support_process && wide)
      signer = x.Has(kGapDpaSigner) || o.deputy == kNone ? admins_[x.owner_admin].director : o.deputy;
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kDpa;
    d.signed_on = s.active_since.value_or(as_of_).AddDays(-rng_.Between(10, 120));
    d.signed_by = model::PersonId(PersonId(signer));
    for (const auto& c : x.controllers) d.on_behalf_of.emplace_back(c);
    for (auto clause : kClauses) d.clauses.emplace_back(clause);
    if (x.Has(kGapClauses)) {
      const int drop = rng_.Between(1, 3);
      for (int i = 0; i < drop && !d.clauses.empty(); ++i)
        d.clauses.erase(d.clauses.begin() + static_cast<std::ptrdiff_t>(rng_.Below(d.clauses.size())));
    }
    diary(d, d.signed_on->year());
    diary_docs.push_back(s.documents.size() - 1);

    // Powers of attorney: the owner signs for a multi-committee administration-specific system with one from each
    // other controller committee.
    if (!wide && x.controllers.size() >= 2 && x.owner != kNone && d.signed_by->str() == PersonId(x.owner)) {
      const std::string own = CommitteeOfPerson(x.owner);
      std::vector<std::string> from;
      for (const auto& c : x.controllers)
        if (c != own) from.push_back(c);
      size_t skip = kNone;
      if (x.Has(kGapFullmakt) && !from.empty()) skip = rng_.Below(from.size());
      int f = 0;
      for (size_t k = 0; k < from.size(); ++k) {
        if (k == skip) continue;
        auto& poa = reg_.powers_of_attorney.emplace_back();
        poa.id = model::PowerOfAttorneyId(s.id.str() + "-f" + std::to_string(++f));
        poa.committee = model::CommitteeId(from[k]);
        const auto it = committee_admin_.find(from[k]);
        if (it != committee_admin_.end() && admins_[it->second].director != kNone)
          poa.issued_by = model::PersonId(PersonId(admins_[it->second].director));
        poa.holder = model::PersonId(PersonId(x.owner));
        poa.system = s.id;
        poa.issued_on = d.signed_on->AddDays(-rng_.Between(1, 30));
        s.documents.back().powers_of_attorney.push_back(poa.id);
      }
    }
    // Each company or foundation that uses the system has a DPA of its own.
    for (size_t k = 0; k < x.company_users.size(); ++k) {
      if (x.Has(kGapCompanyDpa) && k == 0) continue;
      const auto& company = orgs_[x.company_users[k]];
      auto& c = s.documents.emplace_back();
      c.id = next_id();
      c.kind = DocumentKind::kDpa;
      c.signed_on = DaysAgo(30, 900);
      c.signed_by = model::PersonId(PersonId(admins_[company.admins.front()].director));
      c.organization = model::OrganizationId(company.id);
      for (auto clause : kClauses) c.clauses.emplace_back(clause);
      c.diary_number =
          "STYR-" + std::to_string(c.signed_on->year()) + "-" + Pad(static_cast<size_t>(rng_.Between(1, 999)), 3);
    }
  }

  // The annual cycle: this year's management plan, last year's follow-up report.
  const size_t approver = x.budget_holder != kNone ? x.budget_holder : admins_[x.owner_admin].director;
  if (rules::Requires(rb_, cat, DocumentKind::kManagementPlan)) {
    if (rng_.Chance(0.5)) {
      auto& prev = s.documents.emplace_back();
      prev.id = next_id();
      prev.kind = DocumentKind::kManagementPlan;
      prev.year = year_ - 1;
      prev.approved_on = RandomDate(Date::FromYmd(year_ - 2, 10, 1), Date::FromYmd(year_ - 2, 12, 20));
      prev.approved_by = model::PersonId(PersonId(approver));
      diary(prev, year_ - 2);
    }
    const bool gap = x.Has(kGapPlan);
    if (!gap || rng_.Chance(0.5)) {
      auto& d = s.documents.emplace_back();
      d.id = next_id();
      d.kind = DocumentKind::kManagementPlan;
      d.year = year_;
      d.approved_on = gap ? RandomDate(Date::FromYmd(year_, 1, 10), std::max(Date::FromYmd(year_, 1, 10), as_of_))
                          : RandomDate(Date::FromYmd(year_ - 1, 10, 1), Date::FromYmd(year_ - 1, 12, 20));
      d.approved_by = model::PersonId(PersonId(approver));
      diary(d, year_ - 1);
      diary_docs.push_back(s.documents.size() - 1);
    }
  }
  if (rules::Requires(rb_, cat, DocumentKind::kFollowUpReport)) {
    const bool gap = x.Has(kGapReport);
    const Date deadline = Date::FromYmd(year_, rb_.report_deadline.month, rb_.report_deadline.day);
    if (!gap || rng_.Chance(0.5)) {
      auto& d = s.documents.emplace_back();
      d.id = next_id();
      d.kind = DocumentKind::kFollowUpReport;
      d.year = year_ - 1;
      d.approved_on = gap ? deadline.AddDays(rng_.Between(1, 40)) : RandomDate(Date::FromYmd(year_, 2, 1), deadline);
      if (*d.approved_on > as_of_) d.approved_on = as_of_;
      d.approved_by = model::PersonId(PersonId(approver));
    }
  }
  if (rules::Requires(rb_, cat, DocumentKind::kSla) && missing != DocumentKind::kSla) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kSla;
    d.valid_from = DaysAgo(100, 1500);
    d.valid_to = as_of_.AddDays(rng_.Between(100, 1500));
  }
  // The reference DPIA of a municipality-wide system; the classification; the transfer assessments.
  if (x.reference_dpia) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kDpia;
    d.done_on = DaysAgo(200, 1500);
    d.dpo_consulted = true;
  }
  if (s.classification && rng_.Chance(0.4)) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kClassification;
    d.done_on = DaysAgo(30, 900);
  }
  if (x.log_report) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kLogReviewReport;
    d.done_on = x.log_done;
  }
  if (rng_.Chance(0.1)) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kActionPlan;
    d.approved_on = DaysAgo(10, 400);
    diary(d, d.approved_on->year());
    diary_docs.push_back(s.documents.size() - 1);
  }
  if (rng_.Chance(0.1)) {
    auto& d = s.documents.emplace_back();
    d.id = next_id();
    d.kind = DocumentKind::kChangeLog;
    d.done_on = DaysAgo(0, 200);
  }
  if (x.Has(kGapDiary) && !diary_docs.empty()) s.documents[rng_.Pick(diary_docs)].diary_number.reset();
}

void Generator::Incidents() {
  std::vector<size_t> candidates;
  for (size_t si = 0; si < reg_.systems.size(); ++si)
    if (reg_.systems[si].personal_data && InOperation(reg_.systems[si]) && !sys_[si].controllers.empty())
      candidates.push_back(si);
  if (candidates.empty()) return;
  const size_t n = candidates.size() / 50;
  for (size_t k = 0; k < n; ++k) {
    const size_t si = candidates[rng_.Below(candidates.size())];
    const auto& s = reg_.systems[si];
    const auto& x = sys_[si];
    auto& o = orgs_[x.org];
    const double gap = o.gap_p;
    auto& inc = reg_.incidents.emplace_back();
    inc.id = model::IncidentId(o.id + "-i" + Pad(++o.next_incident, 4));
    inc.system = s.id;
    const int64_t seconds_ago = static_cast<int64_t>(rng_.Below(170 * 86400));
    inc.aware_at = model::Timestamp::FromSeconds(model::Timestamp::StartOf(as_of_).seconds() - seconds_ago);
    for (const auto& c : x.controllers) inc.controllers.emplace_back(c);
    // R-INC-HANDLER: the committee of the owner for municipality-wide or multi-committee systems, else the controller.
    std::optional<std::string> handler;
    if (s.scope == Scope::kMunicipalityWide || x.controllers.size() >= 2) {
      if (x.owner != kNone) handler = CommitteeOfPerson(x.owner);
    } else {
      handler = x.controllers.front();
    }
    if (!handler || rng_.Chance(gap * 0.5)) handler = o.service.empty() ? x.controllers.front() : o.service;
    inc.handler = model::CommitteeId(*handler);
    const bool recent = seconds_ago < 48 * 3600;
    const double r = rng_.Unit();
    if (recent && r < 0.5)
      inc.assessment.reset();
    else if (r < 0.45)
      inc.assessment = model::Assessment::kNoRisk;
    else if (r < 0.88)
      inc.assessment = model::Assessment::kRisk;
    else
      inc.assessment = model::Assessment::kHighRisk;
    const auto now = model::Timestamp::StartOf(as_of_);
    auto within = [&](int max_hours) {
      auto t = inc.aware_at.AddHours(rng_.Between(1, max_hours));
      return t > now ? std::optional<model::Timestamp>() : std::optional<model::Timestamp>(t);
    };
    if (inc.assessment != model::Assessment::kNoRisk) {
      if (rng_.Chance(gap * 0.6)) {
        inc.notified_authority_at = inc.aware_at.AddHours(rng_.Between(73, 240));
        if (*inc.notified_authority_at > now) inc.notified_authority_at.reset();
        inc.delay_reason = "Utredningen av omfattningen drog ut på tiden";
      } else {
        inc.notified_authority_at = within(70);
      }
    }
    if (inc.assessment == model::Assessment::kHighRisk)
      inc.subjects_informed_at = rng_.Chance(gap) ? std::nullopt : within(70);
    inc.dpo_informed = !rng_.Chance(gap * 0.3);
  }
}

void Generator::Requests() {
  for (auto& o : orgs_) {
    if (o.kind != OrganizationKind::kMunicipality && o.kind != OrganizationKind::kRegion) continue;
    const size_t n = 3 + o.systems.size() / 40;
    for (size_t k = 0; k < n; ++k) {
      auto& r = reg_.data_subject_requests.emplace_back();
      r.id = model::RequestId(o.id + "-r" + Pad(++o.next_request, 4));
      r.received_on = DaysAgo(1, 160);
      r.kind = std::string(rng_.Pick(kRequestKinds));
      r.controllers = {model::CommitteeId(rng_.Pick(o.committees))};
      const bool late = rng_.Chance(o.gap_p * 0.6);
      if (rng_.Chance(0.05)) r.extended_reason = "Begäran är omfattande och komplex";
      const int allowed = r.extended_reason ? 80 : 27;
      const Date decided = r.received_on.AddDays(late ? rng_.Between(35, 120) : rng_.Between(2, allowed));
      if (decided <= as_of_) r.decided_on = decided;
      if (r.decided_on) {
        const double u = rng_.Unit();
        r.outcome = u < 0.85   ? model::RequestOutcome::kGranted
                    : u < 0.95 ? model::RequestOutcome::kPartlyRefused
                               : model::RequestOutcome::kRefused;
        r.appeal_notice = r.outcome != model::RequestOutcome::kGranted && !rng_.Chance(o.gap_p * 1.5);
      }
    }
  }
}

void Generator::Delegations() {
  const Date kf33 = Date::FromYmd(2024, 3, 5);
  for (const auto& o : orgs_) {
    if (o.kind != OrganizationKind::kMunicipality && o.kind != OrganizationKind::kRegion) continue;
    const bool municipality = o.kind == OrganizationKind::kMunicipality;
    for (const auto& c : o.committees) {
      const std::string code = Upper(std::string_view(c).substr(o.id.size() + 1));
      auto decision = [&](Date on) {
        return code + " " + model::FormatDate(on) + " § " + std::to_string(rng_.Between(5, 180));
      };
      // KF 2024-03-05 § 33: decide DPAs for municipality-wide systems, delegated to the deputy municipal director.
      if (municipality || rng_.Chance(0.5)) {
        const double r = rng_.Unit();
        const double gap = o.gap_p * 0.4;
        if (r >= gap * 0.4) {
          auto& d = reg_.delegations.emplace_back();
          d.committee = model::CommitteeId(c);
          d.matter = model::DelegationMatter::kDecideDpaMunicipalityWide;
          d.delegate_title = r < gap * 0.7 ? Title::kAdministrationDirector : Title::kDeputyMunicipalDirector;
          d.valid_from = kf33.AddDays(rng_.Between(7, 200));
          d.decision = decision(*d.valid_from);
          if (r < gap)
            d.valid_to = as_of_.AddDays(-rng_.Between(1, 60));
          else if (rng_.Chance(0.2))
            d.valid_to = Date::FromYmd(2026, 12, 31);
        }
      }
      // The rest of the delegation order on DPAs.
      // The date and decision kept apart: each emplace_back may move the delegations, and a reference to the first
      // would then read a moved-from one (AddressSanitizer: heap-use-after-free).
      const Date from = Date::FromYmd(2023, 1, 1).AddDays(rng_.Between(0, 300));
      const std::string decided = decision(from);
      auto& dpa = reg_.delegations.emplace_back();
      dpa.committee = model::CommitteeId(c);
      dpa.matter = model::DelegationMatter::kDecideDpa;
      dpa.delegate_title = Title::kAdministrationDirector;
      dpa.valid_from = from;
      dpa.decision = decided;
      auto& poa = reg_.delegations.emplace_back();
      poa.committee = model::CommitteeId(c);
      poa.matter = model::DelegationMatter::kIssuePowerOfAttorneyDpa;
      poa.delegate_title = Title::kAdministrationDirector;
      poa.valid_from = from;
      poa.decision = decided;
      if (rng_.Chance(0.2)) {
        auto& other = reg_.delegations.emplace_back();
        other.committee = model::CommitteeId(c);
        other.matter = model::DelegationMatter::kOther;
        other.matter_text = "Beslut om informationsklassning";
        other.delegate_title = Title::kManager;
        other.valid_from = from;
        other.decision = decided;
      }
    }
  }
}

model::Register Generator::Run() {
  reg_.as_of = model::Timestamp::StartOf(as_of_);
  reg_.as_of_is_date = true;

  const int n_m = std::max(0, opt_.municipalities);
  const int n_r = std::max(0, opt_.regions);
  // Sizes: log-normal, regions larger; about 150,000 systems at scale 1.
  std::vector<double> weights;
  for (int i = 0; i < n_m; ++i) weights.push_back(std::exp(0.85 * rng_.Normal()));
  for (int i = 0; i < n_r; ++i) weights.push_back(3.2 * std::exp(0.4 * rng_.Normal()));
  double total = 0;
  for (double w : weights) total += w;
  const double target = 150000.0 * opt_.scale;
  const int min_systems = std::max(6, static_cast<int>(std::lround(40 * opt_.scale)));
  auto systems_of = [&](size_t i) {
    return std::max(min_systems, static_cast<int>(std::lround(target * weights[i] / std::max(total, 1e-9))));
  };

  // Names.
  std::vector<std::string> names;
  for (auto p : kNamePrefixes)
    for (auto s : kNameSuffixes) names.push_back(std::string(p) + std::string(s));
  rng_.Shuffle(names);

  // Regions first in the index (municipalities refer to them), written in the order they are built.
  std::vector<size_t> region_orgs;
  for (int r = 0; r < n_r; ++r) {
    const std::string name = r < static_cast<int>(std::size(kRegionNames)) ? std::string(kRegionNames[r])
                                                                           : "Region " + std::to_string(r + 1);
    region_orgs.push_back(
        AddOrganization("r" + Pad(static_cast<size_t>(r + 1), 2), "Region " + name, OrganizationKind::kRegion));
    BuildPublicBody(region_orgs.back(), systems_of(static_cast<size_t>(n_m + r)));
  }
  for (int m = 0; m < n_m; ++m) {
    std::string name = static_cast<size_t>(m) < names.size()
                           ? names[static_cast<size_t>(m)]
                           : names[static_cast<size_t>(m) % names.size()] + std::to_string(m);
    const size_t oi =
        AddOrganization("k" + Pad(static_cast<size_t>(m + 1), 3), name + " kommun", OrganizationKind::kMunicipality);
    if (!region_orgs.empty()) orgs_[oi].region = region_orgs[static_cast<size_t>(m) % region_orgs.size()];
    BuildPublicBody(oi, systems_of(static_cast<size_t>(m)));
    // A couple of companies and foundations for some municipalities.
    if (rng_.Chance(0.3)) BuildCompany(oi, false);
    if (rng_.Chance(0.1)) BuildCompany(oi, true);
  }
  SharedRegionalSystems();
  for (size_t si = 0; si < reg_.systems.size(); ++si) Finish(si);
  if (opt_.cooperations) CoverCooperationDpas();
  Incidents();
  Requests();
  Delegations();
  return std::move(reg_);
}

}  // namespace

model::Register GenerateRegister(const SyntheticOptions& options) { return Generator(options).Run(); }

std::string DescribeRegister(const model::Register& reg) {
  size_t by_kind[4] = {};
  for (const auto& o : reg.organizations) ++by_kind[static_cast<size_t>(o.kind)];
  size_t roles = 0, documents = 0, forums = 0, reviews = 0, integrations = 0;
  size_t by_category[7] = {};
  size_t wide = 0, active = 0, personal = 0;
  for (const auto& s : reg.systems) {
    roles += s.roles.size();
    documents += s.documents.size();
    forums += s.forums.size();
    reviews += s.reviews.size();
    integrations += s.integrations.size();
    ++by_category[static_cast<size_t>(s.category)];
    wide += s.scope == Scope::kMunicipalityWide ? 1 : 0;
    active += s.lifecycle == Lifecycle::kActive ? 1 : 0;
    personal += s.personal_data ? 1 : 0;
  }
  size_t units = 0;
  for (const auto& a : reg.administrations) units += a.units.size();
  std::string out;
  auto line = [&](std::string_view key, size_t value) { out += std::string(key) + "=" + std::to_string(value) + "\n"; };
  line("organizations", reg.organizations.size());
  line("municipalities", by_kind[0]);
  line("regions", by_kind[1]);
  line("companies", by_kind[2]);
  line("foundations", by_kind[3]);
  line("committees", reg.committees.size());
  line("administrations", reg.administrations.size());
  line("units", units);
  line("people", reg.people.size());
  line("systems", reg.systems.size());
  for (size_t c = 0; c < 7; ++c)
    line("systems_" + std::string(model::ToString(static_cast<Category>(c))), by_category[c]);
  line("systems_municipality_wide", wide);
  line("systems_active", active);
  line("systems_personal_data", personal);
  line("roles", roles);
  line("documents", documents);
  line("forums", forums);
  line("reviews", reviews);
  line("integrations", integrations);
  line("delegations", reg.delegations.size());
  line("powers_of_attorney", reg.powers_of_attorney.size());
  line("processing_activities", reg.processing_activities.size());
  line("processor_records", reg.processor_records.size());
  line("incidents", reg.incidents.size());
  line("data_subject_requests", reg.data_subject_requests.size());
  line("agreements", reg.agreements.size());
  line("cooperations", reg.cooperations.size());
  return out;
}

}  // namespace ansvar::bench
