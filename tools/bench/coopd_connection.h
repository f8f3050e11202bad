// AppendConnections to coopd: unary EventStore/Append, or one EventStore/AppendSession call
// per connection (pipelined). Events are of type bench.v1.Appended, opaque to coopd.
//
// And a connection that appends nothing: each "append" is one grpc.health.v1.Health/Check
// call, a unary call whose handler does no work, so that the same writers measure the most
// unary calls a second this machine carries, client and server together: the ceiling of any
// unary append.
#ifndef COOPLEDGER_TOOLS_BENCH_COOPD_CONNECTION_H_
#define COOPLEDGER_TOOLS_BENCH_COOPD_CONNECTION_H_

#include <grpcpp/channel.h>

#include <memory>

#include "tools/bench/append_connection.h"

namespace coop::bench {

std::unique_ptr<AppendConnection> CoopdUnaryConnection(std::shared_ptr<grpc::Channel> channel,
                                                       int timeout_ms);
// Appends sent back to back (Send with more_follow) go out up to `appends_per_message` to one
// AppendSessionRequest (`appends`); 1 sends each in its own message.
std::unique_ptr<AppendConnection> CoopdSessionConnection(std::shared_ptr<grpc::Channel> channel,
                                                         int appends_per_message);
// Unary only: Receive makes one Health/Check call and drops the append.
std::unique_ptr<AppendConnection> CoopdBareCallConnection(std::shared_ptr<grpc::Channel> channel,
                                                          int timeout_ms);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_COOPD_CONNECTION_H_
