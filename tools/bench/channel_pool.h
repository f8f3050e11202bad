// gRPC channels to the server: each one its own HTTP/2 connection, and a readiness probe.
#ifndef COOPLEDGER_TOOLS_BENCH_CHANNEL_POOL_H_
#define COOPLEDGER_TOOLS_BENCH_CHANNEL_POOL_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/eventstore.pb.h"
#include "tools/bench/options.h"

namespace coop::bench {

// `count` channels to `target`. Each has distinct channel args and a local subchannel pool,
// so gRPC does not share one TCP connection among them.
// `count` channels to options.server, over TLS with the token if the options say so.
std::vector<std::shared_ptr<grpc::Channel>> MakeChannels(const BenchOptions& options, int count);

// Channels needed for `clients` clients at `per_channel` clients each.
int ChannelsFor(int clients, int per_channel);

// Waits up to `timeout_ms` for the server and asks for its LogInfo (head, durability).
absl::StatusOr<coop::v1::LogInfo> ProbeServer(const std::shared_ptr<grpc::Channel>& channel,
                                              int timeout_ms);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_CHANNEL_POOL_H_
