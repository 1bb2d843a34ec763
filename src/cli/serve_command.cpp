// `ansvar serve --db FILE|URL [--listen 127.0.0.1:8080] [--demo] [--static-dir DIR]`, `ansvar migrate --db FILE`,
// `ansvar audit verify --db FILE`.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.hpp"
#include "app/cycle_service.hpp"
#include "app/register_service.hpp"
#include "cli/commands.hpp"
#include "cli/cycle_serve.hpp"
#include "cli/demo_breach.hpp"
#include "cli/demo_register.hpp"
#include "cli/oidc_options.hpp"
#include "cli/store_factory.hpp"
#include "http/answers.hpp"
#include "http/api.hpp"
#include "http/log.hpp"
#include "http/server.hpp"
#include "io/rulebook_json.hpp"

namespace ansvar::cli {
namespace {

struct ServeArgs {
  std::string db = "ansvar.db";
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string static_dir;
  std::string rulebook;
  unsigned threads = 2;
  size_t max_body_mb = 1;
  size_t max_register_mb = 1024;
  bool shared_db = false;
  std::string tls_cert;                      // HTTPS: the certificate (chain), PEM
  std::string tls_key;                       // HTTPS: its private key, PEM
  bool behind_tls_proxy = false;             // plain HTTP here, HTTPS at a proxy in front: cookies Secure, HSTS
  std::vector<std::string> trusted_proxies;  // whose X-Forwarded-For names the client
  // Under hostile load (http/server.hpp, issue 17).
  size_t max_connections = 0;  // 0: from the open-file limit
  size_t max_connections_per_address = 64;
  unsigned header_timeout_s = 10;
  unsigned read_timeout_s = 15;
  unsigned accept_backoff_ms = 100;
  std::string upload_dir;
  unsigned workers = 2;
  size_t expensive_per_account = 2;
  std::shared_ptr<CycleServeArgs> cycle;  // reminders by e-mail (cli/cycle_serve.hpp)
  std::shared_ptr<OidcServeArgs> oidc;    // single sign-on (cli/oidc_options.hpp)
};

model::Timestamp Now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

bool SplitListen(const std::string& listen, http::ServerOptions& options) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  options.host = listen.substr(0, colon);
  if (options.host.size() >= 2 && options.host.front() == '[')
    options.host = options.host.substr(1, options.host.size() - 2);
  try {
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) return false;
    options.port = static_cast<uint16_t>(port);
  } catch (const std::exception&) {
    return false;
  }
  return true;
}

// Accounts: the demo on a database without any creates "admin" with a random password printed once on stdout (there
// is no default password); otherwise a database without accounts gets a hint of how to create the first.
bool PrepareAccounts(app::RegisterService& service, bool demo) {
  app::Accounts accounts(app::CycleService(service).Store(), Now);
  if (!accounts.Empty()) return true;
  if (!demo) {
    http::Log("warning", "no accounts: create the first with `ansvar user add NAME --role admin --db …`", {});
    return true;
  }
  const std::string password = app::GeneratePassword();
  app::AccountChange admin;
  admin.role = auth::Role::kAdmin;
  admin.name = "Administratör / Administrator";
  admin.password = password;
  const auto created = accounts.Create("admin", admin, {"demo", "Demoregister"});
  if (!created.ok()) {
    std::cerr << "ansvar: the demo's admin account could not be created: " << created.error().detail << "\n";
    return false;
  }
  if (!SeedDemoBreach(service)) return false;  // a breach in progress, reported by a reader (demo_breach.hpp)
  // The one line a person (or the browser tests) reads the password from; never in a log line.
  std::cout << "Engångslösenord / one-time password for admin: " << password << std::endl;
  return true;
}

// The base of links in feeds and mails: --public-url (http(s)://host[:port][/path], without the trailing slash),
// else `listening`. Throws std::invalid_argument for a --public-url that is no such address.
std::string LinkBase(const std::string& public_url, const std::string& listening) {
  if (public_url.empty()) return listening;
  std::string url = public_url;
  while (url.ends_with('/')) url.pop_back();
  const auto scheme = url.find("://");
  const std::string rest = scheme == std::string::npos ? "" : url.substr(scheme + 3);
  if ((!url.starts_with("https://") && !url.starts_with("http://")) || rest.empty() || rest.front() == '/' ||
      url.find_first_of(" \t\r\n\"<>\\?#") != std::string::npos)
    throw std::invalid_argument("--public-url: expected http(s)://host[:port], got \"" + public_url + "\"");
  return url;
}

int RunServe(const ServeArgs& args) {
  http::ServerOptions options;
  if (!SplitListen(args.listen, options)) {
    std::cerr << "ansvar: --listen: expected HOST:PORT, got \"" << args.listen << "\"\n";
    return kExitInput;
  }
  options.threads = std::max(1u, args.threads);
  options.max_body = args.max_body_mb << 20;
  options.max_register_body = args.max_register_mb << 20;
  options.tls_cert = args.tls_cert;
  options.tls_key = args.tls_key;
  options.max_connections = args.max_connections;
  options.max_connections_per_address = args.max_connections_per_address;
  options.uncapped_addresses = args.trusted_proxies;
  options.header_timeout = std::chrono::seconds(std::max(1u, args.header_timeout_s));
  options.read_timeout = std::chrono::seconds(std::max(1u, args.read_timeout_s));
  options.accept_backoff = std::chrono::milliseconds(std::max(1u, args.accept_backoff_ms));
  options.upload_dir = args.upload_dir;
  options.workers = args.workers;
  options.expensive_per_account = std::max<size_t>(1, args.expensive_per_account);
  try {
    (void)LinkBase(args.cycle->public_url, "");
  } catch (const std::invalid_argument& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return kExitInput;
  }
  try {
    http::Server::CheckTls(options);  // a certificate that cannot serve stops us before the database is touched
  } catch (const std::exception& e) {
    std::cerr << "ansvar: " << e.what() << "\n";
    return kExitInput;
  }
  auto rulebook = rules::Rulebook::Default();
  if (!args.rulebook.empty()) {
    if (auto problems = io::ApplyRulebookFile(rulebook, args.rulebook); !problems.empty()) {
      for (const auto& p : problems) std::cerr << p.path << ": " << p.message << "\n";
      return kExitInput;
    }
  }
  try {
    auto store = OpenStore(args.db);
    app::RegisterService service(std::move(store), rulebook, Now);
    if (args.demo && service.Count(app::Kind::kSystem) == 0) {
      auto imported = service.ImportRegister(DemoRegisterJson(), {"demo", "Demoregister"});
      if (!imported.ok()) {
        std::cerr << "ansvar: the demo register did not load: " << imported.error().detail << "\n";
        return kExitInput;
      }
      http::Log("info", "demo register loaded", {{"summary", http::ToJson(imported.value())}});
    }
    if (!PrepareAccounts(service, args.demo)) return kExitInput;
    http::ApiOptions api_options{args.static_dir, args.shared_db};
    api_options.tls = options.tls() || args.behind_tls_proxy;
    api_options.trusted_proxies = args.trusted_proxies;
    ConfigureSingleSignOn(*args.oidc, args.cycle->public_url, args.listen, api_options);
    http::Server server(options, http::MakeHandler(service, api_options));
    const auto port = server.Listen();
    // Links in feeds and mails: --public-url, else the listening address (said here, once), never a request's Host.
    const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    api_options.links->base =
        LinkBase(args.cycle->public_url, (options.tls() ? "https://" : "http://") + host + ":" + std::to_string(port));
    if (args.cycle->public_url.empty())
      http::Log("warning",
                "--public-url saknas: länkar i flöden och e-post pekar på lyssnaradressen / no --public-url: links "
                "in feeds and mails point to the listening address",
                {{"links", api_options.links->base}});
    CycleServeArgs cycle_args = *args.cycle;
    cycle_args.public_url = api_options.links->base;
    const auto cycle = StartCycle(service, cycle_args);  // the reminder scheduler, stopped before the service
    // The findings are evaluated while the server already answers: the first to ask does not start from nothing.
    const std::jthread prepare([&service] {
      try {
        service.PrepareFindings();
      } catch (const std::exception& e) {  // the first request then evaluates, and meets the error itself
        http::Log("warning", "findings not prepared", {{"error", std::string(e.what())}});
      }
    });
    http::Log("info", "listening",
              {{"url", (options.tls() ? "https://" : "http://") + options.host + ":" + std::to_string(port) + "/"},
               {"db", http::LoggableUrl(args.db)},
               {"systems", int64_t(service.Count(app::Kind::kSystem))},
               {"max_connections", int64_t(server.MaxConnections())},
               {"max_connections_per_address", int64_t(options.max_connections_per_address)}});
    if (options.tls()) http::Log("info", "tls", {{"certificate", server.TlsSummary()}});
    server.Run();
    http::Log("info", "stopped", {});
    return kExitOk;
  } catch (const std::exception& e) {
    http::Log("error", "cannot serve", {{"error", std::string(e.what())}});
    return kExitInput;
  }
}

}  // namespace

void AddServeCommands(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "Kör registret som tjänst / Serve the register over HTTP");
  serve->add_option("--db", args->db, "SQLite-fil eller postgresql://-URL (standard ansvar.db)");
  serve->add_option("--listen", args->listen, "Adress och port (standard 127.0.0.1:8080)");
  serve->add_flag("--demo", args->demo, "Läs in demokommunen om databasen är tom");
  serve->add_option("--static-dir", args->static_dir, "Webbgränssnittets byggda filer");
  serve->add_option("--rulebook", args->rulebook, "En regelboksfil (JSON)");
  serve->add_option("--threads", args->threads, "Antal trådar (standard 2)");
  serve->add_option("--max-body-mb", args->max_body_mb, "Största begäran i MB (standard 1)");
  serve->add_option("--max-register-mb", args->max_register_mb, "Största register i MB för PUT /api/v1/register");
  serve->add_flag("--shared-db", args->shared_db, "Flera instanser delar databasen: läs in andras ändringar");
  auto* cert =
      serve->add_option("--tls-cert", args->tls_cert, "HTTPS: certifikatet (PEM, med kedjan) / the certificate chain");
  auto* key =
      serve->add_option("--tls-key", args->tls_key, "HTTPS: certifikatets privata nyckel (PEM) / its private key");
  cert->needs(key);
  key->needs(cert);
  serve->add_flag("--behind-tls-proxy", args->behind_tls_proxy,
                  "HTTPS sköts av en proxy framför: kakor med Secure, HSTS / TLS ends at a proxy in front");
  serve->add_option("--trusted-proxy", args->trusted_proxies,
                    "En proxy vars X-Forwarded-For anger klientens adress (kan upprepas) / a proxy whose "
                    "X-Forwarded-For names the client (repeatable)");
  serve->add_option("--max-connections", args->max_connections,
                    "Högsta antal samtidiga anslutningar, 0 = efter gränsen för öppna filer: (gräns - 128) / 2 / "
                    "connections held at once, 0 = from the open-file limit (default)");
  serve->add_option("--max-connections-per-address", args->max_connections_per_address,
                    "Högsta antal samtidiga anslutningar från en adress (standard 64; betrodda proxyer undantagna) / "
                    "per peer address (default 64; trusted proxies exempt), 0 = no per-address limit");
  serve->add_option("--header-timeout", args->header_timeout_s,
                    "Sekunder för en begärans huvuden, och för en inaktiv anslutning (standard 10) / seconds for a "
                    "request's headers and for an idle keep-alive connection (default 10)");
  serve->add_option("--read-timeout", args->read_timeout_s,
                    "Sekunder som varje läsning av en kropp får vänta på data (standard 15) / seconds each read of a "
                    "body may wait for bytes (default 15)");
  serve->add_option("--accept-backoff-ms", args->accept_backoff_ms,
                    "Paus i ms efter ett misslyckat accept, t.ex. slut på fildeskriptorer (standard 100) / pause after "
                    "a failed accept such as EMFILE (default 100)");
  serve->add_option("--upload-dir", args->upload_dir,
                    "Katalog där stora kroppar väntar medan de tas emot (standard $TMPDIR) / where large bodies wait "
                    "while they arrive (default $TMPDIR)");
  serve->add_option(
      "--workers", args->workers,
      "Trådar för tunga begäranden: hela revisionsspåret, trender, as_of, exporter, importer (standard 2) "
      "/ threads for expensive requests (default 2)");
  serve->add_option("--expensive-per-account", args->expensive_per_account,
                    "Tunga begäranden per konto samtidigt, fler får 429 (standard 2) / expensive requests per account "
                    "at once, more get 429 (default 2)");
  args->cycle = AddCycleServeOptions(*serve);
  args->oidc = AddOidcServeOptions(*serve);
  serve->callback([args, &exit_code] { exit_code = RunServe(*args); });

  auto db = std::make_shared<std::string>("ansvar.db");
  auto* migrate = app.add_subcommand("migrate", "Uppdatera databasens schema / Run the database migrations");
  migrate->add_option("--db", *db, "Databas: SQLite-fil eller postgresql://-URL");
  migrate->callback([db, &exit_code] {
    try {
      auto store = OpenStore(*db);  // opening migrates
      std::cout << "schema version " << store->SchemaVersion() << "\n";
      exit_code = kExitOk;
    } catch (const std::exception& e) {
      std::cerr << "ansvar: " << e.what() << "\n";
      exit_code = kExitInput;
    }
  });

  auto* audit = app.add_subcommand("audit", "Revisionsspåret / The audit trail");
  auto* verify = audit->add_subcommand("verify", "Kontrollera hashkedjan / Verify the hash chain");
  verify->add_option("--db", *db, "Databas: SQLite-fil eller postgresql://-URL");
  auto anchor = std::make_shared<std::string>();
  verify->add_option("--anchor", *anchor,
                     "SEQ:HASH från `audit anchor`: kedjan måste fortfarande bära den posten / an anchor printed by "
                     "`audit anchor` earlier: the chain must still hold that entry");
  audit->require_subcommand(1);
  // The chain's head, to be kept outside the database (printed, or mailed by cron): a rewritten trail whose chain
  // was recomputed verifies by itself, but no longer holds an anchor kept elsewhere (issue 17).
  auto* print_anchor = audit->add_subcommand("anchor",
                                             "Skriv ut kedjans huvud (SEQ:HASH) att förvara utanför databasen / "
                                             "Print the chain's head (SEQ:HASH) to keep outside the database");
  print_anchor->add_option("--db", *db, "Databas: SQLite-fil eller postgresql://-URL");
  print_anchor->callback([db, &exit_code] {
    try {
      auto store = OpenStore(*db);
      store::AuditFilter head;
      head.limit = 1;
      head.newest_first = true;
      const auto entries = store->ReadAudit(head);
      if (entries.empty()) {
        std::cerr << "ansvar: the audit trail is empty\n";
        exit_code = kExitInput;
        return;
      }
      std::cout << entries.front().seq << ":" << entries.front().hash << "\n";
      exit_code = kExitOk;
    } catch (const std::exception& e) {
      std::cerr << "ansvar: " << e.what() << "\n";
      exit_code = kExitInput;
    }
  });
  verify->callback([db, anchor, &exit_code] {
    try {
      auto store = OpenStore(*db);
      const auto v = store->VerifyAudit();
      if (v.ok && !anchor->empty()) {
        const auto colon = anchor->find(':');
        int64_t seq = 0;
        try {
          seq = colon == std::string::npos ? 0 : std::stoll(anchor->substr(0, colon));
        } catch (const std::exception&) {
          seq = 0;
        }
        if (seq <= 0) {
          std::cerr << "ansvar: --anchor: expected SEQ:HASH as `ansvar audit anchor` prints it\n";
          exit_code = kExitInput;
          return;
        }
        store::AuditFilter at;
        at.after_seq = seq - 1;
        at.limit = 1;
        at.newest_first = false;
        const auto entries = store->ReadAudit(at);
        if (entries.empty() || entries.front().seq != seq || entries.front().hash != anchor->substr(colon + 1)) {
          std::cout << "BROKEN at seq " << seq << ": the chain no longer holds the anchor " << *anchor << "\n";
          exit_code = kExitFindings;
          return;
        }
      }
      if (v.ok) {
        std::cout << "ok: " << v.entries << " entries, the chain is intact"
                  << (anchor->empty() ? "" : " and holds the anchor") << "\n";
        exit_code = kExitOk;
      } else {
        std::cout << "BROKEN at seq " << (v.first_bad_seq ? std::to_string(*v.first_bad_seq) : "?") << ": " << v.reason
                  << "\n";
        exit_code = kExitFindings;
      }
    } catch (const std::exception& e) {
      std::cerr << "ansvar: " << e.what() << "\n";
      exit_code = kExitInput;
    }
  });
}

}  // namespace ansvar::cli
