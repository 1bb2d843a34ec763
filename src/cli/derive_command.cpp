// `ansvar derive REGISTER.json [--format json|text]`: who is responsible for what, per system.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/register_input.hpp"
#include "io/output_file.hpp"
#include "io/reports.hpp"
#include "io/rulebook_json.hpp"

namespace ansvar::cli {
namespace {

struct DeriveArgs {
  std::string register_file;
  std::string format = "text";
  std::string lang = "sv";
  std::string rulebook;
  std::string output;
};

int RunDerive(const DeriveArgs& args) {
  auto loaded = LoadRegister(args.register_file, args.rulebook);
  if (!loaded) return kExitInput;
  const rules::RegisterIndex index(loaded->reg);
  auto out = io::OutputFile::Open(args.output);
  const auto write = [&out](std::string_view piece) { return out->Write(piece); };
  const bool written =
      out && (args.format == "json" ? io::WriteDeriveJson(write, index, loaded->rulebook)
                                    : io::WriteDeriveText(write, index, loaded->rulebook, *ParseLang(args.lang)));
  if (!written || !out->Close()) {
    std::cerr << "ansvar: cannot write the output\n";
    return kExitInput;
  }
  LeaveToExit(std::move(loaded));
  return kExitOk;
}

struct RulebookArgs {
  std::string rulebook;
  std::string register_file;
  std::string organization;
};

}  // namespace

void AddDeriveCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<DeriveArgs>();
  auto* cmd = app.add_subcommand("derive", "Härled vem som ansvarar för vad / Derive who is responsible for what");
  cmd->add_option("register", args->register_file, "Registret (ansvar-register/1, JSON)")->required();
  cmd->add_option("--format", args->format, "text eller json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--lang", args->lang, "Språk: sv (standard) eller en")->check(CLI::IsMember({"sv", "en"}));
  cmd->add_option("--rulebook", args->rulebook, "En regelboksfil (JSON) som åsidosätter standardvärdena");
  cmd->add_option("-o,--output", args->output, "Skriv till fil i stället för standard ut");
  cmd->callback([args, &exit_code] { exit_code = RunDerive(*args); });
}

void AddRulebookCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RulebookArgs>();
  auto* cmd = app.add_subcommand("rulebook",
                                 "Skriv ut den gällande regelboken som JSON / Print the effective rulebook as JSON");
  cmd->add_option("--rulebook", args->rulebook, "En regelboksfil att lägga ovanpå standardvärdena");
  cmd->add_option("--register", args->register_file, "Samma som registret som argument / The register, as an option");
  cmd->add_option("register", args->register_file,
                  "Ett register vars egna inställningar (och organisationers) läggs ovanpå / A register whose own "
                  "settings (and its organizations') are applied on top");
  cmd->add_option("--organization", args->organization,
                  "Organisationens gällande regelbok (kräver registret) / The organization's effective rulebook "
                  "(needs the register)");
  cmd->callback([args, &exit_code] {
    auto rb = rules::Rulebook::Default();
    if (!args->register_file.empty()) {
      auto loaded = LoadRegister(args->register_file, args->rulebook);
      if (!loaded) {
        exit_code = kExitInput;
        return;
      }
      if (!args->organization.empty()) {
        bool known = false;
        for (const auto& o : loaded->reg.organizations) known = known || o.id.str() == args->organization;
        if (!known) {
          std::cerr << "ansvar: unknown organization \"" << args->organization << "\" in " << args->register_file
                    << "\n";
          exit_code = kExitInput;
          return;
        }
      }
      rb = loaded->rulebook.ForOrganization(args->organization);
    } else if (!args->organization.empty()) {
      std::cerr << "ansvar: --organization needs the register that holds the organization\n";
      exit_code = kExitInput;
      return;
    } else if (!args->rulebook.empty()) {
      if (auto problems = io::ApplyRulebookFile(rb, args->rulebook); !problems.empty()) {
        for (const auto& p : problems) std::cerr << p.path << ": " << p.message << "\n";
        exit_code = kExitInput;
        return;
      }
    }
    exit_code = WriteOutput(io::RulebookJson(rb), "") ? kExitOk : kExitInput;
  });
}

}  // namespace ansvar::cli
