#include "services/metrics.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"
#include "prometheus/text_serializer.h"
#include "services/call_outcome.h"

namespace coop::services {
namespace {

// 0.25 ms to 16 s, doubling.
prometheus::Histogram::BucketBoundaries Seconds() {
  prometheus::Histogram::BucketBoundaries bounds;
  for (double b = 0.00025; b <= 16.0; b *= 2) bounds.push_back(b);
  return bounds;
}

// 1 to 4096, doubling.
prometheus::Histogram::BucketBoundaries Sizes() {
  prometheus::Histogram::BucketBoundaries bounds;
  for (double b = 1; b <= 4096; b *= 2) bounds.push_back(b);
  return bounds;
}

prometheus::MetricFamily Family(const std::string& name, const std::string& help,
                                prometheus::MetricType type) {
  prometheus::MetricFamily family;
  family.name = name;
  family.help = help;
  family.type = type;
  return family;
}

void AddValue(prometheus::MetricFamily* family, double value,
              std::vector<prometheus::ClientMetric::Label> labels = {}) {
  prometheus::ClientMetric metric;
  metric.label = std::move(labels);
  if (family->type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family->metric.push_back(std::move(metric));
}

// Binds a socket to HOST:PORT and lets it go: the port (the one chosen for 0), or UNAVAILABLE
// saying why the address cannot be served.
absl::StatusOr<int> FreePortAt(const std::string& address) {
  const size_t colon = address.rfind(':');
  std::string host = address.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port = address.substr(colon + 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found) != 0 ||
      found == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("--metrics_listen ", address, ": not an address of this machine"));
  }
  const int fd = ::socket(found->ai_family, SOCK_STREAM, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const bool bound = fd >= 0 && ::bind(fd, found->ai_addr, found->ai_addrlen) == 0;
  const int error = errno;
  int chosen = 0;
  sockaddr_storage local{};
  socklen_t length = sizeof local;
  if (bound && ::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) == 0) {
    chosen = ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&local)->sin6_port
                                               : reinterpret_cast<sockaddr_in*>(&local)->sin_port);
  }
  if (fd >= 0) ::close(fd);
  freeaddrinfo(found);
  if (!bound) {
    return absl::UnavailableError(absl::StrCat(
        "--metrics_listen ", address, ": cannot serve metrics there: ", std::strerror(error)));
  }
  return chosen;
}

}  // namespace

// The figures read at each scrape.
class ServerMetrics::Live final : public prometheus::Collectable {
 public:
  void Set(std::function<LiveFigures()> read) {
    absl::MutexLock lock(&mu_);
    read_ = std::move(read);
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    LiveFigures figures;
    {
      absl::MutexLock lock(&mu_);
      if (!read_) return {};
      figures = read_();
    }
    using prometheus::MetricType;
    std::vector<prometheus::MetricFamily> out;
    auto gauge = [&](const std::string& name, const std::string& help, double value) {
      out.push_back(Family(name, help, MetricType::Gauge));
      AddValue(&out.back(), value);
    };
    auto counter = [&](const std::string& name, const std::string& help, double value) {
      out.push_back(Family(name, help, MetricType::Counter));
      AddValue(&out.back(), value);
    };
    gauge("coop_log_head_position", "The log's last committed position.", figures.log_head);
    gauge("coop_log_table_bytes", "The log's tables on disk, without the write-ahead log.",
          figures.log_table_bytes);
    counter("coop_wal_syncs_total", "Fsyncs of the log's write-ahead log since the start.",
            figures.wal_syncs);
    counter("coop_group_commits_total", "Group commits written since the start.", figures.commits);
    counter("coop_rocksdb_stall_seconds_total",
            "Time RocksDB stalled or slowed the log's writes since the start.",
            figures.stall_micros / 1e6);
    out.push_back(Family("coop_projection_position", "The last log position a projection applied.",
                         MetricType::Gauge));
    for (const auto& p : figures.projections) {
      AddValue(&out.back(), p.position, {{"projection", p.name}});
    }
    out.push_back(Family("coop_projection_lag_events",
                         "Events between a projection's position and the log's head.",
                         MetricType::Gauge));
    for (const auto& p : figures.projections) {
      AddValue(&out.back(), p.lag, {{"projection", p.name}});
    }
    gauge("coop_subscribers", "Subscriptions open now.", figures.subscribers);
    if (figures.last_backup_micros > 0) {
      gauge("coop_backup_last_success_timestamp_seconds",
            "When the newest backup kept under --backup_dir was taken (Unix seconds).",
            figures.last_backup_micros / 1e6);
    }
    gauge("coop_serving", "1 while the health service says SERVING, 0 while NOT_SERVING.",
          figures.serving ? 1 : 0);
    counter("coop_subscription_fell_behind_total",
            "fell_behind messages sent to subscribers since the start.", figures.fell_behind);
    return out;
  }

 private:
  mutable absl::Mutex mu_;
  std::function<LiveFigures()> read_ ABSL_GUARDED_BY(mu_);
};

ServerMetrics::ServerMetrics()
    : registry_(std::make_shared<prometheus::Registry>()), live_(std::make_shared<Live>()) {
  auto& append = prometheus::BuildHistogram()
                     .Name("coop_append_duration_seconds")
                     .Help(
                         "Time an append spent in the store, from queued to completed "
                         "(its group commit's fsync included).")
                     .Register(*registry_);
  append_seconds_ = &append.Add({}, Seconds());
  auto& commit = prometheus::BuildHistogram()
                     .Name("coop_commit_duration_seconds")
                     .Help("Time a group commit's write took, its fsync included.")
                     .Register(*registry_);
  commit_seconds_ = &commit.Add({}, Seconds());
  auto& events = prometheus::BuildHistogram()
                     .Name("coop_commit_batch_events")
                     .Help("Events written by one group commit.")
                     .Register(*registry_);
  commit_events_ = &events.Add({}, Sizes());
  auto& appends = prometheus::BuildHistogram()
                      .Name("coop_commit_batch_appends")
                      .Help("Appends completed by one group commit.")
                      .Register(*registry_);
  commit_appends_ = &appends.Add({}, Sizes());
  auto& results = prometheus::BuildCounter()
                      .Name("coop_appends_total")
                      .Help("Appends completed by the store, by result.")
                      .Register(*registry_);
  appends_committed_ = &results.Add({{"result", "committed"}});
  appends_rejected_ = &results.Add({{"result", "rejected"}});
  commits_failed_ =
      &prometheus::BuildCounter()
           .Name("coop_commit_failures_total")
           .Help("Group commits whose write failed (a full disk, or a fault that stops the store).")
           .Register(*registry_)
           .Add({});
  calls_ = &prometheus::BuildCounter()
                .Name("coop_rpc_results_total")
                .Help("Finished RPCs by method and status code.")
                .Register(*registry_);
  refusals_ = &prometheus::BuildCounter()
                   .Name("coop_rule_refusals_total")
                   .Help("Calls refused naming a rule of the rule table, by rule id and code.")
                   .Register(*registry_);
  authentication_failures_ = &prometheus::BuildCounter()
                                  .Name("coop_authentication_failures_total")
                                  .Help("Calls refused UNAUTHENTICATED.")
                                  .Register(*registry_)
                                  .Add({});
}

ServerMetrics::~ServerMetrics() = default;

void ServerMetrics::OnCommit(size_t appends, size_t events, absl::Duration write, bool ok) {
  commit_seconds_->Observe(absl::ToDoubleSeconds(write));
  commit_events_->Observe(static_cast<double>(events));
  commit_appends_->Observe(static_cast<double>(appends));
  if (!ok) commits_failed_->Increment();
}

void ServerMetrics::OnAppendDone(absl::Duration in_store, bool committed) {
  append_seconds_->Observe(absl::ToDoubleSeconds(in_store));
  (committed ? appends_committed_ : appends_rejected_)->Increment();
}

void ServerMetrics::OnCallFinished(const std::string& method, const grpc::Status& status) {
  const std::string code = StatusCodeName(status.error_code());
  calls_->Add({{"method", method}, {"code", code}}).Increment();
  if (status.ok()) return;
  if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) {
    authentication_failures_->Increment();
  }
  const std::string rule = RuleIdOf(status.error_message());
  if (!rule.empty()) refusals_->Add({{"rule", rule}, {"code", code}}).Increment();
}

std::shared_ptr<prometheus::Collectable> ServerMetrics::live_collectable() const { return live_; }

void ServerMetrics::SetLiveFigures(std::function<LiveFigures()> read) {
  live_->Set(std::move(read));
}

std::string ServerMetrics::Text() const {
  auto families = registry_->Collect();
  auto live = live_->Collect();
  families.insert(families.end(), live.begin(), live.end());
  return prometheus::TextSerializer().Serialize(families);
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    const std::string& address, const ServerMetrics& metrics) {
  // prometheus-cpp's server throws when it cannot bind; the address is tried here first (and a
  // port 0 chosen), so that a taken or unknown address is a clear error, not an exception.
  auto port = FreePortAt(address);
  if (!port.ok()) return port.status();
  const std::string host = address.substr(0, address.rfind(':'));
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->exposer_ =
      std::make_unique<prometheus::Exposer>(absl::StrCat(host, ":", *port), /*num_threads=*/2);
  endpoint->exposer_->RegisterCollectable(metrics.registry());
  endpoint->exposer_->RegisterCollectable(metrics.live_collectable());
  const auto ports = endpoint->exposer_->GetListeningPorts();
  endpoint->port_ = ports.empty() ? 0 : ports.front();
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() = default;

}  // namespace coop::services
