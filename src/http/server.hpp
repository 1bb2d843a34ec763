#pragma once
// The HTTP/1.1 server: Boost.Beast, asynchronous, a few threads, keep-alive, limits on header and body size,
// graceful shutdown on SIGTERM and SIGINT; plain TCP or HTTPS (Boost.Asio SSL over OpenSSL, TLS 1.2 and 1.3).
// Everything Beast and OpenSSL is in server.cpp.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.hpp"

namespace ansvar::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  unsigned threads = 2;
  size_t max_body = 1 << 20;            // bytes, for most requests
  size_t max_register_body = 1u << 30;  // bytes, for PUT /api/v1/register (a whole register)
  size_t max_import_body = 64u << 20;   // bytes, for POST /api/v1/imports (a spreadsheet; the reader's own limit)
  // HTTPS when both are set: the certificate (chain) and its private key, PEM files. The constructor throws
  // std::runtime_error with a readable reason when they cannot be read or do not belong together.
  std::string tls_cert;
  std::string tls_key;
  [[nodiscard]] bool tls() const { return !tls_cert.empty() || !tls_key.empty(); }
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);  // throws std::runtime_error on a bad certificate or key
  ~Server();
  // Binds; returns the port actually bound (throws std::runtime_error when it cannot).
  uint16_t Listen();
  // Serves until Stop() or a SIGTERM/SIGINT; in-flight requests get a moment to finish.
  void Run();
  void Stop();
  // For the log: "CN=…, valid until 2026-…T…Z" ("" when serving plain HTTP).
  [[nodiscard]] std::string TlsSummary() const;
  // Reads the certificate and key of `options` as the constructor would, and throws the same std::runtime_error:
  // to refuse to start before anything else is done. Does nothing for plain HTTP.
  static void CheckTls(const ServerOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansvar::http
