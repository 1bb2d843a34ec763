#pragma once
// The subcommands of the `ansvar` program.
#include <CLI/CLI.hpp>

namespace ansvar::cli {

// Exit codes: 0 ran, 1 findings at or above --fail-on, 2 unusable input or usage.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitInput = 2;

// Each adds its subcommand to `app`; the callback stores the exit code in `exit_code`.
void AddCheckCommand(CLI::App& app, int& exit_code);
void AddDeriveCommand(CLI::App& app, int& exit_code);
void AddRulebookCommand(CLI::App& app, int& exit_code);
void AddServeCommands(CLI::App& app, int& exit_code);         // serve, migrate, audit verify
void AddBackupCommand(CLI::App& app, int& exit_code);         // backup: SQLite online backup, pg_dump
void AddDueCommand(CLI::App& app, int& exit_code);            // due: the annual cycle
void AddImportExportCommands(CLI::App& app, int& exit_code);  // import, export (spreadsheets and PDF)
void AddUserCommands(CLI::App& app, int& exit_code);    // user add|passwd|disable|enable|list, token create|revoke|list
void AddOpenApiCommand(CLI::App& app, int& exit_code);  // openapi: the OpenAPI description

}  // namespace ansvar::cli
