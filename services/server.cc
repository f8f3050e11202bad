#include "services/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "backup/catalog.h"
#include "commands/live_decision_context.h"
#include "eventstore/store_factory.h"
#include "projections/standard_projections.h"
#include "services/demo_loader.h"
#include "services/erasure_replay.h"
#include "services/request_log.h"
#include "vault/master_key.h"

namespace coop::services {
namespace {

absl::StatusOr<std::string> ReadPemFile(const char* flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat(flag, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  if (text.str().find("-----BEGIN ") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": ", path, " holds no PEM block"));
  }
  return text.str();
}

// The transport: TLS from the PEM files, or plaintext. Refuses what would expose the server:
// open mode off loopback, plaintext off loopback without --allow_plaintext.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> TransportFor(
    const ServerOptions& options) {
  const bool loopback = IsLoopbackAddress(options.listen);
  if (options.auth_config.empty() && !loopback) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--listen ", options.listen,
        " is not a loopback address: coopd runs open (no "
        "authentication) only on loopback; give --auth_config (docs/administration.md)"));
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError("--tls_cert and --tls_key go together");
  }
  if (options.tls_cert.empty()) {
    if (!options.tls_client_ca.empty()) {
      return absl::InvalidArgumentError("--tls_client_ca needs --tls_cert and --tls_key");
    }
    if (!loopback && !options.allow_plaintext) {
      return absl::FailedPreconditionError(
          absl::StrCat("--listen ", options.listen,
                       " is not a loopback address: serve TLS (--tls_cert, "
                       "--tls_key) or ask for plaintext explicitly (--allow_plaintext)"));
    }
    return grpc::InsecureServerCredentials();
  }
  auto cert = ReadPemFile("--tls_cert", options.tls_cert);
  if (!cert.ok()) return cert.status();
  auto key = ReadPemFile("--tls_key", options.tls_key);
  if (!key.ok()) return key.status();
  // The files are read (above: a missing or empty one fails the start) and then watched:
  // a renewed certificate, key or client CA serves new connections within
  // tls_reload_every, without a restart. A half-written pair (a certificate that does not
  // match the key) is skipped until it matches; the previous pair serves meanwhile.
  if (!options.tls_client_ca.empty()) {
    if (auto ca = ReadPemFile("--tls_client_ca", options.tls_client_ca); !ca.ok()) {
      return ca.status();
    }
  }
  const auto reload_seconds = static_cast<unsigned int>(
      std::max<int64_t>(1, absl::ToInt64Seconds(options.tls_reload_every)));
  auto files = std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      options.tls_key, options.tls_cert, options.tls_client_ca, reload_seconds);
  grpc::experimental::TlsServerCredentialsOptions tls(files);
  tls.watch_identity_key_cert_pairs();
  if (options.tls_client_ca.empty()) {
    tls.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  } else {
    tls.watch_root_certs();
    // Optional, so that token clients connect without one; verified when presented.
    tls.set_cert_request_type(GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY);
  }
  return grpc::experimental::TlsServerCredentials(tls);
}

// The projections are derived from the log: a damaged projection store is set aside (kept for
// inspection, never read again) and a new one rebuilt from the log.
absl::StatusOr<std::unique_ptr<projections::ProjectionStore>> OpenOrSetAsideProjections(
    const std::string& dir, const base::JsonLog* log) {
  auto store = projections::ProjectionStore::Open(dir);
  if (!absl::IsDataLoss(store.status())) return store;
  const std::string aside = absl::StrCat(
      dir, ".damaged-", absl::FormatTime("%Y%m%dT%H%M%S", absl::Now(), absl::UTCTimeZone()));
  std::error_code ec;
  std::filesystem::rename(dir, aside, ec);
  if (ec) {
    return absl::DataLossError(absl::StrCat(store.status().message(), "; setting it aside as ",
                                            aside, " failed: ", ec.message()));
  }
  if (log != nullptr) {
    log->Error("projections",
               "kho phép chiếu bị hỏng, đã để sang một bên và dựng lại từ sổ sự kiện / the "
               "projection store is damaged: set aside, every projection is rebuilt from the log",
               {{"set_aside_as", aside}, {"error", store.status().message()}});
  }
  return projections::ProjectionStore::Open(dir);
}

// The calls' counter, the request log's interceptor (it settles the request id), then the
// metrics' if any.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
CallInterceptors(CallsInFlight* calls, const base::JsonLog* log, ServerMetrics* metrics) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(calls->Interceptors());
  creators.push_back(RequestLogInterceptors(log));
  if (metrics != nullptr) {
    for (auto& creator : MetricsInterceptors(metrics)) creators.push_back(std::move(creator));
  }
  return creators;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CoopServer>> CoopServer::Start(const ServerOptions& options) {
  std::unique_ptr<CoopServer> server(new CoopServer());
  auto transport = TransportFor(options);
  if (!transport.ok()) return transport.status();
  server->tls_ = !options.tls_cert.empty();
  auto gate = CallGate::Open({.auth_config = options.auth_config, .log = options.log});
  if (!gate.ok()) return gate.status();
  server->gate_ = std::move(*gate);
  const CallGate* g = server->gate_.get();
  // Metrics first: the store reports its writes to them from its first append.
  eventstore::StoreOptions store_options = options.store;
  if (!options.metrics_listen.empty()) server->metrics_ = std::make_unique<ServerMetrics>();
  server->write_health_ =
      std::make_unique<WriteHealth>(options.health_stall_after, server->metrics_.get());
  store_options.observer = server->write_health_.get();
  auto store = options.open_store ? options.open_store(options.data_dir, store_options)
                                  : eventstore::OpenEventStore(options.data_dir, store_options);
  if (absl::IsDataLoss(store.status())) {
    // Never serve from a damaged log: say which file, and what to do.
    return absl::DataLossError(absl::StrCat(
        store.status().message(),
        "\n  Sổ sự kiện bị hỏng: không khởi động để khỏi phục vụ dữ liệu sai. Hãy khôi phục từ "
        "bản sao lưu (coopd restore-backup, docs/operations.md) vào một thư mục mới; đừng tự xoá "
        "tệp.\n  The event log is damaged: coopd does not start rather than serve wrong data. "
        "Restore the latest backup (coopd restore-backup, docs/operations.md) into a new folder; "
        "do not delete files by hand."));
  }
  if (!store.ok()) return store.status();
  server->store_ = std::move(*store);
  // Personal data lives apart from the log, in its own RocksDB folder (vault/).
  const std::string own_key_file = options.data_dir + "/master.key";
  bool key_created = false;
  auto master_key = options.master_key_file.empty()
                        ? vault::LoadOrCreateMasterKey(own_key_file, &key_created)
                        : vault::LoadMasterKey(options.master_key_file);
  if (!master_key.ok()) return master_key.status();
  if (key_created && options.log) {
    options.log->Warning("vault",
                         "đã tạo khóa chính của kho người (chế độ 0600); hãy giữ một bản ngoài thư "
                         "mục dữ liệu / created the person vault's master key (mode 0600); keep a "
                         "copy apart from the data folder",
                         {{"file", own_key_file}});
  }
  // Tree heads are signed with a key of the server's (services/tree_head_signer.h).
  const std::string own_signing_key = options.data_dir + "/tree-head-signing.pem";
  bool signing_key_created = false;
  auto signer = TreeHeadSigner::Open(
      options.signing_key_file.empty() ? own_signing_key : options.signing_key_file,
      /*create_if_missing=*/options.signing_key_file.empty(), &signing_key_created);
  if (!signer.ok()) return signer.status();
  server->tree_head_signer_ = std::move(*signer);
  if (options.log) {
    if (signing_key_created) {
      options.log->Info("heads",
                        "đã tạo khóa ký đầu cây (chế độ 0600) / created the tree-head signing key "
                        "(mode 0600)",
                        {{"file", own_signing_key}});
    }
    options.log->Info("heads",
                      "đầu cây được ký bằng khóa Ed25519 / tree heads are signed with Ed25519",
                      {{"key", server->tree_head_signer_->public_key().Fingerprint()}});
  }
  auto vault = vault::PersonVault::Open(options.data_dir + "/people", *master_key);
  if (!vault.ok()) return vault.status();
  server->person_vault_ = std::move(*vault);
  if (!options.backup_dir.empty()) {
    auto journal = backup::ErasureJournal::Open(backup::ErasureJournalPath(options.backup_dir));
    if (!journal.ok()) return journal.status();
    server->erasure_journal_ = std::move(*journal);
  }
  // Erasure is permanent: every erasure of the log is applied to the vault before anything is
  // served, whatever copy of the vault this is (services/erasure_replay.h).
  if (auto replayed = ReapplyErasures(server->store_.get(), server->person_vault_.get(),
                                      options.log, server->erasure_journal_.get());
      !replayed.ok()) {
    return replayed.status();
  }
  auto access_log = vault::PersonAccessLog::Open(options.data_dir + "/people-access");
  if (!access_log.ok()) return access_log.status();
  server->access_log_ = std::move(*access_log);
  // Projections live in their own database. Their runners start before the demo is loaded
  // (if asked for) and follow it live, so the views are current once SERVING.
  auto projection_store = OpenOrSetAsideProjections(options.data_dir + "/projections", options.log);
  if (!projection_store.ok()) return projection_store.status();
  server->projection_store_ = std::move(*projection_store);
  projections::RunnerOptions runner_options;
  runner_options.log = options.log;  // "projection X resumes after position N"
  runner_options.page_size = options.projection_page_size;
  runner_options.live_read_interval = options.projection_live_read_interval;
  runner_options.catch_up_commit_events = options.projection_catch_up_commit_events;
  runner_options.after_rebuild_page = options.after_projection_rebuild_page;
  runner_options.before_page = options.before_projection_page;
  server->projections_ = std::make_unique<projections::ProjectionSet>(
      server->store_.get(), server->projection_store_.get(), runner_options);
  if (options.run_projections) projections::AddStandardProjections(*server->projections_);
  if (auto st = server->projections_->StartAll(); !st.ok()) return st;
  server->query_workers_ =
      std::make_unique<commands::CommandWorkers>(options.query_threads, options.query_queue);
  const std::function<absl::Time()> now =
      options.clock ? options.clock : std::function<absl::Time()>([] { return absl::Now(); });
  const std::function<domain::DecisionContext()> decision_context = [now] {
    return commands::LiveDecisionContext(now());
  };
  server->reporting_service_ = std::make_unique<ReportingService>(
      server->store_.get(), server->projection_store_.get(), server->projections_.get(), g,
      server->query_workers_.get(), options.reporting_max_wait, now, server->person_vault_.get());
  server->event_store_service_ = std::make_unique<EventStoreService>(server->store_.get(), g);
  server->command_workers_ = std::make_unique<commands::CommandWorkers>(options.command_threads);
  server->registry_service_ = std::make_unique<RegistryService>(
      server->store_.get(), g, server->command_workers_.get(), decision_context);
  server->programs_service_ = std::make_unique<ProgramsService>(
      server->store_.get(), g, server->command_workers_.get(), decision_context,
      server->person_vault_.get(), server->projection_store_.get(), server->projections_.get());
  server->planning_service_ = std::make_unique<PlanningService>(
      server->store_.get(), g, server->command_workers_.get(), decision_context);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen, *transport, &server->port_);
  builder.RegisterService(server->event_store_service_.get());
  builder.RegisterService(server->registry_service_.get());
  server->corrections_service_ = std::make_unique<CorrectionsService>(
      server->store_.get(), g, server->command_workers_.get(), decision_context);
  builder.RegisterService(server->corrections_service_.get());
  builder.RegisterService(server->programs_service_.get());
  builder.RegisterService(server->planning_service_.get());
  server->people_service_ = std::make_unique<PeopleService>(
      server->person_vault_.get(), server->access_log_.get(), server->projection_store_.get(),
      server->projections_.get(), g, server->command_workers_.get(), server->store_.get(),
      decision_context, now, server->erasure_journal_.get());
  builder.RegisterService(server->people_service_.get());
  builder.RegisterService(server->reporting_service_.get());
  server->audit_service_ = std::make_unique<AuditService>(
      server->store_.get(), server->tree_head_signer_.get(), g, server->query_workers_.get());
  builder.RegisterService(server->audit_service_.get());
  if (!options.backup_dir.empty()) {
    backup::BackupSources sources{
        .data_dir = options.data_dir,
        .log = server->store_.get(),
        .projections = server->projection_store_.get(),
        .vault = server->person_vault_.get(),
        .access_log = server->access_log_.get(),
        .master_key_file = options.master_key_file.empty() ? own_key_file : options.master_key_file,
        .signing_key_file =
            options.signing_key_file.empty() ? own_signing_key : options.signing_key_file};
    const base::JsonLog* log = options.log;
    server->backup_writer_ = std::make_unique<backup::BackupWriter>(
        std::move(sources), backup::BackupWriterOptions{.backup_dir = options.backup_dir,
                                                        .keep = options.backup_keep,
                                                        .progress =
                                                            [log](absl::string_view line) {
                                                              if (log != nullptr)
                                                                log->Info("backup", line);
                                                            },
                                                        .clock = options.clock});
  }
  server->admin_service_ = std::make_unique<AdminService>(
      server->backup_writer_.get(), *master_key, g,
      CompactedStores{server->store_.get(), server->projection_store_.get()});
  builder.RegisterService(server->admin_service_.get());
  // Every RPC parses its own request (services/parsed_request.h), or coopd does not start.
  std::vector<std::string> unparsed;
  for (auto rpcs :
       {server->event_store_service_->RpcsNotParsedHere(),
        server->registry_service_->RpcsNotParsedHere(),
        server->corrections_service_->RpcsNotParsedHere(),
        server->programs_service_->RpcsNotParsedHere(),
        server->planning_service_->RpcsNotParsedHere(),
        server->people_service_->RpcsNotParsedHere(),
        server->reporting_service_->RpcsNotParsedHere(),
        server->audit_service_->RpcsNotParsedHere(), server->admin_service_->RpcsNotParsedHere()}) {
    unparsed.insert(unparsed.end(), rpcs.begin(), rpcs.end());
  }
  if (!unparsed.empty()) {
    return absl::InternalError(absl::StrCat("these RPCs do not parse their own requests: ",
                                            absl::StrJoin(unparsed, ", ")));
  }
  // gRPC's own limit sits just above the store's, so an oversized append gets the store's
  // error naming the limit rather than gRPC's generic one.
  const auto& limits = options.store.limits;
  builder.SetMaxReceiveMessageSize(static_cast<int>(limits.max_append_bytes + (1 << 20)));
  // Replies may be larger than any one event: the nation's statistics in the unit set not in
  // force, with every commune the 2025 reform split listed as unassigned, are 3.4 MB.
  builder.SetMaxSendMessageSize(
      static_cast<int>(std::max<uint64_t>(limits.max_payload_bytes + (1 << 20), 64 << 20)));
  // Every call: its request id (x-request-id, from the client or made here) and a log line at
  // its end (services/request_log.h); with --metrics_listen, its result counted.
  builder.experimental().SetInterceptorCreators(
      CallInterceptors(&server->calls_in_flight_, options.log, server->metrics_.get()));
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", options.listen));
  }
  server->host_ = options.listen.substr(0, options.listen.rfind(':'));
  // Health is NOT_SERVING until the demo, if asked for, is loaded.
  server->server_->GetHealthCheckService()->SetServingStatus(false);
  if (options.demo && server->store_->GetLogInfo().head_position() == 0) {
    if (auto st = server->LoadDemo(options.log); !st.ok()) return st;
  }
  if (!options.publish_heads_file.empty()) {
    auto publisher = HeadPublisher::Start(
        server->store_.get(), server->tree_head_signer_.get(),
        {options.publish_heads_file, options.publish_heads_every, options.log});
    if (!publisher.ok()) return publisher.status();
    server->head_publisher_ = *std::move(publisher);
  }
  if (server->metrics_ != nullptr) {
    CoopServer* s = server.get();
    server->metrics_->SetLiveFigures([s] { return s->LiveFiguresNow(); });
    auto endpoint = MetricsEndpoint::Start(options.metrics_listen, *server->metrics_);
    if (!endpoint.ok()) return endpoint.status();
    server->metrics_endpoint_ = std::move(*endpoint);
  }
  if (!options.http.listen.empty()) {
    HttpFaceOptions http = options.http;
    http.tls_cert = options.tls_cert;
    http.tls_key = options.tls_key;
    http.open_mode = server->gate_->open();
    http.log = options.log;
    http.relay_marker = server->gate_->RelayMarker();
    grpc::ChannelArguments channel_args;
    channel_args.SetMaxReceiveMessageSize(64 << 20);  // as the server's largest reply
    auto face = HttpFace::Start(http, server->server_->InProcessChannel(channel_args));
    if (!face.ok()) return face.status();
    server->http_face_ = std::move(*face);
  }
  server->server_->GetHealthCheckService()->SetServingStatus(true);
  server->health_watch_ =
      std::thread([s = server.get(), log = options.log] { s->WatchHealth(log); });
  return server;
}

CoopServer::~CoopServer() { Shutdown(); }

void CoopServer::WatchHealth(const base::JsonLog* log) {
  bool serving = true;
  absl::MutexLock lock(&mu_);
  while (watching_health_) {
    mu_.AwaitWithTimeout(absl::Condition(
                             +[](bool* watching) { return !*watching; }, &watching_health_),
                         absl::Milliseconds(250));
    if (!watching_health_) break;
    const absl::Time now = absl::Now();
    const bool stalled = write_health_->Stalled(now);
    if (stalled == !serving) continue;
    serving = !stalled;
    serving_ = serving;
    server_->GetHealthCheckService()->SetServingStatus(serving);
    if (log == nullptr) continue;
    if (serving) {
      log->Info("health", "SERVING: một lần ghi đã xong / a durable write completed again");
    } else {
      log->Error("health",
                 "NOT_SERVING: các lần ghi đang chờ mà đĩa chưa ghi xong (đĩa đầy, hỏng hay rất "
                 "chậm?) / appends are waiting without a durable write (a full, failing or very "
                 "slow disk?)",
                 {{"waited_seconds", absl::ToDoubleSeconds(write_health_->Waited(now))}});
    }
  }
}

LiveFigures CoopServer::LiveFiguresNow() const {
  LiveFigures figures;
  const coop::v1::LogInfo log = store_->GetLogInfo();
  figures.log_head = log.head_position();
  figures.log_table_bytes = log.table_bytes();
  figures.wal_syncs = log.writes().wal_syncs();
  figures.commits = log.writes().commits();
  figures.stall_micros = log.writes().stall_micros();
  for (const auto& status : projections_->Statuses()) {
    figures.projections.push_back({status.name, status.position, status.lag});
  }
  figures.subscribers = event_store_service_->subscriptions().size();
  figures.fell_behind = event_store_service_->subscriptions().fell_behind();
  figures.serving = serving_.load();
  if (backup_writer_ != nullptr) {
    // A backup being removed by retention meanwhile is an error here: the figure is left out.
    if (auto kept = backup::ListBackups(backup_writer_->backup_dir());
        kept.ok() && !kept->empty()) {
      figures.last_backup_micros = kept->back().created_at_micros();
    }
  }
  return figures;
}

absl::Status CoopServer::LoadDemo(const base::JsonLog* log) {
  const auto commands = demo::CaMauDemoHistory();
  if (log) {
    log->Info("demo", "đang nạp lịch sử mẫu / loading the demo history",
              {{"commands", commands.size()}});
  }
  int last_percent = -1;
  auto status = ApplyDemo(server_.get(), gate_->InternalAuthorization(), commands,
                          [&](size_t done, size_t total) {
                            const int percent = static_cast<int>(done * 100 / total);
                            if (log && percent / 10 != last_percent / 10) {
                              log->Info("demo", "đang nạp lịch sử mẫu / loading the demo history",
                                        {{"percent", percent}, {"done", done}, {"total", total}});
                            }
                            last_percent = percent;
                          });
  if (status.ok() && log) {
    log->Info("demo", "đã nạp lịch sử mẫu / demo history loaded",
              {{"head_position", store_->GetLogInfo().head_position()}});
  }
  return status;
}

std::string CoopServer::address() const { return absl::StrCat(host_, ":", port_); }

std::string CoopServer::access_summary() const {
  const char* transport = tls_ ? "TLS" : "plaintext";
  if (gate_->open()) {
    return absl::StrCat(transport, ", open: no authentication, every call is ",
                        access::LocalAdmin().name,
                        ", loopback only (docs/administration.md "
                        "turns authentication on)");
  }
  return absl::StrCat(transport, ", authentication on: ", gate_->active_principals(),
                      " principal(s) (bearer tokens, client certificates)");
}

void CoopServer::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&mu_);
    if (shut_down_) {
      mu_.Await(absl::Condition(&stopped_));  // another caller is shutting down
      return;
    }
    shut_down_ = true;
  }
  {
    absl::MutexLock lock(&mu_);
    watching_health_ = false;
  }
  if (health_watch_.joinable()) health_watch_.join();
  // The scraper reads the stores, and the HTTP face's calls and feeds are gRPC calls: they go
  // first (each live feed gets its "end" message).
  metrics_endpoint_.reset();
  http_face_.reset();
  if (metrics_) metrics_->SetLiveFigures(nullptr);
  if (server_) {
    serving_ = false;
    server_->GetHealthCheckService()->SetServingStatus(false);
    event_store_service_->Shutdown();
    reporting_service_->Shutdown();  // queries waiting for a projection end now
    people_service_->Shutdown();     // so do person checks waiting for the views
    programs_service_->Shutdown();
    admin_service_->Shutdown();  // a backup running stops (CANCELLED), keeping nothing
    // The calls in flight finish (up to the grace); then gRPC stops at once, rather than wait
    // out the grace for clients that merely keep a connection open.
    const absl::Time deadline = absl::Now() + grace;
    calls_in_flight_.WaitUntilNone(deadline);
    server_->Shutdown(absl::ToChronoTime(std::min(deadline, absl::Now())));
    server_->Wait();
  }
  // Commands still queued run to the end (the store is still open) and finish their calls.
  if (command_workers_) command_workers_->Stop();
  if (head_publisher_) head_publisher_->Stop();  // the last head, after the last command
  // The runner stops before the event store closes (waiting queries then end UNAVAILABLE);
  // queued queries finish before the projection store closes.
  if (projections_) projections_->StopAll();
  if (query_workers_) query_workers_->Stop();
  if (projection_store_) projection_store_->Close();
  if (store_) store_->Close();
  if (person_vault_) person_vault_->Close();
  if (access_log_) access_log_->Close();
  absl::MutexLock lock(&mu_);
  stopped_ = true;
}

void CoopServer::Wait() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(&stopped_));
}

}  // namespace coop::services
