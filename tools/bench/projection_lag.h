// How far coopd's projections are behind the log when a benchmark stops writing, and how long
// they then take to reach its head: the lag half of issue 14's "appends with all projections
// live" (the other half is the rate, against coopd --projections off).
// Thread-safe: each call makes its own stub and contexts.
#ifndef COOPLEDGER_TOOLS_BENCH_PROJECTION_LAG_H_
#define COOPLEDGER_TOOLS_BENCH_PROJECTION_LAG_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>

namespace coop::bench {

// Call right after the last write. Reads the log head and every projection's position, then
// polls (every 10 ms, at most `timeout_seconds`) until each has applied the head. Returns a
// line for the report, e.g. "projections: when the writing stopped the slowest
// (annual_statistics) was 812 events behind; all 6 reached the head 0.05 s later"; a projection
// that failed or stopped is named at once; "projections:
// none runs (coopd --projections off)" when the server runs none.
std::string ProjectionLagAtEnd(const std::shared_ptr<grpc::Channel>& channel,
                               double timeout_seconds = 60);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_PROJECTION_LAG_H_
