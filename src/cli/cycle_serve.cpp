#include "cli/cycle_serve.hpp"

#include <curl/curl.h>

#include <fstream>
#include <stdexcept>

#include "app/breach_notices.hpp"
#include "app/cycle_service.hpp"
#include "app/reminders.hpp"
#include "cli/smtp_mailer.hpp"
#include "http/log.hpp"

namespace ansvar::cli {
namespace {

class Runtime final : public CycleRuntime {
 public:
  Runtime(app::RegisterService& service, SmtpOptions smtp, app::ReminderOptions options)
      : cycle_(service),
        mailer_(std::move(smtp)),
        scheduler_(cycle_, mailer_, options),
        notices_(service, mailer_, options) {
    scheduler_.Start();
    notices_.Start();  // new breaches to the DPO and the data protection contacts (app/breach_notices.hpp)
  }
  ~Runtime() override {
    notices_.Stop();
    scheduler_.Stop();
  }

 private:
  app::CycleService cycle_;
  SmtpMailer mailer_;
  app::ReminderScheduler scheduler_;
  app::BreachNotifier notices_;
};

std::string ReadSecret(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("--smtp-password-file: cannot read " + path);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

// smtp://127.0.0.1:25, smtp://localhost, smtp://[::1]: a relay on this machine, where TLS protects nothing.
bool LocalRelay(const std::string& url) {
  const auto scheme = url.find("://");
  std::string rest = scheme == std::string::npos ? url : url.substr(scheme + 3);
  if (const auto at = rest.rfind('@', rest.find('/')); at != std::string::npos) rest = rest.substr(at + 1);
  return rest.starts_with("127.") || rest.starts_with("localhost") || rest.starts_with("[::1]");
}

}  // namespace

std::shared_ptr<CycleServeArgs> AddCycleServeOptions(CLI::App& serve) {
  auto a = std::make_shared<CycleServeArgs>();
  serve.add_option(
      "--smtp-url", a->smtp_url,
      "Påminnelser per e-post via SMTP: smtp://värd:587 (STARTTLS när servern erbjuder det) eller smtps://värd:465");
  serve.add_option("--smtp-user", a->smtp_user, "SMTP-användare (AUTH)");
  serve.add_option("--smtp-password-file", a->smtp_password_file, "Fil med SMTP-lösenordet (första raden)");
  serve.add_flag("--smtp-require-tls", a->smtp_require_tls,
                 "Kräv STARTTLS även till en server på denna dator / require STARTTLS even to a relay on this machine");
  serve.add_flag(
      "--smtp-allow-plaintext", a->smtp_allow_plaintext,
      "Skicka utan STARTTLS när servern inte erbjuder det (annars krävs det, utom till 127.0.0.1/localhost) / "
      "send without STARTTLS when the server offers none (otherwise required, except to a local relay)");
  serve.add_option("--smtp-ca-file", a->smtp_ca_file, "Lita på denna CA (PEM) för SMTP-servern");
  serve.add_option("--smtp-timeout", a->smtp_timeout, "Sekunder för ett utskick (standard 60)")
      ->check(CLI::Range(1, 600));
  serve.add_option("--mail-from", a->mail_from, "Avsändaradress (standard ansvar@localhost)");
  serve.add_option("--reminder-lead-days", a->lead_days, "Dagar före förfallodagen för påminnelser (standard 14,1)")
      ->delimiter(',')
      ->check(CLI::Range(0, 365));
  serve.add_option("--reminder-interval", a->interval_seconds, "Sekunder mellan schemaläggarens varv (standard 300)")
      ->check(CLI::Range(0.1, 86400.0));
  serve.add_option("--public-url", a->public_url, "Adressen användarna når tjänsten på, för länkar i e-post");
  return a;
}

std::unique_ptr<CycleRuntime> StartCycle(app::RegisterService& service, const CycleServeArgs& args) {
  if (args.smtp_url.empty()) return nullptr;
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);  // once, before any thread uses curl
  if (init != CURLE_OK) throw std::runtime_error("curl could not be initialised");
  // STARTTLS is required unless the operator allows plain text or the relay is on this machine (issue 17).
  const bool require_tls = args.smtp_require_tls || (!args.smtp_allow_plaintext && !LocalRelay(args.smtp_url));
  SmtpOptions smtp{args.smtp_url, args.smtp_user, "", require_tls, args.smtp_ca_file, args.smtp_timeout};
  if (!args.smtp_password_file.empty()) smtp.password = ReadSecret(args.smtp_password_file);
  app::ReminderOptions options;
  options.lead_days = args.lead_days;
  options.interval = std::chrono::milliseconds(static_cast<int64_t>(args.interval_seconds * 1000));
  options.lease = std::chrono::seconds(args.smtp_timeout + 5);
  options.from = args.mail_from;
  options.base_url = args.public_url;
  while (!options.base_url.empty() && options.base_url.back() == '/') options.base_url.pop_back();
  options.log = [](const std::string& level, const std::string& message) { http::Log(level, message, {}); };
  http::Log("info", "reminders on",
            {{"smtp", http::LoggableUrl(args.smtp_url)}, {"interval_s", int64_t(args.interval_seconds)}});
  return std::make_unique<Runtime>(service, std::move(smtp), std::move(options));
}

}  // namespace ansvar::cli
