// CoopServer: assembles the gRPC server around the event store (opened through
// eventstore/store_factory.h: the embedded RocksDB log by default), with health
// checking and server reflection turned on, TLS if asked for, and every call of every coop.v1
// service admitted by the CallGate (services/call_gate.h). The `coopd` binary is a thin main around
// it; integration tests start it in-process on an ephemeral port.
//
// Thread-safety: Start, Shutdown and Wait may be called from different threads; Shutdown is
// idempotent.
#ifndef COOPLEDGER_SERVICES_SERVER_H_
#define COOPLEDGER_SERVICES_SERVER_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "backup/erasure_journal.h"
#include "backup/layout.h"
#include "backup/writer.h"
#include "base/json_log.h"
#include "commands/command_workers.h"
#include "eventstore/event_store.h"
#include "eventstore/store_factory.h"
#include "eventstore/store_options.h"
#include "projections/cooperative_registry_projection.h"
#include "projections/projection_set.h"
#include "projections/projection_store.h"
#include "services/admin_service.h"
#include "services/audit_service.h"
#include "services/call_gate.h"
#include "services/calls_in_flight.h"
#include "services/corrections_service.h"
#include "services/event_store_service.h"
#include "services/head_publisher.h"
#include "services/http_face.h"
#include "services/metrics.h"
#include "services/metrics_interceptor.h"
#include "services/people_service.h"
#include "services/planning_service.h"
#include "services/programs_service.h"
#include "services/registry_service.h"
#include "services/reporting_service.h"
#include "services/tree_head_signer.h"
#include "services/write_health.h"
#include "vault/access_log.h"
#include "vault/person_vault.h"

namespace coop::services {

struct ServerOptions {
  std::string data_dir = "data";
  // host:port; port 0 picks a free port (see CoopServer::port()).
  std::string listen = "127.0.0.1:50051";
  eventstore::StoreOptions store;
  // The person vault's master key file (32 raw bytes or 64 hex digits, mode 0600). Empty:
  // <data_dir>/master.key, created on first start. The vault itself is <data_dir>/people.
  std::string master_key_file;
  // The Ed25519 key that signs tree heads (PEM, mode 0600). Empty:
  // <data_dir>/tree-head-signing.pem, created on first start — which proves nothing against whoever
  // controls the data folder (docs/audit.md): keep it elsewhere where that matters.
  std::string signing_key_file;
  // Publish the signed tree head to this file (one JSON line each time; services/
  // head_publisher.h) at start, every publish_heads_every while the log grows, and at
  // shutdown. Empty: not published.
  std::string publish_heads_file;
  absl::Duration publish_heads_every = absl::Hours(1);
  // Threads that run commands (they wait on appends, never gRPC threads). A command holds its
  // thread while its append waits for the group commit's fsync, so this many commands at most
  // share one group commit: with 32 clients, 4 threads gave 2,400–2,500 commands/s and 32
  // threads 3,600–4,000 on the reference machine (coop-bench --mode commands,
  // docs/PERFORMANCE.md). Waiting threads cost no CPU.
  int command_threads = 32;
  // Threads that run queries of coop.v1.Reporting (they may wait for a projection).
  int query_threads = 2;
  // Queries that may wait for a query thread; more are RESOURCE_EXHAUSTED at once, so that
  // callers cannot pile up waits that freeze every query.
  size_t query_queue = 64;
  // How long a query with min_position waits for the projection before DEADLINE_EXCEEDED.
  absl::Duration reporting_max_wait = absl::Seconds(5);
  // Load the demo history (Cà Mau) into an empty log before reporting SERVING.
  bool demo = false;
  // The principals file (services/call_gate.h). Empty: open mode, the local admin, allowed on
  // a loopback address only (Start fails FAILED_PRECONDITION on any other).
  std::string auth_config;
  // TLS: the server's certificate chain and key (PEM files), both or neither; client_ca (PEM)
  // turns on client certificates (verified against it when presented; optional, so that token
  // clients connect without one).
  std::string tls_cert;
  std::string tls_key;
  std::string tls_client_ca;
  // The three TLS files are re-read this often; a renewed certificate serves new connections
  // without a restart (whole seconds, at least one).
  absl::Duration tls_reload_every = absl::Seconds(60);
  // With auth_config and no TLS, a non-loopback address is refused unless this is set.
  bool allow_plaintext = false;
  // Online backups (coop.v1.Admin, backup/writer.h) go here; empty: refused. Also holds the
  // erasure journal (backup/erasure_journal.h).
  std::string backup_dir;
  uint32_t backup_keep = 7;
  // Serve Prometheus metrics (services/metrics.h) over HTTP on this HOST:PORT (port 0: any
  // free port, see CoopServer::metrics_port()). Empty: no metrics, and no cost.
  std::string metrics_listen;
  // The HTTP face (services/http_face.h): off while http.listen is empty. Start fills in its
  // TLS files, open mode and log from the options above.
  HttpFaceOptions http;
  // Health goes NOT_SERVING when appends have waited this long with no durable write
  // completed (services/write_health.h), and SERVING again at the next.
  absl::Duration health_stall_after = absl::Seconds(10);
  // The server's structured log (base/json_log.h): start-up, loading progress, projections,
  // health changes, failed authentications, backups and one line per call (services/
  // request_log.h). May be null: silent.
  const base::JsonLog* log = nullptr;
  // What time it is for the server's date rules: "today" for the commands' dates (COMMON-01)
  // and for queries that default to today (area filters, OCOP validity, compliance). Empty:
  // the system clock. Tests set a fixed day.
  std::function<absl::Time()> clock;
  // False (coopd --projections off, for benchmarks only): no projection runs, so the store
  // serves alone; every read of a view is refused with FAILED_PRECONDITION naming the flag.
  // The recorder-scope checks of person and placement commands read the views too, so under
  // this flag they fail (or, on a folder that once ran projections, read rows left behind).
  // docs/PERFORMANCE.md compares commands with and without the projections this way.
  bool run_projections = true;
  // Live, a projection reads the log at most once per this interval, gathering the commits
  // between (coopd --projection_gather_ms; projections::RunnerOptions::live_read_interval).
  absl::Duration projection_live_read_interval =
      projections::RunnerOptions::kDefaultLiveReadInterval;
  // Events per page a projection reads and commits at once (projections::RunnerOptions).
  uint32_t projection_page_size = 2048;
  // While a projection catches up, one commit of its rows takes up to this many events
  // (projections/projection_runner.h, RunnerOptions::catch_up_commit_events).
  uint32_t projection_catch_up_commit_events =
      projections::RunnerOptions::kServerCatchUpCommitEvents;
  // Testing: opens the event store instead of eventstore::OpenEventStore (e.g. over a slow or
  // failing file system). Empty: OpenEventStore.
  eventstore::StoreOpener open_store;
  // Testing: called after each page a projection rebuild commits (see
  // projections::RunnerOptions::after_rebuild_page), so that a test can hold a rebuild open.
  std::function<void(uint64_t position)> after_projection_rebuild_page;
  // Testing: called before each page a projection reads (projections::RunnerOptions::
  // before_page), so that a test can hold a view behind the log.
  std::function<void(const std::string& projection, uint64_t from)> before_projection_page;
};

class CoopServer {
 public:
  // Opens the store, starts serving, and reports SERVING on the health service.
  static absl::StatusOr<std::unique_ptr<CoopServer>> Start(const ServerOptions& options);
  ~CoopServer();  // Shutdown()

  int port() const { return port_; }
  std::string address() const;
  // How callers are admitted, for the start line: e.g. "open: no authentication, every call is
  // local-admin (unauthenticated), loopback only" or "TLS, 3 principals (tokens, certificates)".
  std::string access_summary() const;
  CallGate& gate() { return *gate_; }
  eventstore::EventStore& store() { return *store_; }
  EventStoreService& event_store_service() { return *event_store_service_; }
  // Reporting queries on a query thread, and waiting for one (ServerOptions::query_queue
  // bounds those), now.
  size_t running_queries() const { return query_workers_->running(); }
  size_t queued_queries() const { return query_workers_->queued(); }
  // The HTTP face (null without --http_listen, and once Shutdown has begun).
  const HttpFace* http_face() const { return http_face_.get(); }
  // The port /metrics is served on (0 without --metrics_listen).
  int metrics_port() const { return metrics_endpoint_ ? metrics_endpoint_->port() : 0; }
  // The metrics (null without --metrics_listen).
  const ServerMetrics* metrics() const { return metrics_.get(); }

  // Health goes NOT_SERVING, subscriptions end, in-flight calls get up to `grace` to finish
  // (gRPC stops as soon as none is left, open client connections or not), then RocksDB
  // closes.
  void Shutdown(absl::Duration grace = absl::Seconds(5));
  // Blocks until Shutdown has completed.
  void Wait();

 private:
  CoopServer() = default;
  absl::Status LoadDemo(const base::JsonLog* log);
  LiveFigures LiveFiguresNow() const;
  // The health watch's thread: NOT_SERVING while writes are stalled (WriteHealth).
  void WatchHealth(const base::JsonLog* log);

  std::string host_;
  int port_ = 0;
  bool tls_ = false;
  std::unique_ptr<CallGate> gate_;
  std::unique_ptr<ServerMetrics> metrics_;  // before the store, which reports to them
  CallsInFlight calls_in_flight_;           // counted by an interceptor of server_
  std::unique_ptr<WriteHealth> write_health_;
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<EventStoreService> event_store_service_;
  std::unique_ptr<commands::CommandWorkers> command_workers_;
  std::unique_ptr<RegistryService> registry_service_;
  std::unique_ptr<CorrectionsService> corrections_service_;
  std::unique_ptr<ProgramsService> programs_service_;
  std::unique_ptr<PlanningService> planning_service_;
  std::unique_ptr<vault::PersonVault> person_vault_;
  std::unique_ptr<vault::PersonAccessLog> access_log_;  // <data_dir>/people-access
  std::unique_ptr<PeopleService> people_service_;
  // Projections (<data_dir>/projections): the store, then the registry view and its runner.
  std::unique_ptr<projections::ProjectionStore> projection_store_;
  std::unique_ptr<projections::ProjectionSet> projections_;
  std::unique_ptr<commands::CommandWorkers> query_workers_;
  std::unique_ptr<ReportingService> reporting_service_;
  std::unique_ptr<TreeHeadSigner> tree_head_signer_;
  std::unique_ptr<AuditService> audit_service_;
  std::unique_ptr<HeadPublisher> head_publisher_;
  std::unique_ptr<backup::ErasureJournal> erasure_journal_;  // with a backup_dir
  std::unique_ptr<backup::BackupWriter> backup_writer_;      // with a backup_dir
  std::unique_ptr<AdminService> admin_service_;
  std::unique_ptr<MetricsEndpoint> metrics_endpoint_;
  std::unique_ptr<HttpFace> http_face_;
  std::unique_ptr<grpc::Server> server_;
  absl::Mutex mu_;
  bool shut_down_ ABSL_GUARDED_BY(mu_) = false;  // Shutdown has begun
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;    // Shutdown has completed
  bool watching_health_ ABSL_GUARDED_BY(mu_) = true;
  std::atomic<bool> serving_{true};  // what the health service says (after Start)
  std::thread health_watch_;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_SERVER_H_
