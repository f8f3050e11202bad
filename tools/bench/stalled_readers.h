// The stalled mode: what readers that stop reading cost a coopd. It appends 256 events of
// --payload_max bytes (1 MiB unless told) to a stream of its own, opens --clients (300 unless
// told) subscriptions from the first of them that never read a message, waits --seconds, and
// prints the server's resident memory before and after and per stalled subscriber, with
// --server_pid. A slow client must cost bounded memory (services/subscription.h): about one
// page, not every event it has not read.
#ifndef COOPLEDGER_TOOLS_BENCH_STALLED_READERS_H_
#define COOPLEDGER_TOOLS_BENCH_STALLED_READERS_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Returns 0 after printing the figures, 1 if the server could not be reached or appended to.
int RunStalledReaders(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_STALLED_READERS_H_
