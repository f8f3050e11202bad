// Options of every event store backend: durability, input limits, the clock of recorded_at,
// and the sizes of a group commit. The RocksDB backend's own hooks are RocksOptions
// (eventstore/rocks/rocks_options.h). Plain structs; copy them freely. Defaults are what
// `coopd` runs with.
#ifndef COOPLEDGER_EVENTSTORE_STORE_OPTIONS_H_
#define COOPLEDGER_EVENTSTORE_STORE_OPTIONS_H_

#include <cstdint>
#include <string>

#include "eventstore/clock.h"
#include "eventstore/store_observer.h"

namespace coop::eventstore {

enum class Durability {
  // Every acknowledged append has been fsynced (WriteOptions.sync = true), amortised by
  // group commit. Survives kill -9 and power loss.
  kSync,
  // RELAXED: appends reach the OS but are not fsynced before the acknowledgement. Survives
  // kill -9 of the process, NOT power loss. For bulk loads and benchmarks only.
  kRelaxed,
};

const char* DurabilityName(Durability d);
bool ParseDurability(const std::string& text, Durability* out);

// Input limits. The gRPC server's message-size limit is derived from max_append_bytes so a
// client always gets the store's own error, which names the limit.
struct Limits {
  size_t max_payload_bytes = 1 << 20;     // one event's payload
  size_t max_events_per_append = 10'000;  // all streams of one append together
  size_t max_streams_per_append = 100;
  size_t max_append_bytes = 16 << 20;  // payloads + metadata of one append
  size_t max_stream_id_bytes = 200;
  size_t max_type_bytes = 200;
  size_t max_metadata_field_bytes = 1024;
  uint32_t max_read_count = 10'000;  // events in one read page
};

struct StoreOptions {
  Durability durability = Durability::kSync;
  Limits limits;
  // Source of recorded_at. Not owned; must outlive the store. nullptr = system clock.
  const Clock* clock = nullptr;
  // At most this many appends, and (beyond the first append) this many bytes, share one
  // group commit.
  size_t max_appends_per_batch = 4096;
  size_t max_batch_bytes = 64 << 20;
  // Back-pressure: while this many bytes of appends wait for the writer, further appends are
  // refused with RESOURCE_EXHAUSTED instead of growing memory.
  size_t max_queued_bytes = 256 << 20;
  // Create the data folder if it does not exist.
  bool create_if_missing = true;
  // Told about every group commit and completed append (metrics). Not owned; must outlive the
  // store. nullptr: none.
  StoreObserver* observer = nullptr;
};

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STORE_OPTIONS_H_
