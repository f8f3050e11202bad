// coop-bench --mode audit: what the auditors' Merkle tree costs and how fast its answers are,
// measured in process on the RocksDB event store itself (no gRPC, so the figures are the
// store's):
//   1. append throughput with and without the tree, durable (fsync per group commit), side by
//      side in one run and alternated (with, without, with, without) so the machine's noise
//      shows: single-event appends from --clients threads, and batches of 100 from 4 threads;
//      and the bytes each event costs on disk with and without the tree;
//   2. a log of --events events (default 3,000,000; filled with batches of 1,000, relaxed),
//      then the latency (p50/p99/max) of a signed tree head of a random past size, of an
//      inclusion proof of a random position in the whole tree, and of a consistency proof from
//      a random older size to the whole tree, each as the Audit service computes it.
// Everything lives in temporary folders under --dir, removed at the end.
#ifndef COOPLEDGER_TOOLS_BENCH_AUDIT_BENCH_H_
#define COOPLEDGER_TOOLS_BENCH_AUDIT_BENCH_H_

#include "tools/bench/options.h"

namespace coop::bench {

// Prints the figures; returns the exit code.
int RunAuditBench(const BenchOptions& options);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_AUDIT_BENCH_H_
