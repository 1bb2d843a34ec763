// ansvar: the register and rules engine for a municipality's digital services, systems and GDPR obligations.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Ansvar – register och regelmotor för digitala tjänster, system och dataskydd"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ansvar 0.1.0");
  int exit_code = ansvar::cli::kExitOk;
  ansvar::cli::AddCheckCommand(app, exit_code);
  ansvar::cli::AddDeriveCommand(app, exit_code);
  ansvar::cli::AddRulebookCommand(app, exit_code);
  ansvar::cli::AddServeCommands(app, exit_code);
  ansvar::cli::AddBackupCommand(app, exit_code);
  ansvar::cli::AddDueCommand(app, exit_code);
  ansvar::cli::AddImportExportCommands(app, exit_code);
  ansvar::cli::AddUserCommands(app, exit_code);
  ansvar::cli::AddOpenApiCommand(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : ansvar::cli::kExitInput;
  }
  return exit_code;
}
