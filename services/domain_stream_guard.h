// The domain's streams are written only by the command services: a raw EventStore/Append
// (or any later streaming append) that touches a stream of a domain category
// (domain/streams/domain_streams.h: cooperatives, code reservations, groups, halls, classes,
// OCOP products, grants, placements, plans) is refused for every principal, admins included,
// matched case-insensitively. Otherwise a raw append could rename a cooperative, share its
// code or block a code for ever, past every rule the deciders keep. The event store itself
// knows nothing of this: in-process callers (tests, the generators) append as before, and
// restoring a backup is its own admin path. Pure; thread-safe.
#ifndef COOPLEDGER_SERVICES_DOMAIN_STREAM_GUARD_H_
#define COOPLEDGER_SERVICES_DOMAIN_STREAM_GUARD_H_

#include "absl/status/status.h"
#include "coop/v1/eventstore.pb.h"

namespace coop::services {

// PERMISSION_DENIED naming the first stream of a domain category ("streams[0].stream_id:
// 'coop-…' is a stream of cooperatives and unions (HTX, LHHTX), written only through the
// command services"); OK otherwise.
absl::Status CheckRawAppend(const coop::v1::AppendRequest& request);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_DOMAIN_STREAM_GUARD_H_
