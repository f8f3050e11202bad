// The gRPC modes: N clients appending to a running server, single events or batches.
#ifndef COOPLEDGER_TOOLS_BENCH_APPEND_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_APPEND_BENCH_H_

#include "absl/status/statusor.h"
#include "tools/bench/options.h"
#include "tools/bench/run_result.h"

namespace coop::bench {

// Runs `clients` clients appending `batch` events per Append for options.warmup_seconds,
// then measures for `seconds`. Streams, server, payload sizes and timeouts come from
// `options`. Fails only if the server cannot be reached before the run.
absl::StatusOr<RunResult> RunAppendBench(const BenchOptions& options, int clients, int batch,
                                         double seconds);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_APPEND_BENCH_H_
