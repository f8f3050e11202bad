// The audit trail (coop.v1.Audit.ListTrail): the log's events filtered by who recorded them
// (actor, agency), when (a recorded-at range), where (an area), and whether they corrected an
// earlier event — each correction with what it voided or amended and why.
//
// Filtered on the server and paged: a call examines at most kTrailScanPerCall positions, so a
// sparse query never holds a query worker long; its reply then carries fewer entries (even
// none) and a token to go on from. A reply also ends at kTrailMaxBytes of payload. The area and the
// corrections use the store's filter (the area index); the recorded-at range is turned into a range
// of positions with the time index (recorded_at never decreases along positions), so a filtered
// query stops at its end too. Actor and agency are compared exactly with the event's metadata.
//
// Thread-safe (the log is).
#ifndef COOPLEDGER_SERVICES_AUDIT_TRAIL_H_
#define COOPLEDGER_SERVICES_AUDIT_TRAIL_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "coop/v1/audit.pb.h"
#include "eventstore/event_store.h"

namespace coop::services {

inline constexpr uint32_t kTrailDefaultPageSize = 100;
inline constexpr uint32_t kTrailMaxPageSize = 1000;
inline constexpr uint64_t kTrailScanPerCall = 50'000;
// Events read from the store at a time, and the payload bytes of one reply (it always holds
// at least one entry), which keeps a reply under the server's message limit.
inline constexpr uint32_t kTrailReadChunk = 1'000;
inline constexpr uint64_t kTrailMaxBytes = 512 << 10;

// One page of the trail. INVALID_ARGUMENT naming the field for a page size above
// kTrailMaxPageSize, a page token that is not one this service gave, a range that ends before
// it starts, or an area without code or unit set.
absl::StatusOr<coop::v1::TrailReply> ListTrail(eventstore::EventStore& log,
                                               const coop::v1::TrailRequest& request);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_AUDIT_TRAIL_H_
