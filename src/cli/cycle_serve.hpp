#pragma once
// What `ansvar serve` adds for the annual cycle: the SMTP and reminder options, and the reminder scheduler that
// runs inside the server (app/reminders.hpp) while reminders are configured (--smtp-url).
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "app/register_service.hpp"

namespace ansvar::cli {

struct CycleServeArgs {
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;
  bool smtp_require_tls = false;      // STARTTLS even to a relay on this machine
  bool smtp_allow_plaintext = false;  // send without STARTTLS when the server offers none (issue 17: opt-in)
  std::string smtp_ca_file;
  long smtp_timeout = 60;
  std::string mail_from = "ansvar@localhost";
  std::vector<int> lead_days{14, 1};
  double interval_seconds = 300;
  std::string public_url;
};

// Adds the options to the serve subcommand.
std::shared_ptr<CycleServeArgs> AddCycleServeOptions(CLI::App& serve);

// The running scheduler (nothing without --smtp-url); stops when destroyed. Throws on a bad configuration.
class CycleRuntime {
 public:
  virtual ~CycleRuntime() = default;
};
std::unique_ptr<CycleRuntime> StartCycle(app::RegisterService& service, const CycleServeArgs& args);

}  // namespace ansvar::cli
