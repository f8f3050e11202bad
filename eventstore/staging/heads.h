// The heads the store keeps: of each stream (its version and where it lives in the log) and
// of the log (position, chain hash, last recorded_at), and what the store answers about them.
// Plain values, shared by every backend; the RocksDB backend's byte encoding of them is in
// eventstore/rocks/keys.h. Pure; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_STAGING_HEADS_H_
#define COOPLEDGER_EVENTSTORE_STAGING_HEADS_H_

#include <cstdint>
#include <string>

#include "coop/v1/eventstore.pb.h"
#include "eventstore/canonical.h"
#include "eventstore/store_options.h"

namespace coop::eventstore {

struct StreamHead {
  uint64_t version = 0;  // 0: the stream has no events
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  int64_t created_at_micros = 0;
  int64_t last_recorded_at_micros = 0;
};

struct LogHead {
  uint64_t position = 0;  // of the last event; 0 for an empty log
  std::string chain_hash = std::string(kHashSize, '\0');
  int64_t last_recorded_at_micros = 0;
};

// What GetStreamInfo answers for a stream with this head.
coop::v1::StreamInfo ToStreamInfo(const std::string& stream_id, const StreamHead& head);
// What GetLogInfo answers for a log with this head.
coop::v1::LogInfo ToLogInfo(const LogHead& head, Durability durability);

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STAGING_HEADS_H_
