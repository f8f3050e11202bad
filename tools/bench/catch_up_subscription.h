// The catch-up mode: how fast one client reads the log through a subscription. It subscribes
// from position 1 (no filter), reads every event until the server says it has caught up (or
// --seconds pass), and prints events/s, payload MiB/s, the time to catch up and, with
// --server_pid, the server's CPU. The stretch figure: ≥ 300,000 events/s.
#ifndef COOPLEDGER_TOOLS_BENCH_CATCH_UP_SUBSCRIPTION_H_
#define COOPLEDGER_TOOLS_BENCH_CATCH_UP_SUBSCRIPTION_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Returns 0 after printing the figures, 1 if the server could not be reached or the
// subscription failed.
int RunCatchUpSubscription(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_CATCH_UP_SUBSCRIPTION_H_
