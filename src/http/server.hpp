#pragma once
// The HTTP/1.1 server: Boost.Beast, asynchronous, a few threads, keep-alive, limits on header and body size,
// graceful shutdown on SIGTERM and SIGINT; plain TCP or HTTPS (Boost.Asio SSL over OpenSSL, TLS 1.2 and 1.3).
// Everything Beast and OpenSSL is in server.cpp.
//
// Under hostile load (issue 17): a request is admitted or refused when its headers have arrived (Handler::admit),
// and a refusal is answered without reading the body, the connection then closed; large bodies go to an unlinked
// temporary file while they arrive, not to memory; connections are capped in all and per peer address (a refused
// one is closed at once); each read of a body must bring bytes within `read_timeout`, the headers must arrive
// within `header_timeout`; after an accept error (EMFILE: no file descriptor left) the accept loop waits
// `accept_backoff` instead of spinning.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace ansvar::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  unsigned threads = 2;
  size_t max_body = 1 << 20;            // bytes, for most requests
  size_t max_register_body = 1u << 30;  // bytes, for PUT /api/v1/register (a whole register)
  size_t max_import_body = 64u << 20;   // bytes, for POST /api/v1/imports (a spreadsheet; the reader's own limit)
  // Connections held at once: 0 chooses from the open-file limit (RLIMIT_NOFILE), leaving room for the store and
  // for a temporary file per upload: (limit - 128) / 2, at least 16 (448 at the usual 1,024).
  size_t max_connections = 0;
  // Connections held at once from one peer address; the addresses in `uncapped_addresses` (trusted reverse proxies,
  // through which everyone comes) count only against max_connections.
  size_t max_connections_per_address = 64;
  std::vector<std::string> uncapped_addresses;
  std::chrono::milliseconds header_timeout{10'000};  // from the start of a request (or keep-alive idle) to its headers
  std::chrono::milliseconds read_timeout{15'000};    // each read of a body must bring bytes within this
  std::chrono::milliseconds accept_backoff{100};     // the pause after a failed accept (EMFILE, ENFILE, ENOBUFS)
  std::string upload_dir;  // where large bodies wait while they arrive ("": $TMPDIR or /tmp); unlinked at once
  // Expensive requests (Handler::expensive): answered by `workers` threads of their own; at most
  // `expensive_per_account` of one account queued or running at once and `expensive_queue` waiting in all (more are
  // answered 429 / 503 with Retry-After), and one that waited `expensive_wait` is answered 503 instead of run.
  unsigned workers = 2;
  size_t expensive_per_account = 2;
  size_t expensive_queue = 32;
  std::chrono::milliseconds expensive_wait{30'000};
  // HTTPS when both are set: the certificate (chain) and its private key, PEM files. The constructor throws
  // std::runtime_error with a readable reason when they cannot be read or do not belong together.
  std::string tls_cert;
  std::string tls_key;
  [[nodiscard]] bool tls() const { return !tls_cert.empty() || !tls_key.empty(); }
};

struct Handler {
  // Called when the headers have arrived, the body not yet read (Request::body empty): nullopt admits the request;
  // an answer refuses it, and the server sends it without reading the body and closes the connection. Empty: all
  // are admitted.
  std::function<std::optional<Response>(Request&)> admit;
  // Called with the whole request (of an admitted one).
  std::function<Response(Request&)> respond;
  // Whether a request is expensive (the whole audit trail, a trend, a register as it stood, an export, an import):
  // such requests are answered on the worker pool (ServerOptions::workers), so that cheap ones never wait behind
  // them. Empty: none is.
  std::function<bool(const Request&)> expensive;
};

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
  // The connections held at once at most (ServerOptions::max_connections, its default resolved).
  [[nodiscard]] size_t MaxConnections() const;
  // Reads the certificate and key of `options` as the constructor would, and throws the same std::runtime_error:
  // to refuse to start before anything else is done. Does nothing for plain HTTP.
  static void CheckTls(const ServerOptions& options);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansvar::http
