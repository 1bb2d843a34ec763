#include "http/server.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <optional>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ansvar::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr size_t kHeaderLimit = 16 * 1024;

std::string ProblemBody(int status, std::string_view title, std::string_view detail) {
  // Written by hand: this file sees no JSON library, and the texts are fixed ASCII.
  return "{\"type\":\"about:blank\",\"status\":" + std::to_string(status) + ",\"title\":\"" + std::string(title) +
         "\",\"detail\":\"" + std::string(detail) + "\"}";
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, const Handler& handler, const ServerOptions& options, const std::atomic<bool>& stopping)
      : stream_(std::move(socket)), handler_(handler), options_(options), stopping_(stopping) {}

  void Start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::ReadHeader, shared_from_this())); }

 private:
  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // The largest body any request may have; lowered below once the target is known.
    parser_->body_limit(std::max({options_.max_body, options_.max_register_body, options_.max_import_body}));
    stream_.expires_after(kIdleTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) return RefuseBody();
    if (ec) return Fail(ec);
    // A whole register may be large; everything else is small.
    const auto& req = parser_->get();
    const bool whole_register = req.method() == bhttp::verb::put && req.target().starts_with("/api/v1/register");
    const bool spreadsheet = req.method() == bhttp::verb::post && req.target().starts_with("/api/v1/imports");
    const size_t limit = whole_register ? options_.max_register_body : spreadsheet ? options_.max_import_body : options_.max_body;
    if (req.has_content_length() && parser_->content_length() && *parser_->content_length() > limit) return RefuseBody();
    parser_->body_limit(limit);
    stream_.expires_after(std::chrono::minutes(10));
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, shared_from_this()));
  }

  void OnRead(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) return RefuseBody();
    if (ec) return Fail(ec);
    auto req = parser_->release();
    Request request;
    request.method = std::string(req.method_string());
    const std::string_view target(req.target().data(), req.target().size());
    const size_t q = target.find('?');
    if (!PercentDecode(target.substr(0, q), request.path, false) ||
        (q != std::string_view::npos && !ParseQuery(target.substr(q + 1), request.query)) ||
        request.path.find('\0') != std::string::npos) {
      return Send(Problem(400, "Bad Request", "the request target is not valid"), false);
    }
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request.headers[name] = std::string(field.value());
    }
    request.body = std::move(req.body());
    beast::error_code endpoint_ec;
    const auto peer = stream_.socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) request.remote = peer.address().to_string();

    Response response;
    try {
      response = handler_(request);
    } catch (const std::exception&) {
      response = Problem(500, "Internal Server Error", "the server failed to answer; nothing was changed");
    }
    Send(std::move(response), req.keep_alive() && !stopping_);
  }

  void RefuseBody() {
    draining_ = true;
    Send(Problem(413, "Payload Too Large", "the request body is larger than the server accepts"), false);
  }

  static Response Problem(int status, std::string_view title, std::string_view detail) {
    return {status, "application/problem+json", ProblemBody(status, title, detail), {}};
  }

  void Send(Response r, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::server, "ansvar");
    res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->set(k, v);
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    stream_.expires_after(std::chrono::minutes(10));
    bhttp::async_write(stream_, *res, [self = shared_from_this(), res, keep_alive](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      if (!keep_alive) return self->Close();
      self->ReadHeader();
    });
  }

  // Half-closes; after a refused body, reads and drops what the client still sends (up to a limit), so that it
  // sees the answer instead of a reset.
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (draining_) Drain(0);
  }

  void Drain(size_t dropped) {
    if (dropped > (64u << 20)) return;
    stream_.expires_after(std::chrono::seconds(5));
    stream_.async_read_some(net::buffer(scratch_), [self = shared_from_this(), dropped](beast::error_code ec, size_t n) {
      if (!ec) self->Drain(dropped + n);
    });
  }

  void Fail(beast::error_code) {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool draining_ = false;
  std::array<char, 65536> scratch_{};
  const Handler& handler_;
  const ServerOptions& options_;
  const std::atomic<bool>& stopping_;
};

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(static_cast<int>(options.threads)),
        acceptor(net::make_strand(ioc)), signals(ioc, SIGINT, SIGTERM) {}

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) std::make_shared<Session>(std::move(socket), handler, options, stopping)->Start();
      Accept();
    });
  }

  void Shutdown() {
    if (stopping.exchange(true)) return;
    net::post(acceptor.get_executor(), [this] {
      beast::error_code ec;
      acceptor.close(ec);
    });
    // Requests in flight get a moment; every write is a transaction, so stopping later loses nothing.
    auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(1500));
    timer->async_wait([this, timer](beast::error_code) { ioc.stop(); });
  }

  ServerOptions options;
  Handler handler;
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::signal_set signals;
  std::atomic<bool> stopping{false};
};

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
Server::~Server() = default;

uint16_t Server::Listen() {
  beast::error_code ec;
  const auto address = net::ip::make_address(impl_->options.host, ec);
  if (ec) throw std::runtime_error("cannot listen on \"" + impl_->options.host + "\": not an IP address");
  const tcp::endpoint endpoint{address, impl_->options.port};
  auto& acc = impl_->acceptor;
  acc.open(endpoint.protocol(), ec);
  if (!ec) acc.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acc.bind(endpoint, ec);
  if (!ec) acc.listen(net::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) + ": " + ec.message());
  return acc.local_endpoint().port();
}

void Server::Run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->Shutdown();
  });
  impl_->Accept();
  std::vector<std::thread> threads;
  for (unsigned i = 1; i < impl_->options.threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  net::post(impl_->ioc, [this] { impl_->Shutdown(); });
}

}  // namespace ansvar::http
