// A quick look at the disk: the latency of small appends each followed by fdatasync, in a
// temporary file. This VM's fsync latency flips between modes (about 0.2 ms and about 4 ms)
// with the neighbours' I/O, so each result carries the probe taken just before it.
#ifndef COOPLEDGER_TOOLS_BENCH_FSYNC_PROBE_H_
#define COOPLEDGER_TOOLS_BENCH_FSYNC_PROBE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"

namespace coop::bench {

// Median latency in nanoseconds of `count` appends of `bytes` bytes, each fdatasync'ed, to a
// new file under `dir` (deleted afterwards).
absl::StatusOr<uint64_t> ProbeFsyncNanos(const std::string& dir, int count = 30, int bytes = 200);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_FSYNC_PROBE_H_
