#include "services/http_face.h"

#include <httplib.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "domain/areas/area_catalog.h"
#include "domain/areas/unit_set.h"
#include "services/call_gate.h"
#include "services/http_status.h"
#include "services/request_log.h"

namespace coop::services {
namespace {

constexpr char kJson[] = "application/json; charset=utf-8";
constexpr char kApiPrefix[] = "/coop.v1.";
constexpr char kFeedPath[] = "/feed";
// How long a feed's start waits for the subscription's first message, so that a refusal is
// answered with its HTTP status.
constexpr absl::Duration kFeedFirstWait = absl::Seconds(5);

// Every answer carries these: no sniffing, no framing, and for the dashboard's pages a policy
// that runs the app's own scripts only (a name such as <img onerror=…> shown as text could not
// run anyway; this is the second wall).
const httplib::Headers& DefaultHeaders() {
  static const auto* headers = new httplib::Headers{
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'"},
  };
  return *headers;
}

void Answer(httplib::Response& response, int status, const std::string& json) {
  response.status = status;
  response.set_content(json, kJson);
}

void AnswerError(httplib::Response& response, const char* code, int status,
                 const std::string& message) {
  Answer(response, status, HttpErrorBody(code, status, message));
}

// "HOST:PORT" (HOST may be "[::1]") → host for binding and port.
absl::StatusOr<std::pair<std::string, int>> SplitListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string::npos || colon == 0 ||
      !absl::SimpleAtoi(listen.substr(colon + 1), &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_listen: expected HOST:PORT, e.g. 127.0.0.1:8080; got '", listen, "'"));
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  return std::make_pair(host, port);
}

// The TLS handshake's certificate callback: the chain and key read afresh from their files (a
// few kilobytes per new connection), so that a renewed certificate serves the next connection
// without a restart. A pair caught mid-replacement (a key that does not match the certificate)
// fails that one handshake: replace the two files together (docs/http.md).
int UseCurrentCertificate(SSL* ssl, void* arg) {
  const auto* files = static_cast<const TlsFiles*>(arg);
  if (SSL_use_certificate_chain_file(ssl, files->cert.c_str()) != 1 ||
      SSL_use_PrivateKey_file(ssl, files->key.c_str(), SSL_FILETYPE_PEM) != 1) {
    return 0;
  }
  return SSL_check_private_key(ssl) == 1 ? 1 : 0;
}

// Whether a Host header ("127.0.0.1:8080", "localhost", "[::1]:8080") names this machine.
bool IsLoopbackHost(const std::string& host_header) {
  std::string host = host_header;
  if (absl::StartsWith(host, "[")) {
    host = host.substr(0, host.find(']') + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  return IsLoopbackAddress(host + ":0");
}

std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A feed's parameters, checked: 400 naming the parameter, 404 for an area that is no unit.
struct FeedParameters {
  FeedRequest request;
  int status = 200;
  std::string error_code;
  std::string message;
};

FeedParameters ParseFeed(const httplib::Request& http, HttpCallIdentity identity) {
  FeedParameters p;
  auto fail = [&p](int status, const char* code, std::string message) {
    p.status = status;
    p.error_code = code;
    p.message = std::move(message);
    return p;
  };
  auto language = domain::text::ParseLanguage("lang", http.get_param_value("lang"));
  if (!language.ok())
    return fail(400, "INVALID_ARGUMENT", std::string(language.status().message()));
  p.request.language = *language;
  const std::string area = http.get_param_value("area");
  const std::string unit_set_name = http.get_param_value("unitSet");
  if (!area.empty()) {
    domain::areas::UnitSet unit_set =
        domain::areas::UnitSetInForceOn(absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()));
    if (!unit_set_name.empty()) {
      auto parsed = domain::areas::ParseUnitSet(unit_set_name);
      if (!parsed.ok()) {
        return fail(400, "INVALID_ARGUMENT", absl::StrCat("unitSet: ", parsed.status().message()));
      }
      unit_set = *parsed;
    }
    if (domain::areas::AreaCatalog::Reference(unit_set).Find(area) == nullptr) {
      return fail(404, "NOT_FOUND",
                  absl::StrCat("area: ", area, " không phải đơn vị hành chính của bộ ",
                               domain::areas::UnitSetName(unit_set), " / is not a unit of set ",
                               domain::areas::UnitSetName(unit_set)));
    }
    coop::v1::Area scope;
    scope.set_code(area);
    scope.set_unit_set(domain::areas::UnitSetName(unit_set));
    p.request.area = scope;
  } else if (!unit_set_name.empty()) {
    return fail(400, "INVALID_ARGUMENT", "unitSet: chỉ dùng cùng area / only with area");
  }
  uint64_t from = 0;
  const std::string last_id = http.get_header_value("Last-Event-ID");
  const std::string from_text = http.get_param_value("from");
  if (!last_id.empty()) {
    if (!absl::SimpleAtoi(last_id, &from) || from == UINT64_MAX) {
      return fail(400, "INVALID_ARGUMENT",
                  absl::StrCat("Last-Event-ID: phải là một vị trí trong nhật ký / must be a log "
                               "position, got '",
                               last_id, "'"));
    }
    from += 1;  // resume after the last event seen
  } else if (!from_text.empty()) {
    if (!absl::SimpleAtoi(from_text, &from) || from == 0) {
      return fail(400, "INVALID_ARGUMENT",
                  absl::StrCat("from: phải là một vị trí ≥ 1 / must be a position ≥ 1, got '",
                               from_text, "'"));
    }
  }
  p.request.from_position = from;
  p.request.identity = std::move(identity);
  return p;
}

}  // namespace

HttpFace::HttpFace(const HttpFaceOptions& options, std::shared_ptr<grpc::Channel> channel)
    : options_(options), channel_(channel), calls_(std::move(channel), options.call_deadline) {}

absl::StatusOr<std::unique_ptr<HttpFace>> HttpFace::Start(const HttpFaceOptions& options,
                                                          std::shared_ptr<grpc::Channel> channel) {
  auto address = SplitListen(options.listen);
  if (!address.ok()) return address.status();
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("HTTPS needs both --tls_cert and --tls_key, or neither");
  }
  const bool tls = !options.tls_cert.empty();
  const bool loopback = IsLoopbackAddress(options.listen);
  if (!loopback && options.open_mode) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--http_listen ", options.listen,
        ": không có tệp chủ thể thì chỉ phục vụ trên địa chỉ loopback / with no principals file "
        "(open mode) the HTTP face serves on a loopback address only; give --auth_config"));
  }
  if (!loopback && !tls) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--http_listen ", options.listen,
        ": ngoài loopback phải dùng HTTPS / off loopback the HTTP face needs TLS: give "
        "--tls_cert and --tls_key"));
  }
  std::unique_ptr<HttpFace> face(new HttpFace(options, std::move(channel)));
  face->tls_ = tls;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  face->threads_ = options.threads > 0 ? options.threads : std::max(16, 4 * cores);
  if (face->threads_ < 3) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_threads must be at least 3, got ", face->threads_));
  }
  face->max_feeds_ = options.max_feeds > 0 ? options.max_feeds : face->threads_ / 2;
  if (face->max_feeds_ > face->threads_ - 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--http_max_feeds (", face->max_feeds_, ") must leave at least 2 of the ", face->threads_,
        " HTTP threads to other requests: at most ", face->threads_ - 2));
  }
  if (tls) {
    face->tls_files_ = {options.tls_cert, options.tls_key};
    const TlsFiles* files = &face->tls_files_;
    auto server = std::make_unique<httplib::SSLServer>([files](SSL_CTX& context) {
      SSL_CTX_set_options(&context,
                          SSL_OP_NO_COMPRESSION | SSL_OP_NO_SESSION_RESUMPTION_ON_RENEGOTIATION);
      SSL_CTX_set_min_proto_version(&context, TLS1_2_VERSION);
      // Loaded once here so that a start with unusable files fails at once; then read again at
      // every handshake (UseCurrentCertificate).
      if (SSL_CTX_use_certificate_chain_file(&context, files->cert.c_str()) != 1 ||
          SSL_CTX_use_PrivateKey_file(&context, files->key.c_str(), SSL_FILETYPE_PEM) != 1 ||
          SSL_CTX_check_private_key(&context) != 1) {
        return false;
      }
      SSL_CTX_set_cert_cb(&context, UseCurrentCertificate, const_cast<TlsFiles*>(files));
      return true;
    });
    if (!server->is_valid()) {
      return absl::UnavailableError(
          absl::StrCat("HTTPS: cannot load ", options.tls_cert, " and ", options.tls_key));
    }
    face->server_ = std::move(server);
  } else {
    face->server_ = std::make_unique<httplib::Server>();
  }
  const std::filesystem::path dashboard(options.dashboard_dir);
  std::error_code error;
  face->serves_dashboard_ = !options.dashboard_dir.empty() &&
                            std::filesystem::is_regular_file(dashboard / "index.html", error);
  face->Route();
  const int threads = face->threads_;
  face->server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  face->server_->set_payload_max_length(options.max_body_bytes);
  face->server_->set_keep_alive_timeout(2);
  face->server_->set_read_timeout(10);
  face->server_->set_write_timeout(10);
  face->server_->set_default_headers(DefaultHeaders());
  const auto& [host, port] = *address;
  face->port_ = port == 0 ? face->server_->bind_to_any_port(host)
                          : (face->server_->bind_to_port(host, port) ? port : -1);
  if (face->port_ <= 0) {
    return absl::UnavailableError(absl::StrCat("--http_listen: cannot listen on ", options.listen));
  }
  face->listener_ = std::thread([s = face->server_.get()] { s->listen_after_bind(); });
  // httplib's stop() does nothing before the listener runs: Stop right after Start would wait
  // for ever. Serving is the start's end.
  for (int i = 0; i < 5000 && !face->server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return face;
}

HttpFace::~HttpFace() { Stop(); }

std::optional<HttpCallIdentity> HttpFace::IdentityOf(const httplib::Request& request,
                                                     httplib::Response& response) const {
  HttpCallIdentity identity;
  identity.authorization = request.get_header_value("Authorization");
  // gRPC takes printable ASCII only in metadata (anything else aborts the call's process): an
  // Authorization header with other bytes is no token of ours.
  for (const char c : identity.authorization) {
    if (c < 0x20 || c > 0x7e) {
      AnswerError(response, "UNAUTHENTICATED", 401,
                  "chưa xác thực / unauthenticated: the Authorization header is not 'Bearer "
                  "<token>' in printable ASCII");
      return std::nullopt;
    }
  }
  // A request id coopd would not use as it is is dropped, and coopd makes one.
  identity.request_id = request.get_header_value("X-Request-Id");
  if (!IsUsableRequestId(identity.request_id)) identity.request_id.clear();
  identity.relay_marker = options_.relay_marker;
  return identity;
}

void HttpFace::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
    for (LiveFeed* feed : feeds_) feed->Cancel();  // each writes its "end" and closes
    // Stopping the server ends every response at once, an "end" not yet written with it.
    mu_.AwaitWithTimeout(absl::Condition(
                             +[](std::set<LiveFeed*>* feeds) { return feeds->empty(); }, &feeds_),
                         kFeedsEndWait);
  }
  if (server_) server_->stop();
  if (listener_.joinable()) listener_.join();
}

void HttpFace::Route() {
  httplib::Server& s = *server_;
  // On loopback, a page of another site whose name was made to point at 127.0.0.1 (DNS
  // rebinding) would reach the face as "evil.example": only loopback names are served there.
  const bool loopback_names_only = IsLoopbackAddress(options_.listen);
  s.set_pre_routing_handler(
      [loopback_names_only](const httplib::Request& request, httplib::Response& response) {
        if (request.path.find('\0') != std::string::npos) {
          // "/index.html%00.js": httplib would open one file and type it as another.
          AnswerError(response, "INVALID_ARGUMENT", 400, "the path holds a NUL byte");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (!loopback_names_only || IsLoopbackHost(request.get_header_value("Host"))) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        AnswerError(
            response, "PERMISSION_DENIED", 403,
            absl::StrCat("tên máy không được phục vụ / host not served on loopback: '",
                         request.get_header_value("Host"), "'; use 127.0.0.1, [::1] or localhost"));
        return httplib::Server::HandlerResponse::Handled;
      });
  s.Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
    ServeCall(request, response);
  });
  s.Get(kFeedPath, [this](const httplib::Request& request, httplib::Response& response) {
    ServeFeed(request, response);
  });
  s.Get("/coop\\.v1\\..*", [](const httplib::Request& request, httplib::Response& response) {
    AnswerError(
        response, "METHOD_NOT_ALLOWED", 405,
        absl::StrCat("dùng POST với nội dung JSON / use POST with a JSON body: ", request.path));
  });
  if (serves_dashboard_) s.set_mount_point("/", options_.dashboard_dir);
  s.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& request, httplib::Response& response) {
        ServeError(request, response);
        return httplib::Server::HandlerResponse::Handled;
      }));
  if (options_.log != nullptr) {
    const base::JsonLog* log = options_.log;
    s.set_logger([log](const httplib::Request& request, const httplib::Response& response) {
      log->Debug("http", "yêu cầu HTTP / HTTP request",
                 {{"method", request.method},
                  {"path", request.path},
                  {"status", response.status},
                  {"remote", request.remote_addr},
                  {"request_id", response.get_header_value("X-Request-Id")}});
    });
  }
}

void HttpFace::ServeCall(const httplib::Request& request, httplib::Response& response) {
  if (!calls_.Serves(request.path)) {
    AnswerError(response, "NOT_FOUND", 404,
                absl::StrCat("không có phương thức này / no such method: ", request.path,
                             " (POST /coop.v1.Reporting/<Method> or "
                             "/coop.v1.EventStore/<read>)"));
    return;
  }
  std::optional<HttpCallIdentity> identity = IdentityOf(request, response);
  if (!identity.has_value()) return;
  HttpAnswer answer = calls_.Call(request.path, request.body, *identity);
  if (!answer.request_id.empty()) response.set_header("X-Request-Id", answer.request_id);
  response.set_header("Cache-Control", "no-store");
  Answer(response, answer.status, answer.body);
}

void HttpFace::ServeFeed(const httplib::Request& request, httplib::Response& response) {
  std::optional<HttpCallIdentity> identity = IdentityOf(request, response);
  if (!identity.has_value()) return;
  FeedParameters parameters = ParseFeed(request, *std::move(identity));
  if (parameters.status != 200) {
    AnswerError(response, parameters.error_code.c_str(), parameters.status, parameters.message);
    return;
  }
  if (open_feeds_.fetch_add(1) >= max_feeds_) {
    open_feeds_.fetch_sub(1);
    response.set_header("Retry-After", "5");
    AnswerError(response, "UNAVAILABLE", 503,
                absl::StrCat("đã đủ ", max_feeds_,
                             " luồng trực tiếp, thử lại sau / the live feeds are at their cap (",
                             max_feeds_, "); try again later"));
    return;
  }
  grpc::Status refusal;
  std::shared_ptr<LiveFeed> feed =
      LiveFeed::Open(channel_, std::move(parameters.request), kFeedFirstWait, &refusal);
  {
    absl::MutexLock lock(&mu_);
    if (feed != nullptr && stopping_) feed->Cancel();
    if (feed != nullptr) feeds_.insert(feed.get());
  }
  if (feed == nullptr) {
    open_feeds_.fetch_sub(1);
    const int status = HttpStatusFor(refusal.error_code());
    Answer(response, status, HttpErrorBody(refusal, status));
    return;
  }
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Accel-Buffering", "no");
  response.set_header("Connection", "close");  // the worker is free the moment the feed ends
  const absl::Duration keep_alive = options_.feed_keep_alive;
  response.set_chunked_content_provider(
      "text/event-stream",
      [feed, keep_alive, first = true](size_t, httplib::DataSink& sink) mutable {
        if (first) {
          first = false;
          // The client's reconnection delay; sent at once so the headers go out.
          static const std::string kRetry = "retry: 2000\n\n";
          return sink.write(kRetry.data(), kRetry.size());
        }
        std::optional<std::string> text = feed->Next(keep_alive);
        if (!text.has_value()) {
          sink.done();
          return true;
        }
        return text->empty() || sink.write(text->data(), text->size());
      },
      [this, feed](bool) {
        feed->Cancel();
        {
          absl::MutexLock lock(&mu_);
          feeds_.erase(feed.get());
        }
        open_feeds_.fetch_sub(1);
      });
}

void HttpFace::ServeError(const httplib::Request& request, httplib::Response& response) {
  if (!response.body.empty()) return;  // a handler's own answer
  if (response.status == 413) {
    AnswerError(response, "PAYLOAD_TOO_LARGE", 413,
                absl::StrCat("nội dung quá lớn / the body is larger than the limit of ",
                             options_.max_body_bytes, " bytes"));
    return;
  }
  const bool api = absl::StartsWith(request.path, kApiPrefix) || request.path == kFeedPath;
  const std::string last_segment = request.path.substr(request.path.rfind('/') + 1);
  const bool file_like = last_segment.find('.') != std::string::npos;
  if (response.status == 404 && request.method == "GET" && !api && !file_like &&
      serves_dashboard_) {
    // A page of the dashboard that is no file (a deep link such as /coop/…): the app itself.
    // A missing file (/assets/x.js) stays 404.
    response.status = 200;
    response.set_content(ReadWhole(std::filesystem::path(options_.dashboard_dir) / "index.html"),
                         "text/html; charset=utf-8");
    return;
  }
  if (response.status == 404) {
    AnswerError(response, "NOT_FOUND", 404, absl::StrCat("không có / not found: ", request.path));
    return;
  }
  AnswerError(response, "HTTP_ERROR", response.status,
              absl::StrCat("yêu cầu HTTP không hợp lệ / bad HTTP request (", response.status, ")"));
}

}  // namespace coop::services
