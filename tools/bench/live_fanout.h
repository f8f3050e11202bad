// The fanout mode: how soon live subscribers see an append. --clients subscribers (100 unless
// told) follow the end of the log, filtered to a stream prefix of this run; 16 writers append
// single events at --rate events/s in all (5,000 unless told) for --seconds, each event
// carrying the steady-clock time just before its Append was sent (client and server on one
// machine). Prints the latency from that moment to each subscriber's receipt (p50/p99/p99.9
// over every subscriber and event), the appends' own latency beside it, and the server's CPU
// with --server_pid. The stretch figure: p99 ≤ 5 ms with 100 subscribers at 5,000/s.
#ifndef COOPLEDGER_TOOLS_BENCH_LIVE_FANOUT_H_
#define COOPLEDGER_TOOLS_BENCH_LIVE_FANOUT_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Returns 0 after printing the figures, 1 if the server could not be reached, a subscription
// failed or an append failed.
int RunLiveFanout(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_LIVE_FANOUT_H_
