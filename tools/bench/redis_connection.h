// AppendConnections to Redis Streams: XADD of one entry to the stream's key, with no version
// check (Redis has none). Durable only when the server runs with appendonly yes and
// appendfsync always, which PrepareRedis checks. Pipelined connections queue XADDs with
// hiredis and read the replies in order.
#ifndef COOPLEDGER_TOOLS_BENCH_REDIS_CONNECTION_H_
#define COOPLEDGER_TOOLS_BENCH_REDIS_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tools/bench/append_connection.h"

namespace coop::bench {

// `address` is HOST:PORT. FAILED_PRECONDITION naming the setting unless every write is
// fsynced before its reply.
absl::Status PrepareRedis(const std::string& address);

absl::StatusOr<std::unique_ptr<AppendConnection>> RedisConnection(const std::string& address,
                                                                  bool pipelined);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_REDIS_CONNECTION_H_
