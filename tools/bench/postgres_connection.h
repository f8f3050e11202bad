// AppendConnections to PostgreSQL, the event store people build on a relational database: one
// table of events with a unique (stream_id, version) — the exact expected version is the
// unique key refusing a second event at the same version — and a unique event id, each
// append its own transaction under synchronous_commit. Pipelined connections use libpq's
// pipeline mode with a sync (a commit) after every append.
#ifndef COOPLEDGER_TOOLS_BENCH_POSTGRES_CONNECTION_H_
#define COOPLEDGER_TOOLS_BENCH_POSTGRES_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "tools/bench/append_connection.h"

namespace coop::bench {

// Creates the events table afresh (dropping one left by an earlier run) and checks that the
// server commits synchronously with fsync on; FAILED_PRECONDITION naming the setting if not.
absl::Status PreparePostgres(const std::string& conninfo);

absl::StatusOr<std::unique_ptr<AppendConnection>> PostgresConnection(const std::string& conninfo,
                                                                     bool pipelined);

// WAL syncs so far (pg_stat_wal.wal_sync), for the events-per-sync figure.
absl::StatusOr<uint64_t> PostgresWalSyncs(const std::string& conninfo);

}  // namespace coop::bench

#endif  // COOPLEDGER_TOOLS_BENCH_POSTGRES_CONNECTION_H_
