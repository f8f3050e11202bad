// HttpFace: coopd's HTTP face (--http_listen), for browsers and for tools that speak no gRPC:
//
//   POST /coop.v1.<Service>/<Method>   the reads as JSON (services/http_json_call.h)
//   GET  /feed?area=&unitSet=&lang=&from=
//                                      a live feed as Server-Sent Events (services/http_feed.h);
//                                      Last-Event-ID (the last id seen) resumes at the next
//                                      position and wins over `from`
//   GET  /…                            the dashboard's files (tools/dashboard), index.html for
//                                      "/" and for any other path without a file
//
// The same rules as gRPC, because every request becomes a call over coopd's in-process
// channel: credentials ("Authorization: Bearer coop_…"), roles, validation, the request log
// (X-Request-Id is passed on and sent back) and the metrics. Served over HTTPS with the
// server's certificate, or plaintext on a loopback address only; with no principals file
// (open mode), on loopback only, as gRPC. Errors: services/http_status.h.
//
// Threads: a pool of `threads` workers; a live feed holds one for as long as it is open, so
// feeds are capped below the pool (`max_feeds`; 503 beyond), and the other workers always serve
// the reads. An idle keep-alive connection gives its worker back after 2 s.
//
// Thread-safety: Start, Stop and the accessors may be called from any thread; Stop is
// idempotent and ends the live feeds (each gets its "end" message) before the server stops.
#ifndef COOPLEDGER_SERVICES_HTTP_FACE_H_
#define COOPLEDGER_SERVICES_HTTP_FACE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/json_log.h"
#include "services/http_feed.h"
#include "services/http_json_call.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace coop::services {

// The HTTPS certificate chain and key files (PEM).
struct TlsFiles {
  std::string cert;
  std::string key;
};

struct HttpFaceOptions {
  std::string listen;  // HOST:PORT; port 0 picks a free port (see HttpFace::port())
  // HTTPS with this certificate chain and key (PEM); needed off loopback. Read again at every
  // TLS handshake: a renewed pair serves new connections without a restart.
  std::string tls_cert;
  std::string tls_key;
  // coopd has no principals file: every caller is the local admin, so loopback only.
  bool open_mode = true;
  int threads = 0;    // 0: 16, or 4 per core where that is more
  int max_feeds = 0;  // 0: half the threads; at most threads - 2
  size_t max_body_bytes = 1 << 20;
  absl::Duration call_deadline = absl::Seconds(30);
  // A feed writes at least this often (a keep-alive), so a closed client is noticed and its
  // place given back within it.
  absl::Duration feed_keep_alive = absl::Seconds(5);
  // The dashboard's built files (index.html, assets/); empty or missing: none served.
  std::string dashboard_dir;
  const base::JsonLog* log = nullptr;  // may be null
  // CallGate::RelayMarker(), sent with every call the face makes (never log it).
  std::string relay_marker;
};

class HttpFace {
 public:
  // Listens and serves on a thread of its own. INVALID_ARGUMENT for bad options,
  // FAILED_PRECONDITION for a plaintext or open-mode address off loopback, UNAVAILABLE when it
  // cannot listen or load the TLS files.
  static absl::StatusOr<std::unique_ptr<HttpFace>> Start(const HttpFaceOptions& options,
                                                         std::shared_ptr<grpc::Channel> channel);
  ~HttpFace();  // Stop()

  // Ends every open feed (each writes its "end" event; waits up to kFeedsEndWait for them),
  // then stops serving. Idempotent.
  void Stop();
  static constexpr absl::Duration kFeedsEndWait = absl::Seconds(2);
  int port() const { return port_; }
  bool tls() const { return tls_; }
  int threads() const { return threads_; }
  int max_feeds() const { return max_feeds_; }
  int open_feeds() const { return open_feeds_.load(); }
  // Whether dashboard files are served (the folder had an index.html).
  bool serves_dashboard() const { return serves_dashboard_; }

 private:
  HttpFace(const HttpFaceOptions& options, std::shared_ptr<grpc::Channel> channel);
  void Route();
  void ServeCall(const httplib::Request& request, httplib::Response& response);
  void ServeFeed(const httplib::Request& request, httplib::Response& response);
  void ServeError(const httplib::Request& request, httplib::Response& response);
  // The caller's credentials and request id; nullopt after answering 401 for an Authorization
  // header gRPC could not carry.
  std::optional<HttpCallIdentity> IdentityOf(const httplib::Request& request,
                                             httplib::Response& response) const;

  const HttpFaceOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  JsonCalls calls_;
  TlsFiles tls_files_;  // read by the TLS handshakes: outlives server_
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
  bool tls_ = false;
  int threads_ = 0;
  int max_feeds_ = 0;
  bool serves_dashboard_ = false;
  std::atomic<int> open_feeds_{0};

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::set<LiveFeed*> feeds_ ABSL_GUARDED_BY(mu_);  // open, for Stop to end
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_HTTP_FACE_H_
