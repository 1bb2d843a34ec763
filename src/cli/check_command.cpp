// `ansvar check REGISTER.json [--as-of DATE|TIMESTAMP] [--format json|text] [--fail-on error|warning]`
#include <chrono>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/register_input.hpp"
#include "io/output_file.hpp"
#include "io/reports.hpp"
#include "rules/check.hpp"

namespace ansvar::cli {
namespace {

struct CheckArgs {
  std::string register_file;
  std::string as_of;
  std::string format = "text";
  std::string fail_on;
  std::string lang = "sv";
  std::string rulebook;
  std::string output;
};

model::Timestamp Now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

int RunCheck(const CheckArgs& args) {
  const auto lang = ParseLang(args.lang);
  std::optional<model::Timestamp> as_of_flag;
  if (!args.as_of.empty()) {
    as_of_flag = model::ParseDateOrTimestamp(args.as_of);
    if (!as_of_flag) {
      std::cerr << "ansvar: --as-of: expected a date YYYY-MM-DD or an RFC 3339 timestamp, got \"" << args.as_of
                << "\"\n";
      return kExitInput;
    }
  }
  auto loaded = LoadRegister(args.register_file, args.rulebook);
  if (!loaded) return kExitInput;
  const auto as_of = as_of_flag ? *as_of_flag : loaded->reg.as_of.value_or(Now());

  const rules::RegisterIndex index(loaded->reg);
  auto findings = rules::Check(index, loaded->rulebook, {as_of});
  // Streamed: formatted in blocks on every core while this thread writes them.
  auto out = io::OutputFile::Open(args.output);
  const auto write = [&out](std::string_view piece) { return out->Write(piece); };
  const bool written = out && (args.format == "json" ? io::WriteFindingsJson(write, findings, index, as_of, *lang)
                                                     : io::WriteFindingsText(write, findings, index, as_of, *lang));
  if (!written || !out->Close()) {
    std::cerr << "ansvar: cannot write the findings\n";
    return kExitInput;
  }
  const auto summary = rules::Summarize(findings);
  LeaveToExit(std::move(findings));
  LeaveToExit(std::move(loaded));
  if (!args.fail_on.empty()) {
    const bool fail = summary.error > 0 || (args.fail_on == "warning" && summary.warning > 0);
    if (fail) return kExitFindings;
  }
  return kExitOk;
}

}  // namespace

void AddCheckCommand(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd =
      app.add_subcommand("check", "Granska ett register mot regelboken / Check a register against the rulebook");
  cmd->add_option("register", args->register_file, "Registret (ansvar-register/1, JSON)")->required();
  cmd->add_option("--as-of", args->as_of, "Granska per datum eller tidpunkt (åsidosätter dokumentets as_of)");
  cmd->add_option("--format", args->format, "text eller json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--fail-on", args->fail_on, "Avsluta med 1 vid fynd av denna allvarlighet eller värre")
      ->check(CLI::IsMember({"error", "warning"}));
  cmd->add_option("--lang", args->lang, "Språk: sv (standard) eller en")->check(CLI::IsMember({"sv", "en"}));
  cmd->add_option("--rulebook", args->rulebook, "En regelboksfil (JSON) som åsidosätter standardvärdena");
  cmd->add_option("-o,--output", args->output, "Skriv till fil i stället för standard ut");
  cmd->callback([args, &exit_code] { exit_code = RunCheck(*args); });
}

}  // namespace ansvar::cli
