#include "http/server.hpp"

#include <fcntl.h>
#include <openssl/asn1.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509err.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
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
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "http/connection_limits.hpp"
#include "http/log.hpp"
#include "http/worker_pool.hpp"

namespace ansvar::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kCloseTimeout = std::chrono::seconds(5);
constexpr auto kBodyDeadline = std::chrono::minutes(10);  // a whole body, however steadily it arrives
constexpr auto kWriteTimeout = std::chrono::minutes(10);
// After a refusal, what the client still sends is read and dropped for at most this long (and kDrainLimit bytes),
// so that it sees the answer instead of a reset; then the connection is closed.
constexpr auto kLinger = std::chrono::seconds(3);
constexpr size_t kHeaderLimit = 16 * 1024;
constexpr size_t kDrainLimit = 64u << 20;
constexpr size_t kChunk = 64 * 1024;  // one read of a body

// TLS 1.2: forward secrecy and AEAD only (Mozilla's "intermediate" list without finite-field DH). TLS 1.3 keeps
// OpenSSL's defaults, which are all AEAD.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Answered, in clear, to a client that speaks plain HTTP to the HTTPS port.
const std::string& PlainHttpRefusal() {
  static const std::string answer = [] {
    const std::string body =
        "Den h\xc3\xa4r porten talar HTTPS / This port speaks HTTPS: use https:// instead of http://\n";
    return "HTTP/1.1 400 Bad Request\r\nServer: ansvar\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "X-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

// Written, best effort and without waiting, to a plain-HTTP connection over a connection limit before it is closed.
const std::string& BusyAnswer() {
  static const std::string answer = [] {
    const std::string body =
        "{\"type\":\"about:blank\",\"status\":503,\"title\":\"Upptagen / Busy\",\"detail\":\"too many connections from "
        "this address or in all; try again in a moment\"}";
    return "HTTP/1.1 503 Service Unavailable\r\nServer: ansvar\r\nContent-Type: application/problem+json\r\n"
           "Retry-After: 5\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  }();
  return answer;
}

std::string ProblemBody(int status, std::string_view title, std::string_view detail) {
  // Written by hand: this file sees no JSON library, and the texts are fixed ASCII.
  return "{\"type\":\"about:blank\",\"status\":" + std::to_string(status) + ",\"title\":\"" + std::string(title) +
         "\",\"detail\":\"" + std::string(detail) + "\"}";
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// An unlinked temporary file: where a large body waits while it arrives (nothing of it is reserved in memory).
class UploadFile {
 public:
  UploadFile() = default;
  UploadFile(const UploadFile&) = delete;
  UploadFile& operator=(const UploadFile&) = delete;
  ~UploadFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool Open(const std::string& dir) {
    std::string path = dir;
    if (path.empty()) {
      const char* tmp = std::getenv("TMPDIR");
      path = tmp && *tmp ? tmp : "/tmp";
    }
    path += "/ansvar-upload-XXXXXX";
    fd_ = ::mkostemp(path.data(), O_CLOEXEC);
    if (fd_ < 0) return false;
    ::unlink(path.c_str());
    return true;
  }
  bool Append(const char* data, size_t n) {
    while (n > 0) {
      const ssize_t w = ::write(fd_, data, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      data += w, n -= static_cast<size_t>(w);
    }
    return true;
  }
  // The whole body, read back once it is complete.
  bool ReadAll(std::string& out) {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return false;
    out.resize(static_cast<size_t>(st.st_size));
    size_t at = 0;
    while (at < out.size()) {
      const ssize_t r = ::pread(fd_, out.data() + at, out.size() - at, static_cast<off_t>(at));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      at += static_cast<size_t>(r);
    }
    return true;
  }

 private:
  int fd_ = -1;
};

// What every session shares with the server.
struct Shared {
  const Handler& handler;
  const ServerOptions& options;
  const std::atomic<bool>& stopping;
  WorkerPool* pool;  // for expensive requests (nullptr: every request is answered where it was read)
};

// One connection: plain (beast::tcp_stream) or HTTPS (an SSL stream over it). The HTTP part is the same; only the
// start (detect TLS, handshake) and the end (close_notify) differ.
//
// A request: the headers (within header_timeout) → admission (Handler::admit; a refusal is answered at once, the body
// left unread, the connection closed) → the body, read in chunks, each read within read_timeout, into memory when
// small, into an unlinked temporary file when it may be large → Handler::respond.
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

 public:
  template <class... StreamArgs>
  explicit Session(const Shared& shared, ConnectionSlot slot, StreamArgs&&... stream_args)
      : stream_(std::forward<StreamArgs>(stream_args)...), shared_(shared), slot_(std::move(slot)) {}

  void Start() {
    net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::Begin, this->shared_from_this()));
  }

 private:
  using Parser = bhttp::request_parser<bhttp::buffer_body>;

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
                       self->Drain(0, true);
                     });
  }

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    // The largest body any request may have (a declared length above it fails the header); lowered below once the
    // target is known.
    const auto& o = shared_.options;
    parser_->body_limit(std::max({o.max_body, o.max_register_body, o.max_import_body}));
    upload_.reset();
    request_ = Request{};
    Tcp().expires_after(o.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::OnHeader, this->shared_from_this()));
  }

  void OnHeader(beast::error_code ec, size_t) {
    if (ec == bhttp::error::body_limit) return RefuseBody();
    if (ec) return Fail(ec);
    const auto& req = parser_->get();
    if (!FillRequest(req)) return Refuse(Problem(400, "Bad Request", "the request target is not valid"));
    // Who asks and whether they may is decided now, before a byte of the body is read.
    if (shared_.handler.admit) {
      std::optional<Response> refused;
      try {
        refused = shared_.handler.admit(request_);
      } catch (const std::exception&) {
        refused = Problem(500, "Internal Server Error", "the server failed to answer; nothing was changed");
      }
      if (refused) return Refuse(std::move(*refused));
    }
    // A whole register may be large; a spreadsheet less so; everything else is small.
    const auto& o = shared_.options;
    const bool whole_register = req.method() == bhttp::verb::put && req.target().starts_with("/api/v1/register");
    const bool spreadsheet = req.method() == bhttp::verb::post && req.target().starts_with("/api/v1/imports");
    const size_t limit = whole_register ? o.max_register_body : spreadsheet ? o.max_import_body : o.max_body;
    if (parser_->content_length() && *parser_->content_length() > limit) return RefuseBody();
    parser_->body_limit(limit);
    if (parser_->is_done()) return Respond();
    if (limit > o.max_body) {
      upload_.emplace();
      if (!upload_->Open(o.upload_dir))
        return Refuse(Problem(503, "Service Unavailable", "the server cannot take a large body just now; try again"));
    }
    body_deadline_ = std::chrono::steady_clock::now() + kBodyDeadline;
    if (!chunk_) chunk_ = std::make_unique<std::array<char, kChunk>>();
    // A client that waits for leave to send its body (curl does, for large ones) gets it now.
    if (EqualsIgnoreCase(request_.Header("expect"), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      Tcp().expires_after(o.read_timeout);
      return net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                              [self = this->shared_from_this()](beast::error_code wec, size_t) {
                                if (wec) return self->Fail(wec);
                                self->ReadBody();
                              });
    }
    ReadBody();
  }

  // The request line and headers as our Request; false when the target cannot be decoded.
  bool FillRequest(const bhttp::request<bhttp::buffer_body>& req) {
    request_.method = std::string(req.method_string());
    const std::string_view target(req.target().data(), req.target().size());
    const size_t q = target.find('?');
    if (!PercentDecode(target.substr(0, q), request_.path, false) ||
        (q != std::string_view::npos && !ParseQuery(target.substr(q + 1), request_.query)) ||
        request_.path.find('\0') != std::string::npos)
      return false;
    for (const auto& field : req) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      request_.headers[name] = std::string(field.value());
    }
    beast::error_code endpoint_ec;
    const auto peer = Tcp().socket().remote_endpoint(endpoint_ec);
    if (!endpoint_ec) request_.remote = peer.address().to_string();
    return true;
  }

  void ReadBody() {
    auto& body = parser_->get().body();
    body.data = chunk_->data();
    body.size = chunk_->size();
    body.more = true;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(body_deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) return Fail(beast::error::timeout);
    Tcp().expires_after(std::min(shared_.options.read_timeout, left));
    bhttp::async_read_some(stream_, buffer_, *parser_,
                           beast::bind_front_handler(&Session::OnBody, this->shared_from_this()));
  }

  void OnBody(beast::error_code ec, size_t) {
    if (ec == bhttp::error::need_buffer) ec = {};
    if (ec == bhttp::error::body_limit) return RefuseBody();
    if (ec) return Fail(ec);
    const size_t got = chunk_->size() - parser_->get().body().size;
    if (got > 0) {
      if (upload_) {
        if (!upload_->Append(chunk_->data(), got))
          return Refuse(
              Problem(507, "Insufficient Storage", "the server could not store the body; nothing was changed"));
      } else {
        request_.body.append(chunk_->data(), got);
      }
    }
    if (!parser_->is_done()) return ReadBody();
    if (upload_ && !upload_->ReadAll(request_.body))
      return Refuse(
          Problem(507, "Insufficient Storage", "the server could not read the body back; nothing was changed"));
    upload_.reset();
    Respond();
  }

  // An expensive request goes to the worker pool (bounded per account and in all; the connection's own thread is
  // free meanwhile), the rest is answered here.
  void Respond() {
    const bool keep_alive = parser_->get().keep_alive() && !shared_.stopping;
    Tcp().expires_never();  // the answer may take a while; the write that follows sets its own timeout
    if (shared_.pool && shared_.handler.expensive && shared_.handler.expensive(request_)) {
      auto self = this->shared_from_this();
      const auto refused = shared_.pool->Submit(request_.account_id, [self, keep_alive](bool expired) {
        Response response = expired ? self->Problem(503, "Service Unavailable",
                                                    "the server is busy with other large requests; try again")
                                    : self->Answer();
        if (expired) response.headers.push_back({"Retry-After", "10"});
        return std::function<void()>([self, keep_alive, r = std::move(response)]() mutable {
          net::post(self->stream_.get_executor(), [self, keep_alive, r = std::move(r)]() mutable {
            self->request_ = Request{};
            self->Send(std::move(r), keep_alive);
          });
        });
      });
      if (refused == WorkerPool::Refusal::kNone) return;
      Response busy =
          refused == WorkerPool::Refusal::kAccountBusy
              ? Problem(429, "Too Many Requests",
                        "this account has large requests under way; wait for their answers first")
              : Problem(503, "Service Unavailable", "the server is busy with other large requests; try again");
      busy.headers.push_back({"Retry-After", "5"});
      request_ = Request{};
      return Send(std::move(busy), keep_alive);
    }
    Response response = Answer();
    request_ = Request{};  // the body is not kept while the answer goes out
    Send(std::move(response), keep_alive);
  }

  Response Answer() {
    try {
      return shared_.handler.respond(request_);
    } catch (const std::exception&) {
      return Problem(500, "Internal Server Error", "the server failed to answer; nothing was changed");
    }
  }

  // An answer without reading the rest of the request; the connection is closed after it.
  void Refuse(Response r) {
    refused_ = true;
    Send(std::move(r), false);
  }

  void RefuseBody() { Refuse(Problem(413, "Payload Too Large", "the request body is larger than the server accepts")); }

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
    Tcp().expires_after(kWriteTimeout);
    bhttp::async_write(stream_, *res, [self = this->shared_from_this(), res, keep_alive](beast::error_code ec, size_t) {
      if (ec) return self->Fail(ec);
      if (!keep_alive) return self->Close();
      self->ReadHeader();
    });
  }

  // The end of a connection after the last answer. Plain: half-closes. TLS: sends close_notify. After a refusal,
  // first reads and drops what the client still sends (for kLinger at most), so that it sees the answer instead of
  // a reset.
  void Close() {
    if constexpr (kTls) {
      if (refused_) return Drain(0, true);
      ShutdownTls();
    } else {
      beast::error_code ec;
      Tcp().socket().shutdown(tcp::socket::shutdown_send, ec);
      if (refused_) Drain(0, true);
    }
  }

  // Reads and drops: one deadline for all of it (kLinger), not one per read.
  void Drain(size_t dropped, bool first) {
    if (dropped > kDrainLimit) return Abort();
    if (first) Tcp().expires_after(kLinger);
    if (!chunk_) chunk_ = std::make_unique<std::array<char, kChunk>>();
    const auto done = [self = this->shared_from_this(), dropped](beast::error_code ec, size_t n) {
      if (ec) return self->Abort();
      self->Drain(dropped + n, false);
    };
    if constexpr (kTls)
      stream_.async_read_some(net::buffer(*chunk_), done);
    else
      Tcp().async_read_some(net::buffer(*chunk_), done);
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
  std::optional<Parser> parser_;
  Request request_;
  std::optional<UploadFile> upload_;
  std::unique_ptr<std::array<char, kChunk>> chunk_;  // made when a body is read: an idle connection holds none
  std::chrono::steady_clock::time_point body_deadline_;
  bool refused_ = false;
  Shared shared_;
  ConnectionSlot slot_;  // given back when the session ends
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
    throw std::runtime_error("the TLS certificate \"" + o.tls_cert +
                             "\" is not a PEM certificate: " + OpenSslReason(ec));
  ctx.use_private_key_file(o.tls_key, ssl::context::pem, ec);
  const auto mismatch = [&] {
    ERR_clear_error();
    return std::runtime_error("the TLS key \"" + o.tls_key + "\" does not belong to the certificate \"" + o.tls_cert +
                              "\"");
  };
  if (ec && ec.category() == net::error::get_ssl_category() &&
      ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == X509_R_KEY_VALUES_MISMATCH)
    throw mismatch();
  if (ec)
    throw std::runtime_error("the TLS key \"" + o.tls_key +
                             "\" is not a PEM private key (or is encrypted): " + OpenSslReason(ec));
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
      : options(std::move(o)),
        handler(std::move(h)),
        limits(options.max_connections, options.max_connections_per_address, options.uncapped_addresses),
        ioc(static_cast<int>(options.threads)),
        acceptor(net::make_strand(ioc)),
        backoff(acceptor.get_executor()),
        signals(ioc, SIGINT, SIGTERM) {
    if (options.tls()) tls.emplace(MakeTlsContext(options));
    if (options.workers > 0 && handler.expensive)
      pool = std::make_unique<WorkerPool>(options.workers, options.expensive_per_account, options.expensive_queue,
                                          options.expensive_wait);
  }

  void Accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (!acceptor.is_open()) return;
      if (ec) return AcceptFailed(ec);
      Open(std::move(socket));
      Accept();
    });
  }

  // Out of file descriptors or buffers, the pending connection stays in the listen queue and accept fails again at
  // once: wait a moment instead of spinning a core. Other errors (a client gone before accept) do not wait.
  void AcceptFailed(const beast::error_code& ec) {
    const bool resources = ec == net::error::no_descriptors || ec.value() == ENFILE ||
                           ec == net::error::no_buffer_space || ec == net::error::no_memory;
    if (!resources) return Accept();
    if (Due(last_accept_log))
      Log("warning", "accept failed: waiting",
          {{"error", ec.message()}, {"ms", int64_t(options.accept_backoff.count())}});
    backoff.expires_after(options.accept_backoff);
    backoff.async_wait([this](beast::error_code wait_ec) {
      if (!wait_ec && acceptor.is_open()) Accept();
    });
  }

  // A session for the connection if the limits let it have a slot; else it is closed at once (a plain-HTTP client
  // first gets a short 503, written without waiting).
  void Open(tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    auto slot = limits.Take(peer.address().to_string());
    if (!slot) {
      ++shed;
      if (!tls) {
        socket.non_blocking(true, ec);
        socket.write_some(net::buffer(BusyAnswer()), ec);
      }
      socket.close(ec);
      if (Due(last_shed_log))
        Log("warning", "connections refused over the limits",
            {{"since_last", int64_t(shed.exchange(0))},
             {"held", int64_t(limits.held())},
             {"max", int64_t(limits.max_total())}});
      return;
    }
    // Answers go out at once: a TLS handshake and its session tickets are several small writes that Nagle's
    // algorithm would otherwise hold for the client's delayed ACK (~40 ms).
    socket.set_option(tcp::no_delay(true), ec);
    const Shared shared{handler, options, stopping, pool.get()};
    if (tls)
      std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(shared, std::move(slot), std::move(socket), *tls)
          ->Start();
    else
      std::make_shared<Session<beast::tcp_stream>>(shared, std::move(slot), std::move(socket))->Start();
  }

  // At most one log line of a kind per 10 seconds (called on the acceptor's strand).
  static bool Due(std::chrono::steady_clock::time_point& last) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::seconds(10)) return false;
    last = now;
    return true;
  }

  void Shutdown() {
    if (stopping.exchange(true)) return;
    net::post(acceptor.get_executor(), [this] {
      beast::error_code ec;
      acceptor.close(ec);
      backoff.cancel();
    });
    // Requests in flight get a moment; every write is a transaction, so stopping later loses nothing.
    auto timer = std::make_shared<net::steady_timer>(ioc, std::chrono::milliseconds(1500));
    timer->async_wait([this, timer](beast::error_code) { ioc.stop(); });
  }

  ServerOptions options;
  Handler handler;
  ConnectionLimits limits;          // before ioc: sessions that outlive a stop give their slots back to it
  std::optional<ssl::context> tls;  // before ioc: sessions that outlive a stop still hold SSL objects of it
  net::io_context ioc;
  tcp::acceptor acceptor;
  net::steady_timer backoff;
  net::signal_set signals;
  // After ioc: destroyed first, it finishes its running jobs and drops the waiting ones (whose sessions need ioc).
  std::unique_ptr<WorkerPool> pool;
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> shed{0};
  std::chrono::steady_clock::time_point last_accept_log{}, last_shed_log{};
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}
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
  if (ec)
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                             ": " + ec.message());
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

size_t Server::MaxConnections() const { return impl_->limits.max_total(); }

std::string Server::TlsSummary() const { return impl_->tls ? CertificateSummary(*impl_->tls) : std::string(); }

}  // namespace ansvar::http
