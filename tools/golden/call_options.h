// How tools/golden calls coopd: the per-call deadline and the authorization header, and the
// mapping of a gRPC error to an absl::Status that names the call. Pure functions; thread-safe.
#ifndef COOPLEDGER_TOOLS_GOLDEN_CALL_OPTIONS_H_
#define COOPLEDGER_TOOLS_GOLDEN_CALL_OPTIONS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace coop::golden {

struct CallOptions {
  // Sent as the "authorization" metadata of every call when not empty, e.g. "Bearer <token>";
  // empty for a coopd in open mode.
  std::string authorization;
  // The deadline of each call (a replayed statistic of the nation may take a while).
  absl::Duration timeout = absl::Seconds(60);
};

// A context for one call: the deadline from now and the authorization header.
std::unique_ptr<grpc::ClientContext> NewContext(const CallOptions& options);

// `status` as an absl::Status with the same code, its message prefixed with `what` (the call
// and what it asked for, e.g. "GetAnnualStatistics 2024 province:96@2025-03").
absl::Status FromGrpc(const grpc::Status& status, absl::string_view what);

}  // namespace coop::golden

#endif  // COOPLEDGER_TOOLS_GOLDEN_CALL_OPTIONS_H_
