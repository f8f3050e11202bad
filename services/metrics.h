// ServerMetrics: what coopd exports for Prometheus (--metrics_listen; docs/operations.md,
// "Metrics"). Three kinds of source:
//   - the store's writes, as they happen (it is the store's StoreObserver): append and commit
//     latency histograms, group-commit sizes, appends by result;
//   - every finished RPC (OnCallFinished, from the server's interceptor, metrics_interceptor.h):
//     results by method and status code, refusals by rule id, authentication failures;
//   - figures read at each scrape (SetLiveFigures): the log's head and size, WAL syncs, RocksDB
//     stall time, each projection's position and lag, subscribers and fell-behind messages.
// Everything is named coop_*; counters end in _total. Label values are bounded sets: method
// names, status code names, rule ids of the rule table, projection names.
//
// Thread-safe: the store's threads, gRPC's threads and the scraper's threads call in at once.
#ifndef COOPLEDGER_SERVICES_METRICS_H_
#define COOPLEDGER_SERVICES_METRICS_H_

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "eventstore/store_observer.h"
#include "prometheus/collectable.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/histogram.h"
#include "prometheus/metric_family.h"
#include "prometheus/registry.h"

namespace prometheus {
class Exposer;
}  // namespace prometheus

namespace coop::services {

// The figures read at a scrape.
struct LiveFigures {
  uint64_t log_head = 0;
  uint64_t log_table_bytes = 0;
  uint64_t wal_syncs = 0;
  uint64_t commits = 0;
  uint64_t stall_micros = 0;
  struct Projection {
    std::string name;
    uint64_t position = 0;
    uint64_t lag = 0;
  };
  std::vector<Projection> projections;
  uint64_t subscribers = 0;
  uint64_t fell_behind = 0;
  bool serving = true;             // what the health service says now
  int64_t last_backup_micros = 0;  // when the newest kept backup was taken (0: none, or none kept)
};

class ServerMetrics final : public eventstore::StoreObserver {
 public:
  ServerMetrics();
  ~ServerMetrics() override;

  // StoreObserver.
  void OnCommit(size_t appends, size_t events, absl::Duration write, bool ok) override;
  void OnAppendDone(absl::Duration in_store, bool committed) override;

  // A call of `method` ("/coop.v1.Registry/RegisterCooperative") finished with `status`.
  void OnCallFinished(const std::string& method, const grpc::Status& status);

  // Read at each scrape (may be called before the sources exist: nothing is read then).
  void SetLiveFigures(std::function<LiveFigures()> read);

  // The exposition in Prometheus' text format (what /metrics serves).
  std::string Text() const;
  std::shared_ptr<prometheus::Registry> registry() const { return registry_; }
  std::shared_ptr<prometheus::Collectable> live_collectable() const;

 private:
  class Live;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<Live> live_;
  prometheus::Histogram* append_seconds_;
  prometheus::Histogram* commit_seconds_;
  prometheus::Histogram* commit_events_;
  prometheus::Histogram* commit_appends_;
  prometheus::Counter* appends_committed_;
  prometheus::Counter* appends_rejected_;
  prometheus::Counter* commits_failed_;
  prometheus::Family<prometheus::Counter>* calls_;
  prometheus::Family<prometheus::Counter>* refusals_;
  prometheus::Counter* authentication_failures_;
};

// The HTTP endpoint serving /metrics (prometheus-cpp's Exposer). Owns nothing else.
class MetricsEndpoint {
 public:
  // Serves `metrics` on `address` (HOST:PORT; port 0 picks one). UNAVAILABLE if it cannot bind.
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(const std::string& address,
                                                                const ServerMetrics& metrics);
  ~MetricsEndpoint();
  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;
  std::unique_ptr<prometheus::Exposer> exposer_;
  int port_ = 0;
};

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_METRICS_H_
