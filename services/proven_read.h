// Verifiable reads (coop.v1.Audit.ReadProven): a page of the log, each event with its audit
// path in the tree of a given size, and the signed head of that size. A client that keeps a
// signed head checks every event of the page against it without trusting the server: it
// recomputes the leaf hash from the event's fields and folds the path up to the kept root.
//
// Thread-safe (the log and the signer are).
#ifndef COOPLEDGER_SERVICES_PROVEN_READ_H_
#define COOPLEDGER_SERVICES_PROVEN_READ_H_

#include "absl/status/statusor.h"
#include "coop/v1/audit.pb.h"
#include "eventstore/event_store.h"
#include "services/tree_head_signer.h"

namespace coop::services {

inline constexpr uint32_t kProvenReadDefaultCount = 100;
// At most this many events, this many positions examined, and (beyond the first event) this
// many payload bytes in one page: with its audit paths a page stays under the server's
// message limit, and a sparse filter pages through the tree instead of holding a worker.
inline constexpr uint32_t kProvenReadMaxCount = 500;
inline constexpr uint64_t kProvenReadScanPerCall = 50'000;
inline constexpr uint64_t kProvenReadMaxBytes = 256 << 10;

// One page, forwards from request.from_position(), of the events (matching the filter) at
// positions up to the tree's size. INVALID_ARGUMENT for a bad filter or a max_count above
// kProvenReadMaxCount; OUT_OF_RANGE for a tree beyond the head.
absl::StatusOr<coop::v1::ProvenReadReply> ReadProven(eventstore::EventStore& log,
                                                     const TreeHeadSigner& signer,
                                                     const coop::v1::ProvenReadRequest& request);

}  // namespace coop::services

#endif  // COOPLEDGER_SERVICES_PROVEN_READ_H_
