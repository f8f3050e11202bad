// One writer of the compare mode: appends single events through an AppendConnection to random
// streams of its own share, with EXACT expected versions it tracks locally (advanced when an
// append is sent, so pipelined appends to one stream chain), keeping `depth` appends in
// flight: once half of them are acknowledged, it sends the other half as one burst, so that
// a pipelined connection writes them together. A stream whose append failed is not written again
// (its version is unknown); a connection that fails ends the writer. Latency is from Send to the
// outcome.
#ifndef COOPLEDGER_TOOLS_BENCH_PIPELINED_WORKER_H_
#define COOPLEDGER_TOOLS_BENCH_PIPELINED_WORKER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tools/bench/append_connection.h"
#include "tools/bench/measure_window.h"
#include "tools/bench/random_data.h"
#include "tools/bench/run_result.h"

namespace coop::bench {

struct PipelinedWorkerConfig {
  int index = 0;         // this writer, in [0, writers)
  int writers = 1;       // streams n with n % writers == index belong to this writer
  uint64_t streams = 1;  // streams of the run: bench-<run_id>-0 .. streams-1
  std::string run_id;
  int depth = 1;  // appends in flight (1 for a unary connection)
  int payload_min = 300;
  int payload_max = 300;
};

class PipelinedWorker {
 public:
  PipelinedWorker(PipelinedWorkerConfig config, std::unique_ptr<AppendConnection> connection,
                  const MeasureWindow* window);

  // Appends until the window stops, then receives what is in flight.
  void Run();
  const WorkerStats& stats() const { return stats_; }

 private:
  enum class Sent { kOne, kNoStreamLeft, kConnectionLost };
  // Sends one append to a random stream whose appends have all succeeded so far; with
  // `more_follow`, the connection may hold it back until the next.
  Sent SendOne(bool more_follow);

  PipelinedWorkerConfig config_;
  std::unique_ptr<AppendConnection> connection_;
  const MeasureWindow* window_;
  Rng rng_;
  std::vector<int64_t> versions_;  // per local stream; -1 = failed, not written again
  size_t failed_streams_ = 0;
  struct InFlight {
    size_t local;
    MeasureWindow::Clock::time_point sent;
  };
  std::vector<InFlight> in_flight_;  // a ring of `depth` slots
  size_t head_ = 0;                  // the oldest
  size_t count_ = 0;
  SingleAppend append_;
  WorkerStats stats_;
};

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_PIPELINED_WORKER_H_
