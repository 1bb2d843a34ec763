#include "http/server.hpp"

#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/x509err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/core/detect_ssl.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/version.hpp>
#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

namespace ansvar::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr auto kIdleTimeout = std::chrono::seconds(30);
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kCloseTimeout = std::chrono::seconds(5);
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kDrainLimit = 64u << 20;

// TLS 1.2: forward secrecy and AEAD only (Mozilla's "intermediate" list without finite-field DH). TLS 1.3 keeps
// OpenSSL's defaults, which are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Answered, in clear, to a client that speaks plain HTTP to the HTTPS port.
const std::string& PlainHttpRefusal() {
  static const std::string answer = [] {
    const std::string body = "Den h\xc3\xa4r porten talar HTTPS / This port speaks HTTPS: use https:// instead of http://\n";
    return "HTTP/1.1 400 Bad Request\r\nServer: ansvar\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

std::string ProblemBody(int status, std::string_view title, std::string_view detail) {
  // Written by hand: this file sees no JSON library, and the texts are fixed ASCII.
  return "{\"type\":\"about:blank\",\"status\":" + std::to_string(status) + ",\"title\":\"" + std::string(title) +
         "\",\"detail\":\"" + std::string(detail) + "\"}";
}

// What every session shares with the server.
struct Shared {
  const Handler& handler;
  const ServerOptions& options;
  const std::atomic<bool>& stopping;
};

// One connection: plain (beast::tcp_stream) or HTTPS (an SSL stream over it). The HTTP part is the same; only the
// start (detect TLS, handshake) and the end (close_notify) differ.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  template <class... StreamArgs>
  explicit Session(const Shared& shared, StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...), shared_(shared) {}

  void Start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Begin, this->shared_from_this())); }

 private:
  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  void Begin() {
    if constexpr (kTls) {
      // A plain HTTP request on the HTTPS port gets a clear answer instead of a failed handshake.
      Tcp().expires_after(kHandshakeTimeout);
      beast::async_detect_ssl(Tcp(), buffer_, beast::bind_front_handler(&Session::OnDetect, this->shared_from_this()));
    } else {
      ReadHeader();
    }
  }

  void OnDetect(beast::error_code ec, bool tls) {
    if (ec) return Abort();
    if (!tls) return RefusePlainHttp();
    Tcp().expires_after(kHandshakeTimeout);
    stream_.async_handshake(ssl::stream_base::server, buffer_.data(),
                            beast::bind_front_handler(&Session::OnHandshake, this->shared_from_this()));
  }

  void OnHandshake(beast::error_code ec, size_t used) {
    if (ec) return Abort();
    buffer_.consume(used);
    ReadHeader();
  }

  void RefusePlainHttp() {
    net::async_write(Tcp(), net::buffer(PlainHttpRefusal()),
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->Abort();
                       beast::error_code ignored;
                       self->Tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
                       self->DrainRaw(0);
                     });
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // The largest body any request may have; lowered below once the target is known.
    const auto& o = shared_.options;
    parser_->body_limit(std::max({o.max_body, o.max_register_body, o.max_import_body}));
    Tcp().expires_after(kIdleTimeout);
    bhttp::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnHeader, this->shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) return RefuseBody();
    if (ec) return Fail(ec);
    // A whole register may be large; everything else is small.
    const auto& req = parser_->get();
    const auto& o = shared_.options;
    const bool whole_register = req.method() == bhttp::verb::put && req.target().starts_with("/api/v1/register");
    const bool spreadsheet = req.method() == bhttp::verb::post && req.target().starts_with("/api/v1/imports");
    const size_t limit = whole_register ? o.max_register_body : spreadsheet ? o.max_import_body : o.max_body;
    if (req.has_content_length() && parser_->content_length() && *parser_->content_length() > limit) return RefuseBody();
    parser_->body_limit(limit);
    Tcp().expires_after(std::chrono::minutes(10));
    bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::OnRead, this->shared_from_this()));
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
    const auto peer = Tcp().socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) request.remote = peer.address().to_string();

    Response response;
    try {
      response = shared_.handler(request);
    } catch (const std::exception&) {
      response = Problem(500, "Internal Server Error", "the server failed to answer; nothing was changed");
    }
    Send(std::move(response), req.keep_alive() && !shared_.stopping);
  }

  void RefuseBody() {
    draining_ = true;
    Send(Problem(413, "Payload Too Large", "the request body is larger than the server accepts"), false);
  }

  Response Problem(int status, std::string_view title, std::string_view detail) const {
    Response r{status, "application/problem+json", ProblemBody(status, title, detail), {}};
    // The handler adds the security headers to its answers; these are the server's own.
    r.headers.push_back({"X-Content-Type-Options", "nosniff"});
    if constexpr (kTls) r.headers.push_back({"Strict-Transport-Security", "max-age=31536000"});
    return r;
  }

  void Send(Response r, bool keep_alive) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), 11);
    res->set(bhttp::field::server, "ansvar");
    res->set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res->insert(k, v);  // insert: two Set-Cookie headers are two lines
    res->body() = std::move(r.body);
    res->keep_alive(keep_alive);
    res->prepare_payload();
    Tcp().expires_after(std::chrono::minutes(10));
    bhttp::async_write(stream_, *res, [self = this->shared_from_this(), res, keep_alive](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      if (!keep_alive) return self->Close();
      self->ReadHeader();
    });
  }

  // The end of a connection after the last answer. Plain: half-closes. TLS: sends close_notify. After a refused
  // body, first reads and drops what the client still sends (up to a limit), so that it sees the answer instead of
  // a reset.
  void Close() {
    if constexpr (kTls) {
      if (draining_) return DrainTls(0);
      ShutdownTls();
    } else {
      beast::error_code ec;
      Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (draining_) DrainRaw(0);
    }
  }

  void DrainRaw(size_t dropped) {
    if (dropped > kDrainLimit) return;
    Tcp().expires_after(std::chrono::seconds(5));
    Tcp().async_read_some(net::buffer(scratch_), [self = this->shared_from_this(), dropped](beast::error_code ec, size_t n) {
      if (!ec) self->DrainRaw(dropped + n);
    });
  }

  void DrainTls(size_t dropped) {
    if constexpr (kTls) {
      if (dropped > kDrainLimit) return Abort();
      Tcp().expires_after(std::chrono::seconds(5));
      stream_.async_read_some(net::buffer(scratch_), [self = this->shared_from_this(), dropped](beast::error_code ec, size_t n) {
        if (ec) return self->Abort();
        self->DrainTls(dropped + n);
      });
    }
  }

  void ShutdownTls() {
    if constexpr (kTls) {
      Tcp().expires_after(kCloseTimeout);
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Abort(); });
    }
  }

  void Fail(beast::error_code) {
    if constexpr (kTls) {
      Abort();  // a TLS stream in error cannot say goodbye properly
    } else {
      beast::error_code ec;
      Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  }

  void Abort() { Tcp().close(); }

  Stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool draining_ = false;
  std::array<char, 65536> scratch_{};
  Shared shared_;
};

std::string OpenSslReason(const beast::error_code& ec) {
  std::string reason = ec.message();
  if (ec.category() == net::error::get_ssl_category()) {
    if (const char* lib = ERR_lib_error_string(static_cast<unsigned long>(ec.value())); lib && !reason.empty())
      reason += " (" + std::string(lib) + ")";
  }
  return reason;
}

void RequireReadable(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the TLS " + what + " \"" + path + "\": " + std::strerror(errno));
}

// The HTTPS context: TLS 1.2 or later, forward-secret AEAD ciphers, no compression or renegotiation; the
// certificate chain and the key checked against each other before the server listens.
ssl::context MakeTlsContext(const ServerOptions& o) {
  if (o.tls_cert.empty() || o.tls_key.empty())
    throw std::runtime_error("--tls-cert and --tls-key go together: both a certificate and its private key are needed");
  RequireReadable(o.tls_cert, "certificate");
  RequireReadable(o.tls_key, "key");
  ssl::context ctx(ssl::context::tls_server);
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                  ssl::context::single_dh_use);
  SSL_CTX* native = ctx.native_handle();
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 || SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1)
    throw std::runtime_error("OpenSSL refused the TLS settings");
  SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
  // An encrypted key is refused rather than asked for on a terminal that a service does not have.
  ctx.set_password_callback([](size_t, ssl::context::password_purpose) { return std::string(); });
  beast::error_code ec;
  ctx.use_certificate_chain_file(o.tls_cert, ec);
  if (ec)
    throw std::runtime_error("the TLS certificate \"" + o.tls_cert + "\" is not a PEM certificate: " + OpenSslReason(ec));
  ctx.use_private_key_file(o.tls_key, ssl::context::pem, ec);
  const auto mismatch = [&] {
    ERR_clear_error();
    return std::runtime_error("the TLS key \"" + o.tls_key + "\" does not belong to the certificate \"" + o.tls_cert + "\"");
  };
  if (ec && ec.category() == net::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH)
    throw mismatch();
  if (ec)
    throw std::runtime_error("the TLS key \"" + o.tls_key + "\" is not a PEM private key (or is encrypted): " + OpenSslReason(ec));
  if (SSL_CTX_check_private_key(native) != 1) throw mismatch();
  return ctx;
}

std::string CertificateSummary(ssl::context& ctx) {
  X509* cert = SSL_CTX_get0_certificate(ctx.native_handle());
  if (!cert) return "";
  std::string out;
  if (BIO* bio = BIO_new(BIO_s_mem())) {
    X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0, XN_FLAG_RFC2253);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    if (n > 0 && data) out.assign(data, static_cast<size_t>(n));
    BIO_free(bio);
  }
  std::tm until{};
  if (ASN1_TIME_to_tm(X509_get0_notAfter(cert), &until) == 1) {
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &until);
    out += std::string(out.empty() ? "" : ", ") + "valid until " + buf;
    if (X509_cmp_current_time(X509_get0_notAfter(cert)) < 0) out += " (EXPIRED)";
  }
  return out;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, Handler h)
      : options(std::move(o)), handler(std::move(h)), ioc(static_cast<int>(options.threads)),
        acceptor(net::make_strand(ioc)), signals(ioc, SIGINT, SIGTERM) {
    if (options.tls()) tls.emplace(MakeTlsContext(options));
  }

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (!ec) {
        // Answers go out at once: a TLS handshake and its session tickets are several small writes that Nagle's
        // algorithm would otherwise hold for the client's delayed ACK (~40 ms).
        beast::error_code nodelay_ec;
        socket.set_option(tcp::no_delay(true), nodelay_ec);
        const Shared shared{handler, options, stopping};
        if (tls)
          std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(shared, std::move(socket), *tls)->Start();
        else
          std::make_shared<Session<beast::tcp_stream>>(shared, std::move(socket))->Start();
      }
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
  std::optional<ssl::context> tls;  // before ioc: sessions that outlive a stop still hold SSL objects of it
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

void Server::CheckTls(const ServerOptions& options) {
  if (options.tls()) MakeTlsContext(options);
}

std::string Server::TlsSummary() const { return impl_->tls ? CertificateSummary(*impl_->tls) : std::string(); }

}  // namespace ansvar::http
