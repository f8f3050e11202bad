#include "eventstore/store_factory.h"

#include "eventstore/rocks/rocks_event_store.h"

namespace coop::eventstore {

absl::StatusOr<std::unique_ptr<EventStore>> OpenEventStore(const std::string& dir,
                                                           const StoreOptions& options) {
  auto store = RocksEventStore::Open(dir, options);
  if (!store.ok()) return store.status();
  return std::unique_ptr<EventStore>(std::move(*store));
}

}  // namespace coop::eventstore
