// Waiting until coopd's projections have applied the whole log, so that what is read from them
// next is the state of the log's head. Queries could pass min_position instead, but a dump
// asks thousands of them, and a rebuild (Reporting.RebuildProjection) would answer from the
// old rows meanwhile; this waits once, for every projection, until each is live at the head.
// Thread-safe (each call uses its own stubs).
#ifndef COOPLEDGER_TOOLS_GOLDEN_PROJECTION_WAIT_H_
#define COOPLEDGER_TOOLS_GOLDEN_PROJECTION_WAIT_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tools/golden/call_options.h"

namespace coop::golden {

struct WaitOptions {
  absl::Duration timeout = absl::Minutes(10);  // then DEADLINE_EXCEEDED
  absl::Duration poll_every = absl::Milliseconds(100);
};

// Polls Reporting.GetProjectionStatus and EventStore.GetLogInfo until every projection is
// "live" with its position equal to the log head (read after the statuses, so a log that
// grows meanwhile is polled again). Returns that head. FAILED_PRECONDITION naming the
// projection if one is "failed" or "stopped"; DEADLINE_EXCEEDED naming those still behind
// after `wait.timeout`; the call's error if a call fails. Meant for a server nobody writes
// to while it waits.
absl::StatusOr<uint64_t> WaitForProjections(const std::shared_ptr<grpc::Channel>& channel,
                                            const CallOptions& call, const WaitOptions& wait = {});

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_PROJECTION_WAIT_H_
