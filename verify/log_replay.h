// LogReplay: rebuilds, from a copy of the log alone (an export), everything the store derived
// from it — each event's canonical bytes, chain hash and leaf hash, and the RFC 9162 Merkle
// tree over the leaves — and names the first position where the copy disagrees with itself.
// The hash fields the copy carries are only compared, never trusted. `coopctl audit verify`
// and `coopctl audit export` feed it an export line by line.
//
// Thread-compatible: one replay per walk over a copy.
#ifndef COOPLEDGER_VERIFY_LOG_REPLAY_H_
#define COOPLEDGER_VERIFY_LOG_REPLAY_H_

#include <cstdint>
#include <string>

#include "coop/v1/event.pb.h"
#include "verify/chain_link.h"
#include "verify/merkle.h"

namespace coop::verify {

class LogReplay {
 public:
  // Takes the event at position size() + 1. On anything but kNone the replay does not move,
  // and the first bad position is size() + 1.
  LinkProblem Add(const coop::v1::RecordedEvent& event);

  // Events replayed so far: positions 1..size().
  uint64_t size() const { return tree_.size(); }
  // The hash of the event at size() (32 zero bytes when empty).
  const std::string& chain_head() const { return link_.chain_head(); }
  // MTH of positions 1..size(), as rebuilt.
  std::string Root() const { return tree_.Root(); }
  // The recorded_at of the event at size(): what a signed head of that size says its time is.
  int64_t last_recorded_at_micros() const { return link_.last_recorded_at_micros(); }

 private:
  ChainLink link_;
  CompactRange tree_;
};

}  // namespace coop::verify

#endif  // COOPLEDGER_VERIFY_LOG_REPLAY_H_
