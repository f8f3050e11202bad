// Linked streams: facts about a cooperative or a cooperative group that arrive in other
// aggregates' streams — an OCOP product's cooperative (`ocop-`), a support grant's recipient
// (`grant-`), a graduate placement's cooperative (`placement-`). A projection keeps each
// linked stream's events (stream_rows.h) and re-folds them on every event, corrections
// honoured, to find which owner the stream concerns now and what it says; the owner's view
// then carries that summary. An amendment that changes the owner moves the summary.
//
// Pure; thread-safe.
#ifndef COOPLEDGER_PROJECTIONS_LINKED_STREAMS_H_
#define COOPLEDGER_PROJECTIONS_LINKED_STREAMS_H_

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "coop/v1/event.pb.h"
#include "coop/v1/reporting.pb.h"
#include "google/protobuf/repeated_field.h"

namespace coop::projections {

// What one linked stream says, once folded. At most one owner id and one summary are set.
struct LinkedFact {
  std::string entity_id;       // the product, grant or placement id
  std::string cooperative_id;  // the owner if a cooperative
  std::string group_id;        // the owner if a cooperative group (grants only)
  std::optional<coop::v1::OcopProductSummary> ocop;
  std::optional<coop::v1::SupportSummary> support;
  std::optional<coop::v1::PlacementSummary> placement;
};

// Whether the event belongs to a linked stream and matters to it: a member of the stream's
// event union, or a correction in such a stream.
bool IsLinkedEvent(const coop::v1::RecordedEvent& event);
// Whether the stream is a grant's (the only linked streams groups care about).
bool IsGrantStream(const std::string& stream_id);

// Folds a linked stream's effective events. An empty fact if nothing counts.
LinkedFact FoldLinkedStream(const std::string& stream_id,
                            const std::vector<coop::v1::RecordedEvent>& stream);

// Replaces the entry whose id is `id` in `list` by `entry` (nullopt: removes it), keeping the
// list in id order, so the rows are the same however the events interleave.
template <typename T, typename IdOf>
void UpsertById(google::protobuf::RepeatedPtrField<T>* list, const std::string& id,
                const std::optional<T>& entry, IdOf id_of) {
  for (int i = 0; i < list->size(); ++i) {
    if (id_of(list->Get(i)) == id) {
      list->DeleteSubrange(i, 1);
      break;
    }
  }
  if (!entry.has_value()) return;
  auto it = std::lower_bound(list->begin(), list->end(), id,
                             [&](const T& e, const std::string& key) { return id_of(e) < key; });
  const int at = static_cast<int>(it - list->begin());
  *list->Add() = *entry;
  for (int i = list->size() - 1; i > at; --i) list->SwapElements(i, i - 1);
}

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_LINKED_STREAMS_H_
