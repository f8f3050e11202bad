// Stream rows: a projection's copy of one stream's events (corrections included, hashes
// stripped), kept so the stream can be re-folded when a correction (coop.v1.EventVoided /
// EventAmended) arrives without reading the log from Apply. The row format is
// coop.v1.CooperativeRegistryStream, whatever the aggregate.
//
// Pure functions over a ProjectionWriter; thread-safety as the writer's.
#ifndef COOPLEDGER_PROJECTIONS_STREAM_ROWS_H_
#define COOPLEDGER_PROJECTIONS_STREAM_ROWS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "coop/v1/event.pb.h"
#include "projections/projection.h"

namespace coop::projections {

// The events stored under `key` (empty if there is no row). DATA_LOSS if unreadable.
absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStreamRow(ProjectionWriter& writer,
                                                                   const std::string& key);

// Pointers to a stream's events (a vector or a repeated field), in order, for the folds over
// references (no copies); the events must outlive them.
template <typename Events>
std::vector<const coop::v1::RecordedEvent*> RefsTo(const Events& events) {
  std::vector<const coop::v1::RecordedEvent*> refs;
  refs.reserve(events.size());
  for (const auto& event : events) refs.push_back(&event);
  return refs;
}

// Appends `event` (hashes stripped) to the row under `key` and stages the row; returns the
// events before and after the append.
struct StreamRowUpdate {
  std::vector<coop::v1::RecordedEvent> before;
  std::vector<coop::v1::RecordedEvent> after;
};
absl::StatusOr<StreamRowUpdate> AppendToStreamRow(ProjectionWriter& writer, const std::string& key,
                                                  const coop::v1::RecordedEvent& event);

}  // namespace coop::projections

#endif  // COOPLEDGER_PROJECTIONS_STREAM_ROWS_H_
