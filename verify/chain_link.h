// ChainLink: the check of one event of the log against the events before it, from the
// envelope's fields alone. The event store's own verification (eventstore/staging/
// chain_verifier.h) and an auditor's check of an export (log_replay.h) both use it, so the
// server and coopctl cannot disagree on what a valid log is.
//
// An event is the next link when it is at the next position, its id is a UUID in the
// lower-case form the store writes, its prev_hash is the hash of the event before it, its hash
// and leaf_hash are those of its canonical encoding (canonical.h), and its recorded_at does not
// go backwards.
//
// Thread-compatible: one ChainLink per walk along the log.
#ifndef COOPLEDGER_VERIFY_CHAIN_LINK_H_
#define COOPLEDGER_VERIFY_CHAIN_LINK_H_

#include <cstdint>
#include <string>

#include "coop/v1/event.pb.h"

namespace coop::verify {

// What is wrong with an event that is not the next link; kNone when it is.
enum class LinkProblem {
  kNone,
  kWrongPosition,        // the event says another position than the next one
  kEventIdForm,          // the id is not a UUID in lower-case canonical form
  kPrevHash,             // prev_hash is not the hash of the event before it
  kHash,                 // hash is not SHA-256(prev_hash ‖ canonical)
  kLeafHash,             // leaf_hash is not SHA-256(0x00 ‖ canonical)
  kRecordedAtBackwards,  // recorded_at is before the previous event's
};

// The problem in words: `vietnamese` or English. The English texts are the event store's
// VerifyLog problems.
const char* LinkProblemText(LinkProblem problem, bool vietnamese);

class ChainLink {
 public:
  // A walk that starts at position `next_position`, after an event whose hash is `prev_hash`
  // (32 zero bytes before position 1) and whose recorded_at is `last_recorded_at_micros`.
  explicit ChainLink(uint64_t next_position = 1, std::string prev_hash = std::string(32, '\0'),
                     int64_t last_recorded_at_micros = 0);

  // Checks `event` as the next link. On kNone the walk moves past it and `leaf_hash()` is its
  // recomputed leaf hash; otherwise nothing changes.
  LinkProblem Next(const coop::v1::RecordedEvent& event);

  uint64_t next_position() const { return next_position_; }
  // The hash of the last event walked past (the chain head so far).
  const std::string& chain_head() const { return prev_hash_; }
  // The leaf hash of the last event walked past, as recomputed.
  const std::string& leaf_hash() const { return leaf_hash_; }
  // The recorded_at of the last event walked past (a signed head's timestamp at its size).
  int64_t last_recorded_at_micros() const { return last_recorded_at_; }

 private:
  uint64_t next_position_;
  std::string prev_hash_;
  int64_t last_recorded_at_;
  std::string leaf_hash_;
};

}  // namespace coop::verify

#endif  // COOPLEDGER_VERIFY_CHAIN_LINK_H_
