// `ansvar user add|passwd|disable|enable|list` and `ansvar token create|revoke|list` (issue 6,
// docs/access-control.md "CLI"): accounts and API tokens on the database itself, for the first admin and for
// operations. A password is never an argument (it would show in the process list and the shell's history): it comes
// from --password-file, from --password-stdin, or is asked for on the terminal without echo.
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "app/accounts.hpp"
#include "cli/commands.hpp"
#include "cli/store_factory.hpp"

namespace ansvar::cli {
namespace {

struct PasswordSource {
  std::string file;
  bool stdin_ = false;
};

model::Timestamp Now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

store::Actor CliActor() {
  const char* user = std::getenv("USER");
  return {"cli", std::string("kommandoraden / command line") + (user != nullptr ? std::string(" (") + user + ")" : "")};
}

std::string TrimLine(std::string line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

std::optional<std::string> AskTerminal(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old{};
  const bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  if (!got) return std::nullopt;
  return TrimLine(line);
}

// The password from where the user said; nullopt with a message on failure; "" when `optional` and none was given.
std::optional<std::string> ReadPassword(const PasswordSource& src, bool optional) {
  if (!src.file.empty()) {
    std::ifstream in(src.file);
    std::string line;
    if (!in || !std::getline(in, line)) {
      std::cerr << "ansvar: --password-file: cannot read " << src.file << "\n";
      return std::nullopt;
    }
    return TrimLine(line);
  }
  if (src.stdin_) {
    std::string line;
    if (!std::getline(std::cin, line)) {
      std::cerr << "ansvar: --password-stdin: nothing on standard input\n";
      return std::nullopt;
    }
    return TrimLine(line);
  }
  if (isatty(STDIN_FILENO) == 0) {
    if (optional) return std::string();
    std::cerr << "ansvar: give the password with --password-file FILE or --password-stdin\n";
    return std::nullopt;
  }
  const auto first = AskTerminal("Lösenord / Password: ");
  const auto again = first ? AskTerminal("Igen / Again: ") : std::nullopt;
  if (!first || !again || *first != *again) {
    std::cerr << "ansvar: the passwords differ\n";
    return std::nullopt;
  }
  return first;
}

void PrintProblems(const app::Error& e) {
  std::cerr << "ansvar: " << e.title << ": " << e.detail << "\n";
  for (const auto& p : e.problems) std::cerr << "  " << p.path << ": " << p.message << "\n";
}

// Runs `fn(accounts)` over the database, with an account's references checked against the register it holds.
template <class Fn>
int WithAccounts(const std::string& db, bool check_references, Fn&& fn) {
  try {
    auto store = OpenStore(db);
    app::Accounts accounts(*store, Now);
    std::shared_ptr<model::Register> reg;
    if (check_references) {
      reg = std::make_shared<model::Register>(store->Load().reg);
      accounts.SetReferenceCheck([reg](model::Collection kind, const std::string& id) {
        if (kind == model::Collection::kAdministration)
          return std::any_of(reg->administrations.begin(), reg->administrations.end(),
                             [&](const auto& a) { return a.id.str() == id; });
        if (kind == model::Collection::kPerson)
          return std::any_of(reg->people.begin(), reg->people.end(), [&](const auto& p) { return p.id.str() == id; });
        return false;
      });
    }
    return fn(accounts);
  } catch (const std::exception& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return kExitInput;
  }
}

std::string Or(const std::string& s, const char* none) { return s.empty() ? none : s; }

}  // namespace

void AddUserCommands(CLI::App& app, int& exit_code) {
  auto* user = app.add_subcommand("user", "Konton / Accounts");
  user->require_subcommand(1);

  // user add NAME --role ROLE [--administration A] [--person P] [--email E] [--name N] [--password-file
  // F|--password-stdin]
  struct AddArgs {
    std::string db = "ansvar.db", id, role, administration, person, email, name;
    PasswordSource password;
    bool single_sign_on = false;
  };
  auto add_args = std::make_shared<AddArgs>();
  auto* add = user->add_subcommand("add", "Skapa ett konto / Create an account");
  add->add_option("NAME", add_args->id, "Användarnamn / User name ([a-z0-9._@-])")->required();
  add->add_option("--role", add_args->role, "admin, dpo, data_protection_contact, steward or reader")->required();
  add->add_option("--administration", add_args->administration, "A data_protection_contact's administration");
  add->add_option("--person", add_args->person, "The person of the register (a steward's systems)");
  add->add_option("--email", add_args->email, "E-post / E-mail (single sign-on finds the account by it)");
  add->add_option("--name", add_args->name, "Namn som visas / Display name");
  add->add_flag("--single-sign-on", add_args->single_sign_on,
                "Får logga in via identitetsleverantören: första inloggningen kopplas till kontot / may sign in "
                "through the identity provider: the first such sign-in links to this account");
  auto* add_file = add->add_option("--password-file", add_args->password.file, "Read the password from a file");
  add->add_flag("--password-stdin", add_args->password.stdin_, "Read the password from standard input")
      ->excludes(add_file);
  add->add_option("--db", add_args->db, "Databas: SQLite-fil eller postgresql://-URL");
  add->callback([add_args, &exit_code] {
    const auto role = model::ParseEnum<auth::Role>(add_args->role);
    if (!role) {
      std::cerr << "ansvar: --role: admin, dpo, data_protection_contact, steward or reader\n";
      exit_code = kExitInput;
      return;
    }
    const auto password = ReadPassword(add_args->password, true);
    if (!password) {
      exit_code = kExitInput;
      return;
    }
    exit_code = WithAccounts(add_args->db, true, [&](app::Accounts& accounts) {
      app::AccountChange c;
      c.role = role;
      if (!add_args->name.empty()) c.name = add_args->name;
      if (!add_args->email.empty()) c.email = add_args->email;
      if (!add_args->administration.empty()) c.administration = add_args->administration;
      if (!add_args->person.empty()) c.person = add_args->person;
      if (!password->empty()) c.password = *password;
      if (add_args->single_sign_on) c.single_sign_on = true;
      const auto created = accounts.Create(add_args->id, c, CliActor());
      if (!created.ok()) {
        PrintProblems(created.error());
        return kExitInput;
      }
      std::cout << "created " << created.value().id << " (" << model::ToString(created.value().role) << ")"
                << (password->empty() ? ", without a password (single sign-on only)" : "") << "\n";
      return kExitOk;
    });
  });

  struct NameArgs {
    std::string db = "ansvar.db", id;
    PasswordSource password;
  };
  auto passwd_args = std::make_shared<NameArgs>();
  auto* passwd = user->add_subcommand("passwd", "Byt lösenord / Set an account's password (signs it out everywhere)");
  passwd->add_option("NAME", passwd_args->id, "Användarnamn / User name")->required();
  auto* passwd_file =
      passwd->add_option("--password-file", passwd_args->password.file, "Read the password from a file");
  passwd->add_flag("--password-stdin", passwd_args->password.stdin_, "Read the password from standard input")
      ->excludes(passwd_file);
  passwd->add_option("--db", passwd_args->db, "Databas: SQLite-fil eller postgresql://-URL");
  passwd->callback([passwd_args, &exit_code] {
    const auto password = ReadPassword(passwd_args->password, false);
    if (!password) {
      exit_code = kExitInput;
      return;
    }
    exit_code = WithAccounts(passwd_args->db, false, [&](app::Accounts& accounts) {
      app::AccountChange c;
      c.password = *password;
      if (password->empty()) {
        std::cerr << "ansvar: the password is empty\n";
        return kExitInput;
      }
      const auto updated = accounts.Update(passwd_args->id, c, CliActor());
      if (!updated.ok()) {
        PrintProblems(updated.error());
        return kExitInput;
      }
      std::cout << "password set for " << updated.value().id << "\n";
      return kExitOk;
    });
  });

  // user sso NAME --on|--off: whether a first sign-in through the identity provider may link to the account.
  for (const bool on : {true, false}) {
    auto args = std::make_shared<NameArgs>();
    auto* cmd = user->add_subcommand(on ? "sso-allow" : "sso-deny",
                                     on ? "Tillåt inloggning via identitetsleverantören / Provision an account for "
                                          "single sign-on (its first such sign-in links to it)"
                                        : "Ingen ny koppling via identitetsleverantören / No new single sign-on link");
    cmd->add_option("NAME", args->id, "Användarnamn / User name")->required();
    cmd->add_option("--db", args->db, "Databas: SQLite-fil eller postgresql://-URL");
    cmd->callback([args, on, &exit_code] {
      exit_code = WithAccounts(args->db, false, [&](app::Accounts& accounts) {
        app::AccountChange c;
        c.single_sign_on = on;
        const auto updated = accounts.Update(args->id, c, CliActor());
        if (!updated.ok()) {
          PrintProblems(updated.error());
          return kExitInput;
        }
        std::cout << (on ? "single sign-on allowed for " : "single sign-on not allowed for ") << updated.value().id
                  << "\n";
        return kExitOk;
      });
    });
  }

  for (const bool disable : {true, false}) {
    auto args = std::make_shared<NameArgs>();
    auto* cmd = user->add_subcommand(disable ? "disable" : "enable",
                                     disable ? "Stäng av ett konto / Disable an account (signs it out everywhere)"
                                             : "Aktivera ett konto / Enable an account");
    cmd->add_option("NAME", args->id, "Användarnamn / User name")->required();
    cmd->add_option("--db", args->db, "Databas: SQLite-fil eller postgresql://-URL");
    cmd->callback([args, disable, &exit_code] {
      exit_code = WithAccounts(args->db, false, [&](app::Accounts& accounts) {
        app::AccountChange c;
        c.disabled = disable;
        const auto updated = accounts.Update(args->id, c, CliActor());
        if (!updated.ok()) {
          PrintProblems(updated.error());
          return kExitInput;
        }
        std::cout << (disable ? "disabled " : "enabled ") << updated.value().id << "\n";
        return kExitOk;
      });
    });
  }

  auto list_db = std::make_shared<std::string>("ansvar.db");
  auto* list = user->add_subcommand("list", "Lista konton / List the accounts");
  list->add_option("--db", *list_db, "Databas: SQLite-fil eller postgresql://-URL");
  list->callback([list_db, &exit_code] {
    exit_code = WithAccounts(*list_db, false, [&](app::Accounts& accounts) {
      const auto all = accounts.List();
      if (!all.ok()) {
        PrintProblems(all.error());
        return kExitInput;
      }
      for (const auto& a : all.value())
        std::cout << a.id << "\t" << model::ToString(a.role) << "\t" << Or(a.administration, "-") << "\t"
                  << Or(a.person, "-") << "\t" << Or(a.email, "-") << "\t" << (a.disabled ? "disabled" : "enabled")
                  << "\t" << (accounts.HasPassword(a.id) ? "password" : "no-password") << "\n";
      return kExitOk;
    });
  });

  // ---- token create --user NAME --name LABEL | token revoke ID | token list ----
  auto* token = app.add_subcommand("token", "API-nycklar / API tokens for integrations");
  token->require_subcommand(1);
  struct TokenArgs {
    std::string db = "ansvar.db", user, name, id;
    std::optional<int> expires_in_days;
  };
  auto create_args = std::make_shared<TokenArgs>();
  auto* create = token->add_subcommand("create", "Skapa en API-nyckel / Create an API token (printed once)");
  create->add_option("--user", create_args->user, "The account the token acts as")->required();
  create->add_option("--name", create_args->name, "What the integration is")->required();
  create
      ->add_option("--expires-in", create_args->expires_in_days,
                   "Dagar tills nyckeln slutar gälla (1–3650) / days until the token expires (default: until revoked)")
      ->check(CLI::Range(1, 3650));
  create->add_option("--db", create_args->db, "Databas: SQLite-fil eller postgresql://-URL");
  create->callback([create_args, &exit_code] {
    exit_code = WithAccounts(create_args->db, false, [&](app::Accounts& accounts) {
      const auto issued =
          accounts.CreateToken(create_args->user, create_args->name, CliActor(), create_args->expires_in_days);
      if (!issued.ok()) {
        PrintProblems(issued.error());
        return kExitInput;
      }
      std::cerr << "API token " << issued.value().record.id << " for " << issued.value().record.account
                << " — shown once, keep it as a secret:\n";
      std::cout << issued.value().token << "\n";
      return kExitOk;
    });
  });
  auto revoke_args = std::make_shared<TokenArgs>();
  auto* revoke = token->add_subcommand("revoke", "Återkalla en API-nyckel / Revoke an API token");
  revoke->add_option("ID", revoke_args->id, "The token's id (16 hex, the part after ansvar_)")->required();
  revoke->add_option("--db", revoke_args->db, "Databas: SQLite-fil eller postgresql://-URL");
  revoke->callback([revoke_args, &exit_code] {
    exit_code = WithAccounts(revoke_args->db, false, [&](app::Accounts& accounts) {
      const auto revoked = accounts.RevokeToken(revoke_args->id, CliActor());
      if (!revoked.ok()) {
        PrintProblems(revoked.error());
        return kExitInput;
      }
      std::cout << "revoked " << revoke_args->id << "\n";
      return kExitOk;
    });
  });
  auto tlist_db = std::make_shared<std::string>("ansvar.db");
  auto* tlist = token->add_subcommand("list", "Lista API-nycklar / List the API tokens (never the token)");
  tlist->add_option("--db", *tlist_db, "Databas: SQLite-fil eller postgresql://-URL");
  tlist->callback([tlist_db, &exit_code] {
    exit_code = WithAccounts(*tlist_db, false, [&](app::Accounts& accounts) {
      const auto all = accounts.ListTokens();
      if (!all.ok()) {
        PrintProblems(all.error());
        return kExitInput;
      }
      for (const auto& t : all.value())
        std::cout << t.id << "\t" << t.account << "\t" << t.name << "\t" << model::FormatTimestamp(t.created_at) << "\t"
                  << (t.revoked_at ? "revoked " + model::FormatTimestamp(*t.revoked_at) : "active") << "\n";
      return kExitOk;
    });
  });
}

}  // namespace ansvar::cli
