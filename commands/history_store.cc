#include "commands/history_store.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "commands/bulk_appender.h"
#include "eventstore/store_factory.h"

namespace coop::commands {

absl::StatusOr<std::unique_ptr<HistoryStore>> HistoryStore::Create(const std::string& dir,
                                                                   int64_t recorded_at_micros) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        dir, " is not empty; a generated history is written only into a new or empty folder"));
  }
  std::unique_ptr<HistoryStore> history(new HistoryStore(recorded_at_micros));
  eventstore::StoreOptions options;
  options.durability = eventstore::Durability::kRelaxed;
  options.clock = &history->clock_;
  auto store = eventstore::OpenEventStore(dir, options);
  if (!store.ok()) return store.status();
  history->store_ = *std::move(store);
  history->appender_ = std::make_unique<BulkAppender>(history->store_.get(), BulkAppenderOptions());
  return history;
}

HistoryStore::HistoryStore(int64_t recorded_at_micros) : clock_(recorded_at_micros) {}

HistoryStore::~HistoryStore() { Close(); }

StreamSink& HistoryStore::sink() { return *appender_; }

uint64_t HistoryStore::events_committed() const { return appender_->events_committed(); }

void HistoryStore::Close() {
  appender_.reset();  // waits for appends in flight
  if (store_) store_->Close();
}

}  // namespace coop::commands
