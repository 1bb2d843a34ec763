#pragma once
// The HTTP/1.1 server: Boost.Beast, asynchronous, a few threads, keep-alive, limits on header and body size,
// graceful shutdown on SIGTERM and SIGINT. Everything Beast is in server.cpp.
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
};

using Handler = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  // Binds; returns the port actually bound (throws std::runtime_error when it cannot).
  uint16_t Listen();
  // Serves until Stop() or a SIGTERM/SIGINT; in-flight requests get a moment to finish.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ansvar::http
