// The baseline: synced RocksDB WriteBatch writes with no gRPC and no event store, in a
// temporary database that is deleted afterwards.
#ifndef COOPLEDGER_TOOLS_BENCH_ROCKSDB_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_ROCKSDB_BENCH_H_

#include "absl/status/statusor.h"
#include "tools/bench/options.h"
#include "tools/bench/run_result.h"

namespace coop::bench {

// `threads` threads each writing WriteBatches of `batch` values (options.value_bytes random
// bytes each) with WriteOptions.sync = true, for options.warmup_seconds then `seconds`, into
// a new database under options.dir.
absl::StatusOr<RunResult> RunRocksDbBench(const BenchOptions& options, int threads, int batch,
                                          double seconds);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_ROCKSDB_BENCH_H_
