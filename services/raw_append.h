// A raw append as the EventStore service records it, whether it came as a unary Append or in
// an AppendSession: refused if it touches a domain stream (services/domain_stream_guard.h),
// otherwise stamped with who appended. The principal is the actor, as for commands: the
// request's metadata cannot name another (in open mode the actor and agency it gives stand
// beside the local admin), and only the command services record a command digest.
// Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_RAW_APPEND_H_
#define COOPLEDGER_SERVICES_RAW_APPEND_H_

#include "absl/status/statusor.h"
#include "access/principal.h"
#include "coop/v1/eventstore.pb.h"

namespace coop::services {

// PERMISSION_DENIED naming the first domain stream (not worth retrying); otherwise the request
// with every event's metadata stamped.
absl::StatusOr<coop::v1::AppendRequest> PrepareRawAppend(coop::v1::AppendRequest request,
                                                         const access::Principal& principal);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_RAW_APPEND_H_
