#include "eventstore/event_store.h"

#include <utility>

#include "absl/synchronization/notification.h"

namespace coop::eventstore {

absl::StatusOr<coop::v1::AppendResponse> EventStore::Append(coop::v1::AppendRequest request) {
  absl::Notification done;
  absl::StatusOr<coop::v1::AppendResponse> result;
  AppendAsync(std::move(request), [&](absl::StatusOr<coop::v1::AppendResponse> r) {
    result = std::move(r);
    done.Notify();
  });
  done.WaitForNotification();
  return result;
}

}  // namespace coop::eventstore
