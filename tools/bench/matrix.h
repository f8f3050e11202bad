// The matrix the project reports: appends of single events and of batches at several client
// counts, the raw-RocksDB baseline, a markdown table and the ratios between them.
#ifndef COOPLEDGER_TOOLS_BENCH_MATRIX_H_
#define COOPLEDGER_TOOLS_BENCH_MATRIX_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Runs every cell for options.seconds, printing each result as it finishes and the table
// at the end. If the server is unreachable, the gRPC cells are skipped and the baseline still
// runs. Returns the process exit code: 0, or 1 if a cell could not run.
int RunMatrix(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_MATRIX_H_
