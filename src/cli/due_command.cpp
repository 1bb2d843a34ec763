// `ansvar due REGISTER.json | --db DB [--person ID] [--administration ID] [--committee ID] [--organization ID]
//  [--state upcoming|due|overdue|done] [--from DATE] [--to DATE] [--today DATE] [--format text|json] [--lang sv|en]`:
// what falls due under the rulebook (the annual cycle), the same items as GET /api/v1/due.
#include <chrono>
#include <iostream>

#include "app/cycle_service.hpp"
#include "cli/commands.hpp"
#include "cli/register_input.hpp"
#include "cli/store_factory.hpp"
#include "io/cycle_json.hpp"
#include "io/rulebook_json.hpp"
#include "model/validate.hpp"

namespace ansvar::cli {
namespace {

struct DueArgs {
  std::string register_file;
  std::string db;
  std::string person, administration, committee, organization, state;
  std::string from, to, today;
  std::string format = "text";
  std::string lang = "sv";
  std::string rulebook;
  std::string output;
};

std::optional<model::Date> DateArg(const std::string& name, const std::string& text) {
  auto d = model::ParseDate(text);
  if (!d) std::cerr << "ansvar: " << name << ": expected a date YYYY-MM-DD, got \"" << text << "\"\n";
  return d;
}

std::optional<LoadedRegister> LoadFromDb(const std::string& db, const std::string& rulebook_file) {
  try {
    auto store = OpenStore(db);
    LoadedRegister loaded{store->Load().reg, rules::Rulebook::Default()};
    if (!rulebook_file.empty()) {
      if (auto problems = io::ApplyRulebookFile(loaded.rulebook, rulebook_file); !problems.empty()) {
        for (const auto& p : problems) std::cerr << p.path << ": " << p.message << "\n";
        return std::nullopt;
      }
    }
    loaded.rulebook = io::EffectiveRulebook(std::move(loaded.rulebook), loaded.reg);
    return loaded;
  } catch (const std::exception& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return std::nullopt;
  }
}

std::string Pad(std::string s, size_t width) {
  // Pads by characters, not bytes (å, ä, ö are two bytes in UTF-8).
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars < width) s.append(width - chars, ' ');
  return s;
}

std::string StateLabel(rules::DueState s, rules::Lang lang) {
  const bool sv = lang == rules::Lang::kSv;
  switch (s) {
    case rules::DueState::kUpcoming:
      return sv ? "kommande" : "upcoming";
    case rules::DueState::kDue:
      return sv ? "aktuell" : "due";
    case rules::DueState::kOverdue:
      return sv ? "försenad" : "overdue";
    case rules::DueState::kDone:
      return sv ? "klar" : "done";
  }
  return "";
}

std::string Text(const std::vector<io::DueLine>& lines, model::Date from, model::Date to, model::Date today,
                 rules::Lang lang) {
  const bool sv = lang == rules::Lang::kSv;
  std::string out = (sv ? "Förfaller " : "Due ") + model::FormatDate(from) + " – " + model::FormatDate(to) +
                    (sv ? " (i dag " : " (today ") + model::FormatDate(today) + "): " + std::to_string(lines.size()) +
                    (sv ? " st\n" : " items\n");
  for (const auto& l : lines) {
    const auto& it = l.item;
    std::string who = l.person_name.empty() ? (l.committee_name.empty() ? "–" : l.committee_name) : l.person_name;
    who += " (" + it.role + ")";
    out += model::FormatDate(it.due) + "  " + Pad(StateLabel(it.state, lang), 9) + Pad(l.title, 58) + " " +
           Pad(l.subject_name, 24) + " " + Pad(who, 36) + " " + std::string(rules::Code(it.rule)) + "\n";
  }
  return out;
}

int RunDue(const DueArgs& args) {
  if (args.register_file.empty() == args.db.empty()) {
    std::cerr << "ansvar: due: give either a register file or --db\n";
    return kExitInput;
  }
  auto loaded = args.db.empty() ? LoadRegister(args.register_file, args.rulebook) : LoadFromDb(args.db, args.rulebook);
  if (!loaded) return kExitInput;
  const auto lang = *ParseLang(args.lang);

  app::DueQuery q;
  q.person = args.person, q.administration = args.administration, q.committee = args.committee;
  q.organization = args.organization;
  if (!args.state.empty() && !(q.state = rules::ParseDueState(args.state))) {
    std::cerr << "ansvar: --state: upcoming, due, overdue or done\n";
    return kExitInput;
  }
  model::Timestamp now;
  if (!args.today.empty()) {
    const auto d = DateArg("--today", args.today);
    if (!d) return kExitInput;
    now = rules::StockholmMidnight(*d);
  } else {
    const auto secs =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    now = model::Timestamp::FromSeconds(secs.count());
  }
  const auto today = rules::StockholmDate(now);
  auto from = args.from.empty() ? std::optional(today.AddDays(-30)) : DateArg("--from", args.from);
  if (!from) return kExitInput;
  auto to = args.to.empty() ? std::optional(from->AddDays(120)) : DateArg("--to", args.to);
  if (!to) return kExitInput;

  const rules::RegisterIndex index(loaded->reg);
  for (const auto& [value, what] : {std::pair{&q.person, "person"}, std::pair{&q.administration, "administration"},
                                    std::pair{&q.committee, "committee"}, std::pair{&q.organization, "organization"}}) {
    if (value->empty()) continue;
    const bool found = std::string_view(what) == "person"           ? index.FindPerson(*value) != nullptr
                       : std::string_view(what) == "administration" ? index.FindAdministration(*value) != nullptr
                       : std::string_view(what) == "committee"      ? index.FindCommittee(*value) != nullptr
                                                                    : index.FindOrganization(*value) != nullptr;
    if (!found) {
      std::cerr << "ansvar: " << what << " \"" << *value << "\" is not in the register\n";
      return kExitInput;
    }
  }
  auto items = rules::DueItems(index, loaded->rulebook, now, {*from, *to});
  app::FilterDue(items, index, q);
  const auto lines = io::DueLines(items, index, lang);
  const std::string out = args.format == "json" ? io::DueJson(lines) + "\n" : Text(lines, *from, *to, today, lang);
  if (!WriteOutput(out, args.output)) {
    std::cerr << "ansvar: cannot write the output\n";
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace

void AddDueCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DueArgs>();
  auto* cmd =
      app.add_subcommand("due", "Vad förfaller, för vem (årshjulet) / What falls due, for whom (the annual cycle)");
  cmd->add_option("register", args->register_file, "Registret (ansvar-register/1, JSON)");
  cmd->add_option("--db", args->db,
                  "… eller databasen (SQLite-fil eller postgresql://-URL) som `ansvar serve` använder");
  cmd->add_option("--person", args->person, "Bara det som en person ansvarar för");
  cmd->add_option("--administration", args->administration, "Bara det som rör en förvaltning");
  cmd->add_option("--committee", args->committee, "Bara det som rör en nämnd");
  cmd->add_option("--organization", args->organization, "Bara det som rör en organisation");
  cmd->add_option("--state", args->state, "upcoming, due, overdue eller done")
      ->check(CLI::IsMember({"upcoming", "due", "overdue", "done"}));
  cmd->add_option("--from", args->from, "Från och med (YYYY-MM-DD; standard 30 dagar före i dag)");
  cmd->add_option("--to", args->to, "Till och med (YYYY-MM-DD; standard 120 dagar efter --from)");
  cmd->add_option("--today", args->today, "Räkna som om i dag vore (YYYY-MM-DD, Europe/Stockholm)");
  cmd->add_option("--format", args->format, "text eller json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--lang", args->lang, "Språk: sv (standard) eller en")->check(CLI::IsMember({"sv", "en"}));
  cmd->add_option("--rulebook", args->rulebook, "En regelboksfil (JSON) som åsidosätter standardvärdena");
  cmd->add_option("-o,--output", args->output, "Skriv till fil i stället för standard ut");
  cmd->callback([args, &exit_code] { exit_code = RunDue(*args); });
}

}  // namespace ansvar::cli
