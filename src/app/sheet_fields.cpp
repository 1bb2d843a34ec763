#include "app/sheet_fields.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "io/spreadsheet/writer.hpp"
#include "model/utf8.hpp"
#include "rules/vocabulary.hpp"

namespace ansvar::app::sheet {
namespace {

using io::sheets::Cell;
using io::sheets::CellKind;
using rules::Lang;
using Of = Directory::Of;

bool IsSpaceAt(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return len = 1, true;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0)
    return len = 2, true;  // no-break space
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0x8B || static_cast<unsigned char>(s[i + 2]) == 0xAF))
    return len = 3, true;  // zero-width and narrow no-break space
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBB &&
      static_cast<unsigned char>(s[i + 2]) == 0xBF)
    return len = 3, true;  // a stray byte order mark
  return false;
}

Cell Text(std::string s) { return io::sheets::TextCell(std::move(s)); }

Cell DateOf(const std::optional<model::Date>& d) {
  if (!d) return {};
  Cell c;
  c.kind = CellKind::kDate;
  c.number = io::sheets::UnixDaysToSerial(d->days());
  c.text = model::FormatDate(*d);
  return c;
}

Cell Number(int v) {
  Cell c;
  c.kind = CellKind::kNumber;
  c.number = v;
  c.text = std::to_string(v);
  return c;
}

std::string YesNo(bool v, Lang lang) {
  return v ? (lang == Lang::kSv ? "Ja" : "Yes") : (lang == Lang::kSv ? "Nej" : "No");
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  out += s.substr(0, 80);
  if (s.size() > 80) out += "…";
  return out + "\"";
}

// Labels of the closed sets the rules' vocabulary does not name.
std::string_view HostingLabel(model::Hosting h, Lang lang) {
  if (h == model::Hosting::kInternal) return lang == Lang::kSv ? "intern drift" : "internal";
  return lang == Lang::kSv ? "extern drift" : "external";
}
std::string_view LegalBasisLabel(model::LegalBasis b, Lang lang) {
  static constexpr std::pair<std::string_view, std::string_view> kT[] = {
      {"samtycke", "consent"},
      {"avtal", "contract"},
      {"rättslig förpliktelse", "legal obligation"},
      {"grundläggande intresse", "vital interests"},
      {"allmänt intresse eller myndighetsutövning", "public task"},
      {"berättigat intresse", "legitimate interests"}};
  const auto& p = kT[static_cast<size_t>(b)];
  return lang == Lang::kSv ? p.first : p.second;
}

template <class E>
std::string_view LabelOf(E v, Lang lang) {
  if constexpr (std::is_same_v<E, model::Hosting>)
    return HostingLabel(v, lang);
  else if constexpr (std::is_same_v<E, model::LegalBasis>)
    return LegalBasisLabel(v, lang);
  else
    return rules::Label(v, lang);
}

template <class E>
using Synonyms = std::vector<std::pair<std::string_view, E>>;

// Each value's wire name and labels, folded once; synonyms are folded when a field is made.
template <class E>
using Folded = std::vector<std::pair<std::string, E>>;

template <class E>
const Folded<E>& FoldedNames() {
  static const Folded<E> names = [] {
    Folded<E> out;
    for (const auto v : model::AllValues<E>())
      for (const auto s : {model::ToString(v), LabelOf(v, Lang::kSv), LabelOf(v, Lang::kEn)})
        out.push_back({FoldHeading(s), v});
    return out;
  }();
  return names;
}

template <class E>
Folded<E> Fold(const Synonyms<E>& synonyms) {
  Folded<E> out;
  for (const auto& [word, v] : synonyms) out.push_back({FoldHeading(word), v});
  return out;
}

template <class E>
std::optional<E> ParseEnumText(std::string_view text, const Folded<E>& synonyms) {
  const std::string f = FoldHeading(text);
  if (f.empty()) return std::nullopt;
  for (const auto& [word, v] : FoldedNames<E>())
    if (f == word) return v;
  for (const auto& [word, v] : synonyms)
    if (f == word) return v;
  return std::nullopt;
}

template <class E>
std::string Accepted() {
  std::string out;
  for (const auto v : model::AllValues<E>()) out += (out.empty() ? "" : ", ") + Capitalize(LabelOf(v, Lang::kSv));
  return out;
}

template <class E>
std::string EnumError(std::string_view text) {
  return "okänt värde " + Quote(text) + "; skriv ett av: " + Accepted<E>() +
         " / unknown value; write one of the values listed";
}

template <class E>
Cell EnumCell(E v, Lang lang) {
  return Text(Capitalize(LabelOf(v, lang)));
}

// Replaces `items` by `wanted` unless they hold the same things: the order a register has is kept when a
// spreadsheet lists the same set in another order.
template <class T>
void SetList(std::vector<T>& items, std::vector<T> wanted) {
  auto a = items, b = wanted;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a == b) return;
  items = std::move(wanted);
}

// Items are separated by semicolons and line breaks, and by commas too where `commas` allows: a name that holds a
// comma ("Kultur- och fritidsförvaltningen, Varbergs kommun") is found whole before its parts are tried.
template <class Id>
std::vector<Id> ResolveList(const Value& v, Of of, bool commas, Context& ctx, CellNotes& notes) {
  std::vector<Id> out;
  auto add = [&](const std::string& id) {
    if (std::find(out.begin(), out.end(), Id(id)) == out.end()) out.emplace_back(id);
  };
  for (const auto& item : SplitList(v.text, false)) {
    const auto whole = ctx.dir.Find(of, item);
    if (!whole.id.empty()) {
      add(whole.id);
      continue;
    }
    std::vector<std::string> parts = commas ? SplitList(item, true) : std::vector<std::string>{};
    std::vector<std::string> ids;
    for (const auto& part : parts) {
      const auto found = ctx.dir.Find(of, part);
      if (found.id.empty()) break;
      ids.push_back(found.id);
    }
    if (parts.size() > 1 && ids.size() == parts.size()) {
      for (const auto& id : ids) add(id);
    } else {
      notes.errors.push_back(whole.error);
    }
  }
  return out;
}

template <class Id>
std::optional<Id> ResolveOne(const Value& v, Of of, Context& ctx, CellNotes& notes) {
  if (v.empty()) return std::nullopt;
  const auto found = ctx.dir.Find(of, v.text);
  if (found.id.empty()) {
    notes.errors.push_back(found.error);
    return std::nullopt;
  }
  return Id(found.id);
}

template <class Id>
std::string ShowList(const std::vector<Id>& ids, Of of, const Directory& dir) {
  std::vector<std::string> names;
  for (const auto& id : ids) {
    std::string shown = dir.Show(of, id.str());
    if (shown.find_first_of(";\n\r") != std::string::npos) shown = id.str();  // a name the list separator would cut
    names.push_back(std::move(shown));
  }
  return JoinList(names);
}

// A person named in a cell: found, or (when the mapping allows it) created with the name alone.
std::optional<model::PersonId> PersonFor(const std::string& text, Context& ctx, CellNotes& notes) {
  const auto found = ctx.dir.Find(Of::kPerson, text);
  if (!found.id.empty()) return model::PersonId(found.id);
  if (!ctx.create_missing_people || ctx.created_people == nullptr || !ctx.dir.ByName(Of::kPerson, text).empty()) {
    notes.errors.push_back(found.error + (ctx.create_missing_people
                                              ? ""
                                              : " – lägg till personen på ett blad Personer eller rätta namnet "
                                                "/ add the person on a People sheet or correct the name"));
    return std::nullopt;
  }
  model::Person p;
  std::string id = Slug(text);
  if (id.empty()) id = "person";
  for (int n = 2; ctx.dir.Has(Of::kPerson, id); ++n) id = Slug(text) + "-" + std::to_string(n);
  p.id = model::PersonId(id);
  p.name = text;
  ctx.dir.Put(Of::kPerson, id, p.name);
  ctx.created_people->push_back(p);
  notes.warnings.push_back("personen " + Quote(text) + " finns inte och skapas (id " + id +
                           ") / the person does not exist and is created");
  return p.id;
}

const std::vector<std::pair<std::string_view, std::string_view>> kCountries = {
    {"sverige", "SE"},         {"sweden", "SE"},         {"norge", "NO"},         {"norway", "NO"},
    {"danmark", "DK"},         {"denmark", "DK"},        {"finland", "FI"},       {"island", "IS"},
    {"iceland", "IS"},         {"tyskland", "DE"},       {"germany", "DE"},       {"irland", "IE"},
    {"ireland", "IE"},         {"nederlanderna", "NL"},  {"netherlands", "NL"},   {"holland", "NL"},
    {"frankrike", "FR"},       {"france", "FR"},         {"belgien", "BE"},       {"belgium", "BE"},
    {"polen", "PL"},           {"poland", "PL"},         {"estland", "EE"},       {"estonia", "EE"},
    {"spanien", "ES"},         {"spain", "ES"},          {"italien", "IT"},       {"italy", "IT"},
    {"osterrike", "AT"},       {"austria", "AT"},        {"usa", "US"},           {"unitedstates", "US"},
    {"forentastaterna", "US"}, {"storbritannien", "GB"}, {"unitedkingdom", "GB"}, {"uk", "GB"},
    {"england", "GB"},         {"indien", "IN"},         {"india", "IN"},         {"schweiz", "CH"},
    {"switzerland", "CH"},     {"kanada", "CA"},         {"canada", "CA"},        {"kina", "CN"},
    {"china", "CN"},           {"japan", "JP"},          {"australien", "AU"},    {"australia", "AU"},
    {"lettland", "LV"},        {"litauen", "LT"}};

// ---- fields of a system ---------------------------------------------------------------------------------------

template <class T>
Field<T> TextField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                   std::string T::*member) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member](const T& x, const Directory&, Lang) { return Text(x.*member); },
          [member](T& x, const Value& v, Context&, CellNotes&) { x.*member = v.text; }};
}

template <class T>
Field<T> ListField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                   std::vector<std::string> T::*member) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member](const T& x, const Directory&, Lang) { return Text(JoinList(x.*member)); },
          [member](T& x, const Value& v, Context&, CellNotes&) { x.*member = SplitList(v.text, false); }};
}

template <class T>
Field<T> BoolField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases, bool T::*member) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member](const T& x, const Directory&, Lang lang) { return Text(YesNo(x.*member, lang)); },
          [member](T& x, const Value& v, Context&, CellNotes& notes) {
            if (v.empty()) {
              x.*member = false;
              return;
            }
            std::optional<bool> b = v.cell && v.cell->kind == CellKind::kBool ? std::optional<bool>(v.cell->number != 0)
                                                                              : ParseBool(v.text);
            if (!b)
              notes.errors.push_back("förstår inte " + Quote(v.text) + "; skriv Ja eller Nej / write Yes or No");
            else
              x.*member = *b;
          }};
}

template <class T>
Field<T> OptDateField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                      std::optional<model::Date> T::*member) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member](const T& x, const Directory&, Lang) { return DateOf(x.*member); },
          [member](T& x, const Value& v, Context&, CellNotes& notes) {
            if (v.empty()) {
              x.*member = std::nullopt;
              return;
            }
            if (auto d = ParseDate(v))
              x.*member = d;
            else
              notes.errors.push_back("ogiltigt datum " + Quote(v.text) +
                                     "; skriv ÅÅÅÅ-MM-DD / invalid date, write YYYY-MM-DD");
          }};
}

// A closed set whose value is required: an empty cell leaves the value as it is.
template <class T, class E>
Field<T> EnumField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases, E T::*member,
                   Synonyms<E> synonyms) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member](const T& x, const Directory&, Lang lang) { return EnumCell(x.*member, lang); },
          [member, folded = Fold(synonyms)](T& x, const Value& v, Context&, CellNotes& notes) {
            if (v.empty()) return;
            if (auto e = ParseEnumText<E>(v.text, folded))
              x.*member = *e;
            else
              notes.errors.push_back(EnumError<E>(v.text));
          }};
}

template <class T, class E>
Field<T> OptEnumField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                      std::optional<E> T::*member, Synonyms<E> synonyms) {
  return {
      std::move(id),
      std::move(sv),
      std::move(en),
      std::move(aliases),
      [member](const T& x, const Directory&, Lang lang) { return (x.*member) ? EnumCell(*(x.*member), lang) : Cell{}; },
      [member, folded = Fold(synonyms)](T& x, const Value& v, Context&, CellNotes& notes) {
        if (v.empty()) {
          x.*member = std::nullopt;
          return;
        }
        if (auto e = ParseEnumText<E>(v.text, folded))
          x.*member = *e;
        else
          notes.errors.push_back(EnumError<E>(v.text));
      }};
}

template <class T, class Id>
Field<T> OptRefField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                     std::optional<Id> T::*member, Of of) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member, of](const T& x, const Directory& dir, Lang) {
            return (x.*member) ? Text(dir.Show(of, (x.*member)->str())) : Cell{};
          },
          [member, of](T& x, const Value& v, Context& ctx, CellNotes& notes) {
            const size_t before = notes.errors.size();
            auto r = ResolveOne<Id>(v, of, ctx, notes);
            if (notes.errors.size() == before) x.*member = r;
          }};
}

template <class T, class Id>
Field<T> RefListField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                      std::vector<Id> T::*member, Of of) {
  return {std::move(id),
          std::move(sv),
          std::move(en),
          std::move(aliases),
          [member, of](const T& x, const Directory& dir, Lang) { return Text(ShowList(x.*member, of, dir)); },
          [member, of](T& x, const Value& v, Context& ctx, CellNotes& notes) {
            const size_t before = notes.errors.size();
            auto list = ResolveList<Id>(v, of, true, ctx, notes);
            if (notes.errors.size() == before) SetList(x.*member, std::move(list));
          }};
}

Field<model::System> RoleField(model::RoleKind kind) {
  const std::string wire(model::ToString(kind));
  std::string sv = Capitalize(rules::Label(kind, Lang::kSv)), en = Capitalize(rules::Label(kind, Lang::kEn));
  std::vector<std::string> aliases = {wire, "roll " + wire, "role " + wire};
  using K = model::RoleKind;
  switch (kind) {
    case K::kOwner:
      sv = "Systemägare", en = "System owner",
      aliases.insert(aliases.end(), {"Ägare", "Owner", "Systemägare (person)"});
      break;
    case K::kBudgetHolder:
      aliases.insert(aliases.end(), {"Budgetägare", "Budgetansvar"});
      break;
    case K::kSystemSteward:
      aliases.insert(aliases.end(), {"Systemförvaltare (verksamhet)", "Verksamhetsförvaltare"});
      break;
    case K::kTechnicalSteward:
      aliases.insert(aliases.end(), {"Teknisk förvaltare", "IT-förvaltare", "Teknisk systemförvaltare (IT)"});
      break;
    case K::kLeadSuperuser:
      aliases.insert(aliases.end(), {"Huvudsuperanvändare", "Huvudanvändare", "Superanvändare (huvudansvarig)"});
      break;
    case K::kSupplier:
      sv = "Leverantör (roll)", en = "Supplier (role)";
      break;
    default:
      break;
  }
  return {"role:" + wire,
          sv,
          en,
          aliases,
          [kind](const model::System& s, const Directory& dir, Lang) {
            std::vector<std::string> names;
            for (const auto& r : s.roles) {
              if (r.role != kind) continue;
              const std::string id = r.person ? r.person->str() : r.committee ? r.committee->str() : "";
              if (id.empty()) continue;
              std::string shown = dir.Show(r.person ? Of::kPerson : Of::kCommittee, id);
              if (shown.find_first_of(";\n\r") != std::string::npos) shown = id;  // a name the list separator would cut
              names.push_back(std::move(shown));
            }
            return Text(JoinList(names));
          },
          [kind](model::System& s, const Value& v, Context& ctx, CellNotes& notes) {
            std::vector<model::RoleAssignment> wanted;
            for (const auto& item : SplitList(v.text, false)) {
              model::RoleAssignment a;
              a.role = kind;
              if (kind == K::kInformationOwner) {
                const auto found = ctx.dir.Find(Of::kCommittee, item);
                if (found.id.empty()) {
                  notes.errors.push_back(found.error +
                                         " (informationsägaren är en nämnd / the information owner is a committee)");
                  continue;
                }
                a.committee = model::CommitteeId(found.id);
              } else {
                auto p = PersonFor(item, ctx, notes);
                if (!p) continue;
                a.person = *p;
              }
              if (std::find(wanted.begin(), wanted.end(), a) == wanted.end()) wanted.push_back(a);
            }
            if (!notes.errors.empty()) return;
            std::vector<model::RoleAssignment> current;
            for (const auto& r : s.roles)
              if (r.role == kind) current.push_back(r);
            if (current == wanted) return;
            // The new holders take the place of the old ones; the other roles keep their order.
            auto first = std::find_if(s.roles.begin(), s.roles.end(), [&](const auto& r) { return r.role == kind; });
            size_t at = static_cast<size_t>(first - s.roles.begin());
            std::erase_if(s.roles, [&](const auto& r) { return r.role == kind; });
            at = std::min(at, s.roles.size());
            s.roles.insert(s.roles.begin() + static_cast<std::ptrdiff_t>(at), wanted.begin(), wanted.end());
          }};
}

model::Document* FirstDocument(model::System& s, model::DocumentKind kind) {
  for (auto& d : s.documents)
    if (d.kind == kind) return &d;
  return nullptr;
}

model::Document& AddDocument(model::System& s, model::DocumentKind kind, const std::string& base) {
  std::string id = base;
  auto taken = [&](const std::string& x) {
    return std::any_of(s.documents.begin(), s.documents.end(), [&](const auto& d) { return d.id.str() == x; });
  };
  for (int n = 2; taken(id); ++n) id = base + "-" + std::to_string(n);
  model::Document d;
  d.id = model::DocumentId(id);
  d.kind = kind;
  s.documents.push_back(d);
  return s.documents.back();
}

std::optional<int> ParseLevel(std::string_view text) {
  std::string_view s = text;
  while (!s.empty() && !std::isdigit(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  double d = -1;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), d);
  if (r.ec != std::errc() || r.ptr != s.data() + s.size() || d != std::floor(d) || d < 0 || d > 3) return std::nullopt;
  if (text.size() - s.size() > 1) return std::nullopt;  // at most one letter before: "K2"
  return static_cast<int>(d);
}

Field<model::System> LevelField(std::string id, std::string sv, std::string en, std::vector<std::string> aliases,
                                int model::Classification::*member) {
  return {
      std::move(id),
      std::move(sv),
      std::move(en),
      std::move(aliases),
      [member](const model::System& s, const Directory&, Lang) {
        return s.classification ? Number((*s.classification).*member) : Cell{};
      },
      [member](model::System& s, const Value& v, Context&, CellNotes& notes) {
        if (v.empty()) return;  // all three empty: see the row's end in the importer
        const auto level = ParseLevel(v.text);
        if (!level) {
          notes.errors.push_back("nivån ska vara 0, 1, 2 eller 3, inte " + Quote(v.text) + " / the level is 0 to 3");
          return;
        }
        if (!s.classification) s.classification = model::Classification{};
        (*s.classification).*member = *level;
      }};
}

std::vector<Field<model::System>> MakeSystemFields() {
  using S = model::System;
  using model::Category, model::Scope, model::Lifecycle, model::Hosting;
  std::vector<Field<S>> f;
  f.push_back({"id",
               "Id",
               "Id",
               {"System-id", "Systemid", "System id", "Systemets id"},
               [](const S& s, const Directory&, Lang) { return Text(s.id.str()); },
               [](S&, const Value&, Context&, CellNotes&) {}});
  f.push_back(TextField<S>(
      "name", "Systemnamn", "System name",
      {"System", "Namn", "Name", "Systemets namn", "Namn på system", "IT-system", "Tjänst", "Namn på tjänst"},
      &S::name));
  f.push_back(EnumField<S, Category>("category", "Kategori", "Category",
                                     {"Systemkategori", "Typ", "Systemtyp", "Kategorisering"}, &S::category,
                                     {{"publik", Category::kPublicService},
                                      {"myndighet", Category::kAuthorityService},
                                      {"kommersiell", Category::kCommercialService},
                                      {"verktyg", Category::kDigitalTool},
                                      {"verksamhet", Category::kBusinessSystem},
                                      {"infrastruktur", Category::kItInfrastructure},
                                      {"it infra", Category::kItInfrastructure}}));
  f.push_back(EnumField<S, Scope>("scope", "Omfattning", "Scope",
                                  {"Omfång", "Räckvidd", "Kommungemensam eller förvaltningsspecifik"}, &S::scope,
                                  {{"kommungemensam", Scope::kMunicipalityWide},
                                   {"gemensam", Scope::kMunicipalityWide},
                                   {"kommunövergripande", Scope::kMunicipalityWide},
                                   {"förvaltningsspecifik", Scope::kAdministrationSpecific},
                                   {"specifik", Scope::kAdministrationSpecific}}));
  f.push_back(BoolField<S>("own_support_process", "Egen stödprocess", "Own support process", {"Stödprocess"},
                           &S::own_support_process));
  f.push_back(OptRefField<S, model::AdministrationId>(
      "owner_administration", "Förvaltning", "Owner administration",
      {"Ägande förvaltning", "Systemägande förvaltning", "Ägarförvaltning", "Ansvarig förvaltning", "Administration"},
      &S::owner_administration, Of::kAdministration));
  f.push_back(RefListField<S, model::AdministrationId>(
      "used_by", "Används av", "Used by",
      {"Användande förvaltningar", "Förvaltningar som använder", "Användare", "Användande förvaltning"}, &S::used_by,
      Of::kAdministration));
  f.push_back(OptEnumField<S, Hosting>("hosting", "Drift", "Hosting",
                                       {"Driftform", "Driftas av", "Driftmiljö", "Drift (intern/extern)"}, &S::hosting,
                                       {{"intern", Hosting::kInternal},
                                        {"internt", Hosting::kInternal},
                                        {"egen drift", Hosting::kInternal},
                                        {"digitalt center", Hosting::kInternal},
                                        {"on-prem", Hosting::kInternal},
                                        {"lokal", Hosting::kInternal},
                                        {"extern", Hosting::kExternal},
                                        {"externt", Hosting::kExternal},
                                        {"leverantör", Hosting::kExternal},
                                        {"hos leverantören", Hosting::kExternal},
                                        {"saas", Hosting::kExternal},
                                        {"moln", Hosting::kExternal},
                                        {"molntjänst", Hosting::kExternal},
                                        {"cloud", Hosting::kExternal}}));
  f.push_back({"supplier",
               "Leverantör",
               "Supplier",
               {"Leverantörer", "Vendor", "Leverantörsnamn"},
               [](const S& s, const Directory&, Lang) { return Text(s.supplier.value_or("")); },
               [](S& s, const Value& v, Context&, CellNotes&) {
                 if (v.empty())
                   s.supplier = std::nullopt;
                 else
                   s.supplier = v.text;
               }});
  f.push_back(
      BoolField<S>("personal_data", "Personuppgifter", "Personal data",
                   {"Behandlar personuppgifter", "Innehåller personuppgifter", "Personuppgifter (ja/nej)", "PU"},
                   &S::personal_data));
  f.push_back(BoolField<S>("special_categories", "Känsliga personuppgifter", "Special categories",
                           {"Särskilda kategorier", "Särskilda kategorier av personuppgifter", "Känsliga uppgifter",
                            "Special categories of personal data"},
                           &S::special_categories));
  f.push_back(BoolField<S>("fee", "Avgift", "Fee", {"Kostnad", "Avgiftsbelagd", "Licenskostnad"}, &S::fee));
  f.push_back(EnumField<S, Lifecycle>("lifecycle", "Livscykel", "Lifecycle",
                                      {"Status", "Livscykelstatus", "Systemstatus"}, &S::lifecycle,
                                      {{"planerad", Lifecycle::kPlanned},
                                       {"upphandlas", Lifecycle::kProcurement},
                                       {"i upphandling", Lifecycle::kProcurement},
                                       {"aktiv", Lifecycle::kActive},
                                       {"i drift", Lifecycle::kActive},
                                       {"drift", Lifecycle::kActive},
                                       {"i produktion", Lifecycle::kActive},
                                       {"produktion", Lifecycle::kActive},
                                       {"avvecklas", Lifecycle::kRetiring},
                                       {"avveckling", Lifecycle::kRetiring},
                                       {"avvecklad", Lifecycle::kRetired},
                                       {"ur drift", Lifecycle::kRetired}}));
  f.push_back(OptDateField<S>(
      "active_since", "I drift sedan", "Active since",
      {"Driftsatt", "Driftstart", "Driftsättning", "Driftsatt datum", "In use since", "Startdatum"}, &S::active_since));
  f.push_back(LevelField("confidentiality", "Konfidentialitet", "Confidentiality",
                         {"K", "Konfidentialitet (K)", "K-nivå"}, &model::Classification::confidentiality));
  f.push_back(LevelField("integrity", "Riktighet", "Integrity", {"R", "Riktighet (R)", "R-nivå"},
                         &model::Classification::integrity));
  f.push_back(LevelField("availability", "Tillgänglighet", "Availability", {"T", "Tillgänglighet (T)", "T-nivå"},
                         &model::Classification::availability));
  f.push_back({"processing_countries",
               "Behandlingsländer",
               "Processing countries",
               {"Länder", "Land", "Land för behandling", "Var behandlas uppgifterna", "Behandlingsland", "Countries"},
               [](const S& s, const Directory&, Lang) { return Text(JoinList(s.processing_countries)); },
               [](S& s, const Value& v, Context&, CellNotes& notes) {
                 std::vector<std::string> codes;
                 for (const auto& item : SplitList(v.text, true)) {
                   std::string code;
                   const std::string folded = FoldHeading(item);
                   for (const auto& [name, c] : kCountries)
                     if (folded == name) code = c;
                   if (code.empty() && item.size() == 2 && std::isalpha(static_cast<unsigned char>(item[0])) &&
                       std::isalpha(static_cast<unsigned char>(item[1])))
                     code = {static_cast<char>(std::toupper(static_cast<unsigned char>(item[0]))),
                             static_cast<char>(std::toupper(static_cast<unsigned char>(item[1])))};
                   if (code.empty())
                     notes.errors.push_back("okänt land " + Quote(item) +
                                            "; skriv landskoden (SE, US) / unknown country, write its ISO code");
                   else if (std::find(codes.begin(), codes.end(), code) == codes.end())
                     codes.push_back(code);
                 }
                 if (notes.errors.empty()) SetList(s.processing_countries, std::move(codes));
               }});
  f.push_back({"dpa",
               "PUB-avtal",
               "DPA",
               {"Personuppgiftsbiträdesavtal", "PuB-avtal", "PUB", "Biträdesavtal", "PUB-avtal tecknat",
                "Data processing agreement"},
               [](const S& s, const Directory&, Lang lang) {
                 for (const auto& d : s.documents)
                   if (d.kind == model::DocumentKind::kDpa)
                     return d.signed_on ? DateOf(d.signed_on) : Text(YesNo(true, lang));
                 return Text(YesNo(false, lang));
               },
               [](S& s, const Value& v, Context&, CellNotes& notes) {
                 const std::string word = FoldHeading(v.text);
                 std::optional<bool> yes = ParseBool(v.text);
                 if (word == "finns" || word == "tecknat" || word == "signerat") yes = true;
                 if (word.empty() || word == "saknas" || word == "finnsej" || word == "ej" || word == "ingen" ||
                     word == "ejaktuellt")
                   yes = false;
                 if (yes && !*yes) {
                   std::erase_if(s.documents, [](const auto& d) { return d.kind == model::DocumentKind::kDpa; });
                   return;
                 }
                 std::optional<model::Date> date;
                 if (!yes) {
                   date = ParseDate(v);
                   if (!date) {
                     notes.errors.push_back(
                         "förstår inte " + Quote(v.text) +
                         "; skriv Ja, Nej eller dagen avtalet tecknades / write Yes, No or the day it was signed");
                     return;
                   }
                 }
                 auto* d = FirstDocument(s, model::DocumentKind::kDpa);
                 if (d == nullptr) d = &AddDocument(s, model::DocumentKind::kDpa, "pub-avtal");
                 if (date) d->signed_on = date;
               }});
  f.push_back({"contract_end",
               "Avtal gäller till",
               "Contract valid to",
               {"Avtal t.o.m.", "Avtalet gäller till", "Avtalsslut", "Avtal till", "Avtalets slutdatum",
                "Avtalet löper ut", "Avtalstid till", "Contract end"},
               [](const S& s, const Directory&, Lang) {
                 for (const auto& d : s.documents)
                   if (d.kind == model::DocumentKind::kBaseContract) return DateOf(d.valid_to);
                 return Cell{};
               },
               [](S& s, const Value& v, Context&, CellNotes& notes) {
                 auto* d = FirstDocument(s, model::DocumentKind::kBaseContract);
                 if (v.empty()) {
                   if (d) d->valid_to = std::nullopt;
                   return;
                 }
                 const auto date = ParseDate(v);
                 if (!date) {
                   notes.errors.push_back("ogiltigt datum " + Quote(v.text) +
                                          "; skriv ÅÅÅÅ-MM-DD / invalid date, write YYYY-MM-DD");
                   return;
                 }
                 if (d == nullptr) d = &AddDocument(s, model::DocumentKind::kBaseContract, "grundavtal");
                 d->valid_to = date;
               }});
  for (const auto kind : model::AllValues<model::RoleKind>()) f.push_back(RoleField(kind));
  return f;
}

std::vector<Field<model::Person>> MakePersonFields() {
  using P = model::Person;
  using model::Title;
  std::vector<Field<P>> f;
  f.push_back({"id",
               "Id",
               "Id",
               {"Person-id", "Personid", "Användar-id", "Användarnamn", "User id"},
               [](const P& p, const Directory&, Lang) { return Text(p.id.str()); },
               [](P&, const Value&, Context&, CellNotes&) {}});
  f.push_back(TextField<P>("name", "Namn", "Name",
                           {"Personnamn", "Fullständigt namn", "För- och efternamn", "Person", "Full name"}, &P::name));
  f.push_back(TextField<P>("email", "E-post", "Email",
                           {"Epost", "E-postadress", "Mejl", "Mail", "E-mail", "Email address"}, &P::email));
  f.push_back(OptRefField<P, model::AdministrationId>("administration", "Förvaltning", "Administration",
                                                      {"Arbetar på förvaltning"}, &P::administration,
                                                      Of::kAdministration));
  f.push_back({"unit",
               "Enhet",
               "Unit",
               {"Avdelning", "Sektion"},
               [](const P& p, const Directory&, Lang) { return Text(p.unit ? p.unit->str() : ""); },
               [](P& p, const Value& v, Context& ctx, CellNotes& notes) {
                 if (v.empty()) {
                   p.unit = std::nullopt;
                   return;
                 }
                 const model::Administration* admin = nullptr;
                 if (p.administration)
                   for (const auto& a : ctx.reg.administrations)
                     if (a.id == *p.administration) admin = &a;
                 if (admin != nullptr)
                   for (const auto& u : admin->units)
                     if (u.id.str() == v.text || FoldName(u.name) == FoldName(v.text)) {
                       p.unit = u.id;
                       return;
                     }
                 notes.errors.push_back(
                     "enheten " + Quote(v.text) +
                     " finns inte på personens förvaltning / no such unit in the person's administration");
               }});
  f.push_back(OptEnumField<P, Title>("title", "Befattning", "Title", {"Titel", "Tjänstetitel", "Position", "Job title"},
                                     &P::title,
                                     {{"bitr kommundirektör", Title::kDeputyMunicipalDirector},
                                      {"biträdande kommundirektör", Title::kDeputyMunicipalDirector},
                                      {"stadsdirektör", Title::kMunicipalDirector},
                                      {"förvaltningsdirektör", Title::kAdministrationDirector},
                                      {"verksamhetschef digitalt center", Title::kDigitalCenterHead},
                                      {"chef digitalt center", Title::kDigitalCenterHead},
                                      {"enhetschef", Title::kManager},
                                      {"avdelningschef", Title::kManager},
                                      {"verksamhetschef", Title::kManager},
                                      {"sektionschef", Title::kManager},
                                      {"gruppchef", Title::kManager},
                                      {"it-chef", Title::kManager},
                                      {"handläggare", Title::kEmployee},
                                      {"anställd", Title::kEmployee},
                                      {"tjänsteman", Title::kEmployee}}));
  return f;
}

model::TransferRecord ParseTransfer(const std::string& item) {
  // "US: Microsoft Corporation (SCC)": country, recipient, safeguards in parentheses at the end.
  model::TransferRecord t;
  std::string rest = item;
  if (const auto colon = rest.find(':'); colon != std::string::npos && colon <= 40) {
    t.country = CleanText(rest.substr(0, colon));
    rest = CleanText(rest.substr(colon + 1));
  }
  if (!rest.empty() && rest.back() == ')') {
    const auto open = rest.rfind('(');
    if (open != std::string::npos) {
      t.safeguards = CleanText(rest.substr(open + 1, rest.size() - open - 2));
      rest = CleanText(rest.substr(0, open));
    }
  }
  t.recipient = rest;
  return t;
}

std::string ShowTransfer(const model::TransferRecord& t) {
  std::string out = t.country.empty() ? "" : t.country + ": ";
  out += t.recipient;
  if (!t.safeguards.empty()) out += (t.recipient.empty() ? "(" : " (") + t.safeguards + ")";
  return out;
}

std::vector<Field<model::ProcessingActivity>> MakeActivityFields() {
  using A = model::ProcessingActivity;
  using model::LegalBasis;
  std::vector<Field<A>> f;
  f.push_back({"id",
               "Id",
               "Id",
               {"Behandlings-id", "Behandlingsid", "Nr", "Löpnummer"},
               [](const A& a, const Directory&, Lang) { return Text(a.id.str()); },
               [](A&, const Value&, Context&, CellNotes&) {}});
  f.push_back(TextField<A>(
      "name", "Behandling", "Processing activity",
      {"Namn på behandling", "Behandlingens namn", "Personuppgiftsbehandling", "Namn", "Name", "Benämning"}, &A::name));
  f.push_back(OptRefField<A, model::CommitteeId>("controller", "Personuppgiftsansvarig", "Controller",
                                                 {"Personuppgiftsansvarig nämnd", "Nämnd", "Ansvarig nämnd", "PUA"},
                                                 &A::controller, Of::kCommittee));
  f.push_back(TextField<A>("process_code", "Processkod", "Process code", {"Process-id", "Process", "Processnummer"},
                           &A::process_code));
  f.push_back(
      ListField<A>("purposes", "Ändamål", "Purposes",
                   {"Syfte", "Ändamål med behandlingen", "Ändamålen med behandlingen", "Purpose", "Syfte och ändamål"},
                   &A::purposes));
  f.push_back(OptEnumField<A, LegalBasis>(
      "legal_basis", "Rättslig grund", "Legal basis",
      {"Laglig grund", "Rättslig grund för behandlingen", "Rättslig grund (art. 6)"}, &A::legal_basis,
      {{"myndighetsutövning", LegalBasis::kPublicTask},
       {"allmänt intresse", LegalBasis::kPublicTask},
       {"uppgift av allmänt intresse", LegalBasis::kPublicTask},
       {"allmänt intresse/myndighetsutövning", LegalBasis::kPublicTask},
       {"6.1 e", LegalBasis::kPublicTask},
       {"art. 6.1 e", LegalBasis::kPublicTask},
       {"6.1 a", LegalBasis::kConsent},
       {"6.1 b", LegalBasis::kContract},
       {"6.1 c", LegalBasis::kLegalObligation},
       {"rättslig skyldighet", LegalBasis::kLegalObligation},
       {"6.1 d", LegalBasis::kVitalInterests},
       {"grundläggande intressen", LegalBasis::kVitalInterests},
       {"6.1 f", LegalBasis::kLegitimateInterests},
       {"intresseavvägning", LegalBasis::kLegitimateInterests}}));
  f.push_back(RefListField<A, model::SystemId>(
      "systems", "System", "Systems", {"Systemstöd", "IT-system", "System som används"}, &A::systems, Of::kSystem));
  f.push_back(ListField<A>(
      "data_subjects", "Kategorier av registrerade", "Data subjects",
      {"Registrerade", "Registrerade personer", "Kategorier av registrerade personer", "Categories of data subjects"},
      &A::data_subjects));
  f.push_back(ListField<A>("data_categories", "Kategorier av personuppgifter", "Personal data categories",
                           {"Personuppgifter", "Typ av personuppgifter", "Personuppgiftskategorier", "Data categories",
                            "Categories of personal data"},
                           &A::data_categories));
  f.push_back(ListField<A>("recipients", "Mottagare", "Recipients",
                           {"Kategorier av mottagare", "Categories of recipients"}, &A::recipients));
  f.push_back({"transfers",
               "Överföring till tredje land",
               "Third-country transfers",
               {"Tredjelandsöverföring", "Överföringar", "Överföring till tredjeland", "Transfers"},
               [](const A& a, const Directory&, Lang) {
                 std::vector<std::string> items;
                 for (const auto& t : a.transfers) items.push_back(ShowTransfer(t));
                 return Text(JoinList(items));
               },
               [](A& a, const Value& v, Context&, CellNotes&) {
                 std::vector<model::TransferRecord> out;
                 for (const auto& item : SplitList(v.text, false)) {
                   const std::string word = FoldHeading(item);
                   if (word == "nej" || word == "inga" || word == "no" || word == "none" || word == "ejaktuellt")
                     continue;
                   out.push_back(ParseTransfer(item));
                 }
                 a.transfers = std::move(out);
               }});
  f.push_back(TextField<A>(
      "retention", "Gallring", "Retention",
      {"Lagringstid", "Bevarande och gallring", "Gallringsfrist", "Gallringsfrister", "Tidsfrister för radering"},
      &A::retention));
  f.push_back(TextField<A>("security_measures", "Säkerhetsåtgärder", "Security measures",
                           {"Tekniska och organisatoriska säkerhetsåtgärder", "Skyddsåtgärder", "Säkerhet"},
                           &A::security_measures));
  f.push_back(RefListField<A, model::CommitteeId>(
      "joint_controllers", "Gemensamt personuppgiftsansvar", "Joint controllers",
      {"Gemensamt ansvariga", "Gemensamt ansvarig", "Gemensamt personuppgiftsansvariga"}, &A::joint_controllers,
      Of::kCommittee));
  f.push_back(OptRefField<A, model::CommitteeId>(
      "processor_committee", "Personuppgiftsbiträde (nämnd)", "Processor (committee)",
      {"Personuppgiftsbiträde", "Biträde", "Processor"}, &A::processor_committee, Of::kCommittee));
  f.push_back(OptDateField<A>("start_date", "Startdatum", "Start date", {"Påbörjad", "Behandlingen påbörjades"},
                              &A::start_date));
  return f;
}

}  // namespace

// ---- text ---------------------------------------------------------------------------------------------------------

std::string FoldHeading(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
      continue;
    }
    if (c == 0xC3 && i + 1 < s.size())  // upper and lower case alike
      if (const char letter = model::StripAccent(static_cast<unsigned char>(s[++i]))) out += letter;
  }
  return out;
}

std::string FoldName(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    if (IsSpaceAt(s, i, len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < s.size()) {
      out += static_cast<char>(c);
      out += static_cast<char>(model::LowerLatin1(static_cast<unsigned char>(s[i + 1])));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

std::string CleanText(std::string_view s) {
  size_t len = 0;
  while (!s.empty() && IsSpaceAt(s, 0, len)) s.remove_prefix(len);
  for (;;) {
    bool trimmed = false;
    for (size_t back : {1, 2, 3}) {
      if (s.size() >= back && IsSpaceAt(s, s.size() - back, len) && len == back) {
        s.remove_suffix(back);
        trimmed = true;
        break;
      }
    }
    if (!trimmed) break;
  }
  if (s.size() >= 2 && s[0] == '\'' && std::string_view("=+-@").find(s[1]) != std::string_view::npos)
    s.remove_prefix(1);
  return std::string(s);
}

std::string Capitalize(std::string_view s) { return model::CapitalizeFirst(s); }

std::optional<bool> ParseBool(std::string_view text) {
  const std::string f = FoldHeading(text);
  for (const char* y : {"ja", "j", "yes", "y", "x", "true", "sant", "1", "sann"})
    if (f == y) return true;
  for (const char* n : {"nej", "n", "no", "false", "falskt", "0", "falsk"})
    if (f == n) return false;
  if (text == "-" || text == "–") return false;
  return std::nullopt;
}

namespace {
std::optional<model::Date> Ymd(long y, long m, long d) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return model::ParseDate(buf);  // checks that the day exists
}

std::optional<model::Date> FromSerial(double serial) {
  if (const auto days = io::sheets::SerialToUnixDays(serial)) return model::Date::FromDays(*days);
  return std::nullopt;
}
}  // namespace

std::optional<model::Date> ParseDate(const Value& v) {
  if (v.cell && v.cell->kind == CellKind::kDate) return FromSerial(v.cell->number);
  if (v.cell && v.cell->kind == CellKind::kNumber) {
    const double n = v.cell->number;
    if (n == std::floor(n) && n >= 10000101 && n <= 99991231) {
      const auto x = static_cast<long>(n);
      return Ymd(x / 10000, x / 100 % 100, x % 100);
    }
    if (n >= 1000 && n < 2958466) return FromSerial(n);  // a serial the sheet shows as a number
    return std::nullopt;
  }
  std::string_view s = v.text;
  if (const auto cut = s.find_first_of(" T"); cut != std::string_view::npos && cut >= 8) s = s.substr(0, cut);
  std::vector<long> parts;
  std::vector<size_t> lengths;
  char sep = 0;
  for (size_t i = 0; i < s.size();) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    size_t j = i;
    long n = 0;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) && j - i < 9) n = n * 10 + (s[j++] - '0');
    parts.push_back(n);
    lengths.push_back(j - i);
    if (j < s.size()) {
      if (std::string_view("-./").find(s[j]) == std::string_view::npos || (sep != 0 && s[j] != sep))
        return std::nullopt;
      sep = s[j];
      ++j;
      if (j == s.size()) return std::nullopt;
    }
    i = j;
  }
  if (parts.size() == 1) {
    if (lengths[0] == 8) return Ymd(parts[0] / 10000, parts[0] / 100 % 100, parts[0] % 100);
    if (lengths[0] == 5) return FromSerial(static_cast<double>(parts[0]));
    return std::nullopt;
  }
  if (parts.size() != 3) return std::nullopt;
  if (lengths[0] == 4) return Ymd(parts[0], parts[1], parts[2]);  // 2024-03-01, 2024/3/1
  if (lengths[2] == 4) return Ymd(parts[2], parts[1], parts[0]);  // 1.3.2024, 01/03/2024: day first
  return std::nullopt;
}

std::vector<std::string> SplitList(std::string_view text, bool commas) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !(text[i] == ';' || text[i] == '\n' || text[i] == '\r' || (commas && text[i] == ',')))
      continue;
    std::string item = CleanText(text.substr(start, i - start));
    while (!item.empty() && (item.front() == '-' || item.front() == '*')) item = CleanText(item.substr(1));  // bullets
    if (!item.empty()) out.push_back(std::move(item));
    start = i + 1;
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

std::string Slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    char add = 0;
    if (c < 0x80) {
      if (std::isalnum(c)) add = static_cast<char>(std::tolower(c));
    } else if (c == 0xC3 && i + 1 < name.size()) {
      add = model::StripAccent(static_cast<unsigned char>(name[++i]));
    }
    if (add == 0) {
      dash = !out.empty();
      continue;
    }
    if (dash) out += '-';
    dash = false;
    out += add;
    if (out.size() >= 60) break;
  }
  return out;
}

// ---- the directory ------------------------------------------------------------------------------------------------

const Directory::Table& Directory::T(Of of) const {
  const auto k = static_cast<size_t>(of);
  if (built_[k]) return tables_[k];
  built_[k] = true;
  Table& t = tables_[k];
  auto all = [&](const auto& items) {
    t.name_of.reserve(items.size());
    for (const auto& x : items) {
      if constexpr (requires { x.email; })
        Insert(t, x.id.str(), x.name, x.email);
      else
        Insert(t, x.id.str(), x.name, {});
    }
  };
  switch (of) {
    case Of::kPerson:
      all(reg_->people);
      break;
    case Of::kAdministration:
      all(reg_->administrations);
      break;
    case Of::kCommittee:
      all(reg_->committees);
      break;
    case Of::kSystem:
      all(reg_->systems);
      break;
    case Of::kActivity:
      all(reg_->processing_activities);
      break;
  }
  return t;
}

void Directory::Insert(Table& t, const std::string& id, const std::string& name, const std::string& email) {
  t.name_of[id] = name;
  if (!name.empty()) t.by_name[FoldName(name)].push_back(id);
  if (!email.empty()) {
    t.email_of[id] = email;
    t.by_email[FoldName(email)].push_back(id);
  }
}

void Directory::Put(Of of, const std::string& id, const std::string& name, const std::string& email) {
  Remove(of, id);
  Insert(T(of), id, name, email);
}

void Directory::Remove(Of of, const std::string& id) {
  auto& t = T(of);
  auto drop = [&](std::unordered_map<std::string, std::string>& of_id,
                  std::unordered_map<std::string, std::vector<std::string>>& index) {
    const auto it = of_id.find(id);
    if (it == of_id.end()) return;
    if (auto n = index.find(FoldName(it->second)); n != index.end()) {
      std::erase(n->second, id);
      if (n->second.empty()) index.erase(n);
    }
    of_id.erase(it);
  };
  drop(t.name_of, t.by_name);
  drop(t.email_of, t.by_email);
}

bool Directory::Has(Of of, const std::string& id) const { return T(of).name_of.contains(id); }

std::vector<std::string> Directory::ByName(Of of, std::string_view name) const {
  const auto& t = T(of);
  const auto it = t.by_name.find(FoldName(name));
  if (it == t.by_name.end()) return {};
  return it->second;
}

Directory::Found Directory::Find(Of of, std::string_view raw) const {
  static constexpr std::string_view kWhat[] = {"personen", "förvaltningen", "nämnden", "systemet", "behandlingen"};
  static constexpr std::string_view kWhatEn[] = {"person", "administration", "committee", "system",
                                                 "processing activity"};
  const auto& t = T(of);
  const std::string text = CleanText(raw);
  if (t.name_of.contains(text)) return {text, {}};
  // "Anna Berg (p-12)" and "Anna Berg <anna.berg@kommun.se>".
  if (text.size() > 2 && (text.back() == ')' || text.back() == '>')) {
    const char open = text.back() == ')' ? '(' : '<';
    const auto at = text.rfind(open);
    if (at != std::string::npos) {
      const std::string inner = CleanText(text.substr(at + 1, text.size() - at - 2));
      if (t.name_of.contains(inner)) return {inner, {}};
      if (auto e = t.by_email.find(FoldName(inner)); e != t.by_email.end() && e->second.size() == 1)
        return {*e->second.begin(), {}};
    }
  }
  const std::string folded = FoldName(text);
  if (auto it = t.by_name.find(folded); it != t.by_name.end()) {
    if (it->second.size() == 1) return {*it->second.begin(), {}};
    std::vector<std::string> sorted = it->second;
    std::sort(sorted.begin(), sorted.end());
    std::string ids;
    for (const auto& id : sorted) ids += (ids.empty() ? "" : ", ") + id;
    return {{},
            std::string("flera ") + (of == Of::kPerson ? "personer" : "poster") + " heter " + Quote(text) + " (" + ids +
                "); skriv \"Namn (id)\" / several " + std::string(kWhatEn[static_cast<size_t>(of)]) +
                "s have this name: write \"Name (id)\""};
  }
  if (auto e = t.by_email.find(folded); e != t.by_email.end() && e->second.size() == 1) return {*e->second.begin(), {}};
  return {{},
          std::string(kWhat[static_cast<size_t>(of)]) + " " + Quote(text) + " finns inte i registret / unknown " +
              std::string(kWhatEn[static_cast<size_t>(of)]) + " " + Quote(text)};
}

std::string Directory::Show(Of of, const std::string& id) const {
  const auto& t = T(of);
  const auto it = t.name_of.find(id);
  if (it == t.name_of.end() || it->second.empty()) return id;
  if (Find(of, it->second).id == id) return it->second;
  return it->second + " (" + id + ")";
}

// ---- the tables -----------------------------------------------------------------------------------------------------

const std::vector<Field<model::System>>& SystemFields() {
  static const auto fields = MakeSystemFields();
  return fields;
}
const std::vector<Field<model::Person>>& PersonFields() {
  static const auto fields = MakePersonFields();
  return fields;
}
const std::vector<Field<model::ProcessingActivity>>& ActivityFields() {
  static const auto fields = MakeActivityFields();
  return fields;
}

}  // namespace ansvar::app::sheet
