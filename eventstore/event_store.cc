#include "eventstore/event_store.h"

#include <bit>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "verify/merkle.h"

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

namespace {

// OUT_OF_RANGE for a tree larger than the committed log.
absl::Status WithinHead(uint64_t size, uint64_t head) {
  if (size <= head) return absl::OkStatus();
  return absl::OutOfRangeError(
      absl::StrCat("tree size ", size, " is beyond the log's head, position ", head));
}

// The perfect subtree roots the store keeps, as verify/merkle.h asks for them.
verify::SubtreeRoot NodesOf(EventStore* store) {
  return [store](uint64_t start, uint64_t count) {
    return store->MerkleNode(std::countr_zero(count), start / count);
  };
}

}  // namespace

absl::Status EventStore::Checkpoint(const std::string& dir) {
  return absl::UnimplementedError("this event store backend cannot write a checkpoint of its log");
}

absl::StatusOr<base::Compaction> EventStore::Compact(const std::function<bool()>& cancelled) {
  return absl::UnimplementedError("this event store backend has nothing to compact");
}

absl::StatusOr<std::string> EventStore::TreeRoot(uint64_t size) {
  if (auto st = WithinHead(size, GetLogInfo().head_position()); !st.ok()) return st;
  return verify::TreeRoot(size, NodesOf(this));
}

absl::StatusOr<std::vector<std::string>> EventStore::InclusionProof(uint64_t position,
                                                                    uint64_t tree_size) {
  if (position == 0 || position > tree_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("position ", position, " is not in a tree of size ", tree_size));
  }
  if (auto st = WithinHead(tree_size, GetLogInfo().head_position()); !st.ok()) return st;
  return verify::InclusionProof(position - 1, tree_size, NodesOf(this));
}

absl::StatusOr<std::vector<std::string>> EventStore::ConsistencyProof(uint64_t old_size,
                                                                      uint64_t new_size) {
  if (old_size == 0 || old_size > new_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("no consistency proof from tree size ", old_size, " to ", new_size));
  }
  if (auto st = WithinHead(new_size, GetLogInfo().head_position()); !st.ok()) return st;
  return verify::ConsistencyProof(old_size, new_size, NodesOf(this));
}

}  // namespace coop::eventstore
