// The rebuild mode: how fast a starting coopd builds its projections from the log. It only
// watches (coop.v1.Reporting.GetProjectionStatus); start coopd without a projections folder
// first.
#ifndef COOPLEDGER_TOOLS_BENCH_REBUILD_WATCH_H_
#define COOPLEDGER_TOOLS_BENCH_REBUILD_WATCH_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Polls every options.poll_seconds until every projection has reached the log head or
// options.seconds have passed, printing progress; then a table of each projection's time to
// the head and events/s (or, if it ran out of time, its rate so far and a projection), the
// server's peak RSS and CPU. Returns 0 if every projection reached the head, 1 otherwise.
int RunRebuildWatch(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_REBUILD_WATCH_H_
