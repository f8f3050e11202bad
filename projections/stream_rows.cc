#include "projections/stream_rows.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "coop/v1/reporting.pb.h"

namespace coop::projections {

absl::StatusOr<std::vector<coop::v1::RecordedEvent>> ReadStreamRow(ProjectionWriter& writer,
                                                                   const std::string& key) {
  auto row = writer.Get(key);
  if (!row.ok()) return row.status();
  std::vector<coop::v1::RecordedEvent> events;
  if (!row->has_value()) return events;
  coop::v1::CooperativeRegistryStream stream;
  if (!stream.ParseFromString(**row)) {
    return absl::DataLossError(absl::StrCat("unreadable stream row ", key));
  }
  events.assign(stream.events().begin(), stream.events().end());
  return events;
}

absl::StatusOr<StreamRowUpdate> AppendToStreamRow(ProjectionWriter& writer, const std::string& key,
                                                  const coop::v1::RecordedEvent& event) {
  auto before = ReadStreamRow(writer, key);
  if (!before.ok()) return before.status();
  StreamRowUpdate update;
  update.before = std::move(*before);
  update.after = update.before;
  update.after.push_back(event);
  auto& kept = update.after.back();
  kept.clear_prev_hash();
  kept.clear_hash();
  kept.clear_leaf_hash();
  coop::v1::CooperativeRegistryStream stream;
  for (const auto& e : update.after) *stream.add_events() = e;
  writer.Put(key, stream.SerializeAsString());
  return update;
}

}  // namespace coop::projections
