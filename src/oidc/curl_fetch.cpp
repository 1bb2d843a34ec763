#include <curl/curl.h>

#include <cctype>
#include <memory>

#include "oidc/fetch.hpp"

namespace ansvar::oidc {
namespace {

constexpr size_t kMaxAnswer = 1u << 20;

struct Sink {
  std::string body;
  bool too_big = false;
};

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const size_t n = size * count;
  if (sink->body.size() + n > kMaxAnswer) {
    sink->too_big = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, n);
  return n;
}

FetchResponse Perform(const FetchRequest& request) {
  static const bool init = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;  // thread-safe once
  if (!init) return {0, "", "libcurl could not be initialised"};
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return {0, "", "libcurl could not be initialised"};
  Sink sink;
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers, curl_slist_free_all);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 15000L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "ansvar-oidc");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list.get());
  if (request.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
  }
  const CURLcode rc = curl_easy_perform(c);
  if (sink.too_big) return {0, "", "the answer is larger than 1 MiB"};
  if (rc != CURLE_OK) return {0, "", curl_easy_strerror(rc)};
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  return {static_cast<int>(status), std::move(sink.body), ""};
}

}  // namespace

Fetch CurlFetch() { return Perform; }

std::string FormEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '*')
      out += ch;
    else if (c == ' ')
      out += '+';
    else
      out += '%', out += kHex[c >> 4], out += kHex[c & 15];
  }
  return out;
}

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += FormEncode(name) + "=" + FormEncode(value);
  }
  return out;
}

}  // namespace ansvar::oidc
