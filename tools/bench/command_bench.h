// coop-bench --mode commands: commands per second through the command services of a running
// coopd, as agencies record them — every command decided against its cooperative's history,
// its events appended, its reply sent:
//   1. with --demo_import, against an empty coopd: the demo history of Cà Mau (~15,000
//      commands) applied as coopd --demo applies it (waves, 64 in flight), timed;
//   2. --clients clients (default 32) for --seconds: each registers a cooperative of its own,
//      then admits members to it four times, over and over (one command in five registers).
// Prints commands/s, latency and the server's CPU (with --server_pid).
#ifndef COOPLEDGER_TOOLS_BENCH_COMMAND_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_COMMAND_BENCH_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Prints the figures; returns the exit code.
int RunCommandBench(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_COMMAND_BENCH_H_
