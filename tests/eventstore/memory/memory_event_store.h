// MemoryEventStore: a small event store that keeps its log in memory, for tests only. It is
// built from the backend-neutral code every backend shares — validation, the AppendStager
// (idempotency, expected versions, gap-free positions, hash chain) and the ChainVerifier —
// so the conformance suite (tests/eventstore/conformance/) runs against it beside RocksDB: a
// second backend needs only storage around that code.
//
// A log lives, by folder name, as long as the process: closing a store and opening the same
// folder again finds the log as it was, as with a real folder; one store at a time may hold
// a folder. Appends are staged and committed one at a time (no group commit), and completed
// on the caller's thread. Durability is nominal: nothing reaches a disk.
//
// Thread-safety: all public methods are thread-safe.
#ifndef COOPLEDGER_TESTS_EVENTSTORE_MEMORY_MEMORY_EVENT_STORE_H_
#define COOPLEDGER_TESTS_EVENTSTORE_MEMORY_MEMORY_EVENT_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "eventstore/event_store.h"

namespace coop::testing {

// Opens the in-memory log of `dir` (created empty on first use); a StoreOpener.
// UNAVAILABLE if another open store holds it.
absl::StatusOr<std::unique_ptr<eventstore::EventStore>> OpenMemoryEventStore(
    const std::string& dir, const eventstore::StoreOptions& options);

}  // namespace coop::testing

#endif  // COOPLEDGER_TESTS_EVENTSTORE_MEMORY_MEMORY_EVENT_STORE_H_
