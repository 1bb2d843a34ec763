#pragma once
// E-mail over SMTP with libcurl: smtp:// (STARTTLS when the server offers it, or required with require_tls) or
// smtps:// (TLS from the start), AUTH with a user and password when configured. One connection per message.
#include <string>

#include "app/reminders.hpp"

namespace ansvar::cli {

struct SmtpOptions {
  std::string url;   // smtp://host:587, smtps://host:465, smtp://127.0.0.1:2525
  std::string user;  // "" for none
  std::string password;
  bool require_tls = false;  // refuse to send without STARTTLS
  std::string ca_file;       // trust this CA (PEM) instead of the system's
  long timeout_seconds = 60;
};

class SmtpMailer final : public app::Mailer {
 public:
  explicit SmtpMailer(SmtpOptions options);
  void Send(const app::Mail& mail) override;

  // The RFC 5322 message (headers, base64 UTF-8 body, CRLF), exposed for tests.
  static std::string Compose(const app::Mail& mail, long long unix_time);

 private:
  SmtpOptions options_;
};

}  // namespace ansvar::cli
