// RocksDB key and value encodings of the event store. The layout is documented in
// eventstore/README.md; integers are fixed-width big-endian so byte order is numeric order.
// Pure functions; thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_ROCKS_KEYS_H_
#define COOPLEDGER_EVENTSTORE_ROCKS_KEYS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "eventstore/staging/heads.h"

namespace coop::eventstore::keys {

// events: position -> RecordedEvent
std::string EventKey(uint64_t position);
// stream_index: stream ‖ 0x00 ‖ version -> position
std::string StreamIndexKey(std::string_view stream_id, uint64_t version);
std::string StreamIndexPrefix(std::string_view stream_id);
// time_index: recorded_at ‖ position -> empty
std::string TimeIndexKey(int64_t recorded_at_micros, uint64_t position);
// area_index: unit_set ‖ 0x00 ‖ code ‖ 0x00 ‖ position -> empty
std::string AreaIndexPrefix(std::string_view unit_set, std::string_view code);
std::string AreaIndexKey(std::string_view unit_set, std::string_view code, uint64_t position);

// streams: stream -> head
std::string EncodeStreamHead(const StreamHead& head);
bool DecodeStreamHead(std::string_view in, StreamHead* head);

// merkle: level (1 byte) ‖ index (8) -> the 32-byte root of the perfect subtree of the leaves
// [index·2^level, (index+1)·2^level); level 0 holds the leaf hashes themselves.
std::string MerkleNodeKey(int level, uint64_t index);

// meta "merkle_size": how many leaves the merkle family covers (8 bytes); equal to the log
// head's position once a store has opened (older stores are brought level on open).
inline constexpr std::string_view kMerkleSizeKey = "merkle_size";

// meta "log_head": position ‖ chain hash (32) ‖ last recorded_at
inline constexpr std::string_view kLogHeadKey = "log_head";
inline constexpr std::string_view kFormatVersionKey = "format_version";
std::string EncodeLogHead(const LogHead& head);
bool DecodeLogHead(std::string_view in, LogHead* head);

}  // namespace coop::eventstore::keys

#endif  // COOPLEDGER_EVENTSTORE_ROCKS_KEYS_H_
