#include "cli/smtp_mailer.hpp"

#include <curl/curl.h>

#include <cstring>
#include <ctime>
#include <memory>
#include <stdexcept>

namespace ansvar::cli {
namespace {

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63], out += kAlphabet[(n >> 12) & 63], out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    out += kAlphabet[(n >> 18) & 63], out += kAlphabet[(n >> 12) & 63], out += "==";
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8);
    out += kAlphabet[(n >> 18) & 63], out += kAlphabet[(n >> 12) & 63], out += kAlphabet[(n >> 6) & 63], out += '=';
  }
  return out;
}

bool Ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80 || c < 0x20) return false;
  return true;
}

// RFC 2047 encoded words for a header value that is not plain ASCII, each at most 75 octets and never splitting a
// UTF-8 character; words are separated by CRLF + space (folding).
std::string EncodeHeader(std::string_view value) {
  if (Ascii(value)) return std::string(value);
  std::string out;
  size_t pos = 0;
  while (pos < value.size()) {
    size_t take = std::min<size_t>(45, value.size() - pos);  // 45 octets → 60 base64 characters + 12 of wrapping
    while (pos + take < value.size() && (static_cast<unsigned char>(value[pos + take]) & 0xC0) == 0x80) --take;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(value.substr(pos, take)) + "?=";
    pos += take;
  }
  return out;
}

// Header values must not carry line breaks (header injection).
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string RfcDate(long long unix_time) {
  const std::time_t t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

struct Upload {
  std::string data;
  size_t pos = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t nitems, void* user) {
  auto* up = static_cast<Upload*>(user);
  const size_t room = size * nitems;
  const size_t n = std::min(room, up->data.size() - up->pos);
  std::memcpy(buffer, up->data.data() + up->pos, n);
  up->pos += n;
  return n;
}

}  // namespace

SmtpMailer::SmtpMailer(SmtpOptions options) : options_(std::move(options)) {
  if (!options_.url.starts_with("smtp://") && !options_.url.starts_with("smtps://"))
    throw std::invalid_argument("--smtp-url must start with smtp:// or smtps://");
}

std::string SmtpMailer::Compose(const app::Mail& m, long long unix_time) {
  std::string h;
  h += "From: Ansvar <" + OneLine(m.from) + ">\r\n";
  h += "To: " + (m.to_name.empty() ? "" : EncodeHeader(OneLine(m.to_name)) + " ") + "<" + OneLine(m.to) + ">\r\n";
  h += "Subject: " + EncodeHeader(OneLine(m.subject)) + "\r\n";
  h += "Date: " + RfcDate(unix_time) + "\r\n";
  h += "Message-ID: " + OneLine(m.message_id) + "\r\n";
  h += "MIME-Version: 1.0\r\n";
  h += "Content-Type: text/plain; charset=utf-8\r\n";
  h += "Content-Transfer-Encoding: base64\r\n";
  h += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: no out-of-office replies to a reminder
  h += "\r\n";
  std::string body;  // the text with CRLF line ends, then base64 in lines of 76
  for (char c : m.body) {
    if (c == '\n')
      body += "\r\n";
    else if (c != '\r')
      body += c;
  }
  const std::string encoded = Base64(body);
  for (size_t i = 0; i < encoded.size(); i += 76) h += encoded.substr(i, 76) + "\r\n";
  return h;
}

void SmtpMailer::Send(const app::Mail& mail) {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw std::runtime_error("curl could not start");
  Upload up{Compose(mail, static_cast<long long>(std::time(nullptr))), 0};
  curl_slist* rcpt = curl_slist_append(nullptr, ("<" + OneLine(mail.to) + ">").c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
  const std::string from = "<" + OneLine(mail.from) + ">";
  char error[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(c, CURLOPT_READDATA, &up);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, std::min(options_.timeout_seconds, 30L));
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  if (options_.url.starts_with("smtp://"))
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(options_.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (!options_.user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options_.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) throw std::runtime_error(std::string("smtp: ") + (error[0] ? error : curl_easy_strerror(rc)));
}

}  // namespace ansvar::cli
