// ChainVerifier: the backend-neutral check of the hash chain over a range of positions. A
// backend feeds it the stored events in position order; it recomputes each one's canonical
// encoding, chain hash and leaf hash, and reports the first position where anything
// disagrees: a missing or misplaced event, bytes that do not parse, an event id not in the
// form the store writes, a broken link, a changed event, recorded_at going backwards, or a log
// head that names another chain head.
//
// Not thread-safe: one verifier per verification.
#ifndef COOPLEDGER_EVENTSTORE_STAGING_CHAIN_VERIFIER_H_
#define COOPLEDGER_EVENTSTORE_STAGING_CHAIN_VERIFIER_H_

#include <cstdint>
#include <string>

#include "coop/v1/eventstore.pb.h"
#include "eventstore/staging/heads.h"
#include "verify/chain_link.h"

namespace coop::eventstore {

// The range a Verify(from, to) call covers: 0 means the start (from) or the head (to), and
// `to` is clamped to the head. Empty (from > to) for an empty log or a range after the head.
struct VerifyRange {
  uint64_t from = 1;
  uint64_t to = 0;
  bool empty() const { return from > to; }
};
VerifyRange ClampVerifyRange(uint64_t from, uint64_t to, uint64_t head_position);
// The answer for an empty range: nothing to check, so ok.
coop::v1::VerifyLogResponse EmptyRangeVerified(const VerifyRange& range);

class ChainVerifier {
 public:
  // Verifies [from, to] (REQUIRES: 1 <= from <= to). `prev_hash` is the hash of the event at
  // from - 1 (32 zero bytes if from is 1).
  ChainVerifier(uint64_t from, uint64_t to, std::string prev_hash);

  // The next stored event, in key order: `stored_position` is where it was stored, `event`
  // is null if its bytes did not parse. Returns false once a problem has been found (then
  // Finish reports it; feed nothing more).
  bool Next(uint64_t stored_position, const coop::v1::RecordedEvent* event);
  // True once every position up to `to` has been checked.
  bool Done() const { return expected_ > to_; }
  // After the last event: reports a problem found, a missing tail, or (if `to` is the head's
  // position) a chain head in `head` that differs from the last event's hash.
  coop::v1::VerifyLogResponse Finish(const LogHead& head);

 private:
  bool Fail(uint64_t position, std::string problem);

  const uint64_t to_;
  uint64_t expected_;
  verify::ChainLink link_;  // the per-event checks, shared with an auditor's tools
  bool failed_ = false;
  coop::v1::VerifyLogResponse response_;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STAGING_CHAIN_VERIFIER_H_
