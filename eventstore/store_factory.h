// Opening an event store. The server and the tools open the log through here and hold an
// EventStore; which backend serves it is decided here alone. Today there is one backend, the
// embedded RocksDB log (eventstore/rocks/); a replicated backend would be chosen here too.
// Thread-safe.
#ifndef COOPLEDGER_EVENTSTORE_STORE_FACTORY_H_
#define COOPLEDGER_EVENTSTORE_STORE_FACTORY_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "eventstore/event_store.h"
#include "eventstore/store_options.h"

namespace coop::eventstore {

// Opens (or, with options.create_if_missing, creates) the embedded store in the folder
// `dir`. Errors: UNAVAILABLE if the folder cannot be created or opened (e.g. another process
// holds it: retry once it has stopped), FAILED_PRECONDITION for an unknown format version,
// DATA_LOSS for damaged storage (not retryable: restore from a backup).
absl::StatusOr<std::unique_ptr<EventStore>> OpenEventStore(const std::string& dir,
                                                           const StoreOptions& options);

// The shape of a backend's opener, e.g. OpenEventStore; the conformance tests take one.
using StoreOpener = std::function<absl::StatusOr<std::unique_ptr<EventStore>>(
    const std::string& dir, const StoreOptions& options)>;

}  // namespace coop::eventstore

#endif  // COOPLEDGER_EVENTSTORE_STORE_FACTORY_H_
