#include "services/proven_read.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "eventstore/validation.h"

namespace coop::services {

absl::StatusOr<coop::v1::ProvenReadReply> ReadProven(eventstore::EventStore& log,
                                                     const TreeHeadSigner& signer,
                                                     const coop::v1::ProvenReadRequest& request) {
  if (request.max_count() > kProvenReadMaxCount) {
    return absl::InvalidArgumentError(
        absl::StrCat("max_count: tối đa ", kProvenReadMaxCount,
                     " sự kiện trong một trang kèm bằng chứng / max_count: at most ",
                     kProvenReadMaxCount, " events in one proven page"));
  }
  if (auto st = eventstore::ValidateFilter(request.filter(), log.limits()); !st.ok()) return st;
  // The head first: it fixes the tree the page is proven in, whatever commits meanwhile.
  auto head = signer.HeadOf(log, request.tree_size());
  if (!head.ok()) return head.status();
  const uint64_t tree_size = head->size();
  const uint64_t from = std::max<uint64_t>(request.from_position(), 1);

  coop::v1::ProvenReadReply reply;
  *reply.mutable_tree_head() = *head;
  if (from > tree_size) return reply;  // next_position 0: nothing more in this tree

  const uint32_t count = request.max_count() == 0 ? kProvenReadDefaultCount : request.max_count();
  eventstore::ReadAllQuery query;
  query.from_position = from;
  query.max_count = count;
  query.filter = request.filter();
  // Never past the tree, nor more than a call's share of it.
  query.max_scan = std::min(tree_size - from + 1, kProvenReadScanPerCall);
  query.max_bytes = kProvenReadMaxBytes;
  auto page = log.ReadAll(query);
  if (!page.ok()) return page.status();
  uint64_t next = page->next_position;
  for (auto& event : page->events) {
    if (event.position() > tree_size) {
      next = event.position();
      break;
    }
    auto path = log.InclusionProof(event.position(), tree_size);
    if (!path.ok()) return path.status();
    auto* proven = reply.add_events();
    for (auto& hash : *path) proven->add_audit_path(std::move(hash));
    *proven->mutable_event() = std::move(event);
  }
  reply.set_next_position(next == 0 || next > tree_size ? 0 : next);
  return reply;
}

}  // namespace coop::services
