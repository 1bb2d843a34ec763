// `ansvar backup --db DB --to FILE`: a consistent copy of the database while the service keeps running.
// SQLite: the online backup API (store/sqlite/sqlite_backup.cpp) into a new file. PostgreSQL: pg_dump, the tool
// operations teams already use, in its custom format (restore with pg_restore); when pg_dump is not installed
// the command says so and exits 2.
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace ansvar::cli {
namespace {

int PgDump(const std::string& url, const std::string& to) {
  std::vector<std::string> args = {"pg_dump", "--format=custom", "--no-password", "--file=" + to, "--dbname=" + url};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ);
  if (rc == ENOENT) {
    std::cerr << "ansvar: pg_dump is not installed (Debian: apt-get install postgresql-client). A PostgreSQL "
                 "database is backed up with pg_dump --format=custom --file="
              << to
              << " --dbname=URL and restored "
                 "with pg_restore; see README, \"PostgreSQL\".\n";
    return kExitInput;
  }
  if (rc != 0) {
    std::cerr << "ansvar: cannot run pg_dump: " << std::strerror(rc) << "\n";
    return kExitInput;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "ansvar: pg_dump failed (exit " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ")\n";
    std::error_code ec;
    std::filesystem::remove(to, ec);
    return kExitInput;
  }
  return kExitOk;
}

}  // namespace

void AddBackupCommand(CLI::App& app, int& exit_code) {
  struct Args {
    std::string db = "ansvar.db";
    std::string to;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("backup", "Säkerhetskopiera databasen medan tjänsten kör / Back up the database");
  cmd->add_option("--db", args->db, "Databas: SQLite-fil eller postgresql://-URL (standard ansvar.db)");
  cmd->add_option("--to", args->to, "Ny fil för kopian (skrivs inte över)")->required();
  cmd->callback([args, &exit_code] {
    if (std::filesystem::exists(args->to)) {
      std::cerr << "ansvar: " << args->to << " exists already; a backup does not overwrite\n";
      exit_code = kExitInput;
      return;
    }
    if (store::IsPostgresUrl(args->db)) {
      exit_code = PgDump(args->db, args->to);
    } else {
      try {
        store::BackupSqliteDatabase(args->db, args->to);
        exit_code = kExitOk;
      } catch (const std::exception& e) {
        std::cerr << "ansvar: " << e.what() << "\n";
        exit_code = kExitInput;
        return;
      }
    }
    if (exit_code == kExitOk)
      std::cout << "backup written: " << args->to << " (" << std::filesystem::file_size(args->to) << " bytes)\n";
  });
}

}  // namespace ansvar::cli
