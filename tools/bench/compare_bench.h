// The compare mode: the same workload against coopd, PostgreSQL and Redis Streams, in one run
// on one machine, so the ratios between them are the figure (absolute rates drift with the
// shared machine's mood). See --help and tools/bench/compare, which starts the servers.
#ifndef COOPLEDGER_TOOLS_BENCH_COMPARE_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_COMPARE_BENCH_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Prints the table and the floors of issue 14; 0 if every cell ran without errors.
int RunCompare(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_COMPARE_BENCH_H_
