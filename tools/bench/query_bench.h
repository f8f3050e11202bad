// The queries mode: latency and throughput of coop.v1.Reporting's reads against a coopd whose
// projections are live (e.g. on the national-scale log of tools/scale).
#ifndef COOPLEDGER_TOOLS_BENCH_QUERY_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_QUERY_BENCH_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Samples ids and areas, then runs each query kind for options.seconds with options.clients
// callers, printing a block per kind and a markdown table at the end. Returns the process
// exit code: 0, 1 if the server could not be queried or a kind had no successful call.
int RunQueryBench(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_QUERY_BENCH_H_
