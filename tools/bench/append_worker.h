// One bench client: a thread appending to its own share of the run's streams with EXACT
// expected versions it tracks locally, so appends never conflict. After a failure whose
// outcome is unknown (e.g. a deadline) it re-reads the stream's version with GetStreamInfo.
#ifndef COOPLEDGER_TOOLS_BENCH_APPEND_WORKER_H_
#define COOPLEDGER_TOOLS_BENCH_APPEND_WORKER_H_

#include <grpcpp/channel.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "coop/v1/eventstore.grpc.pb.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/random_data.h"
#include "tools/bench/run_result.h"

namespace coop::bench {

struct WorkerConfig {
  int index = 0;         // this client, in [0, clients)
  int clients = 1;       // streams n with n % clients == index belong to this client
  uint64_t streams = 1;  // streams of the run: bench-<run_id>-0 .. streams-1
  int batch = 1;         // events per Append
  std::string run_id;
  int payload_min = 100;
  int payload_max = 200;
  int timeout_ms = 30'000;
};

class AppendWorker {
 public:
  AppendWorker(WorkerConfig config, std::shared_ptr<grpc::Channel> channel,
               const MeasureWindow* window);

  // Appends until the window stops.
  void Run();
  const WorkerStats& stats() const { return stats_; }

 private:
  std::string StreamId(size_t local) const;
  // Fills request_ for the client's local stream number `local`.
  void PrepareRequest(size_t local);
  // Re-reads the version of local stream `local`; false if that failed.
  bool Resync(size_t local);
  void SetDeadline(grpc::ClientContext* context) const;

  WorkerConfig config_;
  std::unique_ptr<coop::v1::EventStore::Stub> stub_;
  const MeasureWindow* window_;
  Rng rng_;
  std::vector<int64_t> versions_;  // per local stream; -1 = unknown, re-read before use
  coop::v1::AppendRequest request_;
  coop::v1::AppendResponse response_;
  WorkerStats stats_;
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_APPEND_WORKER_H_
