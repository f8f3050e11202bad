// CallGate: who is calling coopd, and may they do this? Every handler of every coop.v1
// service asks it first (gRPC health stays open for probes); a call it refuses runs nothing.
//
// Two modes:
//   - open (no --auth_config; coopd allows it on loopback addresses only): every call is the
//     local admin "local-admin (unauthenticated)" (access::LocalAdmin), and the actor and
//     agency a command records are the caller's x-coop-actor / x-coop-agency headers;
//   - authenticated (--auth_config FILE): each call presents a bearer token
//     ("authorization: Bearer coop_…") or a client certificate (TLS with --tls_client_ca),
//     mapped to a principal of the file (access/auth_config.h). A token over plaintext is
//     accepted only from a loopback peer. The principal's name and agency are what its
//     commands record; an x-coop-actor / x-coop-agency header that claims otherwise is
//     refused.
// coopd's own calls (the demo loader, over its in-process channel) carry InternalAuthorization():
// a bearer token made at random when the gate opens, held only in memory, never logged, and
// admitted as the local admin in both modes. The calls coopd's HTTP face makes for its callers
// (services/http_face.h, over the in-process channel too) carry the caller's own credentials and
// the relay marker (kRelayHeader: RelayMarker(), another such random secret): the HTTP face has
// already required TLS or a loopback peer, so the gate takes the transport as it does a
// loopback peer's, and authenticates the caller's token as any other.
//
// Errors (grpc status codes; none is worth retrying unchanged):
//   UNAUTHENTICATED   no credentials, an unknown or revoked token, an unmapped certificate,
//                     a token over plaintext from a remote peer;
//   PERMISSION_DENIED the principal's role lacks the permission (access/principal.h), or a
//                     header claims another actor or agency.
// Failed authentications are counted and logged (peer and reason, never the token).
//
// The principals file is re-read when it changes (checked every 200 ms) and on
// RequestReload() (coopd calls it on SIGHUP): an added or revoked principal takes effect for
// the next call. A file that fails to load keeps the previous principals (and is logged).
//
// Thread-safe: Admit is called from gRPC threads concurrently; it does no I/O.
#ifndef COOPLEDGER_SERVICES_CALL_GATE_H_
#define COOPLEDGER_SERVICES_CALL_GATE_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "access/auth_config.h"
#include "access/principal.h"
#include "base/json_log.h"

namespace coop::services {

struct CallGateOptions {
  // The principals file; empty: open mode.
  std::string auth_config;
  // Where failed authentications and reloads are logged (may be null).
  const base::JsonLog* log = nullptr;
};

class CallGate {
 public:
  // Loads the principals file (if any) and starts watching it. The file's errors
  // (access/auth_config.h) fail the start.
  static absl::StatusOr<std::unique_ptr<CallGate>> Open(const CallGateOptions& options);
  ~CallGate();  // stops the watcher

  // The caller's principal if it may have `permission`; the errors above otherwise.
  absl::StatusOr<std::shared_ptr<const access::Principal>> Admit(
      const grpc::ServerContextBase& context, access::Permission permission) const;

  bool open() const { return options_.auth_config.empty(); }
  // The authorization header value of coopd's own in-process calls (see above). Never log it.
  std::string InternalAuthorization() const { return "Bearer " + internal_token_; }
  // The metadata entry, and its value, that mark a call relayed by coopd's HTTP face. Never log
  // the value.
  static constexpr char kRelayHeader[] = "x-coop-relay";
  std::string RelayMarker() const { return relay_marker_; }
  // Failed authentications since the start.
  uint64_t failed_authentications() const { return failed_.load(); }
  // Principals loaded (not revoked); 0 in open mode.
  size_t active_principals() const;

  // Re-reads the principals file now (what the watcher does on a change).
  absl::Status Reload();
  // Asks the watcher to re-read the file soon. Async-signal-safe: for a SIGHUP handler.
  void RequestReload() { reload_requested_.store(true); }

 private:
  explicit CallGate(CallGateOptions options) : options_(std::move(options)) {}
  absl::StatusOr<std::shared_ptr<const access::Principal>> Authenticate(
      const grpc::ServerContextBase& context) const;
  absl::Status Refuse(const grpc::ServerContextBase& context, std::string reason) const;
  bool IsInternal(const std::string& authorization) const;
  bool IsRelayed(const grpc::ServerContextBase& context) const;
  void Watch();

  const CallGateOptions options_;
  std::string internal_token_;  // set once by Open, then read-only
  std::string relay_marker_;    // the same
  mutable absl::Mutex mu_;
  std::shared_ptr<const access::AuthConfig> config_ ABSL_GUARDED_BY(mu_);
  mutable std::atomic<uint64_t> failed_{0};
  std::atomic<bool> reload_requested_{false};
  absl::Mutex watch_mu_;
  bool stopping_ ABSL_GUARDED_BY(watch_mu_) = false;
  std::thread watcher_;
};

// The value of a call's metadata entry `key` ("" if absent).
std::string CallMetadata(const grpc::ServerContextBase& context, const char* key);

// For unary handlers: the caller's principal, or null after finishing `reactor` with the
// refusal.
std::shared_ptr<const access::Principal> AdmitOrFinish(const CallGate& gate,
                                                       grpc::CallbackServerContext* context,
                                                       grpc::ServerUnaryReactor* reactor,
                                                       access::Permission permission);

// Whether a listen address ("127.0.0.1:50051", "localhost:0", "[::1]:50051") is loopback.
bool IsLoopbackAddress(const std::string& listen);
// Whether a gRPC peer ("ipv4:127.0.0.1:4242", "ipv6:[::1]:4242") is on this machine.
bool IsLoopbackPeer(const std::string& peer);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_CALL_GATE_H_
